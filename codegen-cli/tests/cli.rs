//! The `soap-codegen` binary, run as a user runs it: `generate` writes what the library
//! generates, `inspect` shows services, ports, bindings and operations (text and JSON),
//! and failures exit 2 (usage), 3 (input) or 4 (output) with the file named.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use soap_codegen::Generator;

const BIN: &str = env!("CARGO_BIN_EXE_soap-codegen");

/// The 12 PayNow operations.
const PAYNOW_OPERATIONS: [&str; 18] = [
    "Invoice_PatchData_Check",
    "UploadInvoice_Patch",
    "CancelInvoice",
    "CancelInvoice_I",
    "Check_invoice",
    "Check_invoiceOrder",
    "Invoice_Info",
    "Invoice_Info_orderno",
    "Get_InvoiceURL_I",
    "Get_InvoiceURL_O",
    "Sel_Allowance",
    "Sel_Allowance_body",
    "SelectInvoice",
    "Sel_Invoice_body_mem_cid",
    "Sel_AllowanceData",
    "CancelInvoice_S",
    "getInvoiceTrackList",
    "GetInvoiceNumber_ParamIntUUID",
];

fn paynow() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/PayNowEInvoice.wsdl")
}

/// A WSDL of the shared corpus (`../shared/wsdl-corpus` beside the repository).
fn corpus(path: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/wsdl-corpus")
        .join(path);
    assert!(
        path.exists(),
        "{} is in ../shared/wsdl-corpus",
        path.display()
    );
    path
}

/// A fresh directory for one test.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("soap-codegen-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[track_caller]
fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

#[test]
fn generate_writes_exactly_what_the_library_generates() {
    let dir = temp_dir("generate");
    let out = dir.join("paynow.rs");
    let output = run(&["generate", path_str(&paynow()), "-o", path_str(&out)]);
    assert_exit(&output, 0);
    let expected = Generator::new().generate(paynow()).unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    assert!(output.stdout.is_empty(), "the code goes to the file only");

    let err = stderr(&output);
    let summary = err.lines().next().unwrap();
    assert!(summary.contains("wrote"), "{err}");
    assert!(summary.contains(path_str(&out)), "{err}");
    assert!(summary.contains("1 service, 18 operations"), "{err}");
    assert!(
        summary.contains(&format!("{} bytes", expected.len())),
        "{err}"
    );
    assert!(
        err.contains("note: binding `PayNowEInvoiceHttpPost` is an HTTP GET/POST binding"),
        "the skipped HTTP binding is noted: {err}"
    );

    // Again: the same content, so the file is left alone.
    let again = run(&["generate", path_str(&paynow()), "-o", path_str(&out)]);
    assert_exit(&again, 0);
    assert!(
        stderr(&again).starts_with("soap-codegen: unchanged "),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
}

#[test]
fn generate_with_serde_derives_as_the_library_does() {
    let dir = temp_dir("generate-serde");
    let out = dir.join("paynow.rs");
    let output = run(&[
        "generate",
        path_str(&paynow()),
        "-o",
        path_str(&out),
        "--serde",
    ]);
    assert_exit(&output, 0);
    let expected = Generator::new().serde(true).generate(paynow()).unwrap();
    assert!(expected.contains("::soap_runtime::serde::Serialize"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
}

#[test]
fn generate_to_stdout_with_a_runtime_path() {
    let output = run(&[
        "generate",
        path_str(&paynow()),
        "-o",
        "-",
        "--runtime-path",
        "crate::rt",
    ]);
    assert_exit(&output, 0);
    let expected = Generator::new()
        .runtime_path("crate::rt")
        .generate(paynow())
        .unwrap();
    assert_eq!(stdout(&output), expected);
    assert!(
        stderr(&output).contains("wrote <stdout>"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn inspect_lists_both_soap_versions_and_every_operation_with_its_action() {
    let output = run(&["inspect", path_str(&paynow())]);
    assert_exit(&output, 0);
    let text = stdout(&output);
    assert!(
        text.contains("Target namespace: https://invoice.PayNow.com.tw/"),
        "{text}"
    );
    assert!(text.contains("Service: tns:PayNowEInvoice"), "{text}");
    for (port, version) in [
        ("PayNowEInvoiceSoap", "SOAP 1.1"),
        ("PayNowEInvoiceSoap12", "SOAP 1.2"),
    ] {
        assert!(text.contains(&format!("  Port: {port}\n")), "{text}");
        assert!(
            text.contains(&format!(
                "binding:   tns:{port} ({version}, document/literal"
            )),
            "{text}"
        );
    }
    assert!(
        text.contains("address:   https://invoice.paynow.com.tw/PayNowEInvoice.asmx"),
        "{text}"
    );
    assert!(
        text.contains("transport: http://schemas.xmlsoap.org/soap/http"),
        "{text}"
    );
    assert_eq!(text.matches("operations (18):").count(), 2, "{text}");
    for operation in PAYNOW_OPERATIONS {
        let action = format!("soapAction: \"https://invoice.PayNow.com.tw/{operation}\"");
        assert_eq!(
            text.matches(&action).count(),
            2,
            "{operation} once per SOAP version: {text}"
        );
        assert_eq!(
            text.matches(&format!("      {operation}\n")).count(),
            2,
            "{text}"
        );
    }
    // Wrapped document/literal: the wrapper's children with type and occurrence.
    assert!(
        text.contains("input:  tns:Check_invoice(mem_cid: xs:string?, InvoiceNo: xs:string?)"),
        "{text}"
    );
    assert!(
        text.contains("output: tns:CancelInvoiceResponse(CancelInvoiceResult: tns:Invoice?)"),
        "{text}"
    );
    assert!(
        text.contains("Schema: 11 global types (11 complex, 0 simple), 38 global elements"),
        "{text}"
    );
    assert!(
        text.contains("Totals: 1 service, 2 ports, 2 SOAP bindings, 18 operations"),
        "{text}"
    );
    assert!(text.contains("PayNowEInvoiceHttpPost"), "the note: {text}");
}

#[test]
fn inspect_json_has_the_same_content_and_counts() {
    let output = run(&["inspect", "--json", path_str(&paynow())]);
    assert_exit(&output, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let defs = soap_codegen::parse::parse_file(&paynow()).unwrap();

    assert_eq!(json["target_namespace"], "https://invoice.PayNow.com.tw/");
    assert_eq!(json["prefixes"]["tns"], "https://invoice.PayNow.com.tw/");
    assert_eq!(json["counts"]["services"], 1);
    assert_eq!(json["counts"]["ports"], 2);
    assert_eq!(json["counts"]["bindings"], 2);
    assert_eq!(json["counts"]["operations"], 18);
    assert_eq!(json["counts"]["messages"], defs.messages.len());
    assert_eq!(json["schema"]["types"], defs.schema.types.len());
    assert_eq!(json["schema"]["elements"], defs.schema.elements.len());
    assert_eq!(json["notes"].as_array().unwrap().len(), 1);

    let services = json["services"].as_array().unwrap();
    assert_eq!(services.len(), 1);
    let ports = services[0]["ports"].as_array().unwrap();
    let versions: Vec<&str> = ports
        .iter()
        .map(|p| p["binding"]["soap_version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["1.1", "1.2"]);
    for port in ports {
        let operations = port["binding"]["operations"].as_array().unwrap();
        let names: Vec<&str> = operations
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, PAYNOW_OPERATIONS);
        for operation in operations {
            assert_eq!(
                operation["soap_action"],
                format!(
                    "https://invoice.PayNow.com.tw/{}",
                    operation["name"].as_str().unwrap()
                )
            );
            assert_eq!(operation["input"]["wrapped"], true);
        }
        let check = &operations[4];
        assert_eq!(check["name"], "Check_invoice");
        let fields = check["input"]["body"]["fields"].as_array().unwrap();
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[0]["name"], "mem_cid");
        assert_eq!(fields[0]["type"], "xs:string");
        assert_eq!(fields[0]["min_occurs"], 0);
        assert_eq!(fields[0]["max_occurs"], 1);
        assert_eq!(fields[0]["display"], "mem_cid: xs:string?");
        assert_eq!(check["input"]["parts"][0]["element"], "tns:Check_invoice");
    }
}

#[test]
fn inspect_corpus_calculator() {
    let wsdl = corpus("asmx-calculator/calculator.wsdl");
    let output = run(&["inspect", path_str(&wsdl)]);
    assert_exit(&output, 0);
    let text = stdout(&output);
    assert!(
        text.contains("Target namespace: http://tempuri.org/"),
        "{text}"
    );
    assert!(text.contains("(SOAP 1.1, document/literal"), "{text}");
    assert!(text.contains("(SOAP 1.2, document/literal"), "{text}");
    for operation in ["Add", "Subtract", "Multiply", "Divide"] {
        assert!(
            text.contains(&format!(
                "soapAction: \"http://tempuri.org/{operation}\"\n        input:  \
                 tns:{operation}(intA: xs:int, intB: xs:int)\n        output: \
                 tns:{operation}Response({operation}Result: xs:int)"
            )),
            "{text}"
        );
    }
    assert!(text.contains("4 operations"), "{text}");

    let json = run(&["inspect", "--json", path_str(&wsdl)]);
    assert_exit(&json, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(json["counts"]["operations"], 4);
    assert_eq!(json["counts"]["ports"], 2);
}

#[test]
fn inspect_corpus_wcf_service_with_imports() {
    let wsdl = corpus("wcf-service1-import/Service1.wsdl");
    let output = run(&["inspect", path_str(&wsdl)]);
    assert_exit(&output, 0);
    let text = stdout(&output);
    // The port type and messages come from the imported Service10.wsdl, the types from
    // the schemas it imports.
    assert!(text.contains("ns0: http://test/WCFService"), "{text}");
    assert!(
        text.contains("ns1: http://schemas.datacontract.org/2004/07/test_WCFService"),
        "{text}"
    );
    assert!(
        text.contains("binding:   tns:BasicHttpBinding_IService1 (SOAP 1.1, document/literal, port type ns0:IService1)"),
        "{text}"
    );
    assert!(
        text.contains(
            "soapAction: \"http://test/WCFService/IService1/order\"\n        input:  \
             ns0:order(order: ns1:order?)\n        output: ns0:orderResponse(orderResult: \
             xs:int?)"
        ),
        "{text}"
    );
    assert!(
        text.contains("soapAction: \"http://test/WCFService/IService1/offer\""),
        "{text}"
    );

    // The abstract file on its own: a port type, no binding.
    let abstract_wsdl = corpus("wcf-service1-import/Service10.wsdl");
    let output = run(&["inspect", path_str(&abstract_wsdl)]);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains("tns:IService1 (2 operations: order, offer)"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_missing_input_file_is_an_input_error_naming_it() {
    let missing = temp_dir("missing").join("Nowhere.wsdl");
    for args in [
        vec!["inspect", path_str(&missing)],
        vec!["generate", path_str(&missing), "-o", "-"],
    ] {
        let output = run(&args);
        assert_exit(&output, 3);
        let err = stderr(&output);
        assert!(
            err.starts_with(&format!("error: {}: cannot read", missing.display())),
            "{err}"
        );
        assert!(output.stdout.is_empty());
    }
}

/// A WSDL whose message names an undefined type, with the place of that reference.
const BROKEN: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:s="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:broken" targetNamespace="urn:broken">
  <wsdl:types>
    <s:schema targetNamespace="urn:broken" elementFormDefault="qualified">
      <s:element name="Ping">
        <s:complexType>
          <s:sequence>
            <s:element name="payload" type="tns:Nowhere" />
          </s:sequence>
        </s:complexType>
      </s:element>
    </s:schema>
  </wsdl:types>
  <wsdl:message name="PingIn"><wsdl:part name="parameters" element="tns:Ping" /></wsdl:message>
  <wsdl:portType name="Broken">
    <wsdl:operation name="Ping"><wsdl:input message="tns:PingIn" /></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="BrokenSoap" type="tns:Broken">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" />
    <wsdl:operation name="Ping">
      <soap:operation soapAction="urn:broken/Ping" />
      <wsdl:input><soap:body use="literal" /></wsdl:input>
    </wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>
"#;

#[test]
fn a_broken_wsdl_is_an_input_error_with_file_line_and_column() {
    let dir = temp_dir("broken");
    let wsdl = dir.join("Broken.wsdl");
    std::fs::write(&wsdl, BROKEN).unwrap();
    let line = BROKEN
        .lines()
        .position(|l| l.contains("tns:Nowhere"))
        .unwrap()
        + 1;
    let out = dir.join("broken.rs");
    for args in [
        vec!["inspect", path_str(&wsdl)],
        vec!["inspect", "--json", path_str(&wsdl)],
        vec!["generate", path_str(&wsdl), "-o", path_str(&out)],
    ] {
        let output = run(&args);
        assert_exit(&output, 3);
        let err = stderr(&output);
        let prefix = format!("error: {}:{line}:", wsdl.display());
        assert!(err.starts_with(&prefix), "{prefix} in {err}");
        let rest = &err[prefix.len()..];
        let (column, message) = rest.split_once(": ").unwrap();
        assert!(column.parse::<usize>().unwrap() > 0, "{err}");
        assert!(message.contains("Nowhere"), "{err}");
        // `inspect` still lists what the WSDL offers, with the types' error in it.
        let listed = String::from_utf8_lossy(&output.stdout);
        match args[0] {
            "generate" => assert!(listed.is_empty()),
            _ => assert!(
                listed.contains(&format!("{}:{line}:", wsdl.display())),
                "{listed}"
            ),
        }
    }
    assert!(!out.exists(), "nothing is written for a broken WSDL");

    // Not XML at all: also an input error, at its place.
    std::fs::write(&wsdl, "<wsdl:definitions").unwrap();
    let output = run(&["inspect", path_str(&wsdl)]);
    assert_exit(&output, 3);
    assert!(
        stderr(&output).starts_with(&format!("error: {}:1:", wsdl.display())),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unwritable_output_is_an_output_error_naming_it() {
    let dir = temp_dir("unwritable");
    for out in [dir.join("no/such/dir/out.rs"), dir.clone()] {
        let output = run(&["generate", path_str(&paynow()), "-o", path_str(&out)]);
        assert_exit(&output, 4);
        let err = stderr(&output);
        assert!(
            err.starts_with(&format!("error: {}: cannot write", out.display())),
            "{err}"
        );
    }
}

#[test]
fn bad_usage_exits_2() {
    let wsdl = paynow();
    let wsdl = path_str(&wsdl);
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["generate", wsdl],
        vec!["generate", "-o", "-"],
        vec!["generate", wsdl, "-o", "-", "--runtime-path", "not a path"],
        vec!["inspect"],
        vec!["inspect", wsdl, "--yaml"],
    ] {
        let output = run(&args);
        assert_exit(&output, 2);
        assert!(stderr(&output).contains("Usage") || stderr(&output).contains("error"));
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    let help = run(&["--help"]);
    assert_exit(&help, 0);
    assert!(stdout(&help).contains("Exit codes:"), "{}", stdout(&help));
}

#[test]
fn unresolved_as_raw_xml_turns_a_missing_import_into_notes_and_raw_xml() {
    // ONVIF's schema imports OASIS WS-BaseNotification by URL; the corpus has no copy.
    let wsdl = corpus("onvif-devicemgmt-soap12/ver10/device/wsdl/devicemgmt.wsdl");
    // The WSDL imports `../../../ver10/schema/onvif.xsd`: outside its own folder.
    let project = corpus("onvif-devicemgmt-soap12");
    let confined = run(&["generate", path_str(&wsdl), "-o", "-"]);
    assert_exit(&confined, 3);
    assert!(
        stderr(&confined).contains("outside the folder imports are read from"),
        "{}",
        stderr(&confined)
    );
    let allow = ["--allow-imports-from", path_str(&project)];
    let strict = run(&["generate", allow[0], allow[1], path_str(&wsdl), "-o", "-"]);
    assert_exit(&strict, 3);
    assert!(
        stderr(&strict).contains("cannot import `http://docs.oasis-open.org/wsn/b-2.xsd`"),
        "{}",
        stderr(&strict)
    );
    let lenient = run(&[
        "generate",
        "--unresolved-as-raw-xml",
        allow[0],
        allow[1],
        path_str(&wsdl),
        "-o",
        "-",
    ]);
    assert_exit(&lenient, 0);
    let notes = stderr(&lenient);
    assert!(
        notes.contains(
            "note: import of `http://docs.oasis-open.org/wsn/b-2.xsd` could not be resolved"
        ),
        "{notes}"
    );
    let source = stdout(&lenient);
    // The WSDL has a binding but no service: the client is named after the binding.
    assert!(
        source.contains("pub struct DeviceBindingClient {"),
        "{notes}"
    );
    assert!(source.contains("The WSDL names no address"));
    assert!(!source.contains("SOAP12_ENDPOINT"));
    let inspect = run(&["inspect", "--unresolved-as-raw-xml", path_str(&wsdl)]);
    assert_exit(&inspect, 0);
    assert!(stdout(&inspect).contains("GetDeviceInformation"));
}

#[test]
fn inspect_shows_soap_header_blocks_as_text_and_json() {
    // Brazil's NF-e service sends and answers the nfeCabecMsg header on both operations.
    let wsdl = corpus("asmx-nfe-sp-soap12/SP_nfeAutorizacaoLote.asmx");
    let text = run(&["inspect", path_str(&wsdl)]);
    assert_exit(&text, 0);
    let text = stdout(&text);
    let input = "        input  header: tns:nfeAutorizacaoLotenfeCabecMsg.nfeCabecMsg (element tns:nfeCabecMsg)";
    let output = "        output header: tns:nfeAutorizacaoLotenfeCabecMsg.nfeCabecMsg (element tns:nfeCabecMsg)";
    assert!(text.lines().any(|l| l == input), "{text}");
    assert!(text.lines().any(|l| l == output), "{text}");
    assert_eq!(text.matches(" header: ").count(), 4, "{text}");

    let json = run(&["inspect", "--json", path_str(&wsdl)]);
    assert_exit(&json, 0);
    let view: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let operation = &view["services"][0]["ports"][0]["binding"]["operations"][0];
    assert_eq!(operation["name"], "nfeAutorizacaoLote");
    assert_eq!(
        operation["input_headers"][0]["part"]["element"],
        "tns:nfeCabecMsg"
    );
    assert_eq!(
        operation["output_headers"][0]["part"]["name"],
        "nfeCabecMsg"
    );
}

/// The command allocates with mimalloc, its options set before Rust's runtime allocates
/// (src/allocator.rs): set from `main`, the first arena would already be committed
/// eagerly. mimalloc prints its options when `MIMALLOC_VERBOSE=1`.
#[cfg(target_os = "linux")]
#[test]
fn the_allocator_commits_on_demand_and_purges_after_50_ms() {
    let output = Command::new(BIN)
        .arg("--version")
        .env("MIMALLOC_VERBOSE", "1")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let options = stderr(&output);
    assert!(
        options.contains("option 'arena_eager_commit': 0"),
        "{options}"
    );
    assert!(options.contains("option 'purge_delay': 50"), "{options}");
}
