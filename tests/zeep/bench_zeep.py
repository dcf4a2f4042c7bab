"""python-zeep against the generated code, on the same CancelInvoice messages, in one go.

Usage: python3 tests/zeep/bench_zeep.py   (from the repository root; needs `pip install zeep`)

1. Runs `cargo bench -p paynow-einvoice --bench envelopes` (the criterion bench of
   BENCHMARKS.md), which also writes the request it builds and the response it parses
   (a 60-field CancelInvoice, 2.9 KB each) into a temporary directory.
2. Loads wsdl/PayNowEInvoice.wsdl into zeep (a local file, no network) and times, on the
   same machine right after:
   * build: `client.create_message(...)` with the request's ObjInvoice values (taken from
     the request itself, converted by zeep's own types) and `etree.tostring` of the
     envelope, as the Rust side returns bytes;
   * parse: `SoapBinding.process_reply` of the response bytes, zeep's whole answer path
     (XML parse, envelope, typed result).
   Each is timed in 9 rounds of about 0.5 s.
3. Prints, for both sides, the median and the best (fastest) time per call: for Rust,
   criterion's median estimate and its fastest sample (estimates.json, sample.json); for
   zeep, the median and the fastest of its rounds. Then the ratios zeep / generated for
   each statistic, and generated / hand-written quick-xml baseline (criterion medians).
   The best times are the steadier comparison on a shared machine (load only ever adds
   time); the medians are shown beside them so that neither is picked.
"""

import json
import os
import pathlib
import subprocess
import sys
import tempfile
import timeit

import zeep
from lxml import etree

ROOT = pathlib.Path(__file__).resolve().parents[2]
TNS = "https://invoice.PayNow.com.tw/"


class Reply:
    """What `process_reply` reads of a `requests.Response`."""

    def __init__(self, content):
        self.content = content
        self.status_code = 200
        self.headers = {"Content-Type": "text/xml; charset=utf-8"}
        self.encoding = "utf-8"


def run_rust_bench(messages):
    env = dict(os.environ, ENVELOPES_MESSAGES_DIR=messages)
    subprocess.run(
        ["cargo", "bench", "-p", "paynow-einvoice", "--bench", "envelopes"],
        cwd=ROOT, env=env, check=True,
    )
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    times = {}
    for group in ("write", "parse"):
        for name in ("generated", "baseline"):
            results = target / "criterion" / group / name / "new"
            estimates = json.loads((results / "estimates.json").read_text())
            samples = json.loads((results / "sample.json").read_text())
            best = min(t / i for t, i in zip(samples["times"], samples["iters"]))
            # ns -> µs
            times[(group, name)] = Timing(estimates["median"]["point_estimate"] / 1000.0,
                                          best / 1000.0)
    return times


class Timing:
    """Median and best time per call, in µs."""

    def __init__(self, median, best):
        self.median = median
        self.best = best


def time_per_call(function):
    """Median and best time per call in µs over 9 rounds of about 0.5 s each."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()  # enough calls for at least 0.2 s
    number = max(1, int(number * 2.5))
    rounds = sorted(t / number * 1e6 for t in timer.repeat(repeat=9, number=number))
    return Timing(rounds[len(rounds) // 2], rounds[0])


def zeep_times(messages):
    request = pathlib.Path(messages, "request.xml").read_bytes()
    response = pathlib.Path(messages, "response.xml").read_bytes()
    client = zeep.Client(str(ROOT / "wsdl" / "PayNowEInvoice.wsdl"))
    service = client.bind("PayNowEInvoice", "PayNowEInvoiceSoap")
    binding = service._binding
    operation = binding.get("CancelInvoice")

    # The request's ObjInvoice values, converted by zeep's types for each field.
    invoice_type = client.get_type(f"{{{TNS}}}Invoice")
    fields = dict(invoice_type.elements)
    sent = etree.fromstring(request).find(f".//{{{TNS}}}ObjInvoice")
    values = {}
    for child in sent:
        name = etree.QName(child).localname
        values[name] = fields[name].type.pythonvalue(child.text or "")

    def build():
        envelope = client.create_message(service, "CancelInvoice", ObjInvoice=values)
        return etree.tostring(envelope, xml_declaration=True, encoding="utf-8")

    def parse():
        return binding.process_reply(client, operation, Reply(response))

    # The same messages: zeep's envelope carries the same values, and zeep reads the
    # response into the invoice that was sent.
    built = etree.fromstring(build()).find(f".//{{{TNS}}}ObjInvoice")
    assert [c.text for c in built] == [c.text for c in sent], "zeep built other values"
    result = parse()
    assert result["InvoiceNumber"] == values["InvoiceNumber"], result
    assert result["MainRemark"] == values["MainRemark"], result
    return time_per_call(build), time_per_call(parse)


def main():
    with tempfile.TemporaryDirectory() as messages:
        rust = run_rust_bench(messages)
        zeep_build, zeep_parse = zeep_times(messages)
    print()
    print(f"{'':16}{'generated':>22}{'baseline':>12}{'zeep':>22}"
          f"{'gen/base':>10}{'zeep/gen':>18}")
    print(f"{'':16}{'median':>11}{'best':>11}{'median':>12}{'median':>11}{'best':>11}"
          f"{'median':>10}{'median':>9}{'best':>9}")
    for group, zeep in (("write", zeep_build), ("parse", zeep_parse)):
        generated, baseline = rust[(group, "generated")], rust[(group, "baseline")]
        label = "build (write)" if group == "write" else "parse"
        print(f"{label:16}{generated.median:>9.2f}µs{generated.best:>9.2f}µs"
              f"{baseline.median:>10.2f}µs{zeep.median:>9.1f}µs{zeep.best:>9.1f}µs"
              f"{generated.median / baseline.median:>9.2f}x"
              f"{zeep.median / generated.median:>8.1f}x{zeep.best / generated.best:>8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
