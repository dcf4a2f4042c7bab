//! Keeping the merchant password out of the wire XML `paynow --wire` prints.
//!
//! Masking follows structure, never text: the password is a `Secret` in the settings and
//! the requests (its `Debug` and `Display` print [`MASK`]), and in wire XML the content
//! of the password elements is replaced ([`mask_password_elements`]). Text that merely
//! equals the password (an amount of `800` when the password is `800`) is left alone.

pub use soap_runtime::MASK;

/// The local names of elements whose content is a password: `mem_password`, and `mem_pw`
/// of PayNow's legacy operations.
const PASSWORD_ELEMENTS: [&str; 2] = ["mem_password", "mem_pw"];

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
}
