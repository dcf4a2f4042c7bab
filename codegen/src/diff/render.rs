//! A [`Report`] as text for a terminal, or as Markdown for a pull-request comment.

use super::Report;

/// The summary line: `N changes (B breaking, C compatible)`.
fn summary(report: &Report) -> String {
    let total = report.changes.len();
    let breaking = report.breaking_count();
    format!(
        "{total} change{} ({breaking} breaking, {} compatible)",
        if total == 1 { "" } else { "s" },
        total - breaking
    )
}

/// Plain text: a summary line naming `old` and `new`, then one block per change.
pub fn render_text(report: &Report, old: &str, new: &str) -> String {
    let mut out = format!("{old} → {new}: {}\n", summary(report));
    for change in &report.changes {
        out.push_str(&format!(
            "\n{}: {}\n  {}\n  Rust: {}\n",
            change.impact.label(),
            change.location,
            change.message,
            change.rust
        ));
        if !change.operations.is_empty() {
            out.push_str(&format!("  operations: {}\n", change.operations.join(", ")));
        }
    }
    out
}

/// Markdown for a pull-request comment: a heading with the counts, and a table of the
/// changes with breaking ones first.
pub fn render_markdown(report: &Report, old: &str, new: &str) -> String {
    let mut out = format!(
        "### WSDL changes: `{}` → `{}`\n\n{}.\n",
        cell(old),
        cell(new),
        summary(report)
    );
    if report.changes.is_empty() {
        return out;
    }
    out.push_str("\n| Impact | Where | Change | Rust API | Operations |\n|---|---|---|---|---|\n");
    for change in &report.changes {
        let impact = match change.impact.is_breaking() {
            true => format!("**{}**", change.impact.label()),
            false => change.impact.label().to_owned(),
        };
        let operations: Vec<String> = change
            .operations
            .iter()
            .map(|o| format!("`{}`", cell(o)))
            .collect();
        out.push_str(&format!(
            "| {impact} | `{}` | {} | {} | {} |\n",
            cell(&change.location),
            cell(&change.message),
            cell(&change.rust),
            operations.join(", ")
        ));
    }
    out
}

/// Text safe inside a Markdown table cell: pipes escaped, line breaks flattened.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
