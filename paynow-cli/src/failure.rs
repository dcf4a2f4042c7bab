//! Why a command failed, what exit code that is, and what to do about it.
//!
//! | exit | kinds |
//! |---|---|
//! | 1 | [`Kind::Refused`], [`Kind::NotFound`]: PayNow answered no |
//! | 2 | [`Kind::Usage`]: the command line, the config or the credentials |
//! | 3 | [`Kind::Validation`], [`Kind::InvalidInput`]: the input file |
//! | 4 | [`Kind::Transport`], [`Kind::Maintenance`], [`Kind::OutcomeUnknown`]: no usable answer |

use paynow_einvoice::domain::{Problem, ValidationError};
use paynow_einvoice::{Error, SoapError};
use serde::Serialize;

use crate::output::Report;

/// The class of a failure; it decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A bad command line, config file, or missing credentials.
    Usage,
    /// Invoices that break the e-invoice rules; nothing was sent.
    Validation,
    /// An input file that cannot be read or decoded.
    InvalidInput,
    /// PayNow answered and refused (its own message), or answered an error text.
    Refused,
    /// PayNow has no such invoice or order.
    NotFound,
    /// The service could not be reached or gave no usable answer; nothing changed.
    Transport,
    /// PayNow's daily maintenance window (03:50–05:00 Taiwan time); nothing was sent.
    Maintenance,
    /// An issue or void may or may not have taken effect.
    OutcomeUnknown,
    /// The issuance journal cannot be opened, read or written (or is in use).
    Journal,
}

impl Kind {
    /// The process exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Refused | Kind::NotFound => 1,
            Kind::Usage => 2,
            Kind::Validation | Kind::InvalidInput => 3,
            Kind::Transport | Kind::Maintenance | Kind::OutcomeUnknown => 4,
            Kind::Journal => 7,
        }
    }
}

/// One problem of an input, at a field path (`invoices[0].items[1].amount`), with the
/// line of a CSV file when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    /// The field path, in the domain's serde names.
    pub field: String,
    /// The rule broken (the domain's rule name), or `decode` when the value cannot be read.
    pub rule: String,
    /// What is wrong.
    pub message: String,
    /// The input line (CSV files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl FieldProblem {
    /// A problem decoding the value at `field`.
    pub fn decode(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            rule: "decode".to_owned(),
            message: message.into(),
            line: None,
        }
    }

    /// A domain validation problem.
    pub fn from_domain(problem: &Problem) -> Self {
        let rule = serde_json::to_value(problem.rule)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default();
        Self {
            field: problem.field.clone(),
            rule,
            message: problem.message.clone(),
            line: None,
        }
    }

    /// The same problem at `line`.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

/// A failed command: what happened, in words, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    /// The class.
    pub kind: Kind,
    /// What happened.
    pub message: String,
    /// Every problem of the input, for [`Kind::Validation`] and some [`Kind::InvalidInput`].
    pub problems: Vec<FieldProblem>,
    /// What to do next, e.g. how to reconcile an unknown outcome.
    pub hint: Option<String>,
}

impl CliError {
    /// A failure of `kind`.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            problems: Vec::new(),
            hint: None,
        }
    }

    /// A usage failure (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }

    /// An unreadable input (exit 3).
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(Kind::InvalidInput, message)
    }

    /// `problems` in the input (exit 3); `kind` is [`Kind::Validation`] or
    /// [`Kind::InvalidInput`].
    pub fn problems(kind: Kind, problems: Vec<FieldProblem>) -> Self {
        let count = problems.len();
        let what = if kind == Kind::Validation {
            "invalid"
        } else {
            "unreadable"
        };
        Self {
            problems,
            ..Self::new(
                kind,
                format!(
                    "the input is {what}: {count} problem{}; nothing was sent",
                    plural(count)
                ),
            )
        }
    }

    /// The domain's validation problems (exit 3).
    pub fn validation(error: &ValidationError) -> Self {
        let problems = error
            .problems()
            .iter()
            .map(FieldProblem::from_domain)
            .collect();
        Self::problems(Kind::Validation, problems)
    }

    /// The same failure with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// A failure of the facade during a call with `effect`.
    pub fn from_facade(error: Error, effect: &Effect) -> Self {
        match error {
            Error::Validation(error) => Self::validation(&error),
            Error::Csv(error) => Self::invalid_input(error.to_string()),
            Error::Maintenance { .. } => Self::new(Kind::Maintenance, error.to_string())
                .with_hint("nothing was sent; try again after 05:00 Taiwan time (UTC+8)"),
            Error::Rejected { .. } => Self::new(Kind::Refused, error.to_string()),
            Error::NotFound { .. } => Self::new(Kind::NotFound, error.to_string()),
            Error::AlreadyIssued { ref order_no, .. } => {
                let hint = format!(
                    "nothing was issued for this sale; use a new order number, or run `paynow info --order {order_no}` to see the invoice PayNow holds"
                );
                Self::new(Kind::Refused, error.to_string()).with_hint(hint)
            }
            Error::UnknownResult(unknown) if effect.changes_state() => Self::unknown_outcome(
                format!(
                    "PayNow answered {} with {:?}, which this client does not know",
                    unknown.operation, unknown.text
                ),
                effect,
            ),
            Error::UnknownResult(unknown) => match unknown.text.trim().strip_prefix("F_") {
                Some(message) => Self::new(
                    Kind::Refused,
                    format!("PayNow refused {}: {message}", unknown.operation),
                ),
                None => Self::new(
                    Kind::Refused,
                    format!(
                        "PayNow answered {} with {:?}, which this client does not know",
                        unknown.operation, unknown.text
                    ),
                ),
            },
            Error::OutcomeUnknown { .. } => Self::unknown_outcome(error.to_string(), effect),
            Error::Soap(SoapError::Fault { .. }) => Self::new(Kind::Refused, error.to_string()),
            Error::Soap(soap) if soap.outcome_unknown() && effect.changes_state() => {
                Self::unknown_outcome(soap.to_string(), effect)
            }
            Error::MissingResult { .. } if effect.changes_state() => {
                Self::unknown_outcome(error.to_string(), effect)
            }
            Error::Soap(soap) if soap.outcome_unknown() => {
                Self::new(Kind::Transport, soap.to_string()).with_hint(effect.reconcile_hint())
            }
            Error::Soap(_) | Error::MissingResult { .. } => {
                Self::new(Kind::Transport, error.to_string())
                    .with_hint("nothing was changed; check --env and the network, then try again")
            }
        }
    }

    fn unknown_outcome(message: String, effect: &Effect) -> Self {
        Self::new(Kind::OutcomeUnknown, message).with_hint(effect.reconcile_hint())
    }
}

/// What a failed call may have changed at PayNow, for the reconcile hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A query: nothing changes.
    Query,
    /// Issuing these orders.
    Issue(Vec<String>),
    /// Voiding this invoice.
    Void(String),
}

impl Effect {
    /// Whether the call may change state at PayNow.
    fn changes_state(&self) -> bool {
        !matches!(self, Effect::Query)
    }

    /// How to find out what happened.
    pub fn reconcile_hint(&self) -> String {
        match self {
            Effect::Query => "nothing was changed; run the command again later".to_owned(),
            Effect::Issue(orders) => {
                let checks: Vec<String> = orders
                    .iter()
                    .map(|order| format!("`paynow check --order {order}`"))
                    .collect();
                format!(
                    "the invoices may or may not have been issued: run {} before issuing again",
                    checks.join(", ")
                )
            }
            Effect::Void(number) => format!(
                "the invoice may or may not have been voided: run `paynow info --invoice {number}` before voiding again"
            ),
        }
    }
}

/// A failed command and what it had done before failing (the demo's earlier steps).
#[derive(Debug, Clone)]
pub struct Failure {
    /// The failure.
    pub error: CliError,
    /// The part of the report made before it.
    pub partial: Option<Box<Report>>,
}

impl From<CliError> for Failure {
    fn from(error: CliError) -> Self {
        Self {
            error,
            partial: None,
        }
    }
}

/// `s` unless `count` is one.
pub fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        assert_eq!(Kind::NotFound.exit_code(), 1);
        assert_eq!(Kind::Usage.exit_code(), 2);
        assert_eq!(Kind::Validation.exit_code(), 3);
        assert_eq!(Kind::OutcomeUnknown.exit_code(), 4);
    }

    #[test]
    fn a_lost_void_answer_is_an_unknown_outcome_with_a_hint() {
        let error = Error::Soap(SoapError::Timeout(std::time::Duration::from_secs(1)));
        let failure = CliError::from_facade(error, &Effect::Void("AB12345678".into()));
        assert_eq!(failure.kind, Kind::OutcomeUnknown);
        assert!(
            failure
                .hint
                .unwrap()
                .contains("paynow info --invoice AB12345678")
        );
    }

    #[test]
    fn an_unknown_issue_outcome_names_each_order_to_check() {
        let error = Error::Soap(SoapError::Truncated {
            received: 10,
            detail: "eof".into(),
        });
        let failure = CliError::from_facade(error, &Effect::Issue(vec!["A1".into(), "A2".into()]));
        assert_eq!(failure.kind, Kind::OutcomeUnknown);
        assert_eq!(
            failure.hint.as_deref(),
            Some(
                "the invoices may or may not have been issued: run `paynow check --order A1`, \
                 `paynow check --order A2` before issuing again"
            )
        );
    }

    #[test]
    fn a_refused_connection_changed_nothing() {
        let error = Error::Soap(SoapError::Transport {
            kind: soap_runtime::TransportErrorKind::Connect,
            message: "refused".into(),
        });
        let failure = CliError::from_facade(error, &Effect::Void("AB12345678".into()));
        assert_eq!(failure.kind, Kind::Transport);
        assert!(failure.hint.unwrap().starts_with("nothing was changed"));
    }

    #[test]
    fn an_f_answer_to_a_query_is_a_refusal() {
        let unknown = paynow_einvoice::domain::results::parse_invoice_info("F_查無此發票")
            .expect_err("not an info shape");
        let failure = CliError::from_facade(Error::UnknownResult(unknown), &Effect::Query);
        assert_eq!(failure.kind, Kind::Refused);
        assert_eq!(failure.message, "PayNow refused Invoice_Info: 查無此發票");
    }

    #[test]
    fn an_order_paynow_already_holds_exits_1_showing_both_invoices() {
        let error = Error::AlreadyIssued {
            order_no: "REUSED-1".into(),
            invoice_number: "ZT00000015".into(),
            reason: "PayNow refused the upload: F_訂單編號已開立過發票".into(),
            sent: "total 2997, buyer 22099131 買方, 2 items".into(),
            existing: "total 600, buyer consumer 王小明, 1 item".into(),
        };
        let failure = CliError::from_facade(error, &Effect::Issue(vec!["REUSED-1".into()]));
        assert_eq!(failure.kind.exit_code(), 1);
        for shown in [
            "order REUSED-1 already has invoice ZT00000015",
            "sent: total 2997, buyer 22099131 買方, 2 items",
            "PayNow holds: total 600, buyer consumer 王小明, 1 item",
        ] {
            assert!(failure.message.contains(shown), "{}", failure.message);
        }
        assert!(
            failure
                .hint
                .unwrap()
                .contains("paynow info --order REUSED-1")
        );
    }
}
