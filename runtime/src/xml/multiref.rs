//! SOAP-encoding multi-reference values (SOAP 1.1 section 5.4.1, as Axis 1 writes
//! them): a value written once as `<multiRef id="id0">…</multiRef>`, a sibling of the
//! body element, and referred to as `<item href="#id0"/>`. [`inline_references`]
//! copies each referenced value into the elements referring to it, so the typed readers
//! see ordinary nested elements.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::read::line_column;
use super::{DecodeError, DecodeErrorKind, Limits};

/// Attributes as `(name, raw value)`.
type Attributes = Vec<(Vec<u8>, Vec<u8>)>;

/// An element with an `id`: what a reference to it stands for.
struct Target {
    /// Its attributes but `id`: namespace declarations and `xsi:type` travel with the
    /// value.
    attributes: Attributes,
    /// Its content, start tag and end tag excluded.
    content: Range<usize>,
}

/// `input` with every `href="#id"` element replaced by a copy of the element with that
/// `id` (its attributes, then the referring element's; its content, itself resolved).
/// Borrowed as is when nothing refers to anything.
///
/// A reference to no element, or one reached again while it is being copied (a cycle),
/// is a [`DecodeErrorKind::BadReference`] at the referring element; references nested
/// deeper than `limits.max_depth` are [`TooDeep`](DecodeErrorKind::TooDeep), and a copy
/// growing past `limits.max_bytes` is [`TooLarge`](DecodeErrorKind::TooLarge). Input that
/// is not well-formed is returned as is, for the reader to report.
pub fn inline_references(input: &[u8], limits: Limits) -> Result<Cow<'_, [u8]>, DecodeError> {
    if !contains(input, b"href") {
        return Ok(Cow::Borrowed(input));
    }
    let Some(targets) = targets(input, limits.max_attributes) else {
        return Ok(Cow::Borrowed(input));
    };
    let mut inliner = Inliner {
        input,
        targets,
        limits,
        out: Vec::with_capacity(input.len() * 2),
        open: Vec::new(),
    };
    inliner.copy(0..input.len())?;
    Ok(Cow::Owned(inliner.out))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every element with an `id` attribute, by id; `None` if the input is not well-formed,
/// has a DOCTYPE or an element with more than `max_attributes` attributes (the reader
/// refuses all three, with the right position).
fn targets(input: &[u8], max_attributes: usize) -> Option<HashMap<Vec<u8>, Target>> {
    let mut reader = Reader::from_reader(input);
    let mut targets = HashMap::new();
    // Per open element: its id and where its content starts.
    let mut open: Vec<Option<(Vec<u8>, Attributes, usize)>> = Vec::new();
    loop {
        let before = position(&reader);
        match reader.read_event().ok()? {
            Event::Start(start) => {
                let after = position(&reader);
                open.push(
                    id_of(&start, max_attributes)?.map(|(id, attributes)| (id, attributes, after)),
                );
            }
            Event::Empty(start) => {
                if let Some((id, attributes)) = id_of(&start, max_attributes)? {
                    targets.insert(
                        id,
                        Target {
                            attributes,
                            content: before..before,
                        },
                    );
                }
            }
            Event::End(_) => {
                if let Some((id, attributes, start)) = open.pop()? {
                    targets.insert(
                        id,
                        Target {
                            attributes,
                            content: start..before,
                        },
                    );
                }
            }
            Event::DocType(_) => return None,
            Event::Eof => return Some(targets),
            _ => {}
        }
    }
}

/// The element's `id` and its other attributes, if it has one.
fn id_of(start: &BytesStart<'_>, max: usize) -> Option<Option<(Vec<u8>, Attributes)>> {
    let attributes = attributes(start, max)?;
    let Some(index) = attributes.iter().position(|(k, _)| k == b"id") else {
        return Some(None);
    };
    let mut rest = attributes;
    let (_, id) = rest.remove(index);
    Some(Some((id, rest)))
}

/// `(name, raw value)` of each attribute; `None` if they are malformed or more than
/// `max`. Repeated names are left to the reader to refuse: checking them here would cost
/// time quadratic in their number.
fn attributes(start: &BytesStart<'_>, max: usize) -> Option<Attributes> {
    let mut all = Vec::new();
    for attribute in start.attributes().with_checks(false) {
        let attribute = attribute.ok()?;
        if all.len() == max {
            return None;
        }
        all.push((
            attribute.key.as_ref().to_vec(),
            attribute.value.into_owned(),
        ));
    }
    Some(all)
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

struct Inliner<'a> {
    input: &'a [u8],
    targets: HashMap<Vec<u8>, Target>,
    limits: Limits,
    out: Vec<u8>,
    /// The ids being copied, innermost last: one met again is a cycle.
    open: Vec<Vec<u8>>,
}

impl Inliner<'_> {
    /// Copies `range` of the input, resolving the references in it.
    fn copy(&mut self, range: Range<usize>) -> Result<(), DecodeError> {
        let base = range.start;
        let mut reader = Reader::from_reader(&self.input[range]);
        loop {
            let before = position(&reader);
            let event = reader.read_event().map_err(|e| {
                self.error(base + before, DecodeErrorKind::Malformed(e.to_string()))
            })?;
            let after = position(&reader);
            let (start, empty) = match event {
                Event::Eof => return Ok(()),
                Event::Start(start) => (start, false),
                Event::Empty(start) => (start, true),
                _ => {
                    self.emit(base + before..base + after)?;
                    continue;
                }
            };
            let all = attributes(&start, self.limits.max_attributes).unwrap_or_default();
            let Some(href) = all
                .iter()
                .find(|(k, _)| k == b"href")
                .map(|(_, v)| v.clone())
            else {
                self.emit(base + before..base + after)?;
                continue;
            };
            let Some(id) = href.strip_prefix(b"#") else {
                // An external reference: not ours to resolve.
                self.emit(base + before..base + after)?;
                continue;
            };
            self.inline(&start, &all, id, &href, base + before)?;
            if !empty {
                // Whatever a referring element holds is replaced by the value.
                reader.read_to_end(start.name()).map_err(|e| {
                    self.error(base + before, DecodeErrorKind::Malformed(e.to_string()))
                })?;
            }
        }
    }

    /// Writes the element `start` (at `offset`) with the value of `id` in it.
    fn inline(
        &mut self,
        start: &BytesStart<'_>,
        own: &Attributes,
        id: &[u8],
        href: &[u8],
        offset: usize,
    ) -> Result<(), DecodeError> {
        let bad = |reason: &str| DecodeErrorKind::BadReference {
            href: String::from_utf8_lossy(href).into_owned(),
            reason: reason.to_owned(),
        };
        let Some(target) = self.targets.get(id) else {
            return Err(self.error(offset, bad("no element has this id")));
        };
        if self.open.iter().any(|open| open == id) {
            return Err(self.error(offset, bad("the value contains itself (a reference cycle)")));
        }
        if self.open.len() >= self.limits.max_depth {
            return Err(self.error(
                offset,
                DecodeErrorKind::TooDeep {
                    limit: self.limits.max_depth,
                },
            ));
        }
        let content = target.content.clone();
        let mut attributes = target.attributes.clone();
        for (key, value) in own {
            if key != b"href" && !attributes.iter().any(|(k, _)| k == key) {
                attributes.push((key.clone(), value.clone()));
            }
        }
        let name = start.name().as_ref().to_vec();
        self.out.push(b'<');
        self.out.extend_from_slice(&name);
        for (key, value) in &attributes {
            let quote = if value.contains(&b'"') { b'\'' } else { b'"' };
            self.out.push(b' ');
            self.out.extend_from_slice(key);
            self.out.extend_from_slice(&[b'=', quote]);
            self.out.extend_from_slice(value);
            self.out.push(quote);
        }
        self.out.push(b'>');
        self.open.push(id.to_vec());
        self.copy(content)?;
        self.open.pop();
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(&name);
        self.out.push(b'>');
        self.check_size(offset)
    }

    fn emit(&mut self, range: Range<usize>) -> Result<(), DecodeError> {
        let offset = range.start;
        self.out.extend_from_slice(&self.input[range]);
        self.check_size(offset)
    }

    /// Values referred to many times are copied as many times: the copy is bounded.
    fn check_size(&self, offset: usize) -> Result<(), DecodeError> {
        if self.out.len() > self.limits.max_bytes {
            return Err(self.error(
                offset,
                DecodeErrorKind::TooLarge {
                    size: self.out.len(),
                    limit: self.limits.max_bytes,
                },
            ));
        }
        Ok(())
    }

    fn error(&self, offset: usize, kind: DecodeErrorKind) -> DecodeError {
        let (line, column) = line_column(self.input, offset);
        DecodeError::new(kind, String::new(), line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(xml: &str) -> Result<String, DecodeErrorKind> {
        inline_references(xml.as_bytes(), Limits::default())
            .map(|bytes| String::from_utf8(bytes.into_owned()).unwrap())
            .map_err(|e| e.into_details().kind)
    }

    #[test]
    fn copies_referenced_values_into_their_references() {
        let xml = r##"<B><r><a href="#id0"/><b href="#id0"></b></r><multiRef id="id0" t="x"><c href="#id1"/></multiRef><m id="id1">1 &amp; 2</m></B>"##;
        assert_eq!(
            inline(xml).unwrap(),
            r##"<B><r><a t="x"><c>1 &amp; 2</c></a><b t="x"><c>1 &amp; 2</c></b></r><multiRef id="id0" t="x"><c>1 &amp; 2</c></multiRef><m id="id1">1 &amp; 2</m></B>"##
        );
        assert_eq!(
            inline("<a>no references</a>").unwrap(),
            "<a>no references</a>"
        );
    }

    #[test]
    fn refuses_dangling_references_and_cycles() {
        let dangling = inline(r##"<B><a href="#nope"/></B>"##).unwrap_err();
        assert!(
            matches!(dangling, DecodeErrorKind::BadReference { ref href, .. } if href == "#nope")
        );
        let cycle = inline(r##"<B><a href="#x"/><m id="x"><b href="#x"/></m></B>"##).unwrap_err();
        assert!(
            matches!(cycle, DecodeErrorKind::BadReference { ref reason, .. } if reason.contains("cycle")),
            "{cycle:?}"
        );
    }

    #[test]
    fn bounds_what_repeated_references_copy() {
        let mut xml = String::from(r##"<B><a href="#l0"/>"##);
        for level in 0..30 {
            let next = level + 1;
            xml.push_str(&format!(
                r##"<m id="l{level}"><x href="#l{next}"/><x href="#l{next}"/></m>"##
            ));
        }
        xml.push_str(r#"<m id="l30">leaf</m></B>"#);
        let limits = Limits {
            max_depth: 64,
            max_bytes: 1 << 16,
            ..Limits::default()
        };
        let error = inline_references(xml.as_bytes(), limits).unwrap_err();
        assert!(
            matches!(error.kind, DecodeErrorKind::TooLarge { .. }),
            "{error:?}"
        );
    }
}
