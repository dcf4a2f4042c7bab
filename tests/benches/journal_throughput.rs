//! Throughput of journaled issuance against the in-process mock, at 1, 4 and 16 uploads
//! in flight: `journaled` runs `PayNow::issue_journaled` with a fresh SQLite journal
//! (WAL, synchronous=FULL) over a 100-invoice batch; `baseline` issues the same 100
//! invoices with `PayNow::issue` from the same number of tasks, without a journal. The
//! difference is the journal's share: registering, claiming and recording each order.
//!
//! The mock issues a duplicate order again instead of refusing it, so that every
//! iteration can issue the same batch.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use paynow_einvoice::domain::Invoice;
use paynow_einvoice::facade::{Clock, Config, Credentials, Environment, PayNow};
use paynow_einvoice::journal::{BatchOptions, SqliteJournal};
use paynow_mock::{MockConfig, MockServer};
use soap_runtime::SoapVersion;

const BATCH: usize = 100;
const PARALLEL: [usize; 3] = [1, 4, 16];

/// Noon in Taiwan: never the maintenance window.
struct Noon;

impl Clock for Noon {
    fn now(&self) -> std::time::SystemTime {
        std::time::UNIX_EPOCH + Duration::from_secs(1_767_240_000)
    }
}

/// The CLI's sample invoice under order numbers `BENCH-0000`, ….
fn invoices() -> Vec<Invoice> {
    let sample: Invoice =
        serde_json::from_str(include_str!("../../paynow-cli/samples/invoice.json"))
            .expect("the sample invoice");
    (0..BATCH)
        .map(|i| Invoice {
            order_no: format!("BENCH-{i:04}"),
            ..sample.clone()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mock = runtime
        .block_on(MockServer::start(
            MockConfig::new("12345675", "bench").allow_duplicate_orders(true),
        ))
        .unwrap();
    let mut config = Config::new(
        Credentials {
            mem_cid: "12345675".to_owned(),
            mem_password: "bench".into(),
        },
        Environment::Custom(mock.url().to_owned()),
        SoapVersion::Soap12,
    );
    config.clock = Arc::new(Noon);
    let paynow = PayNow::new(config).unwrap();
    let invoices = Arc::new(invoices());
    let dir = std::env::temp_dir().join(format!("journal-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let runs = AtomicUsize::new(0);

    let mut group = c.benchmark_group("issue_100");
    group.throughput(Throughput::Elements(BATCH as u64));
    for parallel in PARALLEL {
        group.bench_with_input(
            BenchmarkId::new("baseline", parallel),
            &parallel,
            |b, &n| {
                b.iter(|| runtime.block_on(unjournaled(&paynow, &invoices, n)));
            },
        );
        group.bench_with_input(
            BenchmarkId::new("journaled", parallel),
            &parallel,
            |b, &n| {
                b.iter(|| {
                    let path =
                        dir.join(format!("{}.journal", runs.fetch_add(1, Ordering::Relaxed)));
                    runtime.block_on(journaled(&paynow, &invoices, n, &path));
                });
            },
        );
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
    runtime.block_on(mock.shutdown());
}

async fn unjournaled(paynow: &PayNow, invoices: &Arc<Vec<Invoice>>, parallel: usize) {
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..parallel {
        let (paynow, invoices, next) = (paynow.clone(), Arc::clone(invoices), Arc::clone(&next));
        tasks.spawn(async move {
            while let Some(invoice) = invoices.get(next.fetch_add(1, Ordering::Relaxed)) {
                paynow.issue(invoice).await.expect("issued");
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
}

async fn journaled(paynow: &PayNow, invoices: &[Invoice], parallel: usize, path: &std::path::Path) {
    let journal = Arc::new(SqliteJournal::open(path).await.unwrap());
    let options = BatchOptions {
        parallel,
        ..BatchOptions::default()
    };
    let report = paynow
        .issue_journaled(journal, invoices, &options)
        .await
        .unwrap();
    assert_eq!(report.summary.issued, BATCH as u64);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10);
    targets = bench
}
criterion_main!(benches);
