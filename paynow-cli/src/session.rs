//! A connection to PayNow, or to the embedded mock: the facade, its wire log, and the
//! mock server when there is one.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use paynow_einvoice::facade::Clock;
use paynow_einvoice::{Config, Credentials, Environment, PayNow};
use paynow_mock::{DEFAULT_MEM_CID, DEFAULT_MEM_PASSWORD, MockConfig, MockServer};

use crate::args::GlobalOptions;
use crate::config::Settings;
use crate::failure::{CliError, Kind};
use crate::output::Printer;
use crate::wire::WireLog;

/// An open connection.
#[derive(Debug)]
pub struct Session {
    /// The facade.
    pub paynow: PayNow,
    /// The envelopes exchanged (kept only for the demo; `--wire` prints them at once).
    pub wire: WireLog,
    /// The merchant account (never the password).
    pub mem_cid: String,
    mock: Option<MockServer>,
}

impl Session {
    /// Resolves the credentials, starts the mock if `mock`, and builds the facade. With `keep_wire` the envelopes are kept for
    /// [`WireLog::take`]; otherwise `--wire` prints them to stderr as they pass.
    pub async fn open(
        options: &GlobalOptions,
        mock: bool,
        keep_wire: bool,
        printer: &mut Printer,
    ) -> Result<Self, CliError> {
        let settings = Settings::gather(options.config.as_deref())?;
        for warning in &settings.warnings {
            printer.stderr(&format!("paynow: warning: {warning}\n"));
        }
        let (credentials, environment, mock) = if mock {
            let credentials = settings
                .or_credentials(&Credentials {
                    mem_cid: DEFAULT_MEM_CID.to_owned(),
                    mem_password: DEFAULT_MEM_PASSWORD.into(),
                })
                .credentials()?;
            let server = start_mock(&credentials).await?;
            let environment = Environment::Custom(server.url().to_owned());
            (credentials, environment, Some(server))
        } else {
            let environment = options
                .env
                .clone()
                .or(settings.env.clone())
                .unwrap_or(Environment::Test);
            if options.no_maintenance_window && !matches!(environment, Environment::Custom(_)) {
                return Err(CliError::usage(format!(
                    "--no-maintenance-window is for an endpoint URL; PayNow's `{}` keeps the \
                     window",
                    environment.endpoint()
                )));
            }
            let credentials = settings.credentials()?;
            (credentials, environment, None)
        };
        let wire = match (keep_wire, options.wire) {
            (true, _) => Some(WireLog::keeping()),
            (false, true) => Some(WireLog::echoing(printer.clone())),
            (false, false) => None,
        };
        let mem_cid = credentials.mem_cid.clone();
        let mut config = Config::new(credentials, environment, options.soap.version());
        config.timeout = Duration::from_secs(options.timeout);
        config.hook = wire.as_ref().map(WireLog::hook);
        if mock.is_some() || options.no_maintenance_window {
            config.clock = Arc::new(OutsideMaintenance);
        }
        let paynow = PayNow::new(config)
            .map_err(|error| CliError::usage(format!("cannot set up the SOAP client: {error}")))?;
        Ok(Self {
            paynow,
            wire: wire.unwrap_or_default(),
            mem_cid,
            mock,
        })
    }

    /// The endpoint talked to.
    pub fn endpoint(&self) -> &str {
        self.paynow.config().environment.endpoint()
    }

    /// Stops the mock, if any.
    pub async fn close(self) {
        if let Some(mock) = self.mock {
            mock.shutdown().await;
        }
    }
}

/// Starts the mock on loopback, accepting `credentials`.
async fn start_mock(credentials: &Credentials) -> Result<MockServer, CliError> {
    let config = MockConfig::new(&credentials.mem_cid, credentials.mem_password.clone());
    MockServer::start(config).await.map_err(|error| {
        CliError::new(
            Kind::Transport,
            format!("cannot start the embedded mock on loopback: {error}"),
        )
    })
}

/// The facade's clock for an endpoint that keeps no maintenance window (the mock, or a
/// URL with `--no-maintenance-window`): always noon, Taiwan time, so that the facade's
/// own window check never stops a call.
struct OutsideMaintenance;

impl Clock for OutsideMaintenance {
    fn now(&self) -> SystemTime {
        // 2026-01-01T12:00:00+08:00.
        UNIX_EPOCH + Duration::from_secs(1_767_240_000)
    }
}
