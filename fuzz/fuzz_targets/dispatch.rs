//! libFuzzer entry point of the `dispatch` target; the body is [`soap_fuzz::dispatch::run`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soap_fuzz::dispatch::run(data));
