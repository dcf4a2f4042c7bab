//! The two SOAP versions and everything that differs between them on the wire.

use serde::{Deserialize, Serialize};

/// Namespace of the SOAP 1.1 envelope.
pub const SOAP11_ENVELOPE_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// Namespace of the SOAP 1.2 envelope.
pub const SOAP12_ENVELOPE_NS: &str = "http://www.w3.org/2003/05/soap-envelope";

/// A SOAP protocol version. Where SOAP 1.1 and 1.2 differ (envelope namespace, content
/// type, where the action goes, fault shape), the difference is decided here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SoapVersion {
    /// SOAP 1.1: `text/xml` and a `SOAPAction` header.
    Soap11,
    /// SOAP 1.2: `application/soap+xml` with the action as a content-type parameter.
    Soap12,
}

impl SoapVersion {
    /// `1.1` or `1.2`, as traces and logs name the version.
    pub fn label(self) -> &'static str {
        match self {
            Self::Soap11 => "1.1",
            Self::Soap12 => "1.2",
        }
    }

    /// The envelope namespace URI.
    pub fn envelope_namespace(self) -> &'static str {
        match self {
            Self::Soap11 => SOAP11_ENVELOPE_NS,
            Self::Soap12 => SOAP12_ENVELOPE_NS,
        }
    }

    /// The envelope prefix ASP.NET uses, which we use too so wire captures look alike.
    pub fn envelope_prefix(self) -> &'static str {
        match self {
            Self::Soap11 => "soap",
            Self::Soap12 => "soap12",
        }
    }

    /// The `Content-Type` header for a request carrying `action`.
    pub fn content_type(self, action: &str) -> String {
        match self {
            Self::Soap11 => "text/xml; charset=utf-8".to_owned(),
            Self::Soap12 if action.is_empty() => "application/soap+xml; charset=utf-8".to_owned(),
            Self::Soap12 => format!("application/soap+xml; charset=utf-8; action=\"{action}\""),
        }
    }

    /// The `SOAPAction` header value (quoted), if this version sends one.
    pub fn soap_action_header(self, action: &str) -> Option<String> {
        match self {
            Self::Soap11 => Some(format!("\"{action}\"")),
            Self::Soap12 => None,
        }
    }

    /// The `Content-Type` of a response.
    pub fn response_content_type(self) -> &'static str {
        match self {
            Self::Soap11 => "text/xml; charset=utf-8",
            Self::Soap12 => "application/soap+xml; charset=utf-8",
        }
    }

    /// The fault code for a bad request: `soap:Client` (1.1) or `soap12:Sender` (1.2).
    pub fn client_fault_code(self) -> &'static str {
        match self {
            Self::Soap11 => "soap:Client",
            Self::Soap12 => "soap12:Sender",
        }
    }

    /// The fault code for a failure of the server: `soap:Server` or `soap12:Receiver`.
    pub fn server_fault_code(self) -> &'static str {
        match self {
            Self::Soap11 => "soap:Server",
            Self::Soap12 => "soap12:Receiver",
        }
    }

    /// The HTTP status of a fault: SOAP 1.1 always uses 500; SOAP 1.2 uses 400 for a
    /// Sender fault and 500 otherwise.
    pub fn fault_status(self, fault: &crate::Fault) -> u16 {
        match self {
            Self::Soap12 if fault.code.ends_with(":Sender") || fault.code == "Sender" => 400,
            _ => 500,
        }
    }

    /// The version whose envelope namespace is `namespace`, if any.
    pub fn from_envelope_namespace(namespace: &[u8]) -> Option<Self> {
        match namespace {
            n if n == SOAP11_ENVELOPE_NS.as_bytes() => Some(Self::Soap11),
            n if n == SOAP12_ENVELOPE_NS.as_bytes() => Some(Self::Soap12),
            _ => None,
        }
    }
}

impl std::fmt::Display for SoapVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Soap11 => "SOAP 1.1",
            Self::Soap12 => "SOAP 1.2",
        })
    }
}

impl std::str::FromStr for SoapVersion {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "1.1" | "soap11" | "SOAP 1.1" => Ok(Self::Soap11),
            "1.2" | "soap12" | "SOAP 1.2" => Ok(Self::Soap12),
            other => Err(format!(
                "unknown SOAP version `{other}`: expected 1.1 or 1.2"
            )),
        }
    }
}
