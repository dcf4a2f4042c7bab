//! `soap-codegen`: the generator on the command line.
//!
//! - `soap-codegen generate WSDL -o PATH [--runtime-path ::soap_runtime]
//!   [--unresolved-as-raw-xml] [--degrade-unsupported] [--operation NAME]…` writes the Rust
//!   source that [`soap_codegen::Generator`] generates to PATH (`-` for standard output),
//!   and a one-line summary and the generator's notes to standard error.
//! - `soap-codegen inspect WSDL [--json]` shows the services, ports, bindings and
//!   operations of a WSDL with their message shapes, as text or as JSON.
//! - `soap-codegen diff OLD NEW [--format text|markdown|json] [--fail-on breaking|any]`
//!   says what changed between two WSDLs and what each change does to a client
//!   generated from OLD.
//! - `soap-codegen fetch URL -o DIR [--check]` downloads a WSDL and everything it imports
//!   into DIR for offline builds, with a lock file of URLs and SHA-256 hashes.
//!
//! Errors print as `error: FILE:LINE:COLUMN: MESSAGE` (or `error: FILE: MESSAGE` when the
//! problem has no place) and exit with a code that says whose fault it is; see
//! [`EXIT_CODES`].

mod allocator;
mod diff;
mod fetch;
mod inspect;

use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use inspect::plural;
use soap_codegen::Generator;

/// The exit codes, as `--help` shows them.
const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  diff: changes at the --fail-on level were found; fetch --check: the served
     documents differ from the lock file
  2  usage error (unknown command or option, missing argument, bad --runtime-path)
  3  input error: the WSDL or a document it imports cannot be read or downloaded, is not
     XML, or is invalid or unsupported (undefined reference, unknown SOAP version,
     unresolved import, unsupported construct)
  4  output error: the generated code or the report cannot be written
  5  internal error: a bug in soap-codegen (a panic, or generated code it found would
     not compile; nothing is written)";

const EXIT_FOUND: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_INPUT: u8 = 3;
const EXIT_OUTPUT: u8 = 4;
const EXIT_INTERNAL: u8 = 5;

#[derive(Debug, Parser)]
#[command(
    name = "soap-codegen",
    version,
    about = "Generates typed Rust SOAP clients from WSDL 1.1 documents, and shows what a WSDL offers",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generates the Rust client, types and server trait for a WSDL.
    ///
    /// Prints a one-line summary and any notes (such as skipped HTTP bindings) to
    /// standard error. An output file whose content would not change is left untouched.
    Generate {
        /// The WSDL file; the documents it imports are read relative to it.
        wsdl: PathBuf,
        /// Where to write the Rust source; `-` for standard output.
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
        /// The path generated code uses for the runtime crate.
        #[arg(
            long,
            value_name = "RUST_PATH",
            default_value = "::soap_runtime",
            value_parser = rust_path
        )]
        runtime_path: String,
        /// Derive serde's Serialize and Deserialize on the generated types (off by default:
        /// the XML needs neither, and they make checking the generated code several times
        /// slower).
        #[arg(long)]
        serde: bool,
        #[command(flatten)]
        leniency: Leniency,
    },
    /// Shows a WSDL's services, ports, bindings and operations with their message shapes.
    ///
    /// Names are prefixed (`xs:` XML Schema, `tns:` the target namespace, `ns0:`… others,
    /// listed under "Prefixes"). Fields show `?` when optional and `[]` when repeated.
    Inspect {
        /// The WSDL file; the documents it imports are read relative to it.
        wsdl: PathBuf,
        /// Prints JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        leniency: Leniency,
    },
    /// Says what changed between two WSDLs, and what each change does to a client
    /// generated from OLD: breaking for requests (the service may refuse what it sends),
    /// breaking for responses (it may fail to read the answer), or compatible.
    ///
    /// Compares the model, not the text: reformatting, reordered declarations and
    /// renamed prefixes are no changes.
    Diff {
        /// The WSDL the existing client was generated from.
        old: PathBuf,
        /// The WSDL to compare it with.
        new: PathBuf,
        /// How to write the report.
        #[arg(long, value_enum, default_value = "text")]
        format: diff::Format,
        /// Exit with 1 when a change at this level is found.
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on: Option<diff::FailOn>,
        #[command(flatten)]
        leniency: Leniency,
    },
    /// Downloads a WSDL and every document it imports or includes (ASMX `?WSDL`, WCF
    /// `?singleWsdl` / `?wsdl=wsdl0` / `?xsd=xsd0`, Axis and CXF `?wsdl` / `?xsd=…`) into
    /// DIR for offline builds.
    ///
    /// Each document gets a readable file name; import and include locations are
    /// rewritten to those files; `soap-codegen.lock.json` lists every URL, file and the
    /// SHA-256 of the bytes served. DOCTYPEs, non-XML answers, oversized documents and
    /// other hosts (also by redirect) are refused.
    Fetch {
        /// The WSDL's URL.
        url: String,
        /// The directory to write to (created if missing).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Download again and compare with DIR's lock file, writing nothing: exit 0 when
        /// nothing changed, 1 when something did.
        #[arg(long)]
        check: bool,
        /// Another host documents may come from (by reference or redirect); repeatable.
        #[arg(long, value_name = "HOST")]
        allow_host: Vec<String>,
        /// Seconds to wait for each document.
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        timeout: u64,
        /// Largest document accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
        max_bytes: u64,
        /// Most documents accepted in one set.
        #[arg(long, value_name = "COUNT", default_value_t = 500)]
        max_documents: usize,
    },
}

/// Accepts a Rust path such as `::soap_runtime` or `crate::runtime`.
fn rust_path(value: &str) -> Result<String, String> {
    syn::parse_str::<syn::Path>(value)
        .map(|_| value.to_owned())
        .map_err(|e| format!("not a Rust path: {e}"))
}

/// Why a command failed.
#[derive(Debug)]
enum Failure {
    /// The WSDL (or something it imports) cannot be read or used.
    Input(soap_codegen::Error),
    /// The output cannot be written.
    Output { target: String, error: io::Error },
    /// The command did its work and found what it reports with exit code 1.
    Found,
    /// Downloading failed.
    Fetch(fetch::FetchError),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // 0 for --help and --version, 2 for usage errors.
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    // A panic would be a bug; report it as an error line, not a backtrace.
    panic::set_hook(Box::new(|_| {}));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| run(cli)));
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(Failure::Found)) => ExitCode::from(EXIT_FOUND),
        Ok(Err(Failure::Fetch(error))) => {
            report(&format!("error: {error}"));
            match error.kind {
                fetch::FetchErrorKind::Write => ExitCode::from(EXIT_OUTPUT),
                _ => ExitCode::from(EXIT_INPUT),
            }
        }
        Ok(Err(Failure::Input(error))) => {
            report(&format!("error: {error}"));
            match error.kind {
                soap_codegen::ErrorKind::Internal => ExitCode::from(EXIT_INTERNAL),
                _ => ExitCode::from(EXIT_INPUT),
            }
        }
        Ok(Err(Failure::Output { target, error })) => {
            // A reader that went away (`| head`) needs no message.
            if error.kind() != io::ErrorKind::BrokenPipe {
                report(&format!("error: {target}: cannot write: {error}"));
            }
            ExitCode::from(EXIT_OUTPUT)
        }
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            report(&format!(
                "error: internal error: {message} (a bug in soap-codegen; please report it \
                 with the WSDL)"
            ));
            ExitCode::from(EXIT_INTERNAL)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Generate {
            wsdl,
            output,
            runtime_path,
            serde,
            leniency,
        } => generate(&wsdl, &output, &runtime_path, serde, leniency),
        Command::Inspect {
            wsdl,
            json,
            leniency,
        } => inspect(&wsdl, json, leniency),
        Command::Diff {
            old,
            new,
            format,
            fail_on,
            leniency,
        } => compare(&old, &new, format, fail_on, leniency),
        Command::Fetch {
            url,
            output,
            check,
            allow_host,
            timeout,
            max_bytes,
            max_documents,
        } => {
            let options = fetch::Options {
                url,
                dir: output,
                allow_hosts: allow_host,
                timeout: std::time::Duration::from_secs(timeout),
                max_bytes,
                max_documents,
            };
            fetch_command(&options, check)
        }
    }
}

/// How strictly references are resolved, for both commands.
#[derive(Debug, Clone, clap::Args)]
struct Leniency {
    /// Keep what an unresolvable import or an undefined reference names as raw XML (with a
    /// note) instead of failing.
    #[arg(long)]
    unresolved_as_raw_xml: bool,
    /// Also read imports from this folder (repeatable); by default only files under the
    /// WSDL's own folder are read.
    #[arg(long, value_name = "DIR")]
    allow_imports_from: Vec<PathBuf>,
    /// Keep a schema construct the generator cannot model yet as raw XML, only in the
    /// smallest field (or type) that holds it, with a note, instead of failing.
    #[arg(long)]
    degrade_unsupported: bool,
    /// Keep only this operation and the types it reaches (repeatable); all by default.
    #[arg(long, value_name = "NAME")]
    operation: Vec<String>,
}

impl Leniency {
    /// The generator these options describe.
    fn generator(&self) -> Generator {
        let generator = Generator::new()
            .unresolved_as_raw_xml(self.unresolved_as_raw_xml)
            .degrade_unsupported(self.degrade_unsupported)
            .operations(&self.operation);
        self.allow_imports_from
            .iter()
            .fold(generator, |generator, folder| {
                generator.allow_imports_from(folder)
            })
    }

    fn parse(&self, wsdl: &Path) -> Result<soap_codegen::model::Definitions, Failure> {
        self.generator().parse(wsdl).map_err(Failure::Input)
    }
}

fn generate(
    wsdl: &Path,
    output: &Path,
    runtime_path: &str,
    serde: bool,
    leniency: Leniency,
) -> Result<(), Failure> {
    // The generator's own stages, so the output is exactly what build.rs users get; the
    // model is read once, for the code and for the summary and notes.
    let generator = leniency.generator().runtime_path(runtime_path).serde(serde);
    let defs = generator.parse(wsdl).map_err(Failure::Input)?;
    let source = generator
        .generate_parsed(&defs, wsdl)
        .map_err(Failure::Input)?;
    let (target, written) = if output == Path::new("-") {
        write_stdout(source.as_bytes())?;
        ("<stdout>".to_owned(), true)
    } else {
        let target = output.display().to_string();
        let unchanged = std::fs::read(output).is_ok_and(|old| old == source.as_bytes());
        if !unchanged {
            std::fs::write(output, &source).map_err(|error| Failure::Output {
                target: target.clone(),
                error,
            })?;
        }
        (target, !unchanged)
    };
    let counts = inspect::counts(&defs);
    // The header's notes, not the model's: they include operations left out.
    let notes: Vec<&str> = soap_codegen::emit::header_notes(&source).collect();
    let left_out = notes
        .iter()
        .filter(|note| note.starts_with(soap_codegen::emit::LEFT_OUT_OPERATION_NOTE))
        .count();
    let mut summary = format!(
        "soap-codegen: {} {target}: {}, {}, {}, {}",
        if written { "wrote" } else { "unchanged" },
        plural(counts.services, "service"),
        plural(counts.operations.saturating_sub(left_out), "operation"),
        plural(rust_types(&source), "type"),
        plural(source.len(), "byte"),
    );
    for note in notes {
        summary.push_str(&format!("\nnote: {note}"));
    }
    report(&summary);
    Ok(())
}

fn inspect(wsdl: &Path, json: bool, leniency: Leniency) -> Result<(), Failure> {
    // Services, operations and messages are shown even when the types fail; the first
    // such error is then shown in the output and is the command's error too.
    let defs = leniency
        .generator()
        .parse_for_display(wsdl)
        .map_err(Failure::Input)?;
    let view = inspect::inspect(&defs, &wsdl.display().to_string());
    let text = if json {
        let mut text = serde_json::to_string_pretty(&view).map_err(|e| Failure::Output {
            target: "<stdout>".to_owned(),
            error: io::Error::other(e),
        })?;
        text.push('\n');
        text
    } else {
        inspect::render_text(&view)
    };
    write_stdout(text.as_bytes())?;
    match defs.schema_errors.into_iter().next() {
        Some(error) => Err(Failure::Input(error)),
        None => Ok(()),
    }
}

fn compare(
    old: &Path,
    new: &Path,
    format: diff::Format,
    fail_on: Option<diff::FailOn>,
    leniency: Leniency,
) -> Result<(), Failure> {
    let report = soap_codegen::diff::diff(&leniency.parse(old)?, &leniency.parse(new)?);
    let (old, new) = (old.display().to_string(), new.display().to_string());
    let text = diff::render(&report, format, &old, &new).map_err(|e| Failure::Output {
        target: "<stdout>".to_owned(),
        error: io::Error::other(e),
    })?;
    write_stdout(text.as_bytes())?;
    match fail_on.is_some_and(|level| level.fails(&report)) {
        true => Err(Failure::Found),
        false => Ok(()),
    }
}

fn fetch_command(options: &fetch::Options, check: bool) -> Result<(), Failure> {
    let dir = options.dir.display();
    if check {
        let differences = fetch::check(options).map_err(Failure::Fetch)?;
        if differences.is_empty() {
            report(&format!(
                "soap-codegen: {} unchanged: every document matches {dir}/{}",
                options.url,
                fetch::LOCK_FILE
            ));
            return Ok(());
        }
        let mut summary = format!(
            "soap-codegen: {} changed since {dir}/{}:",
            options.url,
            fetch::LOCK_FILE
        );
        for line in differences {
            summary.push_str(&format!("\n  {line}"));
        }
        report(&summary);
        return Err(Failure::Found);
    }
    let set = fetch::download(options).map_err(Failure::Fetch)?;
    let mut summary = format!(
        "soap-codegen: fetched {} into {dir} (lock file {}):",
        plural(set.len(), "document"),
        fetch::LOCK_FILE
    );
    for doc in &set {
        summary.push_str(&format!("\n  {} ← {}", doc.file, doc.url));
    }
    report(&summary);
    Ok(())
}

fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|error| Failure::Output {
            target: "<stdout>".to_owned(),
            error,
        })
}

/// Top-level Rust types (structs, enums, type aliases) in generated source.
fn rust_types(source: &str) -> usize {
    source
        .lines()
        .filter(|l| {
            l.starts_with("pub struct ") || l.starts_with("pub enum ") || l.starts_with("pub type ")
        })
        .count()
}

/// Writes a line to standard error; if even that fails there is no one left to tell.
fn report(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}
