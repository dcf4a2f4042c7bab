"""Request envelopes built by python-zeep, offline: the interop oracle for the corpus.

Usage: oracle.py MODULE=WSDL_PATH...

For each WSDL (named by its module under `integration_tests::corpus`), loads it with zeep
through a transport that refuses the network, and for each SOAP operation of each port
builds deterministic sample values from zeep's type tree, lets zeep build the request
envelope (`client.create_message`) and prints one JSON object per line:

  {"wsdl", "service", "port", "soap": "1.1"|"1.2", "operation", "values", "envelope"}
      an envelope; "values" are the sample values as JSON, keyed by XML names, in the
      shape the generated Rust types deserialize (see `Builder`); for an operation with
      declared soap:headers, the pair [header values, body values], the headers given to
      zeep as `_soapheaders`.
  {"wsdl", "service", "port", "soap", "operation", "skipped"}
      an operation zeep (or this script) cannot build, and why.
  {"wsdl", "skipped"}           a WSDL zeep cannot load, and why.
  {"wsdl", "refused": [url…]}   remote locations refused while loading (always printed).

tests/tests/zeep_oracle.rs runs it and builds our envelope from the same values.

Sample values: strings "s1", "s2"…; integers 1, 2…; booleans true; decimals "1.5";
dates "2026-11-21"; every optional element and attribute included; repeated elements
with 2 items. Each is chosen so that zeep and the generated Rust code write the same
text for it (zeep is handed the text form where its own conversion would differ).
"""

import base64
import json
import sys
import warnings
from pathlib import Path
from urllib.parse import urlparse

from lxml import etree

import zeep
from zeep.transports import Transport
from zeep.xsd import ComplexType
from zeep.xsd.elements import Any, Element
from zeep.xsd.elements.indicators import Choice, Group, Indicator
from zeep.xsd.types.any import AnyType
from zeep.xsd.types.builtins import BuiltinType
from zeep.xsd.types.simple import AnySimpleType
from zeep.xsd.types.collection import ListType, UnionType

XSD_NS = "http://www.w3.org/2001/XMLSchema"
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
# Elements matched by xsd:any are written in this namespace.
ANY_NS = "urn:zeep-oracle:any"
# Schemas zeep needs but WSDLs import by namespace only, as the generator has them built
# in (codegen/src/parse/wellknown.rs): rpc/encoded WSDLs import SOAP encoding that way.
WELL_KNOWN = Path(__file__).resolve().parents[2] / "codegen/src/parse/wellknown"
XML_NS = "http://www.w3.org/XML/1998/namespace"
BUILT_IN = {
    "http://schemas.xmlsoap.org/soap/encoding/": WELL_KNOWN / "soap-encoding.xsd",
    XML_NS: WELL_KNOWN / "xml.xsd",
}
# A type is expanded at most this deep (an optional element whose type is already being
# expanded is left out, so recursion ends well before this).
MAX_DEPTH = 8

# How the generated Rust code types each built-in (codegen/src/emit/plan.rs,
# `builtin_type`): its JSON must be a number or a boolean where Rust has one, a string
# where Rust keeps the lexical form.
RUST_INTEGERS = {"byte", "short", "int", "long",
                 "unsignedByte", "unsignedShort", "unsignedInt", "unsignedLong"}
RUST_FLOATS = {"float", "double"}
INTEGER_STRINGS = {"integer", "nonNegativeInteger", "positiveInteger",
                   "nonPositiveInteger", "negativeInteger"}
# Fixed text for types whose values are not counted.
FIXED_TEXT = {
    "decimal": "1.5",
    "date": "2026-11-21",
    "dateTime": "2026-11-21T10:20:30",
    "time": "10:20:30",
    "duration": "P1D",
    "gYear": "2026",
    "gYearMonth": "2026-11",
    "gMonth": "--11",
    "gMonthDay": "--11-21",
    "gDay": "---21",
    "anyURI": "urn:s1",
    "QName": "s1",
    "language": "en",
}
# The Gregorian fragments: zeep takes tuples (the last item a time zone), and writes
# `FIXED_TEXT`'s text for them.
ZEEP_TUPLES = {
    "gYear": (2026, None),
    "gYearMonth": (2026, 11, None),
    "gMonth": (11, None),
    "gMonthDay": (11, 21, None),
    "gDay": (21, None),
}
# zeep's name for the value of a type with simple content; the generated Rust field is `value`.
SIMPLE_CONTENT = "_value_1"


class Unbuildable(Exception):
    """An operation whose sample values cannot be built; the reason is reported."""


class OfflineTransport(Transport):
    """Reads local files only. A remote location is refused and recorded; an empty
    schema stands in for it, so operations that do not use its types still build and
    those that do fail alone (zeep may also refuse the whole WSDL).

    One repair is made on the way in: zeep ignores an `xsd:import` placed directly under
    `wsdl:types` (without an `xsd:schema` around it, as Axis and CXF accept and our
    parser does), and then drops every operation using its types. Such imports are
    wrapped in an `xsd:schema`, so zeep reads the types we read.

    The SOAP encoding schema, which rpc/encoded WSDLs import by namespace alone, is read
    from the generator's built-in copy (`BUILT_IN`), as the generator reads it."""

    def __init__(self):
        super().__init__()
        self.refused = []
        self.loaded = []

    def load(self, url):
        if url in BUILT_IN:
            return BUILT_IN[url].read_bytes()
        if urlparse(url).scheme in ("http", "https", "ftp"):
            self.refused.append(url)
            return b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>'
        self.loaded.append(url)
        return import_xml_namespace(wrap_bare_imports(super().load(url)))


def import_xml_namespace(content):
    """The document with an import of the XML namespace (`xml:lang`…) added to each schema
    that refers to it without importing it: the generator knows that namespace without an
    import, zeep only with one."""
    try:
        root = etree.fromstring(content)
    except etree.XMLSyntaxError:
        return content
    changed = False
    for schema in root.iter(f"{{{XSD_NS}}}schema"):
        imported = {node.get("namespace") for node in schema.findall(f"{{{XSD_NS}}}import")}
        refers = any(node.get("ref", "").startswith("xml:")
                     for node in schema.iter(f"{{{XSD_NS}}}attribute"))
        if refers and XML_NS not in imported:
            node = etree.Element(f"{{{XSD_NS}}}import", namespace=XML_NS, schemaLocation=XML_NS)
            schema.insert(0, node)
            changed = True
    return etree.tostring(root) if changed else content


def wrap_bare_imports(content):
    """The document with each `xsd:import` directly under `wsdl:types` moved into an
    `xsd:schema` of its own; unchanged if there is none (or it is not XML)."""
    try:
        root = etree.fromstring(content)
    except etree.XMLSyntaxError:
        return content
    bare = root.findall(f"{{{WSDL_NS}}}types/{{{XSD_NS}}}import")
    for node in bare:
        schema = etree.Element(f"{{{XSD_NS}}}schema")
        node.addprevious(schema)
        schema.append(node)
    return etree.tostring(root) if bare else content


class SchemaFacts:
    """What zeep's type tree drops but the Rust types depend on, read from the loaded
    documents: enumerations (a valid value beats "s1"), mixed content (the Rust
    type then holds its content as one raw `content` string), and abstract types with
    what derives from them (the Rust type is an enum of the concrete derived types,
    chosen by `xsi:type`)."""

    def __init__(self, locations):
        self.enumerations = {}
        self.mixed = set()
        self.abstract = set()
        # Heads of substitution groups, as `{namespace}local`: where one is declared, the
        # Rust type takes its members (the head too, if not abstract), but zeep writes only
        # the head.
        self.heads = set()
        # (type, its base) for each named complex type derived by extension or
        # restriction, in schema order.
        self.derivations = []
        for location in locations:
            try:
                tree = etree.parse(location)
            except (OSError, etree.XMLSyntaxError):
                continue
            for schema in tree.iter(f"{{{XSD_NS}}}schema"):
                self._read(schema, schema.get("targetNamespace", ""))

    def _read(self, schema, tns):
        for element in schema.iter(f"{{{XSD_NS}}}element"):
            if element.get("substitutionGroup"):
                self.heads.add(qname_text(element, element.get("substitutionGroup")))
        for simple in schema.iter(f"{{{XSD_NS}}}simpleType"):
            first = simple.find(f"{{{XSD_NS}}}restriction/{{{XSD_NS}}}enumeration")
            if first is not None:
                self.enumerations.setdefault(self._key(simple, tns), first.get("value"))
        for complex_type in schema.iter(f"{{{XSD_NS}}}complexType"):
            if complex_type.get("mixed") == "true":
                self.mixed.add(self._key(complex_type, tns))
            if not complex_type.get("name"):
                continue
            key = (tns, complex_type.get("name"))
            if complex_type.get("abstract") in ("true", "1"):
                self.abstract.add(key)
            derivation = complex_type.find(f"{{{XSD_NS}}}complexContent/*[@base]")
            if derivation is not None:
                base = etree.QName(qname_text(derivation, derivation.get("base")))
                self.derivations.append((key, (base.namespace or "", base.localname)))

    def concrete(self, abstract):
        """The concrete types derived from `abstract` (directly or not), in schema
        order, as the generated enum's variants are ordered."""
        family = {abstract}
        while True:
            grown = family | {t for t, base in self.derivations if base in family}
            if grown == family:
                break
            family = grown
        return [t for t, _ in self.derivations if t in family and t not in self.abstract]

    @staticmethod
    def _key(node, tns):
        """A named type by its qualified name; an anonymous one by its element's name
        (zeep names anonymous types after their element)."""
        if node.get("name"):
            return (tns, node.get("name"))
        parent = node.getparent()
        return (tns, parent.get("name") if parent is not None else None)

    @staticmethod
    def type_key(xsd_type):
        qname = xsd_type.qname
        return (qname.namespace or "", qname.localname) if qname is not None else None


class Builder:
    """Builds the sample values of one operation: the keyword arguments for zeep and
    the same values as JSON in the shape the generated Rust types deserialize:

    - an element: its XML name, the value (a list of 2 for a repeated element);
    - an attribute: its XML name (`@name` when an element has that name too);
    - an `xsd:choice`: key "choice" ("choice2", "choice3"… for the next ones: the
      generated field names), holding an object with the first alternative zeep can
      select, keyed by its XML name, as the generated enum deserializes; zeep takes that
      alternative flat;
    - `xsd:any`: key "any", raw XML text;
    - a mixed type: key "content", its whole content as raw XML text, as zeep writes it.
    """

    def __init__(self, facts, client):
        self.facts = facts
        self.client = client
        self.counters = {}
        # The complex types being expanded, innermost last (by identity: zeep's anonymous
        # types have no name).
        self.expanding = []

    def next(self, kind):
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return self.counters[kind]

    def element(self, element, depth):
        """(zeep value, JSON value) of an element, a list for a repeated one."""
        if element.max_occurs != 1:
            items = [self.value(element.type, element.name, depth) for _ in range(2)]
            return [z for z, _ in items], [j for _, j in items]
        return self.value(element.type, element.name, depth)

    def value(self, xsd_type, name, depth):
        if isinstance(xsd_type, ComplexType) and \
                self.facts.type_key(xsd_type) in self.facts.abstract:
            return self.derived(xsd_type, depth)
        if isinstance(xsd_type, ComplexType):
            return self.complex(xsd_type, depth + 1)
        if isinstance(xsd_type, AnyType) and not isinstance(xsd_type, AnySimpleType):
            # xs:anyType: any content, raw XML on the Rust side. zeep writes text or a
            # typed value (with xsi:type) there, never raw elements: text it is.
            text = f"s{self.next('string')}"
            return text, text
        return self.simple(xsd_type, name)

    def complex(self, xsd_type, depth):
        if depth > MAX_DEPTH:
            raise Unbuildable(f"type {xsd_type.qname} nests deeper than {MAX_DEPTH}")
        if getattr(xsd_type, "_array_type", None) is not None:
            raise Unbuildable(f"SOAP-encoded array type {xsd_type.qname}")
        kwargs, values = {}, {}
        self.expanding.append(expansion_key(xsd_type))
        try:
            for kwarg, item in xsd_type.elements_nested:
                self.particle(kwarg, item, kwargs, values, depth)
        finally:
            self.expanding.pop()
        element_names = {name for name, _ in xsd_type.elements}
        attributes = {}
        for kwarg, attribute in xsd_type.attributes:
            if attribute.name is None:  # xsd:anyAttribute: the Rust types keep none
                continue
            zeep_value, json_value = self.simple(attribute.type, attribute.name)
            kwargs[kwarg] = zeep_value
            key = f"@{attribute.name}" if attribute.name in element_names else attribute.name
            attributes[key] = json_value
        if self.facts.type_key(xsd_type) in self.facts.mixed:
            values = {"content": mixed_content(xsd_type, kwargs)}
        return kwargs, {**values, **attributes}

    def derived(self, abstract, depth):
        """A value of an abstract type: one of the first of its concrete derived types
        that can be built (a type may contain its own abstract base), which zeep names
        in `xsi:type`; in JSON, the enum variant named after that type."""
        for namespace, local in self.facts.concrete(self.facts.type_key(abstract)):
            xsd_type = self.client.get_type(f"{{{namespace}}}{local}")
            counters = dict(self.counters)
            try:
                kwargs, values = self.complex(xsd_type, depth + 1)
            except Unbuildable:
                self.counters = counters
                continue
            return xsd_type(**kwargs), {local: values}
        raise Unbuildable(f"no concrete type derived from abstract {abstract.qname} can be built")

    def particle(self, kwarg, item, kwargs, values, depth):
        """Fills in one particle: an element, xsd:any, a choice, or the particles of a
        sequence, all or group."""
        if isinstance(item, Element):
            key = "value" if item.name == SIMPLE_CONTENT else item.name
            if item.min_occurs != 0:
                self.check_not_head(item)
                kwargs[kwarg], values[key] = self.element(item, depth)
                return
            # An optional element is left out (an empty list if repeated) where its type
            # is being expanded already, which is where a recursive value ends, and where
            # zeep cannot be given a value for it.
            counters = dict(self.counters)
            try:
                if self.recurses(item):
                    raise Unbuildable("recursion")
                self.check_not_head(item)
                kwargs[kwarg], values[key] = self.element(item, depth)
            except Unbuildable:
                self.counters = counters
                if item.max_occurs != 1:
                    kwargs[kwarg], values[key] = [], []
        elif isinstance(item, Any):
            raw = self.any_elements(2 if item.accepts_multiple else 1)
            kwargs[kwarg] = raw if item.accepts_multiple else raw[0]
            texts = [etree.tostring(e, encoding="unicode") for e in raw]
            if "any" in values:  # the generator merges a type's xsd:any into one list
                values["any"] = as_list(values["any"]) + texts
            else:
                values["any"] = texts if item.accepts_multiple else texts[0]
        elif isinstance(item, Choice):
            self.choice(kwarg, item, kwargs, values, depth)
        elif isinstance(item, Indicator):
            if item.accepts_multiple:
                raise Unbuildable("a repeated sequence or group")
            children = [(kwarg, item.child)] if isinstance(item, Group) else item.elements_nested
            for child_kwarg, child in children:
                self.particle(child_kwarg, child, kwargs, values, depth)
        else:
            raise Unbuildable(f"particle {item!r}")

    def check_not_head(self, element):
        """Refuses the head of a substitution group: zeep writes only the head."""
        if element.qname is not None and element.qname.text in self.facts.heads:
            raise Unbuildable(f"zeep writes the head of substitution group {element.qname}, "
                              "never a member")

    def recurses(self, element):
        """Whether `element` is optional and of a complex type already being expanded."""
        return element.min_occurs == 0 and isinstance(element.type, ComplexType) \
            and expansion_key(element.type) in self.expanding

    def choice(self, kwarg, choice, kwargs, values, depth):
        # Only an element alternative can be handed to zeep by name; a choice of nothing
        # but sequences, groups and xsd:any cannot.
        alternatives = [e for _, e in choice.elements_nested if isinstance(e, Element)]
        if not alternatives:
            raise Unbuildable("a choice without an element alternative")
        alternatives = [e for e in alternatives
                        if e.qname is None or e.qname.text not in self.facts.heads]
        # zeep selects an alternative by the values it is given, so one of an empty type
        # (no elements, no attributes) cannot be selected: zeep leaves the choice out.
        selectable = [e for e in alternatives if not is_empty(e.type)]
        if not selectable:
            raise Unbuildable("zeep cannot select a choice alternative of an empty type: "
                              + ", ".join(e.name for e in alternatives))
        first = selectable[0]
        key = field_key("choice", "", values)
        if choice.accepts_multiple:
            items = [self.element(first, depth) for _ in range(2)]
            kwargs[kwarg] = [{first.name: z} for z, _ in items]
            values[key] = [{first.name: j} for _, j in items]
        else:
            kwargs[first.name], json_value = self.element(first, depth)
            values[key] = {first.name: json_value}

    def any_elements(self, count):
        return [etree.fromstring(f'<any{self.next("any")} xmlns="{ANY_NS}">'
                                 f's{self.next("string")}</any{self.counters["any"]}>')
                for _ in range(count)]

    def simple(self, xsd_type, name):
        """(zeep value, JSON value) of a simple type."""
        if isinstance(xsd_type, ListType):  # `XmlList<T>`: a JSON array
            items = [self.simple(xsd_type.item_type, name) for _ in range(2)]
            return [z for z, _ in items], [j for _, j in items]
        if isinstance(xsd_type, UnionType):
            text = f"s{self.next('string')}"
            return text, text
        enumeration = self.facts.enumerations.get(self.facts.type_key(xsd_type)) or \
            self.facts.enumerations.get((getattr(xsd_type.qname, "namespace", ""), name))
        builtin = builtin_name(xsd_type)
        if enumeration is not None and builtin not in RUST_INTEGERS | RUST_FLOATS:
            return enumeration, enumeration
        return self.builtin(builtin)

    def builtin(self, local):
        if local in RUST_INTEGERS:
            n = self.next("int") % 100 or 100  # small enough for xs:byte
            return n, n
        if local in RUST_FLOATS:
            return 1.5, 1.5
        if local == "boolean":
            return True, True
        if local in INTEGER_STRINGS:
            n = self.next("int")
            text = {"negativeInteger": f"-{n}", "nonPositiveInteger": "0"}.get(local, str(n))
            return text, text
        if local in ZEEP_TUPLES:
            return ZEEP_TUPLES[local], FIXED_TEXT[local]
        if local in FIXED_TEXT:
            return FIXED_TEXT[local], FIXED_TEXT[local]
        if local == "base64Binary":
            text = base64.b64encode(f"s{self.next('string')}".encode()).decode()
            return text, text
        if local == "hexBinary":
            text = f"s{self.next('string')}".encode().hex().upper()
            return text, text
        text = f"s{self.next('string')}"
        return text, text


def qname_text(node, text):
    """`prefix:local` as `{namespace}local`, resolved against `node`'s namespaces."""
    prefix, _, local = text.rpartition(":")
    return f"{{{node.nsmap.get(prefix or None, '')}}}{local}"


def as_list(value):
    return value if isinstance(value, list) else [value]


def field_key(wanted, suffix, values):
    """The key of a field that has no XML name, as the generator names it (`NameSet::claim`
    in codegen/src/emit/names.rs): `wanted`, then `wanted` + `suffix`, then with 2, 3…"""
    candidates = [wanted, wanted + suffix] + [f"{wanted}{suffix}{n}" for n in range(2, 100)]
    return next(c for c in candidates if c not in values)


def is_empty(xsd_type):
    return isinstance(xsd_type, ComplexType) and not xsd_type.elements \
        and not xsd_type.attributes


def expansion_key(xsd_type):
    """What tells a type being expanded apart: its name, or for an anonymous type the
    object. Not the object for a named one: zeep may hold several objects of one named
    type (a type reached again through its own extension), and one of those, expanded
    again, lacks its base's elements."""
    return xsd_type.qname.text if xsd_type.qname is not None else id(xsd_type)


def mixed_content(xsd_type, kwargs):
    """The content of a mixed type as the Rust type holds it: one raw XML string. zeep
    renders the particles it is given into it."""
    node = etree.Element("mixed")
    xsd_type.render(node, xsd_type(**kwargs))
    return (node.text or "") + "".join(
        etree.tostring(child, encoding="unicode", with_tail=True) for child in node)


def builtin_name(xsd_type):
    """The local name of the XML Schema built-in a zeep simple type is (a restriction
    is an instance of its base's class)."""
    for cls in type(xsd_type).__mro__:
        qname = getattr(cls, "_default_qname", None)
        if qname is not None and issubclass(cls, BuiltinType):
            return etree.QName(qname).localname
    raise Unbuildable(f"simple type {xsd_type!r} is not a built-in")


def operations(module, client, facts):
    """One output object per SOAP operation of each port."""
    for service_name, service in client.wsdl.services.items():
        for port_name, port in service.ports.items():
            binding = port.binding
            version = {"Soap11Binding": "1.1", "Soap12Binding": "1.2"}.get(
                type(binding).__name__)
            if version is None:  # HTTP GET/POST bindings carry no envelope
                continue
            port_line = {"wsdl": module, "service": service_name, "port": port_name,
                         "soap": version}
            try:
                proxy = client.bind(service_name, port_name)
            except Exception as error:  # noqa: BLE001 - zeep's own failures are data
                yield {**port_line, "skipped": f"zeep cannot bind the port: {error}"}
                continue
            for name, operation in binding._operations.items():
                line = {**port_line, "operation": name}
                try:
                    line.update(build(client, proxy, name, operation, facts))
                except Unbuildable as reason:
                    line["skipped"] = str(reason)
                except Exception as error:  # noqa: BLE001 - zeep's own failures are data
                    line["skipped"] = f"zeep: {type(error).__name__}: {error}"
                yield line


def build(client, proxy, name, operation, facts):
    body = operation.input.body
    if body is None:
        raise Unbuildable("the input has no body element (rpc style or no parts)")
    builder = Builder(facts, client)
    # Declared soap:headers go in through `_soapheaders`, and the values become the
    # pair [headers, body] that the registry reads for such an operation.
    header = operation.input.header
    header_kwargs, header_values = {}, None
    if header is not None and header.type.elements:
        header_kwargs, header_values = builder.complex(header.type, 0)
    extra = {"_soapheaders": header_kwargs} if header_kwargs else {}
    if isinstance(body.type, ComplexType):
        kwargs, values = builder.complex(body.type, 0)
        envelope = client.create_message(proxy, name, **kwargs, **extra)
    else:
        zeep_value, values = builder.simple(body.type, body.name)
        envelope = client.create_message(proxy, name, zeep_value, **extra)
    if header_values is not None:
        values = [header_values, values]
    return {"values": values,
            "envelope": etree.tostring(envelope, encoding="unicode")}


def run(module, path):
    transport = OfflineTransport()
    try:
        client = zeep.Client(path, transport=transport)
    except Exception as error:  # noqa: BLE001 - reported, not raised
        yield {"wsdl": module, "skipped": f"zeep cannot load it: {type(error).__name__}: {error}"}
    else:
        facts = SchemaFacts(dict.fromkeys([path] + transport.loaded))
        yield from operations(module, client, facts)
    yield {"wsdl": module, "refused": transport.refused}


def main():
    # zeep warns about every part and operation it drops; what matters is reported.
    warnings.simplefilter("ignore")
    for argument in sys.argv[1:]:
        module, _, path = argument.partition("=")
        for line in run(module, path):
            print(json.dumps(line, ensure_ascii=False, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
