//! `soap-codegen fetch URL -o DIR`: downloads a WSDL and every document it reaches through
//! `wsdl:import`, `xsd:import`, `xsd:include` and `xsd:redefine`, writes each to a
//! readable file name in DIR with its locations rewritten to those files, and records
//! every URL, file and SHA-256 in a lock file. `--check` downloads again and compares.

mod error;
mod http;
mod lock;
mod names;
mod rewrite;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;
use soap_codegen::ErrorKind;
use soap_codegen::parse::{Document, Node, is_built_in};

pub use error::{FetchError, FetchErrorKind};
pub use lock::LOCK_FILE;

const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// What `fetch` is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The WSDL's URL.
    pub url: String,
    /// Where the documents and the lock file go.
    pub dir: PathBuf,
    /// Hosts besides the WSDL's own that documents may come from (references, redirects).
    pub allow_hosts: Vec<String>,
    /// Per request: connecting and the whole answer.
    pub timeout: Duration,
    /// Largest document accepted.
    pub max_bytes: u64,
    /// Most documents accepted in one set.
    pub max_documents: usize,
}

/// A downloaded document, ready to write.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where it was downloaded from.
    pub url: Url,
    /// Its local file name in DIR.
    pub file: String,
    /// SHA-256 of the bytes as served.
    pub sha256: String,
    /// Its text with locations rewritten to local files.
    pub local: String,
}

/// Downloads the set and writes it, with the lock file, into `options.dir`.
pub fn download(options: &Options) -> Result<Vec<Fetched>, FetchError> {
    let set = crawl(options)?;
    let write_error = |path: &Path, e: std::io::Error| {
        FetchError::new(
            FetchErrorKind::Write,
            path.display(),
            format!("cannot write: {e}"),
        )
    };
    std::fs::create_dir_all(&options.dir).map_err(|e| write_error(&options.dir, e))?;
    for doc in &set {
        let path = options.dir.join(&doc.file);
        std::fs::write(&path, &doc.local).map_err(|e| write_error(&path, e))?;
    }
    let path = options.dir.join(LOCK_FILE);
    std::fs::write(&path, lock::render(&set)).map_err(|e| write_error(&path, e))?;
    Ok(set)
}

/// Downloads the set again and lists how it differs from the lock file in
/// `options.dir`, writing nothing; empty when nothing changed.
pub fn check(options: &Options) -> Result<Vec<String>, FetchError> {
    let locked = lock::read(&options.dir.join(LOCK_FILE))?;
    let set = crawl(options)?;
    Ok(lock::differences(&locked, &set))
}

/// One document between download and naming.
struct Downloaded {
    url: Url,
    sha256: String,
    text: String,
    extension: &'static str,
    /// `(offset of the element, attribute, target URL)` of each reference.
    references: Vec<(usize, &'static str, Url)>,
}

/// Downloads the WSDL and, breadth-first, everything it references (each URL once), then
/// names the files and rewrites the references.
fn crawl(options: &Options) -> Result<Vec<Fetched>, FetchError> {
    let start = Url::parse(&options.url)
        .map_err(|e| FetchError::new(FetchErrorKind::BadUrl, &options.url, e.to_string()))?;
    let http = http::Http::new(
        &start,
        &options.allow_hosts,
        options.timeout,
        options.max_bytes,
    )?;
    let mut queue = VecDeque::from([without_fragment(start)]);
    let mut seen: BTreeSet<Url> = queue.iter().cloned().collect();
    let mut downloaded = Vec::new();
    while let Some(url) = queue.pop_front() {
        let doc = read_document(&http, url)?;
        for (_, _, target) in &doc.references {
            if seen.contains(target) {
                continue;
            }
            if seen.len() >= options.max_documents {
                return Err(FetchError::new(
                    FetchErrorKind::TooManyDocuments,
                    target,
                    format!(
                        "the set has more than {} documents (--max-documents)",
                        options.max_documents
                    ),
                ));
            }
            seen.insert(target.clone());
            queue.push_back(target.clone());
        }
        downloaded.push(doc);
    }
    let mut names = names::Names::default();
    let files: BTreeMap<Url, String> = downloaded
        .iter()
        .map(|d| (d.url.clone(), names.claim(&d.url, d.extension)))
        .collect();
    downloaded
        .into_iter()
        .map(|doc| {
            let edits = doc
                .references
                .iter()
                .map(|(offset, attribute, target)| rewrite::Edit {
                    offset: *offset,
                    attribute,
                    value: files[target].clone(),
                })
                .collect();
            let local = rewrite::apply(&doc.text, edits).ok_or_else(|| {
                FetchError::new(
                    FetchErrorKind::NotXml,
                    &doc.url,
                    "a location attribute could not be rewritten",
                )
            })?;
            Ok(Fetched {
                file: files[&doc.url].clone(),
                url: doc.url,
                sha256: doc.sha256,
                local,
            })
        })
        .collect()
}

/// Downloads `url` and reads its references; refuses anything but a WSDL or schema.
fn read_document(http: &http::Http, url: Url) -> Result<Downloaded, FetchError> {
    let (base, bytes) = http.get(&url)?;
    let sha256 = soap_codegen::model::Source::new("", &bytes).sha256;
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .to_vec();
    let doc = Document::parse(Path::new(url.as_str()), body).map_err(|e| {
        let kind = match e.kind {
            ErrorKind::Doctype => FetchErrorKind::Doctype,
            _ => FetchErrorKind::NotXml,
        };
        let place = match e.line {
            0 => String::new(),
            line => format!(" (line {line}, column {})", e.column),
        };
        FetchError::new(kind, &url, format!("{}{place}", e.message))
    })?;
    let extension = if doc.root.is(WSDL_NS, "definitions") {
        "wsdl"
    } else if doc.root.is(XSD_NS, "schema") {
        "xsd"
    } else {
        return Err(FetchError::new(
            FetchErrorKind::NotWsdl,
            &url,
            format!(
                "not a WSDL 1.1 or XML Schema document: the root element is `{}` in `{}`",
                doc.root.local, doc.root.ns
            ),
        ));
    };
    let mut references = Vec::new();
    let mut found = Vec::new();
    collect_references(&doc.root, &mut found);
    for (offset, attribute, location) in found {
        if is_built_in(location) {
            continue;
        }
        let target = base.join(location.trim()).map_err(|e| {
            FetchError::new(
                FetchErrorKind::BadUrl,
                &url,
                format!("location `{location}`: {e}"),
            )
        })?;
        let target = without_fragment(target);
        http.check_allowed(&target).map_err(|e| FetchError {
            message: format!("referenced from {url}: {}", e.message),
            ..e
        })?;
        references.push((offset, attribute, target));
    }
    Ok(Downloaded {
        url,
        sha256,
        text: doc.source().to_owned(),
        extension,
        references,
    })
}

/// `(offset, attribute, location)` of every `wsdl:import` and schema import, include and
/// redefine with a location.
fn collect_references<'n>(node: &'n Node, out: &mut Vec<(usize, &'static str, &'n str)>) {
    let attribute = if node.is(WSDL_NS, "import") {
        Some("location")
    } else if node.ns == XSD_NS && matches!(node.local.as_str(), "import" | "include" | "redefine")
    {
        Some("schemaLocation")
    } else {
        None
    };
    if let Some(attribute) = attribute {
        if let Some(location) = node.attr(attribute).filter(|l| !l.trim().is_empty()) {
            out.push((node.offset, attribute, location));
        }
    }
    for child in &node.children {
        collect_references(child, out);
    }
}

fn without_fragment(mut url: Url) -> Url {
    url.set_fragment(None);
    url
}
