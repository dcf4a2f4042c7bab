//! `paynow-mock`: runs the mock PayNow e-invoice service until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use paynow_mock::{
    DEFAULT_MEM_CID, DEFAULT_MEM_PASSWORD, FaultRule, MockConfig, MockServer, MockState,
    ServerLimits,
};
use soap_runtime::Secret;

/// A mock of the PayNow (立吉富) e-invoice SOAP service: WSDL, SOAP 1.1, SOAP 1.2 and
/// HTTP POST, all 18 operations, state kept in memory until it stops.
#[derive(Debug, Parser)]
#[command(name = "paynow-mock", version)]
struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The merchant account (mem_cid) the mock accepts.
    #[arg(long, default_value = DEFAULT_MEM_CID)]
    mem_cid: String,
    /// The merchant password (mem_password) the mock accepts. A value given here shows in
    /// the process list: prefer --mem-password-file or the PAYNOW_MOCK_MEM_PASSWORD
    /// environment variable. Default: PAYNOW_MOCK_MEM_PASSWORD, else `mock-password`.
    #[arg(long, value_name = "PASSWORD", conflicts_with = "mem_password_file")]
    mem_password: Option<String>,
    /// A file holding the merchant password (its first line).
    #[arg(long, value_name = "PATH")]
    mem_password_file: Option<PathBuf>,
    /// Answer as the suspended service during PayNow's daily maintenance, 03:50–05:00
    /// Taiwan time.
    #[arg(long)]
    maintenance_window: bool,
    /// Connections served at once; more are answered 503 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = ServerLimits::default().max_connections)]
    max_connections: usize,
    /// Seconds a client has to send a request's headers (also how long an idle
    /// connection stays open).
    #[arg(long, value_name = "SECS", default_value_t = ServerLimits::default().header_read_timeout.as_secs_f64())]
    header_timeout: f64,
    /// Seconds a client has to send a request's body; then 408.
    #[arg(long, value_name = "SECS", default_value_t = ServerLimits::default().body_read_timeout.as_secs_f64())]
    body_timeout: f64,
    /// Issue another invoice for an order number that already has one instead of refusing
    /// it, so that a client sending an order twice shows in the summary.
    #[arg(long)]
    allow_duplicate_orders: bool,
    /// Inject a fault (repeatable): `KIND[@OPERATION][,times=N][,every=N]`, KIND one of
    /// drop-after-commit, truncate-after-commit, http-500, soap-fault, iis-500,
    /// maintenance, delay-MS. E.g. `drop-after-commit@UploadInvoice_Patch,every=40,times=20`.
    #[arg(long, value_name = "SPEC")]
    fault: Vec<FaultRule>,
    /// The largest request body accepted, in bytes; larger ones get 413.
    #[arg(long, value_name = "BYTES", default_value_t = ServerLimits::default().max_body_bytes)]
    max_body_bytes: usize,
}

/// The environment variable the password is read from when no option gives it.
const PASSWORD_VARIABLE: &str = "PAYNOW_MOCK_MEM_PASSWORD";

impl Args {
    /// The password: the file's first line, the option, the environment variable, or the
    /// default, in that order.
    fn mem_password(&self) -> Result<Secret<String>, String> {
        if let Some(path) = &self.mem_password_file {
            let text = std::fs::read_to_string(path).map_err(|error| {
                format!("cannot read the password file {}: {error}", path.display())
            })?;
            let password = text.lines().next().unwrap_or_default();
            if password.is_empty() {
                return Err(format!(
                    "the password file {} has no password on its first line",
                    path.display()
                ));
            }
            return Ok(password.into());
        }
        if let Some(password) = &self.mem_password {
            return Ok(password.as_str().into());
        }
        match std::env::var(PASSWORD_VARIABLE) {
            Ok(password) if !password.is_empty() => Ok(password.into()),
            Ok(_) | Err(std::env::VarError::NotPresent) => Ok(DEFAULT_MEM_PASSWORD.into()),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(format!("{PASSWORD_VARIABLE} is not valid UTF-8"))
            }
        }
    }

    fn limits(&self) -> Result<ServerLimits, String> {
        let seconds = |option: &str, value: f64| {
            Duration::try_from_secs_f64(value)
                .ok()
                .filter(|duration| !duration.is_zero())
                .ok_or_else(|| {
                    format!("--{option} must be a positive number of seconds, not {value}")
                })
        };
        Ok(ServerLimits {
            max_connections: self.max_connections,
            header_read_timeout: seconds("header-timeout", self.header_timeout)?,
            body_read_timeout: seconds("body-timeout", self.body_timeout)?,
            max_body_bytes: self.max_body_bytes,
        })
    }
}

/// What was issued, on one line, for whoever ran the mock (tests count on it):
/// `issued: N invoices for M orders, K orders more than once; UploadInvoice_Patch requests: U`.
fn summary(state: &MockState) -> String {
    let invoices = state.invoices();
    let mut per_order = std::collections::HashMap::<&str, usize>::new();
    for invoice in &invoices {
        *per_order.entry(invoice.order_no.as_str()).or_default() += 1;
    }
    let repeated = per_order.values().filter(|&&count| count > 1).count();
    format!(
        "issued: {} invoices for {} orders, {repeated} orders more than once; UploadInvoice_Patch requests: {}",
        invoices.len(),
        per_order.len(),
        state.requests("UploadInvoice_Patch")
    )
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let settings = args
        .limits()
        .and_then(|limits| Ok((limits, args.mem_password()?)));
    let (limits, mem_password) = match settings {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("paynow-mock: {message}");
            return ExitCode::from(2);
        }
    };
    let config = MockConfig::new(args.mem_cid, mem_password)
        .listen(args.listen)
        .maintenance_window(args.maintenance_window)
        .allow_duplicate_orders(args.allow_duplicate_orders)
        .limits(limits);
    let server = match MockServer::start(config).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("paynow-mock: cannot listen on {}: {error}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    println!("PayNow mock listening on {}", server.address());
    println!("endpoint: {}", server.url());
    println!("WSDL:     {}", server.wsdl_url());
    println!("Press Ctrl-C to stop.");
    for rule in args.fault {
        server.faults().inject(rule);
    }
    let signal = tokio::signal::ctrl_c().await;
    println!("{}", summary(server.state()));
    server.shutdown().await;
    match signal {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("paynow-mock: cannot wait for Ctrl-C: {error}");
            ExitCode::FAILURE
        }
    }
}
