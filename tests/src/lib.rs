//! End-to-end tests of the generator, the runtime and the PayNow client. The library part
//! holds the code generated from the construct fixtures, so the tests compile it.

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
}

/// Code generated from the shared WSDL corpus (`shared/wsdl-corpus`), one module per WSDL
/// that `corpus/manifest.rs` lists as supported, with the JSON request registry on.
/// Warnings are denied: generated code must compile clean.
#[deny(warnings)]
pub mod corpus {
    include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
}
