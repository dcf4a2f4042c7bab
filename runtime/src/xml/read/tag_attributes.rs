//! A start tag's attributes, split exactly as quick-xml's `Attributes` splits them in XML
//! mode without its duplicate check (which [`start_tag`](super::start_tag) does for every
//! tag), but a value at a time instead of a byte at a time: the closing quote is found
//! with `memchr`. Namespace URIs make most attribute bytes, so this is most of the work.
//!
//! It yields quick-xml's own [`Attribute`] and [`AttrError`] values, so callers keep their
//! name and value helpers and their error messages. Unlike quick-xml's iterator it stops
//! at the first error rather than trying to recover: every caller refuses the tag then,
//! and the tags read with `.flatten()` were already checked when they were opened.

use std::borrow::Cow;

use quick_xml::events::attributes::{AttrError, Attribute};
use quick_xml::name::QName;

use super::tokenizer::is_whitespace;

/// An attribute's name and its value as written (escaped), both borrowing the tag.
pub(super) type RawAttribute<'a> = (&'a [u8], &'a [u8]);

/// The attributes of one start tag, in order.
pub(super) struct TagAttributes<'a> {
    /// The tag's content: its name and attributes, without `<` and `>` (or `/>`). Error
    /// positions count from its start, as quick-xml's do.
    tag: &'a [u8],
    /// Where the next attribute is looked for; past the end once done.
    position: usize,
}

impl<'a> TagAttributes<'a> {
    /// The attributes of `tag` (a start tag's content), whose name is `name_len` bytes.
    pub(super) fn new(tag: &'a [u8], name_len: usize) -> Self {
        Self {
            tag,
            position: name_len,
        }
    }

    fn fail<T>(&mut self, error: AttrError) -> Option<Result<T, AttrError>> {
        self.position = usize::MAX;
        Some(Err(error))
    }

    /// The first non-whitespace byte at or after `from`, with its position.
    fn skip_whitespace(&self, from: usize) -> Option<(usize, u8)> {
        let rest = self.tag.get(from..)?;
        let at = rest.iter().position(|&b| !is_whitespace(b))?;
        Some((from + at, rest[at]))
    }

    /// The next attribute, without building quick-xml's [`Attribute`].
    pub(super) fn next_raw(&mut self) -> Option<Result<RawAttribute<'a>, AttrError>> {
        let len = self.tag.len();
        let Some((key_start, _)) = self.skip_whitespace(self.position) else {
            self.position = usize::MAX;
            return None;
        };
        // As in quick-xml, the key's first byte is taken whatever it is, `=` included.
        let key_len = self.tag[key_start + 1..]
            .iter()
            .position(|&b| b == b'=' || is_whitespace(b));
        let Some(key_len) = key_len else {
            return self.fail(AttrError::ExpectedEq(len));
        };
        let key_end = key_start + 1 + key_len;
        let equals = match self.skip_whitespace(key_end) {
            Some((at, b'=')) => at,
            Some((at, _)) => return self.fail(AttrError::ExpectedEq(at)),
            None => return self.fail(AttrError::ExpectedEq(len)),
        };
        let (value_start, quote) = match self.skip_whitespace(equals + 1) {
            Some((at, quote @ (b'"' | b'\''))) => (at + 1, quote),
            Some((at, _)) => return self.fail(AttrError::UnquotedValue(at)),
            None => return self.fail(AttrError::ExpectedValue(len)),
        };
        let Some(value_len) = memchr::memchr(quote, &self.tag[value_start..]) else {
            return self.fail(AttrError::ExpectedQuote(len, quote));
        };
        let value_end = value_start + value_len;
        self.position = value_end + 1;
        Some(Ok((
            &self.tag[key_start..key_end],
            &self.tag[value_start..value_end],
        )))
    }
}

impl<'a> Iterator for TagAttributes<'a> {
    type Item = Result<Attribute<'a>, AttrError>;

    fn next(&mut self) -> Option<Self::Item> {
        let attribute = self.next_raw()?.map(|(key, value)| Attribute {
            key: QName(key),
            value: Cow::Borrowed(value),
        });
        Some(attribute)
    }
}

#[cfg(test)]
mod tests;
