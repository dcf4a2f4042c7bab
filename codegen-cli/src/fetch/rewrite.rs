//! Rewrites the location attributes of import and include elements in a document's text,
//! touching nothing else (comments, formatting and signatures of the rest stay as served).

use std::ops::Range;

/// A location to rewrite: the element starting at byte `offset` (its `<`), its attribute
/// `attribute`, and the new value.
pub struct Edit {
    pub offset: usize,
    pub attribute: &'static str,
    pub value: String,
}

/// `text` with each edit applied; `None` if an edit's attribute cannot be found in its
/// start tag (the parser reported it there, so this would be a bug).
pub fn apply(text: &str, mut edits: Vec<Edit>) -> Option<String> {
    edits.sort_by_key(|e| std::cmp::Reverse(e.offset));
    let mut out = text.to_owned();
    for edit in edits {
        let span = value_span(text, edit.offset, edit.attribute)?;
        // A local file name has no characters to escape; be safe anyway.
        let value = edit
            .value
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('\'', "&apos;")
            .replace('<', "&lt;");
        out.replace_range(span, &value);
    }
    Some(out)
}

/// The byte range of the value of the unprefixed attribute `name` in the start tag at
/// `offset`.
fn value_span(text: &str, offset: usize, name: &str) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = offset + 1;
    // The element name.
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'>' | b'/') {
        i += 1;
    }
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || matches!(bytes[i], b'>' | b'/') {
            return None;
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' {
            i += 1;
        }
        let attribute = &text[name_start..i];
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'=') {
            i += 1;
        }
        let quote = *bytes.get(i)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let value_start = i + 1;
        let value_end = value_start + text[value_start..].find(quote as char)?;
        if attribute == name {
            return Some(value_start..value_end);
        }
        i = value_end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{Edit, apply};

    #[test]
    fn only_the_named_attribute_value_changes() {
        let text = "<a/>\n<xs:import namespace='urn:x'\n   schemaLocation=\"http://h/S.svc?xsd=xsd0&amp;v=1\" />";
        let edit = Edit {
            offset: 5,
            attribute: "schemaLocation",
            value: "S.xsd0.xsd".to_owned(),
        };
        assert_eq!(
            apply(text, vec![edit]).unwrap(),
            "<a/>\n<xs:import namespace='urn:x'\n   schemaLocation=\"S.xsd0.xsd\" />"
        );
    }
}
