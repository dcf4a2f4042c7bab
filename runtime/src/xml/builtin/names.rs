//! [`AnyUri`] and [`QNameText`]: text values with a light check.

use super::{ValueError, text_type, trim_xml};

/// An `xs:anyURI`, kept as written.
///
/// Checked lightly, as XML Schema 1.1 does: any text without control characters
/// (those must be percent-encoded). Relative references and the empty text are URIs.
///
/// ```
/// use soap_runtime::AnyUri;
///
/// assert_eq!(AnyUri::new("https://example.com/a b")?.as_str(), "https://example.com/a b");
/// assert!(AnyUri::new("urn:x\u{7}").is_err());
/// # Ok::<(), soap_runtime::ValueError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct AnyUri {
    text: String,
}

impl AnyUri {
    /// Checks `text`; surrounding XML whitespace is dropped.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        let text = trim_xml(text);
        if let Some((i, c)) = text.chars().enumerate().find(|(_, c)| c.is_control()) {
            return Err(ValueError::new(
                "xs:anyURI",
                format!(
                    "control character U+{:04X} at position {} (percent-encode it)",
                    u32::from(c),
                    i + 1
                ),
            ));
        }
        Ok(Self {
            text: text.to_owned(),
        })
    }

    /// The text as read or given.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

text_type!(AnyUri, "xs:anyURI");

/// An `xs:QName` as written: an optional prefix and a local name, both NCNames.
///
/// Only the lexical form: the namespace a prefix stands for depends on the
/// declarations in scope where the value was read, which
/// [`XmlValue::from_xml_text`](crate::XmlValue::from_xml_text) does not see. Resolve
/// the prefix yourself if you need the namespace, and write the value where the same
/// prefix is declared. Equality compares prefix and local name.
///
/// `Default` is the empty name, a placeholder that is not a valid QName.
///
/// ```
/// use soap_runtime::QNameText;
///
/// let code = QNameText::new("soap:Server")?;
/// assert_eq!((code.prefix(), code.local()), (Some("soap"), "Server"));
/// assert_eq!(QNameText::from_parts(None, "Client")?.as_str(), "Client");
/// assert!(QNameText::new("a:b:c").is_err());
/// # Ok::<(), soap_runtime::ValueError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct QNameText {
    text: String,
    /// Byte offset of the `:`, if there is a prefix.
    colon: Option<usize>,
}

const QNAME: &str = "xs:QName";

impl QNameText {
    /// Checks `text` (`prefix:local` or `local`); surrounding XML whitespace is dropped.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        let text = trim_xml(text);
        let colon = text.find(':');
        let checked = match colon {
            Some(at) => check_ncname("prefix", &text[..at])
                .and_then(|()| check_ncname("local name", &text[at + 1..])),
            None => check_ncname("local name", text),
        };
        checked.map_err(|reason| ValueError::new(QNAME, reason))?;
        Ok(Self {
            text: text.to_owned(),
            colon,
        })
    }

    /// The name `prefix:local`, or `local` without a prefix, checked.
    pub fn from_parts(prefix: Option<&str>, local: &str) -> Result<Self, ValueError> {
        if let Some(prefix) = prefix {
            check_ncname("prefix", prefix).map_err(|reason| ValueError::new(QNAME, reason))?;
        }
        check_ncname("local name", local).map_err(|reason| ValueError::new(QNAME, reason))?;
        Ok(Self {
            text: match prefix {
                Some(prefix) => format!("{prefix}:{local}"),
                None => local.to_owned(),
            },
            colon: prefix.map(str::len),
        })
    }

    /// The text as read or given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The prefix, if any.
    pub fn prefix(&self) -> Option<&str> {
        self.colon.map(|at| &self.text[..at])
    }

    /// The local name.
    pub fn local(&self) -> &str {
        self.colon.map_or(&self.text, |at| &self.text[at + 1..])
    }
}

text_type!(QNameText, "xs:QName");

/// Checks `name` as an XML NCName (a Name without `:`); `what` names it for the error.
fn check_ncname(what: &str, name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err(format!("empty {what}"));
    };
    if !is_name_start(first) {
        return Err(format!("{what} `{name}` cannot start with `{first}`"));
    }
    match chars.find(|c| !is_name_char(*c)) {
        Some(':') => Err(format!("{what} `{name}` contains a second `:`")),
        Some(c) => Err(format!("{what} `{name}` cannot contain `{c}`")),
        None => Ok(()),
    }
}

/// XML 1.0 (fifth edition) NameStartChar, without `:`.
fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0 (fifth edition) NameChar, without `:`.
fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c,
            '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::XmlValue;

    #[test]
    fn uris_keep_their_text_and_refuse_control_characters() {
        for text in [
            "",
            "urn:s1",
            "../relative?q=1#f",
            "http://例え.jp/パス",
            "a b",
        ] {
            assert_eq!(AnyUri::from_xml_text(text).unwrap().to_xml_text(), text);
        }
        assert_eq!(
            AnyUri::from_xml_text("\n urn:x \t").unwrap().as_str(),
            "urn:x"
        );
        assert_eq!(
            AnyUri::from_xml_text("urn:a\tb").unwrap_err(),
            "invalid xs:anyURI: control character U+0009 at position 6 (percent-encode it)"
        );
        assert!(AnyUri::new("urn:\u{85}").is_err());
        assert_eq!(AnyUri::default().as_str(), "");
    }

    #[test]
    fn qnames_split_into_checked_prefix_and_local_name() {
        let q = QNameText::from_xml_text(" tns:Order-1.x ").unwrap();
        assert_eq!((q.prefix(), q.local()), (Some("tns"), "Order-1.x"));
        assert_eq!(q.to_xml_text(), "tns:Order-1.x");
        let q = QNameText::new("名前").unwrap();
        assert_eq!((q.prefix(), q.local()), (None, "名前"));
        assert_eq!(
            QNameText::from_parts(Some("s"), "x").unwrap(),
            QNameText::new("s:x").unwrap()
        );
        assert_ne!(
            QNameText::new("a:x").unwrap(),
            QNameText::new("b:x").unwrap()
        );
        let reason = |text| QNameText::from_xml_text(text).unwrap_err();
        assert_eq!(reason(""), "invalid xs:QName: empty local name");
        assert_eq!(reason(":x"), "invalid xs:QName: empty prefix");
        assert_eq!(reason("x:"), "invalid xs:QName: empty local name");
        assert_eq!(
            reason("a:b:c"),
            "invalid xs:QName: local name `b:c` contains a second `:`"
        );
        assert_eq!(
            reason("1x"),
            "invalid xs:QName: local name `1x` cannot start with `1`"
        );
        assert_eq!(
            reason("-x:y"),
            "invalid xs:QName: prefix `-x` cannot start with `-`"
        );
        assert_eq!(
            reason("a b"),
            "invalid xs:QName: local name `a b` cannot contain ` `"
        );
        assert!(QNameText::from_parts(Some("a:b"), "c").is_err());
        let empty = QNameText::default();
        assert_eq!(
            (empty.prefix(), empty.local(), empty.as_str()),
            (None, "", "")
        );
        assert_eq!(
            format!("{:?}", QNameText::new("p:l").unwrap()),
            "QNameText(\"p:l\")"
        );
    }
}
