//! [`XmlWriter`]: writes elements straight into a byte buffer.

use std::borrow::Cow;

use super::swar::{ONES, lanes_below_space, lanes_equal};
use super::{EncodeError, SOAP_ENCODING_NS, ToXml, XSI_NS, XmlValue};
use crate::MASK;

/// An XML Schema type by `(namespace, local name)`, as generated code names the type of
/// each value it writes: `xsi:type` carries it in SOAP-encoded messages.
pub type XsiType = (&'static str, &'static str);

/// The namespace the `xml` prefix is bound to without declaration.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// The prefix `xsi:type` binds a type's namespace to, on the element it is written on.
const TYPE_PREFIX: &str = "xt";

/// One open element.
struct Open {
    name: &'static str,
    /// The default namespace in force inside this element.
    default_ns: &'static str,
    has_children: bool,
    /// How many entries of `XmlWriter::prefixes` this element declared.
    prefixes: usize,
}

/// Writes XML into a growing buffer, declaring each element's namespace as the default
/// namespace only where it changes, as ASP.NET does (`<Op xmlns="tns"><child>…`).
///
/// Values that XML 1.0 cannot carry (control characters other than tab, CR and LF) are
/// not written; the first such value is reported by [`finish`](Self::finish).
pub struct XmlWriter {
    buf: Vec<u8>,
    stack: Vec<Open>,
    tag_open: bool,
    indent: bool,
    /// Prefixes declared for qualified attributes on the open start tag.
    attribute_prefixes: u32,
    /// The prefix bound to the XSI namespace by an enclosing element, if any.
    xsi_prefix: Option<&'static str>,
    /// Prefixes in scope that `xsi:type` and `SOAP-ENC:arrayType` values can use: those
    /// of [`start_prefixed`](Self::start_prefixed) (the envelope's) and those declared for
    /// such values, innermost last.
    prefixes: Vec<(Cow<'static, str>, &'static str)>,
    /// Whether values are written SOAP-encoded: with `xsi:type` (see [`set_encoded`](Self::set_encoded)).
    encoded: bool,
    /// Whether [`XmlValue::SECRET`] values are written as [`MASK`] (a copy for a trace).
    mask_secrets: bool,
    error: Option<EncodeError>,
}

impl XmlWriter {
    /// A writer; with `indent`, children go on their own lines, two spaces a level.
    pub fn new(indent: bool) -> Self {
        Self::with_capacity(indent, 1024)
    }

    /// A writer with room for `capacity` bytes.
    pub fn with_capacity(indent: bool, capacity: usize) -> Self {
        Self {
            buf: Vec::with_capacity(capacity),
            stack: Vec::with_capacity(8),
            tag_open: false,
            attribute_prefixes: 0,
            indent,
            xsi_prefix: None,
            // Room for an envelope's declarations and a few more without growing.
            prefixes: Vec::with_capacity(8),
            encoded: false,
            mask_secrets: false,
            error: None,
        }
    }

    /// Writes raw markup as is: for XML declarations and already-serialized fragments.
    pub fn raw(&mut self, markup: &str) {
        self.close_start_tag();
        self.buf.extend_from_slice(markup.as_bytes());
    }

    /// Writes already-serialized markup as a child element of the open element, on its
    /// own line when indenting.
    pub fn raw_child(&mut self, markup: &str) {
        self.begin_tag();
        self.buf.extend_from_slice(markup.as_bytes());
    }

    /// Opens an element by its prefixed name, like `soap:Envelope`, declaring the
    /// `(prefix, uri)` pairs on it; the XSI prefix, if declared, is remembered so
    /// `xsi:nil` can use it.
    pub fn start_prefixed(
        &mut self,
        qualified_name: &'static str,
        declarations: &[(&'static str, &'static str)],
    ) {
        self.begin_tag();
        self.buf.push(b'<');
        self.buf.extend_from_slice(qualified_name.as_bytes());
        for (p, uri) in declarations {
            self.buf.extend_from_slice(b" xmlns:");
            self.buf.extend_from_slice(p.as_bytes());
            self.buf.extend_from_slice(b"=\"");
            self.buf.extend_from_slice(uri.as_bytes());
            self.buf.push(b'"');
            if *uri == XSI_NS {
                self.xsi_prefix = Some(p);
            }
        }
        let default_ns = self.current_default_ns();
        self.push_open(qualified_name, default_ns);
        for (p, uri) in declarations {
            self.declared(Cow::Borrowed(*p), uri);
        }
    }

    /// Opens element `name` in namespace `ns` (`""` for no namespace). Attributes may
    /// follow until content or the end is written.
    pub fn start(&mut self, ns: &'static str, name: &'static str) {
        self.begin_tag();
        self.buf.push(b'<');
        self.buf.extend_from_slice(name.as_bytes());
        let current = self.current_default_ns();
        if ns != current {
            self.buf.extend_from_slice(b" xmlns=\"");
            self.escape_checked(ns, true);
            self.buf.push(b'"');
        }
        self.push_open(name, ns);
    }

    /// Writes an unqualified attribute on the element just opened.
    pub fn attribute(&mut self, name: &str, value: &str) {
        debug_assert!(self.tag_open, "attribute written outside a start tag");
        self.buf.push(b' ');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        self.escape_checked(value, true);
        self.buf.push(b'"');
    }

    /// Writes a simple value as attribute `name` in namespace `ns` (`""` for an
    /// unqualified one). A qualified attribute gets a prefix declared on its element.
    pub fn value_attribute<T: XmlValue>(&mut self, ns: &str, name: &str, value: &T) {
        let text = self.value_text(value);
        match ns {
            "" => self.attribute(name, &text),
            XML_NS => self.attribute(&format!("xml:{name}"), &text),
            _ => {
                self.attribute_prefixes += 1;
                let prefix = format!("a{}", self.attribute_prefixes);
                self.attribute(&format!("xmlns:{prefix}"), ns);
                self.attribute(&format!("{prefix}:{name}"), &text);
            }
        }
    }

    /// Writes text content, escaped.
    pub fn text(&mut self, text: &str) {
        self.close_start_tag();
        self.escape_checked(text, false);
    }

    /// Closes the innermost open element.
    pub fn end(&mut self) {
        let Some(open) = self.stack.pop() else {
            debug_assert!(false, "end() without an open element");
            return;
        };
        self.prefixes.truncate(self.prefixes.len() - open.prefixes);
        if self.tag_open {
            self.buf.extend_from_slice(b" />");
            self.tag_open = false;
        } else {
            if open.has_children {
                self.newline_indent(self.stack.len());
            }
            self.buf.extend_from_slice(b"</");
            self.buf.extend_from_slice(open.name.as_bytes());
            self.buf.push(b'>');
        }
    }

    /// Writes `<name>value</name>`.
    pub fn value_element<T: XmlValue>(&mut self, ns: &'static str, name: &'static str, value: &T) {
        self.start(ns, name);
        self.text(&self.value_text(value));
        self.end();
    }

    /// Writes `<name>` with a complex value's attributes and content.
    pub fn complex_element<T: ToXml + ?Sized>(
        &mut self,
        ns: &'static str,
        name: &'static str,
        value: &T,
    ) {
        self.start(ns, name);
        value.write_attributes(self);
        value.write_content(self);
        self.end();
    }

    /// Switches SOAP encoding (section 5 of SOAP 1.1) on or off: when on, the `typed_…`
    /// writes add `xsi:type`; when off (literal messages) they write what the untyped
    /// ones write.
    pub fn set_encoded(&mut self, encoded: bool) {
        self.encoded = encoded;
    }

    /// Whether values are written SOAP-encoded.
    pub fn is_encoded(&self) -> bool {
        self.encoded
    }

    /// Switches masking on or off: when on, every value whose type is a credential
    /// ([`XmlValue::SECRET`], i.e. [`Secret`](crate::Secret)) is written as [`MASK`].
    /// For a copy of a message shown in a trace; what goes on the wire is written without.
    pub fn set_mask_secrets(&mut self, mask: bool) {
        self.mask_secrets = mask;
    }

    /// The text `value` is written as: its own, or [`MASK`] for a credential when masking.
    fn value_text<'v, T: XmlValue>(&self, value: &'v T) -> Cow<'v, str> {
        if T::SECRET && self.mask_secrets {
            Cow::Borrowed(MASK)
        } else {
            value.to_xml_text()
        }
    }

    /// Like [`value_element`](Self::value_element); SOAP-encoded, with `xsi:type`.
    pub fn typed_value_element<T: XmlValue>(
        &mut self,
        ns: &'static str,
        name: &'static str,
        xsi_type: XsiType,
        value: &T,
    ) {
        self.start(ns, name);
        self.encoded_xsi_type(xsi_type);
        self.text(&self.value_text(value));
        self.end();
    }

    /// Like [`complex_element`](Self::complex_element); SOAP-encoded, with `xsi:type`.
    pub fn typed_complex_element<T: ToXml + ?Sized>(
        &mut self,
        ns: &'static str,
        name: &'static str,
        xsi_type: XsiType,
        value: &T,
    ) {
        self.start(ns, name);
        self.encoded_xsi_type(xsi_type);
        value.write_attributes(self);
        value.write_content(self);
        self.end();
    }

    /// Writes `SOAP-ENC:arrayType="ns:Item[len]"` on the element just opened: what a
    /// SOAP-encoded array says about its items. Nothing when not encoding.
    pub fn array_type(&mut self, item_type: XsiType, len: usize) {
        self.jagged_array_type(item_type, 0, len);
    }

    /// Writes `SOAP-ENC:arrayType` for a jagged array of `len` arrays, `depth` levels of
    /// arrays above the items (`xsd:string[][3]` for depth 1), when encoding.
    pub fn jagged_array_type(&mut self, item_type: XsiType, depth: usize, len: usize) {
        self.nested_array_type(item_type, &"[]".repeat(depth), &[len]);
    }

    /// Writes `SOAP-ENC:arrayType` for an array of `dimensions` (outermost first) whose
    /// items are of type `item_type` followed by the ranks `inner_ranks` (`""` for plain
    /// items, `"[]"` or `"[,]"` for arrays): `xsd:int[2,3]`, `xsd:int[,][4]`. When
    /// encoding.
    pub fn nested_array_type(
        &mut self,
        item_type: XsiType,
        inner_ranks: &str,
        dimensions: &[usize],
    ) {
        if !self.encoded {
            return;
        }
        let encoding = self.prefix_for(SOAP_ENCODING_NS);
        let item = self.prefix_for(item_type.0);
        let mut value = format!("{item}:{}{inner_ranks}[", item_type.1);
        for (position, length) in dimensions.iter().enumerate() {
            if position > 0 {
                value.push(',');
            }
            value.push_str(&length.to_string());
        }
        value.push(']');
        self.attribute(&format!("{encoding}:arrayType"), &value);
    }

    /// Writes `xsi:type` on the element just opened, when encoding (with a prefix in
    /// scope for the type's namespace, or one declared here).
    fn encoded_xsi_type(&mut self, (ns, local): XsiType) {
        if !self.encoded {
            return;
        }
        let xsi = self.prefix_for(XSI_NS);
        let prefix = self.prefix_for(ns);
        self.attribute(&format!("{xsi}:type"), &format!("{prefix}:{local}"));
    }

    /// The prefix of `ns`: one in scope, or one declared on the element just opened
    /// (and in scope inside it).
    fn prefix_for(&mut self, ns: &'static str) -> String {
        if let Some((prefix, _)) = self.prefixes.iter().rev().find(|(_, uri)| *uri == ns) {
            return prefix.to_string();
        }
        self.attribute_prefixes += 1;
        let prefix = format!("a{}", self.attribute_prefixes);
        self.attribute(&format!("xmlns:{prefix}"), ns);
        self.declared(Cow::Owned(prefix.clone()), ns);
        prefix
    }

    /// Records `prefix` as bound to `ns` by the innermost open element.
    fn declared(&mut self, prefix: Cow<'static, str>, ns: &'static str) {
        self.prefixes.push((prefix, ns));
        if let Some(open) = self.stack.last_mut() {
            open.prefixes += 1;
        }
    }

    /// Writes `<name xsi:nil="true" />`: present, but nil.
    pub fn nil_element(&mut self, ns: &'static str, name: &'static str) {
        self.start(ns, name);
        self.xsi_attribute("nil", "true");
        self.end();
    }

    /// Writes `xsi:type` on the element just opened, naming type `local` in namespace
    /// `ns` (`""` for none): unprefixed in the element's default namespace, else with a
    /// prefix declared on the element.
    pub fn xsi_type(&mut self, ns: &str, local: &str) {
        debug_assert!(self.tag_open, "xsi:type written outside a start tag");
        if ns == self.current_default_ns() {
            self.xsi_attribute("type", local);
        } else if ns.is_empty() {
            // A QName without namespace needs no default namespace in force, and this
            // element declared one: there is no way to write it.
            if self.error.is_none() {
                self.error = Some(EncodeError {
                    path: self.path(),
                    reason: format!(
                        "xsi:type `{local}` has no namespace, but the element is in one"
                    ),
                });
            }
        } else {
            self.attribute(&format!("xmlns:{TYPE_PREFIX}"), ns);
            self.xsi_attribute("type", &format!("{TYPE_PREFIX}:{local}"));
        }
    }

    /// Writes attribute `xsi:{local}` on the open start tag, declaring the XSI prefix
    /// there unless an enclosing element did.
    fn xsi_attribute(&mut self, local: &str, value: &str) {
        match self.xsi_prefix {
            Some(prefix) => self.attribute(&format!("{prefix}:{local}"), value),
            None => {
                self.attribute("xmlns:xsi", XSI_NS);
                self.attribute(&format!("xsi:{local}"), value);
            }
        }
    }

    /// The bytes written, or the first value that could not be written.
    pub fn finish(mut self) -> Result<Vec<u8>, EncodeError> {
        while !self.stack.is_empty() {
            self.end();
        }
        match self.error {
            Some(error) => Err(error),
            None => Ok(self.buf),
        }
    }

    fn current_default_ns(&self) -> &'static str {
        self.stack.last().map_or("", |open| open.default_ns)
    }

    fn push_open(&mut self, name: &'static str, default_ns: &'static str) {
        self.stack.push(Open {
            name,
            default_ns,
            has_children: false,
            prefixes: 0,
        });
        self.tag_open = true;
    }

    fn begin_tag(&mut self) {
        self.close_start_tag();
        if let Some(parent) = self.stack.last_mut() {
            parent.has_children = true;
        }
        if !self.buf.is_empty() {
            self.newline_indent(self.stack.len());
        }
    }

    fn close_start_tag(&mut self) {
        if self.tag_open {
            self.buf.push(b'>');
            self.tag_open = false;
        }
    }

    fn newline_indent(&mut self, depth: usize) {
        if self.indent {
            self.buf.extend_from_slice(b"\n");
            for _ in 0..depth {
                self.buf.extend_from_slice(b"  ");
            }
        }
    }

    fn escape_checked(&mut self, text: &str, in_attribute: bool) {
        let before = self.buf.len();
        if let Err(bad) = escape_into(&mut self.buf, text, in_attribute) {
            // Nothing of a value XML cannot carry is written.
            self.buf.truncate(before);
            if self.error.is_none() {
                self.error = Some(EncodeError {
                    path: self.path(),
                    reason: format!(
                        "the value contains U+{:04X}, which XML 1.0 cannot carry",
                        bad as u32
                    ),
                });
            }
        }
    }

    fn path(&self) -> String {
        self.stack.iter().fold(String::new(), |mut path, open| {
            path.push('/');
            path.push_str(open.name);
            path
        })
    }
}

pub(crate) fn is_forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The first character of `text` that XML 1.0 cannot carry, if any: the reader refuses
/// what the writer could not write back.
pub(crate) fn first_forbidden_in_xml(text: &str) -> Option<char> {
    if !has_suspect_byte(text.as_bytes()) {
        return None;
    }
    text.chars().find(|c| is_forbidden_in_xml(*c))
}

/// Whether `bytes` hold a byte that may begin a character XML 1.0 forbids: every such
/// character is a control byte, or (U+FFFE, U+FFFF) starts with 0xEF. Tab, LF and CR
/// count too (the caller looks closer). Eight bytes at a time: the reader runs this on
/// every text it decodes, most of them short.
fn has_suspect_byte(bytes: &[u8]) -> bool {
    any_word(bytes, suspect_word)
}

/// Whether writing `text` needs more than copying it: a byte to escape or one to look
/// at as a character (see [`escape_into`]). Most values need neither.
fn needs_escaping(text: &[u8], in_attribute: bool) -> bool {
    any_word(text, |word| {
        let mut flagged = lanes_below_space(word)
            | lanes_equal(word, 0xEF)
            | lanes_equal(word, b'&')
            | lanes_equal(word, b'<')
            | lanes_equal(word, b'>');
        if in_attribute {
            flagged |= lanes_equal(word, b'"');
        }
        flagged != 0
    })
}

/// Whether some byte of `word` is below 0x20 or is 0xEF.
fn suspect_word(word: u64) -> bool {
    (lanes_below_space(word) | lanes_equal(word, 0xEF)) != 0
}

/// Whether `test` holds for a word of `bytes`, eight bytes at a time; shorter inputs are
/// widened (four bytes, each twice) or, below four bytes, padded with copies of their
/// first byte, so `test` must be about single bytes.
fn any_word(bytes: &[u8], test: impl Fn(u64) -> bool) -> bool {
    let word = |bytes: &[u8]| {
        bytes
            .first_chunk::<8>()
            .map_or(0, |w| u64::from_ne_bytes(*w))
    };
    // Four bytes widened to eight (each byte twice): the same test for short texts.
    let half = |w: &[u8; 4]| {
        let w = u64::from(u32::from_ne_bytes(*w));
        test(w | (w << 32))
    };
    match bytes.last_chunk::<8>() {
        // The last word overlaps the words before it when the length is no multiple of 8.
        Some(last) => {
            bytes.chunks_exact(8).any(|w| test(word(w))) || test(u64::from_ne_bytes(*last))
        }
        None => match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
            (Some(first), Some(last)) => half(first) || half(last),
            _ => bytes.iter().any(|&b| test(ONES * u64::from(b))),
        },
    }
}

/// What [`escape_into`] does with a byte.
const PLAIN: u8 = 0;
const ESCAPE: u8 = 1;
/// A control character other than tab, LF and CR, or 0xEF, the first byte of U+FFFE and
/// U+FFFF (and of other characters): looked at as a character.
const CHECK: u8 = 2;

/// The class of every byte, in text (`[0]`) and in attribute values (`[1]`).
const CLASSES: [[u8; 256]; 2] = {
    let mut classes = [[PLAIN; 256]; 2];
    let mut b = 0;
    while b < 0x20 {
        classes[0][b] = CHECK;
        classes[1][b] = CHECK;
        b += 1;
    }
    classes[0][0xEF] = CHECK;
    classes[1][0xEF] = CHECK;
    let mut context = 0;
    while context < 2 {
        classes[context][b'&' as usize] = ESCAPE;
        classes[context][b'<' as usize] = ESCAPE;
        classes[context][b'>' as usize] = ESCAPE;
        classes[context][b'\r' as usize] = ESCAPE;
        context += 1;
    }
    classes[0][b'\t' as usize] = PLAIN;
    classes[0][b'\n' as usize] = PLAIN;
    classes[1][b'"' as usize] = ESCAPE;
    classes[1][b'\n' as usize] = ESCAPE;
    classes[1][b'\t' as usize] = ESCAPE;
    classes
};

/// Escapes markup characters in one pass, checking on the way that XML 1.0 can carry
/// every character (the first one it cannot is the error). CR is written as a character
/// reference so it survives end-of-line normalization, and so are tab and LF inside
/// attributes.
fn escape_into(buf: &mut Vec<u8>, text: &str, in_attribute: bool) -> Result<(), char> {
    let bytes = text.as_bytes();
    if !needs_escaping(bytes, in_attribute) {
        buf.extend_from_slice(bytes);
        return Ok(());
    }
    escape_each(buf, text, in_attribute)
}

/// [`escape_into`] a byte at a time.
fn escape_each(buf: &mut Vec<u8>, text: &str, in_attribute: bool) -> Result<(), char> {
    let bytes = text.as_bytes();
    let classes = &CLASSES[usize::from(in_attribute)];
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let replacement: &[u8] = match classes[b as usize] {
            PLAIN => continue,
            CHECK => {
                // A char boundary: continuation bytes are all PLAIN.
                let c = text[i..].chars().next().unwrap_or_default();
                if is_forbidden_in_xml(c) {
                    return Err(c);
                }
                continue;
            }
            _ => match b {
                b'&' => b"&amp;",
                b'<' => b"&lt;",
                b'>' => b"&gt;",
                b'\r' => b"&#xD;",
                b'"' => b"&quot;",
                b'\n' => b"&#xA;",
                _ => b"&#x9;",
            },
        };
        buf.extend_from_slice(&bytes[start..i]);
        buf.extend_from_slice(replacement);
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_without_escaping_exactly_the_values_that_need_none() {
        let specials = [
            '&', '<', '>', '"', '\'', '\r', '\n', '\t', '\u{1}', '\u{1F}', '\u{FFFE}', '\u{FEFF}',
            '\u{7F}', 'é', '發',
        ];
        for len in 0..=17 {
            for in_attribute in [false, true] {
                let classes = &CLASSES[usize::from(in_attribute)];
                for special in specials {
                    for at in 0..=len {
                        let mut text: String = "abcdefgh".chars().cycle().take(len).collect();
                        text.insert(text.floor_char_boundary(at), special);
                        let naive = text.bytes().any(|b| classes[b as usize] != PLAIN);
                        // Tab and LF in text are plain but below 0x20: they take the
                        // byte-at-a-time path, and only they may.
                        let tab_or_lf = !in_attribute && text.contains(['\t', '\n']);
                        assert_eq!(
                            needs_escaping(text.as_bytes(), in_attribute),
                            naive || tab_or_lf,
                            "{text:?} in_attribute={in_attribute}"
                        );
                        let (mut fast, mut slow) = (Vec::new(), Vec::new());
                        let results = (
                            escape_into(&mut fast, &text, in_attribute),
                            escape_each(&mut slow, &text, in_attribute),
                        );
                        assert_eq!(results.0, results.1, "{text:?}");
                        assert_eq!(fast, slow, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn finds_forbidden_characters_anywhere_in_long_text() {
        let filler = "發票 text\t\r\n\u{FF0C}".repeat(9);
        assert_eq!(first_forbidden_in_xml(&filler), None);
        for bad in ['\u{0}', '\u{1F}', '\u{B}', '\u{FFFE}', '\u{FFFF}'] {
            // In a full block, in the last one and in the remainder.
            for at in [0, 31, 32, 70, filler.len()] {
                let mut text = filler.clone();
                text.insert(text.floor_char_boundary(at), bad);
                assert_eq!(first_forbidden_in_xml(&text), Some(bad), "{bad:?} at {at}");
            }
        }
    }

    #[test]
    fn finds_forbidden_characters_in_every_place_of_short_text() {
        for len in 0..=8 {
            let plain = "a\u{7F}\t".chars().cycle().take(len).collect::<String>();
            assert_eq!(first_forbidden_in_xml(&plain), None, "{plain:?}");
            for bad in ['\u{0}', '\u{1F}', '\u{FFFE}'] {
                for at in 0..=len {
                    let mut text: Vec<char> = plain.chars().collect();
                    text.insert(at, bad);
                    let text: String = text.into_iter().collect();
                    assert_eq!(first_forbidden_in_xml(&text), Some(bad), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn declares_default_namespace_only_where_it_changes() {
        let mut w = XmlWriter::new(false);
        w.start("urn:a", "Op");
        w.value_element("urn:a", "x", &"1 < 2 & 3".to_owned());
        w.value_element("", "y", &5i32);
        w.end();
        let xml = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            xml,
            r#"<Op xmlns="urn:a"><x>1 &lt; 2 &amp; 3</x><y xmlns="">5</y></Op>"#
        );
    }

    #[test]
    fn typed_writes_add_xsi_type_only_when_encoding() {
        let write = |encoded: bool| {
            let mut w = XmlWriter::new(false);
            w.start_prefixed(
                "e:Envelope",
                &[("xsi", XSI_NS), ("xsd", super::super::XSD_NS)],
            );
            w.set_encoded(encoded);
            w.start("urn:a", "Op");
            w.typed_value_element("", "n", (super::super::XSD_NS, "int"), &5i32);
            w.start("", "list");
            w.array_type(("urn:t", "Item"), 1);
            w.typed_value_element("", "item", ("urn:t", "Item"), &"x".to_owned());
            w.end();
            w.typed_value_element("", "after", ("urn:t", "Item"), &"y".to_owned());
            w.end();
            w.end();
            String::from_utf8(w.finish().unwrap()).unwrap()
        };
        assert_eq!(
            write(false),
            r#"<e:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><Op xmlns="urn:a"><n xmlns="">5</n><list xmlns=""><item>x</item></list><after xmlns="">y</after></Op></e:Envelope>"#
        );
        // A prefix declared for a value is used inside its element, not after it.
        assert_eq!(
            write(true),
            concat!(
                r#"<e:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><Op xmlns="urn:a">"#,
                r#"<n xmlns="" xsi:type="xsd:int">5</n>"#,
                r#"<list xmlns="" xmlns:a1="http://schemas.xmlsoap.org/soap/encoding/" xmlns:a2="urn:t" a1:arrayType="a2:Item[1]"><item xsi:type="a2:Item">x</item></list>"#,
                r#"<after xmlns="" xmlns:a3="urn:t" xsi:type="a3:Item">y</after></Op></e:Envelope>"#
            )
        );
    }

    #[test]
    fn refuses_control_characters() {
        let mut w = XmlWriter::new(false);
        w.start("urn:a", "Op");
        w.value_element("urn:a", "x", &"bell\u{7}".to_owned());
        let err = w.finish().unwrap_err();
        assert_eq!(err.path, "/Op/x");
        assert!(err.reason.contains("U+0007"), "{}", err.reason);

        let mut w = XmlWriter::new(false);
        w.start("urn:a", "Op");
        w.attribute("a", "tab\t\"q\" \u{FFFD} 發票");
        w.value_element("urn:a", "y", &"a\tb\r\n<&> \u{EFFF}".to_owned());
        let xml = w.finish().unwrap();
        assert_eq!(
            String::from_utf8(xml).unwrap(),
            "<Op xmlns=\"urn:a\" a=\"tab&#x9;&quot;q&quot; \u{FFFD} 發票\"><y>a\tb&#xD;\n&lt;&amp;&gt; \u{EFFF}</y></Op>"
        );
        let mut w = XmlWriter::new(false);
        w.start("urn:a", "Op");
        w.value_element("urn:a", "z", &"ok \u{FFFE}".to_owned());
        let err = w.finish().unwrap_err();
        assert!(err.reason.contains("U+FFFE"), "{}", err.reason);
    }

    #[test]
    fn indents_children_and_writes_empty_elements_short() {
        let mut w = XmlWriter::new(true);
        w.start("urn:a", "Op");
        w.start("urn:a", "empty");
        w.end();
        w.nil_element("urn:a", "n");
        w.end();
        let xml = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            xml,
            "<Op xmlns=\"urn:a\">\n  <empty />\n  <n xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\" />\n</Op>"
        );
    }

    #[test]
    fn writes_xsi_type_with_a_prefix_only_for_another_namespace() {
        let mut w = XmlWriter::new(false);
        w.start_prefixed("e:Envelope", &[("e", "urn:env"), ("xsi", XSI_NS)]);
        w.start("urn:a", "same");
        w.xsi_type("urn:a", "Circle");
        w.end();
        w.start("urn:a", "other");
        w.xsi_type("urn:b", "Square");
        w.end();
        w.end();
        let xml = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            xml,
            concat!(
                r#"<e:Envelope xmlns:e="urn:env" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
                r#"<same xmlns="urn:a" xsi:type="Circle" />"#,
                r#"<other xmlns="urn:a" xmlns:xt="urn:b" xsi:type="xt:Square" />"#,
                "</e:Envelope>"
            )
        );

        let mut w = XmlWriter::new(false);
        w.start("urn:a", "x");
        w.xsi_type("", "Local");
        assert!(
            w.finish()
                .unwrap_err()
                .reason
                .contains("`Local` has no namespace")
        );
    }
}
