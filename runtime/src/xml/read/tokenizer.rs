//! Splits a UTF-8 document into quick-xml [`Event`]s borrowing from it.
//!
//! quick-xml's own reader validates UTF-8 again for every text it decodes and copies each
//! start tag's name into a buffer to check end tags. Here the whole document is validated
//! once when the reader is made (so every event borrows a `&str`), and end tags are checked
//! against the open elements' name ranges in the input. The events are quick-xml's, so the
//! rest of the reader (attributes, names) is unchanged.

use memchr::memchr;
use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesPI, BytesStart, BytesText, Event};

use super::same_name;
use crate::xml::DecodeErrorKind;
use crate::xml::swar::{lanes_above_space, lanes_below_space, lanes_equal};

/// A syntax error, at the `<` of the markup it is about. Small, so that the events'
/// `Result` stays small: the message is only built by [`SyntaxError::kind`].
#[derive(Debug, Clone, Copy)]
pub(super) struct SyntaxError {
    pub(super) offset: usize,
    fault: Fault,
}

/// What is wrong with the markup.
#[derive(Debug, Clone, Copy)]
enum Fault {
    /// The document ends inside it.
    Eof,
    /// `<` not followed by a name.
    NoName,
    /// A `/` after a tag's name that does not end the tag.
    SlashInTag,
    /// `<!` beginning neither a comment, CDATA nor a DOCTYPE.
    UnknownBang,
    /// `<?` not followed by a target.
    NoTarget,
    /// An end tag with no element open.
    NothingOpen,
    /// An end tag that does not name the element open, whose name is at this range.
    Mismatched(usize, usize),
}

impl SyntaxError {
    /// The error's kind, its message naming what `input` holds at the error.
    #[cold]
    pub(super) fn kind(&self, input: &str) -> DecodeErrorKind {
        let found = || {
            let tag = input.get(self.offset + 2..).unwrap_or_default();
            let end = tag.find('>').unwrap_or(tag.len());
            tag[..end].trim_end_matches(is_whitespace_char).to_owned()
        };
        let message = match self.fault {
            Fault::Eof => return DecodeErrorKind::UnexpectedEof,
            Fault::NoName => "a tag has no name".to_owned(),
            Fault::SlashInTag => "a `/` inside a tag that does not end it".to_owned(),
            Fault::UnknownBang => {
                "`<!` begins neither a comment, a CDATA section nor a DOCTYPE".to_owned()
            }
            Fault::NoTarget => "a processing instruction has no target".to_owned(),
            Fault::NothingOpen => format!("end tag `</{}>` with no element open", found()),
            Fault::Mismatched(start, len) => format!(
                "expected `</{}>`, but `</{}>` was found",
                input.get(start..start + len).unwrap_or_default(),
                found()
            ),
        };
        DecodeErrorKind::Malformed(message)
    }
}

/// Where the tokenizer stands in a document.
#[derive(Debug)]
pub(super) struct Tokenizer<'a> {
    input: &'a str,
    /// Byte offset of the next event.
    position: usize,
    /// The open elements' names, as ranges of the input, innermost last.
    open: Vec<(usize, usize)>,
    /// Whether the last text read holds no `&` and no byte that may begin a character
    /// XML 1.0 forbids: it is then its own value, with nothing to unescape or check.
    plain_text: bool,
}

impl<'a> Tokenizer<'a> {
    pub(super) fn new(input: &'a str) -> Self {
        Self {
            input,
            position: 0,
            open: Vec::new(),
            plain_text: false,
        }
    }

    /// Byte offset just after the last event read.
    #[inline(always)]
    pub(super) fn position(&self) -> usize {
        self.position
    }

    /// The input's text in `range` (of byte offsets that events begin and end at).
    #[inline(always)]
    pub(super) fn text(&self, range: std::ops::Range<usize>) -> &'a str {
        self.input.get(range).unwrap_or_default()
    }

    /// Whether the last [`Event::Text`] read is plain: no `&`, no control character,
    /// nothing that may be U+FFFE or U+FFFF.
    #[inline(always)]
    pub(super) fn last_text_is_plain(&self) -> bool {
        self.plain_text
    }

    /// Moves past text up to the next markup, for a caller that would ignore it: the
    /// whitespace between child elements, mostly, which is then never made an event.
    #[inline(always)]
    pub(super) fn skip_text(&mut self) {
        let bytes = self.input.as_bytes();
        let mut at = self.position;
        // Indentation, eight bytes at a time: any byte up to a space is passed over (the
        // text is ignored whatever it holds), up to the first one above.
        while let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            let above_space = lanes_above_space(word);
            if above_space != 0 {
                at += above_space.trailing_zeros() as usize / 8;
                break;
            }
            at += 8;
        }
        while bytes.get(at).is_some_and(|&b| b <= b' ') {
            at += 1;
        }
        if bytes.get(at).is_some_and(|&b| b != b'<') {
            at = memchr(b'<', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        }
        self.position = at;
    }

    /// The next event: text up to the next markup, or one piece of markup.
    #[inline(always)]
    pub(super) fn next_event(&mut self) -> Result<Event<'a>, SyntaxError> {
        let bytes = self.input.as_bytes();
        let start = self.position;
        match bytes.get(start) {
            None => Ok(Event::Eof),
            Some(b'<') => self.markup(start),
            Some(_) => {
                let (end, plain) = scan_text(bytes, start);
                self.position = end;
                self.plain_text = plain;
                Ok(Event::Text(BytesText::from_escaped(
                    &self.input[start..end],
                )))
            }
        }
    }

    /// The markup beginning with the `<` at `start`.
    #[inline]
    fn markup(&mut self, start: usize) -> Result<Event<'a>, SyntaxError> {
        let bytes = self.input.as_bytes();
        match bytes.get(start + 1) {
            Some(b'/') => self.end_tag(start),
            Some(b'!') => self.bang(start),
            Some(b'?') => self.processing_instruction(start),
            _ => self.start_tag(start),
        }
    }

    #[inline]
    fn start_tag(&mut self, start: usize) -> Result<Event<'a>, SyntaxError> {
        let bytes = self.input.as_bytes();
        let name_start = start + 1;
        let name_end = bytes[name_start..]
            .iter()
            .position(|&b| is_whitespace(b) || b == b'>' || b == b'/')
            .map_or(bytes.len(), |i| name_start + i);
        if name_end == name_start {
            return Err(if name_end == bytes.len() {
                eof(start)
            } else {
                error(start, Fault::NoName)
            });
        }
        // Most tags are a bare name: `<name>` or `<name/>`.
        let (close, empty) = match bytes.get(name_end) {
            Some(b'>') => (name_end, false),
            Some(b'/') if bytes.get(name_end + 1) == Some(&b'>') => (name_end + 1, true),
            // `<a/b>` or `<a/ >`: quick-xml took the `/` into the name.
            Some(b'/') => return Err(error(start, Fault::SlashInTag)),
            _ => self.tag_end(start, name_end)?,
        };
        self.position = close + 1;
        let content_end = if empty { close - 1 } else { close };
        let tag =
            BytesStart::from_content(&self.input[name_start..content_end], name_end - name_start);
        if empty {
            Ok(Event::Empty(tag))
        } else {
            self.open.push((name_start, name_end - name_start));
            Ok(Event::Start(tag))
        }
    }

    /// The `>` ending the start tag at `start` whose attributes begin at `from`, skipping
    /// quoted attribute values; whether it is `/>`.
    fn tag_end(&self, start: usize, from: usize) -> Result<(usize, bool), SyntaxError> {
        let bytes = self.input.as_bytes();
        let mut at = from;
        loop {
            let Some(i) = memchr::memchr3(b'>', b'"', b'\'', &bytes[at..]) else {
                return Err(eof(start));
            };
            at += i;
            let quote = bytes[at];
            if quote == b'>' {
                return Ok((at, bytes[at - 1] == b'/'));
            }
            let Some(end) = memchr(quote, &bytes[at + 1..]) else {
                return Err(eof(start));
            };
            at += end + 2;
        }
    }

    #[inline]
    fn end_tag(&mut self, start: usize) -> Result<Event<'a>, SyntaxError> {
        let bytes = self.input.as_bytes();
        let name_start = start + 2;
        // Most end tags are `</name>`, with the name of the element open.
        if let Some(&(open_start, open_len)) = self.open.last() {
            let name_end = name_start + open_len;
            if bytes.get(name_end) == Some(&b'>')
                && same_name(
                    &bytes[name_start..name_end],
                    &bytes[open_start..open_start + open_len],
                )
            {
                self.open.pop();
                self.position = name_end + 1;
                return Ok(Event::End(BytesEnd::new(&self.input[name_start..name_end])));
            }
        }
        self.end_tag_in_full(start)
    }

    fn end_tag_in_full(&mut self, start: usize) -> Result<Event<'a>, SyntaxError> {
        let bytes = self.input.as_bytes();
        let name_start = start + 2;
        let Some(close) = memchr(b'>', &bytes[name_start..]).map(|i| name_start + i) else {
            return Err(eof(start));
        };
        self.position = close + 1;
        let name = self.input[name_start..close].trim_end_matches(is_whitespace_char);
        let Some((open_start, open_len)) = self.open.pop() else {
            return Err(error(start, Fault::NothingOpen));
        };
        if name != &self.input[open_start..open_start + open_len] {
            return Err(error(start, Fault::Mismatched(open_start, open_len)));
        }
        Ok(Event::End(BytesEnd::new(name)))
    }

    /// `<!--…-->`, `<![CDATA[…]]>` or `<!DOCTYPE…>`.
    fn bang(&mut self, start: usize) -> Result<Event<'a>, SyntaxError> {
        let rest = &self.input[start + 2..];
        if rest.starts_with("--") {
            let content = self.delimited(start, "<!--", "-->")?;
            return Ok(Event::Comment(BytesText::from_escaped(content)));
        }
        if rest.starts_with("[CDATA[") {
            let content = self.delimited(start, "<![CDATA[", "]]>")?;
            return Ok(Event::CData(BytesCData::new(content)));
        }
        if rest
            .get(..7)
            .is_some_and(|word| word.eq_ignore_ascii_case("DOCTYPE"))
        {
            // Refused by the reader as soon as it is seen: its end is not looked for.
            self.position = start + 9;
            return Ok(Event::DocType(BytesText::from_escaped("")));
        }
        Err(error(start, Fault::UnknownBang))
    }

    /// The content of the markup at `start` that begins with `opener` (known to be there)
    /// and ends with the first `closer` after it.
    fn delimited(
        &mut self,
        start: usize,
        opener: &str,
        closer: &str,
    ) -> Result<&'a str, SyntaxError> {
        let content_start = start + opener.len();
        let rest = &self.input.as_bytes()[content_start..];
        let end = find_closer(rest, closer.as_bytes()).ok_or_else(|| eof(start))?;
        self.position = content_start + end + closer.len();
        Ok(&self.input[content_start..content_start + end])
    }

    /// `<?target …?>`: the XML declaration or a processing instruction.
    fn processing_instruction(&mut self, start: usize) -> Result<Event<'a>, SyntaxError> {
        let content = self.delimited(start, "<?", "?>")?;
        let target_len = content
            .bytes()
            .position(is_whitespace)
            .unwrap_or(content.len());
        if target_len == 0 {
            return Err(error(start, Fault::NoTarget));
        }
        if &content[..target_len] == "xml" {
            let declaration = BytesStart::from_content(content, target_len);
            return Ok(Event::Decl(BytesDecl::from_start(declaration)));
        }
        Ok(Event::PI(BytesPI::new(content)))
    }
}

/// Where `closer` (a few bytes, like `?>` or `-->`) first occurs in `haystack`. Markup
/// closers are short and their first byte rare, so finding that byte and comparing the
/// rest beats building a substring searcher for every comment or declaration; linear,
/// as each candidate costs at most `closer.len()` comparisons.
fn find_closer(haystack: &[u8], closer: &[u8]) -> Option<usize> {
    let (&first, rest) = closer.split_first()?;
    let mut from = 0;
    while let Some(found) = memchr(first, &haystack[from..]) {
        let at = from + found;
        if haystack[at + 1..].starts_with(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Where the text beginning at `start` ends (at the next `<`, or the end of the input),
/// and whether it is plain (see [`Tokenizer::last_text_is_plain`]). Eight bytes at a time
/// with the classic SWAR tests; a false positive can only make a text not plain, which
/// costs a closer look, never a wrong answer.
#[inline]
fn scan_text(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut at = start;
    let mut suspect = 0u64;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let flagged = lanes_below_space(word) | lanes_equal(word, 0xEF) | lanes_equal(word, b'&');
        let markup = lanes_equal(word, b'<');
        if markup != 0 {
            // Bytes from the first `<` on are not this text's.
            let before = (1u64 << markup.trailing_zeros()) - 1;
            return (
                at + markup.trailing_zeros() as usize / 8,
                suspect == 0 && flagged & before == 0,
            );
        }
        suspect |= flagged;
        at += 8;
    }
    let mut plain = suspect == 0;
    for (i, &b) in bytes[at..].iter().enumerate() {
        if b == b'<' {
            return (at + i, plain);
        }
        plain &= b >= 0x20 && b != 0xEF && b != b'&';
    }
    (bytes.len(), plain)
}

/// XML's whitespace: space, tab, line feed, carriage return.
#[inline(always)]
pub(super) fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_whitespace_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Markup at `offset` that the document ends inside.
#[cold]
fn eof(offset: usize) -> SyntaxError {
    error(offset, Fault::Eof)
}

#[cold]
fn error(offset: usize, fault: Fault) -> SyntaxError {
    SyntaxError { offset, fault }
}

#[cfg(test)]
mod tests;
