//! Keeping the merchant password out of everything `paynow` prints.
//!
//! Two layers: wire XML has the content of its password elements replaced by [`MASK`]
//! ([`mask_password_elements`]), and every text printed, wire or not, has the password
//! itself replaced wherever it appears ([`Redactor`]), in case a service echoes it.

/// What a password is shown as.
pub const MASK: &str = "********";

/// The local names of elements whose content is a password: `mem_password`, and `mem_pw`
/// of PayNow's legacy operations.
const PASSWORD_ELEMENTS: [&str; 2] = ["mem_password", "mem_pw"];

/// Replaces the password, wherever it appears, by [`MASK`].
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// The password as it may be written: as is, XML-escaped and JSON-escaped; longest first.
    forms: Vec<String>,
}

impl Redactor {
    /// A redactor for `password`; an empty password redacts nothing.
    pub fn new(password: &str) -> Self {
        if password.is_empty() {
            return Self::default();
        }
        let json = serde_json::to_string(password).unwrap_or_default();
        let json = json
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
            .unwrap_or(password);
        let mut forms = vec![password.to_owned(), xml_escape(password), json.to_owned()];
        forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
        forms.dedup();
        Self { forms }
    }

    /// `text` with every occurrence of the password masked.
    pub fn redact(&self, text: &str) -> String {
        self.forms.iter().fold(text.to_owned(), |text, form| {
            text.replace(form.as_str(), MASK)
        })
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// `xml` with the text content of every password element (any namespace prefix) replaced
/// by [`MASK`]. An empty element stays empty, so a missing password still shows.
pub fn mask_password_elements(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag_and_after = &rest[start..];
        let Some(end) = tag_and_after.find('>') else {
            rest = tag_and_after;
            break;
        };
        let tag = &tag_and_after[..=end];
        out.push_str(tag);
        rest = &tag_and_after[end + 1..];
        if is_password_start_tag(tag) {
            let content_end = rest.find('<').unwrap_or(rest.len());
            if content_end > 0 {
                out.push_str(MASK);
            }
            rest = &rest[content_end..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether `tag` (`<…>`) opens a password element: `<mem_password>`,
/// `<tns:mem_password xmlns:tns="…">`; not a closing or empty-element tag.
fn is_password_start_tag(tag: &str) -> bool {
    let inner = &tag[1..tag.len() - 1];
    if inner.starts_with(['/', '?', '!']) || inner.ends_with('/') {
        return false;
    }
    let name = inner.split(char::is_whitespace).next().unwrap_or_default();
    let local = name.rsplit(':').next().unwrap_or_default();
    PASSWORD_ELEMENTS.contains(&local)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_elements_are_masked_whatever_their_prefix() {
        let xml = "<a><mem_cid>1</mem_cid><mem_password>s3cret</mem_password>\
                   <tns:mem_password xmlns:tns=\"x\">p&amp;w</tns:mem_password>\
                   <mem_pw>abc</mem_pw><mem_password/><mem_password></mem_password></a>";
        assert_eq!(
            mask_password_elements(xml),
            "<a><mem_cid>1</mem_cid><mem_password>********</mem_password>\
             <tns:mem_password xmlns:tns=\"x\">********</tns:mem_password>\
             <mem_pw>********</mem_pw><mem_password/><mem_password></mem_password></a>"
        );
    }

    #[test]
    fn other_text_is_untouched() {
        for xml in [
            "",
            "plain",
            "<a>1</a>",
            "<a",
            "a > b < c",
            "<mem_password_x>1</x>",
        ] {
            assert_eq!(mask_password_elements(xml), xml);
        }
    }

    #[test]
    fn the_password_is_redacted_in_every_form() {
        let redactor = Redactor::new("p<\"w");
        assert_eq!(
            redactor.redact("a p<\"w b p&lt;&quot;w c p<\\\"w"),
            "a ******** b ******** c ********"
        );
        assert_eq!(Redactor::new("").redact("text"), "text");
    }
}
