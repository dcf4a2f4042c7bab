//! Service constructs: `soap:header` parts (`fixtures/constructs/headers.wsdl`) and typed
//! `wsdl:fault` details (`fixtures/constructs/faults.wsdl`), each snapshotted and driven
//! end to end over loopback: the generated client against the generated dispatch
//! function, in SOAP 1.1 and SOAP 1.2.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use integration_tests::constructs::faults::{
    AccountLocked, InsufficientFunds, TellerClient, TellerServer, Withdraw, WithdrawFault,
    WithdrawResponse, dispatch_teller,
};
use integration_tests::constructs::headers::{
    Auth, BankClient, BankServer, GetBalance, GetBalanceHeaders, GetBalanceResponse,
    GetBalanceResponseHeaders, Ping, PingResponse, Quota, Transfer, TransferHeaders,
    TransferResponse, dispatch_bank,
};
use soap_runtime::server::ServerResponse;
use soap_runtime::{
    ClientConfig, Decimal, Fault, Limits, RawXml, SoapError, SoapVersion,
    read_response_with_headers,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const VERSIONS: [SoapVersion; 2] = [SoapVersion::Soap11, SoapVersion::Soap12];

fn generated(fixture: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/constructs")
        .join(fixture);
    soap_codegen::Generator::new()
        .serde(true)
        .generate(path)
        .unwrap()
}

#[test]
fn headers_generated_code() {
    insta::assert_snapshot!("headers_generated", generated("headers.wsdl"));
}

#[test]
fn faults_generated_code() {
    insta::assert_snapshot!("faults_generated", generated("faults.wsdl"));
}

#[test]
fn a_header_naming_a_part_its_message_lacks_is_an_error_at_its_place() {
    let wsdl = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/constructs/headers.wsdl"),
    )
    .unwrap();
    let broken = wsdl.replacen(
        r#"<soap:header message="tns:TransferIn" part="auth""#,
        r#"<soap:header message="tns:TransferIn" part="signature""#,
        1,
    );
    assert_ne!(broken, wsdl);
    let error =
        soap_codegen::parse::parse_str(std::path::Path::new("headers.wsdl"), &broken).unwrap_err();
    assert_eq!(error.kind, soap_codegen::ErrorKind::UndefinedReference);
    let line = wsdl
        .lines()
        .position(|l| l.contains(r#"message="tns:TransferIn" part="auth""#));
    assert_eq!(
        (error.line, error.column),
        (line.unwrap() + 1, 9),
        "{error}"
    );
    assert!(error.message.contains("no part `signature`"), "{error}");
}

/// `fixture` with `from` replaced by `to`, generated from a scratch copy.
fn generated_with(fixture: &str, from: &str, to: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/constructs");
    let wsdl = std::fs::read_to_string(path.join(fixture)).unwrap();
    let changed = wsdl.replacen(from, to, 1);
    assert_ne!(changed, wsdl, "{from} is not in {fixture}");
    let scratch =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("changed-{fixture}"));
    std::fs::write(&scratch, changed).unwrap();
    soap_codegen::Generator::new()
        .serde(true)
        .generate(&scratch)
        .unwrap()
}

#[test]
fn what_cannot_be_typed_is_noted_not_lost() {
    // A fault message with a typed part: no variant, a note, the other fault still typed.
    let source = generated_with(
        "faults.wsdl",
        r#"<wsdl:part name="detail" element="err:AccountLocked" />"#,
        r#"<wsdl:part name="detail" type="xs:string" />"#,
    );
    assert!(
        source.contains("// Note: fault `AccountLocked` of operation `Withdraw`: message `AccountLockedFault` is not one element part, so its detail stays raw XML"),
        "{source}"
    );
    assert!(source.contains("InsufficientFunds(Box<InsufficientFunds>)"));
    assert!(!source.contains("AccountLocked(Box"));

    // A one-way operation's headers: noted, and its method keeps its plain signature.
    let source = generated_with(
        "headers.wsdl",
        r#"<wsdl:operation name="Transfer"><wsdl:input message="tns:TransferIn" /><wsdl:output message="tns:TransferOut" /></wsdl:operation>"#,
        r#"<wsdl:operation name="Transfer"><wsdl:input message="tns:TransferIn" /></wsdl:operation>"#,
    );
    for binding in ["BankSoap", "BankSoap12"] {
        let note = format!(
            "// Note: operation `Transfer` of binding `{binding}` is one-way: its soap:header parts are not generated"
        );
        assert!(source.contains(&note), "{source}");
    }
    assert!(!source.contains("TransferHeaders"), "{source}");
}

type Handler =
    Arc<dyn Fn(Vec<u8>) -> Pin<Box<dyn Future<Output = ServerResponse> + Send>> + Send + Sync>;

/// A minimal HTTP/1.1 server on 127.0.0.1: one request per connection, its body handed
/// to `handler`, every request body kept for the test to look at.
struct Loopback {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
    accept_loop: tokio::task::JoinHandle<()>,
}

impl Loopback {
    async fn start(handler: Handler) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/service", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        let accept_loop = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let (handler, log) = (Arc::clone(&handler), Arc::clone(&log));
                tokio::spawn(async move {
                    let mut received = Vec::new();
                    let mut chunk = [0u8; 4096];
                    let (head_end, length) = loop {
                        let n = stream.read(&mut chunk).await.unwrap();
                        assert!(n > 0, "connection closed before the request was complete");
                        received.extend_from_slice(&chunk[..n]);
                        if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
                            let head = String::from_utf8_lossy(&received[..end]).to_lowercase();
                            let length = head
                                .lines()
                                .find_map(|l| l.strip_prefix("content-length:"))
                                .map(|v| v.trim().parse::<usize>().unwrap())
                                .unwrap_or(0);
                            break (end + 4, length);
                        }
                    };
                    while received.len() < head_end + length {
                        let n = stream.read(&mut chunk).await.unwrap();
                        assert!(n > 0, "connection closed inside the request body");
                        received.extend_from_slice(&chunk[..n]);
                    }
                    let body = received[head_end..head_end + length].to_vec();
                    log.lock()
                        .unwrap()
                        .push(String::from_utf8(body.clone()).unwrap());
                    let answer = handler(body).await;
                    let head = format!(
                        "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        answer.status,
                        answer.content_type,
                        answer.body.len()
                    );
                    stream.write_all(head.as_bytes()).await.unwrap();
                    stream.write_all(&answer.body).await.unwrap();
                });
            }
        });
        Self {
            url,
            requests,
            accept_loop,
        }
    }

    /// A server answering every request with `status` and `envelope`.
    async fn answering(version: SoapVersion, status: u16, envelope: String) -> Self {
        Self::start(Arc::new(move |_| {
            let answer = ServerResponse {
                status,
                content_type: version.response_content_type(),
                body: envelope.clone().into_bytes(),
            };
            Box::pin(async move { answer })
        }))
        .await
    }

    /// A client configuration for this server, unindented so envelopes compare as text.
    fn config(&self, version: SoapVersion) -> ClientConfig {
        let mut config = ClientConfig::new(&self.url, version);
        config.indent = false;
        config
    }

    fn last_request(&self) -> String {
        self.requests.lock().unwrap().last().cloned().unwrap()
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}

/// The bank: checks the caller's token, reports the remaining quota in a response header
/// (none for a caller named `anonymous`).
struct Bank;

const TOKEN: &str = "s3cret";

/// The fault for a caller with the wrong token, if it has one.
fn refusal(auth: &Auth) -> Option<Fault> {
    (auth.token != TOKEN).then(|| Fault::client(SoapVersion::Soap11, "bad token"))
}

impl BankServer for Bank {
    async fn get_balance(
        &self,
        headers: GetBalanceHeaders,
        request: GetBalance,
    ) -> Result<(GetBalanceResponse, GetBalanceResponseHeaders), Fault> {
        if let Some(fault) = refusal(&headers.auth) {
            return Err(fault);
        }
        let quota = (headers.auth.user != "anonymous").then_some(Quota { remaining: 41 });
        let balance = format!("{}.50", request.account.len()).parse().unwrap();
        Ok((
            GetBalanceResponse { balance },
            GetBalanceResponseHeaders { quota },
        ))
    }

    async fn transfer(
        &self,
        headers: TransferHeaders,
        request: Transfer,
    ) -> Result<TransferResponse, Fault> {
        if let Some(fault) = refusal(&headers.auth) {
            return Err(fault);
        }
        Ok(TransferResponse {
            reference: format!("{}>{} by {}", request.from, request.to, headers.auth.user),
        })
    }

    async fn ping(&self, _: Ping) -> Result<PingResponse, Fault> {
        Ok(PingResponse("pong".into()))
    }
}

async fn bank() -> Loopback {
    Loopback::start(Arc::new(|body| {
        Box::pin(async move { dispatch_bank(&Bank, &body, Limits::default()).await })
    }))
    .await
}

fn auth(user: &str) -> Auth {
    Auth {
        user: user.into(),
        token: TOKEN.into(),
    }
}

/// What lies between `start` and `end` in `text`, which must hold both.
fn between<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {text}"))
        + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end} in {text}"))
        + from;
    &text[from..to]
}

fn prefix(version: SoapVersion) -> &'static str {
    version.envelope_prefix()
}

#[tokio::test]
async fn request_headers_are_sent_and_response_headers_decoded() {
    let server = bank().await;
    for version in VERSIONS {
        let client = BankClient::new(server.config(version)).unwrap();
        let headers = GetBalanceHeaders {
            auth: auth("mei"),
            locale: "zh-TW".into(),
        };
        let request = GetBalance {
            account: "12345".into(),
        };
        let (response, response_headers) = client.get_balance(&headers, &request).await.unwrap();
        assert_eq!(response.balance, "5.50".parse::<Decimal>().unwrap());
        assert_eq!(response_headers.quota, Some(Quota { remaining: 41 }));

        let sent = server.last_request();
        let p = prefix(version);
        assert_eq!(
            between(&sent, &format!("<{p}:Header>"), &format!("</{p}:Header>")),
            r#"<Auth xmlns="urn:headers:security"><user>mei</user><token>s3cret</token></Auth><locale>zh-TW</locale>"#,
            "{version}"
        );
        assert!(
            sent.contains(&format!(
                "</{p}:Header><{p}:Body><GetBalance xmlns=\"urn:headers\">"
            )),
            "{sent}"
        );

        // A response without the header block: `None`, not an error.
        let headers = GetBalanceHeaders {
            auth: auth("anonymous"),
            locale: "en".into(),
        };
        let (_, response_headers) = client.get_balance(&headers, &request).await.unwrap();
        assert_eq!(response_headers.quota, None);
    }
}

#[tokio::test]
async fn a_header_part_of_the_body_message_goes_in_the_header_only() {
    let server = bank().await;
    // SOAP 1.1 names the body part with `parts=`; SOAP 1.2 leaves it to the header binding.
    for version in VERSIONS {
        let client = BankClient::new(server.config(version)).unwrap();
        let request = Transfer {
            from: "a".into(),
            to: "b".into(),
            amount: "1".parse().unwrap(),
        };
        let response = client
            .transfer(&TransferHeaders { auth: auth("mei") }, &request)
            .await
            .unwrap();
        assert_eq!(response.reference, "a>b by mei");
        let sent = server.last_request();
        let p = prefix(version);
        let header = between(&sent, &format!("<{p}:Header>"), &format!("</{p}:Header>"));
        assert!(
            header.starts_with(r#"<Auth xmlns="urn:headers:security">"#),
            "{header}"
        );
        let body = between(&sent, &format!("<{p}:Body>"), &format!("</{p}:Body>"));
        assert_eq!(
            body,
            r#"<Transfer xmlns="urn:headers"><from>a</from><to>b</to><amount>1</amount></Transfer>"#
        );

        // A wrong token in the header: the server's fault, answered in the request's version.
        let error = client
            .transfer(
                &TransferHeaders {
                    auth: Auth {
                        user: "x".into(),
                        token: "no".into(),
                    },
                },
                &request,
            )
            .await
            .unwrap_err();
        let fault = error.fault().expect("a fault");
        assert_eq!(
            (fault.version, fault.reason.as_str()),
            (version, "bad token")
        );
        assert_eq!(fault.code, version.client_fault_code());
    }
}

#[tokio::test]
async fn operations_without_headers_send_none_and_client_wide_blocks_go_everywhere() {
    let server = bank().await;
    for version in VERSIONS {
        let client = BankClient::new(server.config(version)).unwrap();
        assert_eq!(
            client.ping(&Ping {}).await.unwrap(),
            PingResponse("pong".into())
        );
        assert!(
            !server.last_request().contains("Header"),
            "{}",
            server.last_request()
        );

        let security = r#"<wsse:Security xmlns:wsse="urn:wsse"><wsse:UsernameToken><wsse:Username>mei</wsse:Username></wsse:UsernameToken></wsse:Security>"#;
        let config = server.config(version).header(RawXml(security.into()));
        let client = BankClient::new(config).unwrap();
        client.ping(&Ping {}).await.unwrap();
        let p = prefix(version);
        let sent = server.last_request();
        assert_eq!(
            between(&sent, &format!("<{p}:Header>"), &format!("</{p}:Header>")),
            security
        );

        // After the operation's own blocks; the server skips a block it does not know.
        let headers = TransferHeaders { auth: auth("mei") };
        let request = Transfer {
            from: "a".into(),
            to: "b".into(),
            amount: "2".parse().unwrap(),
        };
        client.transfer(&headers, &request).await.unwrap();
        let sent = server.last_request();
        let header = between(&sent, &format!("<{p}:Header>"), &format!("</{p}:Header>"));
        assert!(
            header.starts_with("<Auth ") && header.ends_with(security),
            "{header}"
        );
    }
}

#[tokio::test]
async fn a_request_without_its_required_header_is_a_client_fault() {
    for version in VERSIONS {
        let p = prefix(version);
        let envelope = format!(
            r#"<{p}:Envelope xmlns:{p}="{}"><{p}:Body><GetBalance xmlns="urn:headers"><account>1</account></GetBalance></{p}:Body></{p}:Envelope>"#,
            version.envelope_namespace()
        );
        let answer = dispatch_bank(&Bank, envelope.as_bytes(), Limits::default()).await;
        let fault = read_response_with_headers::<RawXml, ()>(
            &answer.body,
            version,
            "",
            "",
            Limits::default(),
            answer.status,
        )
        .unwrap_err();
        let fault = fault.fault().expect("a fault").clone();
        assert_eq!(fault.code, version.client_fault_code());
        assert!(fault.reason.contains("Auth"), "{}", fault.reason);
    }
}

#[test]
fn response_headers_nobody_modelled_are_skipped_even_if_they_must_be_understood() {
    let envelope = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:q="urn:headers:security">
  <s:Header>
    <x:Session xmlns:x="urn:other" s:mustUnderstand="1">abc</x:Session>
    <q:Quota><q:remaining>7</q:remaining></q:Quota>
  </s:Header>
  <s:Body><GetBalanceResponse xmlns="urn:headers"><balance>3</balance></GetBalanceResponse></s:Body>
</s:Envelope>"#;
    let (response, headers): (GetBalanceResponse, GetBalanceResponseHeaders) =
        read_response_with_headers(
            envelope.as_bytes(),
            SoapVersion::Soap11,
            "urn:headers",
            "GetBalanceResponse",
            Limits::default(),
            200,
        )
        .unwrap();
    assert_eq!(response.balance, "3".parse::<Decimal>().unwrap());
    assert_eq!(headers.quota, Some(Quota { remaining: 7 }));
}

/// The teller refuses amounts over 100 as insufficient and the account `locked`.
struct Teller;

impl TellerServer for Teller {
    async fn withdraw(&self, request: Withdraw) -> Result<WithdrawResponse, Fault> {
        let fault = Fault::server(SoapVersion::Soap11, "withdrawal refused");
        if request.account == "locked" {
            let detail =
                WithdrawFault::AccountLocked(Box::new(AccountLocked("court order".into())));
            return Err(detail.to_fault(fault));
        }
        let available: Decimal = "100".parse().unwrap();
        if request.amount > available {
            let detail = WithdrawFault::InsufficientFunds(Box::new(InsufficientFunds {
                available,
                requested: request.amount,
            }));
            return Err(detail.to_fault(fault));
        }
        Ok(WithdrawResponse {
            balance: "0".parse().unwrap(),
        })
    }
}

fn withdraw(account: &str, amount: &str) -> Withdraw {
    Withdraw {
        account: account.into(),
        amount: amount.parse().unwrap(),
    }
}

#[tokio::test]
async fn typed_faults_answered_by_the_dispatch_decode_on_the_client() {
    let server = Loopback::start(Arc::new(|body| {
        Box::pin(async move { dispatch_teller(&Teller, &body, Limits::default()).await })
    }))
    .await;
    for version in VERSIONS {
        let client = TellerClient::new(server.config(version)).unwrap();
        let error = client.withdraw(&withdraw("mei", "250")).await.unwrap_err();
        let SoapError::Fault { fault, status } = &error else {
            panic!("{error}");
        };
        assert_eq!(
            (fault.version, fault.code.as_str(), *status),
            (version, version.server_fault_code(), 500)
        );
        assert_eq!(
            WithdrawFault::from_error(&error).unwrap().unwrap(),
            WithdrawFault::InsufficientFunds(Box::new(InsufficientFunds {
                available: "100".parse().unwrap(),
                requested: "250".parse().unwrap(),
            }))
        );

        let error = client.withdraw(&withdraw("locked", "1")).await.unwrap_err();
        assert_eq!(
            WithdrawFault::from_error(&error).unwrap().unwrap(),
            WithdrawFault::AccountLocked(Box::new(AccountLocked("court order".into())))
        );
        assert!(client.withdraw(&withdraw("mei", "5")).await.is_ok());
    }
}

/// A fault envelope whose detail element's prefix is declared on the `Envelope`, as Axis
/// and WCF write them.
fn fault_envelope(version: SoapVersion, detail: &str) -> String {
    let env = version.envelope_namespace();
    match version {
        SoapVersion::Soap11 => format!(
            r#"<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="{env}" xmlns:ns1="urn:faults:errors"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>refused</faultstring><detail>{detail}</detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>"#
        ),
        SoapVersion::Soap12 => format!(
            r#"<?xml version="1.0"?><env:Envelope xmlns:env="{env}" xmlns:ns1="urn:faults:errors"><env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang="en">refused</env:Text></env:Reason><env:Detail>{detail}</env:Detail></env:Fault></env:Body></env:Envelope>"#
        ),
    }
}

#[tokio::test]
async fn fault_details_declared_on_the_envelope_decode_in_both_versions() {
    let insufficient = "<ns1:InsufficientFunds><ns1:available>1.5</ns1:available><ns1:requested>9</ns1:requested></ns1:InsufficientFunds>";
    for version in VERSIONS {
        let server = Loopback::answering(version, 500, fault_envelope(version, insufficient)).await;
        let client = TellerClient::new(server.config(version)).unwrap();
        let error = client.withdraw(&withdraw("mei", "9")).await.unwrap_err();
        assert_eq!(error.fault().unwrap().reason, "refused");
        assert_eq!(
            WithdrawFault::from_error(&error).unwrap().unwrap(),
            WithdrawFault::InsufficientFunds(Box::new(InsufficientFunds {
                available: "1.5".parse().unwrap(),
                requested: "9".parse().unwrap(),
            })),
            "{version}"
        );
    }
}

#[tokio::test]
async fn an_unknown_or_broken_detail_is_told_apart() {
    let version = SoapVersion::Soap11;
    for (detail, expected) in [
        // Another element, plain text, nothing: not one of this operation's faults.
        ("<ns1:Other>x</ns1:Other>", "none"),
        ("just text", "none"),
        ("", "none"),
        // The right element with content that does not decode.
        (
            "<ns1:InsufficientFunds><ns1:available>lots</ns1:available></ns1:InsufficientFunds>",
            "error",
        ),
    ] {
        let server = Loopback::answering(version, 500, fault_envelope(version, detail)).await;
        let client = TellerClient::new(server.config(version)).unwrap();
        let error = client.withdraw(&withdraw("mei", "9")).await.unwrap_err();
        let decoded = WithdrawFault::from_error(&error);
        let found = match &decoded {
            None => "none",
            Some(Ok(_)) => "typed",
            Some(Err(_)) => "error",
        };
        assert_eq!(found, expected, "{detail}: {decoded:?}");
    }
    let not_a_fault = SoapError::Timeout(std::time::Duration::from_secs(1));
    assert_eq!(WithdrawFault::from_error(&not_a_fault), None);
}
