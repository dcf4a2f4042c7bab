//! The mock's memory: issued invoices, allowances, number allocation and request counts.
//!
//! [`MockState`] is a cheap handle (clone it freely) on one store behind a lock. The
//! operations (SOAP and HTTP POST alike) change it only through the methods here; tests
//! read it, add allowances (no SOAP operation creates one) and set the clock.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use paynow_einvoice::domain::{CsvRow, Decimal, OrderNo};

use crate::clock::{Period, TaiwanTime};

/// Whether an invoice stands or was voided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InvoiceStatus {
    /// Issued (開立), possibly with allowances.
    Issued,
    /// Voided (作廢).
    Voided,
}

/// An invoice the mock issued, as tests read it.
#[derive(Debug, Clone, PartialEq)]
pub struct InvoiceRecord {
    /// The invoice number: the period's track and an eight-digit sequence, e.g. `AI00000001`.
    pub invoice_number: String,
    /// The four-digit random number.
    pub random_number: String,
    /// The merchant's order number (the CSV `orderno`).
    pub order_no: String,
    /// The period it was issued in.
    pub period: Period,
    /// When it was issued (mock clock).
    pub issued_at: TaiwanTime,
    /// Issued or voided.
    pub status: InvoiceStatus,
    /// The sum of its rows' `Amount`s.
    pub total: Decimal,
    /// The sum of its allowances that are not voided.
    pub allowance_total: Decimal,
    /// The CSV rows (line items) it was issued from.
    pub rows: Vec<CsvRow>,
    /// The numbers of its allowances, voided ones included, oldest first.
    pub allowances: Vec<String>,
}

impl InvoiceRecord {
    /// What is left after the live allowances: `total − allowance_total`.
    pub fn remaining(&self) -> Decimal {
        self.total - self.allowance_total
    }

    /// Whether an allowance that is not voided exists.
    pub fn has_live_allowance(&self) -> bool {
        !self.allowance_total.is_zero()
    }

    /// PayNow's `kMapingCode` for it, which `Sel_Invoice_body_mem_cid` takes: the mock
    /// derives it from the invoice number (PayNow's own scheme is not published).
    pub fn mapping_code(&self) -> String {
        format!("{MAPPING_CODE_PREFIX}{}", self.invoice_number)
    }
}

/// What [`InvoiceRecord::mapping_code`] puts before the invoice number.
const MAPPING_CODE_PREFIX: &str = "KM";

/// One line of an allowance (折讓單).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowanceLine {
    /// What is allowed for.
    pub description: String,
    /// The quantity.
    pub quantity: Decimal,
    /// The unit price.
    pub unit_price: Decimal,
    /// The line amount.
    pub amount: Decimal,
}

impl AllowanceLine {
    /// A line of quantity 1 at `amount`.
    pub fn new(description: impl Into<String>, amount: Decimal) -> Self {
        Self {
            description: description.into(),
            quantity: Decimal::ONE,
            unit_price: amount,
            amount,
        }
    }
}

/// An allowance (折讓單) made on an invoice through [`MockState::add_allowance`].
#[derive(Debug, Clone, PartialEq)]
pub struct AllowanceRecord {
    /// The allowance number: `AL`, the date `yyyyMMdd` and a six-digit sequence.
    pub allowance_number: String,
    /// The invoice it reduces.
    pub invoice_number: String,
    /// When it was made (mock clock).
    pub issued_at: TaiwanTime,
    /// Its lines.
    pub lines: Vec<AllowanceLine>,
    /// The sum of its lines' amounts.
    pub total: Decimal,
    /// Whether it was voided (then it no longer blocks voiding the invoice).
    pub voided: bool,
}

/// Why the store refused a change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StateError {
    /// Order numbers of the batch already have invoices: `(order number, invoice number)`.
    #[error("order numbers already issued: {0:?}")]
    OrderAlreadyIssued(Vec<(String, String)>),
    /// A batch row is unacceptable (row numbers count from 1).
    #[error("row {row}: {reason}")]
    InvalidRow {
        /// The row.
        row: usize,
        /// What is wrong.
        reason: String,
    },
    /// The period's track has no number left.
    #[error("no invoice number left in the period's track")]
    NumbersExhausted,
    /// No invoice has this number.
    #[error("no invoice {0}")]
    InvoiceNotFound(String),
    /// The invoice is voided.
    #[error("invoice {0} is voided")]
    InvoiceVoided(String),
    /// The invoice has an allowance that is not voided.
    #[error("invoice {invoice_number} has allowance {allowance_number}")]
    LiveAllowance {
        /// The invoice.
        invoice_number: String,
        /// Its live allowance.
        allowance_number: String,
    },
    /// The allowance would be empty, zero or negative.
    #[error("an allowance needs lines with a positive total")]
    EmptyAllowance,
    /// The allowance would exceed what is left of the invoice.
    #[error("the allowance exceeds the {remaining} left on invoice {invoice_number}")]
    AllowanceExceedsRemaining {
        /// The invoice.
        invoice_number: String,
        /// What is left of it.
        remaining: Decimal,
    },
    /// No allowance has this number.
    #[error("no allowance {0}")]
    AllowanceNotFound(String),
    /// The allowance is voided already.
    #[error("allowance {0} is voided")]
    AllowanceVoided(String),
}

/// A handle on the mock's state, shared by the server and the tests.
#[derive(Debug, Clone)]
pub struct MockState {
    store: Arc<Mutex<Store>>,
}

#[derive(Debug)]
struct Store {
    allow_duplicate_orders: bool,
    fixed_now: Option<TaiwanTime>,
    random: SplitMix64,
    invoices: Vec<InvoiceRecord>,
    by_number: HashMap<String, usize>,
    /// Every invoice issued for an order number, oldest first.
    by_order: HashMap<String, Vec<usize>>,
    /// The last sequence number used in each period.
    sequences: HashMap<Period, u32>,
    allowances: Vec<AllowanceRecord>,
    allowance_by_number: HashMap<String, usize>,
    requests: HashMap<String, usize>,
}

/// One invoice of a batch, validated, before numbers are allocated.
struct Pending {
    order_no: String,
    rows: Vec<CsvRow>,
    total: Decimal,
}

impl MockState {
    /// An empty store. With `allow_duplicate_orders`, an order number that already has an
    /// invoice gets another one instead of being refused (to test that a client does not
    /// issue twice). `seed` makes the random numbers reproducible; `fixed_now` stops the
    /// clock (`None`: the system clock).
    pub fn new(allow_duplicate_orders: bool, seed: u64, fixed_now: Option<TaiwanTime>) -> Self {
        Self {
            store: Arc::new(Mutex::new(Store {
                allow_duplicate_orders,
                fixed_now,
                random: SplitMix64(seed),
                invoices: Vec::new(),
                by_number: HashMap::new(),
                by_order: HashMap::new(),
                sequences: HashMap::new(),
                allowances: Vec::new(),
                allowance_by_number: HashMap::new(),
                requests: HashMap::new(),
            })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        // Every change is made in full before the lock is released, so a poisoned lock
        // still guards consistent data.
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The mock's current time: the fixed time if one is set, else the system clock.
    pub fn now(&self) -> TaiwanTime {
        self.lock().fixed_now.unwrap_or_else(TaiwanTime::now)
    }

    /// Stops the clock at `now` (invoices are dated and numbered by its period), or with
    /// `None` lets it follow the system clock again.
    pub fn set_now(&self, now: Option<TaiwanTime>) {
        self.lock().fixed_now = now;
    }

    /// Every invoice issued, oldest first.
    pub fn invoices(&self) -> Vec<InvoiceRecord> {
        self.lock().invoices.clone()
    }

    /// The invoice with this number.
    pub fn invoice(&self, invoice_number: &str) -> Option<InvoiceRecord> {
        let store = self.lock();
        store
            .find(invoice_number)
            .map(|index| store.invoices[index].clone())
    }

    /// The (latest) invoice issued for this order number.
    pub fn invoice_for_order(&self, order_no: &str) -> Option<InvoiceRecord> {
        let store = self.lock();
        store
            .latest_for_order(order_no)
            .map(|index| store.invoices[index].clone())
    }

    /// The invoice whose [`mapping_code`](InvoiceRecord::mapping_code) is `code`.
    pub fn invoice_for_mapping_code(&self, code: &str) -> Option<InvoiceRecord> {
        self.invoice(code.strip_prefix(MAPPING_CODE_PREFIX)?)
    }

    /// The allowances made on invoice `invoice_number`, voided ones included, oldest first.
    pub fn allowances_of(&self, invoice_number: &str) -> Vec<AllowanceRecord> {
        let store = self.lock();
        store
            .allowances
            .iter()
            .filter(|allowance| allowance.invoice_number == invoice_number)
            .cloned()
            .collect()
    }

    /// Takes the next `count` invoice numbers of the current period's track without
    /// issuing anything (`GetInvoiceNumber_ParamIntUUID`), so no invoice gets them later.
    pub fn reserve_numbers(&self, count: u32) -> Result<(Period, Vec<String>), StateError> {
        let mut store = self.lock();
        let period = store.now().period();
        let numbers = store.take_numbers(period, count)?.collect();
        Ok((period, numbers))
    }

    /// How many invoices were issued for this order number: 0 or 1, unless duplicate
    /// orders are allowed. Exactly-once tests count on this.
    pub fn issued_count(&self, order_no: &str) -> usize {
        self.lock().by_order.get(order_no).map_or(0, Vec::len)
    }

    /// The status of the invoice with this number.
    pub fn status(&self, invoice_number: &str) -> Option<InvoiceStatus> {
        self.invoice(invoice_number).map(|invoice| invoice.status)
    }

    /// The allowance with this number.
    pub fn allowance(&self, allowance_number: &str) -> Option<AllowanceRecord> {
        let store = self.lock();
        store
            .allowance_by_number
            .get(allowance_number)
            .map(|&index| store.allowances[index].clone())
    }

    /// How many requests named `operation` reached the mock (faulted ones included; a
    /// request refused before its operation was known is not counted).
    pub fn requests(&self, operation: &str) -> usize {
        self.lock().requests.get(operation).copied().unwrap_or(0)
    }

    pub(crate) fn record_request(&self, operation: &str) {
        *self
            .lock()
            .requests
            .entry(operation.to_owned())
            .or_default() += 1;
    }

    /// Makes an allowance on an invoice (no SOAP operation creates one) and returns its
    /// number. The invoice must be issued, not voided, and the lines must total more than
    /// zero and at most what is left of it.
    pub fn add_allowance(
        &self,
        invoice_number: &str,
        lines: Vec<AllowanceLine>,
    ) -> Result<String, StateError> {
        let mut store = self.lock();
        let now = store.now();
        let index = store.issued(invoice_number)?;
        let total: Decimal = lines.iter().map(|line| line.amount).sum();
        if lines.is_empty() || total <= Decimal::ZERO {
            return Err(StateError::EmptyAllowance);
        }
        let invoice = &store.invoices[index];
        if total > invoice.remaining() {
            return Err(StateError::AllowanceExceedsRemaining {
                invoice_number: invoice_number.to_owned(),
                remaining: invoice.remaining(),
            });
        }
        let allowance_number = format!("AL{}{:06}", now.compact_date(), store.allowances.len() + 1);
        let invoice = &mut store.invoices[index];
        invoice.allowance_total += total;
        invoice.allowances.push(allowance_number.clone());
        let record = AllowanceRecord {
            allowance_number: allowance_number.clone(),
            invoice_number: invoice_number.to_owned(),
            issued_at: now,
            lines,
            total,
            voided: false,
        };
        let position = store.allowances.len();
        store.allowances.push(record);
        store
            .allowance_by_number
            .insert(allowance_number.clone(), position);
        Ok(allowance_number)
    }

    /// Voids an allowance, which gives its amount back to the invoice.
    pub fn void_allowance(&self, allowance_number: &str) -> Result<(), StateError> {
        let mut store = self.lock();
        let not_found = || StateError::AllowanceNotFound(allowance_number.to_owned());
        let index = *store
            .allowance_by_number
            .get(allowance_number)
            .ok_or_else(not_found)?;
        let allowance = &mut store.allowances[index];
        if allowance.voided {
            return Err(StateError::AllowanceVoided(allowance_number.to_owned()));
        }
        allowance.voided = true;
        let (total, invoice_number) = (allowance.total, allowance.invoice_number.clone());
        let invoice = store.find(&invoice_number).ok_or_else(not_found)?;
        store.invoices[invoice].allowance_total -= total;
        Ok(())
    }

    /// Checks a batch as `Invoice_PatchData_Check` does: only whether an order number was
    /// issued already (after the same row checks as [`issue_batch`](Self::issue_batch)).
    pub fn check_batch(&self, rows: Vec<CsvRow>) -> Result<(), StateError> {
        let pending = group(rows)?;
        self.lock().refuse_issued_orders(&pending)
    }

    /// Issues a batch as `UploadInvoice_Patch` does: rows sharing an order number form one
    /// invoice; every invoice gets the next number of the current period's track and a
    /// random number. All or nothing: one refused order refuses the batch. Returns each
    /// order number with its invoice number, in the batch's order.
    pub fn issue_batch(&self, rows: Vec<CsvRow>) -> Result<Vec<(String, String)>, StateError> {
        let pending = group(rows)?;
        let mut store = self.lock();
        if !store.allow_duplicate_orders {
            store.refuse_issued_orders(&pending)?;
        }
        let now = store.now();
        let period = now.period();
        let count = u32::try_from(pending.len()).map_err(|_| StateError::NumbersExhausted)?;
        let numbers = store.take_numbers(period, count)?;
        let mut issued = Vec::with_capacity(pending.len());
        for (invoice_number, invoice) in numbers.zip(pending) {
            let random_number = format!("{:04}", store.random.next() % 10_000);
            let index = store.invoices.len();
            store.by_number.insert(invoice_number.clone(), index);
            store
                .by_order
                .entry(invoice.order_no.clone())
                .or_default()
                .push(index);
            issued.push((invoice.order_no.clone(), invoice_number.clone()));
            store.invoices.push(InvoiceRecord {
                invoice_number,
                random_number,
                order_no: invoice.order_no,
                period,
                issued_at: now,
                status: InvoiceStatus::Issued,
                total: invoice.total,
                allowance_total: Decimal::ZERO,
                rows: invoice.rows,
                allowances: Vec::new(),
            });
        }
        Ok(issued)
    }

    /// Voids an invoice. Refused when it is unknown, already voided, or has an allowance
    /// that is not voided.
    pub fn void(&self, invoice_number: &str) -> Result<(), StateError> {
        let mut store = self.lock();
        let index = store.issued(invoice_number)?;
        if let Some(allowance_number) = store.live_allowance(index) {
            return Err(StateError::LiveAllowance {
                invoice_number: invoice_number.to_owned(),
                allowance_number,
            });
        }
        store.invoices[index].status = InvoiceStatus::Voided;
        Ok(())
    }
}

impl Store {
    /// Takes the next `count` invoice numbers of `period`'s track (eight-digit
    /// sequences after the track's two letters), or `NumbersExhausted`.
    fn take_numbers(
        &mut self,
        period: Period,
        count: u32,
    ) -> Result<impl Iterator<Item = String> + use<>, StateError> {
        let first = self.sequences.get(&period).copied().unwrap_or(0);
        let last = first
            .checked_add(count)
            .filter(|&last| last <= 99_999_999)
            .ok_or(StateError::NumbersExhausted)?;
        self.sequences.insert(period, last);
        let track = period.track();
        Ok((first + 1..=last).map(move |sequence| format!("{track}{sequence:08}")))
    }

    fn now(&self) -> TaiwanTime {
        self.fixed_now.unwrap_or_else(TaiwanTime::now)
    }

    fn find(&self, invoice_number: &str) -> Option<usize> {
        self.by_number.get(invoice_number).copied()
    }

    fn latest_for_order(&self, order_no: &str) -> Option<usize> {
        self.by_order
            .get(order_no)
            .and_then(|all| all.last().copied())
    }

    /// The index of an invoice that exists and is not voided.
    fn issued(&self, invoice_number: &str) -> Result<usize, StateError> {
        let index = self
            .find(invoice_number)
            .ok_or_else(|| StateError::InvoiceNotFound(invoice_number.to_owned()))?;
        match self.invoices[index].status {
            InvoiceStatus::Issued => Ok(index),
            InvoiceStatus::Voided => Err(StateError::InvoiceVoided(invoice_number.to_owned())),
        }
    }

    /// The number of the invoice's first allowance that is not voided.
    fn live_allowance(&self, invoice: usize) -> Option<String> {
        self.invoices[invoice]
            .allowances
            .iter()
            .find(|number| {
                self.allowance_by_number
                    .get(number.as_str())
                    .is_some_and(|&index| !self.allowances[index].voided)
            })
            .cloned()
    }

    fn refuse_issued_orders(&self, pending: &[Pending]) -> Result<(), StateError> {
        let issued: Vec<(String, String)> = pending
            .iter()
            .filter_map(|invoice| {
                let index = self.latest_for_order(&invoice.order_no)?;
                Some((
                    invoice.order_no.clone(),
                    self.invoices[index].invoice_number.clone(),
                ))
            })
            .collect();
        if issued.is_empty() {
            Ok(())
        } else {
            Err(StateError::OrderAlreadyIssued(issued))
        }
    }
}

/// Groups rows into invoices by order number (in order of first appearance), checking
/// each order number and amount.
fn group(rows: Vec<CsvRow>) -> Result<Vec<Pending>, StateError> {
    let mut pending: Vec<Pending> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for (index, row) in rows.into_iter().enumerate() {
        let invalid = |reason: String| StateError::InvalidRow {
            row: index + 1,
            reason,
        };
        OrderNo::parse(&row.order_no)
            .map_err(|error| invalid(format!("orderno {:?}: {error}", row.order_no)))?;
        let amount: Decimal = row
            .amount
            .parse()
            .map_err(|_| invalid(format!("Amount {:?} is not a number", row.amount)))?;
        match position.get(&row.order_no) {
            Some(&at) => {
                pending[at].total += amount;
                pending[at].rows.push(row);
            }
            None => {
                position.insert(row.order_no.clone(), pending.len());
                pending.push(Pending {
                    order_no: row.order_no.clone(),
                    rows: vec![row],
                    total: amount,
                });
            }
        }
    }
    Ok(pending)
}

/// A small, seedable generator for the four-digit random numbers (SplitMix64).
#[derive(Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(order_no: &str, amount: &str) -> CsvRow {
        CsvRow {
            order_no: order_no.into(),
            buyer_name: "王小明".into(),
            description: "咖啡".into(),
            quantity: "1".into(),
            unit_price: amount.into(),
            amount: amount.into(),
            item_tax_type: "1".into(),
            ..CsvRow::default()
        }
    }

    fn state_at(month: u8) -> MockState {
        MockState::new(false, 7, TaiwanTime::new(2025, month, 10, 12, 0, 0))
    }

    #[test]
    fn rows_sharing_an_order_form_one_invoice_numbered_in_sequence() {
        let state = state_at(3);
        let issued = state
            .issue_batch(vec![row("A1", "100"), row("B2", "50"), row("A1", "20")])
            .unwrap();
        let track = TaiwanTime::new(2025, 3, 1, 0, 0, 0)
            .unwrap()
            .period()
            .track();
        assert_eq!(
            issued,
            vec![
                ("A1".into(), format!("{track}00000001")),
                ("B2".into(), format!("{track}00000002")),
            ]
        );
        let a1 = state.invoice_for_order("A1").unwrap();
        assert_eq!((a1.total, a1.rows.len()), (Decimal::from(120), 2));
        assert_eq!(a1.random_number.len(), 4);
        assert!(a1.random_number.bytes().all(|b| b.is_ascii_digit()));
    }

    #[test]
    fn each_period_has_its_own_track_and_sequence() {
        let state = state_at(3);
        state.issue_batch(vec![row("A1", "100")]).unwrap();
        state.set_now(TaiwanTime::new(2025, 5, 1, 0, 0, 0));
        let issued = state.issue_batch(vec![row("B1", "100")]).unwrap();
        let may = TaiwanTime::new(2025, 5, 1, 0, 0, 0).unwrap().period();
        assert_eq!(issued[0].1, format!("{}00000001", may.track()));
        assert_ne!(state.invoice_for_order("A1").unwrap().period, may);
    }

    #[test]
    fn a_batch_with_an_issued_order_is_refused_whole() {
        let state = state_at(3);
        let first = state.issue_batch(vec![row("A1", "100")]).unwrap();
        let error = state
            .issue_batch(vec![row("B1", "10"), row("A1", "100")])
            .unwrap_err();
        assert_eq!(
            error,
            StateError::OrderAlreadyIssued(vec![("A1".into(), first[0].1.clone())])
        );
        assert_eq!(state.issued_count("A1"), 1);
        assert_eq!(state.issued_count("B1"), 0);
        assert_eq!(state.check_batch(vec![row("A1", "1")]), Err(error));
    }

    #[test]
    fn duplicates_can_be_allowed_to_expose_double_issuing() {
        let state = MockState::new(true, 1, None);
        state.issue_batch(vec![row("A1", "100")]).unwrap();
        state.issue_batch(vec![row("A1", "100")]).unwrap();
        assert_eq!(state.issued_count("A1"), 2);
    }

    #[test]
    fn bad_rows_are_refused_with_their_row_number() {
        let state = state_at(3);
        let error = state
            .issue_batch(vec![row("A1", "100"), row("A2", "x")])
            .unwrap_err();
        assert!(
            matches!(error, StateError::InvalidRow { row: 2, .. }),
            "{error:?}"
        );
        assert!(matches!(
            state.issue_batch(vec![row(&"9".repeat(31), "1")]),
            Err(StateError::InvalidRow { row: 1, .. })
        ));
        assert!(state.invoices().is_empty());
    }

    #[test]
    fn allowances_block_voiding_until_voided() {
        let state = state_at(3);
        let number = state.issue_batch(vec![row("A1", "300")]).unwrap()[0]
            .1
            .clone();
        assert!(matches!(
            state.add_allowance(
                &number,
                vec![AllowanceLine::new("退貨", Decimal::from(301))]
            ),
            Err(StateError::AllowanceExceedsRemaining { .. })
        ));
        assert_eq!(
            state.add_allowance(&number, vec![]),
            Err(StateError::EmptyAllowance)
        );
        let allowance = state
            .add_allowance(
                &number,
                vec![AllowanceLine::new("退貨", Decimal::from(100))],
            )
            .unwrap();
        assert_eq!(
            state.invoice(&number).unwrap().remaining(),
            Decimal::from(200)
        );
        assert_eq!(
            state.void(&number),
            Err(StateError::LiveAllowance {
                invoice_number: number.clone(),
                allowance_number: allowance.clone()
            })
        );
        state.void_allowance(&allowance).unwrap();
        assert_eq!(
            state.void_allowance(&allowance),
            Err(StateError::AllowanceVoided(allowance))
        );
        state.void(&number).unwrap();
        assert_eq!(state.status(&number), Some(InvoiceStatus::Voided));
        assert_eq!(state.void(&number), Err(StateError::InvoiceVoided(number)));
        assert_eq!(
            state.void("ZZ00000000"),
            Err(StateError::InvoiceNotFound("ZZ00000000".into()))
        );
    }
}
