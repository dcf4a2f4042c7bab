//! [`Client`] for synchronous code (CLI tools, sync codebases): the same calls as
//! [`crate::Client`], each run to completion on a private single-threaded tokio runtime.
//!
//! The HTTP path is the asynchronous client's own; only the waiting differs. A thread
//! that is inside an async runtime already (a `spawn_blocking` closure, say) cannot drive
//! another one, so there the call runs on a short-lived helper thread instead of failing.

use std::future::Future;
use std::sync::Arc;

use crate::client::{ClientConfig, Operation};
use crate::error::{SoapError, TransportErrorKind};
use crate::xml::{FromXml, ToXml};

/// A blocking SOAP client for one endpoint and SOAP version; generated
/// `…BlockingClient`s wrap one. Clones share the runtime and the connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl Client {
    /// A client for `config`.
    pub fn new(config: ClientConfig) -> Result<Self, SoapError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| SoapError::Transport {
                kind: TransportErrorKind::Setup,
                message: format!("cannot start the blocking client's runtime: {e}"),
            })?;
        Ok(Self {
            inner: crate::Client::new(config)?,
            runtime: Arc::new(runtime),
        })
    }

    /// The asynchronous client underneath.
    pub fn inner(&self) -> &crate::Client {
        &self.inner
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        self.inner.config()
    }

    /// Calls `operation` with `request` and decodes the answer.
    pub fn call<Req, Resp>(&self, operation: &Operation, request: &Req) -> Result<Resp, SoapError>
    where
        Req: ToXml + ?Sized,
        Resp: FromXml + Send,
    {
        self.wait(self.inner.call(operation, request))
    }

    /// Calls an rpc/encoded `operation` (see [`crate::Client::call_encoded`]).
    pub fn call_encoded<Req, Resp>(
        &self,
        operation: &Operation,
        request: &Req,
    ) -> Result<Resp, SoapError>
    where
        Req: ToXml + ?Sized,
        Resp: FromXml + Send,
    {
        self.wait(self.inner.call_encoded(operation, request))
    }

    /// Calls an operation that declares SOAP headers (see
    /// [`crate::Client::call_with_headers`]).
    pub fn call_with_headers<Req, Resp, RespHeaders>(
        &self,
        operation: &Operation,
        headers: Option<&dyn ToXml>,
        request: &Req,
    ) -> Result<(Resp, RespHeaders), SoapError>
    where
        Req: ToXml + ?Sized,
        Resp: FromXml + Send,
        RespHeaders: FromXml + Send,
    {
        self.wait(self.inner.call_with_headers(operation, headers, request))
    }

    /// Sends a one-way operation's request (see [`crate::Client::call_one_way`]).
    pub fn call_one_way<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        request: &Req,
    ) -> Result<(), SoapError> {
        self.wait(self.inner.call_one_way(operation, request))
    }

    /// Runs `call` to completion on the private runtime.
    fn wait<T: Send>(
        &self,
        call: impl Future<Output = Result<T, SoapError>> + Send,
    ) -> Result<T, SoapError> {
        if tokio::runtime::Handle::try_current().is_err() {
            return self.runtime.block_on(call);
        }
        // tokio refuses to start a runtime on a thread inside another one.
        std::thread::scope(|scope| {
            scope
                .spawn(|| self.runtime.block_on(call))
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}
