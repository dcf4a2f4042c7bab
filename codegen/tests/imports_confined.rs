//! The file resolver reads only regular files under the root WSDL's folder (and folders
//! the user allows), within a size limit, each document once whatever its spelling, and
//! no more documents than a real service has.

use std::path::{Path, PathBuf};

use soap_codegen::parse::{FileResolver, MAX_DOCUMENTS, parse_file, parse_file_with};
use soap_codegen::{ErrorKind, Generator};

/// A WSDL with one operation whose message element is declared in `location`.
fn wsdl_importing(location: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <wsdl:types>
    <xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
      <xs:include schemaLocation="{location}"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:Ping"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="Ping"><wsdl:input message="tns:In"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Ping"><soap:operation soapAction="urn:t/Ping"/><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://127.0.0.1/"/></wsdl:port></wsdl:service>
</wsdl:definitions>
"#
    )
}

/// A schema declaring `Ping` (when `ping`) and `E{n}`, after `extra` (more includes).
fn schema(extra: &str, n: usize, ping: bool) -> String {
    let ping = if ping {
        r#"<xs:element name="Ping" type="xs:string"/>"#
    } else {
        ""
    };
    format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">
  {extra}
  <xs:element name="E{n}" type="xs:string"/>{ping}
</xs:schema>
"#
    )
}

/// A folder holding `service/Service.wsdl` that includes `location`, and
/// `outside/Types.xsd`.
fn layout(location: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("service")).unwrap();
    std::fs::create_dir_all(dir.path().join("outside")).unwrap();
    std::fs::write(dir.path().join("outside/Types.xsd"), schema("", 0, true)).unwrap();
    std::fs::write(
        dir.path().join("service/Service.wsdl"),
        wsdl_importing(location),
    )
    .unwrap();
    dir
}

fn wsdl(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("service/Service.wsdl")
}

#[test]
fn a_location_escaping_the_folder_is_refused_where_it_is_written() {
    let dir = layout("../outside/Types.xsd");
    let error = parse_file(&wsdl(&dir)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::UnresolvedImport, "{error}");
    assert_eq!((error.line, error.column), (6, 7), "{error}");
    assert!(error.message.contains("outside the folder"), "{error}");
    assert!(error.message.contains("--allow-imports-from"), "{error}");
}

#[test]
fn an_absolute_location_elsewhere_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let types = elsewhere.path().join("Types.xsd");
    std::fs::write(&types, schema("", 0, true)).unwrap();
    std::fs::write(
        dir.path().join("Service.wsdl"),
        wsdl_importing(&types.display().to_string()),
    )
    .unwrap();
    let error = parse_file(&dir.path().join("Service.wsdl")).unwrap_err();
    assert_eq!(error.kind, ErrorKind::UnresolvedImport, "{error}");
    assert!(error.message.contains("outside the folder"), "{error}");
}

#[test]
fn a_symlink_leading_out_is_refused() {
    let dir = layout("Types.xsd");
    std::os::unix::fs::symlink(
        dir.path().join("outside/Types.xsd"),
        dir.path().join("service/Types.xsd"),
    )
    .unwrap();
    let error = parse_file(&wsdl(&dir)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::UnresolvedImport, "{error}");
    assert!(error.message.contains("outside the folder"), "{error}");
}

#[test]
fn an_allowed_folder_is_read() {
    let dir = layout("../outside/Types.xsd");
    let source = Generator::new()
        .allow_imports_from(dir.path().join("outside"))
        .generate(wsdl(&dir))
        .unwrap();
    assert!(source.contains("pub async fn ping("), "{source}");
    let resolver = FileResolver::for_root(&wsdl(&dir)).allow_folder(dir.path().join("outside"));
    assert_eq!(resolver.folders().len(), 2);
    assert!(parse_file_with(&wsdl(&dir), &resolver).is_ok());
}

#[test]
fn devices_fifos_and_folders_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.xsd");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::create_dir(dir.path().join("folder.xsd")).unwrap();
    for location in ["pipe.xsd", "folder.xsd"] {
        std::fs::write(dir.path().join("Service.wsdl"), wsdl_importing(location)).unwrap();
        let error = parse_file(&dir.path().join("Service.wsdl")).unwrap_err();
        assert_eq!(error.kind, ErrorKind::UnresolvedImport, "{error}");
        assert!(error.message.contains("not a regular file"), "{error}");
    }
    // A device in a folder allowed on purpose is still not read.
    std::fs::write(dir.path().join("Service.wsdl"), wsdl_importing("/dev/zero")).unwrap();
    let error = Generator::new()
        .allow_imports_from("/dev")
        .generate(dir.path().join("Service.wsdl"))
        .unwrap_err();
    assert!(error.message.contains("not a regular file"), "{error}");
    // Nor as the root document.
    let error = parse_file(Path::new("/dev/zero")).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Io, "{error}");
    assert!(error.message.contains("not a regular file"), "{error}");
}

#[test]
fn a_document_over_the_size_limit_is_refused() {
    let dir = layout("Types.xsd");
    let padding = format!("<!--{}-->", "x".repeat(10_000));
    std::fs::write(
        dir.path().join("service/Types.xsd"),
        schema(&padding, 0, true),
    )
    .unwrap();
    let small = FileResolver::for_root(&wsdl(&dir)).max_file_bytes(5_000);
    let error = parse_file_with(&wsdl(&dir), &small).unwrap_err();
    assert!(error.message.contains("5000-byte limit"), "{error}");
    assert!(
        parse_file(&wsdl(&dir)).is_ok(),
        "the default limit admits it"
    );
}

#[test]
fn an_include_cycle_by_any_spelling_loads_each_document_once() {
    let dir = layout("sub/a.xsd");
    let sub = dir.path().join("service/sub");
    std::fs::create_dir_all(&sub).unwrap();
    // a includes b as `../sub/./b.xsd`, b includes a back as `./a.xsd` and `../sub/a.xsd`:
    // joined naively, the spellings grow without end.
    std::fs::write(
        sub.join("a.xsd"),
        schema(r#"<xs:include schemaLocation="../sub/./b.xsd"/>"#, 1, true),
    )
    .unwrap();
    std::fs::write(
        sub.join("b.xsd"),
        schema(
            r#"<xs:include schemaLocation="./a.xsd"/><xs:include schemaLocation="../sub/a.xsd"/>"#,
            2,
            false,
        ),
    )
    .unwrap();
    let defs = parse_file(&wsdl(&dir)).unwrap();
    let names: Vec<&str> = defs
        .schema
        .elements
        .iter()
        .map(|e| e.name.local.as_str())
        .collect();
    assert_eq!(names, ["E1", "Ping", "E2"], "each document read once");
}

#[test]
fn an_import_graph_beyond_the_document_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let count = MAX_DOCUMENTS + 5;
    for n in 0..count {
        let next = match n + 1 < count {
            true => format!(r#"<xs:include schemaLocation="s{}.xsd"/>"#, n + 1),
            false => String::new(),
        };
        std::fs::write(
            dir.path().join(format!("s{n}.xsd")),
            schema(&next, n, n == 0),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("Service.wsdl"), wsdl_importing("s0.xsd")).unwrap();
    let error = parse_file(&dir.path().join("Service.wsdl")).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Limit, "{error}");
    assert!(
        error.message.contains("more than 1000 documents"),
        "{error}"
    );
    assert!(error.file.ends_with("s998.xsd"), "{error}");
}
