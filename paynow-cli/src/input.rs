//! Reading the invoices of `issue FILE`: JSON or CSV, then validated.
//!
//! **JSON** is the domain's serde shape ([`Invoice`]): one invoice object, or an array of
//! them. Quantities and money are strings (`"2"`, `"33.5"`).
//!
//! **CSV** has a header row naming PayNow's 17 csvStr columns in their order
//! (`orderno,buyer_id,…,IsPassCustoms`, any case), then one row per line item; rows that
//! share an `orderno` form one invoice, which takes its buyer, delivery, phone, e-mail and
//! remark from its first row (later rows must repeat them or leave them empty). The file
//! follows RFC 4180 (a value in double quotes may hold `,`, `""` and line breaks), but
//! PayNow's csvStr has no quoting, so a value holding `,`, `'` or a line break is then
//! refused, naming the value and why. PayNow's own `'` prefix is accepted and removed, so
//! a decoded csvStr can be used as is. Blank lines are skipped; UTF-8 with or without BOM,
//! LF or CRLF; input that is not UTF-8 text is refused saying where.
//!
//! | CSV column | invoice field |
//! |---|---|
//! | `buyer_id`, `buyer_name` | `buyer`: business if `buyer_id` is set, else consumer |
//! | `CarrierType`, `CarrierID_1`, `CarrierID_2` | `delivery.carrier` (`3J0002`, `CQ0001`, `1K0001`) |
//! | `LoveCode` | `delivery.donation` |
//! | `buyer_add` | `delivery.paper` |
//! | `ItemTaxtype`, `IsPassCustoms` | `items[i].tax_type` (`1`, `2` + `1`/`2`, `3`) |
//!
//! Every problem is reported with its field path (`invoices[0].items[1].amount`) and, for
//! CSV, its line.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::csv_records;
use paynow_einvoice::domain::{
    Buyer, COLUMNS, CSV_UNSAFE, Carrier, CsvBatch, CsvError, CsvRow, Customs, Decimal, Delivery,
    Invoice, Item, TaxType, csv, parse_csv_text,
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::args::InputFormat;
use crate::failure::{CliError, FieldProblem, Kind};

/// Invoices read from a file, with the CSV line of each item when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// The invoices, in file order.
    pub invoices: Vec<Invoice>,
    /// For CSV: the line of each item of each invoice.
    lines: Option<Vec<Vec<usize>>>,
}

impl Batch {
    /// Checks every invoice and the batch (unique order numbers): the batch as it will be
    /// sent, or every problem with its path and line.
    pub fn validate(&self) -> Result<CsvBatch, CliError> {
        CsvBatch::new(&self.invoices).map_err(|error| {
            let problems = error
                .problems()
                .iter()
                .map(|problem| {
                    let found = FieldProblem::from_domain(problem);
                    match self.line_of(&problem.field) {
                        Some(line) => found.at_line(line),
                        None => found,
                    }
                })
                .collect();
            CliError::problems(Kind::Validation, problems)
        })
    }

    /// The CSV line of the field at `path`: its item's line, or its invoice's first.
    fn line_of(&self, path: &str) -> Option<usize> {
        let lines = self.lines.as_ref()?;
        let (invoice, rest) = index_after(path, "invoices[")?;
        let item = index_after(rest, ".items[").map_or(0, |(item, _)| item);
        lines.get(invoice)?.get(item).copied()
    }
}

/// The number in `path` after `prefix` (`invoices[3]…` → 3) and what follows its `]`.
fn index_after<'a>(path: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let rest = path.strip_prefix(prefix)?;
    let (digits, rest) = rest.split_once(']')?;
    Some((digits.parse().ok()?, rest))
}

/// Reads `path` (`-`: stdin) as `format`, or as the extension or first character says.
pub fn read(path: &Path, format: Option<InputFormat>) -> Result<Batch, CliError> {
    let text = read_text(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let format = format.unwrap_or_else(|| detect(path, text));
    match format {
        InputFormat::Json => from_json(text),
        InputFormat::Csv => from_csv(text),
    }
}

fn read_text(path: &Path) -> Result<String, CliError> {
    let name = if path == Path::new("-") {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    };
    let cannot =
        |error: std::io::Error| CliError::invalid_input(format!("cannot read {name}: {error}"));
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map_err(cannot)?;
    } else {
        bytes = std::fs::read(path).map_err(cannot)?;
    }
    text_of(&name, bytes)
}

/// `bytes` as text, or an error saying why they are not: invalid UTF-8 or a NUL byte
/// (binary data), with the byte offset.
fn text_of(name: &str, bytes: Vec<u8>) -> Result<String, CliError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(CliError::invalid_input(format!(
            "{name} is not text: it has a NUL byte at offset {offset} (binary data?); expected JSON or CSV in UTF-8"
        )));
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let byte = error.as_bytes()[offset];
        CliError::invalid_input(format!(
            "{name} is not UTF-8 text: byte 0x{byte:02X} at offset {offset} is not UTF-8 (save the file as UTF-8)"
        ))
    })
}

/// `.json` or `.csv` by extension, else JSON if the text starts with `{` or `[`.
fn detect(path: &Path, text: &str) -> InputFormat {
    match path.extension().and_then(|extension| extension.to_str()) {
        Some(extension) if extension.eq_ignore_ascii_case("json") => InputFormat::Json,
        Some(extension) if extension.eq_ignore_ascii_case("csv") => InputFormat::Csv,
        _ if text.trim_start().starts_with(['{', '[']) => InputFormat::Json,
        _ => InputFormat::Csv,
    }
}

/// One invoice object or an array; every element that cannot be decoded is reported.
fn from_json(text: &str) -> Result<Batch, CliError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|error| CliError::invalid_input(format!("not JSON: {error}")))?;
    let elements = match value {
        Value::Array(elements) => elements,
        object @ Value::Object(_) => vec![object],
        _ => {
            return Err(CliError::invalid_input(
                "expected an invoice object or an array of invoices",
            ));
        }
    };
    let mut problems = Vec::new();
    let mut invoices = Vec::new();
    for (index, element) in elements.into_iter().enumerate() {
        let path = format!("invoices[{index}]");
        match serde_json::from_value::<Invoice>(element.clone()) {
            Ok(invoice) => invoices.push(invoice),
            Err(whole) => {
                let before = problems.len();
                probe_invoice(&element, &path, &mut problems);
                if problems.len() == before {
                    problems.push(FieldProblem::decode(path, whole.to_string()));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(Batch {
            invoices,
            lines: None,
        })
    } else {
        Err(CliError::problems(Kind::InvalidInput, problems))
    }
}

/// Decodes each field of an invoice that failed as a whole, to report each bad field.
fn probe_invoice(element: &Value, path: &str, problems: &mut Vec<FieldProblem>) {
    let Some(object) = element.as_object() else {
        problems.push(FieldProblem::decode(path, "an invoice is a JSON object"));
        return;
    };
    probe::<String>(object, path, "order_no", true, problems);
    probe::<Buyer>(object, path, "buyer", true, problems);
    probe::<Delivery>(object, path, "delivery", true, problems);
    for optional in ["phone", "email", "remark"] {
        probe::<Option<String>>(object, path, optional, false, problems);
    }
    match object.get("items") {
        Some(Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                let item_path = format!("{path}.items[{index}]");
                match item.as_object() {
                    Some(item) => probe_item(item, &item_path, problems),
                    None => problems.push(FieldProblem::decode(item_path, "an item is an object")),
                }
            }
        }
        _ => probe::<Vec<Item>>(object, path, "items", true, problems),
    }
}

fn probe_item(item: &Map<String, Value>, path: &str, problems: &mut Vec<FieldProblem>) {
    probe::<String>(item, path, "description", true, problems);
    for number in ["quantity", "unit_price", "amount"] {
        probe::<Decimal>(item, path, number, true, problems);
    }
    probe::<TaxType>(item, path, "tax_type", true, problems);
}

/// Reports `object[key]` if it is missing (and `required`) or does not decode as `T`.
fn probe<T: DeserializeOwned>(
    object: &Map<String, Value>,
    path: &str,
    key: &str,
    required: bool,
    problems: &mut Vec<FieldProblem>,
) {
    let field = format!("{path}.{key}");
    match object.get(key) {
        None if required => problems.push(FieldProblem::decode(field, "missing")),
        None => {}
        Some(value) => {
            if let Err(error) = serde_json::from_value::<T>(value.clone()) {
                problems.push(FieldProblem::decode(field, error.to_string()));
            }
        }
    }
}

/// A header row, then item rows grouped into invoices by `orderno`.
fn from_csv(text: &str) -> Result<Batch, CliError> {
    let records = csv_records::records(text).map_err(|error| {
        CliError::invalid_input(format!("line {}: {}", error.line, error.message))
    })?;
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Err(CliError::invalid_input("the CSV file is empty"));
    };
    check_header(&header)?;
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    for record in records {
        match parse_row(&record.fields) {
            Ok(row) => rows.push((record.line, row)),
            Err(message) => {
                problems.push(FieldProblem::decode("csv", message).at_line(record.line))
            }
        }
    }
    if rows.is_empty() && problems.is_empty() {
        return Err(CliError::invalid_input(
            "the CSV file has a header but no rows",
        ));
    }
    let batch = group(&rows, &mut problems);
    if problems.is_empty() {
        Ok(batch)
    } else {
        Err(CliError::problems(Kind::InvalidInput, problems))
    }
}

/// The header must name the 17 columns in order (any case, PayNow's `'` allowed); a name
/// that is no column is named, as is the first column out of place or missing.
fn check_header(header: &csv_records::Record) -> Result<(), CliError> {
    let line = header.line;
    let names: Vec<&str> = header
        .fields
        .iter()
        .map(|name| name.trim().trim_start_matches('\''))
        .collect();
    let is_column = |name: &str| COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name));
    let unknown: Vec<String> = names
        .iter()
        .filter(|name| !is_column(name))
        .map(|name| format!("`{name}`"))
        .collect();
    if !unknown.is_empty() {
        return Err(CliError::invalid_input(format!(
            "line {line}: unknown CSV column{} {} (the columns are PayNow's csvStr columns: {})",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", "),
            COLUMNS.join(",")
        )));
    }
    for (position, column) in COLUMNS.iter().enumerate() {
        match names.get(position) {
            Some(name) if name.eq_ignore_ascii_case(column) => {}
            Some(name) => {
                return Err(CliError::invalid_input(format!(
                    "line {line}: column {} is `{name}` where `{column}` belongs (the 17 columns go in PayNow's order)",
                    position + 1
                )));
            }
            None => {
                return Err(CliError::invalid_input(format!(
                    "line {line}: column `{column}` is missing (the header names {} of 17)",
                    names.len()
                )));
            }
        }
    }
    if names.len() > COLUMNS.len() {
        return Err(CliError::invalid_input(format!(
            "line {line}: {} columns, not 17: `{}` repeats a column",
            names.len(),
            names[COLUMNS.len()]
        )));
    }
    Ok(())
}

/// One data row: 17 values, each with or without PayNow's `'` prefix. A value PayNow's
/// csvStr cannot carry (it has no quoting: `,`, `'` inside, a line break) is refused.
fn parse_row(fields: &[String]) -> Result<CsvRow, String> {
    if fields.len() != COLUMNS.len() {
        return Err(format!("{} columns, not 17", fields.len()));
    }
    let mut quoted = Vec::with_capacity(fields.len());
    for (column, field) in fields.iter().enumerate() {
        let value = field.strip_prefix('\'').unwrap_or(field);
        if let Some(character) = value.chars().find(|c| CSV_UNSAFE.contains(c)) {
            return Err(format!(
                "column {} ({}): the value {value:?} contains {character:?}, which PayNow's csvStr cannot carry (it has no quoting or escaping)",
                column + 1,
                csv::column_name(column + 1)
            ));
        }
        quoted.push(format!("'{value}"));
    }
    let mut rows = parse_csv_text(&quoted.join(",")).map_err(|error| match error {
        CsvError::UnexpectedCharacter {
            column, character, ..
        } => format!(
            "column {column} ({}): {character:?} cannot appear in a value",
            csv::column_name(column)
        ),
        other => other.to_string(),
    })?;
    rows.pop().ok_or_else(|| "an empty row".to_owned())
}

/// Groups rows into invoices by order number, in order of first appearance.
fn group(rows: &[(usize, CsvRow)], problems: &mut Vec<FieldProblem>) -> Batch {
    let mut order_index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Vec<(usize, &CsvRow)>> = Vec::new();
    for (line, row) in rows {
        let index = *order_index.entry(row.order_no.as_str()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[index].push((*line, row));
    }
    let mut invoices = Vec::new();
    let mut lines = Vec::new();
    for (index, group) in groups.iter().enumerate() {
        let path = format!("invoices[{index}]");
        if let Some(invoice) = invoice_of(group, &path, problems) {
            invoices.push(invoice);
        }
        lines.push(group.iter().map(|(line, _)| *line).collect());
    }
    Batch {
        invoices,
        lines: Some(lines),
    }
}

/// The invoice of one order's rows; `None` after reporting what cannot be converted.
fn invoice_of(
    rows: &[(usize, &CsvRow)],
    path: &str,
    problems: &mut Vec<FieldProblem>,
) -> Option<Invoice> {
    let &(first_line, first) = rows.first()?;
    let before = problems.len();
    for &(line, row) in &rows[1..] {
        for column in INVOICE_COLUMNS {
            let (mine, theirs) = (row.values()[column], first.values()[column]);
            if !mine.is_empty() && mine != theirs {
                let message = format!(
                    "{} differs from the order's first row (line {first_line}); repeat it or leave it empty",
                    COLUMNS[column]
                );
                problems.push(FieldProblem::decode(path, message).at_line(line));
            }
        }
    }
    let delivery = delivery_of(first, path)
        .map_err(|problem| problems.push(problem.at_line(first_line)))
        .ok();
    let items: Vec<Option<Item>> = rows
        .iter()
        .enumerate()
        .map(|(index, &(line, row))| {
            item_of(row, &format!("{path}.items[{index}]"), line, problems)
        })
        .collect();
    if problems.len() > before {
        return None;
    }
    Some(Invoice {
        order_no: first.order_no.clone(),
        buyer: if first.buyer_id.is_empty() {
            Buyer::Consumer {
                name: first.buyer_name.clone(),
            }
        } else {
            Buyer::Business {
                ubn: first.buyer_id.clone(),
                name: first.buyer_name.clone(),
            }
        },
        delivery: delivery?,
        phone: non_empty(&first.buyer_phone),
        email: non_empty(&first.buyer_email),
        items: items.into_iter().collect::<Option<_>>()?,
        remark: non_empty(&first.remark),
    })
}

/// The (0-based) columns that belong to the invoice rather than to one item: `buyer_id`
/// to `LoveCode`, and `Remark`.
const INVOICE_COLUMNS: [usize; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 14];

fn non_empty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_owned())
}

/// The delivery: a carrier, a donation, a paper copy or none; at most one.
fn delivery_of(row: &CsvRow, path: &str) -> Result<Delivery, FieldProblem> {
    let carrier = !row.carrier_type.is_empty();
    let donation = !row.love_code.is_empty();
    let paper = !row.buyer_address.is_empty();
    match (carrier, donation, paper) {
        (false, false, false) => Ok(Delivery::None),
        (true, false, false) => carrier_of(row, path).map(Delivery::Carrier),
        (false, true, false) => Ok(Delivery::Donation {
            love_code: row.love_code.clone(),
        }),
        (false, false, true) => Ok(Delivery::Paper {
            address: row.buyer_address.clone(),
        }),
        _ => Err(FieldProblem::decode(
            format!("{path}.delivery"),
            "give only one of CarrierType, LoveCode and buyer_add",
        )),
    }
}

/// The carrier of `CarrierType`, `CarrierID_1` and `CarrierID_2`.
fn carrier_of(row: &CsvRow, path: &str) -> Result<Carrier, FieldProblem> {
    let code = || match (row.carrier_id_1.as_str(), row.carrier_id_2.as_str()) {
        (visible, hidden) if visible.is_empty() || hidden.is_empty() || visible == hidden => {
            Ok(if visible.is_empty() { hidden } else { visible }.to_owned())
        }
        _ => Err(FieldProblem::decode(
            format!("{path}.delivery.carrier.code"),
            "CarrierID_1 and CarrierID_2 differ; for this carrier both are its code",
        )),
    };
    match row.carrier_type.as_str() {
        "3J0002" => Ok(Carrier::MobileBarcode { code: code()? }),
        "CQ0001" => Ok(Carrier::CitizenCertificate { code: code()? }),
        "1K0001" => Ok(Carrier::EasyCard {
            hidden_code: row.carrier_id_2.clone(),
        }),
        other => Err(FieldProblem::decode(
            format!("{path}.delivery.carrier"),
            format!("unknown CarrierType {other:?}: expected 3J0002, CQ0001 or 1K0001"),
        )),
    }
}

/// The item of one row; `None` after reporting its unreadable values.
fn item_of(
    row: &CsvRow,
    path: &str,
    line: usize,
    problems: &mut Vec<FieldProblem>,
) -> Option<Item> {
    let mut number = |field: &str, column: &str, text: &str| {
        let parsed = text.parse::<Decimal>().ok();
        if parsed.is_none() {
            problems.push(
                FieldProblem::decode(
                    format!("{path}.{field}"),
                    format!("{column} {text:?} is not a number"),
                )
                .at_line(line),
            );
        }
        parsed
    };
    let quantity = number("quantity", "Quantity", &row.quantity);
    let unit_price = number("unit_price", "UnitPrice", &row.unit_price);
    let amount = number("amount", "Amount", &row.amount);
    let tax_type = match tax_type_of(&row.item_tax_type, &row.is_pass_customs) {
        Ok(tax_type) => Some(tax_type),
        Err(message) => {
            problems.push(FieldProblem::decode(format!("{path}.tax_type"), message).at_line(line));
            None
        }
    };
    Some(Item {
        description: row.description.clone(),
        quantity: quantity?,
        unit_price: unit_price?,
        amount: amount?,
        tax_type: tax_type?,
    })
}

fn tax_type_of(code: &str, customs: &str) -> Result<TaxType, String> {
    match (code, customs) {
        ("1", "") => Ok(TaxType::Taxable),
        ("3", "") => Ok(TaxType::TaxFree),
        ("2", "1") => Ok(TaxType::ZeroRate {
            customs: Customs::NotThroughCustoms,
        }),
        ("2", "2") => Ok(TaxType::ZeroRate {
            customs: Customs::ThroughCustoms,
        }),
        ("2", _) => Err("a zero-rated line (ItemTaxtype 2) needs IsPassCustoms 1 or 2".to_owned()),
        ("1" | "3", _) => {
            Err("IsPassCustoms is only for zero-rated lines (ItemTaxtype 2)".to_owned())
        }
        (other, _) => Err(format!(
            "ItemTaxtype {other:?}: expected 1 (taxable), 2 (zero-rate) or 3 (tax-free)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "orderno,buyer_id,buyer_name,buyer_add,buyer_phone,buyer_email,CarrierType,CarrierID_1,CarrierID_2,LoveCode,Description,Quantity,UnitPrice,Amount,Remark,ItemTaxtype,IsPassCustoms";

    fn csv(rows: &[&str]) -> String {
        format!("{HEADER}\n{}\n", rows.join("\n"))
    }

    #[test]
    fn rows_sharing_an_order_form_one_invoice() {
        let batch = from_csv(&csv(&[
            "A1,,王小明,,,ming@example.com.tw,3J0002,/ABC1234,/ABC1234,,咖啡豆,2,350,700,,1,",
            "B1,22099131,立吉富,,,ap@example.com.tw,,,,,茶葉,1,100,100,,2,2",
            "A1,,,,,,,,,,鳳梨酥,1,100,100,,1,",
        ]))
        .unwrap();
        assert_eq!(batch.invoices.len(), 2);
        assert_eq!(batch.invoices[0].items.len(), 2);
        assert_eq!(batch.lines, Some(vec![vec![2, 4], vec![3]]));
        assert_eq!(
            batch.invoices[0].delivery,
            Delivery::Carrier(Carrier::MobileBarcode {
                code: "/ABC1234".into()
            })
        );
        assert!(matches!(batch.invoices[1].buyer, Buyer::Business { .. }));
        assert_eq!(batch.validate().map(|b| b.rows().len()), Ok(3));
    }

    #[test]
    fn paynow_quotes_are_accepted() {
        let batch = from_csv(&csv(&[
            "'A1,','王,',','m@example.com.tw,',',',','咖啡,'1,'60,'60,','3,'",
        ]))
        .unwrap();
        assert_eq!(batch.invoices[0].items[0].tax_type, TaxType::TaxFree);
    }

    #[test]
    fn every_csv_problem_has_a_line() {
        let error = from_csv(&csv(&[
            "A1,,王,,,,,,,,咖啡,x,60,60,,1,",
            "A2,,王,,,,,,,,咖啡,1,60,60,,4,",
            "A3,,王,,,,,,,,咖啡,1,60",
            "A1,,李,,,,,,,,茶,1,1,1,,1,",
        ]))
        .unwrap_err();
        let found: Vec<(String, Option<usize>)> = error
            .problems
            .iter()
            .map(|p| (p.field.clone(), p.line))
            .collect();
        assert_eq!(
            found,
            [
                ("csv".to_owned(), Some(4)),
                ("invoices[0]".to_owned(), Some(5)),
                ("invoices[0].items[0].quantity".to_owned(), Some(2)),
                ("invoices[1].items[0].tax_type".to_owned(), Some(3)),
            ]
        );
    }

    #[test]
    fn one_delivery_per_invoice() {
        let error = from_csv(&csv(&[
            "A1,,王,台北市,,,3J0002,/ABC1234,,,咖啡,1,60,60,,1,",
            "A2,,王,,,,XX0001,1,1,,咖啡,1,60,60,,1,",
        ]))
        .unwrap_err();
        let fields: Vec<&str> = error.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["invoices[0].delivery", "invoices[1].delivery.carrier"]
        );
    }

    #[test]
    fn validation_problems_point_at_csv_lines() {
        let batch = from_csv(&csv(&[
            "A1,,王,,,m@example.com.tw,,,,,咖啡,1,60,60,,1,",
            "A1,,,,,,,,,,咖啡,2,60,100,,1,",
        ]))
        .unwrap();
        let error = batch.validate().unwrap_err();
        assert_eq!(error.problems[0].field, "invoices[0].items[1].amount");
        assert_eq!(error.problems[0].line, Some(3));
    }

    #[test]
    fn json_problems_are_listed_per_field() {
        let error = from_json(
            r#"[{"order_no": "A1", "buyer": {"type": "alien"}, "delivery": "none",
                 "items": [{"description": "x", "quantity": "abc", "unit_price": "1", "amount": "1",
                            "tax_type": {"type": "taxable"}}]},
                {"order_no": 7}]"#,
        )
        .unwrap_err();
        let fields: Vec<&str> = error.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "invoices[0].buyer",
                "invoices[0].items[0].quantity",
                "invoices[1].order_no",
                "invoices[1].buyer",
                "invoices[1].delivery",
                "invoices[1].items",
            ]
        );
    }

    #[test]
    fn format_detection() {
        assert_eq!(detect(Path::new("a.JSON"), ""), InputFormat::Json);
        assert_eq!(detect(Path::new("a.csv"), "{"), InputFormat::Csv);
        assert_eq!(detect(Path::new("-"), "  [{}]"), InputFormat::Json);
        assert_eq!(detect(Path::new("-"), "orderno,"), InputFormat::Csv);
    }
}
