//! The service description the mock serves at `?WSDL`: the project's WSDL, with the
//! ports' addresses pointing at the mock.

/// The project's WSDL of the PayNow service, as the client is generated from it.
pub const WSDL: &str = include_str!("../../wsdl/PayNowEInvoice.wsdl");

/// The address elements whose `location` names the endpoint.
const ADDRESS_ELEMENTS: [&str; 3] = ["<soap:address", "<soap12:address", "<http:address"];

/// `wsdl` with the `location` of every `soap:address`, `soap12:address` and `http:address`
/// replaced by `endpoint` (XML-escaped). Other text is kept byte for byte.
pub fn with_endpoint(wsdl: &str, endpoint: &str) -> String {
    let escaped = escape_attribute(endpoint);
    let mut out = String::with_capacity(wsdl.len() + 3 * escaped.len());
    let mut rest = wsdl;
    while let Some((start, element)) = ADDRESS_ELEMENTS
        .iter()
        .filter_map(|element| rest.find(element).map(|at| (at, *element)))
        .min()
    {
        let after_name = start + element.len();
        out.push_str(&rest[..after_name]);
        rest = &rest[after_name..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let Some(value_start) = rest[..tag_end]
            .find("location=\"")
            .map(|at| at + "location=\"".len())
        else {
            continue;
        };
        let Some(value_len) = rest[value_start..].find('"') else {
            continue;
        };
        out.push_str(&rest[..value_start]);
        out.push_str(&escaped);
        rest = &rest[value_start + value_len..];
    }
    out.push_str(rest);
    out
}

fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The page a browser gets at the endpoint without `?WSDL`, as ASMX serves a help page.
pub fn help_page(endpoint: &str) -> String {
    let endpoint = escape_attribute(endpoint);
    let operations: String = crate::OPERATIONS
        .iter()
        .map(|name| format!("<li>{name}</li>"))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>PayNowEInvoice Web Service (mock)</title></head>\
         <body><h1>PayNowEInvoice (paynow-mock)</h1><p>A mock of the PayNow e-invoice service. \
         Service description: <a href=\"{endpoint}?WSDL\">{endpoint}?WSDL</a></p>\
         <ul>{operations}</ul></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_address_points_at_the_endpoint() {
        let endpoint = "http://127.0.0.1:8080/PayNowEInvoice.asmx";
        let rewritten = with_endpoint(WSDL, endpoint);
        assert!(!rewritten.contains("location=\"https://invoice.paynow.com.tw"));
        for element in ADDRESS_ELEMENTS {
            assert!(
                rewritten.contains(&format!("{element} location=\"{endpoint}\"")),
                "{element}"
            );
        }
        // Nothing else changed.
        assert_eq!(
            rewritten.replace(
                endpoint,
                "https://invoice.paynow.com.tw/PayNowEInvoice.asmx"
            ),
            WSDL
        );
    }

    #[test]
    fn odd_input_is_kept() {
        assert_eq!(with_endpoint("<soap:address", "x"), "<soap:address");
        assert_eq!(
            with_endpoint("<soap:address location=\"a", "x"),
            "<soap:address location=\"a"
        );
        assert_eq!(
            with_endpoint("<http:address location=\"a\"/>", "h?a=1&b=\"2\""),
            "<http:address location=\"h?a=1&amp;b=&quot;2&quot;\"/>"
        );
    }
}
