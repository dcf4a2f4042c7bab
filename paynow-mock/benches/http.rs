//! The generated client's HTTP path against plain reqwest posting the same pre-built
//! envelope bytes, both to this mock in-process, with keep-alive. Server and clients share
//! one thread (a current-thread runtime), so the CPU is the limit and every microsecond the
//! client spends shows.
//!
//! For `Check_invoice` (PayNow's most frequent call) and `CancelInvoice` (a 60-field object
//! each way): one call at a time (`sequential`) and 16 calls in flight (`16_in_flight`).
//! `codec/CancelInvoice/write+decode` is what writing the request and decoding the answer
//! cost alone, for comparing with the client's overhead beyond the raw call in the same run.
//!
//! The machine these run on is shared, and its load drifts within seconds, so besides
//! criterion's figures the bench prints **paired** figures: raw and client (and the codec)
//! timed in alternation, round after round, and the median of the per-round ratios.
//!
//! Run with `cargo bench -p paynow-mock --bench http`.

use std::future::Future;
use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use futures_util::future::join_all;
use paynow_einvoice::generated::{
    CancelInvoice, CancelInvoiceResponse, CheckInvoice, CheckInvoiceResponse, PayNowEInvoiceClient,
};
use paynow_einvoice::samples;
use paynow_mock::{MockConfig, MockServer, TaiwanTime};
use soap_runtime::reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use soap_runtime::{ClientConfig, FromXml, Limits, Operation, SoapVersion, ToXml, read_response};
use tokio::runtime::Runtime;

const VERSION: SoapVersion = SoapVersion::Soap11;
const IN_FLIGHT: usize = 16;
/// Rounds of the paired measurement.
const ROUNDS: usize = 41;
/// Calls per side and round.
const CALLS_PER_ROUND: usize = 160;

/// The mock, the generated client and a plain reqwest client, all on one thread.
struct Setup {
    runtime: Runtime,
    _mock: MockServer,
    url: String,
    client: PayNowEInvoiceClient,
    raw: soap_runtime::reqwest::Client,
}

impl Setup {
    fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let config = MockConfig::new(samples::MEM_CID, samples::MEM_PASSWORD)
            .now(TaiwanTime::new(2025, 3, 10, 10, 0, 0).expect("a date"));
        let mock = runtime
            .block_on(MockServer::start(config))
            .expect("the mock starts");
        let url = mock.url().to_owned();
        let client = PayNowEInvoiceClient::new(ClientConfig::new(&url, VERSION)).expect("a client");
        let raw = soap_runtime::http_client_builder()
            .build()
            .expect("an HTTP client");
        Self {
            runtime,
            _mock: mock,
            url,
            client,
            raw,
        }
    }

    /// The request exactly as the client sends it: envelope and headers.
    fn prebuilt<Req: ToXml>(&self, operation: &Operation, request: &Req) -> (Bytes, HeaderMap) {
        let envelope = self
            .client
            .inner()
            .envelope(operation, request)
            .expect("an envelope");
        let action = operation.action(VERSION).expect("a SOAP 1.1 action");
        let mut headers = HeaderMap::new();
        let content_type = VERSION.content_type(action);
        headers.insert(CONTENT_TYPE, HeaderValue::from_str(&content_type).unwrap());
        let soap_action = VERSION.soap_action_header(action).expect("SOAP 1.1");
        headers.insert("SOAPAction", HeaderValue::from_str(&soap_action).unwrap());
        (Bytes::from(envelope), headers)
    }

    /// One raw call: POST the bytes, read the whole answer.
    async fn raw_call(&self, envelope: &Bytes, headers: &HeaderMap) -> Bytes {
        let answer = self
            .raw
            .post(&self.url)
            .headers(headers.clone())
            .body(envelope.clone())
            .send()
            .await
            .expect("an answer");
        assert_eq!(answer.status(), 200);
        answer.bytes().await.expect("a body")
    }
}

/// Raw against client, sequential and 16 in flight, for one operation.
fn compare<Req, Resp>(c: &mut Criterion, setup: &Setup, operation: &Operation, request: &Req)
where
    Req: ToXml + Sync,
    Resp: FromXml,
{
    let (envelope, headers) = setup.prebuilt(operation, request);
    let client = setup.client.inner();
    let call = || async {
        client
            .call::<Req, Resp>(operation, request)
            .await
            .expect("the client call succeeds")
    };
    // Both sides work: the raw answer decodes as the client's does.
    let answer = setup.runtime.block_on(setup.raw_call(&envelope, &headers));
    let (ns, name) = operation.response;
    read_response::<Resp>(&answer, VERSION, ns, name, Limits::default(), 200)
        .expect("the raw answer decodes");
    setup.runtime.block_on(call());

    let mut group = c.benchmark_group(format!("http/{}", operation.name));
    group.bench_function("raw/sequential", |b| {
        b.iter(|| black_box(setup.runtime.block_on(setup.raw_call(&envelope, &headers))))
    });
    group.bench_function("client/sequential", |b| {
        b.iter(|| black_box(setup.runtime.block_on(call())))
    });
    group.bench_function("raw/16_in_flight", |b| {
        b.iter(|| {
            let calls = (0..IN_FLIGHT).map(|_| setup.raw_call(&envelope, &headers));
            black_box(setup.runtime.block_on(join_all(calls)))
        })
    });
    group.bench_function("client/16_in_flight", |b| {
        b.iter(|| {
            let calls = (0..IN_FLIGHT).map(|_| call());
            black_box(setup.runtime.block_on(join_all(calls)))
        })
    });
    group.finish();

    let raw = || setup.raw_call(&envelope, &headers);
    let codec = codec_call::<Req, Resp>(setup, operation, request, &answer);
    for in_flight in [1, IN_FLIGHT] {
        let rounds = paired(setup, in_flight, raw, call, &codec);
        report(operation.name, in_flight, &rounds);
    }
}

/// Writing the request and decoding `answer`, as the client does around its HTTP call.
fn codec_call<'a, Req, Resp>(
    setup: &'a Setup,
    operation: &'a Operation,
    request: &'a Req,
    answer: &'a [u8],
) -> impl Fn() + 'a
where
    Req: ToXml,
    Resp: FromXml,
{
    let client = setup.client.inner();
    move || {
        let written = client.envelope(operation, request).expect("an envelope");
        let (ns, name) = operation.response;
        let decoded: Resp =
            read_response(answer, VERSION, ns, name, Limits::default(), 200).expect("decodes");
        black_box((written, decoded));
    }
}

/// One round's time per call, in microseconds: raw, client, codec.
struct Round {
    raw: f64,
    client: f64,
    codec: f64,
}

/// Times raw calls, client calls and the codec in alternation, `in_flight` calls at a time.
fn paired<R, C, FR, FC>(
    setup: &Setup,
    in_flight: usize,
    raw: R,
    client: C,
    codec: &dyn Fn(),
) -> Vec<Round>
where
    R: Fn() -> FR,
    C: Fn() -> FC,
    FR: Future,
    FC: Future,
{
    let batches = CALLS_PER_ROUND / in_flight;
    let calls = (batches * in_flight) as f64;
    let time_calls = |run: &dyn Fn()| {
        let start = Instant::now();
        for _ in 0..batches {
            run();
        }
        start.elapsed().as_secs_f64() * 1e6 / calls
    };
    let run_raw = || {
        setup
            .runtime
            .block_on(join_all((0..in_flight).map(|_| raw())));
    };
    let run_client = || {
        setup
            .runtime
            .block_on(join_all((0..in_flight).map(|_| client())));
    };
    (0..ROUNDS)
        .map(|round| {
            // Alternate which side goes first, so neither always follows the other.
            let (raw, client) = if round % 2 == 0 {
                let raw = time_calls(&run_raw);
                (raw, time_calls(&run_client))
            } else {
                let client = time_calls(&run_client);
                (time_calls(&run_raw), client)
            };
            let codec_start = Instant::now();
            for _ in 0..CALLS_PER_ROUND {
                codec();
            }
            let codec = codec_start.elapsed().as_secs_f64() * 1e6 / CALLS_PER_ROUND as f64;
            Round { raw, client, codec }
        })
        .collect()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Prints the medians of the per-round figures.
fn report(operation: &str, in_flight: usize, rounds: &[Round]) {
    let throughput = median(rounds.iter().map(|r| r.raw / r.client).collect());
    let overhead = median(rounds.iter().map(|r| r.client - r.raw).collect());
    let codec = median(rounds.iter().map(|r| r.codec).collect());
    let overhead_per_codec = median(
        rounds
            .iter()
            .map(|r| (r.client - r.raw) / r.codec)
            .collect(),
    );
    let raw = median(rounds.iter().map(|r| r.raw).collect());
    println!(
        "paired {operation} in_flight={in_flight}: raw {raw:.1} µs/call; client/raw calls/s \
         {throughput:.3}x; client overhead {overhead:.1} µs/call; codec write+decode \
         {codec:.1} µs; overhead/codec {overhead_per_codec:.2}x ({} rounds)",
        rounds.len()
    );
}

/// Writing the `CancelInvoice` request and decoding its answer, without HTTP.
fn codec(c: &mut Criterion, setup: &Setup, request: &CancelInvoice) {
    let operation = PayNowEInvoiceClient::CANCEL_INVOICE;
    let (envelope, headers) = setup.prebuilt(&operation, request);
    let answer = setup.runtime.block_on(setup.raw_call(&envelope, &headers));
    let client = setup.client.inner();
    let (ns, name) = operation.response;
    c.bench_function("codec/CancelInvoice/write+decode", |b| {
        b.iter(|| {
            let written = client.envelope(&operation, request).expect("an envelope");
            let decoded: CancelInvoiceResponse =
                read_response(&answer, VERSION, ns, name, Limits::default(), 200).expect("decodes");
            black_box((written, decoded))
        })
    });
}

fn http(c: &mut Criterion) {
    let setup = Setup::new();
    let check = CheckInvoice {
        mem_cid: Some(samples::MEM_CID.to_owned()),
        invoice_no: Some(samples::INVOICE_NO.to_owned()),
    };
    compare::<_, CheckInvoiceResponse>(c, &setup, &PayNowEInvoiceClient::CHECK_INVOICE, &check);
    let cancel = CancelInvoice {
        obj_invoice: Some(samples::invoice()),
    };
    compare::<_, CancelInvoiceResponse>(c, &setup, &PayNowEInvoiceClient::CANCEL_INVOICE, &cancel);
    codec(c, &setup, &cancel);
}

criterion_group! {
    name = benches;
    // Short runs on a shared machine: ratios within one run are what count.
    config = Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(30);
    targets = http
}
criterion_main!(benches);
