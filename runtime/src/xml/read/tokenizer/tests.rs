//! The tokenizer against quick-xml's reader (events, contents and positions), on the
//! repository's own documents and on markup chosen for its edges; and its errors.

use std::path::Path;

use quick_xml::events::Event;

use super::{Tokenizer, find_closer, scan_text};
use crate::xml::DecodeErrorKind;
use crate::xml::read::same_name;
use crate::xml::read::tests::every_string;

/// Each event as text, with the position after it, until the end or the first error.
fn ours(input: &str) -> Result<Vec<String>, (usize, DecodeErrorKind)> {
    let mut tokens = Tokenizer::new(input);
    let mut events = Vec::new();
    loop {
        let event = tokens.next_event().map_err(|e| (e.offset, e.kind(input)))?;
        let done = matches!(event, Event::Eof);
        events.push(format!("{} @{}", describe(&event), tokens.position()));
        if done {
            return Ok(events);
        }
    }
}

/// The same from quick-xml, set up as the reader used to set it up.
fn quick_xml(input: &str) -> Result<Vec<String>, String> {
    let mut reader = quick_xml::Reader::from_str(input);
    reader.config_mut().check_end_names = true;
    let mut events = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let done = matches!(event, Event::Eof);
        events.push(format!(
            "{} @{}",
            describe(&event),
            reader.buffer_position()
        ));
        if done {
            return Ok(events);
        }
    }
}

fn describe(event: &Event<'_>) -> String {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    match event {
        Event::Start(e) => format!("Start({}|{})", text(e.name().as_ref()), text(e)),
        Event::Empty(e) => format!("Empty({}|{})", text(e.name().as_ref()), text(e)),
        Event::End(e) => format!("End({})", text(e.name().as_ref())),
        Event::Text(e) => format!("Text({})", text(e)),
        Event::CData(e) => format!("CData({})", text(e)),
        Event::Comment(e) => format!("Comment({})", text(e)),
        Event::PI(e) => format!("PI({})", text(e)),
        Event::Decl(e) => format!("Decl({})", text(e)),
        Event::DocType(_) => "DocType".into(),
        Event::Eof => "Eof".into(),
    }
}

#[test]
fn reads_the_repository_documents_as_quick_xml_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["wsdl", "tests/fixtures", "tests/fixtures/constructs"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("xml" | "wsdl" | "xsd")
            ) {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "too few documents found: {files:?}");
    for path in files {
        let input = std::fs::read_to_string(&path).unwrap();
        let input = input.strip_prefix('\u{feff}').unwrap_or(&input);
        assert_eq!(ours(input).unwrap(), quick_xml(input).unwrap(), "{path:?}");
    }
}

#[test]
fn reads_markup_edges_as_quick_xml_does() {
    let documents = [
        "",
        "   ",
        "text only",
        "<a/>",
        "<a></a>",
        "<a ></a >",
        "<a\n/>",
        "<p:a xmlns:p='urn:p'>x</p:a>",
        r#"<a b="1" c='2'/>"#,
        r#"<a b=">" c='/>'>t</a>"#,
        r#"<a b="x/"/>"#,
        r#"<a b='"' c="'"/>"#,
        "<a>1 &amp; 2 &lt; 3</a>",
        "<a><![CDATA[<b>]]]></a>",
        "<a><!-- - -- ---></a>",
        "<a><!----></a>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a/>",
        "<?xml-stylesheet href='x'?><a/>",
        "<?pi?><a/>",
        "<a>\u{4e2d}\u{6587}\u{ff0c}\u{20ac}</a>",
        "<a>\r\n\t</a>",
        "<a>no end",
        "<a><b>x</b><c/>y<d z='1'>w</d></a>tail",
        "<a>exactly8</a><b>seventeen chars..</b><c>\u{ff0c}&amp;\u{1}\u{1}\u{1}\u{1}\u{1}</c>",
    ];
    for document in documents {
        assert_eq!(
            ours(document).unwrap(),
            quick_xml(document).unwrap(),
            "{document}"
        );
    }
}

#[test]
fn refuses_broken_markup_where_it_is() {
    let malformed = |message: &str| DecodeErrorKind::Malformed(message.into());
    let cases = [
        (
            "<a>x</b>",
            4,
            malformed("expected `</a>`, but `</b>` was found"),
        ),
        ("<a>x</a >", usize::MAX, malformed("")),
        (
            "<a><b></a>",
            6,
            malformed("expected `</b>`, but `</a>` was found"),
        ),
        ("</a>", 0, malformed("end tag `</a>` with no element open")),
        (
            "<a></a></a>",
            7,
            malformed("end tag `</a>` with no element open"),
        ),
        ("<>", 0, malformed("a tag has no name")),
        (
            "<a/b>",
            0,
            malformed("a `/` inside a tag that does not end it"),
        ),
        (
            "<a/ >",
            0,
            malformed("a `/` inside a tag that does not end it"),
        ),
        ("< a/>", 0, malformed("a tag has no name")),
        (
            "<a><!ELEMENT x></a>",
            3,
            malformed("`<!` begins neither a comment, a CDATA section nor a DOCTYPE"),
        ),
        (
            "<? x?><a/>",
            0,
            malformed("a processing instruction has no target"),
        ),
        ("<a", 0, DecodeErrorKind::UnexpectedEof),
        ("<", 0, DecodeErrorKind::UnexpectedEof),
        ("<a b='>", 0, DecodeErrorKind::UnexpectedEof),
        ("<a></a", 3, DecodeErrorKind::UnexpectedEof),
        ("<a><!-- x --</a>", 3, DecodeErrorKind::UnexpectedEof),
        ("<a><![CDATA[ x ]]</a>", 3, DecodeErrorKind::UnexpectedEof),
        ("<?xml version='1.0'", 0, DecodeErrorKind::UnexpectedEof),
    ];
    for (document, offset, kind) in cases {
        if offset == usize::MAX {
            // Whitespace before the `>` of an end tag is allowed.
            assert!(ours(document).is_ok(), "{document}");
            continue;
        }
        assert_eq!(ours(document).unwrap_err(), (offset, kind), "{document}");
    }
}

#[test]
fn a_doctype_is_reported_without_looking_for_its_end() {
    for document in ["<!DOCTYPE a [<!ENTITY x 'y'>]><a/>", "<!doctype"] {
        let mut tokens = Tokenizer::new(document);
        let event = tokens.next_event().unwrap();
        assert!(matches!(event, Event::DocType(_)), "{document}");
        assert_eq!(tokens.position(), 9);
    }
}

#[test]
fn finds_the_end_of_text_and_whether_it_is_plain_at_every_alignment() {
    let pieces = [
        "a", "\u{4e2d}", "&", "\u{ff0c}", "\t", "\u{1}", " ", "\u{ffff}", "b",
    ];
    // Every text of up to four pieces, padded so that it starts at every offset of a
    // word, with and without a `<` after it.
    let mut texts = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
        texts.extend(longer);
    }
    texts.push("x".repeat(40));
    texts.push(format!("{}&{}", "x".repeat(20), "y".repeat(20)));
    for text in &texts {
        for pad in 0..9 {
            for tail in ["", "<b>&"] {
                let input = format!("{}{text}{tail}", "p".repeat(pad));
                let (end, plain) = scan_text(input.as_bytes(), pad);
                assert_eq!(end, pad + text.len(), "{input:?}");
                let expected = !text
                    .chars()
                    .any(|c| c == '&' || u32::from(c) < 0x20 || c == '\u{ffff}' || c == '\u{ff0c}');
                // U+FF0C (begins with 0xEF) is allowed but looked at closer: not plain.
                assert_eq!(plain, expected, "{input:?}");
            }
        }
    }
}

#[test]
fn compares_names_of_every_length_byte_by_byte() {
    for len in 0..48 {
        let a: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
        assert!(same_name(&a, &a.clone()), "{len}");
        for at in 0..len {
            let mut b = a.clone();
            b[at] = b'Z';
            assert!(!same_name(&a, &b), "{len} {at}");
        }
        assert!(!same_name(&a, &a[..len.saturating_sub(1)]) || len == 0);
    }
}

#[test]
fn passes_over_ignored_text_to_the_next_markup_at_every_length() {
    let fillers = [" ", "\n", "\t", "\r", "\u{1}", " \n  "];
    let ends = ["<b/>", "x<b/>", "\u{4e2d}<b/>", "x", ""];
    for length in 0..20 {
        for filler in fillers {
            for end in ends {
                for pad in 0..3 {
                    let input = format!("{}{}{end}", "p".repeat(pad), filler.repeat(length));
                    let mut tokens = Tokenizer::new(&input);
                    tokens.position = pad;
                    tokens.skip_text();
                    let expected = input[pad..].find('<').map_or(input.len(), |i| pad + i);
                    assert_eq!(tokens.position(), expected, "{input:?}");
                }
            }
        }
    }
}

#[test]
fn finds_markup_closers_where_a_substring_search_does() {
    every_string(b"-?]>a", 7, |haystack| {
        for closer in ["-->", "?>", "]]>"] {
            assert_eq!(
                find_closer(haystack, closer.as_bytes()),
                memchr::memmem::find(haystack, closer.as_bytes()),
                "{closer:?} in {:?}",
                String::from_utf8_lossy(haystack)
            );
        }
    });
}
