//! Generation time for each WSDL of the shared corpus (`shared/wsdl-corpus` beside the
//! repository, listed by its INDEX.tsv), stage by stage:
//!
//! - `corpus-parse`: reading the WSDL and the local files it imports into the model;
//! - `corpus-emit`: the model into formatted source (tokens, syn check, prettyplease);
//! - `corpus-format`: prettyplease alone, on the generated file re-parsed by syn, to
//!   tell formatting from token building inside `corpus-emit`.
//!
//! A WSDL that names an import the corpus has no copy of, or an undefined component, is
//! generated with `unresolved_as_raw_xml` (marked "lenient" in the table), as its test
//! compiles it. A WSDL that does not generate is timed as far as it gets (parsing up to
//! its error).
//! Before timing, a table of input bytes (WSDL plus imports), operations and generated
//! types is printed; CORPUS.md reports both. Measurement times are short so the whole run
//! stays well under two minutes on two cores:
//! `cargo bench -p soap-codegen --bench generate`.

use std::cell::Cell;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main};
use soap_codegen::model::Definitions;
use soap_codegen::parse::{FileResolver, Resolver};
use soap_codegen::{ErrorKind, Settings, emit, parse};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/wsdl-corpus");

/// One corpus WSDL, and how far it generates.
struct Case {
    /// `short-name`, or `short-name:file` where a folder holds several WSDLs.
    label: String,
    path: PathBuf,
    /// Bytes of the WSDL and of every document it imports or includes.
    input_bytes: usize,
    definitions: Option<Definitions>,
    source: Option<String>,
    /// Where it stops, if it does.
    error: Option<String>,
    /// Whether it needs `unresolved_as_raw_xml`.
    lenient: bool,
}

impl Case {
    /// Parses the WSDL as the case needs.
    fn parse(&self) -> Result<Definitions, soap_codegen::Error> {
        match self.lenient {
            true => parse::parse_file_lenient(&self.path, &project_resolver(&self.path)),
            false => parse::parse_file_with(&self.path, &project_resolver(&self.path)),
        }
    }

    fn settings(&self) -> Settings {
        Settings {
            unresolved_as_raw_xml: self.lenient,
            ..Settings::default()
        }
    }
}

/// The default resolver, allowed the whole of the entry's project folder (ONVIF's WSDLs
/// import `../../../ver10/schema/onvif.xsd`).
fn project_resolver(wsdl: &Path) -> FileResolver {
    let project = wsdl
        .strip_prefix(CORPUS)
        .ok()
        .and_then(|relative| relative.components().next())
        .map(|first| Path::new(CORPUS).join(first));
    let resolver = FileResolver::for_root(wsdl);
    match project {
        Some(project) => resolver.allow_folder(project),
        None => resolver,
    }
}

/// The default resolver, counting the bytes it hands out.
struct CountingResolver(FileResolver, Cell<usize>);

impl Resolver for CountingResolver {
    fn resolve(&self, location: &str, base: &Path) -> Result<(PathBuf, Vec<u8>), String> {
        let resolved = self.0.resolve(location, base)?;
        self.1.set(self.1.get() + resolved.1.len());
        Ok(resolved)
    }
}

fn source_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn cases() -> Vec<Case> {
    let index = std::fs::read_to_string(format!("{CORPUS}/INDEX.tsv"))
        .unwrap_or_else(|e| panic!("{CORPUS}/INDEX.tsv: {e} (is shared/ beside the repository?)"));
    let rows: Vec<(&str, &str)> = index
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut columns = line.split('\t');
            Some((columns.next()?, columns.next()?))
        })
        .collect();
    rows.iter()
        .map(|&(short_name, file)| {
            let shared_folder = rows.iter().filter(|(s, _)| *s == short_name).count() > 1;
            let label = if shared_folder {
                format!("{short_name}:{file}")
            } else {
                short_name.to_owned()
            };
            prepare(label, Path::new(CORPUS).join(short_name).join(file))
        })
        .collect()
}

/// Runs the stages once, keeping what they give for the timed runs.
fn prepare(label: String, path: PathBuf) -> Case {
    let resolver = CountingResolver(project_resolver(&path), Cell::new(0));
    let mut parsed = parse::parse_file_with(&path, &resolver);
    let lenient = parsed.as_ref().is_err_and(|e| {
        matches!(
            e.kind,
            ErrorKind::UnresolvedImport | ErrorKind::UndefinedReference
        )
    });
    if lenient {
        resolver.1.set(0);
        parsed = parse::parse_file_lenient(&path, &resolver);
    }
    let wsdl_bytes = std::fs::metadata(&path).map_or(0, |m| m.len() as usize);
    let mut case = Case {
        label,
        input_bytes: wsdl_bytes + resolver.1.get(),
        path,
        definitions: None,
        source: None,
        error: None,
        lenient,
    };
    match parsed {
        Ok(definitions) => {
            match emit::emit(&definitions, &source_name(&case.path), &case.settings()) {
                Ok(source) => case.source = Some(source),
                Err(error) => case.error = Some(error),
            }
            case.definitions = Some(definitions);
        }
        Err(error) => case.error = Some(error.message),
    }
    case
}

/// Operations (an `Operation` constant per client and operation) and generated types
/// (structs, newtypes and choice enums, which implement `ToXml`, and enumerations, which
/// implement `XmlValue`) of a generated file.
fn counts(source: &str) -> (usize, usize) {
    let file = syn::parse_file(source).expect("generated code parses");
    let mut operations = 0;
    let mut types = 0;
    for item in &file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let trait_name = block
            .trait_
            .as_ref()
            .and_then(|(_, path, _)| last_name(path));
        if matches!(trait_name.as_deref(), Some("ToXml" | "XmlValue")) {
            types += 1;
        }
        operations += block
            .items
            .iter()
            .filter(|item| match item {
                syn::ImplItem::Const(c) => match &c.ty {
                    syn::Type::Path(ty) => last_name(&ty.path).as_deref() == Some("Operation"),
                    _ => false,
                },
                _ => false,
            })
            .count();
    }
    (operations, types)
}

fn last_name(path: &syn::Path) -> Option<String> {
    path.segments.last().map(|s| s.ident.to_string())
}

fn print_table(cases: &[Case]) {
    println!("| WSDL | input bytes | operations | types | generated bytes | stops at |");
    println!("|---|---:|---:|---:|---:|---|");
    for case in cases {
        let (operations, types) = case.source.as_deref().map_or((0, 0), counts);
        println!(
            "| {}{} | {} | {} | {} | {} | {} |",
            case.label,
            if case.lenient { " (lenient)" } else { "" },
            case.input_bytes,
            operations,
            types,
            case.source.as_ref().map_or(0, String::len),
            case.error.as_deref().unwrap_or("")
        );
    }
}

/// Short measurements: the slowest case (EC2) takes a fraction of a second a run, and
/// ten flat samples are plenty to rank the cases and show how time scales with size.
fn configure(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(500));
}

fn bench(c: &mut Criterion) {
    let cases = cases();
    print_table(&cases);

    let mut group = c.benchmark_group("corpus-parse");
    configure(&mut group);
    for case in &cases {
        group.bench_function(&case.label, |b| b.iter(|| black_box(case).parse()));
    }
    group.finish();

    let mut group = c.benchmark_group("corpus-emit");
    configure(&mut group);
    for case in &cases {
        let Some(definitions) = &case.definitions else {
            continue;
        };
        let name = source_name(&case.path);
        let settings = case.settings();
        group.bench_function(&case.label, |b| {
            b.iter(|| emit::emit(black_box(definitions), &name, &settings))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("corpus-format");
    configure(&mut group);
    for case in &cases {
        let Some(source) = &case.source else {
            continue;
        };
        let file = syn::parse_file(source).expect("generated code parses");
        group.bench_function(&case.label, |b| {
            b.iter(|| prettyplease::unparse(black_box(&file)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Fewer bootstrap resamples than the default 100 000, and no plots: for ~50 cases
    // both would otherwise take longer than the measurements.
    config = Criterion::default().nresamples(10_000).without_plots();
    targets = bench
}
criterion_main!(benches);
