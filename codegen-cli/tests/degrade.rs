//! `--degrade-unsupported`, `--operation` and `inspect` on a WSDL whose types are partly
//! unsupported (`tests/fixtures/degrade/partial.wsdl`: four operations), and on one with
//! operations bound in ways the client cannot call (`operations.wsdl`: three operations).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_soap-codegen");

fn partial() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/degrade/partial.wsdl")
}

fn operations() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/degrade/operations.wsdl")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn generate_without_the_flag_fails_with_the_located_error() {
    let wsdl = partial();
    let out = run(&["generate", wsdl.to_str().unwrap(), "-o", "-"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {}:15:11: xsd:all in a model group is not supported yet\n",
            wsdl.display()
        )
    );
}

#[test]
fn generate_with_the_flag_writes_every_operation_and_notes_the_degraded_parts() {
    let wsdl = partial();
    let out = run(&[
        "generate",
        wsdl.to_str().unwrap(),
        "-o",
        "-",
        "--degrade-unsupported",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("1 service, 4 operations"), "{stderr}");
    let notes = stderr
        .lines()
        .filter(|l| l.starts_with("note: degraded to raw XML: "))
        .count();
    assert_eq!(notes, 3, "{stderr}");
    let source = text(&out.stdout);
    for method in ["get_order", "put_order", "sign", "echo"] {
        assert!(
            source.contains(&format!("pub async fn {method}(")),
            "{method}"
        );
    }
}

#[test]
fn operation_keeps_only_the_named_operations() {
    let wsdl = partial();
    let out = run(&[
        "generate",
        wsdl.to_str().unwrap(),
        "-o",
        "-",
        "--degrade-unsupported",
        "--operation",
        "Sign",
        "--operation",
        "Echo",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("1 service, 2 operations"));
    let source = text(&out.stdout);
    assert!(source.contains("pub async fn sign(") && source.contains("pub async fn echo("));
    assert!(!source.contains("pub async fn get_order(") && !source.contains("pub struct Order "));
    // Only the degraded part of a kept type is noted; `Order`'s two went with it.
    let notes: Vec<&str> = source
        .lines()
        .filter(|l| l.starts_with("// Note: degraded to raw XML: "))
        .collect();
    assert_eq!(notes.len(), 1, "{source}");
    assert!(notes[0].contains("complexType `Signature`"), "{}", notes[0]);
    assert_eq!(
        stderr.matches("note: degraded to raw XML: ").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn an_unknown_operation_exits_3_listing_the_operations() {
    let wsdl = partial();
    let out = run(&["inspect", wsdl.to_str().unwrap(), "--operation", "Refund"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {}: no operation named `Refund`; the operations are: `Echo`, `GetOrder`, `PutOrder`, `Sign`\n",
            wsdl.display()
        )
    );
}

#[test]
fn inspect_lists_every_operation_when_the_types_fail_and_shows_the_error() {
    let wsdl = partial();
    let out = run(&["inspect", wsdl.to_str().unwrap()]);
    // The listing is printed, but the WSDL cannot be generated as it is: exit 3.
    assert_eq!(out.status.code(), Some(3));
    let stdout = text(&out.stdout);
    for operation in ["GetOrder", "PutOrder", "Sign", "Echo"] {
        assert!(stdout.contains(&format!("      {operation}\n")), "{stdout}");
    }
    assert!(stdout.contains("4 operations"), "{stdout}");
    let located = format!(
        "{}:15:11: xsd:all in a model group is not supported yet",
        wsdl.display()
    );
    assert!(
        stdout.contains(&format!(
            "Types: not read completely; message shapes are partial:\n  error: {located}\n"
        )),
        "{stdout}"
    );
    assert_eq!(text(&out.stderr), format!("error: {located}\n"));
    // With degradation on, the types read and nothing fails.
    let out = run(&["inspect", wsdl.to_str().unwrap(), "--degrade-unsupported"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains("Types: not read completely"));
}

#[test]
fn an_unknown_built_in_type_fails_generation_without_the_flag() {
    let wsdl = operations();
    let out = run(&["generate", wsdl.to_str().unwrap(), "-o", "-"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {}: Ping: built-in type xs:dateTimeStamp is not supported yet\n",
            wsdl.display()
        )
    );
}

#[test]
fn with_the_flag_only_the_operations_the_client_cannot_call_are_left_out_and_unknown_built_ins_are_text()
 {
    let wsdl = operations();
    let out = run(&[
        "generate",
        wsdl.to_str().unwrap(),
        "-o",
        "-",
        "--degrade-unsupported",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    // The summary counts what was generated, not what the WSDL declares.
    assert!(stderr.contains("1 service, 1 operation,"), "{stderr}");
    let left_out = [
        "left out: operation `Split`: input message `SplitIn` has 2 body parts; only single-part document messages are supported yet",
        "left out: operation `Typed`: part `count` is typed, not an element, in a document-style message; not supported yet",
        "kept as text (String): Ping: built-in type xs:dateTimeStamp is not supported yet",
    ];
    let source = text(&out.stdout);
    for note in left_out {
        assert!(stderr.contains(&format!("\nnote: {note}\n")), "{stderr}");
        assert!(source.contains(&format!("// Note: {note}\n")), "{source}");
    }
    assert!(source.contains("pub async fn ping("));
    assert!(source.contains("pub at: String,"), "{source}");
    assert!(!source.contains("fn split(") && !source.contains("fn typed("));
}
