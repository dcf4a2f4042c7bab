"""python-zeep reads a request envelope as the service would: the oracle for what the
generated client writes in rpc/encoded (tests/tests/construct_encoded_arrays.rs).

Usage: read_request.py WSDL OPERATION ENVELOPE

Prints the input message's parts as JSON: arrays as lists, a nil item as null, bytes in
base64.
"""

import base64
import json
import sys
import warnings
from pathlib import Path

from lxml import etree

import zeep

sys.path.insert(0, str(Path(__file__).resolve().parent))
from oracle import OfflineTransport  # noqa: E402


XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


def plain(value):
    """zeep's value as JSON data. zeep leaves a nil array item as its XML element: it is
    null here, and any other element left unread an error."""
    if isinstance(value, etree._Element):
        if value.get(XSI_NIL) in ("true", "1"):
            return None
        raise ValueError(f"zeep left {etree.tostring(value)!r} unread")
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "__values__"):
        return {k: plain(v) for k, v in value.__values__.items()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def main():
    warnings.simplefilter("ignore")
    wsdl, operation, envelope = sys.argv[1:4]
    client = zeep.Client(wsdl, transport=OfflineTransport())
    binding = client.service._binding
    message = binding.get(operation).input
    body = message.deserialize(etree.fromstring(envelope.encode()))
    print(json.dumps(plain(body), ensure_ascii=False))


if __name__ == "__main__":
    main()
