//! What [`Invoice::validate`](super::Invoice::validate) and
//! [`CsvBatch::new`](super::CsvBatch::new) report: every problem found, each with the path
//! of its field.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which rule a value breaks; the [`Problem::message`] says how, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A value that must be given is empty or only whitespace.
    Required,
    /// Longer than the service accepts (counted in UTF-16 code units, as .NET does).
    TooLong,
    /// Contains `,`, `'`, a line feed or a carriage return, which would corrupt the batch
    /// CSV. Such values are rejected, never silently cleaned.
    CsvUnsafe,
    /// Does not have the required shape (phone, e-mail, carrier code, love code, UBN digits).
    Format,
    /// A business number (統一編號) whose check digit is wrong.
    Checksum,
    /// A combination the e-invoice rules forbid (e.g. a business buyer donating).
    NotAllowed,
    /// A quantity that is zero or negative.
    NotPositive,
    /// A line amount that is not exactly quantity × unit price.
    AmountMismatch,
    /// An order number used by two invoices of one batch.
    Duplicate,
}

/// One problem: where it is, which rule it breaks, and a message for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The path of the field, in the field names of the serialized form: `order_no`,
    /// `buyer.ubn`, `delivery.carrier.code`, `items[1].description`; in a batch, prefixed
    /// with the invoice, e.g. `invoices[2].items[0].amount`.
    pub field: String,
    /// The rule broken.
    pub rule: Rule,
    /// What is wrong, in English, naming the limit or the expected shape.
    pub message: String,
}

/// Every problem found in an invoice or a batch, in the order of the fields (never empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationError {
    problems: Vec<Problem>,
}

impl ValidationError {
    /// Every problem, in field order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems, owned.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// The field paths with problems, in order (a field appears once per problem).
    pub fn fields(&self) -> Vec<&str> {
        self.problems
            .iter()
            .map(|problem| problem.field.as_str())
            .collect()
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        write!(f, "{count} problem{}: ", if count == 1 { "" } else { "s" })?;
        for (index, problem) in self.problems.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", problem.field, problem.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Collects problems while a value is checked.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    problems: Vec<Problem>,
}

impl Problems {
    /// Records one problem.
    pub(crate) fn push(
        &mut self,
        field: impl Into<String>,
        rule: Rule,
        message: impl Into<String>,
    ) {
        self.problems.push(Problem {
            field: field.into(),
            rule,
            message: message.into(),
        });
    }

    /// Records the problems of a nested value, their paths prefixed with `prefix.`.
    pub(crate) fn extend_prefixed(&mut self, prefix: &str, error: ValidationError) {
        for mut problem in error.problems {
            problem.field = format!("{prefix}.{}", problem.field);
            self.problems.push(problem);
        }
    }

    /// `Ok` when nothing was recorded.
    pub(crate) fn into_result(self) -> Result<(), ValidationError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                problems: self.problems,
            })
        }
    }
}
