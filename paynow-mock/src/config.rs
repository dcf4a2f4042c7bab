//! [`MockConfig`]: where the mock listens, whom it accepts, and how it behaves.

use std::net::{Ipv4Addr, SocketAddr};

use soap_runtime::Secret;

use crate::clock::TaiwanTime;
use crate::limits::ServerLimits;

/// The merchant account the mock accepts unless told otherwise (a valid 統一編號).
pub const DEFAULT_MEM_CID: &str = "12345675";
/// The password the mock accepts unless told otherwise.
pub const DEFAULT_MEM_PASSWORD: &str = "mock-password";

/// How a [`MockServer`](crate::MockServer) is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockConfig {
    /// The address to listen on; port 0 picks a free port. Default `127.0.0.1:0`.
    pub listen: SocketAddr,
    /// The one merchant account (`mem_cid`) the mock serves.
    pub mem_cid: String,
    /// Its password (`mem_password`, `mem_pw`), checked by the operations that take one;
    /// a [`Secret`], so `Debug` of the configuration never shows it.
    pub mem_password: Secret<String>,
    /// Answer every request as the suspended service does during PayNow's daily
    /// maintenance, 03:50–05:00 Taiwan time by the mock's clock. Off by default, so that
    /// tests do not fail at that hour.
    pub maintenance_window: bool,
    /// Issue another invoice for an order number that already has one, instead of
    /// refusing it as PayNow does: to make a client that issues twice visible in
    /// [`MockState::issued_count`](crate::MockState::issued_count). Off by default.
    pub allow_duplicate_orders: bool,
    /// The seed of the invoices' random numbers.
    pub seed: u64,
    /// A fixed clock for the mock (`None`: the system clock). It dates invoices, picks
    /// their period (hence their track) and decides the maintenance window.
    pub now: Option<TaiwanTime>,
    /// Bounds on connections, header and body read times and body size.
    pub limits: ServerLimits,
}

impl Default for MockConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            mem_cid: DEFAULT_MEM_CID.to_owned(),
            mem_password: DEFAULT_MEM_PASSWORD.into(),
            maintenance_window: false,
            allow_duplicate_orders: false,
            seed: 0x5EED,
            now: None,
            limits: ServerLimits::default(),
        }
    }
}

impl MockConfig {
    /// The defaults with this merchant account and password.
    pub fn new(mem_cid: impl Into<String>, mem_password: impl Into<Secret<String>>) -> Self {
        Self {
            mem_cid: mem_cid.into(),
            mem_password: mem_password.into(),
            ..Self::default()
        }
    }

    /// Sets the address to listen on.
    pub fn listen(mut self, listen: SocketAddr) -> Self {
        self.listen = listen;
        self
    }

    /// Enables or disables the maintenance window.
    pub fn maintenance_window(mut self, enabled: bool) -> Self {
        self.maintenance_window = enabled;
        self
    }

    /// Allows or refuses a second invoice for the same order number.
    pub fn allow_duplicate_orders(mut self, allowed: bool) -> Self {
        self.allow_duplicate_orders = allowed;
        self
    }

    /// Sets the seed of the random numbers.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the bounds on connections and requests.
    pub fn limits(mut self, limits: ServerLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Fixes the mock's clock.
    pub fn now(mut self, now: TaiwanTime) -> Self {
        self.now = Some(now);
        self
    }
}
