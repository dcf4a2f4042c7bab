//! Reading a complex type that extends another one level at a time: a derived type
//! holds its base as a field and hands the base whatever it does not read itself, so
//! generated code per type is proportional to the fields the type declares, not to
//! the ones it inherits (a chain of N extensions stays O(N) code, not O(N²)).

use super::{DecodeError, Element, XmlReader};

/// The content of a generated complex type that is part of an extension chain, read
/// part by part: its attributes, then each child element through
/// [`read_child`](Self::read_child) (a derived type offers a child to its base when it
/// is none of its own), then the check that no required child is missing. Generated
/// code implements it; [`XmlReader::read_extensible`] drives it.
pub trait ExtensibleContent: Default {
    /// The trackers of the sequences this content reads in place (a choice's sequence
    /// alternatives: [`SequenceOccurrence`](super::SequenceOccurrence)s), its bases'
    /// included; `()` when there are none.
    type Occurrences;

    /// New trackers, no occurrence open.
    fn occurrences() -> Self::Occurrences;

    /// How many required children the content tracks, its bases' included: the length
    /// of the `seen` flags the other methods take.
    fn required_count() -> usize;

    /// Reads the attributes of `element` (the base's first) into `self`.
    fn read_attributes<'a>(
        &mut self,
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
    ) -> Result<(), DecodeError>;

    /// For content that is not child elements (a simpleContent type's text, mixed
    /// content kept as raw XML): reads all of `element`'s content and returns `true`.
    /// `false` (the default) for element content, read child by child.
    fn read_text<'a>(
        &mut self,
        _reader: &mut XmlReader<'a>,
        _element: &Element<'a>,
    ) -> Result<bool, DecodeError> {
        Ok(false)
    }

    /// Reads `child` of `element` if it is part of this content (its bases' included),
    /// setting its flag in `seen` if it is required and noting it in `occurrences` if it
    /// belongs to a sequence read in place (a child that begins a new occurrence checks
    /// the one before); returns it back, unread, if it is not.
    fn read_child<'a>(
        &mut self,
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
        child: Element<'a>,
        seen: &mut [bool],
        occurrences: &mut Self::Occurrences,
    ) -> Result<Option<Element<'a>>, DecodeError>;

    /// After the last child: the error for the first required child that `seen` says
    /// was missing from `element`, or that the last occurrence of a sequence in
    /// `occurrences` lacks; the base's first.
    fn check_required(
        seen: &[bool],
        occurrences: &mut Self::Occurrences,
        reader: &XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<(), DecodeError>;
}

/// Required-children flags kept on the stack up to this many; more are allocated.
const INLINE_FLAGS: usize = 32;

impl<'a> XmlReader<'a> {
    /// Reads a value of an extension chain's type from `element`: attributes, then its
    /// text or its children (those no level knows are skipped, so services may add
    /// elements), then the required-children check.
    pub fn read_extensible<T: ExtensibleContent>(
        &mut self,
        element: &Element<'a>,
    ) -> Result<T, DecodeError> {
        let mut value = T::default();
        value.read_attributes(self, element)?;
        if value.read_text(self, element)? {
            return Ok(value);
        }
        let count = T::required_count();
        let mut inline = [false; INLINE_FLAGS];
        let mut allocated = Vec::new();
        let seen: &mut [bool] = if count <= INLINE_FLAGS {
            &mut inline[..count]
        } else {
            allocated.resize(count, false);
            &mut allocated
        };
        let mut occurrences = T::occurrences();
        let mut children = self.children(element);
        while let Some(child) = self.next_child(&mut children)? {
            if let Some(unknown) = value.read_child(self, element, child, seen, &mut occurrences)? {
                self.skip(unknown)?;
            }
        }
        T::check_required(seen, &mut occurrences, self, element)?;
        Ok(value)
    }

    /// The index in `fields` (`(namespace, local name)`) of the one `child` is, if any.
    pub fn field_index(
        &mut self,
        child: &Element<'_>,
        fields: &[(&'static str, &'static str)],
    ) -> Option<usize> {
        self.field_position(child, 0, fields)
    }
}
