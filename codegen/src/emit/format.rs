//! Formatting generated code one item group at a time: each group's tokens are checked
//! with syn and printed with prettyplease as soon as they are built, so the whole file is
//! never held as one token stream and one syntax tree (on big services those were most of
//! the generator's peak memory). prettyplease prints a file's items one after another
//! with nothing between them, so the output is byte for byte that of the whole file.
//! Each group is also checked for names defined twice (see `check`), against the groups
//! before it.
//!
//! Building and formatting the groups of a long list (the types) is most of the
//! generator's time, so [`SourceWriter::extend_parallel`] shares it among threads, a
//! contiguous run of groups each, and appends the results in order: the output does not
//! depend on the number of threads.

use std::num::NonZeroUsize;

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

/// Groups formatted per round of [`SourceWriter::extend_parallel`] and thread: enough to
/// pay for a thread, few enough that a round's output is small next to the file's.
const GROUPS_PER_THREAD: usize = 64;

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

    /// Formats and appends each item group of `groups`.
    pub(crate) fn extend(
        &mut self,
        groups: impl IntoIterator<Item = TokenStream>,
    ) -> Result<(), String> {
        groups.into_iter().try_for_each(|tokens| self.push(tokens))
    }

    /// Builds (with `build`), formats and appends an item group per item of `items`, in
    /// order, on several threads when there are many. Tokens cannot cross threads, so
    /// each group is built where it is formatted.
    pub(crate) fn extend_parallel<T: Sync>(
        &mut self,
        items: &[T],
        cx: &Context,
        build: fn(&T, &Context) -> TokenStream,
    ) -> Result<(), String> {
        let threads = std::thread::available_parallelism()
            .map_or(1, NonZeroUsize::get)
            .min(MAX_THREADS);
        if threads == 1 || items.len() < 2 * GROUPS_PER_THREAD {
            return self.extend(items.iter().map(|item| build(item, cx)));
        }
        let format_run = |run: &[T]| -> Result<Vec<Formatted>, String> {
            run.iter()
                .map(|item| build(item, cx))
                .filter(|tokens| !tokens.is_empty())
                .map(format)
                .collect()
        };
        for round in items.chunks(threads * GROUPS_PER_THREAD) {
            let mut runs = round.chunks(GROUPS_PER_THREAD);
            let first = runs.next().unwrap_or_default();
            let formatted: Vec<Result<Vec<Formatted>, String>> = std::thread::scope(|scope| {
                let others: Vec<_> = runs
                    .map(|run| scope.spawn(move || format_run(run)))
                    .collect();
                // This thread formats the first run meanwhile.
                let mut all = vec![format_run(first)];
                all.extend(others.into_iter().map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                }));
                all
            });
            for run in formatted {
                for group in run? {
                    self.append(group)?;
                }
            }
        }
        Ok(())
    }

    /// The formatted source.
    pub(crate) fn finish(self) -> String {
        self.source
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proc_macro2::TokenStream;
    use quote::{format_ident, quote};

    use super::super::{Context, RuntimePath};
    use super::SourceWriter;

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

    #[test]
    fn many_groups_come_out_in_order_as_one_at_a_time() {
        let cx = context();
        let names: Vec<String> = (0..1000).map(|i| format!("T{i}")).collect();
        let mut parallel = SourceWriter::default();
        parallel.extend_parallel(&names, &cx, group).unwrap();
        let mut serial = SourceWriter::default();
        serial
            .extend(names.iter().map(|name| group(name, &cx)))
            .unwrap();
        let (parallel, serial) = (parallel.finish(), serial.finish());
        assert_eq!(parallel, serial);
        assert!(serial.find("pub struct T0 ").unwrap() < serial.find("pub struct T999 ").unwrap());
        assert!(serial.contains("pub value: ::soap_runtime::RawXml,"));
    }

    #[test]
    fn a_name_defined_twice_far_apart_is_found() {
        let cx = context();
        let mut names: Vec<String> = (0..1000).map(|i| format!("T{i}")).collect();
        names[900] = "T3".to_owned();
        let error = SourceWriter::default()
            .extend_parallel(&names, &cx, group)
            .unwrap_err();
        assert!(
            error.contains("struct `T3` in the generated file is defined twice"),
            "{error}"
        );
    }
}
