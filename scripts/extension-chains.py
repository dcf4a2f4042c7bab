#!/usr/bin/env python3
"""Writes a WSDL whose one operation carries the root of an N-level extension chain, for
timing `soap-codegen generate` on it (CORPUS.md, "Extension chains").

Usage: scripts/extension-chains.py N [complex|abstract|simple] > chain.wsdl
  complex   complexContent extensions of a concrete root, an element and an attribute each
  abstract  the same, every level but the last abstract
  simple    simpleContent extensions of xs:string, an attribute each
"""
import sys


def level(kind, i, n):
    abstract = ' abstract="true"' if kind == "abstract" and i < n - 1 else ""
    if kind == "simple":
        base = "xs:string" if i == 0 else f"tns:T{i - 1}"
        return (f'<xs:complexType name="T{i}"><xs:simpleContent><xs:extension base="{base}">'
                f'<xs:attribute name="a{i}" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>')
    own = (f'<xs:sequence><xs:element name="e{i}" type="xs:string"/></xs:sequence>'
           f'<xs:attribute name="a{i}" type="xs:string"/>')
    if i == 0:
        return f'<xs:complexType name="T0"{abstract}>{own}</xs:complexType>'
    return (f'<xs:complexType name="T{i}"{abstract}><xs:complexContent><xs:extension base="tns:T{i - 1}">'
            f'{own}</xs:extension></xs:complexContent></xs:complexType>')


def main():
    n = int(sys.argv[1])
    kind = sys.argv[2] if len(sys.argv) > 2 else "complex"
    if kind not in ("complex", "abstract", "simple") or n < 1:
        sys.exit(__doc__)
    types = "\n".join(level(kind, i, n) for i in range(n))
    print(f'''<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:chain" targetNamespace="urn:chain">
  <types><xs:schema targetNamespace="urn:chain" elementFormDefault="qualified">
{types}
<xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="v" type="tns:T0"/></xs:sequence></xs:complexType></xs:element>
  </xs:schema></types>
  <message name="In"><part name="body" element="tns:Req"/></message>
  <portType name="Port"><operation name="Op"><input message="tns:In"/><output message="tns:In"/></operation></portType>
  <binding name="B" type="tns:Port"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Op"><soap:operation soapAction="Op"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation></binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://localhost/"/></port></service>
</definitions>''')


if __name__ == "__main__":
    main()
