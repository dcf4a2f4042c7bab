//! Errors with where they happened: line, column and element path.

use super::{Element, XmlReader};
use crate::xml::{DecodeError, DecodeErrorKind};

impl XmlReader<'_> {
    /// A required value, or an error naming the missing child of `parent`.
    pub fn require<T>(
        &self,
        value: Option<T>,
        parent: &Element<'_>,
        name: &str,
    ) -> Result<T, DecodeError> {
        value.ok_or_else(|| self.missing(parent, name))
    }

    /// The error for a required child `name` of `parent` that is missing.
    pub fn missing(&self, parent: &Element<'_>, name: &str) -> DecodeError {
        self.error_at_element(
            parent,
            DecodeErrorKind::MissingElement {
                name: name.to_owned(),
            },
        )
    }

    /// An error positioned at `element`, its path ending with it whether or not it is
    /// still open (an error about a parent found while reading one of its children
    /// names the parent, not the child).
    pub fn error_at_element(&self, element: &Element<'_>, kind: DecodeErrorKind) -> DecodeError {
        if let Some(depth) = self.path.iter().rposition(|&open| open == element.offset) {
            return self.error_in(element.offset, kind, &self.path[..=depth]);
        }
        let mut error = self.error_at(element.offset, kind);
        error.path.push('/');
        error
            .path
            .push_str(&String::from_utf8_lossy(element.local_name()));
        error
    }

    /// An error about attribute `local` of `element`: positioned at the element, its
    /// path ending with `/@local`.
    pub fn error_at_attribute(
        &self,
        element: &Element<'_>,
        local: &str,
        kind: DecodeErrorKind,
    ) -> DecodeError {
        let mut error = self.error_at_element(element, kind);
        error.path.push_str("/@");
        error.path.push_str(local);
        error
    }

    /// An error at the start of the last event read.
    #[cold]
    #[inline(never)]
    pub(super) fn error_here(&self, kind: DecodeErrorKind) -> DecodeError {
        self.error_at(self.event_offset, kind)
    }

    #[cold]
    #[inline(never)]
    pub(super) fn error_at(&self, offset: usize, kind: DecodeErrorKind) -> DecodeError {
        self.error_in(offset, kind, &self.path)
    }

    /// An error at `offset` whose path is the elements opened at `open`.
    #[cold]
    #[inline(never)]
    fn error_in(&self, offset: usize, kind: DecodeErrorKind, open: &[usize]) -> DecodeError {
        let (line, column) = line_column(self.input, offset);
        let path = open.iter().fold(String::new(), |mut path, &offset| {
            path.push('/');
            let name = String::from_utf8_lossy(tag_name(self.input, offset));
            // Paths name elements by local name: prefixes differ from sender to sender.
            path.push_str(name.rsplit(':').next().unwrap_or_default());
            path
        });
        DecodeError::new(kind, path, line, column)
    }
}

/// The name of the tag whose `<` is at `offset` in `input`.
fn tag_name(input: &[u8], offset: usize) -> &[u8] {
    let tag = input.get(offset + 1..).unwrap_or_default();
    let end = tag
        .iter()
        .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'))
        .unwrap_or(tag.len());
    &tag[..end]
}

/// 1-based line and column (in characters) of byte `offset` in `input`.
pub(crate) fn line_column(input: &[u8], offset: usize) -> (usize, usize) {
    let before = &input[..offset.min(input.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}
