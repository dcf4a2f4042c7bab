//! `soap-codegen fetch` against loopback HTTP servers started by the tests: multi-file
//! sets published ASMX-style and WCF-style, the PayNow mock's `?WSDL`, `--check`, and
//! every refusal (DOCTYPE, not XML, oversized, other hosts, timeouts).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use soap_codegen::parse::{Resolver, parse_file_with};

/// An answer of the test server.
#[derive(Clone)]
enum Answer {
    /// 200 with this body; `{base}` in it becomes the server's `http://127.0.0.1:PORT`.
    Body(String),
    /// A redirect to this location (`{base}` and `{port}` substituted).
    Redirect(String),
    /// Reads the request and never answers.
    Silence,
}

/// A loopback HTTP/1.1 server answering request targets (`/path?query`) from a table that
/// tests may change while it runs; anything else is 404.
struct Server {
    port: u16,
    routes: Arc<Mutex<BTreeMap<String, Answer>>>,
}

impl Server {
    fn start(routes: BTreeMap<String, Answer>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let routes = Arc::new(Mutex::new(routes));
        let shared = routes.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = shared.clone();
                std::thread::spawn(move || answer(stream, &routes, port));
            }
        });
        Self { port, routes }
    }

    fn url(&self, target: &str) -> String {
        format!("http://127.0.0.1:{}{target}", self.port)
    }

    fn set(&self, target: &str, answer: Answer) {
        self.routes
            .lock()
            .unwrap()
            .insert(target.to_owned(), answer);
    }
}

fn answer(stream: TcpStream, routes: &Mutex<BTreeMap<String, Answer>>, port: u16) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split(' ').nth(1).unwrap_or("").to_owned();
    let found = routes.lock().unwrap().get(&target).cloned();
    let base = format!("http://127.0.0.1:{port}");
    let fill = |text: &str| {
        text.replace("{base}", &base)
            .replace("{port}", &port.to_string())
    };
    let (status, extra, body) = match found {
        Some(Answer::Body(body)) => ("200 OK", String::new(), fill(&body)),
        Some(Answer::Redirect(to)) => (
            "302 Found",
            format!("Location: {}\r\n", fill(&to)),
            String::new(),
        ),
        Some(Answer::Silence) => {
            std::thread::sleep(std::time::Duration::from_secs(30));
            return;
        }
        None => (
            "404 Not Found",
            String::new(),
            "no such document".to_owned(),
        ),
    };
    let mut stream = reader.into_inner();
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/xml; charset=utf-8\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

fn imports_fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/imports")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The multi-file fixture of the integration tests (a WSDL importing a WSDL importing a
/// schema that includes one that imports another), served as `style` publishes it:
/// `(target, locations as written)` for the WSDL, its WSDL import and the three schemas.
fn served_set(style: &str) -> BTreeMap<String, Answer> {
    let targets: [&str; 5] = match style {
        "wcf" => [
            "/Orders.svc?wsdl",
            "/Orders.svc?wsdl=wsdl0",
            "/Orders.svc?xsd=xsd0",
            "/Orders.svc?xsd=xsd1",
            "/Orders.svc?xsd=xsd2",
        ],
        _ => [
            "/Orders.asmx?WSDL",
            "/Orders.asmx?wsdl=Abstract",
            "/Orders.asmx?schema=Messages",
            "/Orders.asmx?schema=Types",
            "/Orders.asmx?schema=Common",
        ],
    };
    // Absolute locations, as WCF writes them, except the last: relative to its document.
    let absolute = |i: usize| format!("{{base}}{}", targets[i]);
    let relative = targets[4].trim_start_matches('/').to_owned();
    let documents = [
        (
            "Service.wsdl",
            "location=\"Abstract.wsdl\"",
            format!("location=\"{}\"", absolute(1)),
        ),
        (
            "Abstract.wsdl",
            "schemaLocation=\"schemas/Messages.xsd\"",
            format!("schemaLocation=\"{}\"", absolute(2)),
        ),
        (
            "schemas/Messages.xsd",
            "schemaLocation=\"Types.xsd\"",
            format!("schemaLocation=\"{}\"", absolute(3)),
        ),
        (
            "schemas/Types.xsd",
            "schemaLocation=\"Common.xsd\"",
            format!("schemaLocation=\"{relative}\""),
        ),
        ("schemas/Common.xsd", "", String::new()),
    ];
    targets
        .iter()
        .zip(documents)
        .map(|(target, (file, from, to))| {
            let text = imports_fixture(file);
            assert!(
                from.is_empty() || text.contains(from),
                "{file} lacks {from}"
            );
            let text = if from.is_empty() {
                text
            } else {
                text.replace(from, &to)
            };
            (target.to_string(), Answer::Body(text))
        })
        .collect()
}

fn soap_codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_soap-codegen"))
        .args(args)
        .output()
        .unwrap()
}

fn fetch(url: &str, dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["fetch", url, "-o", dir.to_str().unwrap()];
    args.extend(extra);
    soap_codegen(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Fetches documents over HTTP, for generating from the served set itself.
struct HttpResolver {
    /// The URL the (locally saved) root document was served at.
    root: (PathBuf, String),
}

impl Resolver for HttpResolver {
    fn resolve(&self, location: &str, base: &Path) -> Result<(PathBuf, Vec<u8>), String> {
        let base = match base == self.root.0 {
            true => self.root.1.clone(),
            false => base.to_string_lossy().into_owned(),
        };
        let url = reqwest::Url::parse(&base)
            .and_then(|b| b.join(location))
            .map_err(|e| e.to_string())?;
        let body = http_get(url.clone())
            .and_then(|r| r.bytes())
            .map_err(|e| e.to_string())?;
        Ok((PathBuf::from(url.as_str()), body.to_vec()))
    }
}

/// Generated source without the header's `// Source:` lines (their names and hashes
/// differ between a served and a fetched set by design: locations are rewritten).
fn without_sources(source: &str) -> String {
    source
        .lines()
        .filter(|l| !l.starts_with("// Source:"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn fetch_style(style: &str, expected_files: &[&str]) {
    let server = Server::start(served_set(style));
    let root = server.url(match style {
        "wcf" => "/Orders.svc?wsdl",
        _ => "/Orders.asmx?WSDL",
    });
    let dir = tempfile::tempdir().unwrap();
    let output = fetch(&root, dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, expected_files);

    // Every location now names a local file; no URL of the server is left.
    for file in files.iter().filter(|f| !f.ends_with(".json")) {
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(
            !text.contains("127.0.0.1:"),
            "{file} still names the server:\n{text}"
        );
    }

    // The lock file lists every URL, file and the SHA-256 of the bytes served.
    let lock: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("soap-codegen.lock.json")).unwrap(),
    )
    .unwrap();
    let documents = lock["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 5);
    assert_eq!(documents[0]["url"], root.as_str(), "the WSDL comes first");
    for document in documents {
        let url = document["url"].as_str().unwrap();
        let served = http_get(url).unwrap().bytes().unwrap();
        let sha = soap_codegen::model::Source::new("", &served).sha256;
        assert_eq!(document["sha256"], sha.as_str(), "{url}");
        assert!(files.contains(&document["file"].as_str().unwrap().to_owned()));
    }

    // Offline, the fetched copy generates exactly what the served set generates.
    let wsdl = dir.path().join(documents[0]["file"].as_str().unwrap());
    let offline = soap_codegen::Generator::new().generate(&wsdl).unwrap();
    let saved_root = dir.path().join("served-root.wsdl");
    std::fs::write(&saved_root, http_get(&root).unwrap().bytes().unwrap()).unwrap();
    let resolver = HttpResolver {
        root: (saved_root.clone(), root.clone()),
    };
    let defs = parse_file_with(&saved_root, &resolver).unwrap();
    let root_name = wsdl.file_name().unwrap().to_string_lossy().into_owned();
    let served =
        soap_codegen::emit::emit(&defs, &root_name, &soap_codegen::Settings::default()).unwrap();
    assert_eq!(without_sources(&offline), without_sources(&served));
    assert_eq!(offline.matches("// Source:").count(), 5, "{offline}");
}

#[test]
fn a_wcf_style_set_is_fetched_to_readable_files_with_local_locations_and_a_lock() {
    fetch_style(
        "wcf",
        &[
            "Orders.wsdl",
            "Orders.wsdl0.wsdl",
            "Orders.xsd0.xsd",
            "Orders.xsd1.xsd",
            "Orders.xsd2.xsd",
            "soap-codegen.lock.json",
        ],
    );
}

#[test]
fn an_asmx_style_set_is_fetched_to_readable_files_with_local_locations_and_a_lock() {
    fetch_style(
        "asmx",
        &[
            "Orders.Abstract.wsdl",
            "Orders.Common.xsd",
            "Orders.Messages.xsd",
            "Orders.Types.xsd",
            "Orders.wsdl",
            "soap-codegen.lock.json",
        ],
    );
}

#[test]
fn check_reports_a_changed_document_without_writing() {
    let server = Server::start(served_set("wcf"));
    let root = server.url("/Orders.svc?wsdl");
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(fetch(&root, dir.path(), &[]).status.code(), Some(0));
    let unchanged = fetch(&root, dir.path(), &["--check"]);
    assert_eq!(unchanged.status.code(), Some(0), "{}", stderr(&unchanged));
    assert!(
        stderr(&unchanged).contains("unchanged"),
        "{}",
        stderr(&unchanged)
    );

    let before = std::fs::read(dir.path().join("Orders.xsd2.xsd")).unwrap();
    let lock_before = std::fs::read(dir.path().join("soap-codegen.lock.json")).unwrap();
    let common = imports_fixture("schemas/Common.xsd");
    server.set(
        "/Orders.svc?xsd=xsd2",
        Answer::Body(common.replace("</xsd:schema>", "<!-- v2 --></xsd:schema>")),
    );
    let changed = fetch(&root, dir.path(), &["--check"]);
    assert_eq!(changed.status.code(), Some(1), "{}", stderr(&changed));
    let report = stderr(&changed);
    assert!(
        report.contains("changed: ") && report.contains("/Orders.svc?xsd=xsd2 (Orders.xsd2.xsd)"),
        "{report}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("Orders.xsd2.xsd")).unwrap(),
        before,
        "--check writes nothing"
    );
    assert_eq!(
        std::fs::read(dir.path().join("soap-codegen.lock.json")).unwrap(),
        lock_before
    );

    let empty = tempfile::tempdir().unwrap();
    let no_lock = fetch(&root, empty.path(), &["--check"]);
    assert_eq!(no_lock.status.code(), Some(3));
    assert!(
        stderr(&no_lock).contains("cannot read the lock file"),
        "{}",
        stderr(&no_lock)
    );
}

/// Fetches `target` from a server serving `routes` with `extra` arguments; the exit code
/// and standard error.
fn refused(routes: &[(&str, Answer)], target: &str, extra: &[&str]) -> (Option<i32>, String) {
    let server = Server::start(
        routes
            .iter()
            .map(|(t, a)| (t.to_string(), a.clone()))
            .collect(),
    );
    let dir = tempfile::tempdir().unwrap();
    let output = fetch(&server.url(target), &dir.path().join("out"), extra);
    assert!(
        !dir.path().join("out").exists() || output.status.success(),
        "nothing is written on failure"
    );
    (output.status.code(), stderr(&output))
}

const SCHEMA: &str =
    r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x"/>"#;

#[test]
fn doctypes_non_xml_and_non_wsdl_bodies_are_refused() {
    let doctype = format!("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>{SCHEMA}");
    let (code, error) = refused(&[("/s?wsdl", Answer::Body(doctype))], "/s?wsdl", &[]);
    assert_eq!(code, Some(3));
    assert!(
        error.contains("/s?wsdl: DOCTYPE declarations are refused"),
        "{error}"
    );

    let html = "<html><body><p>Server error<br></body></html>".to_owned();
    let (code, error) = refused(&[("/s?wsdl", Answer::Body(html))], "/s?wsdl", &[]);
    assert_eq!(code, Some(3));
    assert!(error.contains("/s?wsdl: "), "{error}");

    let page = "<html><body/></html>".to_owned();
    let (code, error) = refused(&[("/s?wsdl", Answer::Body(page))], "/s?wsdl", &[]);
    assert_eq!(code, Some(3));
    assert!(
        error.contains("not a WSDL 1.1 or XML Schema document: the root element is `html`"),
        "{error}"
    );

    let (code, error) = refused(&[], "/missing?wsdl", &[]);
    assert_eq!(code, Some(3));
    assert!(
        error.contains("/missing?wsdl: the server answered 404 Not Found"),
        "{error}"
    );
}

#[test]
fn an_oversized_document_is_refused() {
    let big = SCHEMA.replace(
        "/>",
        &format!(">{}</xs:schema>", "<!-- padding -->".repeat(100)),
    );
    let (code, error) = refused(
        &[("/s?xsd", Answer::Body(big))],
        "/s?xsd",
        &["--max-bytes", "1000"],
    );
    assert_eq!(code, Some(3));
    assert!(
        error.contains("larger than 1000 bytes (--max-bytes)"),
        "{error}"
    );
}

#[test]
fn other_hosts_are_refused_by_redirect_and_by_reference_unless_allowed() {
    // `localhost` reaches the same server, but is another host name.
    let routes = [
        (
            "/s?wsdl",
            Answer::Redirect("http://localhost:{port}/real?wsdl".to_owned()),
        ),
        ("/real?wsdl", Answer::Body(SCHEMA.to_owned())),
    ];
    let (code, error) = refused(&routes, "/s?wsdl", &[]);
    assert_eq!(code, Some(3));
    assert!(
        error.contains("which is not allowed (pass --allow-host localhost"),
        "{error}"
    );
    let (code, error) = refused(&routes, "/s?wsdl", &["--allow-host", "localhost"]);
    assert_eq!(code, Some(0), "{error}");

    // A relative location is relative to where the document came from, after redirects.
    let moved = [
        ("/s?wsdl", Answer::Redirect("{base}/v2/s.xsd".to_owned())),
        ("/v2/s.xsd", Answer::Body(r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x"><xs:include schemaLocation="part.xsd"/></xs:schema>"#.to_owned())),
        ("/v2/part.xsd", Answer::Body(SCHEMA.to_owned())),
    ];
    let (code, error) = refused(&moved, "/s?wsdl", &[]);
    assert_eq!(code, Some(0), "{error}");
    assert!(
        error.contains("part.xsd ← http://127.0.0.1:") && error.contains("/v2/part.xsd"),
        "{error}"
    );

    let importing = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x"><xs:import namespace="urn:y" schemaLocation="http://elsewhere.invalid/y.xsd"/></xs:schema>"#;
    let (code, error) = refused(
        &[("/s?xsd", Answer::Body(importing.to_owned()))],
        "/s?xsd",
        &[],
    );
    assert_eq!(code, Some(3));
    assert!(
        error.contains("host `elsewhere.invalid` is not allowed"),
        "{error}"
    );
    assert!(
        error.contains("referenced from http://127.0.0.1:"),
        "{error}"
    );
}

#[test]
fn a_silent_server_times_out() {
    let (code, error) = refused(
        &[("/s?wsdl", Answer::Silence)],
        "/s?wsdl",
        &["--timeout", "1"],
    );
    assert_eq!(code, Some(3));
    assert!(
        error.contains("no answer within 1 s (--timeout)"),
        "{error}"
    );
}

#[test]
fn the_paynow_mocks_wsdl_is_fetched_and_differs_from_ours_only_in_addresses() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let mock = runtime
        .block_on(paynow_mock::MockServer::start(
            paynow_mock::MockConfig::default(),
        ))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output = fetch(&format!("{}?WSDL", mock.url()), dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let fetched = dir.path().join("PayNowEInvoice.wsdl");
    assert!(fetched.exists());
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/PayNowEInvoice.wsdl");
    let diff = soap_codegen(&[
        "diff",
        ours.to_str().unwrap(),
        fetched.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
    let codes: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["address-changed", "address-changed"], "{report}");
    drop(mock);
}

/// `reqwest::blocking::get`, with the TLS crypto provider the workspace's reqwest leaves
/// to its users installed first (the CLI itself installs ring's).
fn http_get(url: impl reqwest::IntoUrl) -> reqwest::Result<reqwest::blocking::Response> {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::blocking::get(url)
}
