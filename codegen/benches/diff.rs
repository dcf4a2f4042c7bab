//! What `soap-codegen diff` costs next to parsing: for the PayNow WSDL and, when the shared
//! corpus is beside the repository, the large AWS EC2 WSDL, each against an edited copy
//! of itself (one element added to a type, one soapAction changed):
//!
//! - `parse`: reading one WSDL into the model (what `diff` does twice before comparing);
//! - `diff`: comparing the two models (`soap_codegen::diff::diff`), usage walk included.
//!
//! Short measurement times: `cargo bench -p soap-codegen --bench diff` (set `WSDL_CORPUS`
//! to the corpus folder when it is not at `../shared/wsdl-corpus`).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use soap_codegen::parse::parse_str;

/// `(label, WSDL path)` of each case present on this machine.
fn cases() -> Vec<(&'static str, PathBuf)> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        ("paynow", manifest.join("../wsdl/PayNowEInvoice.wsdl")),
        (
            "aws-ec2",
            manifest.join("../../shared/wsdl-corpus/aws-ec2-large/ec2.wsdl"),
        ),
    ];
    candidates
        .into_iter()
        .filter(|(_, path)| path.exists())
        .collect()
}

/// `text` with a new optional element in the first sequence and the first soapAction
/// changed: a small release, so `diff` walks everything and reports little.
fn edited(text: &str) -> String {
    let sequence = text.find(":sequence>").expect("a sequence");
    let prefix_start = text[..sequence].rfind('<').unwrap() + 1;
    let prefix = &text[prefix_start..sequence];
    let added = format!(
        ":sequence><{prefix}:element name=\"AddedForBench\" type=\"{prefix}:string\" minOccurs=\"0\"/>"
    );
    let mut out = text.replacen(":sequence>", &added, 1);
    if let Some(at) = out.find("soapAction=\"") {
        out.insert_str(at + "soapAction=\"".len(), "v2-");
    }
    out
}

fn bench(c: &mut Criterion) {
    for (label, path) in cases() {
        let text = std::fs::read_to_string(&path).unwrap();
        let new_text = edited(&text);
        let old = parse_str(&path, &text).unwrap();
        let new = parse_str(&path, &new_text).unwrap();
        let report = soap_codegen::diff::diff(&old, &new);
        assert!(!report.changes.is_empty(), "{label}: the edit is seen");
        println!(
            "{label}: {} bytes, {} changes",
            text.len(),
            report.changes.len()
        );
        let mut group = c.benchmark_group(label);
        group.bench_function("parse", |b| {
            b.iter(|| parse_str(&path, black_box(&text)).unwrap())
        });
        group.bench_function("diff", |b| {
            b.iter(|| soap_codegen::diff::diff(black_box(&old), black_box(&new)))
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    targets = bench
}
criterion_main!(benches);
