//! Shared by the `facade_*` tests: a `paynow-mock` with a fixed clock, a [`PayNow`] facade
//! pointed at it over loopback (with a fixed facade clock outside the maintenance window,
//! short timeouts and small retry delays), invoices, and a deadline per test.

#![allow(dead_code)] // each test file uses a different part

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use paynow_einvoice::domain::Invoice;
use paynow_einvoice::facade::{Clock, Config, Credentials, Environment, PayNow, RetryPolicy};
use paynow_mock::{MockConfig, MockServer, TaiwanTime};
use soap_runtime::SoapVersion;

/// The merchant the mock accepts.
pub const MEM_CID: &str = "12345675";
/// Its password.
pub const MEM_PASSWORD: &str = "facade-secret";
/// Both SOAP versions.
pub const VERSIONS: [SoapVersion; 2] = [SoapVersion::Soap11, SoapVersion::Soap12];
/// The facade's per-call timeout in these tests: short, so that delays cost little.
pub const TIMEOUT: Duration = Duration::from_millis(300);
/// How long the mock holds an answer back to make the facade time out.
pub const BEYOND_TIMEOUT: Duration = Duration::from_millis(600);
/// The retry policy in these tests: the default's attempts, tiny delays.
pub const RETRY: RetryPolicy = RetryPolicy {
    max_attempts: 3,
    base_delay: Duration::from_millis(5),
};
/// The longest a test may take.
pub const TEST_DEADLINE: Duration = Duration::from_secs(10);

/// A clock stopped at one instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub SystemTime);

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}

/// `hh:mm` Taiwan time (UTC+8) on 2025-03-10, the mock's day.
pub fn taiwan(hour: u64, minute: u64) -> SystemTime {
    // 2025-03-10T00:00:00+08:00
    UNIX_EPOCH + Duration::from_secs(1_741_536_000 + hour * 3600 + minute * 60)
}

/// The mock's configuration: our merchant, its clock stopped at 2025-03-10 10:00.
pub fn mock_config() -> MockConfig {
    MockConfig::new(MEM_CID, MEM_PASSWORD).now(TaiwanTime::new(2025, 3, 10, 10, 0, 0).unwrap())
}

/// A mock on 127.0.0.1 that refuses a second invoice for an order, as PayNow does.
pub async fn start() -> MockServer {
    start_with(mock_config()).await
}

/// A mock that issues a second invoice for an order instead of refusing it, so that a
/// client issuing twice shows in `issued_count`.
pub async fn start_allowing_duplicates() -> MockServer {
    start_with(mock_config().allow_duplicate_orders(true)).await
}

/// A mock with this configuration.
pub async fn start_with(config: MockConfig) -> MockServer {
    MockServer::start(config)
        .await
        .expect("the mock starts on 127.0.0.1")
}

/// The facade's configuration for `mock`: 10:00 Taiwan time, [`TIMEOUT`], [`RETRY`].
pub fn config(mock: &MockServer, version: SoapVersion) -> Config {
    config_for(mock.url(), version)
}

/// The facade's configuration for any endpoint.
pub fn config_for(url: &str, version: SoapVersion) -> Config {
    let mut config = Config::new(
        Credentials {
            mem_cid: MEM_CID.into(),
            mem_password: MEM_PASSWORD.into(),
        },
        Environment::Custom(url.to_owned()),
        version,
    );
    config.timeout = TIMEOUT;
    config.retry = RETRY;
    config.clock = Arc::new(FixedClock(taiwan(10, 0)));
    config
}

/// A facade for `mock` with [`config`].
pub fn facade(mock: &MockServer, version: SoapVersion) -> PayNow {
    PayNow::new(config(mock, version)).expect("a facade")
}

/// A facade built from a configuration.
pub fn facade_with(config: Config) -> PayNow {
    PayNow::new(config).expect("a facade")
}

/// A consumer invoice for `order_no`, e-mailed, one taxable line per amount.
pub fn invoice(order_no: &str, amounts: &[i64]) -> Invoice {
    paynow_einvoice::samples::consumer_invoice(order_no, amounts)
}

/// How many requests of every operation reached the mock.
pub fn total_requests(mock: &MockServer) -> usize {
    paynow_mock::OPERATIONS
        .iter()
        .map(|operation| mock.state().requests(operation))
        .sum()
}

/// Runs `future` under [`TEST_DEADLINE`], so that no test hangs or dawdles.
pub async fn bounded<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(TEST_DEADLINE, future)
        .await
        .expect("the test finishes within 10 s")
}
