//! The reader's behaviour on small documents.

use super::*;
use crate::xml::DecodeErrorKind;

/// Calls `check` with every byte string of up to `max_len` bytes drawn from `alphabet`
/// (with repeats), for the scanners' exhaustive tests.
pub(super) fn every_string(alphabet: &[u8], max_len: u32, mut check: impl FnMut(&[u8])) {
    let mut string = Vec::new();
    for len in 0..=max_len {
        for mut n in 0..alphabet.len().pow(len) {
            string.clear();
            for _ in 0..len {
                string.push(alphabet[n % alphabet.len()]);
                n /= alphabet.len();
            }
            check(&string);
        }
    }
}

fn reader(xml: &str) -> XmlReader<'_> {
    XmlReader::new(xml.as_bytes(), Limits::default()).unwrap()
}

#[test]
fn matches_fields_by_namespace_not_prefix_and_skips_unknown() {
    let xml = r#"<a:R xmlns:a="urn:x"><a:one>1</a:one><b:extra xmlns:b="urn:x"><deep/></b:extra><two xmlns="urn:x">2 &amp; 3</two></a:R>"#;
    let mut r = reader(xml);
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let fields = [("urn:x", "one"), ("urn:x", "two")];
    let (i, one) = r.next_field(&mut children, &fields).unwrap().unwrap();
    assert_eq!(i, 0);
    assert_eq!(r.read_value::<i32>(one).unwrap(), 1);
    let (i, two) = r.next_field(&mut children, &fields).unwrap().unwrap();
    assert_eq!(i, 1);
    assert_eq!(r.read_text(&two).unwrap(), "2 & 3");
    assert!(r.next_field(&mut children, &fields).unwrap().is_none());
}

#[test]
fn tells_namespaces_of_one_length_apart_whichever_matched_last() {
    // The field dispatch remembers the declaration it last matched: a URI of the same
    // length from another declaration, or a redeclared prefix, must still be compared.
    let xml = r#"<r xmlns:a="urn:aa" xmlns:b="urn:bb"><a:x/><b:x/><a:y/><b:y/><a:z xmlns:a="urn:bb"/><c:z xmlns:c="urn:aa"/></r>"#;
    let mut r = reader(xml);
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let fields = [
        ("urn:aa", "x"),
        ("urn:bb", "x"),
        ("urn:bb", "y"),
        ("urn:aa", "z"),
    ];
    let mut found = Vec::new();
    while let Some((i, child)) = r.next_field(&mut children, &fields).unwrap() {
        found.push(i);
        r.skip(child).unwrap();
    }
    assert_eq!(found, [0, 1, 2, 3]);
}

#[test]
fn refuses_doctype() {
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"boom\">]>\n<x>&e;</x>";
    let err = reader(xml).root().unwrap_err();
    assert_eq!(err.kind, DecodeErrorKind::DoctypeForbidden);
    assert_eq!((err.line, err.column), (2, 1));
}

#[test]
fn refuses_deep_nesting() {
    let xml = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
    let mut r = XmlReader::new(
        xml.as_bytes(),
        Limits {
            max_depth: 10,
            ..Limits::default()
        },
    )
    .unwrap();
    let root = r.root().unwrap();
    let err = r.skip(root).unwrap_err();
    assert_eq!(err.kind, DecodeErrorKind::TooDeep { limit: 10 });
}

#[test]
fn reports_truncation_and_bad_values_with_position() {
    let mut r = reader("<a>\n  <b>12");
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let b = r.next_child(&mut children).unwrap().unwrap();
    assert_eq!(
        r.read_value::<i32>(b).unwrap_err().kind,
        DecodeErrorKind::UnexpectedEof
    );

    let mut r = reader("<a>\n  <b>twelve</b></a>");
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let b = r.next_child(&mut children).unwrap().unwrap();
    let err = r.read_value::<i32>(b).unwrap_err();
    assert_eq!((err.line, err.column, err.path.as_str()), (2, 3, "/a/b"));
}

#[test]
fn reads_raw_markup_and_nil() {
    let xml = r#"<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><d><x>1</x></d><n xsi:nil="true"/></a>"#;
    let mut r = reader(xml);
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let d = r.next_child(&mut children).unwrap().unwrap();
    assert_eq!(r.read_raw(d).unwrap(), "<d><x>1</x></d>");
    let n = r.next_child(&mut children).unwrap().unwrap();
    assert_eq!(r.read_nillable_value::<String>(n).unwrap(), None);
}

#[test]
fn captured_markup_declares_the_namespaces_in_scope_it_uses() {
    let xml = r#"<e:Envelope xmlns:e="urn:env" xmlns:ns1="urn:one" xmlns="urn:default"><detail>text <ns1:X a="1"><ns1:y/></ns1:X> <ns1:Z xmlns:ns1="urn:own"/><plain t="e:Thing"/></detail></e:Envelope>"#;
    let mut r = reader(xml);
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let detail = r.next_child(&mut children).unwrap().unwrap();
    assert_eq!(
        r.read_inner_raw_in_scope(detail).unwrap(),
        concat!(
            r#"text <ns1:X xmlns:ns1="urn:one" a="1"><ns1:y/></ns1:X> "#,
            r#"<ns1:Z xmlns:ns1="urn:own"/><plain xmlns:e="urn:env" xmlns="urn:default" t="e:Thing"/>"#
        )
    );

    let mut r = reader(xml);
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let detail = r.next_child(&mut children).unwrap().unwrap();
    let mut inner = r.children(&detail);
    let x = r.next_child(&mut inner).unwrap().unwrap();
    assert_eq!(
        r.read_raw_in_scope(x).unwrap(),
        r#"<ns1:X xmlns:ns1="urn:one" a="1"><ns1:y/></ns1:X>"#
    );
}

#[test]
fn nil_is_true_or_1_and_must_be_empty() {
    let xml = r#"<a xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><n i:nil="1"/><n i:nil="false">5</n>
<n i:nil="true">5</n></a>"#;
    let mut r = reader(xml);
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let n = r.next_child(&mut children).unwrap().unwrap();
    assert_eq!(r.read_nillable_value::<i32>(n).unwrap(), None);
    let n = r.next_child(&mut children).unwrap().unwrap();
    assert_eq!(r.read_nillable_value::<i32>(n).unwrap(), Some(5));
    let n = r.next_child(&mut children).unwrap().unwrap();
    let err = r.read_nillable_value::<i32>(n).unwrap_err();
    assert_eq!(err.kind, DecodeErrorKind::NilNotEmpty("content".into()));
    assert_eq!((err.line, err.column, err.path.as_str()), (2, 1, "/a/n"));

    let xml =
        r#"<a xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><n i:nil="true" id="7"/></a>"#;
    let mut r = reader(xml);
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let n = r.next_child(&mut children).unwrap().unwrap();
    let err = r.read_nillable_complex::<crate::RawXml>(n).unwrap_err();
    assert_eq!(
        err.to_string(),
        "an element with xsi:nil=\"true\" must be empty, but it has attribute `id` at line 1, column 56 (in /a/n)"
    );
}

#[test]
fn resolves_xsi_type_against_the_namespaces_in_scope() {
    let xml = r#"<a xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:p="urn:p" xmlns="urn:d"><s i:type="p:Circle"/><s i:type=" Square "/><s/><s i:type="q:X"/></a>"#;
    let mut r = reader(xml);
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let mut next = |r: &mut XmlReader<'_>| {
        let s = r.next_child(&mut children).unwrap().unwrap();
        let found = r.xsi_type(&s);
        r.skip(s).unwrap();
        found
    };
    let name = |ns: &str, local: &str| Some((ns.to_owned(), local.to_owned()));
    assert_eq!(next(&mut r).unwrap(), name("urn:p", "Circle"));
    assert_eq!(next(&mut r).unwrap(), name("urn:d", "Square"));
    assert_eq!(next(&mut r).unwrap(), None);
    let err = next(&mut r).unwrap_err();
    assert!(
        err.to_string().contains("prefix `q` is not declared"),
        "{err}"
    );
}

#[test]
fn refuses_characters_xml_forbids_in_text_and_attributes() {
    for xml in [
        "<x>a\u{0}b</x>",
        "<x>a&#1;b</x>",
        "<x>\u{FFFF}</x>",
        "<x><![CDATA[\u{1F}]]></x>",
    ] {
        let mut r = reader(xml);
        let root = r.root().unwrap();
        let err = r.read_text(&root).unwrap_err();
        assert!(
            matches!(err.kind, DecodeErrorKind::Malformed(_)),
            "{xml:?}: {err}"
        );
    }
    let mut r = reader("<x a=\"\u{1}\"/>");
    let root = r.root().unwrap();
    let err = r.attribute(&root, "", "a").unwrap_err();
    assert!(err.to_string().contains("U+0001"), "{err}");
    // Tab, LF and CR are allowed.
    let mut r = reader("<x>a\tb\nc&#13;</x>");
    let root = r.root().unwrap();
    assert_eq!(r.read_text(&root).unwrap(), "a\tb\nc\r");
}

#[test]
fn raw_markup_after_a_byte_order_mark_is_cut_where_it_stands() {
    let xml = "\u{FEFF}<r xmlns:p=\"urn:p\"><d><p:x>1</p:x></d></r>";
    let mut r = reader(xml);
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    let d = r.next_child(&mut children).unwrap().unwrap();
    assert_eq!(
        r.read_inner_raw_in_scope(d).unwrap(),
        "<p:x xmlns:p=\"urn:p\">1</p:x>"
    );
    let twice = "\u{FEFF}\u{FEFF}<r/>".as_bytes();
    let err = XmlReader::new(twice, Limits::default()).err().unwrap();
    assert!(matches!(err.kind, DecodeErrorKind::Malformed(_)), "{err}");
}

#[test]
fn refuses_a_name_without_a_value_in_a_start_tag_even_with_no_attribute_at_all() {
    // No `=` anywhere in the tag: once taken for a tag without attributes, and its raw
    // copy (a fault's detail) then did not read back.
    for xml in [
        "<r><a b/></r>",
        "<r><a b c></a></r>",
        "<r>\n <a\n b\n/></r>",
    ] {
        let mut r = reader(xml);
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let err = r.next_child(&mut children).unwrap_err();
        assert!(
            matches!(&err.kind, DecodeErrorKind::Malformed(m) if m.contains("followed by `=`")),
            "{xml:?}: {err}"
        );
        let at = xml.find("<a").unwrap();
        assert_eq!(
            (err.line, err.column),
            line_column(xml.as_bytes(), at),
            "{xml:?}"
        );
    }
    // Whitespace alone after the name is no attribute.
    let mut r = reader("<r \n\t><a /></r >");
    let root = r.root().unwrap();
    let mut children = r.children(&root);
    assert!(r.next_child(&mut children).unwrap().is_some());
}
