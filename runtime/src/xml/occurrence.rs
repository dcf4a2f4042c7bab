//! Reading a sequence in place, child by child, when it is one alternative of a choice
//! (repeated or not): where one occurrence ends and the next begins, and which required
//! child an occurrence lacks. Generated code reads such a sequence's children in its
//! parent's loop, so nothing else would notice a missing one.

use super::{DecodeError, Element, XmlReader};

/// One occurrence of a sequence read in place: whether one is open, the position in the
/// sequence of the last child read, and which of the sequence's `N` required children
/// (named by `required`, in order) it has.
#[derive(Debug, Clone, Copy)]
pub struct SequenceOccurrence<const N: usize> {
    required: &'static [&'static str; N],
    open: bool,
    last: usize,
    seen: [bool; N],
}

impl<const N: usize> SequenceOccurrence<N> {
    /// None open yet, for a sequence whose required children are `required`.
    pub const fn new(required: &'static [&'static str; N]) -> Self {
        Self {
            required,
            open: false,
            last: 0,
            seen: [false; N],
        }
    }

    /// Whether a child at `position` in the sequence begins a new occurrence: none is
    /// open, or the open one is past that position already (or at it, for a child that
    /// may not repeat).
    pub fn starts_new(&self, position: usize, repeats: bool) -> bool {
        !self.open || position < self.last || (position == self.last && !repeats)
    }

    /// Ends the open occurrence, if any (see [`close`](Self::close)), and opens the next.
    pub fn open(
        &mut self,
        reader: &XmlReader<'_>,
        parent: &Element<'_>,
    ) -> Result<(), DecodeError> {
        self.close(reader, parent)?;
        self.open = true;
        self.last = 0;
        self.seen = [false; N];
        Ok(())
    }

    /// Notes that the child at `position` was read, and that required child `flag` (its
    /// index in `required`) is there, if it is one.
    pub fn read(&mut self, position: usize, flag: Option<usize>) {
        self.last = position;
        if let Some(seen) = flag.and_then(|flag| self.seen.get_mut(flag)) {
            *seen = true;
        }
    }

    /// Ends the open occurrence, if any: the missing-element error, placed at `parent`,
    /// for the first required child it lacks.
    pub fn close(
        &mut self,
        reader: &XmlReader<'_>,
        parent: &Element<'_>,
    ) -> Result<(), DecodeError> {
        if std::mem::take(&mut self.open)
            && let Some(missing) = self.seen.iter().position(|seen| !seen)
        {
            return Err(reader.missing(parent, self.required[missing]));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::SequenceOccurrence;
    use crate::{DecodeErrorKind, Limits, XmlReader};

    #[test]
    fn a_child_at_or_before_the_last_one_begins_the_next_occurrence() {
        let mut occurrence = SequenceOccurrence::new(&["a"]);
        assert!(occurrence.starts_new(0, false), "none open");
        let mut reader = XmlReader::new(b"<p/>", Limits::default()).unwrap();
        let parent = reader.root().unwrap();
        occurrence.open(&reader, &parent).unwrap();
        occurrence.read(1, None);
        assert!(!occurrence.starts_new(2, false));
        assert!(occurrence.starts_new(0, false));
        assert!(occurrence.starts_new(1, false), "1 does not repeat");
        assert!(!occurrence.starts_new(1, true), "1 repeats");
    }

    #[test]
    fn an_occurrence_lacking_a_required_child_is_an_error_when_it_ends() {
        let mut reader = XmlReader::new(b"<p/>", Limits::default()).unwrap();
        let parent = reader.root().unwrap();
        let mut occurrence = SequenceOccurrence::new(&["a", "b"]);
        occurrence.close(&reader, &parent).unwrap();
        occurrence.open(&reader, &parent).unwrap();
        occurrence.read(0, Some(0));
        let error = occurrence.open(&reader, &parent).unwrap_err();
        assert!(matches!(&error.kind, DecodeErrorKind::MissingElement { name } if name == "b"));
        // The error closed that occurrence: it is not reported again.
        occurrence.read(0, Some(0));
        occurrence.read(1, Some(1));
        occurrence.close(&reader, &parent).unwrap();
    }
}
