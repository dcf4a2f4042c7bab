//! Whether the invoice PayNow holds for an order is the one we sent: the condition for
//! adopting it after an upload whose outcome was unknown.

use rust_decimal::Decimal;

use super::records::InvoiceDetails;
use crate::domain::{Buyer, Invoice};

/// The buyer identifier PayNow writes for a consumer.
const CONSUMER_IDENTIFIER: &str = "0000000000";

/// Every way `held` differs from `sent`, in words; empty when they match. Compared: the
/// total, the buyer (identifier and name), and each line's description, quantity, unit
/// price and amount, in order. Numbers are compared as decimals (`800` = `800.00`).
pub(crate) fn differences(sent: &Invoice, held: &InvoiceDetails) -> Vec<String> {
    let mut found = Vec::new();
    let sent_total: Decimal = sent.items.iter().map(|item| item.amount).sum();
    let held_total = held.invoice.total_amount.as_deref();
    if decimal(held_total) != Some(sent_total) {
        found.push(format!(
            "total: sent {sent_total}, PayNow holds {}",
            shown(held_total)
        ));
    }
    let (sent_id, sent_name) = match &sent.buyer {
        Buyer::Consumer { name } => ("", name.as_str()),
        Buyer::Business { ubn, name } => (ubn.as_str(), name.as_str()),
    };
    let held_id = text(held.invoice.identifier.as_deref());
    let held_id = if held_id == CONSUMER_IDENTIFIER {
        ""
    } else {
        held_id
    };
    if held_id != sent_id {
        found.push(format!(
            "buyer identifier: sent {}, PayNow holds {}",
            shown(Some(sent_id)),
            shown(Some(held_id))
        ));
    }
    let held_name = text(held.invoice.name.as_deref());
    if held_name != sent_name.trim() {
        found.push(format!(
            "buyer name: sent {sent_name:?}, PayNow holds {held_name:?}"
        ));
    }
    if held.items.len() != sent.items.len() {
        found.push(format!(
            "items: sent {}, PayNow holds {}",
            sent.items.len(),
            held.items.len()
        ));
        return found;
    }
    for (index, (item, line)) in sent.items.iter().zip(&held.items).enumerate() {
        let line_description = text(line.description.as_deref());
        if line_description != item.description.trim() {
            found.push(format!(
                "items[{index}].description: sent {:?}, PayNow holds {line_description:?}",
                item.description
            ));
        }
        for (field, sent_value, held_value) in [
            ("quantity", item.quantity, line.quantity.as_deref()),
            ("unit_price", item.unit_price, line.unit_price.as_deref()),
            ("amount", item.amount, line.amount.as_deref()),
        ] {
            if decimal(held_value) != Some(sent_value) {
                found.push(format!(
                    "items[{index}].{field}: sent {sent_value}, PayNow holds {}",
                    shown(held_value)
                ));
            }
        }
    }
    found
}

/// A one-line account of an invoice we send: total, buyer, item count.
pub(crate) fn sent_summary(sent: &Invoice) -> String {
    let total: Decimal = sent.items.iter().map(|item| item.amount).sum();
    let buyer = match &sent.buyer {
        Buyer::Consumer { name } => format!("consumer {name}"),
        Buyer::Business { ubn, name } => format!("{ubn} {name}"),
    };
    summary(&total.to_string(), &buyer, sent.items.len())
}

/// A one-line account of an invoice PayNow holds.
pub(crate) fn held_summary(held: &InvoiceDetails) -> String {
    let id = text(held.invoice.identifier.as_deref());
    let name = text(held.invoice.name.as_deref());
    let buyer = if id.is_empty() || id == CONSUMER_IDENTIFIER {
        format!("consumer {name}")
    } else {
        format!("{id} {name}")
    };
    summary(
        &shown(held.invoice.total_amount.as_deref()),
        &buyer,
        held.items.len(),
    )
}

fn summary(total: &str, buyer: &str, items: usize) -> String {
    let plural = if items == 1 { "" } else { "s" };
    format!("total {total}, buyer {buyer}, {items} item{plural}")
}

fn text(value: Option<&str>) -> &str {
    value.unwrap_or_default().trim()
}

fn decimal(value: Option<&str>) -> Option<Decimal> {
    text(value).parse::<Decimal>().ok()
}

fn shown(value: Option<&str>) -> String {
    match text(value) {
        "" => "nothing".to_owned(),
        value => value.to_owned(),
    }
}
