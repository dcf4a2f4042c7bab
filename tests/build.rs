//! Generates each construct fixture (`fixtures/constructs/*.wsdl`, and the multi-file
//! `fixtures/imports/Service.wsdl`) into `OUT_DIR`, with serde derives, so the
//! tests compile the generated code and round-trip example XML (and JSON) through it;
//! and again with default settings, compiled as `integration_tests::plain`.
//!
//! Also generates each supported WSDL of the shared corpus (`corpus/manifest.rs`), which
//! the crate compiles as `integration_tests::corpus` with warnings denied, and each
//! construct fixture again with the JSON request registry on, as
//! `integration_tests::oracle_fixtures`: both are what `tests/zeep_oracle.rs` compares
//! with python-zeep.

use std::path::Path;
use std::path::PathBuf;

// Shared with tests/corpus.rs and tests/zeep_oracle.rs; the build reads only part of it.
#[allow(dead_code)]
mod manifest {
    include!("corpus/manifest.rs");
}

fn main() {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures = manifest_dir.join("fixtures/constructs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed={}", fixtures.display());
    let mut entries: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures/constructs")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "wsdl"))
        .map(|wsdl| {
            let name = wsdl.file_stem().unwrap().to_string_lossy().into_owned();
            (name, wsdl)
        })
        .collect();
    entries.sort();
    // The multi-file fixture: a WSDL importing a WSDL importing and including schemas.
    let imports = manifest_dir.join("fixtures/imports");
    println!("cargo:rerun-if-changed={}", imports.display());
    println!(
        "cargo:rerun-if-changed={}",
        imports.join("schemas").display()
    );
    entries.push(("imports".to_owned(), imports.join("Service.wsdl")));
    // With serde: the construct tests also check the fixtures' JSON shape.
    let with_serde = soap_codegen::Generator::new().serde(true);
    for (name, wsdl) in &entries {
        println!("cargo:rerun-if-changed={}", wsdl.display());
        if let Err(error) = with_serde.generate_file(wsdl, out.join(format!("{name}.rs"))) {
            println!("cargo:warning={error}");
            std::process::exit(1);
        }
    }
    generate_plain_fixtures(&out, &entries);
    generate_oracle_fixtures(&out, &entries);
    generate_degraded(&manifest_dir.join("fixtures/degrade"), &out);
    generate_corpus(&out);
}

/// Each construct fixture with default settings (no serde derives), compiled with
/// warnings denied as `integration_tests::plain`: the default output needs no serde.
fn generate_plain_fixtures(out: &Path, entries: &[(String, PathBuf)]) {
    let dir = out.join("plain");
    std::fs::create_dir_all(&dir).expect("OUT_DIR/plain");
    let mut declarations = String::new();
    for (name, wsdl) in entries {
        if let Err(error) =
            soap_codegen::Generator::new().generate_file(wsdl, dir.join(format!("{name}.rs")))
        {
            println!("cargo:warning={error}");
            std::process::exit(1);
        }
        declarations.push_str(&format!(
            "#[deny(warnings)]\npub mod {name} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/plain/{name}.rs\"));\n}}\n\n"
        ));
    }
    write_if_changed(&out.join("plain.rs"), &declarations);
}

/// Each construct fixture with the JSON request registry on, for the zeep oracle.
fn generate_oracle_fixtures(out: &Path, entries: &[(String, PathBuf)]) {
    let dir = out.join("oracle_fixtures");
    std::fs::create_dir_all(&dir).expect("OUT_DIR/oracle_fixtures");
    let mut modules = Vec::new();
    for (name, wsdl) in entries {
        match manifest::generate_registry_module(wsdl, soap_codegen::Generator::new(), false) {
            Ok(source) => write_if_changed(&dir.join(format!("{name}.rs")), &source),
            Err(error) => {
                println!("cargo:warning={error}");
                std::process::exit(1);
            }
        }
        let file = wsdl.file_name().unwrap_or_default().to_string_lossy();
        modules.push((name.clone(), format!("fixture `{file}`")));
    }
    let source = registry_module("oracle_fixtures", &modules);
    write_if_changed(&out.join("oracle_fixtures.rs"), &source);
}

/// The partly unsupported fixtures of `dir`, with local degradation on: `partial.wsdl`
/// whole and filtered to the `Sign` operation, `operations.wsdl`, and the two refused
/// while planning (`planned_*.wsdl`).
fn generate_degraded(dir: &Path, out: &Path) {
    let degrading = soap_codegen::Generator::new().degrade_unsupported(true);
    let outputs = [
        ("partial.wsdl", "degraded_partial.rs", degrading.clone()),
        (
            "partial.wsdl",
            "degraded_sign_only.rs",
            degrading.clone().operations(["Sign"]),
        ),
        (
            "operations.wsdl",
            "degraded_operations.rs",
            degrading.clone(),
        ),
        (
            "planned_headers.wsdl",
            "degraded_planned_headers.rs",
            degrading.clone(),
        ),
        (
            "planned_simple_base.wsdl",
            "degraded_planned_simple_base.rs",
            degrading,
        ),
    ];
    for (wsdl, file, generator) in outputs {
        let wsdl = dir.join(wsdl);
        println!("cargo:rerun-if-changed={}", wsdl.display());
        if let Err(error) = generator.generate_file(&wsdl, out.join(file)) {
            println!("cargo:warning={error}");
            std::process::exit(1);
        }
    }
}

/// Generates each corpus WSDL the manifest lists as supported into `OUT_DIR/corpus/`, and
/// `OUT_DIR/corpus.rs` declaring a module for each that generated. A WSDL that fails only
/// warns: tests/corpus.rs reports it with the error, and one regression does not stop
/// every other test of the crate from building.
fn generate_corpus(out: &Path) {
    println!("cargo:rerun-if-changed=corpus/manifest.rs");
    let dir = out.join("corpus");
    std::fs::create_dir_all(&dir).expect("OUT_DIR/corpus");
    let generated: Vec<(String, String)> = manifest::CORPUS
        .iter()
        .filter(|entry| entry.compiles() && generate_corpus_module(entry, &dir))
        .map(|entry| {
            (
                entry.module.to_owned(),
                format!("`{}`", entry.relative_path()),
            )
        })
        .collect();
    write_if_changed(
        &out.join("corpus.rs"),
        &registry_module("corpus", &generated),
    );
}

/// Generates `entry` into `dir`; false, with a warning, if it does not generate.
fn generate_corpus_module(entry: &manifest::Entry, dir: &Path) -> bool {
    let corpus = Path::new(manifest::CORPUS_DIR);
    // The whole folder: a WSDL's imports lie beside it.
    println!(
        "cargo:rerun-if-changed={}",
        corpus.join(entry.short_name).display()
    );
    match manifest::generate_corpus_module(entry) {
        Ok(source) => {
            write_if_changed(&dir.join(format!("{}.rs", entry.module)), &source);
            true
        }
        Err(error) => {
            println!("cargo:warning=corpus WSDL not generated (see tests/corpus.rs): {error}");
            false
        }
    }
}

/// The source of `integration_tests::corpus`: a module per generated WSDL, `MODULES`,
/// and `operations` and `request_envelope`, which dispatch to a module's registry.
/// The module that declares each generated `(module, source)` of `OUT_DIR/{dir}` and
/// dispatches the registry's `operations` and `request_envelope` by module name.
fn registry_module(dir: &str, generated: &[(String, String)]) -> String {
    let each = |render: &dyn Fn(&str, &str) -> String| -> String {
        generated
            .iter()
            .map(|(module, source)| render(module, source))
            .collect()
    };
    let declarations = each(&|m, source| {
        format!(
            "/// Generated from {source}.\npub mod {m} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/{dir}/{m}.rs\"));\n}}\n\n"
        )
    });
    let names = each(&|m, _| format!("\"{m}\", "));
    let operation_arms = each(&|m, _| format!("        \"{m}\" => {m}::REGISTRY_OPERATIONS,\n"));
    let envelope_arms = each(&|m, _| {
        format!("        \"{m}\" => {m}::request_envelope(operation, values, version),\n")
    });
    format!(
        r#"{declarations}/// The modules above.
pub const MODULES: &[&str] = &[{names}];

/// The operations module `module` can build requests for (none for an unknown
/// module).
pub fn operations(module: &str) -> &'static [&'static str] {{
    match module {{
{operation_arms}        _ => &[],
    }}
}}

/// Builds the request envelope of `operation` of module `module` from `values`,
/// with that module's `request_envelope`.
pub fn request_envelope<'de, D: ::soap_runtime::serde::Deserializer<'de>>(
    module: &str,
    operation: &str,
    values: D,
    version: ::soap_runtime::SoapVersion,
) -> Result<Vec<u8>, String> {{
    match module {{
{envelope_arms}        other => {{
            // Used here too, so the function stays warning-free when no module generated.
            let _ = (values, version);
            Err(format!("no module `{{other}}` (operation `{{operation}}`)"))
        }}
    }}
}}
"#
    )
}

/// Writes only a changed file, so an unchanged module is not rebuilt.
fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).expect("write to OUT_DIR");
    }
}
