//! The routes, and the one path every operation request takes, whichever its binding:
//! count it, fire an injected fault if one matches, run the operation, answer.
//!
//! | route | what |
//! |---|---|
//! | `GET /PayNowEInvoice.asmx?WSDL` (any case) | the WSDL, addresses pointing at the mock |
//! | `GET /PayNowEInvoice.asmx` | a help page |
//! | `POST /PayNowEInvoice.asmx` | SOAP 1.1 and 1.2 |
//! | `POST /PayNowEInvoice.asmx/<Operation>` | ASMX HTTP POST |

use std::future::Future;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use futures_util::StreamExt;
use paynow_einvoice::generated::dispatch_pay_now_e_invoice;
use soap_runtime::server::{ServerResponse, encode_fault, inspect_request};
use soap_runtime::{Fault, Limits, SoapVersion};

use crate::faults::{FaultKind, Faults};
use crate::http_post::{self, Form};
use crate::limits::ServerLimits;
use crate::operations::Operations;
use crate::pages;
use crate::server::ConnectionControl;
use crate::soap::{self, MediaType};
use crate::state::MockState;
use crate::{ENDPOINT_PATH, OPERATIONS};

/// What the handlers share.
pub(crate) struct App {
    pub operations: Operations,
    pub state: MockState,
    pub faults: Faults,
    pub endpoint: String,
    pub wsdl: String,
    pub limits: Limits,
    pub server_limits: ServerLimits,
    pub maintenance_window: bool,
}

/// How a request arrived, so that a fault can be answered in its binding's shape.
#[derive(Debug, Clone, Copy)]
enum Binding {
    Soap(SoapVersion),
    HttpPost,
}

/// The mock's routes.
pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(ENDPOINT_PATH, get(describe).post(soap_request))
        .route(
            &format!("{ENDPOINT_PATH}/{{operation}}"),
            post(http_post_request),
        )
        .layer(middleware::from_fn_with_state(
            app.clone(),
            maintenance_gate,
        ))
        // `body_within_limits` has read the whole body already, under the limit.
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn_with_state(
            app.clone(),
            body_within_limits,
        ))
        .with_state(app)
}

/// Reads the request's body before any handler runs, within the time and size limits,
/// so that a client sending slowly or too much is answered (408, 413) and its connection
/// closed, instead of holding a handler.
async fn body_within_limits(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let ServerLimits {
        body_read_timeout,
        max_body_bytes,
        ..
    } = app.server_limits;
    let (parts, body) = request.into_parts();
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > max_body_bytes as u64) {
        return too_large(max_body_bytes);
    }
    let read = async {
        let mut chunks = body.into_data_stream();
        let mut received = Vec::with_capacity(declared.unwrap_or(0) as usize);
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|error| BodyRefusal::Unreadable(error.to_string()))?;
            if received.len() + chunk.len() > max_body_bytes {
                return Err(BodyRefusal::TooLarge);
            }
            received.extend_from_slice(&chunk);
        }
        Ok(received)
    };
    match tokio::time::timeout(body_read_timeout, read).await {
        Ok(Ok(body)) => next.run(Request::from_parts(parts, Body::from(body))).await,
        Ok(Err(BodyRefusal::TooLarge)) => too_large(max_body_bytes),
        Ok(Err(BodyRefusal::Unreadable(reason))) => closing(
            StatusCode::BAD_REQUEST,
            format!("The request body could not be read: {reason}"),
        ),
        Err(_elapsed) => closing(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "The request body did not arrive within {} s.",
                body_read_timeout.as_secs_f64()
            ),
        ),
    }
}

/// Why a request body was not read whole.
enum BodyRefusal {
    TooLarge,
    Unreadable(String),
}

fn too_large(limit: usize) -> Response {
    closing(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("The request body is larger than {limit} bytes."),
    )
}

/// A plain-text refusal after which the connection is closed: what the client was still
/// sending is not read.
fn closing(status: StatusCode, message: String) -> Response {
    let mut response = text(status, "text/plain; charset=utf-8", message);
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// During the maintenance window (when enabled), every request gets the suspended
/// service's answer.
async fn maintenance_gate(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if app.maintenance_window && app.state.now().in_maintenance_window() {
        return maintenance();
    }
    next.run(request).await
}

/// `?WSDL` (in any case) gets the WSDL; anything else the help page.
async fn describe(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let wants_wsdl = uri
        .query()
        .is_some_and(|query| query.eq_ignore_ascii_case("wsdl"));
    if wants_wsdl {
        text(StatusCode::OK, "text/xml; charset=utf-8", app.wsdl.clone())
    } else {
        text(
            StatusCode::OK,
            "text/html; charset=utf-8",
            crate::wsdl::help_page(&app.endpoint),
        )
    }
}

async fn soap_request(
    State(app): State<Arc<App>>,
    Extension(connection): Extension<ConnectionControl>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let incoming = match inspect_request(&body, app.limits) {
        Ok(incoming) => incoming,
        Err(fault) => return answer(encode_fault(&fault)),
    };
    if let Err(reason) = soap::check_headers(&headers, &incoming) {
        return answer(encode_fault(&Fault::client(incoming.version, reason)));
    }
    let dispatch = dispatch_pay_now_e_invoice(&app.operations, &body, app.limits);
    match OPERATIONS.iter().find(|name| **name == incoming.name) {
        Some(operation) => {
            let binding = Binding::Soap(incoming.version);
            perform(&app, &connection, operation, binding, dispatch).await
        }
        // Not an operation: the dispatcher answers the fault.
        None => answer(dispatch.await),
    }
}

async fn http_post_request(
    State(app): State<Arc<App>>,
    Extension(connection): Extension<ConnectionControl>,
    Path(operation): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = MediaType::of(&headers);
    if content_type.essence != "application/x-www-form-urlencoded" {
        return answer(http_post::error_text(&format!(
            "System.InvalidOperationException: Request format is invalid: {}.",
            content_type.essence
        )));
    }
    let form = Form::parse(&body);
    match http_post::check(&operation, &form) {
        Ok(name) => {
            let call = http_post::call(&app.operations, name, &form);
            perform(&app, &connection, name, Binding::HttpPost, call).await
        }
        Err(refusal) => answer(http_post::error_text(&refusal.text())),
    }
}

/// Counts the request, then answers it, unless an injected fault for `operation` fires:
/// those that commit run `run` first; the others answer instead of it.
async fn perform(
    app: &App,
    connection: &ConnectionControl,
    operation: &str,
    binding: Binding,
    run: impl Future<Output = ServerResponse>,
) -> Response {
    app.state.record_request(operation);
    match app.faults.take(operation) {
        None => answer(run.await),
        Some(FaultKind::Delay(delay)) => {
            let response = run.await;
            tokio::time::sleep(delay).await;
            answer(response)
        }
        Some(FaultKind::DropAfterCommit) => {
            run.await;
            connection.close();
            // The connection task drops the connection, and this future with it.
            std::future::pending().await
        }
        Some(FaultKind::TruncateAfterCommit) => truncated(run.await),
        Some(FaultKind::HttpStatus { status, body }) => {
            text(status_code(status), http_post::TEXT_CONTENT_TYPE, body)
        }
        Some(FaultKind::SoapFault { reason }) => match binding {
            Binding::Soap(version) => answer(encode_fault(&Fault::server(version, reason))),
            Binding::HttpPost => answer(http_post::exception(&Fault::server(
                SoapVersion::Soap11,
                reason,
            ))),
        },
        Some(FaultKind::HtmlErrorPage { status }) => {
            let status = status_code(status);
            text(status, "text/html", pages::iis_error_page(status))
        }
        Some(FaultKind::Maintenance) => maintenance(),
    }
}

fn maintenance() -> Response {
    text(
        StatusCode::SERVICE_UNAVAILABLE,
        "text/html; charset=utf-8",
        pages::MAINTENANCE_PAGE.to_owned(),
    )
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn text(status: StatusCode, content_type: &'static str, body: String) -> Response {
    (
        status,
        [(CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

fn answer(response: ServerResponse) -> Response {
    (
        status_code(response.status),
        [(
            CONTENT_TYPE,
            HeaderValue::from_static(response.content_type),
        )],
        response.body,
    )
        .into_response()
}

/// The answer's status, headers and first half, then a broken connection: the full
/// `Content-Length` is announced, and the body stream fails halfway, so hyper closes the
/// connection.
fn truncated(response: ServerResponse) -> Response {
    let full_length = response.body.len();
    let half = Bytes::copy_from_slice(&response.body[..full_length / 2]);
    let first = futures_util::stream::once(async { Ok(half) });
    let cut_off = futures_util::stream::once(async {
        // Pending first, so hyper flushes the half to the socket before it sees the error
        // (an error right after a chunk drops the unflushed buffer with the connection).
        tokio::task::yield_now().await;
        Err(std::io::Error::other(
            "the answer was cut short by an injected fault",
        ))
    });
    let chunks = first.chain(cut_off);
    let mut cut = Response::new(Body::from_stream(chunks));
    *cut.status_mut() = status_code(response.status);
    let headers = cut.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(response.content_type),
    );
    headers.insert(CONTENT_LENGTH, HeaderValue::from(full_length));
    cut
}
