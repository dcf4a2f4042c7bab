//! Fault injection: rules, set at run time, that make the next requests of an operation
//! fail the ways a real deployment does.
//!
//! A rule names an operation (or any) and fires a number of times; the oldest rule that
//! matches a request fires first. Some kinds answer **instead of** running the operation
//! (the state does not change); the others run it first, so the change is committed and
//! only the answer goes wrong. See [`FaultKind`].
//!
//! ```
//! use std::time::Duration;
//! use paynow_mock::{FaultKind, FaultRule, Faults};
//!
//! let faults = Faults::default();
//! faults.inject(FaultRule::new(FaultKind::DropAfterCommit).on("UploadInvoice_Patch"));
//! faults.inject(FaultRule::new(FaultKind::Delay(Duration::from_secs(2))).times(3));
//! assert_eq!(faults.pending(), 4);
//! ```

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// What an injected fault does to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// The operation runs and commits; then the connection is closed without a byte of
    /// answer. The client cannot tell whether the change happened.
    DropAfterCommit,
    /// The operation runs and commits; the answer's status, headers (with the full
    /// `Content-Length`) and first half are sent, then the connection is closed.
    TruncateAfterCommit,
    /// The operation runs and commits at once; its answer is held back for this long.
    Delay(Duration),
    /// An HTTP status with a `text/plain` body (empty or not); the operation does not run.
    HttpStatus {
        /// The status, e.g. 500 or 502.
        status: u16,
        /// The body; may be empty.
        body: String,
    },
    /// A SOAP fault (`soap:Server` / `soap12:Receiver`, HTTP 500) in the request's SOAP
    /// version, worded as ASP.NET words an unhandled exception; the operation does not
    /// run. Over HTTP POST, where there is no envelope, ASP.NET answers the exception as
    /// `text/plain` with status 500, and so does the mock.
    SoapFault {
        /// The fault's reason.
        reason: String,
    },
    /// An IIS-style HTML error page with this status; the operation does not run. With
    /// 200 it is what a misconfigured proxy or custom error page sends.
    HtmlErrorPage {
        /// The status.
        status: u16,
    },
    /// The answer of the service suspended for its daily maintenance (03:50–05:00 Taiwan
    /// time): HTTP 503, an HTML notice, `Retry-After`; the operation does not run.
    Maintenance,
}

impl FaultKind {
    /// HTTP 500 with an empty body.
    pub fn empty_500() -> Self {
        Self::HttpStatus {
            status: 500,
            body: String::new(),
        }
    }

    /// A SOAP fault with ASP.NET's wording of an unhandled exception.
    pub fn server_fault() -> Self {
        Self::SoapFault {
            reason: "Server was unable to process request. ---> Object reference not set to an instance of an object.".to_owned(),
        }
    }

    /// An IIS `500 - Internal server error.` page.
    pub fn iis_500() -> Self {
        Self::HtmlErrorPage { status: 500 }
    }

    /// Whether the operation runs (and commits) before the fault shows.
    pub fn commits(&self) -> bool {
        matches!(
            self,
            Self::DropAfterCommit | Self::TruncateAfterCommit | Self::Delay(_)
        )
    }
}

/// A fault to inject: which operation, what, how many times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    operation: Option<String>,
    kind: FaultKind,
    remaining: usize,
    every: usize,
    seen: usize,
}

impl FaultRule {
    /// A rule firing once, on any operation.
    pub fn new(kind: FaultKind) -> Self {
        Self {
            operation: None,
            kind,
            remaining: 1,
            every: 1,
            seen: 0,
        }
    }

    /// Fires only on this operation, by its WSDL name (e.g. `UploadInvoice_Patch`; see
    /// [`OPERATIONS`](crate::OPERATIONS)). Names are matched exactly.
    pub fn on(mut self, operation: impl Into<String>) -> Self {
        self.operation = Some(operation.into());
        self
    }

    /// Fires `times` times (0: never).
    pub fn times(mut self, times: usize) -> Self {
        self.remaining = times;
        self
    }

    /// Fires on every `every`-th matching request only (the `every`-th, the `2·every`-th,
    /// …), letting the others through, so that faults are spread over a long run. 0 and 1
    /// mean every request.
    pub fn every(mut self, every: usize) -> Self {
        self.every = every.max(1);
        self
    }

    /// The operation it targets; `None` for any.
    pub fn operation(&self) -> Option<&str> {
        self.operation.as_deref()
    }

    /// What it does.
    pub fn kind(&self) -> &FaultKind {
        &self.kind
    }

    /// How many more times it fires.
    pub fn remaining(&self) -> usize {
        self.remaining
    }
}

/// Reads a rule as the `paynow-mock --fault` option writes it:
/// `KIND[@OPERATION][,times=N][,every=N]`, where KIND is `drop-after-commit`,
/// `truncate-after-commit`, `http-500` (empty body), `soap-fault`, `iis-500`,
/// `maintenance` or `delay-MS` (milliseconds). `times` defaults to 1.
impl std::str::FromStr for FaultRule {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let mut parts = text.split(',');
        let head = parts.next().unwrap_or_default();
        let (kind, operation) = match head.split_once('@') {
            Some((kind, operation)) => (kind, Some(operation)),
            None => (head, None),
        };
        let kind = match kind {
            "drop-after-commit" => FaultKind::DropAfterCommit,
            "truncate-after-commit" => FaultKind::TruncateAfterCommit,
            "http-500" => FaultKind::empty_500(),
            "soap-fault" => FaultKind::server_fault(),
            "iis-500" => FaultKind::iis_500(),
            "maintenance" => FaultKind::Maintenance,
            other => match other.strip_prefix("delay-").map(str::parse::<u64>) {
                Some(Ok(millis)) => FaultKind::Delay(Duration::from_millis(millis)),
                _ => {
                    return Err(format!(
                        "unknown fault kind {other:?} in {text:?}: expected drop-after-commit, truncate-after-commit, http-500, soap-fault, iis-500, maintenance or delay-MS"
                    ));
                }
            },
        };
        let mut rule = FaultRule::new(kind);
        if let Some(operation) = operation {
            if !crate::OPERATIONS.contains(&operation) {
                return Err(format!("unknown operation {operation:?} in {text:?}"));
            }
            rule = rule.on(operation);
        }
        for part in parts {
            let number = |value: &str| {
                value
                    .parse::<usize>()
                    .map_err(|_| format!("{part:?} in {text:?} needs a whole number"))
            };
            rule = match part.split_once('=') {
                Some(("times", value)) => rule.times(number(value)?),
                Some(("every", value)) => rule.every(number(value)?),
                _ => {
                    return Err(format!(
                        "unknown setting {part:?} in {text:?}: expected times=N or every=N"
                    ));
                }
            };
        }
        Ok(rule)
    }
}

/// The rules in force; a cheap handle (clone it freely) shared with the server.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    rules: Arc<Mutex<VecDeque<FaultRule>>>,
}

impl Faults {
    fn lock(&self) -> MutexGuard<'_, VecDeque<FaultRule>> {
        self.rules.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds a rule after those already in force.
    pub fn inject(&self, rule: FaultRule) {
        if rule.remaining > 0 {
            self.lock().push_back(rule);
        }
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// How many more times rules will fire, all together.
    pub fn pending(&self) -> usize {
        self.lock().iter().map(|rule| rule.remaining).sum()
    }

    /// The rules still in force.
    pub fn rules(&self) -> Vec<FaultRule> {
        self.lock().iter().cloned().collect()
    }

    /// Fires the oldest rule matching `operation` whose turn it is, if any. A matching
    /// rule with [`every`](FaultRule::every) counts the request even when it lets it
    /// through.
    pub(crate) fn take(&self, operation: &str) -> Option<FaultKind> {
        let mut rules = self.lock();
        let mut firing = None;
        for (index, rule) in rules.iter_mut().enumerate() {
            if rule
                .operation
                .as_deref()
                .is_some_and(|name| name != operation)
            {
                continue;
            }
            rule.seen += 1;
            if rule.seen % rule.every == 0 {
                firing = Some(index);
                break;
            }
        }
        let index = firing?;
        let rule = &mut rules[index];
        rule.remaining -= 1;
        let kind = rule.kind.clone();
        if rule.remaining == 0 {
            rules.remove(index);
        }
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_fire_in_order_for_their_operation_then_expire() {
        let faults = Faults::default();
        faults.inject(
            FaultRule::new(FaultKind::Maintenance)
                .on("Check_invoice")
                .times(2),
        );
        faults.inject(FaultRule::new(FaultKind::empty_500()));
        faults.inject(FaultRule::new(FaultKind::iis_500()).times(0));
        assert_eq!(faults.pending(), 3);
        assert_eq!(faults.take("Check_invoice"), Some(FaultKind::Maintenance));
        assert_eq!(faults.take("Invoice_Info"), Some(FaultKind::empty_500()));
        assert_eq!(faults.take("Invoice_Info"), None);
        assert_eq!(faults.take("Check_invoice"), Some(FaultKind::Maintenance));
        assert_eq!(faults.take("Check_invoice"), None);
        assert!(faults.rules().is_empty());
    }

    #[test]
    fn rules_are_read_as_the_command_line_writes_them() {
        let rule: FaultRule = "drop-after-commit@UploadInvoice_Patch,times=5,every=7"
            .parse()
            .unwrap();
        assert_eq!(rule.operation(), Some("UploadInvoice_Patch"));
        assert_eq!(rule.kind(), &FaultKind::DropAfterCommit);
        assert_eq!((rule.remaining(), rule.every), (5, 7));
        let rule: FaultRule = "delay-250".parse().unwrap();
        assert_eq!(rule.kind(), &FaultKind::Delay(Duration::from_millis(250)));
        assert_eq!(rule.operation(), None);
        for bad in [
            "explode",
            "http-500@Nope",
            "soap-fault,times=x",
            "iis-500,often=2",
        ] {
            let error = bad.parse::<FaultRule>().unwrap_err();
            assert!(error.contains(bad), "{error}");
        }
    }

    #[test]
    fn a_rule_with_every_fires_on_every_nth_matching_request_only() {
        let faults = Faults::default();
        faults.inject(
            FaultRule::new(FaultKind::DropAfterCommit)
                .on("UploadInvoice_Patch")
                .every(3)
                .times(2),
        );
        let fired: Vec<bool> = (0..9)
            .map(|_| faults.take("UploadInvoice_Patch").is_some())
            .collect();
        assert_eq!(
            fired,
            [false, false, true, false, false, true, false, false, false]
        );
        assert_eq!(faults.take("Check_invoice"), None);
        assert!(faults.rules().is_empty());
    }
}
