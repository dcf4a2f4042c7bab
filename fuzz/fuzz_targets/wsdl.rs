//! libFuzzer entry point of the `wsdl` target; the body is [`soap_fuzz::wsdl::run`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soap_fuzz::wsdl::run(data));
