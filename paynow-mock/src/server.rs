//! [`MockServer`]: binds, accepts connections and serves each with hyper until shut down.
//!
//! The accept loop is our own (not `axum::serve`) so that each connection can be closed
//! from inside a request without an answer ([`FaultKind::DropAfterCommit`](crate::FaultKind)):
//! the request finds its connection's [`ConnectionControl`] among its extensions.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use soap_runtime::Limits;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, Semaphore, oneshot};
use tokio::task::{JoinHandle, JoinSet};
use tower_service::Service;

use crate::config::MockConfig;
use crate::faults::Faults;
use crate::http::{self, App};
use crate::limits::ServerLimits;
use crate::operations::Operations;
use crate::state::MockState;
use crate::wsdl;

/// Lets a request close the connection it came on, unanswered.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectionControl(Arc<Notify>);

impl ConnectionControl {
    /// Asks the connection's task to drop the connection (closing the socket).
    pub fn close(&self) {
        // `notify_one` keeps a permit if the task is not waiting yet.
        self.0.notify_one();
    }

    async fn closed(&self) {
        self.0.notified().await;
    }
}

/// A running mock PayNow service on a real socket.
///
/// Stop it with [`shutdown`](Self::shutdown); dropping it stops it too (without waiting).
#[derive(Debug)]
pub struct MockServer {
    address: SocketAddr,
    endpoint: String,
    state: MockState,
    faults: Faults,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl MockServer {
    /// Binds `config.listen` and starts serving on the current tokio runtime.
    pub async fn start(config: MockConfig) -> io::Result<Self> {
        let listener = TcpListener::bind(config.listen).await?;
        let address = listener.local_addr()?;
        let endpoint = format!(
            "http://{}{}",
            SocketAddr::new(reachable(address.ip()), address.port()),
            crate::ENDPOINT_PATH
        );
        let state = MockState::new(config.allow_duplicate_orders, config.seed, config.now);
        let faults = Faults::default();
        let app = Arc::new(App {
            operations: Operations::new(
                state.clone(),
                config.mem_cid,
                config.mem_password.into_inner(),
            ),
            state: state.clone(),
            faults: faults.clone(),
            wsdl: wsdl::with_endpoint(wsdl::WSDL, &endpoint),
            endpoint: endpoint.clone(),
            limits: Limits::default(),
            server_limits: config.limits,
            maintenance_window: config.maintenance_window,
        });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(accept_loop(
            listener,
            http::router(app),
            config.limits,
            stopped,
        ));
        Ok(Self {
            address,
            endpoint,
            state,
            faults,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The endpoint, e.g. `http://127.0.0.1:41234/PayNowEInvoice.asmx`: give it to
    /// `ClientConfig::new`.
    pub fn url(&self) -> &str {
        &self.endpoint
    }

    /// The WSDL's address: [`url`](Self::url) + `?WSDL`.
    pub fn wsdl_url(&self) -> String {
        format!("{}?WSDL", self.endpoint)
    }

    /// The address the mock listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The mock's state: issued invoices, allowances, the clock, request counts.
    pub fn state(&self) -> &MockState {
        &self.state
    }

    /// The fault rules in force.
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Stops accepting, closes every connection and waits until the server is down.
    pub async fn shutdown(mut self) {
        self.signal_stop();
        if let Some(task) = self.task.take() {
            // The loop only ends; a failure to join is a cancelled runtime, nothing to do.
            let _ = task.await;
        }
    }

    fn signal_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            // The loop may have ended already; then there is nobody to tell.
            let _ = stop.send(());
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.signal_stop();
    }
}

/// The address to tell clients: the loopback address of the same family when listening
/// on all interfaces.
fn reachable(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        other => other,
    }
}

async fn accept_loop(
    listener: TcpListener,
    router: Router,
    limits: ServerLimits,
    mut stop: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        tokio::select! {
            // A stop signal, or the server handle dropped.
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => match slots.clone().try_acquire_owned() {
                    Ok(slot) => {
                        let serve = serve_connection(stream, router.clone(), limits);
                        connections.spawn(async move {
                            serve.await;
                            drop(slot);
                        });
                    }
                    Err(_) => {
                        connections.spawn(refuse_connection(stream));
                    }
                },
                // Out of file descriptors and the like: wait, then accept again.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

/// What a connection beyond [`ServerLimits::max_connections`] is told before it is
/// closed: a client sees why, instead of waiting unanswered.
const BUSY_ANSWER: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Retry-After: 1\r\n\
Connection: close\r\n\
Content-Length: 42\r\n\
\r\n\
Too many connections; retry in one second.";

/// Answers [`BUSY_ANSWER`] without reading the request, giving a client that does not
/// read it at most a second.
async fn refuse_connection(mut stream: TcpStream) {
    let refuse = async {
        stream.write_all(BUSY_ANSWER).await?;
        stream.shutdown().await
    };
    // A client gone or stalled gets nothing more: the connection is dropped either way.
    let _ = tokio::time::timeout(Duration::from_secs(1), refuse).await;
}

async fn serve_connection(stream: TcpStream, router: Router, limits: ServerLimits) {
    let control = ConnectionControl::default();
    let request_control = control.clone();
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(request_control.clone());
        router.clone().call(request)
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        // The connection ended, well or badly: nothing to report to anyone.
        _ = connection => {}
        // Dropping the connection closes the socket without an answer.
        () = control.closed() => {}
    }
}
