//! `soap-codegen diff`: the semantic diff of two WSDLs as text, Markdown or JSON, and
//! whether it should fail a CI job.

use serde::Serialize;
use soap_codegen::diff::{Report, render_markdown, render_text};

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For a terminal.
    Text,
    /// For a pull-request comment.
    Markdown,
    /// For tools.
    Json,
}

/// Which changes make the command exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// A change that breaks requests or responses of a client generated from OLD.
    Breaking,
    /// Any change at all.
    Any,
}

impl FailOn {
    /// Whether `report` fails at this level.
    pub fn fails(self, report: &Report) -> bool {
        match self {
            FailOn::Breaking => report.is_breaking(),
            FailOn::Any => !report.changes.is_empty(),
        }
    }
}

/// The report in `format`, ending with a newline.
pub fn render(
    report: &Report,
    format: Format,
    old: &str,
    new: &str,
) -> Result<String, serde_json::Error> {
    Ok(match format {
        Format::Text => render_text(report, old, new),
        Format::Markdown => render_markdown(report, old, new),
        Format::Json => serde_json::to_string_pretty(&JsonReport::new(report, old, new))? + "\n",
    })
}

#[derive(Serialize)]
struct JsonReport<'r> {
    old: &'r str,
    new: &'r str,
    changes_total: usize,
    breaking: usize,
    changes: Vec<JsonChange<'r>>,
}

#[derive(Serialize)]
struct JsonChange<'r> {
    /// `breaking` or `compatible`.
    impact: &'static str,
    breaks_requests: bool,
    breaks_responses: bool,
    code: &'static str,
    location: &'r str,
    message: &'r str,
    rust: &'r str,
    operations: &'r [String],
}

impl<'r> JsonReport<'r> {
    fn new(report: &'r Report, old: &'r str, new: &'r str) -> Self {
        let changes = report
            .changes
            .iter()
            .map(|c| JsonChange {
                impact: if c.impact.is_breaking() {
                    "breaking"
                } else {
                    "compatible"
                },
                breaks_requests: c.impact.breaks_requests,
                breaks_responses: c.impact.breaks_responses,
                code: c.code,
                location: &c.location,
                message: &c.message,
                rust: &c.rust,
                operations: &c.operations,
            })
            .collect();
        Self {
            old,
            new,
            changes_total: report.changes.len(),
            breaking: report.breaking_count(),
            changes,
        }
    }
}
