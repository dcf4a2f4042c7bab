//! Which built-in XML Schema types hold the values of which: `int` values are all valid
//! `long` values, every value is a valid `string`, and so on.

/// How a new type's values relate to the old type's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same values.
    Same,
    /// The new type holds every old value and more.
    Wider,
    /// The new type holds only some of the old values.
    Narrower,
    /// Neither holds the other.
    Unrelated,
}

/// How built-in type `new` relates to built-in type `old` (local names in the XML Schema
/// namespace).
pub fn relation(old: &str, new: &str) -> Relation {
    if old == new {
        Relation::Same
    } else if ancestors(old).contains(&new) {
        Relation::Wider
    } else if ancestors(new).contains(&old) {
        Relation::Narrower
    } else {
        Relation::Unrelated
    }
}

/// The types whose value spaces hold `local`'s, nearest first; every value has a text
/// form, so `string` holds them all.
fn ancestors(local: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut current = parent(local);
    while let Some(p) = current {
        out.push(p);
        current = parent(p);
    }
    if !out.contains(&"string") && local != "string" && local != "anySimpleType" {
        out.push("string");
    }
    out.push("anySimpleType");
    out
}

/// The next wider type, along XML Schema's derivation tree (and `float` within
/// `double`, whose values it holds).
fn parent(local: &str) -> Option<&'static str> {
    Some(match local {
        "byte" => "short",
        "short" => "int",
        "int" => "long",
        "long" => "integer",
        "unsignedByte" => "unsignedShort",
        "unsignedShort" => "unsignedInt",
        "unsignedInt" => "unsignedLong",
        "unsignedLong" => "nonNegativeInteger",
        "positiveInteger" => "nonNegativeInteger",
        "nonNegativeInteger" => "integer",
        "negativeInteger" => "nonPositiveInteger",
        "nonPositiveInteger" => "integer",
        "integer" => "decimal",
        "float" => "double",
        "token" => "normalizedString",
        "normalizedString" => "string",
        "language" | "NMTOKEN" | "Name" => "token",
        "NCName" => "Name",
        "ID" | "IDREF" | "ENTITY" => "NCName",
        "string" => "anySimpleType",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::{Relation, relation};

    #[test]
    fn integer_types_widen_along_the_derivation_tree_and_everything_fits_a_string() {
        assert_eq!(relation("int", "long"), Relation::Wider);
        assert_eq!(relation("long", "int"), Relation::Narrower);
        assert_eq!(relation("unsignedShort", "integer"), Relation::Wider);
        assert_eq!(relation("dateTime", "string"), Relation::Wider);
        assert_eq!(relation("string", "boolean"), Relation::Narrower);
        assert_eq!(relation("boolean", "int"), Relation::Unrelated);
        assert_eq!(relation("int", "int"), Relation::Same);
    }
}
