//! The command line, as clap reads it: global options and one subcommand.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use paynow_einvoice::domain::{InvoiceNumber, OrderNo};
use paynow_einvoice::journal::OrderState;
use paynow_einvoice::{Environment, SoapVersion};

/// The operator's command line for the PayNow (立吉富) Taiwan e-invoice service.
///
/// Credentials come from PAYNOW_MEM_CID and PAYNOW_MEM_PASSWORD, else from a config file
/// (`mem_cid = "…"`, `mem_password = "…"`, optionally `env = "prod"`; default
/// $XDG_CONFIG_HOME/paynow/config.toml or ~/.config/paynow/config.toml). The password is
/// never printed: not in output, errors, or wire XML.
///
/// Exit codes: 0 ok, 1 PayNow refused or not found (a journaled batch: finished, some
/// orders refused), 2 usage, 3 invalid input, 4 transport failure or unknown outcome,
/// 5 a journaled batch stopped with orders not sent yet and none in doubt (run it again),
/// 6 a journaled batch left orders in doubt (run it again, or `paynow journal reconcile`),
/// 7 the journal cannot be opened, read or written.
#[derive(Debug, Parser)]
#[command(name = "paynow", version, about, long_about)]
pub struct Cli {
    /// Options that apply to every subcommand.
    #[command(flatten)]
    pub global: GlobalOptions,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after the subcommand.
#[derive(Debug, Args)]
pub struct GlobalOptions {
    /// The PayNow service: `test`, `prod`, or an endpoint URL [default: test, or `env` in the
    /// config file]
    #[arg(
        long,
        global = true,
        value_name = "test|prod|URL",
        conflicts_with = "mock"
    )]
    pub env: Option<Environment>,
    /// The SOAP version to speak.
    #[arg(long, global = true, value_enum, default_value_t = Soap::V12)]
    pub soap: Soap,
    /// Start the embedded mock on loopback and talk to it (credentials default to the mock's).
    #[arg(long, global = true)]
    pub mock: bool,
    /// Print one JSON document per command on stdout, errors included.
    #[arg(long, global = true)]
    pub json: bool,
    /// Print each SOAP request and response envelope to stderr (password masked).
    #[arg(long, global = true)]
    pub wire: bool,
    /// Seconds allowed per SOAP call.
    #[arg(
        long,
        global = true,
        value_name = "SECS",
        default_value_t = 60,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub timeout: u64,
    /// Do not hold calls back in PayNow's daily maintenance window (03:50–05:00 Taiwan
    /// time): for an `--env URL` that keeps none (a mock or test double started apart).
    /// Refused with `test` and `prod`, which keep it.
    #[arg(long, global = true)]
    pub no_maintenance_window: bool,
    /// The config file with the credentials (TOML, or plain `key = value` lines).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// A SOAP version as written on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Soap {
    /// SOAP 1.1 (`text/xml`, `SOAPAction` header).
    #[value(name = "1.1")]
    V11,
    /// SOAP 1.2 (`application/soap+xml`).
    #[value(name = "1.2")]
    V12,
}

impl Soap {
    /// The runtime's version.
    pub fn version(self) -> SoapVersion {
        match self {
            Soap::V11 => SoapVersion::Soap11,
            Soap::V12 => SoapVersion::Soap12,
        }
    }
}

/// The label of a SOAP version, as `--soap` takes it.
pub fn soap_label(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "1.1",
        SoapVersion::Soap12 => "1.2",
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Issue invoices from a JSON or CSV file (`-` reads stdin).
    ///
    /// JSON: the domain's invoice shape, one object or an array (example:
    /// paynow-cli/samples/invoice.json). CSV: a header row naming PayNow's 17 csvStr columns
    /// in order, then one row per line item; rows sharing an orderno form one invoice
    /// (example: paynow-cli/samples/batch.csv). CSV values are plain text, unquoted: a value
    /// cannot contain a comma.
    ///
    /// The invoices are validated first: every problem is listed with its field path (and
    /// CSV line), and nothing is sent. Each invoice is issued exactly once: when an answer
    /// is lost, PayNow is asked before anything is sent again.
    Issue(IssueArgs),
    /// Whether an invoice exists (Check_invoice / Check_invoiceOrder).
    Check(Target),
    /// Status, amount and allowances of an invoice (Invoice_Info / Invoice_Info_orderno).
    Info(Target),
    /// The address of an invoice's page (Get_InvoiceURL_I / Get_InvoiceURL_O).
    Url(Target),
    /// Void an invoice (CancelInvoice_I).
    Void {
        /// The invoice number, e.g. AB12345678.
        #[arg(value_name = "NO")]
        number: InvoiceNumber,
    },
    /// The issuance journal of `issue --journal`: where each order stands.
    Journal(JournalArgs),
    /// Against the embedded mock: issue a sample invoice, check it, get its info and URL,
    /// void it and get its info again, showing every SOAP envelope.
    Demo,
}

impl Command {
    /// The subcommand's name, as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Issue(_) => "issue",
            Command::Check(_) => "check",
            Command::Info(_) => "info",
            Command::Url(_) => "url",
            Command::Void { .. } => "void",
            Command::Journal(args) => match args.action {
                JournalAction::Status => "journal status",
                JournalAction::List { .. } => "journal list",
                JournalAction::Reconcile => "journal reconcile",
            },
            Command::Demo => "demo",
        }
    }
}

/// `issue FILE`.
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The invoices: JSON (one invoice or an array) or CSV (a header row of the 17 csvStr
    /// columns, then one row per line item); `-` reads stdin.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The file's format [default: by extension, else by its first character]
    #[arg(long, value_enum)]
    pub format: Option<InputFormat>,
    /// Validate and show what would be sent, without credentials or network.
    #[arg(long)]
    pub dry_run: bool,
    /// Keep a write-ahead journal of the batch and make it resumable: a SQLite file path,
    /// or `postgres://…` for a journal several workers share. Running the same command
    /// again continues: orders in doubt are settled first, issued ones are never resent.
    #[arg(long, value_name = "PATH|URL", conflicts_with = "dry_run")]
    pub journal: Option<String>,
    /// With --journal: uploads in flight at once (one invoice each).
    #[arg(long, value_name = "N", default_value_t = 1, requires = "journal",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub parallel: u16,
    /// With --journal: at most N uploads a second (`N` or `N/s`), all workers together.
    #[arg(long, value_name = "N/s", requires = "journal", value_parser = parse_rate)]
    pub rate: Option<f64>,
}

/// `--rate`: a positive number of uploads a second, written `N` or `N/s`.
fn parse_rate(text: &str) -> Result<f64, String> {
    let number = text.strip_suffix("/s").unwrap_or(text);
    match number.trim().parse::<f64>() {
        Ok(rate) if rate.is_finite() && rate > 0.0 => Ok(rate),
        _ => Err(format!(
            "expected a positive number of uploads a second, like 20 or 20/s, not {text:?}"
        )),
    }
}

/// `journal --journal PATH|URL ACTION`.
#[derive(Debug, Args)]
pub struct JournalArgs {
    /// The journal: a SQLite file path, or `postgres://…`.
    #[arg(long, value_name = "PATH|URL")]
    pub journal: String,
    /// What to do.
    #[command(subcommand)]
    pub action: JournalAction,
}

/// What `journal` does.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum JournalAction {
    /// How many orders are pending, sending, issued, refused, in doubt (no credentials).
    Status,
    /// Every order with its state, invoice number and last error (no credentials).
    List {
        /// Only orders in this state.
        #[arg(long, value_enum)]
        state: Option<StateFilter>,
    },
    /// Settle the orders in doubt with Check_invoiceOrder; nothing is sent.
    Reconcile,
}

/// A journal state as `journal list --state` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateFilter {
    /// Not sent yet.
    Pending,
    /// Claimed by a worker (in doubt if none is running).
    Sending,
    /// Issued.
    Issued,
    /// Refused.
    Refused,
    /// In doubt.
    InDoubt,
}

impl StateFilter {
    /// The journal's state.
    pub fn state(self) -> OrderState {
        match self {
            StateFilter::Pending => OrderState::Pending,
            StateFilter::Sending => OrderState::Sending,
            StateFilter::Issued => OrderState::Issued,
            StateFilter::Refused => OrderState::Refused,
            StateFilter::InDoubt => OrderState::InDoubt,
        }
    }
}

/// The format of an `issue` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// The domain's JSON shape: one invoice object or an array of them.
    Json,
    /// The 17 csvStr columns, with a header row.
    Csv,
}

/// `--invoice NO` or `--order NO`, exactly one.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct Target {
    /// An invoice number, e.g. AB12345678.
    #[arg(long, value_name = "NO")]
    pub invoice: Option<InvoiceNumber>,
    /// A merchant order number.
    #[arg(long, value_name = "NO")]
    pub order: Option<OrderNo>,
}

/// What a lookup is about: an invoice or an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// By invoice number.
    Invoice(InvoiceNumber),
    /// By the merchant's order number.
    Order(OrderNo),
}

impl Subject {
    /// `invoice` or `order`: the label in output.
    pub fn label(&self) -> &'static str {
        match self {
            Subject::Invoice(_) => "invoice",
            Subject::Order(_) => "order",
        }
    }

    /// The number itself.
    pub fn value(&self) -> &str {
        match self {
            Subject::Invoice(number) => number.as_str(),
            Subject::Order(order) => order.as_str(),
        }
    }
}

impl Target {
    /// The subject; `None` only if clap's group let neither option through.
    pub fn into_subject(self) -> Option<Subject> {
        match (self.invoice, self.order) {
            (Some(number), _) => Some(Subject::Invoice(number)),
            (None, Some(order)) => Some(Subject::Order(order)),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::{Cli, Command};

    fn issue(extra: &[&str]) -> Result<Cli, clap::Error> {
        let mut args = vec!["paynow", "issue", "batch.csv", "--journal", "b.journal"];
        args.extend_from_slice(extra);
        Cli::try_parse_from(args)
    }

    fn rate(extra: &[&str]) -> Option<f64> {
        match issue(extra).unwrap().command {
            Command::Issue(args) => args.rate,
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn parallel_and_rate_accept_what_they_document() {
        assert_eq!(rate(&["--rate", "20"]), Some(20.0));
        assert_eq!(rate(&["--rate", "2.5/s"]), Some(2.5));
        assert_eq!(rate(&[]), None);
        match issue(&["--parallel", "256"]).unwrap().command {
            Command::Issue(args) => assert_eq!(args.parallel, 256),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn out_of_range_parallel_and_rate_are_refused_with_the_reason() {
        for parallel in ["0", "257", "-1", "many"] {
            let option = format!("--parallel={parallel}");
            let error = issue(&[&option]).unwrap_err().to_string();
            assert!(error.contains("--parallel"), "{parallel}: {error}");
        }
        for rate in ["0", "-3", "0/s", "inf", "NaN", "fast", "20/min"] {
            let option = format!("--rate={rate}");
            let error = issue(&[&option]).unwrap_err().to_string();
            assert!(
                error.contains("expected a positive number of uploads a second"),
                "{rate}: {error}"
            );
        }
        let without_journal = Cli::try_parse_from(["paynow", "issue", "b.csv", "--parallel", "4"])
            .unwrap_err()
            .to_string();
        assert!(without_journal.contains("--journal"), "{without_journal}");
    }
}
