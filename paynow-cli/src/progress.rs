//! The progress of a journaled batch on stderr: a bar on a terminal, else a plain line
//! at most once a second.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use paynow_einvoice::journal::{Progress, ProgressFn};

/// The bar of the running batch, if on a terminal, so that [`finish`] can clear it.
static BAR: OnceLock<ProgressBar> = OnceLock::new();

/// The progress callback: a bar when stderr is a terminal (and not `--json`), else lines.
pub fn display(json: bool) -> ProgressFn {
    if std::io::stderr().is_terminal() && !json {
        let bar = BAR.get_or_init(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        let bar = bar.clone();
        Arc::new(move |progress: &Progress| {
            let summary = progress.summary;
            bar.set_length(summary.total());
            bar.set_position(summary.issued + summary.refused);
            bar.set_message(line(progress));
        })
    } else {
        let last: Mutex<Option<Instant>> = Mutex::new(None);
        Arc::new(move |progress: &Progress| {
            let mut last = last.lock().unwrap_or_else(PoisonError::into_inner);
            if last.is_none_or(|at| at.elapsed() >= Duration::from_secs(1)) {
                *last = Some(Instant::now());
                eprintln!("progress: {}", line(progress));
            }
        })
    }
}

/// Clears the bar, if one was drawn.
pub fn finish() {
    if let Some(bar) = BAR.get() {
        bar.finish_and_clear();
    }
}

/// `issued 120 · refused 0 · in doubt 0 · remaining 880 · 45.2/s · ETA 19s`.
fn line(progress: &Progress) -> String {
    let summary = progress.summary;
    let remaining = summary.pending + summary.sending;
    let seconds = progress.elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        progress.settled as f64 / seconds
    } else {
        0.0
    };
    let eta = if rate > 0.0 {
        format!("{:.0}s", remaining as f64 / rate)
    } else {
        "?".to_owned()
    };
    format!(
        "issued {} · refused {} · in doubt {} · remaining {remaining} · {rate:.1}/s · ETA {eta}",
        summary.issued, summary.refused, summary.in_doubt
    )
}
