//! `paynow`: the operator's command line for the PayNow (立吉富) Taiwan e-invoice service.
//!
//! `paynow demo` runs the whole invoice lifecycle against an embedded mock, printing each
//! step and its SOAP envelopes; `issue`, `check`, `info`, `url` and `void` talk to PayNow
//! (or to the mock with `--mock`). See `paynow --help`, and [`args`] for the options.

mod args;
mod commands;
mod config;
mod csv_records;
mod failure;
mod input;
mod output;
mod progress;
mod redact;
mod session;
mod wire;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return ExitCode::from(commands::command_line_refused(&error)),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("paynow: cannot start the async runtime: {error}");
            return ExitCode::from(4);
        }
    };
    ExitCode::from(runtime.block_on(commands::run(cli)))
}
