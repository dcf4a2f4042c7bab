"""python-zeep reads an XML document as a WSDL's global element and writes it back: the
oracle for the construct fixtures (tests/tests/construct_*.rs). What we wrote is
standard if zeep, reading it with the same schema, loses nothing and adds nothing.

Usage: reread.py WSDL < DOCUMENT

The document's root names the global element. Prints `equal`, or `different` and then the canonical lines (see `canonical`) of the
document missing from zeep's rewrite (`- line`) and those zeep added (`+ line`).
"""

import sys
import warnings
from pathlib import Path

from lxml import etree

import zeep

sys.path.insert(0, str(Path(__file__).resolve().parent))
from oracle import OfflineTransport  # noqa: E402

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def canonical(node, path=""):
    """One line per element and per text: names expanded, attributes sorted, namespace
    declarations and whitespace-only text dropped; `xsi:type` values expanded too."""
    here = f"{path}/{node.tag}"
    attributes = []
    for name, value in sorted(node.attrib.items()):
        if name == f"{{{XSI_NS}}}type" and ":" in value:
            prefix, local = value.split(":", 1)
            value = f"{{{node.nsmap.get(prefix)}}}{local}"
        elif name == f"{{{XSI_NS}}}type":
            value = f"{{{node.nsmap.get(None)}}}{value}"
        attributes.append(f"{name}={value}")
    lines = [f"{here} {' '.join(attributes)}".rstrip()]
    if node.text and node.text.strip():
        lines.append(f"{here} text {node.text.strip()}")
    for child in node:
        if isinstance(child.tag, str):
            lines.extend(canonical(child, here))
        if child.tail and child.tail.strip():
            lines.append(f"{here} text {child.tail.strip()}")
    return lines


def main():
    warnings.simplefilter("ignore")
    client = zeep.Client(sys.argv[1], transport=OfflineTransport())
    ours = etree.fromstring(sys.stdin.buffer.read())
    element = client.get_element(ours.tag)
    # Before zeep renders: it moves the lxml nodes of `xsd:any` content out of `ours`.
    ours_lines = canonical(ours)
    value = element.parse(ours, client.wsdl.types)
    holder = etree.Element("holder")
    element.render(holder, value)
    theirs = holder[0]
    ours, rewritten = ours_lines, canonical(theirs)
    if ours == rewritten:
        print("equal")
        return
    print("different")
    for line in ours:
        if line not in rewritten:
            print(f"- {line}")
    for line in rewritten:
        if line not in ours:
            print(f"+ {line}")

if __name__ == "__main__":
    main()
