//! What commands print: a [`Report`] with a human form (short aligned lines) and a JSON
//! form, and the [`Printer`] that writes one or the other.
//!
//! Human output goes to stdout, failures to stderr. With `--json`, stdout gets exactly
//! one JSON document per command, failures included:
//! `{"ok": true, "command": "info", …}` or
//! `{"ok": false, "command": "info", "error": {"kind": …, "exit_code": …, "message": …}}`.

use std::io::Write;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::failure::{CliError, Failure};

/// A command's result in both forms.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Labelled lines, aligned when printed.
    rows: Vec<(String, String)>,
    /// Free text after the rows (the demo's steps, wire XML).
    text: String,
    /// The JSON fields, after `ok` and `command`.
    fields: Map<String, Value>,
    /// The exit code of a command that ran but left work to do (a journaled batch with
    /// orders pending or in doubt); 0 otherwise.
    exit_code: u8,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a human line `label  value`.
    pub fn row(mut self, label: impl Into<String>, value: impl Into<String>) -> Self {
        self.rows.push((label.into(), value.into()));
        self
    }

    /// Adds a JSON field.
    pub fn field(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(key.to_owned(), value.into());
        self
    }

    /// Adds a human line and a JSON string field with the same name and value.
    pub fn both(self, label: &str, value: impl Into<String>) -> Self {
        let value = value.into();
        self.row(label, value.clone()).field(label, value)
    }

    /// Appends free human text (ending in a newline).
    pub fn push_text(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Sets the exit code of a command that ran but left work to do.
    pub fn exit(mut self, code: u8) -> Self {
        self.exit_code = code;
        self
    }

    /// The exit code: 0 unless [`exit`](Self::exit) set another.
    pub fn exit_code(&self) -> u8 {
        self.exit_code
    }

    /// The JSON fields.
    pub fn fields(&self) -> &Map<String, Value> {
        &self.fields
    }

    /// The human form: the rows aligned on their labels, then the text.
    pub fn human(&self) -> String {
        let width = self
            .rows
            .iter()
            .map(|(label, _)| label.chars().count())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for (label, value) in &self.rows {
            let pad = width - label.chars().count();
            out.push_str(&format!("{label}{:pad$}  {value}\n", ""));
        }
        out.push_str(&self.text);
        out
    }

    /// The human form with every line indented by `indent` spaces.
    pub fn human_indented(&self, indent: usize) -> String {
        self.human()
            .lines()
            .map(|line| format!("{:indent$}{line}\n", ""))
            .collect()
    }
}

/// Writes reports and failures, human or JSON. Nothing it is given holds the password:
/// that is a `Secret` wherever it is kept.
#[derive(Debug, Clone, Default)]
pub struct Printer {
    json: bool,
}

impl Printer {
    /// A printer; `json` for `--json`.
    pub fn new(json: bool) -> Self {
        Self { json }
    }

    /// Prints a successful command's report.
    pub fn success(&self, command: &str, report: &Report) {
        if self.json {
            self.json_document(&Document {
                ok: true,
                command: Some(command),
                fields: &report.fields,
                error: None,
            });
        } else {
            self.stdout(&report.human());
        }
    }

    /// Prints a failed command: its partial report, the error, problems and hint.
    pub fn failure(&self, command: &str, failure: &Failure) {
        let error = &failure.error;
        if self.json {
            let empty = Map::new();
            self.json_document(&Document {
                ok: false,
                command: Some(command),
                fields: failure
                    .partial
                    .as_ref()
                    .map_or(&empty, |partial| &partial.fields),
                error: Some(error_json(error)),
            });
        } else {
            if let Some(partial) = &failure.partial {
                self.stdout(&partial.human());
            }
            self.stderr(&error_human(command, error));
        }
    }

    /// Prints a command line clap refused, as JSON (`"command": null`); the human form is
    /// clap's own.
    pub fn command_line_failure(&self, error: &CliError) {
        self.json_document(&Document {
            ok: false,
            command: None,
            fields: &Map::new(),
            error: Some(error_json(error)),
        });
    }

    /// Writes `text` to stdout. A closed stdout is not an error worth a panic.
    pub fn stdout(&self, text: &str) {
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }

    /// Writes `text` to stderr.
    pub fn stderr(&self, text: &str) {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    fn json_document(&self, document: &Document<'_>) {
        let text = serde_json::to_string_pretty(document).unwrap_or_default();
        self.stdout(&format!("{text}\n"));
    }
}

/// The JSON document of a command: `ok` and `command` first, then the report's fields,
/// then the error.
#[derive(Serialize)]
struct Document<'a> {
    ok: bool,
    command: Option<&'a str>,
    #[serde(flatten)]
    fields: &'a Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<Value>,
}

fn error_json(error: &CliError) -> Value {
    let mut value = json!({
        "kind": error.kind,
        "exit_code": error.kind.exit_code(),
        "message": error.message,
    });
    if !error.problems.is_empty() {
        value["problems"] = json!(error.problems);
    }
    if let Some(hint) = &error.hint {
        value["hint"] = json!(hint);
    }
    value
}

/// `paynow check: message`, one line per problem, then the hint.
fn error_human(command: &str, error: &CliError) -> String {
    let mut out = format!("paynow {command}: {}\n", error.message);
    for problem in &error.problems {
        let line = problem
            .line
            .map(|line| format!(" (line {line})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {}{line}: {} [{}]\n",
            problem.field, problem.message, problem.rule
        ));
    }
    if let Some(hint) = &error.hint {
        out.push_str(&format!("hint: {hint}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_aligned_on_their_labels() {
        let report = Report::new().row("invoice", "AB12345678").row("url", "x");
        assert_eq!(report.human(), "invoice  AB12345678\nurl      x\n");
        assert_eq!(
            report.human_indented(2),
            "  invoice  AB12345678\n  url      x\n"
        );
    }

    #[test]
    fn both_fills_the_two_forms() {
        let report = Report::new().both("status", "voided");
        assert_eq!(report.human(), "status  voided\n");
        assert_eq!(report.fields()["status"], "voided");
    }
}
