//! Generates Rust from a WSDL and prints it, or the error with file, line and column:
//! `cargo run -p soap-codegen --example generate -- path/to/service.wsdl`.

fn main() {
    let path = std::env::args().nth(1).expect("a WSDL path");
    let lenient = std::env::args().any(|a| a == "--lenient");
    match soap_codegen::Generator::new()
        .unresolved_as_raw_xml(lenient)
        .generate(&path)
    {
        Ok(source) => print!("{source}"),
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}
