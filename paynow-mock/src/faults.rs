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
}

impl FaultRule {
    /// A rule firing once, on any operation.
    pub fn new(kind: FaultKind) -> Self {
        Self {
            operation: None,
            kind,
            remaining: 1,
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

    /// Fires the oldest rule matching `operation`, if any.
    pub(crate) fn take(&self, operation: &str) -> Option<FaultKind> {
        let mut rules = self.lock();
        let index = rules.iter().position(|rule| {
            rule.operation
                .as_deref()
                .is_none_or(|name| name == operation)
        })?;
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
}
