//! Rectangular (multi-dimensional) SOAP-encoded arrays: `wsdl:arrayType="xsd:int[,]"`.
//! SOAP 1.1 (section 5.4.2) sends such an array's items flat, in row-major order (the last
//! index varying fastest), with its dimensions in `SOAP-ENC:arrayType="xsd:int[2,3]"`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{DecodeError, DecodeErrorKind, Element, SOAP_ENCODING_NS, XmlReader};

/// The items of a `RANK`-dimensional array, row-major, with its dimensions. Its items
/// always fill its dimensions exactly: [`RectangularArray::new`] checks it, and so does
/// reading one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectangularArray<T, const RANK: usize> {
    dimensions: [usize; RANK],
    items: Vec<T>,
}

/// Items that do not fill an array's dimensions exactly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("dimensions {dimensions:?} hold {expected} items, not {actual}")]
pub struct ShapeError {
    /// The dimensions asked for.
    pub dimensions: Vec<usize>,
    /// How many items they hold.
    pub expected: ItemCount,
    /// How many items were given.
    pub actual: usize,
}

/// The number of items dimensions hold, which may overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemCount {
    /// This many.
    Exactly(usize),
    /// More than `usize::MAX`.
    TooMany,
}

impl fmt::Display for ItemCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exactly(count) => write!(f, "{count}"),
            Self::TooMany => f.write_str("more than usize::MAX"),
        }
    }
}

/// How many items `dimensions` hold.
fn item_count(dimensions: &[usize]) -> ItemCount {
    dimensions
        .iter()
        .try_fold(1usize, |count, &length| count.checked_mul(length))
        .map_or(ItemCount::TooMany, ItemCount::Exactly)
}

impl<T, const RANK: usize> RectangularArray<T, RANK> {
    /// An array of `dimensions` (outermost first) holding `items` in row-major order;
    /// an error unless there are exactly as many items as the dimensions hold.
    pub fn new(dimensions: [usize; RANK], items: Vec<T>) -> Result<Self, ShapeError> {
        match item_count(&dimensions) {
            ItemCount::Exactly(count) if count == items.len() => Ok(Self { dimensions, items }),
            expected => Err(ShapeError {
                dimensions: dimensions.to_vec(),
                expected,
                actual: items.len(),
            }),
        }
    }

    /// The length of each dimension, outermost first.
    pub fn dimensions(&self) -> [usize; RANK] {
        self.dimensions
    }

    /// The items, row-major.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// The items, row-major, to change in place (the shape stays).
    pub fn items_mut(&mut self) -> &mut [T] {
        &mut self.items
    }

    /// The items, row-major, without the dimensions.
    pub fn into_items(self) -> Vec<T> {
        self.items
    }

    /// The item at `index` (outermost first); `None` when an index is out of its range.
    pub fn get(&self, index: [usize; RANK]) -> Option<&T> {
        let mut position = 0usize;
        for (&at, &length) in index.iter().zip(&self.dimensions) {
            if at >= length {
                return None;
            }
            position = position * length + at;
        }
        self.items.get(position)
    }
}

impl<T, const RANK: usize> Default for RectangularArray<T, RANK> {
    /// No items, every dimension 0.
    fn default() -> Self {
        Self {
            dimensions: [0; RANK],
            items: Vec::new(),
        }
    }
}

/// The serde form: `{"dimensions": [2, 3], "items": [...]}`.
#[derive(Serialize, Deserialize)]
#[serde(rename = "RectangularArray")]
struct Parts<D, I> {
    dimensions: D,
    items: I,
}

impl<T: Serialize, const RANK: usize> Serialize for RectangularArray<T, RANK> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Parts {
            dimensions: &self.dimensions[..],
            items: &self.items,
        }
        .serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>, const RANK: usize> Deserialize<'de> for RectangularArray<T, RANK> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let parts = Parts::<Vec<usize>, Vec<T>>::deserialize(deserializer)?;
        let rank = parts.dimensions.len();
        let dimensions: [usize; RANK] = parts.dimensions.try_into().map_err(|_| {
            D::Error::custom(format!("{rank} dimensions for an array of rank {RANK}"))
        })?;
        Self::new(dimensions, parts.items).map_err(D::Error::custom)
    }
}

impl<'a> XmlReader<'a> {
    /// The items of a rectangular SOAP-encoded array, each read with `read` (an
    /// `xsi:nil` item is `None`), shaped by the dimensions its `SOAP-ENC:arrayType` gives.
    /// That attribute must be there, give `RANK` dimensions, and hold exactly as many
    /// items as the element has children (partially transmitted and sparse arrays are
    /// not supported).
    pub fn read_rectangular_items<T, const RANK: usize>(
        &mut self,
        element: &Element<'a>,
        read: impl FnMut(&mut Self, Element<'a>) -> Result<T, DecodeError>,
    ) -> Result<RectangularArray<Option<T>, RANK>, DecodeError> {
        let Some(array_type) = self.attribute(element, SOAP_ENCODING_NS, "arrayType")? else {
            return Err(self.missing(element, "@arrayType"));
        };
        let array_type = array_type.into_owned();
        let invalid = |reader: &Self, reason: String| {
            let kind = DecodeErrorKind::InvalidValue {
                text: array_type.clone(),
                reason,
            };
            reader.error_at_attribute(element, "arrayType", kind)
        };
        let dimensions = array_dimensions::<RANK>(&array_type).map_err(|r| invalid(self, r))?;
        let items = self.read_items(element, read)?;
        RectangularArray::new(dimensions, items).map_err(|shape| {
            let reason = format!(
                "dimensions {:?} hold {} items; the array has {}",
                shape.dimensions, shape.expected, shape.actual
            );
            invalid(self, reason)
        })
    }
}

/// The dimensions in the last bracket of an instance's `SOAP-ENC:arrayType`
/// (`xsd:int[2,3]`, `xsd:string[][2,3]`).
fn array_dimensions<const RANK: usize>(array_type: &str) -> Result<[usize; RANK], String> {
    let sizes = array_type
        .trim()
        .strip_suffix(']')
        .and_then(|rest| rest.rsplit_once('['))
        .map(|(_, sizes)| sizes)
        .ok_or("not of the form `prefix:Type[n,m]`")?;
    let mut dimensions = [0; RANK];
    let mut given = 0;
    for size in sizes.split(',') {
        let size = size.trim();
        let length = size
            .parse()
            .map_err(|_| format!("`{size}` is not an array length"))?;
        if let Some(slot) = dimensions.get_mut(given) {
            *slot = length;
        }
        given += 1;
    }
    if given != RANK {
        return Err(format!("{given} dimensions for an array of rank {RANK}"));
    }
    Ok(dimensions)
}

#[cfg(test)]
mod tests {
    use super::{ItemCount, RectangularArray, array_dimensions};

    #[test]
    fn items_must_fill_the_dimensions() {
        let array = RectangularArray::new([2, 3], (0..6).collect()).unwrap();
        assert_eq!(array.get([0, 0]), Some(&0));
        assert_eq!(array.get([1, 0]), Some(&3));
        assert_eq!(array.get([1, 2]), Some(&5));
        assert_eq!(array.get([2, 0]), None);
        assert_eq!(array.get([0, 3]), None);
        let error = RectangularArray::new([2, 3], vec![1; 5]).unwrap_err();
        assert_eq!(error.expected, ItemCount::Exactly(6));
        assert_eq!(error.to_string(), "dimensions [2, 3] hold 6 items, not 5");
        let error = RectangularArray::new([usize::MAX, 2], vec![1]).unwrap_err();
        assert_eq!(error.expected, ItemCount::TooMany);
        assert!(RectangularArray::<u8, 3>::new([4, 0, 9], Vec::new()).is_ok());
    }

    #[test]
    fn dimensions_come_from_the_last_bracket() {
        assert_eq!(array_dimensions::<2>("xsd:int[2,3]"), Ok([2, 3]));
        assert_eq!(array_dimensions::<2>(" a1:Item[][ 4 , 0 ] "), Ok([4, 0]));
        assert_eq!(
            array_dimensions::<2>("xsd:int[2,3,4]"),
            Err("3 dimensions for an array of rank 2".to_owned())
        );
        assert_eq!(
            array_dimensions::<2>("xsd:int[2,-1]"),
            Err("`-1` is not an array length".to_owned())
        );
        assert!(array_dimensions::<2>("xsd:int").is_err());
        assert!(array_dimensions::<2>("xsd:int[,]").is_err());
    }

    #[test]
    fn serde_keeps_the_shape_and_checks_it() {
        let array = RectangularArray::new([1, 2], vec!["a", "b"]).unwrap();
        let json = serde_json::to_string(&array).unwrap();
        assert_eq!(json, r#"{"dimensions":[1,2],"items":["a","b"]}"#);
        let back: RectangularArray<String, 2> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.items(), ["a", "b"]);
        let error = serde_json::from_str::<RectangularArray<String, 2>>(
            r#"{"dimensions":[2,2],"items":["a"]}"#,
        )
        .unwrap_err();
        assert!(error.to_string().contains("hold 4 items, not 1"), "{error}");
        let error =
            serde_json::from_str::<RectangularArray<String, 2>>(r#"{"dimensions":[1],"items":[]}"#)
                .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("1 dimensions for an array of rank 2"),
            "{error}"
        );
    }
}
