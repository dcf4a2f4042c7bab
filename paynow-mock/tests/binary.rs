//! The `paynow-mock` binary: it prints its addresses, serves the WSDL and a SOAP call, and
//! stops cleanly on SIGINT (Ctrl-C).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

/// Kills the child if the test fails before it is stopped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        // Already exited in the passing case; nothing to do then.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The lines the binary prints at start, read within the deadline.
fn banner(child: &mut Child) -> Vec<String> {
    let stdout = child.stdout.take().expect("piped stdout");
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut banner = Vec::new();
    while !banner
        .iter()
        .any(|line: &String| line.starts_with("Press Ctrl-C"))
    {
        let line = received
            .recv_timeout(DEADLINE)
            .expect("the binary prints its banner");
        banner.push(line);
    }
    banner
}

fn value<'a>(banner: &'a [String], label: &str) -> &'a str {
    banner
        .iter()
        .find_map(|line| line.strip_prefix(label))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no {label} line in {banner:?}"))
}

#[tokio::test]
async fn the_binary_serves_until_ctrl_c() {
    let child = Command::new(env!("CARGO_BIN_EXE_paynow-mock"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--mem-cid",
            "22099131",
            "--mem-password",
            "pw",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut running = Running(child);
    let banner = banner(&mut running.0);
    let endpoint = value(&banner, "endpoint:");
    let wsdl_url = value(&banner, "WSDL:");
    assert!(
        endpoint.starts_with("http://127.0.0.1:") && endpoint.ends_with("/PayNowEInvoice.asmx"),
        "{banner:?}"
    );
    assert_eq!(wsdl_url, format!("{endpoint}?WSDL"));

    let http = soap_runtime::http_client_builder()
        .no_proxy()
        .timeout(DEADLINE)
        .build()
        .unwrap();
    let wsdl = http.get(wsdl_url).send().await.unwrap();
    assert_eq!(wsdl.status(), 200);
    let wsdl = wsdl.text().await.unwrap();
    assert!(wsdl.contains(&format!("<soap12:address location=\"{endpoint}\"")));
    let answer = http
        .post(format!("{endpoint}/Check_invoiceOrder"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("mem_cid=22099131&orderno=A1")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(answer.ends_with(">F</string>"), "{answer}");

    let pid = running.0.id().to_string();
    let signalled = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(signalled.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = running.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "the binary did not stop on SIGINT"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(status.success(), "{status}");
}
