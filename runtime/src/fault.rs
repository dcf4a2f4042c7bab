//! SOAP faults, read from SOAP 1.1 and SOAP 1.2 bodies into one typed shape.

use serde::{Deserialize, Serialize};

use crate::version::SoapVersion;
use crate::xml::{DecodeError, Element, FromXml, Limits, ToXml, XmlReader, XmlWriter};

/// A SOAP Fault, from either version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// The SOAP version of the envelope that carried it.
    pub version: SoapVersion,
    /// `faultcode` (1.1) or `Code/Value` (1.2), as written, e.g. `soap:Server`.
    pub code: String,
    /// `Code/Subcode/Value`s, outermost first (SOAP 1.2 only).
    pub subcodes: Vec<String>,
    /// `faultstring` (1.1) or the first `Reason/Text` (1.2).
    pub reason: String,
    /// `faultactor` (1.1) or `Role` (1.2).
    pub actor: Option<String>,
    /// `Node` (SOAP 1.2 only).
    pub node: Option<String>,
    /// The content of `detail` (1.1) or `Detail` (1.2) as raw XML. Each element in it
    /// declares the namespaces that were in scope where it was received (prefixes the
    /// `Envelope` declared, say), so it can be decoded on its own: see
    /// [`detail_element`](Self::detail_element).
    pub detail: Option<String>,
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} fault {}: {}", self.version, self.code, self.reason)
    }
}

impl Fault {
    /// A fault blaming the request: `soap:Client` / `soap12:Sender`.
    pub fn client(version: SoapVersion, reason: impl Into<String>) -> Self {
        Self::with_code(version, version.client_fault_code(), reason)
    }

    /// A fault of the server: `soap:Server` / `soap12:Receiver`.
    pub fn server(version: SoapVersion, reason: impl Into<String>) -> Self {
        Self::with_code(version, version.server_fault_code(), reason)
    }

    fn with_code(version: SoapVersion, code: &str, reason: impl Into<String>) -> Self {
        Self {
            version,
            code: code.to_owned(),
            subcodes: Vec::new(),
            reason: reason.into(),
            actor: None,
            node: None,
            detail: None,
        }
    }

    /// The same fault with `value` written as its detail, element `name` in namespace
    /// `ns`: how a server answers a fault the WSDL declares. A value XML cannot carry
    /// gives a Server/Receiver fault saying so instead.
    pub fn with_detail<T: ToXml + ?Sized>(
        mut self,
        ns: &'static str,
        name: &'static str,
        value: &T,
    ) -> Self {
        let mut writer = XmlWriter::new(false);
        writer.complex_element(ns, name, value);
        match writer.finish() {
            Ok(bytes) => {
                self.detail = Some(String::from_utf8_lossy(&bytes).into_owned());
                self
            }
            Err(e) => Self::server(self.version, format!("cannot encode the fault detail: {e}")),
        }
    }

    /// Decodes the detail's first element named `name` in namespace `ns` as `T`:
    /// `None` if the detail has no such element, `Some(Err)` if it does not decode.
    pub fn detail_element<T: FromXml>(
        &self,
        ns: &str,
        name: &str,
    ) -> Option<Result<T, DecodeError>> {
        let detail = self.detail.as_deref()?;
        let wrapped = format!("<detail>{detail}</detail>");
        let find = || -> Result<Option<T>, DecodeError> {
            let mut reader = XmlReader::new(wrapped.as_bytes(), Limits::default())?;
            let root = reader.root()?;
            let mut children = reader.children(&root);
            while let Some(child) = reader.next_child(&mut children)? {
                if reader.has_name(&child, ns, name) {
                    return reader.read_complex(child).map(Some);
                }
                reader.skip(child)?;
            }
            Ok(None)
        };
        find().transpose()
    }

    /// This fault as `version` writes it: the standard codes (`soap:Client` and
    /// `soap12:Sender`, `soap:Server` and `soap12:Receiver`) are translated; other codes,
    /// reason and detail are kept. Servers answer in the version of the request.
    pub fn for_version(mut self, version: SoapVersion) -> Self {
        if self.version == version {
            return self;
        }
        let old = self.version;
        if self.code == old.client_fault_code() {
            self.code = version.client_fault_code().to_owned();
        } else if self.code == old.server_fault_code() {
            self.code = version.server_fault_code().to_owned();
        }
        self.version = version;
        self
    }

    /// Reads a `Fault` element of `version`.
    pub(crate) fn read(
        reader: &mut XmlReader<'_>,
        fault: &Element<'_>,
        version: SoapVersion,
    ) -> Result<Self, DecodeError> {
        let mut result = Fault {
            version,
            code: String::new(),
            subcodes: Vec::new(),
            reason: String::new(),
            actor: None,
            node: None,
            detail: None,
        };
        let env = version.envelope_namespace();
        let mut children = reader.children(fault);
        while let Some(child) = reader.next_child(&mut children)? {
            match version {
                // SOAP 1.1 fault children are unqualified.
                SoapVersion::Soap11 => match child.local_name() {
                    b"faultcode" => result.code = reader.read_text(&child)?.trim().to_owned(),
                    b"faultstring" => result.reason = reader.read_text(&child)?.into_owned(),
                    b"faultactor" => result.actor = Some(reader.read_text(&child)?.into_owned()),
                    b"detail" => result.detail = Some(reader.read_inner_raw_in_scope(child)?),
                    _ => reader.skip(child)?,
                },
                SoapVersion::Soap12 => {
                    if reader.has_name(&child, env, "Code") {
                        read_code12(reader, &child, env, &mut result)?;
                    } else if reader.has_name(&child, env, "Reason") {
                        let mut texts = reader.children(&child);
                        while let Some(text) = reader.next_child(&mut texts)? {
                            if result.reason.is_empty() && reader.has_name(&text, env, "Text") {
                                result.reason = reader.read_text(&text)?.into_owned();
                            } else {
                                reader.skip(text)?;
                            }
                        }
                    } else if reader.has_name(&child, env, "Node") {
                        result.node = Some(reader.read_text(&child)?.into_owned());
                    } else if reader.has_name(&child, env, "Role") {
                        result.actor = Some(reader.read_text(&child)?.into_owned());
                    } else if reader.has_name(&child, env, "Detail") {
                        result.detail = Some(reader.read_inner_raw_in_scope(child)?);
                    } else {
                        reader.skip(child)?;
                    }
                }
            }
        }
        Ok(result)
    }
}

/// Reads `Code` with its nested `Subcode`s.
fn read_code12(
    reader: &mut XmlReader<'_>,
    code: &Element<'_>,
    env: &str,
    fault: &mut Fault,
) -> Result<(), DecodeError> {
    let mut children = reader.children(code);
    let mut is_outer = true;
    // Subcodes nest (`Subcode/Subcode/...`); walk down iteratively.
    let mut pending = Vec::new();
    loop {
        let Some(child) = reader.next_child(&mut children)? else {
            match pending.pop() {
                Some(outer) => {
                    children = outer;
                    continue;
                }
                None => return Ok(()),
            }
        };
        if reader.has_name(&child, env, "Value") {
            let value = reader.read_text(&child)?.trim().to_owned();
            if is_outer {
                fault.code = value;
                is_outer = false;
            } else {
                fault.subcodes.push(value);
            }
        } else if reader.has_name(&child, env, "Subcode") {
            pending.push(children);
            children = reader.children(&child);
        } else {
            reader.skip(child)?;
        }
    }
}
