//! The SOAP binding's HTTP rules, checked as ASMX checks them before dispatching: the
//! `Content-Type` fits the envelope's version, and the action (the `SOAPAction` header in
//! SOAP 1.1, the optional `action` parameter of the content type in SOAP 1.2) names the
//! operation of the body element.

use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;
use paynow_einvoice::generated::TARGET_NAMESPACE;
use soap_runtime::SoapVersion;
use soap_runtime::server::IncomingRequest;

/// The media type (lower case) and parameters of a `Content-Type` value.
pub(crate) struct MediaType {
    /// e.g. `text/xml`.
    pub essence: String,
    /// `(name in lower case, value unquoted)`.
    pub parameters: Vec<(String, String)>,
}

impl MediaType {
    /// The request's `Content-Type`; empty when missing or not text.
    pub fn of(headers: &HeaderMap) -> Self {
        let value = headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        let mut parts = value.split(';');
        let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let parameters = parts
            .filter_map(|part| {
                let (name, value) = part.split_once('=')?;
                Some((
                    name.trim().to_ascii_lowercase(),
                    unquote(value.trim()).to_owned(),
                ))
            })
            .collect();
        Self {
            essence,
            parameters,
        }
    }

    fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}

fn media_type_of(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "text/xml",
        SoapVersion::Soap12 => "application/soap+xml",
    }
}

/// Checks the headers of a request whose envelope is `incoming`; the reason for a client
/// fault when they do not fit.
pub(crate) fn check_headers(headers: &HeaderMap, incoming: &IncomingRequest) -> Result<(), String> {
    let version = incoming.version;
    let content_type = MediaType::of(headers);
    let expected = media_type_of(version);
    if content_type.essence != expected {
        return Err(format!(
            "a {version} envelope must be sent as {expected}, not {:?}",
            content_type.essence
        ));
    }
    let action = match version {
        SoapVersion::Soap11 => {
            let header = headers
                .get("SOAPAction")
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                .ok_or("the SOAPAction HTTP header is missing")?;
            Some(unquote(header.trim()).to_owned())
        }
        SoapVersion::Soap12 => content_type.parameter("action").map(str::to_owned),
    };
    let Some(action) = action else {
        return Ok(());
    };
    let expected_action = format!("{TARGET_NAMESPACE}{}", incoming.name);
    if action == expected_action && incoming.namespace == TARGET_NAMESPACE {
        return Ok(());
    }
    let named = action
        .strip_prefix(TARGET_NAMESPACE)
        .filter(|name| crate::OPERATIONS.contains(name));
    Err(match named {
        Some(name) => format!(
            "the action names {name} but the body element is {{{}}}{}",
            incoming.namespace, incoming.name
        ),
        None => format!("Server did not recognize the value of HTTP Header SOAPAction: {action}."),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incoming(version: SoapVersion, name: &str) -> IncomingRequest {
        IncomingRequest {
            version,
            namespace: TARGET_NAMESPACE.to_owned(),
            name: name.to_owned(),
        }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn soap11_needs_text_xml_and_the_matching_action() {
        let request = incoming(SoapVersion::Soap11, "Check_invoice");
        let good = "\"https://invoice.PayNow.com.tw/Check_invoice\"";
        let ok = headers(&[
            ("content-type", "text/xml; charset=utf-8"),
            ("soapaction", good),
        ]);
        assert!(check_headers(&ok, &request).is_ok());
        let unquoted = headers(&[
            ("content-type", "Text/XML"),
            ("soapaction", "https://invoice.PayNow.com.tw/Check_invoice"),
        ]);
        assert!(check_headers(&unquoted, &request).is_ok());
        for bad in [
            headers(&[("content-type", "text/xml")]),
            headers(&[
                ("content-type", "application/soap+xml"),
                ("soapaction", good),
            ]),
            headers(&[
                ("content-type", "text/xml"),
                (
                    "soapaction",
                    "\"https://invoice.PayNow.com.tw/Invoice_Info\"",
                ),
            ]),
            headers(&[
                ("content-type", "text/xml"),
                ("soapaction", "\"urn:nothing\""),
            ]),
        ] {
            assert!(check_headers(&bad, &request).is_err());
        }
    }

    #[test]
    fn soap12_action_is_optional_but_must_match() {
        let request = incoming(SoapVersion::Soap12, "Check_invoice");
        let plain = headers(&[("content-type", "application/soap+xml; charset=utf-8")]);
        assert!(check_headers(&plain, &request).is_ok());
        let with_action = headers(&[(
            "content-type",
            "application/soap+xml; charset=utf-8; action=\"https://invoice.PayNow.com.tw/Check_invoice\"",
        )]);
        assert!(check_headers(&with_action, &request).is_ok());
        let wrong = headers(&[(
            "content-type",
            "application/soap+xml; action=\"https://invoice.PayNow.com.tw/Invoice_Info\"",
        )]);
        let reason = check_headers(&wrong, &request).unwrap_err();
        assert!(reason.contains("Invoice_Info"), "{reason}");
        let text_xml = headers(&[("content-type", "text/xml")]);
        assert!(check_headers(&text_xml, &request).is_err());
    }
}
