//! One fixture per group of schema constructs (`fixtures/constructs/`): a snapshot of the
//! generated code, which `build.rs` also compiles into this crate, and a read-and-write
//! round trip of example XML through it.

use std::path::Path;

use integration_tests::constructs::open_content::{Note, Person, Save};
use soap_runtime::{FromXml, Limits, RawXml, ToXml, XmlReader, XmlWriter};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/constructs")
        .join(name)
}

fn read<T: FromXml>(xml: &str) -> T {
    let mut reader = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let root = reader.root().unwrap();
    T::read_xml(&mut reader, &root).unwrap()
}

fn write<T: ToXml>(ns: &'static str, name: &'static str, value: &T) -> String {
    let mut writer = XmlWriter::new(false);
    writer.complex_element(ns, name, value);
    String::from_utf8(writer.finish().unwrap()).unwrap()
}

#[test]
fn open_content_generated_code() {
    let source = soap_codegen::Generator::new()
        .generate(fixture("open_content.wsdl"))
        .unwrap();
    insta::assert_snapshot!("open_content_generated", source);
}

#[test]
fn open_content_reads_attributes_groups_any_and_mixed_content() {
    let xml = std::fs::read_to_string(fixture("open_content.xml")).unwrap();
    let save: Save = read(&xml);
    let expected = Person {
        first: "美玲".into(),
        last: Some("陳".into()),
        note: Some(Note { content: RawXml("Call <b>before</b> noon &amp; <b>after</b> six.".into()) }),
        any: vec![
            RawXml(r#"<ext:loyalty xmlns:ext="urn:ext" tier="gold"><ext:since>2019</ext:since></ext:loyalty>"#.into()),
            RawXml(r#"<ext:flag xmlns:ext="urn:ext" />"#.into()),
        ],
        id: "p-1".into(),
        version: Some(3),
        lang: Some("zh-TW".into()),
        created_by: "ops".into(),
        revision: Some(42),
    };
    assert_eq!(save.person, expected);
}

#[test]
fn open_content_writes_what_it_reads() {
    let xml = std::fs::read_to_string(fixture("open_content.xml")).unwrap();
    let save: Save = read(&xml);
    let written = write("urn:open", "Save", &save);
    assert_eq!(
        written,
        concat!(
            r#"<Save xmlns="urn:open"><person id="p-1" xmlns:a1="urn:open" a1:version="3" xml:lang="zh-TW" createdBy="ops" revision="42">"#,
            r#"<first>美玲</first><last>陳</last><note>Call <b>before</b> noon &amp; <b>after</b> six.</note>"#,
            r#"<ext:loyalty xmlns:ext="urn:ext" tier="gold"><ext:since>2019</ext:since></ext:loyalty><ext:flag xmlns:ext="urn:ext" />"#,
            r#"</person></Save>"#
        )
    );
    let again: Save = read(&written);
    assert_eq!(again, save);
}

#[test]
fn a_missing_required_attribute_is_a_located_error() {
    let xml = r#"<Save xmlns="urn:open"><person createdBy="ops"><first>A</first></person></Save>"#;
    let mut reader = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let root = reader.root().unwrap();
    let error = Save::read_xml(&mut reader, &root).unwrap_err();
    assert_eq!(
        error.kind,
        soap_runtime::DecodeErrorKind::MissingElement { name: "@id".into() }
    );
    assert_eq!(
        (error.line, error.column, error.path.as_str()),
        (1, 24, "/Save/person")
    );
}
