//! What the journal keeps per order: its payload and hash, its state, its outcome.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::JournalError;
use crate::domain::Invoice;

/// Where an order stands. The only transitions are pending → sending (written before the
/// upload), sending → issued / refused / in doubt (after PayNow's answer, or its absence),
/// in doubt → issued / refused / pending (after `Check_invoiceOrder`), and sending →
/// pending when the upload certainly did not reach PayNow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Known to the journal, not sent yet.
    Pending,
    /// Claimed by a worker that is about to send it or is waiting for PayNow's answer. If
    /// that worker died, the order is in doubt and is reconciled before anything else.
    Sending,
    /// PayNow issued it (by its answer, or found by `Check_invoiceOrder` and matching).
    Issued,
    /// PayNow refused it, or holds a different invoice under its order number.
    Refused,
    /// It may or may not have been issued, and PayNow could not be asked yet.
    InDoubt,
}

impl OrderState {
    /// Every state, in the order of the lifecycle.
    pub const ALL: [OrderState; 5] = [
        OrderState::Pending,
        OrderState::Sending,
        OrderState::Issued,
        OrderState::Refused,
        OrderState::InDoubt,
    ];

    /// The name stored and printed: `pending`, `sending`, `issued`, `refused`, `in_doubt`.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderState::Pending => "pending",
            OrderState::Sending => "sending",
            OrderState::Issued => "issued",
            OrderState::Refused => "refused",
            OrderState::InDoubt => "in_doubt",
        }
    }
}

impl fmt::Display for OrderState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OrderState {
    type Err = JournalError;

    fn from_str(text: &str) -> Result<Self, JournalError> {
        OrderState::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
            .ok_or_else(|| JournalError::Corrupt {
                message: format!("unknown order state {text:?}"),
            })
    }
}

/// An order as handed to the journal: its number, what will be sent, and its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrder {
    /// The merchant's order number.
    pub order_no: String,
    /// The invoice as JSON (the domain's serde shape), kept so that any worker can send it
    /// and reconciling can compare PayNow's invoice with it.
    pub payload: String,
    /// SHA-256 of `payload`, lowercase hex.
    pub payload_hash: String,
}

impl NewOrder {
    /// The order of `invoice`.
    pub fn of(invoice: &Invoice) -> Result<Self, JournalError> {
        let payload = serde_json::to_string(invoice).map_err(|error| JournalError::Corrupt {
            message: format!(
                "order {}: cannot write its payload: {error}",
                invoice.order_no
            ),
        })?;
        Ok(Self {
            order_no: invoice.order_no.clone(),
            payload_hash: payload_hash(&payload),
            payload,
        })
    }
}

/// SHA-256 of `payload`, lowercase hex.
pub fn payload_hash(payload: &str) -> String {
    Sha256::digest(payload.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// An order a worker took: to send (it is `sending`) or to reconcile (it is `in_doubt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// The order number.
    pub order_no: String,
    /// The invoice, as registered.
    pub invoice: Invoice,
}

impl Claimed {
    /// Reads the payload stored for `order_no`.
    pub(crate) fn from_payload(order_no: String, payload: &str) -> Result<Self, JournalError> {
        let invoice = serde_json::from_str(payload).map_err(|error| JournalError::Corrupt {
            message: format!("order {order_no}: its stored payload cannot be read: {error}"),
        })?;
        Ok(Self { order_no, invoice })
    }
}

/// What happened to an order that was sent or reconciled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// PayNow issued it.
    Issued {
        /// The invoice number PayNow allocated.
        invoice_number: String,
        /// Found by `Check_invoiceOrder` after an answer was lost, not by an answer.
        adopted: bool,
    },
    /// PayNow refused it (its message), or holds a different invoice for the order.
    Refused {
        /// Why.
        error: String,
    },
    /// It may have been issued; PayNow could not tell yet.
    InDoubt {
        /// What made the outcome unknown.
        error: String,
    },
    /// It certainly was not issued (not connected, or PayNow has no invoice for it), and
    /// may be sent again.
    NotSent {
        /// Why it was not sent, if it failed.
        error: Option<String>,
    },
}

impl Outcome {
    /// The state this outcome puts the order in.
    pub fn state(&self) -> OrderState {
        match self {
            Outcome::Issued { .. } => OrderState::Issued,
            Outcome::Refused { .. } => OrderState::Refused,
            Outcome::InDoubt { .. } => OrderState::InDoubt,
            Outcome::NotSent { .. } => OrderState::Pending,
        }
    }

    /// The invoice number, for an issued order.
    pub fn invoice_number(&self) -> Option<&str> {
        match self {
            Outcome::Issued { invoice_number, .. } => Some(invoice_number),
            _ => None,
        }
    }

    /// The error text, if any.
    pub fn error(&self) -> Option<&str> {
        match self {
            Outcome::Refused { error } | Outcome::InDoubt { error } => Some(error),
            Outcome::NotSent { error } => error.as_deref(),
            Outcome::Issued { .. } => None,
        }
    }
}

/// One order as the journal holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The order number.
    pub order_no: String,
    /// Where it stands.
    pub state: OrderState,
    /// SHA-256 of what is sent for it.
    pub payload_hash: String,
    /// The invoice number, once issued.
    pub invoice_number: Option<String>,
    /// Whether it was found issued by reconciling rather than by PayNow's answer.
    pub adopted: bool,
    /// The last error: a refusal, what made it in doubt, why it was not sent.
    pub error: Option<String>,
    /// How many times it was claimed to be sent.
    pub attempts: u32,
    /// When it was registered, in milliseconds since the Unix epoch.
    pub created_ms: i64,
    /// When its state last changed, in milliseconds since the Unix epoch.
    pub updated_ms: i64,
}

/// How many orders are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Not sent yet.
    pub pending: u64,
    /// Claimed by a worker (in doubt if no worker is running).
    pub sending: u64,
    /// Issued.
    pub issued: u64,
    /// Refused.
    pub refused: u64,
    /// In doubt.
    pub in_doubt: u64,
}

impl Summary {
    /// Every order.
    pub fn total(&self) -> u64 {
        self.pending + self.sending + self.issued + self.refused + self.in_doubt
    }

    /// Orders not settled: pending, sending or in doubt.
    pub fn unsettled(&self) -> u64 {
        self.pending + self.sending + self.in_doubt
    }

    /// Adds `count` orders in `state`.
    pub fn add(&mut self, state: OrderState, count: u64) {
        *self.count_mut(state) += count;
    }

    /// Moves one order from `from` to `to`.
    pub fn moved(&mut self, from: OrderState, to: OrderState) {
        let source = self.count_mut(from);
        *source = source.saturating_sub(1);
        *self.count_mut(to) += 1;
    }

    fn count_mut(&mut self, state: OrderState) -> &mut u64 {
        match state {
            OrderState::Pending => &mut self.pending,
            OrderState::Sending => &mut self.sending,
            OrderState::Issued => &mut self.issued,
            OrderState::Refused => &mut self.refused,
            OrderState::InDoubt => &mut self.in_doubt,
        }
    }
}

/// Now, in milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}
