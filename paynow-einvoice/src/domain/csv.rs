//! PayNow's `csvStr`: a batch of invoices as CSV rows, Base64-encoded, then URL-encoded.
//!
//! One row per line item; rows sharing an `orderno` form one invoice. Every value is
//! prefixed with `'`, values are joined with `,`, rows with `\n` (none after the last).
//! There is no escaping, so values containing `,`, `'`, `\n` or `\r` are refused before
//! encoding ([`Invoice::validate`]) and reported when decoding ([`CsvError`]).
//!
//! ```
//! use paynow_einvoice::domain::{Buyer, CsvBatch, Decimal, Delivery, Invoice, Item, TaxType, decode_batch};
//!
//! let invoice = Invoice {
//!     order_no: "A1".into(),
//!     buyer: Buyer::Consumer { name: "王小明".into() },
//!     delivery: Delivery::None,
//!     phone: None,
//!     email: Some("ming@example.com.tw".into()),
//!     items: vec![Item {
//!         description: "咖啡".into(),
//!         quantity: Decimal::from(2),
//!         unit_price: Decimal::from(60),
//!         amount: Decimal::from(120),
//!         tax_type: TaxType::Taxable,
//!     }],
//!     remark: None,
//! };
//! let batch = CsvBatch::new(&[invoice]).unwrap();
//! assert_eq!(batch.text(), "'A1,','王小明,',','ming@example.com.tw,',',',','咖啡,'2,'60,'120,','1,'");
//! assert_eq!(decode_batch(&batch.to_csv_str()).unwrap(), batch.rows());
//! ```

use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::invoice::{Buyer, Delivery, Invoice, Item};
use super::validation::{Problems, Rule, ValidationError};

/// The 17 column names, in PayNow's order; [`CsvError`] columns are 1-based indexes into it.
pub const COLUMNS: [&str; 17] = [
    "orderno",
    "buyer_id",
    "buyer_name",
    "buyer_add",
    "buyer_phone",
    "buyer_email",
    "CarrierType",
    "CarrierID_1",
    "CarrierID_2",
    "LoveCode",
    "Description",
    "Quantity",
    "UnitPrice",
    "Amount",
    "Remark",
    "ItemTaxtype",
    "IsPassCustoms",
];

/// The name of a 1-based column, `?` outside 1..=17.
pub fn column_name(column: usize) -> &'static str {
    column
        .checked_sub(1)
        .and_then(|index| COLUMNS.get(index))
        .copied()
        .unwrap_or("?")
}

/// One CSV row (one line item) as text, the `'` prefixes removed; fields in column order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CsvRow {
    /// 1 `orderno`.
    pub order_no: String,
    /// 2 `buyer_id`: the buyer's 統一編號, or empty for a consumer.
    pub buyer_id: String,
    /// 3 `buyer_name`.
    pub buyer_name: String,
    /// 4 `buyer_add`: non-empty means a paper copy is mailed.
    pub buyer_address: String,
    /// 5 `buyer_phone`.
    pub buyer_phone: String,
    /// 6 `buyer_email`: non-empty means the invoice is e-mailed.
    pub buyer_email: String,
    /// 7 `CarrierType`: `3J0002`, `CQ0001`, `1K0001` or empty.
    pub carrier_type: String,
    /// 8 `CarrierID_1`: the carrier's visible code.
    pub carrier_id_1: String,
    /// 9 `CarrierID_2`: the carrier's hidden code.
    pub carrier_id_2: String,
    /// 10 `LoveCode`.
    pub love_code: String,
    /// 11 `Description`.
    pub description: String,
    /// 12 `Quantity`.
    pub quantity: String,
    /// 13 `UnitPrice`.
    pub unit_price: String,
    /// 14 `Amount`.
    pub amount: String,
    /// 15 `Remark`.
    pub remark: String,
    /// 16 `ItemTaxtype`: `1` taxable, `2` zero-rate, `3` tax-free.
    pub item_tax_type: String,
    /// 17 `IsPassCustoms`: `1` or `2` for a zero-rated line, else empty.
    pub is_pass_customs: String,
}

impl CsvRow {
    /// The 17 values in column order.
    pub fn values(&self) -> [&str; 17] {
        [
            &self.order_no,
            &self.buyer_id,
            &self.buyer_name,
            &self.buyer_address,
            &self.buyer_phone,
            &self.buyer_email,
            &self.carrier_type,
            &self.carrier_id_1,
            &self.carrier_id_2,
            &self.love_code,
            &self.description,
            &self.quantity,
            &self.unit_price,
            &self.amount,
            &self.remark,
            &self.item_tax_type,
            &self.is_pass_customs,
        ]
    }

    fn from_values(values: [String; 17]) -> Self {
        let [
            order_no,
            buyer_id,
            buyer_name,
            buyer_address,
            buyer_phone,
            buyer_email,
            carrier_type,
            carrier_id_1,
            carrier_id_2,
            love_code,
            description,
            quantity,
            unit_price,
            amount,
            remark,
            item_tax_type,
            is_pass_customs,
        ] = values;
        Self {
            order_no,
            buyer_id,
            buyer_name,
            buyer_address,
            buyer_phone,
            buyer_email,
            carrier_type,
            carrier_id_1,
            carrier_id_2,
            love_code,
            description,
            quantity,
            unit_price,
            amount,
            remark,
            item_tax_type,
            is_pass_customs,
        }
    }

    /// The row of one item of a (validated) invoice.
    fn of(invoice: &Invoice, item: &Item) -> Self {
        let (buyer_id, buyer_name) = match &invoice.buyer {
            Buyer::Consumer { name } => ("", name.as_str()),
            Buyer::Business { ubn, name } => (ubn.as_str(), name.as_str()),
        };
        let (mut address, mut carrier_type, mut carrier_id_1, mut carrier_id_2, mut love_code) =
            ("", "", "", "", "");
        match &invoice.delivery {
            Delivery::Carrier(carrier) => {
                carrier_type = carrier.type_code();
                carrier_id_1 = carrier.visible_code();
                carrier_id_2 = carrier.hidden_code();
            }
            Delivery::Donation { love_code: code } => love_code = code,
            Delivery::Paper { address: postal } => address = postal,
            Delivery::None => {}
        }
        Self {
            order_no: invoice.order_no.clone(),
            buyer_id: buyer_id.to_owned(),
            buyer_name: buyer_name.to_owned(),
            buyer_address: address.to_owned(),
            buyer_phone: invoice.phone.clone().unwrap_or_default(),
            buyer_email: invoice.email.clone().unwrap_or_default(),
            carrier_type: carrier_type.to_owned(),
            carrier_id_1: carrier_id_1.to_owned(),
            carrier_id_2: carrier_id_2.to_owned(),
            love_code: love_code.to_owned(),
            description: item.description.clone(),
            quantity: number(item.quantity),
            unit_price: number(item.unit_price),
            amount: number(item.amount),
            remark: invoice.remark.clone().unwrap_or_default(),
            item_tax_type: item.tax_type.code().to_owned(),
            is_pass_customs: item.tax_type.customs_code().to_owned(),
        }
    }
}

/// A decimal as written in the CSV: plain notation, no trailing zeros (`1.50` → `1.5`).
fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A batch of validated invoices, ready to send as `csvStr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvBatch {
    rows: Vec<CsvRow>,
}

impl CsvBatch {
    /// Validates every invoice and the batch as a whole (at least one invoice, order numbers
    /// unique), reporting every problem with paths prefixed `invoices[i].`.
    pub fn new(invoices: &[Invoice]) -> Result<Self, ValidationError> {
        let mut problems = Problems::default();
        if invoices.is_empty() {
            problems.push(
                "invoices",
                Rule::Required,
                "a batch has at least one invoice",
            );
        }
        let mut first_use: HashMap<&str, usize> = HashMap::new();
        for (index, invoice) in invoices.iter().enumerate() {
            if let Err(error) = invoice.validate() {
                problems.extend_prefixed(&format!("invoices[{index}]"), error);
            }
            if let Some(first) = first_use.get(invoice.order_no.as_str()) {
                problems.push(
                    format!("invoices[{index}].order_no"),
                    Rule::Duplicate,
                    format!(
                        "order number {:?} is already used by invoices[{first}]",
                        invoice.order_no
                    ),
                );
            } else {
                first_use.insert(&invoice.order_no, index);
            }
        }
        problems.into_result()?;
        let rows = invoices
            .iter()
            .flat_map(|invoice| invoice.items.iter().map(|item| CsvRow::of(invoice, item)))
            .collect();
        Ok(Self { rows })
    }

    /// The rows, one per item, invoices in the order given.
    pub fn rows(&self) -> &[CsvRow] {
        &self.rows
    }

    /// The CSV text before Base64, as a person would read it.
    pub fn text(&self) -> String {
        let lines: Vec<String> = self
            .rows
            .iter()
            .map(|row| row.values().map(|value| format!("'{value}")).join(","))
            .collect();
        lines.join("\n")
    }

    /// The `csvStr` parameter: the text's UTF-8 bytes in Base64 (standard alphabet, padded),
    /// then URL-encoded (`+` → `%2B`, `/` → `%2F`, `=` → `%3D`).
    pub fn to_csv_str(&self) -> String {
        utf8_percent_encode(&STANDARD.encode(self.text()), NON_ALPHANUMERIC).to_string()
    }
}

/// Validates `invoices` and encodes them as `csvStr`; shorthand for
/// [`CsvBatch::new`] then [`CsvBatch::to_csv_str`].
pub fn encode_batch(invoices: &[Invoice]) -> Result<String, ValidationError> {
    CsvBatch::new(invoices).map(|batch| batch.to_csv_str())
}

/// Why a `csvStr` or its CSV text is malformed. Rows and columns count from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// A `%` not followed by two hex digits.
    #[error("csvStr has a malformed percent escape at byte {position}")]
    PercentEscape {
        /// The byte offset of the `%` in `csvStr`.
        position: usize,
    },
    /// The URL-decoded text is not standard, padded Base64.
    #[error("csvStr is not valid Base64 once URL-decoded: {message}")]
    Base64 {
        /// What the Base64 decoder said.
        message: String,
    },
    /// The Base64-decoded bytes are not UTF-8.
    #[error("the decoded CSV is not UTF-8 (valid up to byte {valid_up_to})")]
    Utf8 {
        /// How many leading bytes are valid UTF-8.
        valid_up_to: usize,
    },
    /// No rows at all.
    #[error("the batch has no rows")]
    Empty,
    /// An empty line: a blank row, or a line feed after the last row.
    #[error("row {row} is empty (rows are joined by \\n, with none after the last)")]
    EmptyRow {
        /// The row.
        row: usize,
    },
    /// A row that does not split into 17 values (a stray or missing `,`).
    #[error("row {row} has {found} columns, not 17")]
    ColumnCount {
        /// The row.
        row: usize,
        /// How many `,`-separated values it has.
        found: usize,
    },
    /// A value that does not start with `'`.
    #[error("row {row}, column {column} ({}): the value does not start with '", column_name(*.column))]
    MissingQuote {
        /// The row.
        row: usize,
        /// The column.
        column: usize,
    },
    /// A `'` or `\r` inside a value (after its prefix).
    #[error("row {row}, column {column} ({}): unexpected {character:?} in the value", column_name(*.column))]
    UnexpectedCharacter {
        /// The row.
        row: usize,
        /// The column.
        column: usize,
        /// The character.
        character: char,
    },
}

/// Decodes a `csvStr` (URL-decoding, Base64, UTF-8) and splits it into rows; the inverse of
/// [`CsvBatch::to_csv_str`]. It checks the structure only (17 `'`-prefixed values per row),
/// not what the values mean.
///
/// A `+` is kept as `+` (Base64's own), not read as a space, so a `csvStr` whose Base64
/// was sent without URL-encoding decodes too. Either case of hex digits is accepted.
pub fn decode_batch(csv_str: &str) -> Result<Vec<CsvRow>, CsvError> {
    if let Some(position) = malformed_escape(csv_str) {
        return Err(CsvError::PercentEscape { position });
    }
    let base64: Vec<u8> = percent_decode_str(csv_str).collect();
    let bytes = STANDARD.decode(&base64).map_err(|error| CsvError::Base64 {
        message: error.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|error| CsvError::Utf8 {
        valid_up_to: error.utf8_error().valid_up_to(),
    })?;
    parse_csv_text(&text)
}

/// Splits a batch's CSV text (after Base64 decoding) into rows; see [`decode_batch`].
pub fn parse_csv_text(text: &str) -> Result<Vec<CsvRow>, CsvError> {
    if text.is_empty() {
        return Err(CsvError::Empty);
    }
    text.split('\n')
        .enumerate()
        .map(|(index, line)| parse_row(index + 1, line))
        .collect()
}

fn parse_row(row: usize, line: &str) -> Result<CsvRow, CsvError> {
    if line.is_empty() {
        return Err(CsvError::EmptyRow { row });
    }
    let fields: Vec<&str> = line.split(',').collect();
    let Ok(fields) = <[&str; 17]>::try_from(fields.as_slice()) else {
        return Err(CsvError::ColumnCount {
            row,
            found: fields.len(),
        });
    };
    let mut values: [String; 17] = Default::default();
    for (index, field) in fields.iter().enumerate() {
        let column = index + 1;
        let value = field
            .strip_prefix('\'')
            .ok_or(CsvError::MissingQuote { row, column })?;
        if let Some(character) = value.chars().find(|c| matches!(c, '\'' | '\r')) {
            return Err(CsvError::UnexpectedCharacter {
                row,
                column,
                character,
            });
        }
        values[index] = value.to_owned();
    }
    Ok(CsvRow::from_values(values))
}

/// The byte offset of the first `%` not followed by two hex digits.
fn malformed_escape(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &byte)| byte == b'%')
        .map(|(position, _)| position)
        .find(|&position| {
            !bytes
                .get(position + 1..position + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(values: &[&str]) -> String {
        values
            .iter()
            .map(|value| format!("'{value}"))
            .collect::<Vec<_>>()
            .join(",")
    }

    const GOOD: [&str; 17] = [
        "A1", "", "王", "", "", "", "", "", "", "", "咖啡", "1", "60", "60", "", "1", "",
    ];

    #[test]
    fn structural_errors_name_row_and_column() {
        let good = row(&GOOD);
        assert_eq!(parse_csv_text(""), Err(CsvError::Empty));
        assert_eq!(
            parse_csv_text(&format!("{good}\n")),
            Err(CsvError::EmptyRow { row: 2 })
        );
        assert_eq!(
            parse_csv_text(&format!("{good}\n\n{good}")),
            Err(CsvError::EmptyRow { row: 2 })
        );
        let mut wide = GOOD.to_vec();
        wide.push("x");
        assert_eq!(
            parse_csv_text(&format!("{good}\n{}", row(&wide))),
            Err(CsvError::ColumnCount { row: 2, found: 18 })
        );
        let mut comma = GOOD;
        comma[10] = "咖,啡";
        assert_eq!(
            parse_csv_text(&row(&comma)),
            Err(CsvError::ColumnCount { row: 1, found: 18 })
        );
        let unquoted = good.replacen("'王", "王", 1);
        assert_eq!(
            parse_csv_text(&unquoted),
            Err(CsvError::MissingQuote { row: 1, column: 3 })
        );
        let mut quote = GOOD;
        quote[14] = "it's";
        assert_eq!(
            parse_csv_text(&row(&quote)),
            Err(CsvError::UnexpectedCharacter {
                row: 1,
                column: 15,
                character: '\''
            })
        );
        assert_eq!(
            parse_csv_text(&format!("{good}\r\n{good}")),
            Err(CsvError::UnexpectedCharacter {
                row: 1,
                column: 17,
                character: '\r'
            })
        );
        assert_eq!(parse_csv_text(&format!("{good}\n{good}")).unwrap().len(), 2);
    }

    #[test]
    fn transport_errors() {
        assert_eq!(
            decode_batch("abc%2"),
            Err(CsvError::PercentEscape { position: 3 })
        );
        assert_eq!(
            decode_batch("%zz"),
            Err(CsvError::PercentEscape { position: 0 })
        );
        assert!(matches!(
            decode_batch("not base64!"),
            Err(CsvError::Base64 { .. })
        ));
        assert!(
            matches!(decode_batch("YQ"), Err(CsvError::Base64 { .. })),
            "padding is required"
        );
        assert_eq!(
            decode_batch(&STANDARD.encode([b'\'', 0xff])),
            Err(CsvError::Utf8 { valid_up_to: 1 })
        );
        assert_eq!(decode_batch(""), Err(CsvError::Empty));
    }

    #[test]
    fn either_hex_case_and_raw_base64_decode() {
        let text = row(&GOOD);
        let base64 = STANDARD.encode(&text);
        let upper = utf8_percent_encode(&base64, NON_ALPHANUMERIC).to_string();
        let lower = upper
            .replace("%2B", "%2b")
            .replace("%2F", "%2f")
            .replace("%3D", "%3d");
        for csv_str in [&upper, &lower, &base64] {
            assert_eq!(decode_batch(csv_str).unwrap()[0].values(), GOOD);
        }
    }

    #[test]
    fn errors_read_well() {
        let error = CsvError::MissingQuote { row: 2, column: 11 };
        assert_eq!(
            error.to_string(),
            "row 2, column 11 (Description): the value does not start with '"
        );
        assert_eq!(column_name(0), "?");
        assert_eq!(column_name(18), "?");
    }
}
