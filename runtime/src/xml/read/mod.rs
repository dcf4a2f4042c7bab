//! [`XmlReader`]: pulls elements from a byte slice, namespace-aware and prefix-agnostic.
//!
//! The reader is split by concern: [`tokenizer`] splits the document into events; this
//! module moves through them (children, skipping, positions); [`namespaces`] keeps the
//! declarations in scope;
//! [`start_tag`] checks each start tag against the [`Limits`]; [`text`] and
//! [`attributes`] read values; [`markup`] copies raw XML out.

mod attributes;
mod element;
mod limits;
mod markup;
mod namespaces;
mod position;
mod start_tag;
mod tag_attributes;
mod text;
mod tokenizer;

#[cfg(test)]
mod tests;

use std::ops::Range;
use std::time::{Duration, Instant};

use quick_xml::events::{BytesStart, Event};

use super::{DecodeError, DecodeErrorKind};
pub use element::{Children, Element};
pub use limits::Limits;
use namespaces::{KnownNamespace, Namespaces};
pub(crate) use position::line_column;
use tag_attributes::TagAttributes;
use tokenizer::{SyntaxError, Tokenizer};

/// How many events are read between two looks at the clock: often enough to stop soon
/// after a deadline, rarely enough to cost nothing measurable.
const EVENTS_PER_DEADLINE_CHECK: u32 = 256;

/// Reads XML from a byte slice. DOCTYPEs are refused (so no entity is ever declared or
/// expanded), nesting, size, attributes and namespace declarations are bounded by
/// [`Limits`], decoding stops at a deadline, and every error carries its line, column
/// and element path.
pub struct XmlReader<'a> {
    tokens: Tokenizer<'a>,
    input: &'a [u8],
    limits: Limits,
    namespaces: Namespaces<'a>,
    /// Whether the last event was an empty element, whose declarations stay in scope
    /// until the next event (so that its attributes can still be resolved).
    empty_open: bool,
    /// Byte offsets of the open elements' start tags (their `<`): their names are only
    /// read back for an error's path.
    path: Vec<usize>,
    /// Byte offset where the last event read began.
    event_offset: usize,
    /// When decoding must stop, and the time that was allowed.
    deadline: (Instant, Duration),
    /// Events left until the clock is read again.
    until_deadline_check: u32,
    /// Reused by each start tag: its namespace declarations and attribute names.
    scratch_declarations: Vec<(&'a [u8], &'a [u8])>,
    scratch_keys: Vec<&'a [u8]>,
    /// Speeds up the namespace checks of [`next_field`](Self::next_field).
    known_namespace: KnownNamespace,
}

impl<'a> XmlReader<'a> {
    /// A reader over `input`, refusing it at once if it exceeds `limits.max_bytes`;
    /// it stops with [`DecodeErrorKind::TimedOut`] once `limits.max_decode_time` has
    /// passed.
    pub fn new(input: &'a [u8], limits: Limits) -> Result<Self, DecodeError> {
        // A byte order mark is not part of the document: positions count from after it.
        let input = input.strip_prefix(UTF8_BOM).unwrap_or(input);
        let now = Instant::now();
        let mut reader = Self {
            // Set once the input is known to be UTF-8.
            tokens: Tokenizer::new(""),
            input,
            limits,
            namespaces: Namespaces::default(),
            empty_open: false,
            path: Vec::new(),
            event_offset: 0,
            deadline: (
                now.checked_add(limits.max_decode_time).unwrap_or(now),
                limits.max_decode_time,
            ),
            // The clock was just read: the first look can wait a full round, unless no
            // time at all was allowed (which stops even a short document).
            until_deadline_check: if limits.max_decode_time.is_zero() {
                1
            } else {
                EVENTS_PER_DEADLINE_CHECK
            },
            scratch_declarations: Vec::new(),
            scratch_keys: Vec::new(),
            known_namespace: KnownNamespace::default(),
        };
        if input.len() > limits.max_bytes {
            return Err(reader.error_at(
                0,
                DecodeErrorKind::TooLarge {
                    size: input.len(),
                    limit: limits.max_bytes,
                },
            ));
        }
        if input.starts_with(UTF8_BOM) {
            return Err(reader.error_at(
                0,
                DecodeErrorKind::Malformed("a second byte order mark".into()),
            ));
        }
        // Validated once here, so that no text needs it again.
        match simdutf8::compat::from_utf8(input) {
            Ok(text) => reader.tokens = Tokenizer::new(text),
            Err(e) => {
                let kind = DecodeErrorKind::Malformed(format!("invalid UTF-8: {e}"));
                return Err(reader.error_at(e.valid_up_to(), kind));
            }
        }
        Ok(reader)
    }

    /// Also stops decoding at `deadline` (a call's timeout, `allowed` long), if that is
    /// earlier than the limits' own.
    pub fn stop_at(&mut self, deadline: Instant, allowed: Duration) {
        if deadline < self.deadline.0 {
            self.deadline = (deadline, allowed);
            // The first event looks: the deadline may have passed before decoding began.
            self.until_deadline_check = 1;
        }
    }

    /// Reads up to the document's root element and returns it.
    pub fn root(&mut self) -> Result<Element<'a>, DecodeError> {
        loop {
            match self.next_event_outlined()? {
                Event::Start(start) => return Ok(self.opened(start, false)),
                Event::Empty(start) => return Ok(self.opened(start, true)),
                Event::Text(text) if text.iter().all(u8::is_ascii_whitespace) => {}
                Event::Text(_) | Event::CData(_) => {
                    return Err(self.error_here(DecodeErrorKind::Malformed(
                        "text before the root element".into(),
                    )));
                }
                Event::Eof => {
                    return Err(self.error_here(DecodeErrorKind::Malformed(
                        "the document has no root element".into(),
                    )));
                }
                _ => {}
            }
        }
    }

    /// Starts a loop over `element`'s children.
    pub fn children(&self, element: &Element<'_>) -> Children {
        Children {
            done: element.empty,
            next_field: 0,
        }
    }

    /// The next child element, or `None` once `element`'s end tag has been read. Each
    /// child returned must be consumed (read or skipped) before the next call.
    #[inline(always)]
    pub fn next_child(
        &mut self,
        children: &mut Children,
    ) -> Result<Option<Element<'a>>, DecodeError> {
        if children.done {
            return Ok(None);
        }
        loop {
            // Text between child elements is whitespace or mixed content that the
            // element's type does not model: passed over without an event.
            self.tokens.skip_text();
            match self.next_event()? {
                Event::Start(start) => return Ok(Some(self.opened(start, false))),
                Event::Empty(start) => return Ok(Some(self.opened(start, true))),
                Event::End(_) => {
                    children.done = true;
                    return Ok(None);
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                // Comments and PIs carry no data.
                _ => {}
            }
        }
    }

    /// The next child that is one of `fields` (`(namespace, local name)`, `""` for no
    /// namespace), with its index; children that are not are skipped, so services may
    /// add elements without breaking older clients.
    pub fn next_field(
        &mut self,
        children: &mut Children,
        fields: &[(&'static str, &'static str)],
    ) -> Result<Option<(usize, Element<'a>)>, DecodeError> {
        while let Some(child) = self.next_child(children)? {
            match self.field_position(&child, children.next_field, fields) {
                Some(index) => {
                    children.next_field = index + 1;
                    return Ok(Some((index, child)));
                }
                None => self.skip(child)?,
            }
        }
        Ok(None)
    }

    /// Like [`next_field`](Self::next_field), but a child that is none of `fields` is
    /// returned with index `None` instead of being skipped: for types with `xsd:any`,
    /// which keep such children as raw XML.
    pub fn next_field_or_other(
        &mut self,
        children: &mut Children,
        fields: &[(&'static str, &'static str)],
    ) -> Result<Option<(Option<usize>, Element<'a>)>, DecodeError> {
        let Some(child) = self.next_child(children)? else {
            return Ok(None);
        };
        let found = self.field_position(&child, children.next_field, fields);
        if let Some(index) = found {
            children.next_field = index + 1;
        }
        Ok(Some((found, child)))
    }

    /// Whether `element` is `local` in namespace `ns` (`""` for none).
    pub fn has_name(&self, element: &Element<'_>, ns: &str, local: &str) -> bool {
        element.is(ns, local)
    }

    /// `{namespace}local` of `element`, for messages.
    pub fn expanded_name(&self, element: &Element<'_>) -> String {
        let local = String::from_utf8_lossy(element.local_name());
        match element.namespace {
            namespaces::Resolved::Bound(ns) => {
                format!("{{{}}}{local}", String::from_utf8_lossy(ns))
            }
            _ => local.into_owned(),
        }
    }

    /// The namespace URI of `element`, if it has one.
    pub fn namespace_of(&self, element: &Element<'_>) -> Option<Vec<u8>> {
        match element.namespace {
            namespaces::Resolved::Bound(ns) => Some(ns.to_vec()),
            _ => None,
        }
    }

    /// Skips `element` and everything inside it.
    pub fn skip(&mut self, element: Element<'a>) -> Result<(), DecodeError> {
        self.skip_to_end(&element).map(|_| ())
    }

    /// Reads past `element`'s end tag; the offset just after it.
    fn skip_to_end(&mut self, element: &Element<'a>) -> Result<usize, DecodeError> {
        if element.empty {
            return Ok(self.offset());
        }
        let mut depth = 1usize;
        loop {
            match self.next_event_outlined()? {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(self.offset());
                    }
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    /// The element for a start tag [`next_event`](Self::next_event) has just read.
    #[inline(always)]
    fn opened(&self, start: BytesStart<'a>, empty: bool) -> Element<'a> {
        // Split here once: quick-xml's `local_name()` searches for the colon each time.
        let name = start.name().into_inner();
        let colon = name.iter().position(|&b| b == b':');
        let namespace = self.namespaces.resolve_element(colon.map(|at| &name[..at]));
        Element {
            local_start: colon.map_or(0, |at| at + 1),
            start,
            empty,
            offset: self.event_offset,
            content_start: self.offset(),
            namespace,
        }
    }

    /// The next event, with the bookkeeping every event needs: the element path and the
    /// namespaces in scope follow start and end tags, each start tag is checked against
    /// the limits, and the deadline is looked at now and then. Inlined into each caller
    /// (there are few): returning the event through one more call costs more than the
    /// bookkeeping itself.
    #[inline(always)]
    fn next_event(&mut self) -> Result<Event<'a>, DecodeError> {
        if self.empty_open {
            self.empty_open = false;
            self.namespaces.close();
        }
        self.until_deadline_check -= 1;
        if self.until_deadline_check == 0 {
            self.check_deadline()?;
        }
        self.event_offset = self.offset();
        let event = match self.tokens.next_event() {
            Ok(event) => event,
            Err(e) => return Err(self.syntax_error(e)),
        };
        match &event {
            Event::Text(_) => {}
            Event::Start(start) => {
                self.check_depth()?;
                self.path.push(self.event_offset);
                self.open_scope(start)?;
            }
            Event::End(_) => {
                self.path.pop();
                self.namespaces.close();
            }
            Event::Empty(start) => {
                self.check_depth()?;
                self.open_scope(start)?;
                self.empty_open = true;
            }
            Event::DocType(_) => return Err(self.error_here(DecodeErrorKind::DoctypeForbidden)),
            Event::Eof if !self.path.is_empty() => {
                return Err(self.error_here(DecodeErrorKind::UnexpectedEof));
            }
            _ => {}
        }
        Ok(event)
    }

    /// The index in `fields` of `child`'s name, trying from `start` on (the next field in
    /// sequence order is the likely one).
    #[inline(always)]
    pub(super) fn field_position(
        &mut self,
        child: &Element<'_>,
        start: usize,
        fields: &[(&'static str, &'static str)],
    ) -> Option<usize> {
        let name = child.local_name();
        let known = &mut self.known_namespace;
        let mut matches = |&(ns, local): &(&'static str, &'static str)| {
            same_name(local.as_bytes(), name) && known.is(child.namespace, ns)
        };
        if fields.get(start).is_some_and(&mut matches) {
            return Some(start);
        }
        let start = start.min(fields.len());
        (start..fields.len())
            .chain(0..start)
            .find(|&i| matches(&fields[i]))
    }

    /// [`next_event`](Self::next_event) as a call, for the paths that are not per field
    /// (the root, skipping, raw copies): one copy of the event path instead of one each
    /// keeps the hot code small.
    #[inline(never)]
    fn next_event_outlined(&mut self) -> Result<Event<'a>, DecodeError> {
        self.next_event()
    }

    #[cold]
    fn check_deadline(&mut self) -> Result<(), DecodeError> {
        self.until_deadline_check = EVENTS_PER_DEADLINE_CHECK;
        let (deadline, allowed) = self.deadline;
        if Instant::now() >= deadline {
            return Err(self.error_here(DecodeErrorKind::TimedOut { limit: allowed }));
        }
        Ok(())
    }

    #[inline]
    fn check_depth(&self) -> Result<(), DecodeError> {
        if self.path.len() >= self.limits.max_depth {
            return Err(self.error_here(DecodeErrorKind::TooDeep {
                limit: self.limits.max_depth,
            }));
        }
        Ok(())
    }

    /// Where `part`, a slice of the input that an event borrows, lies in the input.
    #[inline]
    fn rebase(&self, part: &[u8]) -> Range<usize> {
        let start = (part.as_ptr() as usize).wrapping_sub(self.input.as_ptr() as usize);
        // Events of a slice reader always borrow from it; anything else maps to an
        // empty range rather than out of bounds.
        if start
            .checked_add(part.len())
            .is_some_and(|end| end <= self.input.len())
        {
            start..start + part.len()
        } else {
            0..0
        }
    }

    /// The attributes of `start`, a start tag the reader returned, borrowing the input.
    fn attributes_of(&self, start: &BytesStart<'_>) -> TagAttributes<'a> {
        TagAttributes::new(self.input_slice(start), start.name().as_ref().len())
    }

    /// `part` (a slice of the input that an event borrows) with the input's lifetime.
    fn input_slice(&self, part: &[u8]) -> &'a [u8] {
        let input: &'a [u8] = self.input;
        &input[self.rebase(part)]
    }

    #[cold]
    fn syntax_error(&self, error: SyntaxError) -> DecodeError {
        self.error_at(
            error.offset,
            error.kind(self.tokens.text(0..self.input.len())),
        )
    }

    /// `part` (a slice of the input that an event borrows) as text with the input's
    /// lifetime: the input was validated as UTF-8 once, so this costs no second look.
    #[inline]
    fn input_text(&self, part: &[u8]) -> &'a str {
        self.tokens.text(self.rebase(part))
    }

    #[inline]
    fn offset(&self) -> usize {
        self.tokens.position()
    }
}

/// Whether `a` and `b` are the same bytes: inline for names up to 32 bytes (overlapping
/// words), where a call to `memcmp` costs more than the comparison.
#[inline(always)]
pub(super) fn same_name(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let word = |bytes: &[u8], at: usize| {
        u64::from_ne_bytes(bytes[at..at + 8].try_into().unwrap_or_default())
    };
    match a.len() {
        0..8 => a.iter().zip(b).all(|(x, y)| x == y),
        8..=16 => {
            let last = a.len() - 8;
            word(a, 0) == word(b, 0) && word(a, last) == word(b, last)
        }
        17..=32 => {
            let (middle, last) = (a.len() - 16, a.len() - 8);
            word(a, 0) == word(b, 0)
                && word(a, 8) == word(b, 8)
                && word(a, middle) == word(b, middle)
                && word(a, last) == word(b, last)
        }
        _ => a == b,
    }
}

/// The UTF-8 byte order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The error for character `bad` in text or an attribute value: quick-xml lets the
/// characters XML 1.0 forbids through, and a value the writer could not write back is
/// refused here, where the document is known to be at fault.
fn forbidden_character(bad: char) -> DecodeErrorKind {
    DecodeErrorKind::Malformed(format!(
        "the text contains U+{:04X}, which XML 1.0 does not allow",
        u32::from(bad)
    ))
}
