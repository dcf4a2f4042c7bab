//! A small element tree with byte offsets, read with quick-xml, so every later error can
//! name its line and column (xmltree keeps no positions).

use std::path::{Path, PathBuf};
use std::rc::Rc;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::error::{Error, ErrorKind};
use crate::model::QName;

/// Deepest nesting accepted in a WSDL or schema document.
const MAX_DEPTH: usize = 256;

/// In-scope namespace bindings: `(prefix, uri)`, `""` for the default namespace.
type Scope = Rc<Vec<(String, String)>>;

/// A parsed document: its file name and text, for positions, and its root element.
pub struct Document {
    /// Where it was read from.
    pub file: PathBuf,
    source: String,
    /// The root element.
    pub root: Node,
}

/// An element with its resolved name, attributes, children and text.
pub struct Node {
    /// Namespace URI, `""` for none.
    pub ns: String,
    /// Local name.
    pub local: String,
    /// Attributes: `(namespace, local name, value)`.
    pub attributes: Vec<(String, String, String)>,
    /// Child elements in document order.
    pub children: Vec<Node>,
    /// The text directly inside, concatenated.
    pub text: String,
    /// Byte offset of its `<`.
    pub offset: usize,
    scope: Scope,
}

impl Node {
    /// Whether this is `local` in namespace `ns`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// An unqualified attribute's value.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(ns, name, _)| ns.is_empty() && name == local)
            .map(|(_, _, v)| v.as_str())
    }

    /// Child elements in namespace `ns` named `local`.
    pub fn children_named<'a>(
        &'a self,
        ns: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.is(ns, local))
    }

    /// The first such child.
    pub fn child(&self, ns: &str, local: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.is(ns, local))
    }

    /// Resolves a QName-valued attribute (`prefix:local`, or `local` in the default namespace).
    pub fn resolve_qname(&self, value: &str) -> Option<QName> {
        let value = value.trim();
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", value),
        };
        if prefix == "xml" {
            return Some(QName::new("http://www.w3.org/XML/1998/namespace", local));
        }
        let uri = self
            .scope
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, uri)| uri.as_str());
        match uri {
            Some(uri) => Some(QName::new(uri, local)),
            None if prefix.is_empty() => Some(QName::new("", local)),
            None => None,
        }
    }

    /// The namespace URI bound to `prefix` here.
    pub fn namespace_for_prefix(&self, prefix: &str) -> Option<&str> {
        self.scope
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, uri)| uri.as_str())
    }
}

impl Document {
    /// Parses `bytes` read from `path`.
    pub fn parse(path: &Path, bytes: Vec<u8>) -> Result<Self, Error> {
        let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => rest.to_vec(),
            None => bytes,
        };
        let source = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let (line, column) = line_column(&text, offset);
            Error {
                kind: ErrorKind::NotXml,
                file: path.to_owned(),
                line,
                column,
                message: "the document is not UTF-8 text".into(),
            }
        })?;
        let root = build_tree(path, &source)?;
        Ok(Self {
            file: path.to_owned(),
            source,
            root,
        })
    }

    /// Its text (without a byte order mark); node offsets index into it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// An error of `kind` at `node`.
    pub fn error(&self, node: &Node, kind: ErrorKind, message: impl Into<String>) -> Error {
        self.error_at(node.offset, kind, message)
    }

    /// An error of `kind` at byte `offset`.
    pub fn error_at(&self, offset: usize, kind: ErrorKind, message: impl Into<String>) -> Error {
        let (line, column) = line_column(&self.source, offset);
        Error {
            kind,
            file: self.file.clone(),
            line,
            column,
            message: message.into(),
        }
    }
}

fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source.as_bytes()[..offset.min(source.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

fn build_tree(path: &Path, source: &str) -> Result<Node, Error> {
    let fail = |offset: usize, kind: ErrorKind, message: String| {
        let (line, column) = line_column(source, offset);
        Error {
            kind,
            file: path.to_owned(),
            line,
            column,
            message,
        }
    };
    let mut reader = NsReader::from_str(source);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Node> = Vec::new();
    let root_scope: Scope = Rc::new(Vec::new());
    loop {
        let offset = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            fail(
                reader.error_position() as usize,
                ErrorKind::NotXml,
                format!("not well-formed XML: {e}"),
            )
        })?;
        match event {
            Event::Start(start) | Event::Empty(start) if stack.len() >= MAX_DEPTH => {
                let _ = start;
                return Err(fail(
                    offset,
                    ErrorKind::TooDeep,
                    format!("elements are nested deeper than {MAX_DEPTH}"),
                ));
            }
            Event::Start(start) => {
                let parent_scope = stack.last().map_or(&root_scope, |n| &n.scope).clone();
                let node = open_node(&reader, &start, offset, parent_scope)
                    .map_err(|m| fail(offset, ErrorKind::NotXml, m))?;
                stack.push(node);
            }
            Event::Empty(start) => {
                let parent_scope = stack.last().map_or(&root_scope, |n| &n.scope).clone();
                let node = open_node(&reader, &start, offset, parent_scope)
                    .map_err(|m| fail(offset, ErrorKind::NotXml, m))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Ok(node),
                }
            }
            Event::End(_) => {
                let Some(node) = stack.pop() else {
                    return Err(fail(
                        offset,
                        ErrorKind::NotXml,
                        "an end tag without a start tag".into(),
                    ));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Ok(node),
                }
            }
            Event::Text(text) => {
                let text = text
                    .unescape()
                    .map_err(|e| fail(offset, ErrorKind::NotXml, format!("bad text: {e}")))?;
                match stack.last_mut() {
                    Some(node) => node.text.push_str(&text),
                    None if text.trim().is_empty() => {}
                    None => {
                        return Err(fail(
                            offset,
                            ErrorKind::NotXml,
                            "text outside the root element".into(),
                        ));
                    }
                }
            }
            Event::CData(data) => {
                if let Some(node) = stack.last_mut() {
                    node.text
                        .push_str(&String::from_utf8_lossy(&data.into_inner()));
                }
            }
            Event::DocType(_) => {
                return Err(fail(
                    offset,
                    ErrorKind::Doctype,
                    "DOCTYPE declarations are refused (no DTDs, no entities)".into(),
                ));
            }
            Event::Eof => {
                let message = if stack.is_empty() {
                    "the document has no root element"
                } else {
                    "the document ends inside an element"
                };
                return Err(fail(offset, ErrorKind::NotXml, message.into()));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
}

fn open_node(
    reader: &NsReader<&[u8]>,
    start: &BytesStart<'_>,
    offset: usize,
    parent_scope: Scope,
) -> Result<Node, String> {
    let mut declared = Vec::new();
    let mut raw_attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| format!("bad attribute: {e}"))?;
        let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
        let value = attribute
            .unescape_value()
            .map_err(|e| format!("bad attribute value: {e}"))?
            .into_owned();
        if key == "xmlns" {
            declared.push((String::new(), value));
        } else if let Some(prefix) = key.strip_prefix("xmlns:") {
            declared.push((prefix.to_owned(), value));
        } else {
            let (resolved, local) = reader.resolve_attribute(attribute.key);
            raw_attributes.push((
                namespace_string(&resolved)?,
                String::from_utf8_lossy(local.as_ref()).into_owned(),
                value,
            ));
        }
    }
    let scope = if declared.is_empty() {
        parent_scope
    } else {
        let mut scope = (*parent_scope).clone();
        scope.extend(declared);
        Rc::new(scope)
    };
    let (resolved, local) = reader.resolve_element(start.name());
    Ok(Node {
        ns: namespace_string(&resolved)?,
        local: String::from_utf8_lossy(local.as_ref()).into_owned(),
        attributes: raw_attributes,
        children: Vec::new(),
        text: String::new(),
        offset,
        scope,
    })
}

fn namespace_string(resolved: &ResolveResult<'_>) -> Result<String, String> {
    match resolved {
        ResolveResult::Bound(ns) => Ok(String::from_utf8_lossy(ns.as_ref()).into_owned()),
        ResolveResult::Unbound => Ok(String::new()),
        ResolveResult::Unknown(prefix) => Err(format!(
            "undeclared namespace prefix `{}`",
            String::from_utf8_lossy(prefix)
        )),
    }
}
