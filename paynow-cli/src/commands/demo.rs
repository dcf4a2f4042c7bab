//! `demo`: the whole lifecycle against the embedded mock, each step shown with its SOAP
//! envelopes: issue a sample invoice, check it, get its info and page address, void it,
//! and get its info again.

use std::slice;

use paynow_einvoice::domain::{
    Buyer, Carrier, CsvBatch, Decimal, Delivery, Invoice, Item, TaxType,
};
use serde_json::{Value, json};

use super::{issue, lookup, void};
use crate::args::{Subject, soap_label};
use crate::failure::{CliError, Failure, Kind};
use crate::output::Report;
use crate::redact::MASK;
use crate::session::Session;

/// How many steps the demo takes.
const STEPS: usize = 6;

/// Runs the six steps; stops at the first failure, reporting the steps done.
pub async fn run(session: &Session) -> Result<Report, Failure> {
    let mut demo = Demo::new(session);
    let invoice = sample_invoice();
    let invoices = slice::from_ref(&invoice);
    let issued = demo.step("issue", issue::submit(session, invoices).await, |issued| {
        let mut report = issue::report(issued);
        if let Ok(batch) = CsvBatch::new(invoices) {
            report.push_text("csvStr, decoded:\n");
            for line in batch.text().lines() {
                report.push_text(&format!("  {line}\n"));
            }
        }
        report
    })?;
    let number = issued
        .into_iter()
        .next()
        .map(|issued| issued.invoice_number)
        .ok_or_else(|| demo.fail(CliError::new(Kind::Refused, "PayNow issued nothing")))?;
    let subject = Subject::Invoice(number.clone());
    demo.step(
        "check",
        lookup::check(session, &subject).await,
        Report::clone,
    )?;
    demo.step("info", lookup::info(session, &subject).await, Report::clone)?;
    demo.step("url", lookup::url(session, &subject).await, Report::clone)?;
    demo.step("void", void::run(session, &number).await, Report::clone)?;
    demo.step("info", lookup::info(session, &subject).await, Report::clone)?;
    let mut report = demo.report();
    report.push_text(&format!(
        "all {STEPS} steps done: invoice {number} issued, checked, looked up and voided\n"
    ));
    Ok(report)
}

/// The demo's invoice: a consumer with a mobile-barcode carrier, two Chinese items, 800
/// in all.
pub fn sample_invoice() -> Invoice {
    let item = |description: &str, quantity: i64, unit_price: i64| Item {
        description: description.to_owned(),
        quantity: Decimal::from(quantity),
        unit_price: Decimal::from(unit_price),
        amount: Decimal::from(quantity * unit_price),
        tax_type: TaxType::Taxable,
    };
    Invoice {
        order_no: "DEMO-0001".to_owned(),
        buyer: Buyer::Consumer {
            name: "王小明".to_owned(),
        },
        delivery: Delivery::Carrier(Carrier::MobileBarcode {
            code: "/ABC1234".to_owned(),
        }),
        phone: None,
        email: Some("ming@example.com.tw".to_owned()),
        items: vec![
            item("精選咖啡豆（半磅）", 2, 350),
            item("手工鳳梨酥禮盒", 1, 100),
        ],
        remark: None,
    }
}

/// The steps done so far, in both forms.
struct Demo<'a> {
    session: &'a Session,
    text: String,
    steps: Vec<Value>,
}

impl<'a> Demo<'a> {
    fn new(session: &'a Session) -> Self {
        Self {
            session,
            text: String::new(),
            steps: Vec::new(),
        }
    }

    /// Records step `name`: its result shown by `render`, or its failure, with the
    /// envelopes exchanged since the last step.
    fn step<T>(
        &mut self,
        name: &str,
        outcome: Result<T, CliError>,
        render: impl Fn(&T) -> Report,
    ) -> Result<T, Failure> {
        let wire = self.session.wire.take();
        let operations: Vec<&str> = wire.iter().map(|exchange| exchange.operation).collect();
        let mut text = format!(
            "[{}/{STEPS}] {name}  ({})\n",
            self.steps.len() + 1,
            operations.join(", ")
        );
        let mut step = json!({
            "step": name,
            "wire": wire.iter().map(|exchange| exchange.json()).collect::<Vec<_>>(),
        });
        match &outcome {
            Ok(value) => {
                let result = render(value);
                text.push_str(&result.human_indented(2));
                step["result"] = Value::Object(result.fields().clone());
            }
            Err(error) => {
                text.push_str(&format!("  failed: {}\n", error.message));
                step["error"] = json!(error.message);
            }
        }
        for exchange in &wire {
            text.push('\n');
            text.push_str(&exchange.human());
        }
        text.push('\n');
        self.text.push_str(&text);
        self.steps.push(step);
        outcome.map_err(|error| self.fail(error))
    }

    /// `error`, with the steps done so far.
    fn fail(&self, error: CliError) -> Failure {
        Failure {
            error,
            partial: Some(Box::new(self.report())),
        }
    }

    /// The header and the steps done so far.
    fn report(&self) -> Report {
        let session = self.session;
        let soap = soap_label(session.paynow.config().version);
        let mut report = Report::new()
            .row(
                "demo",
                "PayNow e-invoice lifecycle against the embedded mock",
            )
            .row("endpoint", session.endpoint())
            .row("soap", soap)
            .row("mem_cid", session.mem_cid.as_str())
            .row("password", format!("{MASK} (masked in all output)"))
            .field("endpoint", session.endpoint())
            .field("soap", soap)
            .field("mem_cid", session.mem_cid.as_str())
            .field("steps", Value::Array(self.steps.clone()));
        report.push_text("\n");
        report.push_text(&self.text);
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_invoice_is_valid() {
        assert_eq!(sample_invoice().validate(), Ok(()));
    }
}
