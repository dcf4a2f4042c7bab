#!/usr/bin/env python3
"""Writes a synthetic ASMX-style WSDL (document/literal wrapped, SOAP 1.1 and 1.2
bindings) of about 3 MB (3.5 MB with the defaults), for measuring generation cost on a
service as big as the largest real ones: the corpus has none that size.

    scripts/synth-asmx-wsdl.py [--operations N] [--seed S] OUT.wsdl

Deterministic: the same arguments give the same bytes. Each operation has a request
element with 5-30 fields (most near 5, mean about 7) of mixed XML Schema types
(strings, numbers, dates, booleans, binary, a `guid` pattern type, enumerations,
`ArrayOf…` wrappers, shared complex types) and a `…Response` element holding `…Result`
of a shared or an operation's own type, as .NET's ASMX writes them.
"""

import argparse
import random

TNS = "http://tempuri.org/"
BUILTINS = [
    "s:string", "s:string", "s:string", "s:int", "s:long", "s:boolean", "s:decimal",
    "s:dateTime", "s:double", "s:base64Binary", "s:short", "s:unsignedByte", "s:float",
]
NOUNS = [
    "Account", "Order", "Invoice", "Customer", "Product", "Shipment", "Payment", "Address",
    "Contract", "Ticket", "Employee", "Vendor", "Warehouse", "Report", "Schedule", "Device",
    "Session", "Policy", "Claim", "Batch",
]
VERBS = ["Get", "Set", "Create", "Update", "Delete", "List", "Find", "Validate", "Export",
         "Import", "Approve", "Cancel", "Submit", "Sync", "Archive"]
FIELD_WORDS = [
    "Id", "Name", "Code", "Status", "Amount", "Date", "Count", "Flag", "Comment", "Reference",
    "Owner", "Region", "Total", "Limit", "Offset", "Token", "Version", "Priority", "Email",
    "Phone", "Price", "Quantity", "Currency", "Note", "Start", "End", "Kind", "Level",
]
ENUMS = {
    "StatusCode": ["Active", "Inactive", "Pending", "Closed", "Error"],
    "PriorityLevel": ["Low", "Normal", "High", "Urgent"],
    "CurrencyCode": ["USD", "EUR", "JPY", "TWD", "GBP", "CHF"],
    "SortOrder": ["Ascending", "Descending"],
}


def field_name(rng, used):
    while True:
        name = rng.choice(FIELD_WORDS) + rng.choice(FIELD_WORDS)
        if name not in used:
            used.add(name)
            return name


def element(name, type_, rng, allow_nillable=True):
    occurs = 'minOccurs="1"' if type_ in ("s:int", "s:boolean", "s:long") else 'minOccurs="0"'
    nillable = ' nillable="true"' if allow_nillable and rng.random() < 0.1 else ""
    return f'<s:element {occurs} maxOccurs="1" name="{name}"{nillable} type="{type_}" />'


def field_type(rng, shared):
    roll = rng.random()
    if roll < 0.68:
        return rng.choice(BUILTINS)
    if roll < 0.75:
        return "tns:guid"
    if roll < 0.82:
        return "tns:" + rng.choice(sorted(ENUMS))
    if roll < 0.88:
        return "tns:ArrayOfString"
    return "tns:" + rng.choice(shared)


def request_field_count(rng):
    """5 to 30, most requests near 5 (mean about 7), as in real services."""
    return min(30, 5 + int(rng.expovariate(1 / 2.5)))


def sequence(lines, fields, indent):
    pad = " " * indent
    lines.append(f"{pad}<s:sequence>")
    lines.extend(f"{pad}  {f}" for f in fields)
    lines.append(f"{pad}</s:sequence>")


def schema(rng, operations):
    lines = [f'    <s:schema elementFormDefault="qualified" targetNamespace="{TNS}">']
    lines.append('      <s:simpleType name="guid"><s:restriction base="s:string">'
                 '<s:pattern value="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-'
                 '[0-9a-fA-F]{12}" /></s:restriction></s:simpleType>')
    for name, values in sorted(ENUMS.items()):
        lines.append(f'      <s:simpleType name="{name}"><s:restriction base="s:string">')
        lines.extend(f'        <s:enumeration value="{v}" />' for v in values)
        lines.append("      </s:restriction></s:simpleType>")
    lines.append('      <s:complexType name="ArrayOfString"><s:sequence>'
                 '<s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" '
                 'type="s:string" /></s:sequence></s:complexType>')
    # Shared entity types, each with an ArrayOf wrapper; later ones may hold earlier ones.
    shared = []
    for noun in NOUNS:
        for variant in ("", "Summary", "Detail", "Filter", "Info"):
            name = noun + variant
            used = set()
            fields = [element(field_name(rng, used), rng.choice(BUILTINS + ["tns:guid"]), rng)
                      for _ in range(rng.randint(4, 12))]
            if shared and rng.random() < 0.4:
                fields.append(element(field_name(rng, used), "tns:" + rng.choice(shared), rng))
            lines.append(f'      <s:complexType name="{name}">')
            sequence(lines, fields, 8)
            lines.append("      </s:complexType>")
            lines.append(f'      <s:complexType name="ArrayOf{name}"><s:sequence>'
                         f'<s:element minOccurs="0" maxOccurs="unbounded" name="{name}" '
                         f'nillable="true" type="tns:{name}" /></s:sequence></s:complexType>')
            shared.append(name)
            shared.append("ArrayOf" + name)
    for op in operations:
        used = set()
        fields = [element(field_name(rng, used), field_type(rng, shared), rng)
                  for _ in range(request_field_count(rng))]
        lines.append(f'      <s:element name="{op}">')
        lines.append("        <s:complexType>")
        sequence(lines, fields, 10)
        lines.append("        </s:complexType>")
        lines.append("      </s:element>")
        if rng.random() < 0.2:
            # The operation's own result type.
            used = set()
            result_fields = [element(field_name(rng, used), field_type(rng, shared), rng)
                             for _ in range(rng.randint(3, 8))]
            lines.append(f'      <s:complexType name="{op}Result">')
            sequence(lines, result_fields, 8)
            lines.append("      </s:complexType>")
            result = f"tns:{op}Result"
        else:
            result = "tns:" + rng.choice(shared)
        lines.append(f'      <s:element name="{op}Response">')
        lines.append("        <s:complexType>")
        sequence(lines, [f'<s:element minOccurs="0" maxOccurs="1" name="{op}Result" '
                         f'type="{result}" />'], 10)
        lines.append("        </s:complexType>")
        lines.append("      </s:element>")
    lines.append("    </s:schema>")
    return lines


def binding(lines, name, prefix, operations):
    lines.append(f'  <wsdl:binding name="{name}" type="tns:ServiceSoap">')
    lines.append(f'    <{prefix}:binding transport="http://schemas.xmlsoap.org/soap/http" />')
    for op in operations:
        lines.append(f'    <wsdl:operation name="{op}">')
        lines.append(f'      <{prefix}:operation soapAction="{TNS}{op}" style="document" />')
        lines.append(f'      <wsdl:input><{prefix}:body use="literal" /></wsdl:input>')
        lines.append(f'      <wsdl:output><{prefix}:body use="literal" /></wsdl:output>')
        lines.append("    </wsdl:operation>")
    lines.append("  </wsdl:binding>")


def wsdl(operation_count, seed):
    rng = random.Random(seed)
    operations = []
    seen = set()
    while len(operations) < operation_count:
        name = rng.choice(VERBS) + rng.choice(NOUNS) + rng.choice(["", "s", "ById", "ByCode",
                                                                    "Async", "Batch", "Ex"])
        if name in seen:
            name += str(len(operations))
        seen.add(name)
        operations.append(name)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" '
        'xmlns:s="http://www.w3.org/2001/XMLSchema" '
        'xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" '
        f'xmlns:tns="{TNS}" targetNamespace="{TNS}" '
        'xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">',
        "  <wsdl:types>",
    ]
    lines.extend(schema(rng, operations))
    lines.append("  </wsdl:types>")
    for op in operations:
        for suffix, element_name in (("SoapIn", op), ("SoapOut", op + "Response")):
            lines.append(f'  <wsdl:message name="{op}{suffix}">')
            lines.append(f'    <wsdl:part name="parameters" element="tns:{element_name}" />')
            lines.append("  </wsdl:message>")
    lines.append('  <wsdl:portType name="ServiceSoap">')
    for op in operations:
        lines.append(f'    <wsdl:operation name="{op}">')
        lines.append(f'      <wsdl:input message="tns:{op}SoapIn" />')
        lines.append(f'      <wsdl:output message="tns:{op}SoapOut" />')
        lines.append("    </wsdl:operation>")
    lines.append("  </wsdl:portType>")
    binding(lines, "ServiceSoap", "soap", operations)
    binding(lines, "ServiceSoap12", "soap12", operations)
    lines.append('  <wsdl:service name="Service">')
    for port, prefix in (("ServiceSoap", "soap"), ("ServiceSoap12", "soap12")):
        lines.append(f'    <wsdl:port name="{port}" binding="tns:{port}">')
        lines.append(f'      <{prefix}:address location="http://localhost/Service.asmx" />')
        lines.append("    </wsdl:port>")
    lines.append("  </wsdl:service>")
    lines.append("</wsdl:definitions>")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--operations", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("out")
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(wsdl(args.operations, args.seed))


if __name__ == "__main__":
    main()
