//! Stable, readable local file names for downloaded documents: `Service.asmx?WSDL` becomes
//! `Service.wsdl`, WCF's `Service.svc?xsd=xsd0` becomes `Service.xsd0.xsd`, CXF's
//! `orders?xsd=types.xsd` becomes `types.xsd`.

use std::collections::BTreeSet;

use reqwest::Url;

/// Extensions of the endpoint or file a URL names, dropped from the local name.
const ENDPOINT_EXTENSIONS: &[&str] = &["asmx", "svc", "wsdl", "xsd", "xml", "php", "aspx", "jws"];

/// Query keys that only ask for the description (`?WSDL`, `?singleWsdl`, `?xsd`).
const DESCRIPTION_KEYS: &[&str] = &["wsdl", "singlewsdl", "xsd", "schema"];

/// Hands out local file names, each once.
#[derive(Debug, Default)]
pub struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// A name for the document at `url`, ending in `.wsdl` or `.xsd` (`extension`), unique
    /// among the names handed out (`-2`, `-3`… before the extension when needed).
    pub fn claim(&mut self, url: &Url, extension: &str) -> String {
        let stem = stem(url, extension);
        let mut name = format!("{stem}.{extension}");
        let mut counter = 1;
        while !self.taken.insert(name.to_ascii_lowercase()) {
            counter += 1;
            name = format!("{stem}-{counter}.{extension}");
        }
        name
    }
}

fn stem(url: &Url, extension: &str) -> String {
    let segment = url
        .path_segments()
        .and_then(|mut s| s.rfind(|s| !s.is_empty()).map(str::to_owned))
        .unwrap_or_else(|| url.host_str().unwrap_or("document").to_owned());
    let endpoint = strip_extension(&segment);
    let mut parts = vec![endpoint.to_owned()];
    for (key, value) in url.query_pairs() {
        let is_description = DESCRIPTION_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k));
        match (is_description, value.is_empty()) {
            (true, true) => {}
            // A file name of its own (CXF's `?xsd=types.xsd`) stands alone.
            (true, false) if value.ends_with(&format!(".{extension}")) => {
                parts = vec![strip_extension(&value).to_owned()];
            }
            (true, false) => parts.push(value.into_owned()),
            (false, true) => parts.push(key.into_owned()),
            (false, false) => parts.push(format!("{key}-{value}")),
        }
    }
    let stem: String = parts
        .join(".")
        .chars()
        .map(
            |c| match c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                true => c,
                false => '_',
            },
        )
        .take(80)
        .collect();
    match stem.trim_matches('.') {
        "" => "document".to_owned(),
        trimmed => trimmed.to_owned(),
    }
}

fn strip_extension(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && ENDPOINT_EXTENSIONS
                    .iter()
                    .any(|e| ext.eq_ignore_ascii_case(e)) =>
        {
            stem
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::Names;

    fn name(names: &mut Names, url: &str, extension: &str) -> String {
        names.claim(&url.parse().unwrap(), extension)
    }

    #[test]
    fn asmx_wcf_and_cxf_urls_get_readable_unique_names() {
        let mut names = Names::default();
        let n = &mut names;
        assert_eq!(name(n, "http://h/PayNow.asmx?WSDL", "wsdl"), "PayNow.wsdl");
        assert_eq!(
            name(n, "http://h/PayNow.asmx?schema=Types", "xsd"),
            "PayNow.Types.xsd"
        );
        assert_eq!(name(n, "http://h/S.svc?singleWsdl", "wsdl"), "S.wsdl");
        assert_eq!(name(n, "http://h/S.svc?wsdl=wsdl0", "wsdl"), "S.wsdl0.wsdl");
        assert_eq!(name(n, "http://h/S.svc?xsd=xsd0", "xsd"), "S.xsd0.xsd");
        assert_eq!(
            name(n, "http://h/services/Orders?xsd=types.xsd", "xsd"),
            "types.xsd"
        );
        assert_eq!(name(n, "http://h/a/../S.svc?wsdl", "wsdl"), "S-2.wsdl");
        assert_eq!(name(n, "http://h/x/y?id=a/b c", "xsd"), "y.id-a_b_c.xsd");
    }
}
