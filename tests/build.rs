//! Generates each construct fixture (`fixtures/constructs/*.wsdl`) into `OUT_DIR`, so the
//! tests compile the generated code and round-trip example XML through it.

use std::path::PathBuf;

fn main() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/constructs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed={}", fixtures.display());
    let mut entries: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures/constructs")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for wsdl in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wsdl"))
    {
        println!("cargo:rerun-if-changed={}", wsdl.display());
        let name = wsdl.file_stem().unwrap().to_string_lossy().into_owned();
        if let Err(error) =
            soap_codegen::Generator::new().generate_file(wsdl, out.join(format!("{name}.rs")))
        {
            println!("cargo:warning={error}");
            std::process::exit(1);
        }
    }
}
