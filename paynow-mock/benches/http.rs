//! The generated client's HTTP path against plain reqwest posting the same pre-built
//! envelope bytes, both to this mock in-process, with keep-alive. Server and clients share
//! one thread (a current-thread runtime), so the CPU is the limit and every microsecond the
//! client spends shows.
//!
//! For `Check_invoice` (PayNow's most frequent call) and `CancelInvoice` (a 60-field object
//! each way): one call at a time (`sequential`) and 16 calls in flight (`16_in_flight`).
//! The raw side is given the endpoint already parsed, as the client has it, so it does
//! nothing the client is spared.
//!
//! What writing the request and decoding the answer cost, to compare with the client's
//! cost beyond the raw call, is measured two ways in the same rounds:
//! - `codec`: writing + decoding alone, in a tight loop (warm caches and predictors);
//! - `raw+codec`: a raw call that also writes its envelope before posting it and decodes
//!   the answer after, as a client written by hand on plain reqwest would; its cost beyond
//!   the raw call is what the codec costs *inside* a call, interleaved with hyper's and
//!   the server's work. `client` against `raw+codec` is the HTTP path's own cost.
//!
//! The machine these run on is shared, and its load drifts within seconds, so besides
//! criterion's figures the bench prints **paired** figures: the sides timed in
//! alternation, round after round, and the medians of the per-round figures.
//!
//! Run with `cargo bench -p paynow-mock --bench http`. `HTTP_BENCH_PROFILE` (see
//! [`profile`]) runs one side alone, for callgrind.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, criterion_group};
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
    url: soap_runtime::reqwest::Url,
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
        let client =
            PayNowEInvoiceClient::new(ClientConfig::new(mock.url(), VERSION)).expect("a client");
        let url = mock.url().parse().expect("the mock's URL");
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
            .post(self.url.clone())
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

    let sides = Sides {
        raw: &|in_flight| {
            let calls = (0..in_flight).map(|_| setup.raw_call(&envelope, &headers));
            black_box(setup.runtime.block_on(join_all(calls)));
        },
        raw_codec: &|in_flight| {
            let calls = (0..in_flight)
                .map(|_| raw_codec_call::<Req, Resp>(setup, operation, request, &headers));
            black_box(setup.runtime.block_on(join_all(calls)));
        },
        client: &|in_flight| {
            black_box(
                setup
                    .runtime
                    .block_on(join_all((0..in_flight).map(|_| call()))),
            );
        },
        codec: &codec_call::<Req, Resp>(setup, operation, request, &answer),
    };
    for in_flight in [1, IN_FLIGHT] {
        report(operation.name, in_flight, &paired(in_flight, &sides));
    }
}

/// A raw call doing the codec's work by hand, as a client on plain reqwest would: write
/// the envelope, POST it, read the whole answer and decode it.
async fn raw_codec_call<Req, Resp>(
    setup: &Setup,
    operation: &Operation,
    request: &Req,
    headers: &HeaderMap,
) -> Resp
where
    Req: ToXml,
    Resp: FromXml,
{
    let written = setup
        .client
        .inner()
        .envelope(operation, request)
        .expect("an envelope");
    let answer = setup.raw_call(&Bytes::from(written), headers).await;
    let (ns, name) = operation.response;
    read_response(&answer, VERSION, ns, name, Limits::default(), 200).expect("decodes")
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

/// What the paired measurement times: each HTTP side runs a batch of `in_flight` calls.
struct Sides<'a> {
    raw: &'a dyn Fn(usize),
    raw_codec: &'a dyn Fn(usize),
    client: &'a dyn Fn(usize),
    /// Writing and decoding once, without HTTP.
    codec: &'a dyn Fn(),
}

/// One round's time per call, in microseconds.
struct Round {
    raw: f64,
    raw_codec: f64,
    client: f64,
    codec: f64,
}

/// Times the sides in alternation, `in_flight` calls at a time, for [`ROUNDS`] rounds.
fn paired(in_flight: usize, sides: &Sides<'_>) -> Vec<Round> {
    let batches = CALLS_PER_ROUND / in_flight;
    let per_call =
        |start: Instant, calls: usize| start.elapsed().as_secs_f64() * 1e6 / calls as f64;
    let time_calls = |side: &dyn Fn(usize)| {
        let start = Instant::now();
        for _ in 0..batches {
            side(in_flight);
        }
        per_call(start, batches * in_flight)
    };
    let http_sides = [sides.raw, sides.raw_codec, sides.client];
    (0..ROUNDS)
        .map(|round| {
            // Rotate which side goes first, so none always follows the same other.
            let mut times = [0.0; 3];
            for step in 0..3 {
                let side = (round + step) % 3;
                times[side] = time_calls(http_sides[side]);
            }
            let start = Instant::now();
            for _ in 0..CALLS_PER_ROUND {
                (sides.codec)();
            }
            let [raw, raw_codec, client] = times;
            Round {
                raw,
                raw_codec,
                client,
                codec: per_call(start, CALLS_PER_ROUND),
            }
        })
        .collect()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Prints the medians of the per-round figures.
fn report(operation: &str, in_flight: usize, rounds: &[Round]) {
    let med = |f: &dyn Fn(&Round) -> f64| median(rounds.iter().map(f).collect());
    let raw = med(&|r| r.raw);
    let throughput = med(&|r| r.raw / r.client);
    let overhead = med(&|r| r.client - r.raw);
    let codec = med(&|r| r.codec);
    let codec_in_call = med(&|r| r.raw_codec - r.raw);
    let per_codec = med(&|r| (r.client - r.raw) / r.codec);
    let per_codec_in_call = med(&|r| (r.client - r.raw) / (r.raw_codec - r.raw));
    let against_hand_written = med(&|r| r.raw_codec / r.client);
    println!(
        "paired {operation} in_flight={in_flight} ({} rounds): raw {raw:.1} µs/call; \
         client/raw calls/s {throughput:.3}x; client - raw {overhead:.1} µs/call; \
         codec tight loop {codec:.1} µs, in call (raw+codec - raw) {codec_in_call:.1} µs; \
         (client - raw)/codec: tight loop {per_codec:.2}x, in call {per_codec_in_call:.2}x; \
         client/(raw+codec) calls/s {against_hand_written:.3}x",
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
    compare::<_, CheckInvoiceResponse>(
        c,
        &setup,
        &PayNowEInvoiceClient::CHECK_INVOICE,
        &check_request(),
    );
    let cancel = cancel_request();
    compare::<_, CancelInvoiceResponse>(c, &setup, &PayNowEInvoiceClient::CANCEL_INVOICE, &cancel);
    codec(c, &setup, &cancel);
}

fn check_request() -> CheckInvoice {
    CheckInvoice {
        mem_cid: Some(samples::MEM_CID.to_owned()),
        invoice_no: Some(samples::INVOICE_NO.to_owned()),
    }
}

fn cancel_request() -> CancelInvoice {
    CancelInvoice {
        obj_invoice: Some(samples::invoice()),
    }
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
/// `HTTP_BENCH_PROFILE=side,calls,in_flight[,operation]` (side: `raw`, `client`,
/// `raw+codec` or `codec`; operation: `CancelInvoice`, the default, or `Check_invoice`;
/// e.g. `client,2000,16`) runs that many calls of one side and nothing else, for
/// `valgrind --tool=callgrind`: instruction counts of two runs with different call
/// counts, subtracted, give one call's cost without the setup's.
fn main() {
    match std::env::var("HTTP_BENCH_PROFILE") {
        Ok(spec) => profile(&spec),
        Err(_) => {
            benches();
            Criterion::default().configure_from_args().final_summary();
        }
    }
}

fn profile(spec: &str) {
    let fields: Vec<&str> = spec.split(',').collect();
    let (side, calls, in_flight, operation) = match fields[..] {
        [side, calls, in_flight] => (side, calls, in_flight, "CancelInvoice"),
        [side, calls, in_flight, operation] => (side, calls, in_flight, operation),
        _ => panic!("HTTP_BENCH_PROFILE={spec:?}: expected side,calls,in_flight[,operation]"),
    };
    let calls: usize = calls.parse().expect("a number of calls");
    let in_flight: usize = in_flight.parse().expect("a number in flight");
    let setup = Setup::new();
    match operation {
        "CancelInvoice" => profile_side::<_, CancelInvoiceResponse>(
            &setup,
            &PayNowEInvoiceClient::CANCEL_INVOICE,
            &cancel_request(),
            side,
            calls,
            in_flight,
        ),
        "Check_invoice" => profile_side::<_, CheckInvoiceResponse>(
            &setup,
            &PayNowEInvoiceClient::CHECK_INVOICE,
            &check_request(),
            side,
            calls,
            in_flight,
        ),
        other => panic!("HTTP_BENCH_PROFILE: unknown operation {other:?}"),
    }
}

/// Runs `calls` calls of `operation` on one side, `in_flight` at a time.
fn profile_side<Req, Resp>(
    setup: &Setup,
    operation: &Operation,
    request: &Req,
    side: &str,
    calls: usize,
    in_flight: usize,
) where
    Req: ToXml + Sync,
    Resp: FromXml,
{
    let (envelope, headers) = setup.prebuilt(operation, request);
    let client = setup.client.inner();
    let answer = setup.runtime.block_on(setup.raw_call(&envelope, &headers));
    let codec = codec_call::<Req, Resp>(setup, operation, request, &answer);
    eprintln!(
        "future sizes: client call {} bytes, raw call {} bytes",
        std::mem::size_of_val(&client.call::<Req, Resp>(operation, request)),
        std::mem::size_of_val(&setup.raw_call(&envelope, &headers)),
    );
    for _ in 0..calls / in_flight {
        match side {
            "raw" => {
                let batch = (0..in_flight).map(|_| setup.raw_call(&envelope, &headers));
                black_box(setup.runtime.block_on(join_all(batch)));
            }
            "client" => {
                let batch = (0..in_flight).map(|_| async {
                    client
                        .call::<Req, Resp>(operation, request)
                        .await
                        .expect("the client call succeeds")
                });
                black_box(setup.runtime.block_on(join_all(batch)));
            }
            "raw+codec" => {
                let batch = (0..in_flight)
                    .map(|_| raw_codec_call::<Req, Resp>(setup, operation, request, &headers));
                black_box(setup.runtime.block_on(join_all(batch)));
            }
            "codec" => (0..in_flight).for_each(|_| codec()),
            other => panic!("HTTP_BENCH_PROFILE: unknown side {other:?}"),
        }
    }
}
