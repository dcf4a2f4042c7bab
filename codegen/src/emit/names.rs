//! XML names into valid, idiomatic, collision-free Rust identifiers.

use std::collections::BTreeSet;

use proc_macro2::Ident;

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Names that would shadow the prelude or the standard types generated code uses.
const RESERVED_TYPES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "Vec", "String", "Box", "Default",
];

/// Splits an XML name into words: at `_`, `-`, `.`, spaces, lower-to-upper steps and
/// the end of an acronym (`XMLHttp` → `XML`, `Http`).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        // Only what may continue an identifier stays: `²`, `①` and punctuation separate
        // words, as `_` does.
        if !unicode_ident::is_xid_continue(c) || c == '_' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `word` without characters changing case may have made invalid in an identifier (a
/// few case mappings produce characters outside XID_Continue).
fn only_identifier_chars(word: String) -> String {
    if word.chars().all(unicode_ident::is_xid_continue) {
        return word;
    }
    word.chars()
        .filter(|&c| unicode_ident::is_xid_continue(c))
        .collect()
}

/// `UpperCamelCase` for types.
pub fn type_name(xml: &str) -> String {
    let mut out: String = words(xml)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            let first = chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>())
                .unwrap_or_default();
            only_identifier_chars(first + &chars.as_str().to_lowercase())
        })
        .collect();
    if out.is_empty() {
        out.push_str("Unnamed");
    }
    // Digits of any script and combining marks may continue an identifier, not start one.
    if !out.starts_with(unicode_ident::is_xid_start) {
        out.insert(0, 'T');
    }
    if RESERVED_TYPES.contains(&out.as_str()) || KEYWORDS.contains(&out.as_str()) {
        out.push_str("Type");
    }
    out
}

/// `snake_case` for fields and methods.
pub fn field_name(xml: &str) -> String {
    let mut out = words(xml)
        .iter()
        .map(|w| only_identifier_chars(w.to_lowercase()))
        .collect::<Vec<_>>()
        .join("_");
    if out.is_empty() {
        out.push_str("value");
    }
    if !out.starts_with(unicode_ident::is_xid_start) {
        out.insert(0, '_');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `SCREAMING_SNAKE_CASE` for constants.
pub fn const_name(xml: &str) -> String {
    field_name(xml).trim_end_matches('_').to_uppercase()
}

/// Hands out names, adding a suffix where one is taken already.
#[derive(Default)]
pub struct NameSet {
    taken: BTreeSet<String>,
}

impl NameSet {
    /// A set in which `reserved` are taken from the start.
    pub fn reserving(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Claims `wanted`, or `wanted` + `suffix`, or that with a number.
    pub fn claim(&mut self, wanted: String, suffix: &str) -> String {
        let mut candidate = wanted.clone();
        if self.taken.contains(&candidate) {
            candidate = format!("{wanted}{suffix}");
        }
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{wanted}{suffix}{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// An identifier token.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, proc_macro2::Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_xml_names() {
        assert_eq!(field_name("Up_no"), "up_no");
        assert_eq!(field_name("CId"), "c_id");
        assert_eq!(field_name("kMapingCode"), "k_maping_code");
        assert_eq!(field_name("mem_cid"), "mem_cid");
        assert_eq!(field_name("InvoiceNumber"), "invoice_number");
        assert_eq!(field_name("QRCodeStr"), "qr_code_str");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("NPOBAN"), "npoban");
        assert_eq!(
            type_name("Invoice_PatchData_Check"),
            "InvoicePatchDataCheck"
        );
        assert_eq!(
            type_name("CancelInvoice_IResponse"),
            "CancelInvoiceIResponse"
        );
        assert_eq!(type_name("string"), "String".to_owned() + "Type");
        assert_eq!(const_name("Get_InvoiceURL_I"), "GET_INVOICE_URL_I");
    }

    #[test]
    fn any_xml_name_becomes_a_valid_identifier() {
        let names = [
            "x²",
            "٣abc",
            "①T",
            "\u{301}accent",
            "名稱",
            "a.b-c",
            "_",
            "²",
            "9lives",
            "ǅemal",
            "ﬃx",
            "İstanbul",
            "ß",
        ];
        for xml in names {
            for name in [type_name(xml), field_name(xml), const_name(xml)] {
                assert!(
                    syn::parse_str::<syn::Ident>(&name).is_ok(),
                    "`{xml}` became `{name}`, not an identifier"
                );
            }
        }
        assert_eq!(field_name("x²"), "x");
        assert_eq!(field_name("٣abc"), "_٣abc");
        assert_eq!(type_name("①T"), "T");
        assert_eq!(type_name("9lives"), "T9lives");
    }

    #[test]
    fn suffixes_collisions() {
        let mut names = NameSet::default();
        assert_eq!(names.claim("Foo".into(), "Element"), "Foo");
        assert_eq!(names.claim("Foo".into(), "Element"), "FooElement");
        assert_eq!(names.claim("Foo".into(), "Element"), "FooElement2");
    }
}
