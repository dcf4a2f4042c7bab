//! Extension chains are linear: a derived type holds its base instead of copying the
//! base's fields, so the generated code grows with the number of declarations, not with
//! the square of the chain's length (a 500-level chain once made 49 MB of Rust).
//! Sizes, not times, are asserted; CORPUS.md has the timings.

use std::path::PathBuf;

use soap_codegen::Generator;

/// How each level of a generated chain is declared.
#[derive(Clone, Copy, Debug)]
enum Chain {
    /// complexContent extensions of a concrete root, an element and an attribute each.
    Complex,
    /// The same with every level but the last abstract (each an enum and a content struct).
    Abstract,
    /// simpleContent extensions, an attribute each.
    Simple,
}

/// A WSDL whose one operation carries a `T0`, the root of a chain `T0` ← `T1` ← … of
/// `levels` types, declared leaf first if `reversed`.
fn chain_wsdl(chain: Chain, levels: usize, reversed: bool) -> String {
    let mut types: Vec<String> = (0..levels)
        .map(|i| {
            let is_abstract = matches!(chain, Chain::Abstract) && i + 1 < levels;
            let abstract_attr = if is_abstract { r#" abstract="true""# } else { "" };
            match (chain, i) {
                (Chain::Simple, 0) => concat!(
                    r#"<xs:complexType name="T0"><xs:simpleContent><xs:extension base="xs:string">"#,
                    r#"<xs:attribute name="a0" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>"#
                )
                .to_owned(),
                (Chain::Simple, _) => format!(
                    r#"<xs:complexType name="T{i}"><xs:simpleContent><xs:extension base="tns:T{}"><xs:attribute name="a{i}" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>"#,
                    i - 1
                ),
                (_, 0) => format!(
                    r#"<xs:complexType name="T0"{abstract_attr}><xs:sequence><xs:element name="e0" type="xs:string"/></xs:sequence><xs:attribute name="a0" type="xs:string"/></xs:complexType>"#
                ),
                _ => format!(
                    r#"<xs:complexType name="T{i}"{abstract_attr}><xs:complexContent><xs:extension base="tns:T{}"><xs:sequence><xs:element name="e{i}" type="xs:string"/></xs:sequence><xs:attribute name="a{i}" type="xs:string"/></xs:extension></xs:complexContent></xs:complexType>"#,
                    i - 1
                ),
            }
        })
        .collect();
    if reversed {
        types.reverse();
    }
    format!(
        r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
             xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:chain" targetNamespace="urn:chain">
  <types><xs:schema targetNamespace="urn:chain" elementFormDefault="qualified">
{}
    <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="v" type="tns:T0"/></xs:sequence></xs:complexType></xs:element>
  </xs:schema></types>
  <message name="In"><part name="body" element="tns:Req"/></message>
  <portType name="Port"><operation name="Op"><input message="tns:In"/><output message="tns:In"/></operation></portType>
  <binding name="B" type="tns:Port"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Op"><soap:operation soapAction="Op"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://localhost/"/></port></service>
</definitions>"#,
        types.join("\n")
    )
}

/// The code generated for `chain` of `levels` types.
fn generate(chain: Chain, levels: usize, reversed: bool) -> String {
    let dir = std::env::temp_dir().join(format!(
        "soap-codegen-chain-{}-{chain:?}-{levels}-{reversed}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join("Chain.wsdl");
    std::fs::write(&path, chain_wsdl(chain, levels, reversed)).unwrap();
    let source = Generator::new().generate(&path);
    std::fs::remove_dir_all(&dir).unwrap();
    source.unwrap_or_else(|e| panic!("{chain:?} chain of {levels}: {e}"))
}

/// Doubling the chain at most (a little more than) doubles the code, for a chain of
/// 500 and of 1000, declared root first or leaf first.
fn assert_linear(chain: Chain) {
    for reversed in [false, true] {
        let half = generate(chain, 500, reversed).len();
        let full = generate(chain, 1000, reversed).len();
        let ratio = full as f64 / half as f64;
        assert!(
            ratio < 2.3,
            "{chain:?} chain (reversed: {reversed}): 500 levels {half} bytes, 1000 levels {full} bytes"
        );
        // About 4 KB of Rust per level (a struct, its impls; an abstract level also its
        // enum and content struct), never the inherited fields again.
        assert!(
            full < 1000 * 7_000,
            "{chain:?}: {full} bytes for 1000 levels"
        );
    }
}

#[test]
fn a_complex_content_chain_is_linear() {
    assert_linear(Chain::Complex);
}

#[test]
fn an_abstract_chain_is_linear() {
    assert_linear(Chain::Abstract);
}

#[test]
fn a_simple_content_chain_is_linear() {
    assert_linear(Chain::Simple);
}

#[test]
fn each_level_names_only_its_own_fields_and_holds_its_base() {
    let source = generate(Chain::Complex, 60, false);
    // The root's element is named by the root alone: its struct field and doc, its
    // field table, its required check, and the leaf's enum variant doc does not name it.
    let root_mentions = source.matches("\"e0\"").count();
    assert_eq!(
        root_mentions,
        generate(Chain::Complex, 120, false)
            .matches("\"e0\"")
            .count()
    );
    assert!(source.contains("pub struct T59 {"), "{source}");
    assert!(source.contains("pub base: T58,"));
    // Held inline 60 deep would overflow rustc's drop check: some bases are boxed.
    assert!(source.contains("pub base: Box<T"), "no boxed base");
}
