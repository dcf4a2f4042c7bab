//! End-to-end tests of the generator, the runtime and the PayNow client. The library part
//! holds the code generated from the construct fixtures, so the tests compile it.

// `constructs::names` holds a chain of 100 types, each inside the next. Boxes bound the
// inline nesting rustc's layout and drop check follow, but auto traits (`Send`, which
// rustdoc evaluates for every type) still walk the whole chain through them.
#![recursion_limit = "512"]

/// Code generated from `fixtures/constructs/*.wsdl`, one module per fixture.
pub mod constructs {
    /// `xsd:choice` as enums: required, optional, repeated, with a list alternative.
    pub mod choice {
        include!(concat!(env!("OUT_DIR"), "/choice.rs"));
    }

    /// rpc/literal: typed parts in a wrapper named after the operation.
    pub mod rpc_literal {
        include!(concat!(env!("OUT_DIR"), "/rpc_literal.rs"));
    }

    /// rpc/encoded: `xsi:type` on values, SOAP-encoded arrays.
    pub mod rpc_encoded {
        include!(concat!(env!("OUT_DIR"), "/rpc_encoded.rs"));
    }

    /// simpleContent, list and union types, `xs:anyType`, recursive types.
    pub mod values {
        include!(concat!(env!("OUT_DIR"), "/values.rs"));
    }

    /// Sequence, all, complexContent extension and restriction, arrays by maxOccurs,
    /// document/literal bare.
    pub mod structures {
        include!(concat!(env!("OUT_DIR"), "/structures.rs"));
    }

    /// `fixtures/imports/`: wsdl:import, xsd:import, a chameleon xsd:include, and
    /// schemas with different `elementFormDefault` and `attributeFormDefault`.
    pub mod imports {
        include!(concat!(env!("OUT_DIR"), "/imports.rs"));
    }

    /// Attributes (local, qualified, global, grouped), model groups, `xsd:any`, mixed content.
    pub mod open_content {
        include!(concat!(env!("OUT_DIR"), "/open_content.rs"));
    }

    /// `soap:header` parts: request and response headers, a header part in the body's message.
    pub mod headers {
        include!(concat!(env!("OUT_DIR"), "/headers.rs"));
    }

    /// Typed `wsdl:fault` details.
    pub mod faults {
        include!(concat!(env!("OUT_DIR"), "/faults.rs"));
    }

    /// Nillable elements: nil told apart from absence, nil items of lists kept.
    pub mod nillable {
        include!(concat!(env!("OUT_DIR"), "/nillable.rs"));
    }

    /// Substitution groups (as choices) and abstract types (as enums chosen by `xsi:type`).
    pub mod substitution {
        include!(concat!(env!("OUT_DIR"), "/substitution.rs"));
    }

    /// Names that must still compile (warnings denied): operations named like the client's
    /// own API, XML names outside Rust's identifier characters, a 100-type inline chain.
    #[deny(warnings)]
    pub mod names {
        include!(concat!(env!("OUT_DIR"), "/names.rs"));
    }
}

/// Code generated from `fixtures/degrade/partial.wsdl` with local degradation on
/// (`Generator::degrade_unsupported`), whole and filtered to one operation; warnings denied.
#[deny(warnings)]
pub mod degraded {
    /// Every operation; the unsupported parts kept as raw XML.
    pub mod partial {
        include!(concat!(env!("OUT_DIR"), "/degraded_partial.rs"));
    }

    /// Only the `Sign` operation and the types it reaches.
    pub mod sign_only {
        include!(concat!(env!("OUT_DIR"), "/degraded_sign_only.rs"));
    }
}

/// What the construct tests share: a fixture's path, and a value read from XML or
/// written as an element.
pub mod fixtures {
    use std::path::{Path, PathBuf};

    use soap_runtime::{DecodeError, FromXml, Limits, ToXml, XmlReader, XmlWriter};

    /// The path of `fixtures/constructs/<name>`.
    pub fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/constructs")
            .join(name)
    }

    /// The value of the document's root element, or why it cannot be read.
    pub fn try_read<T: FromXml>(xml: &str) -> Result<T, DecodeError> {
        let mut reader = XmlReader::new(xml.as_bytes(), Limits::default())?;
        let root = reader.root()?;
        T::read_xml(&mut reader, &root)
    }

    /// The value of the document's root element; panics if it cannot be read.
    pub fn read<T: FromXml>(xml: &str) -> T {
        try_read(xml).unwrap()
    }

    /// `value` written as element `name` in namespace `ns`, unindented.
    pub fn write<T: ToXml>(ns: &'static str, name: &'static str, value: &T) -> String {
        let mut writer = XmlWriter::new(false);
        writer.complex_element(ns, name, value);
        String::from_utf8(writer.finish().unwrap()).unwrap()
    }
}

/// Code generated from the shared WSDL corpus (`shared/wsdl-corpus`), one module per WSDL
/// that `corpus/manifest.rs` lists as supported, with the JSON request registry on.
/// Warnings are denied: generated code must compile clean.
#[deny(warnings)]
pub mod corpus {
    include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
}

/// Each construct fixture (`fixtures/constructs/*.wsdl`, `fixtures/imports/Service.wsdl`)
/// generated again with the JSON request registry on, for the zeep oracle
/// (`tests/zeep_oracle.rs`). Warnings are denied, as for [`corpus`].
#[deny(warnings)]
pub mod oracle_fixtures {
    include!(concat!(env!("OUT_DIR"), "/oracle_fixtures.rs"));
}
