//! Rules shared by every text value that ends up in the batch CSV.

/// The characters that would corrupt PayNow's batch CSV, which has no escaping: the column
/// separator, the value prefix, and both line-break characters.
pub const CSV_UNSAFE: [char; 4] = [',', '\'', '\n', '\r'];

/// A text's length as PayNow (a .NET service) counts it: in UTF-16 code units, so a CJK
/// character counts one and a character outside the Basic Multilingual Plane (most emoji)
/// counts two. This never accepts a text the service would find too long.
pub fn text_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The distinct CSV-breaking characters in `text`, in order of first appearance.
pub(crate) fn csv_unsafe(text: &str) -> Vec<char> {
    let mut found = Vec::new();
    for character in text.chars().filter(|c| CSV_UNSAFE.contains(c)) {
        if !found.contains(&character) {
            found.push(character);
        }
    }
    found
}

/// A character's name in an error message.
pub(crate) fn describe(character: char) -> &'static str {
    match character {
        ',' => "a comma (,)",
        '\'' => "a single quote (')",
        '\n' => "a line feed (\\n)",
        '\r' => "a carriage return (\\r)",
        _ => "a forbidden character",
    }
}

/// Names a list of characters: "a comma (,) and a line feed (\n)".
pub(crate) fn describe_all(characters: &[char]) -> String {
    let names: Vec<&str> = characters.iter().map(|&c| describe(c)).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_utf16_units() {
        assert_eq!(text_len("咖啡豆 1kg"), 7);
        assert_eq!(text_len("☕"), 1);
        assert_eq!(text_len("🍵"), 2);
    }

    #[test]
    fn unsafe_characters_are_listed_once_in_order() {
        assert_eq!(csv_unsafe("a,b'c,d\r\n"), vec![',', '\'', '\r', '\n']);
        assert!(
            csv_unsafe("台北市，中正區").is_empty(),
            "a full-width comma is harmless"
        );
        assert_eq!(
            describe_all(&[',', '\n']),
            "a comma (,) and a line feed (\\n)"
        );
        assert_eq!(describe_all(&['\'']), "a single quote (')");
    }
}
