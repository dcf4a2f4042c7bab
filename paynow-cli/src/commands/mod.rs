//! The subcommands, and the dispatch that connects, runs one and closes.
//!
//! Each command returns a [`Report`] or a [`Failure`]; [`run`] prints it and turns it into
//! the exit code.

pub mod demo;
pub mod issue;
pub mod journal;
pub mod lookup;
pub mod void;

use crate::args::{Cli, Command, GlobalOptions, JournalAction};
use crate::failure::{CliError, Failure};
use crate::input;
use crate::output::{Printer, Report};
use crate::session::Session;

/// Runs the command line, prints its result, and returns the exit code.
pub async fn run(cli: Cli) -> u8 {
    let mut printer = Printer::new(cli.global.json);
    let name = cli.command.name();
    match execute(cli, &mut printer).await {
        Ok(report) => {
            printer.success(name, &report);
            report.exit_code()
        }
        Err(failure) => {
            printer.failure(name, &failure);
            failure.error.kind.exit_code()
        }
    }
}

async fn execute(cli: Cli, printer: &mut Printer) -> Result<Report, Failure> {
    let Cli { global, command } = cli;
    match command {
        Command::Issue(args) => {
            // The file is read and validated before any credentials are needed.
            let batch = input::read(&args.file, args.format)?;
            let csv = batch.validate()?;
            if args.dry_run {
                return Ok(issue::dry_run_report(&batch, &csv));
            }
            if let Some(location) = &args.journal {
                let journal = journal::open(location, true).await?;
                let options = journal::batch_options(&args, &global)?;
                return connected(&global, printer, async |session| {
                    journal::issue(session, journal, &batch.invoices, options).await
                })
                .await;
            }
            connected(&global, printer, async |session| {
                issue::run(session, &batch.invoices).await
            })
            .await
        }
        Command::Check(target) => {
            let subject = target.into_subject().ok_or_else(missing_target)?;
            connected(&global, printer, async |session| {
                lookup::check(session, &subject).await
            })
            .await
        }
        Command::Info(target) => {
            let subject = target.into_subject().ok_or_else(missing_target)?;
            connected(&global, printer, async |session| {
                lookup::info(session, &subject).await
            })
            .await
        }
        Command::Url(target) => {
            let subject = target.into_subject().ok_or_else(missing_target)?;
            connected(&global, printer, async |session| {
                lookup::url(session, &subject).await
            })
            .await
        }
        Command::Void { number } => {
            connected(&global, printer, async |session| {
                void::run(session, &number).await
            })
            .await
        }
        Command::Journal(args) => {
            let journal = journal::open(&args.journal, false).await?;
            match args.action {
                JournalAction::Status => Ok(journal::status(&*journal).await?),
                JournalAction::List { state } => Ok(journal::list(&*journal, state).await?),
                JournalAction::Reconcile => {
                    connected(&global, printer, async |session| {
                        journal::reconcile(session, journal).await
                    })
                    .await
                }
            }
        }
        Command::Demo => {
            if global.env.is_some() {
                return Err(CliError::usage(
                    "demo always runs against the embedded mock: drop --env",
                )
                .into());
            }
            let keep_wire = true;
            let session = Session::open(&global, true, keep_wire, printer).await?;
            let result = demo::run(&session).await;
            session.close().await;
            result
        }
    }
}

/// Reports a command line clap refused (exit 2), or shows help or the version (exit 0).
/// With `--json` among the arguments, a refusal is a JSON document like any failure.
pub fn command_line_refused(error: &clap::Error) -> u8 {
    let code = u8::try_from(error.exit_code()).unwrap_or(2);
    let json = std::env::args_os().any(|arg| arg == "--json");
    if code == 0 || !json {
        // Writing help or the error can only fail on a closed stream: nothing to do then.
        let _ = error.print();
        return code;
    }
    // clap's message is the first paragraph, before the usage line.
    let rendered = error.render().to_string();
    let paragraph: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    let message = paragraph.join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    Printer::new(true).command_line_failure(&CliError::usage(message));
    code
}

fn missing_target() -> CliError {
    CliError::usage("give --invoice NO or --order NO")
}

/// Opens a session (the mock with `--mock`), runs `body`, closes the session.
async fn connected(
    global: &GlobalOptions,
    printer: &mut Printer,
    body: impl AsyncFnOnce(&Session) -> Result<Report, CliError>,
) -> Result<Report, Failure> {
    let session = Session::open(global, global.mock, false, printer).await?;
    let result = body(&session).await;
    session.close().await;
    Ok(result?)
}
