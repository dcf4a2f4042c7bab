//! Schemas the generator carries, because real WSDLs import them by URL (SOAP encoding,
//! `xml.xsd`, xmlmime, XOP, WS-Addressing, the SOAP 1.2 envelope) and generation must
//! work offline.

use std::path::PathBuf;

/// One built-in schema.
pub struct WellKnown {
    /// Its target namespace.
    pub namespace: &'static str,
    /// URLs it is imported by, besides its namespace.
    locations: &'static [&'static str],
    /// A name for errors and notes.
    pub file: &'static str,
    /// Its text.
    pub text: &'static str,
}

const SCHEMAS: &[WellKnown] = &[
    WellKnown {
        namespace: "http://schemas.xmlsoap.org/soap/encoding/",
        locations: &[],
        file: "soap-encoding.xsd",
        text: include_str!("wellknown/soap-encoding.xsd"),
    },
    WellKnown {
        namespace: "http://www.w3.org/XML/1998/namespace",
        locations: &[
            "http://www.w3.org/2001/xml.xsd",
            "http://www.w3.org/2009/01/xml.xsd",
        ],
        file: "xml.xsd",
        text: include_str!("wellknown/xml.xsd"),
    },
    WellKnown {
        namespace: "http://www.w3.org/2005/05/xmlmime",
        locations: &[],
        file: "xmlmime.xsd",
        text: include_str!("wellknown/xmlmime.xsd"),
    },
    WellKnown {
        namespace: "http://www.w3.org/2004/08/xop/include",
        locations: &[],
        file: "xop.xsd",
        text: include_str!("wellknown/xop.xsd"),
    },
    WellKnown {
        namespace: "http://www.w3.org/2005/08/addressing",
        locations: &[
            "http://www.w3.org/2005/08/addressing/ws-addr.xsd",
            "http://www.w3.org/2006/03/addressing/ws-addr.xsd",
        ],
        file: "ws-addressing.xsd",
        text: include_str!("wellknown/ws-addressing.xsd"),
    },
    WellKnown {
        namespace: "http://www.w3.org/2003/05/soap-envelope",
        locations: &[],
        file: "soap12-envelope.xsd",
        text: include_str!("wellknown/soap12-envelope.xsd"),
    },
];

impl WellKnown {
    /// The path it is known by in errors: no file on disk has it.
    pub fn path(&self) -> PathBuf {
        PathBuf::from(format!("(built-in {})", self.file))
    }
}

/// The built-in schema a `schemaLocation` names: its namespace URI or a known URL,
/// over http or https, with or without a trailing slash.
pub fn by_location(location: &str) -> Option<&'static WellKnown> {
    let normalize = |url: &str| {
        url.trim()
            .trim_end_matches('/')
            .replacen("https://", "http://", 1)
    };
    let wanted = normalize(location);
    SCHEMAS.iter().find(|s| {
        normalize(s.namespace) == wanted || s.locations.iter().any(|l| normalize(l) == wanted)
    })
}

/// The built-in schema of `namespace`.
pub fn by_namespace(namespace: &str) -> Option<&'static WellKnown> {
    SCHEMAS.iter().find(|s| s.namespace == namespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_schemas_by_the_urls_real_wsdls_use() {
        assert_eq!(
            by_location("https://www.w3.org/2005/05/xmlmime")
                .unwrap()
                .file,
            "xmlmime.xsd"
        );
        assert_eq!(
            by_location("http://www.w3.org/2004/08/xop/include/")
                .unwrap()
                .file,
            "xop.xsd"
        );
        assert_eq!(
            by_location("http://www.w3.org/2001/xml.xsd").unwrap().file,
            "xml.xsd"
        );
        assert!(by_location("http://docs.oasis-open.org/wsn/b-2.xsd").is_none());
        assert_eq!(
            by_namespace("http://schemas.xmlsoap.org/soap/encoding/")
                .unwrap()
                .file,
            "soap-encoding.xsd"
        );
    }
}
