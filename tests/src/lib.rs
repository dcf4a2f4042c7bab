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

    /// `xsd:choice` among elements, `xsd:any`, sequences, groups and nested choices.
    pub mod choice_mixed {
        include!(concat!(env!("OUT_DIR"), "/choice_mixed.rs"));
    }

    /// Jagged SOAP-encoded arrays: `xsd:string[][]`, Axis's `xsd:byte[][]`.
    #[deny(warnings)]
    pub mod encoded_arrays {
        include!(concat!(env!("OUT_DIR"), "/encoded_arrays.rs"));
    }

    /// Attributes with inline simple types: enumerations, lists, restrictions.
    #[deny(warnings)]
    pub mod attribute_types {
        include!(concat!(env!("OUT_DIR"), "/attribute_types.rs"));
    }

    /// Recursion through a substitution group and an abstract type (warnings denied).
    #[deny(warnings)]
    pub mod substitution_recursion {
        include!(concat!(env!("OUT_DIR"), "/substitution_recursion.rs"));
    }

    /// Recursion through model groups, each level an element of an anonymous type
    /// (warnings denied).
    #[deny(warnings)]
    pub mod group_recursion {
        include!(concat!(env!("OUT_DIR"), "/group_recursion.rs"));
    }

    /// Repeated sequences and group references, each occurrence a struct in a `Vec`
    /// (warnings denied).
    #[deny(warnings)]
    pub mod repeated_sequences {
        include!(concat!(env!("OUT_DIR"), "/repeated_sequences.rs"));
    }

    /// Extension chains, each derived type holding its base (warnings denied): a concrete
    /// root, an abstract middle level with content, simpleContent levels.
    #[deny(warnings)]
    pub mod extension_chain {
        include!(concat!(env!("OUT_DIR"), "/extension_chain.rs"));
    }

    /// Extension chains' edge cases (warnings denied): recursion through a base, a mixed
    /// chain, an abstract base with attributes only.
    #[deny(warnings)]
    pub mod extension_edges {
        include!(concat!(env!("OUT_DIR"), "/extension_edges.rs"));
    }

    /// Names that must still compile (warnings denied): operations named like the client's
    /// own API, XML names outside Rust's identifier characters, a 100-type inline chain.
    #[deny(warnings)]
    pub mod names {
        include!(concat!(env!("OUT_DIR"), "/names.rs"));
    }
}

/// Code generated from `fixtures/degrade/` with local degradation on
/// (`Generator::degrade_unsupported`); warnings denied.
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

    /// `operations.wsdl`: `Ping` only; the two operations bound in ways the client cannot
    /// call are left out.
    pub mod operations {
        include!(concat!(env!("OUT_DIR"), "/degraded_operations.rs"));
    }

    /// `planned_headers.wsdl`: `Echo` only; `Ping`, whose bindings declare different
    /// headers, is left out.
    pub mod planned_headers {
        include!(concat!(env!("OUT_DIR"), "/degraded_planned_headers.rs"));
    }

    /// `planned_simple_base.wsdl`: `Coded`, extending a simple type, keeps its content raw.
    pub mod planned_simple_base {
        include!(concat!(env!("OUT_DIR"), "/degraded_planned_simple_base.rs"));
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

    /// What python-zeep makes of `xml`, read as a global element of the fixture `wsdl`
    /// and written back (`tests/zeep/reread.py`): `Ok(None)` if it writes back what it
    /// read, `Ok(Some(diff))` with the canonical lines it lost (`-`) and added (`+`), and
    /// `Err(message)` with zeep's last error line if it cannot read it. Panics, saying
    /// what to install, without Python 3 (`PYTHON` names the interpreter).
    pub fn zeep_rewrite(wsdl: &str, xml: &str) -> Result<Option<String>, String> {
        use std::io::Write as _;
        use std::process::{Command, Stdio};
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("zeep/reread.py");
        let mut child = Command::new(&python)
            .arg(script)
            .arg(fixture(wsdl))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run `{python}`: {e}; install Python 3 and zeep"));
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(xml.as_bytes())
            .expect("write to reread.py");
        let output = child.wait_with_output().expect("run reread.py");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("No module named 'zeep'"),
            "python-zeep is missing: run `pip install zeep`"
        );
        if !output.status.success() {
            return Err(stderr.trim().lines().last().unwrap_or_default().to_owned());
        }
        let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
        match stdout.split_once('\n') {
            Some(("equal", _)) => Ok(None),
            Some(("different", diff)) => Ok(Some(diff.to_owned())),
            _ => Err(format!("unexpected output of reread.py: {stdout}")),
        }
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

/// The construct fixtures generated with default settings (no serde derives), one
/// module per fixture, warnings denied.
pub mod plain {
    include!(concat!(env!("OUT_DIR"), "/plain.rs"));
}

/// Each construct fixture (`fixtures/constructs/*.wsdl`, `fixtures/imports/Service.wsdl`)
/// generated again with the JSON request registry on, for the zeep oracle
/// (`tests/zeep_oracle.rs`). Warnings are denied, as for [`corpus`].
#[deny(warnings)]
pub mod oracle_fixtures {
    include!(concat!(env!("OUT_DIR"), "/oracle_fixtures.rs"));
}
