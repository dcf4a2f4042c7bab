//! `paynow-mock`: runs the mock PayNow e-invoice service until Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use paynow_mock::{DEFAULT_MEM_CID, DEFAULT_MEM_PASSWORD, MockConfig, MockServer};

/// A mock of the PayNow (立吉富) e-invoice SOAP service: WSDL, SOAP 1.1, SOAP 1.2 and
/// HTTP POST, all 12 operations, state kept in memory until it stops.
#[derive(Debug, Parser)]
#[command(name = "paynow-mock", version)]
struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The merchant account (mem_cid) the mock accepts.
    #[arg(long, default_value = DEFAULT_MEM_CID)]
    mem_cid: String,
    /// The merchant password (mem_password) the mock accepts.
    #[arg(long, default_value = DEFAULT_MEM_PASSWORD)]
    mem_password: String,
    /// Answer as the suspended service during PayNow's daily maintenance, 03:50–05:00
    /// Taiwan time.
    #[arg(long)]
    maintenance_window: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let config = MockConfig::new(args.mem_cid, args.mem_password)
        .listen(args.listen)
        .maintenance_window(args.maintenance_window);
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
    let signal = tokio::signal::ctrl_c().await;
    server.shutdown().await;
    match signal {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("paynow-mock: cannot wait for Ctrl-C: {error}");
            ExitCode::FAILURE
        }
    }
}
