//! How a [`PayNow`](super::PayNow) facade reaches the service: credentials, environment,
//! SOAP version, timeout, retries and the clock that decides the maintenance window.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use soap_runtime::{ExchangeHook, Secret, SoapVersion};

/// The merchant's PayNow account. The password is a [`Secret`]: `Debug` never shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// `mem_cid`: the merchant's account (its 統一編號).
    pub mem_cid: String,
    /// `mem_password`.
    pub mem_password: Secret<String>,
}

impl Credentials {
    /// The account `mem_cid` with its password.
    pub fn new(mem_cid: impl Into<String>, mem_password: impl Into<Secret<String>>) -> Self {
        Self {
            mem_cid: mem_cid.into(),
            mem_password: mem_password.into(),
        }
    }
}

/// Which PayNow service to talk to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Environment {
    /// `https://testinvoice.paynow.com.tw/PayNowEInvoice.asmx`.
    Test,
    /// `https://invoice.paynow.com.tw/PayNowEInvoice.asmx`.
    Production,
    /// Any other endpoint, such as a mock server.
    Custom(String),
}

impl Environment {
    /// The endpoint URL.
    pub fn endpoint(&self) -> &str {
        match self {
            Self::Test => "https://testinvoice.paynow.com.tw/PayNowEInvoice.asmx",
            Self::Production => "https://invoice.paynow.com.tw/PayNowEInvoice.asmx",
            Self::Custom(url) => url,
        }
    }
}

impl std::str::FromStr for Environment {
    type Err = String;

    /// `test`, `prod`/`production`, or an `http(s)://` URL.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "test" => Ok(Self::Test),
            "prod" | "production" => Ok(Self::Production),
            url if url.starts_with("https://") || url.starts_with("http://") => {
                Ok(Self::Custom(url.to_owned()))
            }
            other => Err(format!(
                "unknown environment `{other}`: expected test, prod or an http(s) URL"
            )),
        }
    }
}

/// How queries are retried; issuing and voiding are never retried blindly, only after
/// reconciling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// Delay before the second attempt; doubled for each further one.
    pub base_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(500),
        }
    }
}

/// Tells the time, so tests can place a call inside the maintenance window.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// Everything a [`PayNow`](super::PayNow) facade needs.
#[derive(Clone)]
pub struct Config {
    /// The merchant's account.
    pub credentials: Credentials,
    /// Which service.
    pub environment: Environment,
    /// SOAP 1.1 or 1.2.
    pub version: SoapVersion,
    /// Time allowed per call; PayNow can be slow, public clients use 20 s to 300 s.
    pub timeout: Duration,
    /// Retries of queries and of reconciliation look-ups.
    pub retry: RetryPolicy,
    /// The clock for the maintenance window.
    pub clock: Arc<dyn Clock>,
    /// Sees every request and response, for logging the wire XML.
    pub hook: Option<ExchangeHook>,
    /// Your own HTTP client (proxies, client certificates, root certificates, pools); see
    /// [`soap_runtime::ClientConfig::http_client`]. `None` for the runtime's default.
    pub http: Option<soap_runtime::reqwest::Client>,
}

impl Config {
    /// A configuration with a 60 s timeout, default retries and the system clock.
    pub fn new(credentials: Credentials, environment: Environment, version: SoapVersion) -> Self {
        Self {
            credentials,
            environment,
            version,
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            clock: Arc::new(SystemClock),
            hook: None,
            http: None,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("credentials", &self.credentials)
            .field("environment", &self.environment)
            .field("version", &self.version)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}
