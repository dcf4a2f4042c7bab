//! Formatting generated code one item group at a time: each group's tokens are checked
//! with syn and printed with prettyplease as soon as they are built, so the whole file is
//! never held as one token stream and one syntax tree (on big services those were most of
//! the generator's peak memory). prettyplease prints a file's items one after another
//! with nothing between them, so the output is byte for byte that of the whole file.
//! Each group is also checked for names defined twice (see `check`), against the groups
//! before it.
//!
//! Building and formatting the groups is most of the generator's time, so [`Jobs`] shares
//! it among threads: the type lists in runs of [`GROUPS_PER_JOB`] groups, each service's
//! client and server as one job, started first because they are the biggest. Results are
//! appended in order, so the output does not depend on the number of threads or on which
//! job finishes first.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use proc_macro2::TokenStream;

use super::Context;
use super::check::{Claim, ItemCheck, claims};

/// The formatted source, built group by group.
pub(crate) struct SourceWriter {
    source: String,
    names: ItemCheck,
}

impl Default for SourceWriter {
    fn default() -> Self {
        Self {
            source: String::new(),
            names: ItemCheck::new("the generated file"),
        }
    }
}

/// One item group, formatted, with the names it defines.
struct Formatted {
    source: String,
    claims: Vec<Claim>,
}

/// Groups of a list formatted per job: enough to pay for handing the job to a thread, few
/// enough that the threads finish close together.
const GROUPS_PER_JOB: usize = 64;

/// At most this many threads format (beyond, the gain is small next to the writes).
const MAX_THREADS: usize = 4;

/// Parses and formats `tokens` (any number of items).
fn format(tokens: TokenStream) -> Result<Formatted, String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| format!("internal error: generated code does not parse: {e}"))?;
    Ok(Formatted {
        claims: claims(&file.items)?,
        source: prettyplease::unparse(&file),
    })
}

impl SourceWriter {
    /// Formats `tokens` (any number of items) and appends them.
    pub(crate) fn push(&mut self, tokens: TokenStream) -> Result<(), String> {
        if tokens.is_empty() {
            return Ok(());
        }
        self.append(format(tokens)?)
    }

    fn append(&mut self, formatted: Formatted) -> Result<(), String> {
        self.names.apply(formatted.claims)?;
        self.source.push_str(&formatted.source);
        Ok(())
    }

    fn append_all(&mut self, job: JobResult) -> Result<(), String> {
        job?.into_iter().try_for_each(|group| self.append(group))
    }

    /// The formatted source.
    pub(crate) fn finish(self) -> String {
        self.source
    }
}

/// What a job gives: its groups, formatted, in order.
type JobResult = Result<Vec<Formatted>, String>;

/// One piece of formatting work. Tokens cannot cross threads, so a job builds its groups
/// where it formats them.
struct Job<'a> {
    /// Whether it is one big group (a whole client or server: the longest jobs), not a
    /// run of a list.
    single: bool,
    run: Box<dyn Fn() -> JobResult + Send + Sync + 'a>,
}

/// Item groups to build and format, in the order they are appended.
#[derive(Default)]
pub(crate) struct Jobs<'a> {
    jobs: Vec<Job<'a>>,
}

impl<'a> Jobs<'a> {
    /// An item group per item of `items`, built by `build`, in order.
    pub(crate) fn list<T: Sync>(
        &mut self,
        items: &'a [T],
        cx: &'a Context,
        build: fn(&T, &Context) -> TokenStream,
    ) {
        for run in items.chunks(GROUPS_PER_JOB) {
            self.jobs.push(Job {
                single: false,
                run: Box::new(move || {
                    run.iter()
                        .map(|item| build(item, cx))
                        .filter(|tokens| !tokens.is_empty())
                        .map(format)
                        .collect()
                }),
            });
        }
    }

    /// One big item group (a service's client or server), built by `build`.
    pub(crate) fn single(&mut self, build: impl Fn() -> TokenStream + Send + Sync + 'a) {
        self.jobs.push(Job {
            single: true,
            run: Box::new(move || {
                let tokens = build();
                if tokens.is_empty() {
                    return Ok(Vec::new());
                }
                Ok(vec![format(tokens)?])
            }),
        });
    }

    /// Runs every job, on several threads when the machine has several cores, and appends
    /// their groups to `writer` in order. The first error in that order is returned.
    pub(crate) fn run(self, writer: &mut SourceWriter) -> Result<(), String> {
        let threads = std::thread::available_parallelism()
            .map_or(1, NonZeroUsize::get)
            .min(MAX_THREADS)
            .min(self.jobs.len());
        if threads <= 1 {
            return self
                .jobs
                .iter()
                .try_for_each(|job| writer.append_all((job.run)()));
        }
        let order = self.start_order();
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let (sender, receiver) = mpsc::channel::<(usize, JobResult)>();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let sender = sender.clone();
                let (jobs, order, next, stop) = (&self.jobs, &order, &next, &stop);
                scope.spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            break;
                        };
                        if sender.send((index, (jobs[index].run)())).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(sender);
            let result = append_in_order(&receiver, self.jobs.len(), writer);
            if result.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            result
        })
    }
}

impl Jobs<'_> {
    /// The order in which jobs start: the big single groups spread evenly through the
    /// list jobs, the first one first. Started all at once they would hold their syntax
    /// trees at the same time (the peak memory); started last, a thread would be left
    /// with one long job at the end.
    fn start_order(&self) -> Vec<usize> {
        let (singles, lists): (Vec<usize>, Vec<usize>) =
            (0..self.jobs.len()).partition(|&index| self.jobs[index].single);
        let stride = lists.len() / singles.len().max(1) + 1;
        let mut lists = lists.into_iter();
        let mut order = Vec::with_capacity(self.jobs.len());
        for single in singles {
            order.push(single);
            order.extend(lists.by_ref().take(stride - 1));
        }
        order.extend(lists);
        order
    }
}

/// Appends the results of `count` jobs as they arrive (in any order) to `writer`, in job
/// order. Stops early when every worker has gone: one panicked, and the thread scope
/// raises that panic.
fn append_in_order(
    receiver: &mpsc::Receiver<(usize, JobResult)>,
    count: usize,
    writer: &mut SourceWriter,
) -> Result<(), String> {
    let mut arrived: Vec<Option<JobResult>> = (0..count).map(|_| None).collect();
    let mut appended = 0;
    while appended < count {
        let Ok((index, result)) = receiver.recv() else {
            break;
        };
        arrived[index] = Some(result);
        while let Some(result) = arrived.get_mut(appended).and_then(Option::take) {
            writer.append_all(result)?;
            appended += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proc_macro2::TokenStream;
    use quote::{format_ident, quote};

    use super::super::{Context, RuntimePath};
    use super::{Jobs, SourceWriter};

    fn context() -> Context {
        Context {
            runtime: RuntimePath("::soap_runtime".to_owned()),
            runtime_path: "::soap_runtime".to_owned(),
            serde: false,
            namespaces: BTreeMap::new(),
            choices: Vec::new(),
            groups: BTreeMap::new(),
            encoded: false,
        }
    }

    /// A struct named after `name`, with an impl using the runtime path.
    fn group(name: &String, cx: &Context) -> TokenStream {
        let ident = format_ident!("{name}");
        let rt = &cx.runtime;
        quote! {
            pub struct #ident { pub value: #rt::RawXml }
            impl #ident { pub fn name() -> &'static str { #name } }
        }
    }

    /// `names` as a list job, then a trait as a single (early) job.
    fn run_jobs(names: &[String], cx: &Context) -> Result<String, String> {
        let mut jobs = Jobs::default();
        jobs.list(names, cx, group);
        jobs.single(|| quote! { pub trait Last {} });
        let mut writer = SourceWriter::default();
        jobs.run(&mut writer)?;
        Ok(writer.finish())
    }

    #[test]
    fn many_groups_come_out_in_order_as_one_at_a_time() {
        let cx = context();
        let names: Vec<String> = (0..1000).map(|i| format!("T{i}")).collect();
        let parallel = run_jobs(&names, &cx).unwrap();
        let mut serial = SourceWriter::default();
        for name in &names {
            serial.push(group(name, &cx)).unwrap();
        }
        serial.push(quote! { pub trait Last {} }).unwrap();
        let serial = serial.finish();
        assert_eq!(parallel, serial);
        assert!(serial.find("pub struct T0 ").unwrap() < serial.find("pub struct T999 ").unwrap());
        assert!(serial.ends_with("pub trait Last {}\n"), "{serial}");
        assert!(serial.contains("pub value: ::soap_runtime::RawXml,"));
    }

    #[test]
    fn big_single_groups_start_spread_through_the_lists() {
        let cx = context();
        let names: Vec<String> = (0..6 * 64).map(|i| format!("T{i}")).collect();
        let mut jobs = Jobs::default();
        jobs.list(&names, &cx, group);
        jobs.single(|| quote! { pub trait Client {} });
        jobs.single(|| quote! { pub trait Server {} });
        // Appended in the order added: six list jobs (0–5), then the singles (6, 7).
        assert_eq!(jobs.start_order(), [6, 0, 1, 2, 7, 3, 4, 5]);
    }

    #[test]
    fn an_error_in_a_job_started_early_is_reported() {
        let cx = context();
        let names: Vec<String> = (0..300).map(|i| format!("T{i}")).collect();
        let mut jobs = Jobs::default();
        jobs.list(&names, &cx, group);
        jobs.single(|| quote! { pub fn });
        let error = jobs.run(&mut SourceWriter::default()).unwrap_err();
        assert!(error.contains("generated code does not parse"), "{error}");
    }

    #[test]
    fn a_name_defined_twice_far_apart_is_found() {
        let cx = context();
        let mut names: Vec<String> = (0..1000).map(|i| format!("T{i}")).collect();
        names[900] = "T3".to_owned();
        let error = run_jobs(&names, &cx).unwrap_err();
        assert!(
            error.contains("struct `T3` in the generated file is defined twice"),
            "{error}"
        );
    }
}
