//! libFuzzer entry point of the `fault` target; the body is [`soap_fuzz::fault::run`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soap_fuzz::fault::run(data));
