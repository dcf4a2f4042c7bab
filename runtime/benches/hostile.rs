//! Decoding cost of hostile answer shapes at N and 4N: linear decoding takes about 4× as
//! long at 4N. The shapes are those of issue 8 (they took 0.17 / 0.68 / 2.95 s and more
//! before namespace lookups were made O(1)):
//!
//! * `prefixed_children`: the Envelope declares N prefixes, the operation element holds
//!   N children using them;
//! * `fault_declarations`: a Fault whose Envelope declares N prefixes, its detail using
//!   one of them;
//! * `plain_attributes`: N plain attributes on the Envelope;
//! * `attribute_rich_elements`: N/64 elements with 255 attributes each, within the
//!   default limits.
//!
//! The first three run with the limits lifted (to measure the algorithm, not the
//! refusal) and with the default limits (refused at the Envelope's 257th attribute).
//!
//! Run with `cargo bench -p soap-runtime --bench hostile`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use soap_runtime::{Limits, RawXml, SoapError, SoapVersion, read_response};

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SIZES: [usize; 2] = [10_000, 40_000];

fn declarations(n: usize) -> String {
    (0..n).fold(String::new(), |mut out, i| {
        let _ = write!(out, " xmlns:p{i}=\"urn:example:{i}\"");
        out
    })
}

fn envelope(attributes: &str, body: &str) -> String {
    format!(
        "<soap:Envelope xmlns:soap=\"{SOAP11}\"{attributes}><soap:Body>{body}</soap:Body></soap:Envelope>"
    )
}

fn prefixed_children(n: usize) -> String {
    let children = (0..n).fold(String::new(), |mut out, i| {
        let _ = write!(out, "<p{i}:c>{i}</p{i}:c>");
        out
    });
    envelope(
        &declarations(n),
        &format!("<r:Resp xmlns:r=\"urn:r\">{children}</r:Resp>"),
    )
}

fn fault_declarations(n: usize) -> String {
    envelope(
        &declarations(n),
        "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>no</faultstring><detail><p1:E>x</p1:E></detail></soap:Fault>",
    )
}

fn plain_attributes(n: usize) -> String {
    let attributes = (0..n).fold(String::new(), |mut out, i| {
        let _ = write!(out, " a{i}=\"{i}\"");
        out
    });
    envelope(&attributes, "<r:Resp xmlns:r=\"urn:r\"/>")
}

fn attribute_rich_elements(n: usize) -> String {
    let attributes = (0..255).fold(String::new(), |mut out, i| {
        let _ = write!(out, " a{i}=\"{i}\"");
        out
    });
    let children = format!("<e{attributes}/>").repeat(n / 64);
    envelope(
        "",
        &format!("<r:Resp xmlns:r=\"urn:r\">{children}</r:Resp>"),
    )
}

/// A benchmark's name, the document of size N it decodes, and the limits it runs under.
type Shape = (&'static str, fn(usize) -> String, Limits);

fn decode(xml: &[u8], limits: Limits) -> Result<RawXml, SoapError> {
    read_response::<RawXml>(xml, SoapVersion::Soap11, "urn:r", "Resp", limits, 200)
}

fn hostile(c: &mut Criterion) {
    let lifted = Limits {
        max_attributes: usize::MAX,
        max_namespace_declarations: usize::MAX,
        max_namespaces_in_scope: usize::MAX,
        ..Limits::default()
    };
    let shapes: [Shape; 7] = [
        ("prefixed_children/lifted", prefixed_children, lifted),
        (
            "prefixed_children/default",
            prefixed_children,
            Limits::default(),
        ),
        ("fault_declarations/lifted", fault_declarations, lifted),
        (
            "fault_declarations/default",
            fault_declarations,
            Limits::default(),
        ),
        ("plain_attributes/lifted", plain_attributes, lifted),
        (
            "plain_attributes/default",
            plain_attributes,
            Limits::default(),
        ),
        (
            "attribute_rich_elements/default",
            attribute_rich_elements,
            Limits::default(),
        ),
    ];
    for (name, shape, limits) in shapes {
        let mut group = c.benchmark_group(name);
        for n in SIZES {
            let xml = shape(n);
            // Each shape must do what it is here for: decode, fault, or be refused.
            let outcome = decode(xml.as_bytes(), limits);
            let lifted_ok = match name {
                "fault_declarations/lifted" => matches!(outcome, Err(SoapError::Fault { .. })),
                _ if name.ends_with("/lifted") || name.starts_with("attribute_rich") => {
                    outcome.is_ok()
                }
                _ => matches!(outcome, Err(SoapError::Decode(_))),
            };
            assert!(lifted_ok, "{name} at {n}: {outcome:?}");
            group.throughput(Throughput::Bytes(xml.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &xml, |b, xml| {
                b.iter(|| decode(black_box(xml.as_bytes()), limits))
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = hostile
}
criterion_main!(benches);
