//! An invoice to issue through `UploadInvoice_Patch`, as the merchant describes it, and the
//! rules it must meet before it is sent.
//!
//! The types hold what was given, unchecked, so that [`Invoice::validate`] can report every
//! problem at once, each with its field path, instead of stopping at the first.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ids::{ORDER_NO_MAX, OrderNo, OrderNoError};
use super::text::{csv_unsafe, describe_all, text_len};
use super::ubn::{Ubn, UbnError};
use super::validation::{Problems, Rule, ValidationError};

/// The longest buyer name (`buyer_name`), in characters.
pub const BUYER_NAME_MAX: usize = 50;
/// The longest postal address (`buyer_add`), in characters.
pub const ADDRESS_MAX: usize = 100;
/// The longest e-mail address (`buyer_email`), in characters.
pub const EMAIL_MAX: usize = 80;
/// The longest item description (`Description`), in characters.
pub const DESCRIPTION_MAX: usize = 200;
/// The longest remark (`Remark`), in characters.
pub const REMARK_MAX: usize = 25;

/// One invoice: one order, one buyer, how the buyer gets it, and its line items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    /// The merchant's order number (`orderno`): 1 to 30 characters, unique per invoice.
    pub order_no: String,
    /// Who buys.
    pub buyer: Buyer,
    /// How the invoice reaches the buyer: a carrier, a donation, a mailed paper copy, or
    /// e-mail only.
    pub delivery: Delivery,
    /// The buyer's mobile phone, `09` and eight digits; without it the invoice cannot be
    /// claimed to a carrier later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The buyer's e-mail address (at most 80 characters); when given, the invoice is e-mailed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The line items, at least one.
    pub items: Vec<Item>,
    /// A remark of at most 25 characters (for card payments, the card's last four digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// The buyer: a consumer (B2C) or a business identified by its 統一編號 (B2B).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Buyer {
    /// A consumer. PayNow requires a name on every invoice all the same.
    Consumer {
        /// The name printed on the invoice (at most 50 characters).
        name: String,
    },
    /// A business: the invoice carries its number, and it may only use a mobile-barcode
    /// carrier and cannot be donated.
    Business {
        /// The business number, eight digits with a valid check digit (see [`Ubn`]).
        ubn: String,
        /// The business's name (at most 50 characters).
        name: String,
    },
}

/// How the buyer gets the invoice. Exactly one way: a donated invoice has no carrier, and a
/// carrier or donated invoice is not mailed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Stored on a carrier (載具).
    Carrier(Carrier),
    /// Donated to a charity.
    Donation {
        /// The charity's love code (愛心碼), 3 to 7 digits.
        love_code: String,
    },
    /// A paper copy is mailed.
    Paper {
        /// The postal address, at most 100 characters. PayNow reads an address that starts
        /// with `BRING` as "keep it, do not mail", so such an address is refused here.
        address: String,
    },
    /// No carrier, donation or paper copy: the invoice is sent to [`Invoice::email`] only,
    /// which is then required.
    None,
}

/// An e-invoice carrier and its code. PayNow's `CarrierID_1` (visible code) and `CarrierID_2`
/// (hidden code) both get the code of a mobile barcode or citizen certificate; an EasyCard
/// has only a hidden code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Carrier {
    /// Mobile barcode (手機條碼, `3J0002`): `/` and seven of `0-9 A-Z . + -`, e.g. `/ABC1234`.
    MobileBarcode {
        /// The barcode, e.g. `/ABC1234`.
        code: String,
    },
    /// Citizen digital certificate (自然人憑證, `CQ0001`): two uppercase letters and 14 digits.
    CitizenCertificate {
        /// The certificate number, e.g. `AB12345678901234`.
        code: String,
    },
    /// EasyCard (悠遊卡, `1K0001`): its nine-digit hidden code.
    EasyCard {
        /// The card's hidden code, nine digits.
        hidden_code: String,
    },
}

impl Carrier {
    /// The MOF carrier type code PayNow expects in `CarrierType`.
    pub fn type_code(&self) -> &'static str {
        match self {
            Carrier::MobileBarcode { .. } => "3J0002",
            Carrier::CitizenCertificate { .. } => "CQ0001",
            Carrier::EasyCard { .. } => "1K0001",
        }
    }

    /// The visible code (`CarrierID_1`): the code itself, empty for an EasyCard.
    pub fn visible_code(&self) -> &str {
        match self {
            Carrier::MobileBarcode { code } | Carrier::CitizenCertificate { code } => code,
            Carrier::EasyCard { .. } => "",
        }
    }

    /// The hidden code (`CarrierID_2`): the code itself, or an EasyCard's hidden code.
    pub fn hidden_code(&self) -> &str {
        match self {
            Carrier::MobileBarcode { code } | Carrier::CitizenCertificate { code } => code,
            Carrier::EasyCard { hidden_code } => hidden_code,
        }
    }
}

/// One line item. Numbers are exact decimals, written as strings in JSON (`"1.5"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// What was sold, at most 200 characters.
    pub description: String,
    /// How many, more than zero.
    #[serde(with = "rust_decimal::serde::str")]
    pub quantity: Decimal,
    /// The price of one, tax included for consumers.
    #[serde(with = "rust_decimal::serde::str")]
    pub unit_price: Decimal,
    /// The line total: exactly `quantity × unit_price`.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// How the line is taxed.
    pub tax_type: TaxType,
}

/// How a line is taxed (`ItemTaxtype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TaxType {
    /// Taxable at 5% (`1`).
    Taxable,
    /// Zero-rated (`2`), which always states whether the goods clear customs.
    ZeroRate {
        /// The customs-clearance mark (`IsPassCustoms`).
        customs: Customs,
    },
    /// Tax-free (`3`).
    TaxFree,
}

impl TaxType {
    /// The code PayNow expects in `ItemTaxtype`: `1`, `2` or `3`.
    pub fn code(&self) -> &'static str {
        match self {
            TaxType::Taxable => "1",
            TaxType::ZeroRate { .. } => "2",
            TaxType::TaxFree => "3",
        }
    }

    /// The code PayNow expects in `IsPassCustoms`: the mark of a zero-rated line, else empty.
    pub fn customs_code(&self) -> &'static str {
        match self {
            TaxType::ZeroRate { customs } => customs.code(),
            TaxType::Taxable | TaxType::TaxFree => "",
        }
    }
}

/// The customs-clearance mark of a zero-rated line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Customs {
    /// Not exported through customs (`1`).
    NotThroughCustoms,
    /// Exported through customs (`2`).
    ThroughCustoms,
}

impl Customs {
    /// The code PayNow expects in `IsPassCustoms`: `1` or `2`.
    pub fn code(&self) -> &'static str {
        match self {
            Customs::NotThroughCustoms => "1",
            Customs::ThroughCustoms => "2",
        }
    }
}

impl Invoice {
    /// Checks every rule and reports every problem, each with its field path (see
    /// [`Problem::field`](super::Problem::field)); `Ok` when the invoice can be sent.
    ///
    /// Values containing `,`, `'`, a line feed or a carriage return are refused
    /// ([`Rule::CsvUnsafe`]): PayNow's CSV has no escaping, and this crate never strips them.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let mut problems = Problems::default();
        self.check(&mut problems);
        problems.into_result()
    }

    fn check(&self, problems: &mut Problems) {
        check_order_no(problems, &self.order_no);
        let business = match &self.buyer {
            Buyer::Consumer { name } => {
                check_text(problems, "buyer.name", name, Some(BUYER_NAME_MAX), true);
                false
            }
            Buyer::Business { ubn, name } => {
                check_ubn(problems, ubn);
                check_text(problems, "buyer.name", name, Some(BUYER_NAME_MAX), true);
                true
            }
        };
        self.check_delivery(problems, business);
        if let Some(phone) = &self.phone {
            let ok = phone.len() == 10
                && phone.starts_with("09")
                && phone.bytes().all(|b| b.is_ascii_digit());
            check_optional_pattern(
                problems,
                "phone",
                phone,
                ok,
                "a mobile phone number is 09 and eight digits, e.g. 0912345678",
            );
        }
        match &self.email {
            Some(email) => check_email(problems, email),
            None if self.delivery == Delivery::None => problems.push(
                "email",
                Rule::Required,
                "an invoice with no carrier, donation or paper copy is sent by e-mail: give an e-mail address",
            ),
            None => {}
        }
        if self.items.is_empty() {
            problems.push("items", Rule::Required, "an invoice has at least one item");
        }
        for (index, item) in self.items.iter().enumerate() {
            if let Err(error) = item.validate() {
                problems.extend_prefixed(&format!("items[{index}]"), error);
            }
        }
        if let Some(remark) = &self.remark {
            check_text(problems, "remark", remark, Some(REMARK_MAX), false);
        }
    }

    fn check_delivery(&self, problems: &mut Problems, business: bool) {
        match &self.delivery {
            Delivery::Carrier(carrier) => {
                if business && !matches!(carrier, Carrier::MobileBarcode { .. }) {
                    problems.push(
                        "delivery.carrier",
                        Rule::NotAllowed,
                        "an invoice to a business (with a 統一編號) may only use a mobile barcode carrier (3J0002)",
                    );
                }
                check_carrier(problems, carrier);
            }
            Delivery::Donation { love_code } => {
                if business {
                    problems.push(
                        "delivery.donation",
                        Rule::NotAllowed,
                        "an invoice to a business (with a 統一編號) cannot be donated",
                    );
                }
                let ok = (3..=7).contains(&love_code.len())
                    && love_code.bytes().all(|b| b.is_ascii_digit());
                check_pattern(
                    problems,
                    "delivery.donation.love_code",
                    love_code,
                    ok,
                    "a love code (愛心碼) is 3 to 7 digits",
                );
            }
            Delivery::Paper { address } => {
                let path = "delivery.paper.address";
                check_text(problems, path, address, Some(ADDRESS_MAX), true);
                if address
                    .get(..5)
                    .is_some_and(|head| head.eq_ignore_ascii_case("BRING"))
                {
                    problems.push(
                        path,
                        Rule::NotAllowed,
                        "PayNow does not mail to an address that starts with BRING; give the postal address",
                    );
                }
            }
            // The e-mail address it needs is checked with the e-mail, in field order.
            Delivery::None => {}
        }
    }
}

impl Item {
    /// Checks the item alone; paths are relative to it (`description`, `quantity`, `amount`).
    pub fn validate(&self) -> Result<(), ValidationError> {
        let mut problems = Problems::default();
        check_text(
            &mut problems,
            "description",
            &self.description,
            Some(DESCRIPTION_MAX),
            true,
        );
        if self.quantity <= Decimal::ZERO {
            problems.push(
                "quantity",
                Rule::NotPositive,
                format!("the quantity must be more than 0, not {}", self.quantity),
            );
        }
        match self.quantity.checked_mul(self.unit_price) {
            Some(expected) if expected == self.amount => {}
            Some(expected) => problems.push(
                "amount",
                Rule::AmountMismatch,
                format!(
                    "the amount {} is not quantity {} × unit price {} = {}",
                    self.amount,
                    self.quantity,
                    self.unit_price,
                    expected.normalize()
                ),
            ),
            None => problems.push(
                "amount",
                Rule::AmountMismatch,
                "quantity × unit price is too large to compute",
            ),
        }
        problems.into_result()
    }
}

fn check_order_no(problems: &mut Problems, order_no: &str) {
    match OrderNo::parse(order_no) {
        Ok(_) => {}
        Err(OrderNoError::Empty) => {
            problems.push("order_no", Rule::Required, "an order number is required")
        }
        // Report every unsafe character and the length as well.
        Err(OrderNoError::CsvUnsafe(_) | OrderNoError::TooLong) => {
            check_text(problems, "order_no", order_no, Some(ORDER_NO_MAX), false);
        }
    }
}

/// Free text: required (not only whitespace) if `required`, no CSV-breaking character, at
/// most `max` characters. Each broken rule is one problem.
fn check_text(
    problems: &mut Problems,
    path: &str,
    value: &str,
    max: Option<usize>,
    required: bool,
) {
    let unsafe_characters = csv_unsafe(value);
    if required && value.trim().is_empty() && unsafe_characters.is_empty() {
        problems.push(path, Rule::Required, "a value is required");
    }
    if !unsafe_characters.is_empty() {
        problems.push(
            path,
            Rule::CsvUnsafe,
            csv_unsafe_message(&unsafe_characters),
        );
    }
    if let Some(max) = max {
        let length = text_len(value);
        if length > max {
            problems.push(
                path,
                Rule::TooLong,
                format!("at most {max} characters, not {length}"),
            );
        }
    }
}

/// A value with a fixed shape: at most one problem, the CSV-breaking characters first, then
/// the shape (an empty value is [`Rule::Required`] when the field is not optional).
fn check_pattern(problems: &mut Problems, path: &str, value: &str, ok: bool, shape: &str) {
    check_shape(problems, path, value, ok, shape, true);
}

/// [`check_pattern`] for an optional field given as `Some`: empty is a [`Rule::Format`] problem.
fn check_optional_pattern(problems: &mut Problems, path: &str, value: &str, ok: bool, shape: &str) {
    check_shape(problems, path, value, ok, shape, false);
}

fn check_shape(
    problems: &mut Problems,
    path: &str,
    value: &str,
    ok: bool,
    shape: &str,
    required: bool,
) {
    let unsafe_characters = csv_unsafe(value);
    if !unsafe_characters.is_empty() {
        problems.push(
            path,
            Rule::CsvUnsafe,
            csv_unsafe_message(&unsafe_characters),
        );
    } else if !ok {
        let rule = if required && value.is_empty() {
            Rule::Required
        } else {
            Rule::Format
        };
        problems.push(path, rule, shape);
    }
}

fn csv_unsafe_message(characters: &[char]) -> String {
    format!(
        "contains {}, which would corrupt PayNow's batch CSV (it has no escaping); remove {} yourself",
        describe_all(characters),
        if characters.len() == 1 { "it" } else { "them" }
    )
}

fn check_ubn(problems: &mut Problems, ubn: &str) {
    let unsafe_characters = csv_unsafe(ubn);
    if !unsafe_characters.is_empty() {
        problems.push(
            "buyer.ubn",
            Rule::CsvUnsafe,
            csv_unsafe_message(&unsafe_characters),
        );
        return;
    }
    match Ubn::parse(ubn) {
        Ok(_) => {}
        Err(UbnError::Format) if ubn.is_empty() => {
            problems.push(
                "buyer.ubn",
                Rule::Required,
                "a business buyer needs its business number (統一編號)",
            );
        }
        Err(error @ UbnError::Format) => {
            problems.push("buyer.ubn", Rule::Format, error.to_string())
        }
        Err(error @ UbnError::Checksum) => {
            problems.push("buyer.ubn", Rule::Checksum, error.to_string())
        }
    }
}

fn check_carrier(problems: &mut Problems, carrier: &Carrier) {
    match carrier {
        Carrier::MobileBarcode { code } => {
            let ok = code.len() == 8
                && code.starts_with('/')
                && code[1..]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || b"+-.".contains(&b));
            let shape = "a mobile barcode is / and seven of 0-9, A-Z, '.', '+', '-', e.g. /ABC1234";
            check_pattern(problems, "delivery.carrier.code", code, ok, shape);
        }
        Carrier::CitizenCertificate { code } => {
            let bytes = code.as_bytes();
            let ok = bytes.len() == 16
                && bytes[..2].iter().all(u8::is_ascii_uppercase)
                && bytes[2..].iter().all(u8::is_ascii_digit);
            let shape =
                "a citizen digital certificate number is two uppercase letters and 14 digits";
            check_pattern(problems, "delivery.carrier.code", code, ok, shape);
        }
        Carrier::EasyCard { hidden_code } => {
            let ok = hidden_code.len() == 9 && hidden_code.bytes().all(|b| b.is_ascii_digit());
            let shape = "an EasyCard hidden code is nine digits";
            check_pattern(
                problems,
                "delivery.carrier.hidden_code",
                hidden_code,
                ok,
                shape,
            );
        }
    }
}

/// At most 80 characters, no CSV-breaking character, and a plausible address: one `@`, a
/// non-empty local part, a domain of two or more non-empty dot-separated labels, no
/// whitespace or control characters.
fn check_email(problems: &mut Problems, email: &str) {
    check_text(problems, "email", email, Some(EMAIL_MAX), false);
    if !csv_unsafe(email).is_empty() {
        return;
    }
    let plausible = match email.split_once('@') {
        Some((local, domain)) => {
            let labels: Vec<&str> = domain.split('.').collect();
            !local.is_empty()
                && !domain.contains('@')
                && labels.len() >= 2
                && labels.iter().all(|label| !label.is_empty())
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if !plausible {
        problems.push(
            "email",
            Rule::Format,
            "not a plausible e-mail address (name@example.com.tw)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(quantity: i64, unit_price: i64) -> Item {
        Item {
            description: "咖啡豆".into(),
            quantity: quantity.into(),
            unit_price: unit_price.into(),
            amount: (quantity * unit_price).into(),
            tax_type: TaxType::Taxable,
        }
    }

    #[test]
    fn a_minimal_invoice_is_valid() {
        let invoice = Invoice {
            order_no: "A1".into(),
            buyer: Buyer::Consumer {
                name: "王小明".into(),
            },
            delivery: Delivery::None,
            phone: None,
            email: Some("ming@example.com.tw".into()),
            items: vec![item(2, 400)],
            remark: None,
        };
        assert_eq!(invoice.validate(), Ok(()));
    }

    #[test]
    fn amounts_are_compared_exactly_whatever_the_scale() {
        let mut line = item(3, 0);
        line.quantity = "1.5".parse().unwrap();
        line.unit_price = "33.30".parse().unwrap();
        line.amount = "49.95".parse().unwrap();
        assert_eq!(line.validate(), Ok(()));
        line.amount = "49.950".parse().unwrap();
        assert_eq!(line.validate(), Ok(()));
        line.amount = "49.9500001".parse().unwrap();
        assert_eq!(line.validate().unwrap_err().fields(), ["amount"]);
    }

    #[test]
    fn overflow_is_a_problem_not_a_panic() {
        let mut line = item(1, 1);
        line.quantity = Decimal::MAX;
        line.unit_price = Decimal::MAX;
        assert_eq!(
            line.validate().unwrap_err().problems()[0].rule,
            Rule::AmountMismatch
        );
    }

    #[test]
    fn serde_shape() {
        let invoice = Invoice {
            order_no: "A1".into(),
            buyer: Buyer::Business {
                ubn: "22099131".into(),
                name: "立吉富".into(),
            },
            delivery: Delivery::Carrier(Carrier::MobileBarcode {
                code: "/ABC1234".into(),
            }),
            phone: None,
            email: None,
            items: vec![Item {
                tax_type: TaxType::ZeroRate {
                    customs: Customs::ThroughCustoms,
                },
                ..item(1, 100)
            }],
            remark: None,
        };
        let json = serde_json::to_value(&invoice).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "order_no": "A1",
                "buyer": {"type": "business", "ubn": "22099131", "name": "立吉富"},
                "delivery": {"carrier": {"type": "mobile_barcode", "code": "/ABC1234"}},
                "items": [{
                    "description": "咖啡豆", "quantity": "1", "unit_price": "100", "amount": "100",
                    "tax_type": {"type": "zero_rate", "customs": "through_customs"}
                }]
            })
        );
        assert_eq!(serde_json::from_value::<Invoice>(json).unwrap(), invoice);
    }
}
