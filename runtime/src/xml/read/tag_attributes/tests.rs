//! The attribute scanner against quick-xml's `Attributes` (XML mode, no duplicate check):
//! the same attributes and the same first error, on every start tag of the repository's
//! documents, on chosen edges and on every short tag over the bytes that matter.

use std::path::Path;

use quick_xml::events::Event;
use quick_xml::events::attributes::{AttrError, Attribute};

use super::TagAttributes;
use crate::xml::read::tests::every_string;

type Split = Vec<Result<(String, String), AttrError>>;

/// The attributes up to and including the first error.
fn collect<'a>(attributes: impl Iterator<Item = Result<Attribute<'a>, AttrError>>) -> Split {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let mut split = Vec::new();
    for attribute in attributes {
        let failed = attribute.is_err();
        split.push(attribute.map(|a| (text(a.key.as_ref()), text(&a.value))));
        if failed {
            break;
        }
    }
    split
}

/// Both readings of the start tag whose content (between `<` and `>`) is `tag`.
fn both(tag: &str) -> (Split, Split) {
    let name_len = tag
        .bytes()
        .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        .unwrap_or(tag.len());
    let start = quick_xml::events::BytesStart::from_content(tag, name_len);
    (
        collect(TagAttributes::new(tag.as_bytes(), name_len)),
        collect(start.attributes().with_checks(false)),
    )
}

#[test]
fn splits_every_start_tag_of_the_repository_documents_as_quick_xml_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut tags = 0;
    let mut attributes = 0;
    for dir in ["wsdl", "tests/fixtures", "tests/fixtures/constructs"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("xml" | "wsdl" | "xsd")
            ) {
                continue;
            }
            let input = std::fs::read_to_string(&path).unwrap();
            let mut reader = quick_xml::Reader::from_str(&input);
            loop {
                match reader.read_event().unwrap() {
                    Event::Start(start) | Event::Empty(start) => {
                        let tag = std::str::from_utf8(&start).unwrap();
                        let (ours, theirs) = both(tag);
                        assert_eq!(ours, theirs, "{path:?}: <{tag}>");
                        tags += 1;
                        attributes += ours.len();
                    }
                    Event::Eof => break,
                    _ => {}
                }
            }
        }
    }
    assert!(
        tags > 1000 && attributes > 1000,
        "too few tags ({tags}) or attributes ({attributes}) found"
    );
}

#[test]
fn splits_edge_tags_as_quick_xml_does() {
    let edges = [
        "a",
        "a ",
        "a b=\"1\"",
        "a b='1'",
        "a b=\"\"",
        "a b = \"1\"  c\t=\n'2'\r",
        "a b=\"1\"c=\"2\"",
        "a b='\"' c=\"'\"",
        "a b=\"x>y/\"",
        "a xmlns=\"urn:d\" xmlns:p=\"urn:p\" p:q='v' xml:lang=\"zh-TW\"",
        "a b=\"統一編號 發票\"",
        "a b",
        "a b ",
        "a b c=\"1\"",
        "a b=",
        "a b= ",
        "a b=1",
        "a b=\"1",
        "a b='1\"",
        "a b==\"1\"",
        "a =x=\"1\"",
        "a = \"1\"",
        "a \"b\"=\"1\"",
        "a b=\"1\" c",
        "a b=\"1\" c=",
        "a b=\"1\" c=d e=\"2\"",
    ];
    for tag in edges {
        let (ours, theirs) = both(tag);
        assert_eq!(ours, theirs, "<{tag}>");
    }
    // The edges do reach both outcomes.
    assert_eq!(both("a b=1").0, [Err(AttrError::UnquotedValue(4))]);
    assert_eq!(
        both("a b='1' c=\"2\"").0,
        [Ok(("b".into(), "1".into())), Ok(("c".into(), "2".into()))]
    );
}

#[test]
fn splits_every_short_tag_as_quick_xml_does() {
    every_string(b"b= \"'\t", 7, |attributes| {
        let tag = format!("a {}", std::str::from_utf8(attributes).unwrap());
        let (ours, theirs) = both(&tag);
        assert_eq!(ours, theirs, "<{tag}>");
    });
}
