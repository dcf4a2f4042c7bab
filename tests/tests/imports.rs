//! `wsdl:import`, `xsd:import` and `xsd:include` resolved from local files relative to
//! the importing file, through a replaceable resolver.

use std::path::{Path, PathBuf};

use soap_codegen::model::QName;
use soap_codegen::parse::{Resolver, parse_file, parse_file_with};
use soap_codegen::{ErrorKind, Generator};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/imports")
        .join(name)
}

#[test]
fn imports_and_chameleon_includes_resolve_across_files() {
    let defs = parse_file(&fixture("Service.wsdl")).unwrap();
    assert_eq!(
        defs.port_types.len(),
        1,
        "the port type comes from the imported WSDL"
    );
    assert_eq!(
        defs.bindings[0].port_type,
        QName::new("urn:orders", "Orders")
    );
    let order = defs
        .schema
        .types
        .iter()
        .find_map(|t| t.name.clone())
        .unwrap();
    assert_eq!(
        order,
        QName::new("urn:orders:messages", "Order"),
        "the included type takes the includer's namespace"
    );
    let source = Generator::new().generate(fixture("Service.wsdl")).unwrap();
    assert!(source.contains("pub struct Order {"), "{source}");
    assert!(source.contains("pub async fn place("), "{source}");
}

#[test]
fn every_document_read_is_a_source_with_its_hash_in_the_generated_header() {
    let (source, inputs) = Generator::new()
        .generate_with_sources(fixture("Service.wsdl"))
        .unwrap();
    let relative: Vec<String> = inputs
        .iter()
        .map(|input| {
            let rest = input.path.strip_prefix(fixture("")).unwrap();
            rest.to_string_lossy().replace('\\', "/")
        })
        .collect();
    let mut files = relative.clone();
    files.sort();
    assert_eq!(
        files,
        [
            "Abstract.wsdl",
            "Service.wsdl",
            "schemas/Common.xsd",
            "schemas/Messages.xsd",
            "schemas/Types.xsd"
        ]
    );
    assert_eq!(relative[0], "Service.wsdl", "the WSDL itself comes first");
    for (input, name) in inputs.iter().zip(&relative) {
        let bytes = std::fs::read(&input.path).unwrap();
        assert_eq!(
            input.sha256,
            soap_codegen::model::Source::new(&input.path, &bytes).sha256,
            "{name}"
        );
        let line = format!("// Source: {name} sha256:{}\n", input.sha256);
        assert!(source.contains(&line), "header lacks {line:?}:\n{source}");
    }
}

#[test]
fn a_missing_import_is_an_error_naming_it_where_it_is_written() {
    let dir = std::env::temp_dir().join(format!("soap-codegen-imports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wsdl = std::fs::read_to_string(fixture("Abstract.wsdl")).unwrap();
    std::fs::write(dir.join("Abstract.wsdl"), &wsdl).unwrap();
    let error = parse_file(&dir.join("Abstract.wsdl")).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(error.kind, ErrorKind::UnresolvedImport, "{error}");
    assert_eq!((error.line, error.column), (7, 7), "{error}");
    assert!(error.message.contains("schemas/Messages.xsd"), "{error}");
}

#[test]
fn remote_locations_are_refused_offline_unless_a_resolver_maps_them() {
    /// Maps the one URL the test uses to the local fixture.
    struct MapUrl;
    impl Resolver for MapUrl {
        fn resolve(&self, location: &str, _base: &Path) -> Result<(PathBuf, Vec<u8>), String> {
            let local = match location {
                "https://example.test/Abstract.wsdl" => fixture("Abstract.wsdl"),
                other => fixture("schemas").join(Path::new(other).file_name().unwrap()),
            };
            std::fs::read(&local)
                .map(|b| (local, b))
                .map_err(|e| e.to_string())
        }
    }
    let text = std::fs::read_to_string(fixture("Service.wsdl"))
        .unwrap()
        .replace(
            "\"Abstract.wsdl\"",
            "\"https://example.test/Abstract.wsdl\"",
        );
    let dir = std::env::temp_dir().join(format!("soap-codegen-remote-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Service.wsdl"), text).unwrap();
    let offline = parse_file(&dir.join("Service.wsdl")).unwrap_err();
    let mapped = parse_file_with(&dir.join("Service.wsdl"), &MapUrl);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(offline.kind, ErrorKind::UnresolvedImport);
    assert!(offline.message.contains("remote location"), "{offline}");
    assert_eq!(mapped.unwrap().port_types.len(), 1);
}
