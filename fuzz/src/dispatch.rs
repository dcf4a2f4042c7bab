//! Server dispatch: a request body handed to the generated
//! `dispatch_pay_now_e_invoice` over the mock's own service (a fresh state per input, one
//! invoice batch already issued, so requests reach real lookups). Whatever the request,
//! the answer must be an envelope the client reads: the response the operation
//! declares (with status 200), or a fault.

use paynow_einvoice::domain::decode_batch;
use paynow_einvoice::generated::dispatch_pay_now_e_invoice;
use paynow_einvoice::samples;
use paynow_mock::operations::Operations;
use paynow_mock::{MockState, TaiwanTime};
use soap_runtime::Limits;
use soap_runtime::server::{ServerResponse, inspect_request};

use super::{fault, response};

/// The body of the `dispatch` target.
pub fn run(request: &[u8]) {
    let service = service();
    let future = dispatch_pay_now_e_invoice(&service, request, Limits::default());
    let answer = runtime().block_on(future);
    check_answer(&answer);
}

/// The mock's service for the sample merchant, with the sample batch issued.
pub(crate) fn service() -> Operations {
    let now = TaiwanTime::new(2026, 11, 21, 10, 0, 0).expect("a valid time");
    let state = MockState::new(false, 1, Some(now));
    let rows = decode_batch(samples::CSV_STR).expect("the sample batch decodes");
    state.issue_batch(rows).expect("the sample batch issues");
    Operations::new(
        state,
        samples::MEM_CID.to_owned(),
        samples::MEM_PASSWORD.to_owned(),
    )
}

/// A current-thread runtime per thread (the mock's operations do no I/O).
pub(crate) fn runtime() -> std::rc::Rc<tokio::runtime::Runtime> {
    thread_local! {
        static RUNTIME: std::rc::Rc<tokio::runtime::Runtime> = std::rc::Rc::new(
            tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("a current-thread runtime"),
        );
    }
    RUNTIME.with(std::rc::Rc::clone)
}

/// What must hold of every answer the dispatcher gives.
fn check_answer(answer: &ServerResponse) {
    let text = || String::from_utf8_lossy(&answer.body).into_owned();
    let incoming = inspect_request(&answer.body, Limits::default())
        .unwrap_or_else(|refusal| panic!("the answer is not an envelope ({refusal}):\n{}", text()));
    assert_eq!(
        answer.content_type,
        incoming.version.response_content_type(),
        "content type of a {} answer",
        incoming.version
    );
    if answer.status == 200 {
        let (operation, check) = response::by_response_name(&incoming.name)
            .unwrap_or_else(|| panic!("answered with body element {}:\n{}", incoming.name, text()));
        check(&answer.body, incoming.version, operation, false)
            .unwrap_or_else(|e| panic!("the answer does not decode: {e}\n{}", text()));
    } else {
        let decoded = fault::read_fault(&answer.body, incoming.version, answer.status)
            .unwrap_or_else(|e| {
                panic!("a {} answer is not a fault: {e}\n{}", answer.status, text())
            });
        fault::check_fault(&decoded);
    }
}
