//! Interop oracle: python-zeep builds the request envelope of every operation of every
//! generated corpus WSDL and construct fixture from sample values
//! (`tests/zeep/oracle.py`), and we build ours from the same values with the generated
//! `request_envelope` (the JSON registry that `build.rs` turns on for
//! `integration_tests::corpus` and `integration_tests::oracle_fixtures`). Both are
//! compared after canonicalisation (see [`canonical`]).
//!
//! Needs Python 3 with zeep (`pip install zeep`); `PYTHON` names the interpreter
//! (default `python3`). Without it the test fails: it never skips silently.
//! Run `cargo test -p integration-tests --test zeep_oracle -- --nocapture` for the
//! per-service report.

#[allow(dead_code)] // shared with build.rs and corpus.rs; each reads part of it
mod manifest {
    include!("../corpus/manifest.rs");
}

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use soap_runtime::SoapVersion;

/// Differences between zeep and us that are known and explained in CORPUS.md ("Interop
/// with zeep"): `(module, operation, why)`. Empty: none is left.
const KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[];

fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Fails, with what to do, unless zeep can be imported.
fn require_zeep() {
    // Not just `import zeep`: run from tests/, that finds the folder tests/zeep/ as a
    // namespace package.
    let output = Command::new(python())
        .args(["-c", "from zeep import Client"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{}`: {e}; install Python 3", python()));
    assert!(
        output.status.success(),
        "python-zeep is missing: run `pip install zeep` (tests/zeep/oracle.py needs it)\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// How the oracle names a construct fixture: this prefix, then its module under
/// `integration_tests::oracle_fixtures`.
const FIXTURE: &str = "fixtures/";

/// `module=path` for each generated corpus WSDL and each construct fixture.
fn oracle_arguments() -> Vec<String> {
    let corpus = manifest::CORPUS.iter().filter(|e| e.generates()).map(|e| {
        format!(
            "{}={}/{}",
            e.module,
            manifest::CORPUS_DIR,
            e.relative_path()
        )
    });
    let fixtures_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let fixtures = integration_tests::oracle_fixtures::MODULES.iter().map(|m| {
        let wsdl = match *m {
            "imports" => fixtures_dir.join("imports/Service.wsdl"),
            _ => fixtures_dir.join(format!("constructs/{m}.wsdl")),
        };
        format!("{FIXTURE}{m}={}", wsdl.display())
    });
    corpus.chain(fixtures).collect()
}

/// The operations the generated registry of oracle module `module` knows.
fn registry_operations(module: &str) -> &'static [&'static str] {
    match module.strip_prefix(FIXTURE) {
        Some(fixture) => integration_tests::oracle_fixtures::operations(fixture),
        None => integration_tests::corpus::operations(module),
    }
}

/// Our request envelope of `operation` of oracle module `module`, built from `values`.
fn request_envelope(
    module: &str,
    operation: &str,
    values: &Value,
    version: SoapVersion,
) -> Result<Vec<u8>, String> {
    match module.strip_prefix(FIXTURE) {
        Some(fixture) => integration_tests::oracle_fixtures::request_envelope(
            fixture, operation, values, version,
        ),
        None => integration_tests::corpus::request_envelope(module, operation, values, version),
    }
}

/// Runs the oracle over every generated corpus WSDL and construct fixture; one JSON
/// object per line.
fn run_oracle() -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("zeep/oracle.py");
    let output = Command::new(python())
        .arg(&script)
        .args(oracle_arguments())
        .output()
        .expect("run tests/zeep/oracle.py");
    assert!(
        output.status.success(),
        "tests/zeep/oracle.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// What happened to the operations of one WSDL.
#[derive(Default)]
struct Tally {
    compared: usize,
    equal: usize,
    known: usize,
    /// Envelopes whose WS-Addressing header from zeep was left out of the comparison.
    addressing: usize,
    /// SOAP-encoded envelopes of ours whose `xsi:type`, `SOAP-ENC:arrayType` and
    /// `encodingStyle` attributes were left out of the comparison (zeep writes none).
    encoded: usize,
    /// `port operation: diff`.
    different: Vec<String>,
    /// `port operation: why`, zeep's (or the sample builder's) reason.
    skipped: Vec<String>,
    /// Remote locations zeep was refused while loading.
    refused: Vec<String>,
}

fn text<'v>(line: &'v Value, key: &str) -> &'v str {
    line[key].as_str().unwrap_or_default()
}

/// Builds our envelope for one oracle line and compares it with zeep's.
fn compare(line: &Value, tally: &mut Tally) {
    let (module, operation) = (text(line, "wsdl"), text(line, "operation"));
    tally.compared += 1;
    match difference(line, tally) {
        None => tally.equal += 1,
        Some(_)
            if KNOWN_DIFFERENCES
                .iter()
                .any(|(m, o, _)| *m == module && *o == operation) =>
        {
            tally.known += 1
        }
        Some(diff) => tally.different.push(format!(
            "{} {operation} (SOAP {}): {diff}",
            text(line, "port"),
            text(line, "soap")
        )),
    }
}

/// How our envelope differs from zeep's, if it does.
fn difference(line: &Value, tally: &mut Tally) -> Option<String> {
    let version: SoapVersion = text(line, "soap").parse().expect("SOAP version");
    let ours = request_envelope(
        text(line, "wsdl"),
        text(line, "operation"),
        &line["values"],
        version,
    )
    .and_then(|bytes| String::from_utf8(bytes).map_err(|e| e.to_string()));
    let ours = match ours {
        Ok(ours) => ours,
        Err(error) => return Some(format!("we cannot build it: {error}")),
    };
    match (
        canonical::canonicalize(text(line, "envelope")),
        canonical::canonicalize(&ours),
    ) {
        (Ok(mut theirs), Ok(mut ours)) => {
            if canonical::strip_addressing_header(&mut theirs) {
                tally.addressing += 1;
            }
            if canonical::strip_encoding_annotations(&mut ours) {
                tally.encoded += 1;
            }
            canonical::first_difference(&theirs, &ours)
        }
        (theirs, ours) => Some(format!(
            "not XML: zeep {:?}, ours {:?}",
            theirs.err(),
            ours.err()
        )),
    }
}

/// The oracle's lines by WSDL: each envelope compared, each skip and refused location
/// noted, and the operations zeep never mentioned counted as skipped.
fn tally(lines: Vec<Value>) -> BTreeMap<String, Tally> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    // Operation names zeep said anything about, by module.
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for line in lines {
        let module = text(&line, "wsdl").to_owned();
        seen.insert((module.clone(), text(&line, "operation").to_owned()));
        let tally = tallies.entry(module).or_default();
        if let Some(refused) = line["refused"].as_array() {
            tally
                .refused
                .extend(refused.iter().filter_map(Value::as_str).map(str::to_owned));
        } else if let Some(why) = line["skipped"].as_str() {
            let what = format!("{} {}", text(&line, "port"), text(&line, "operation"));
            tally.skipped.push(format!("{}: {why}", what.trim()));
        } else {
            compare(&line, tally);
        }
    }
    // zeep drops an operation whose messages it cannot resolve while loading, silently.
    for (module, tally) in &mut tallies {
        let dropped = registry_operations(module)
            .iter()
            .filter(|op| !seen.contains(&(module.clone(), op.to_string())));
        tally
            .skipped
            .extend(dropped.map(|op| format!("{op}: zeep dropped it while loading the WSDL")));
    }
    tallies
}

fn report(tallies: &BTreeMap<String, Tally>) -> String {
    let mut out = String::from(
        "| service | compared | equal | known differences | different | skipped by zeep \
         | zeep added WS-Addressing | we added SOAP-encoding types |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (module, t) in tallies {
        out.push_str(&format!(
            "| {module} | {} | {} | {} | {} | {} | {} | {} |\n",
            t.compared,
            t.equal,
            t.known,
            t.different.len(),
            t.skipped.len(),
            t.addressing,
            t.encoded
        ));
    }
    for (module, t) in tallies {
        for (what, items) in [
            ("different", &t.different),
            ("skipped by zeep", &t.skipped),
            ("remote locations refused", &t.refused),
        ] {
            for item in items {
                out.push_str(&format!("{module}: {what}: {item}\n"));
            }
        }
    }
    out
}

#[test]
fn zeep_and_we_build_the_same_request_envelopes() {
    require_zeep();
    let tallies = tally(run_oracle());
    let report = report(&tallies);
    println!("{report}");
    for module in oracle_arguments()
        .iter()
        .filter_map(|argument| argument.split_once('=').map(|(module, _)| module))
    {
        assert!(
            tallies.contains_key(module),
            "the oracle said nothing about {module}"
        );
    }
    let different: usize = tallies.values().map(|t| t.different.len()).sum();
    assert_eq!(
        different, 0,
        "zeep and we differ; fix the generator, or explain the difference in CORPUS.md \
         and list it in KNOWN_DIFFERENCES:\n{report}"
    );
}

#[test]
fn canonical_form_ignores_prefixes_declarations_order_and_indentation() {
    let zeep = r#"<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><ns0:Add xmlns:ns0="urn:c" b="2" a="1"><ns0:x>1</ns0:x></ns0:Add></soap-env:Body></soap-env:Envelope>"#;
    let ours = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<soap:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Body>\n    <Add xmlns=\"urn:c\" a=\"1\" b=\"2\">\n      <x>1</x>\n    </Add>\n  </soap:Body>\n</soap:Envelope>";
    let zeep = canonical::canonicalize(zeep).unwrap();
    assert_eq!(
        canonical::first_difference(&zeep, &canonical::canonicalize(ours).unwrap()),
        None
    );
    let typed = |xml: &str| canonical::canonicalize(xml).unwrap();
    assert_eq!(
        canonical::first_difference(
            &typed(
                r#"<p:x xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:p="urn:t" i:type="p:T"/>"#
            ),
            &typed(
                r#"<x xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:t" xsi:type="T"/>"#
            )
        ),
        None
    );
    let other = canonical::canonicalize(r#"<Add xmlns="urn:other"><x>1</x></Add>"#).unwrap();
    let diff = canonical::first_difference(&zeep, &other).unwrap();
    assert!(diff.contains("{urn:other}Add"), "{diff}");
}

#[test]
fn only_a_header_of_nothing_but_ws_addressing_is_left_out() {
    let envelope = |header: &str| {
        format!(
            r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="http://www.w3.org/2005/08/addressing"><e:Header>{header}</e:Header><e:Body/></e:Envelope>"#
        )
    };
    let bare = canonical::canonicalize(
        r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>"#,
    )
    .unwrap();
    let mut addressing = canonical::canonicalize(&envelope("<wsa:Action>a</wsa:Action>")).unwrap();
    assert!(canonical::strip_addressing_header(&mut addressing));
    assert_eq!(canonical::first_difference(&addressing, &bare), None);
    let mut other = canonical::canonicalize(&envelope("<wsa:To>t</wsa:To><x/>")).unwrap();
    assert!(!canonical::strip_addressing_header(&mut other));
}

/// Canonical XML for comparing envelopes written by different stacks: every name
/// expanded to `{namespace}local` (so prefix choices vanish), namespace declarations
/// dropped, attributes sorted, whitespace-only text dropped (indentation), the XML
/// declaration, comments and processing instructions dropped. Done here rather than with
/// Python's `ElementTree.canonicalize` (C14N 2.0): no second script call, and a tree of
/// one line per node reports a difference as its path and two short lines.
#[test]
fn only_soap_encoding_annotations_are_left_out() {
    let encoded = r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/"><e:Body><op e:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><a xsi:type="xsd:int">1</a><l xsi:type="enc:Array" enc:arrayType="xsd:int[1]"><item xsi:type="xsd:int">2</item></l></op></e:Body></e:Envelope>"#;
    let plain = r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><op><a>1</a><l><item>2</item></l></op></e:Body></e:Envelope>"#;
    let mut ours = canonical::canonicalize(encoded).unwrap();
    let zeep = canonical::canonicalize(plain).unwrap();
    assert!(canonical::first_difference(&zeep, &ours).is_some());
    assert!(canonical::strip_encoding_annotations(&mut ours));
    assert_eq!(canonical::first_difference(&zeep, &ours), None);
    let mut nil = canonical::canonicalize(
        r#"<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#,
    )
    .unwrap();
    assert!(!canonical::strip_encoding_annotations(&mut nil));
    // A literal envelope's xsi:type (an abstract type's value) is compared, not stripped.
    let literal = r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><e:Body><op><a xsi:type="T">1</a></op></e:Body></e:Envelope>"#;
    let mut literal = canonical::canonicalize(literal).unwrap();
    let before = canonical::lines(&literal);
    assert!(!canonical::strip_encoding_annotations(&mut literal));
    assert_eq!(canonical::lines(&literal), before);
}

mod canonical {
    use quick_xml::NsReader;
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::name::{QName, ResolveResult};

    /// `xsi:type`, expanded.
    const XSI_TYPE: &str = "{http://www.w3.org/2001/XMLSchema-instance}type";

    /// The WS-Addressing namespace zeep writes headers in.
    const WSA_NS: &str = "http://www.w3.org/2005/08/addressing";

    /// An element: expanded name, sorted `name="value"` attributes, children.
    #[derive(Debug, PartialEq)]
    pub struct Element {
        name: String,
        attributes: Vec<String>,
        children: Vec<Node>,
    }

    #[derive(Debug, PartialEq)]
    enum Node {
        Element(Element),
        Text(String),
    }

    /// Parses `xml` into its canonical tree.
    pub fn canonicalize(xml: &str) -> Result<Element, String> {
        let mut reader = NsReader::from_str(xml);
        // The innermost open element is last; a sentinel holds the root.
        let mut open = vec![Element {
            name: String::new(),
            attributes: Vec::new(),
            children: Vec::new(),
        }];
        let mut text = String::new();
        loop {
            let (namespace, event) = reader.read_resolved_event().map_err(|e| e.to_string())?;
            // Owned, so the reader can resolve the attributes next.
            let name = match &event {
                Event::Start(start) | Event::Empty(start) => {
                    expanded(&namespace, start.local_name().as_ref())
                }
                _ => String::new(),
            };
            if !matches!(event, Event::Text(_) | Event::CData(_)) {
                let parent = open.last_mut().expect("the sentinel stays");
                flush_text(&mut text, parent);
            }
            match event {
                Event::Start(start) => open.push(element(&reader, name, &start)?),
                Event::Empty(start) => {
                    let element = element(&reader, name, &start)?;
                    let parent = open.last_mut().expect("the sentinel stays");
                    parent.children.push(Node::Element(element));
                }
                Event::End(_) => {
                    let element = open.pop().expect("quick-xml checks nesting");
                    let parent = open.last_mut().ok_or("unbalanced end tag")?;
                    parent.children.push(Node::Element(element));
                }
                Event::Text(t) => text.push_str(&t.unescape().map_err(|e| e.to_string())?),
                Event::CData(t) => text.push_str(&String::from_utf8_lossy(&t)),
                Event::Eof => break,
                _ => {}
            }
        }
        let mut sentinel = open
            .pop()
            .filter(|_| open.is_empty())
            .ok_or("unclosed element")?;
        match sentinel.children.pop() {
            Some(Node::Element(root)) if sentinel.children.is_empty() => Ok(root),
            _ => Err("not one root element".to_owned()),
        }
    }

    fn flush_text(text: &mut String, parent: &mut Element) {
        if !text.trim().is_empty() {
            parent.children.push(Node::Text(std::mem::take(text)));
        }
        text.clear();
    }

    fn expanded(namespace: &ResolveResult, local: &[u8]) -> String {
        let local = String::from_utf8_lossy(local);
        match namespace {
            ResolveResult::Bound(ns) => format!("{{{}}}{local}", String::from_utf8_lossy(ns.0)),
            _ => local.into_owned(),
        }
    }

    fn element(
        reader: &NsReader<&[u8]>,
        name: String,
        start: &BytesStart,
    ) -> Result<Element, String> {
        let mut attributes = Vec::new();
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| e.to_string())?;
            if attribute.key.as_namespace_binding().is_some() {
                continue;
            }
            let (namespace, local) = reader.resolve_attribute(attribute.key);
            let name = expanded(&namespace, local.as_ref());
            let mut value = attribute
                .decode_and_unescape_value(reader.decoder())
                .map_err(|e| e.to_string())?
                .into_owned();
            // `xsi:type` names a type by a prefixed name: expanded like element names.
            if name == XSI_TYPE {
                let (namespace, local) = reader.resolve_element(QName(value.trim().as_bytes()));
                value = expanded(&namespace, local.as_ref());
            }
            attributes.push(format!("{name}={value:?}"));
        }
        attributes.sort();
        Ok(Element {
            name,
            attributes,
            children: Vec::new(),
        })
    }

    /// Attributes of SOAP encoding (section 5 of SOAP 1.1) that zeep does not write for
    /// rpc/encoded operations and we do, as PHP's and Axis' clients do: each value's
    /// `xsi:type`, an array's `SOAP-ENC:arrayType`, and `encodingStyle` (CORPUS.md).
    const ENCODING_ANNOTATIONS: &[&str] = &[
        "{http://www.w3.org/2001/XMLSchema-instance}type=",
        "{http://schemas.xmlsoap.org/soap/encoding/}arrayType=",
        "{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle=",
        "{http://www.w3.org/2003/05/soap-envelope}encodingStyle=",
    ];

    /// Removes the SOAP-encoding annotations from a SOAP-encoded envelope (one that says
    /// `encodingStyle` somewhere), and says whether there were any. A literal envelope
    /// keeps its `xsi:type`s: those of abstract types are compared like any attribute.
    pub fn strip_encoding_annotations(envelope: &mut Element) -> bool {
        fn says_encoding_style(element: &Element) -> bool {
            element
                .attributes
                .iter()
                .any(|a| ENCODING_ANNOTATIONS[2..].iter().any(|p| a.starts_with(p)))
                || element.children.iter().any(|child| match child {
                    Node::Element(child) => says_encoding_style(child),
                    _ => false,
                })
        }
        says_encoding_style(envelope) && strip_annotations(envelope)
    }

    fn strip_annotations(element: &mut Element) -> bool {
        let before = element.attributes.len();
        element
            .attributes
            .retain(|a| !ENCODING_ANNOTATIONS.iter().any(|p| a.starts_with(p)));
        let mut removed = element.attributes.len() != before;
        for child in &mut element.children {
            if let Node::Element(child) = child {
                removed |= strip_annotations(child);
            }
        }
        removed
    }

    /// Removes the envelope's `Header` if it holds only WS-Addressing headers, and says
    /// whether it did. zeep adds them (with a random MessageID) for every operation
    /// whose WSDL names a `wsaw:Action`; we write no WS-Addressing of our own (CORPUS.md).
    pub fn strip_addressing_header(envelope: &mut Element) -> bool {
        let before = envelope.children.len();
        envelope.children.retain(|child| {
            let Node::Element(header) = child else {
                return true;
            };
            let addressing_only = header.children.iter().all(
                |c| matches!(c, Node::Element(e) if e.name.starts_with(&format!("{{{WSA_NS}}}"))),
            );
            !(header.name.ends_with("}Header") && addressing_only)
        });
        envelope.children.len() != before
    }

    /// One line per element start, text and element end, indented by depth.
    pub fn lines(element: &Element) -> Vec<String> {
        let mut out = Vec::new();
        write_lines(element, 0, &mut out);
        out
    }

    fn write_lines(element: &Element, depth: usize, out: &mut Vec<String>) {
        let indent = "  ".repeat(depth);
        let attributes: String = element.attributes.iter().map(|a| format!(" {a}")).collect();
        out.push(format!("{indent}<{}{attributes}>", element.name));
        for child in &element.children {
            match child {
                Node::Element(e) => write_lines(e, depth + 1, out),
                Node::Text(t) => out.push(format!("{indent}  {t:?}")),
            }
        }
        out.push(format!("{indent}</{}>", element.name));
    }

    /// The first differing line of two canonical forms, with the path of elements open
    /// there, or `None` if they are equal.
    pub fn first_difference(theirs: &Element, ours: &Element) -> Option<String> {
        let (theirs, ours) = (lines(theirs), lines(ours));
        let at = (0..theirs.len().max(ours.len())).find(|&i| theirs.get(i) != ours.get(i))?;
        let mut open: Vec<&str> = Vec::new();
        for line in &theirs[..at.min(theirs.len())] {
            let line = line.trim_start();
            if line.starts_with("</") {
                open.pop();
            } else if let Some(tag) = line.strip_prefix('<') {
                open.push(tag.split([' ', '>']).next().unwrap_or_default());
            }
        }
        let line = |side: &[String]| {
            side.get(at)
                .map_or("(end)".to_owned(), |l| l.trim().to_owned())
        };
        Some(format!(
            "in /{}: zeep has {}, we have {}",
            open.join("/"),
            line(&theirs),
            line(&ours)
        ))
    }
}
