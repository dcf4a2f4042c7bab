//! libFuzzer entry point of the `response` target; the body is [`soap_fuzz::response::run`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soap_fuzz::response::run(data));
