//! The shape of an XML document, values left out: what the help-page sample tests compare.

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

/// The document's shape, values left out: one line per element with its depth, its
/// qualified name as written, its namespace, and the namespaces it declares.
pub fn shape(xml: &str) -> Vec<String> {
    let mut reader = NsReader::from_str(xml);
    let mut depth = 0usize;
    let mut lines = Vec::new();
    loop {
        match reader.read_resolved_event().unwrap() {
            (ns, event @ (Event::Start(_) | Event::Empty(_))) => {
                let (Event::Start(e) | Event::Empty(e)) = &event else {
                    unreachable!()
                };
                let ns = match ns {
                    ResolveResult::Bound(n) => String::from_utf8_lossy(n.as_ref()).into_owned(),
                    _ => String::new(),
                };
                let mut declared: Vec<String> = e
                    .attributes()
                    .map(|a| a.unwrap())
                    .filter(|a| a.key.as_ref().starts_with(b"xmlns"))
                    .map(|a| {
                        format!(
                            "{}={}",
                            String::from_utf8_lossy(a.key.as_ref()),
                            String::from_utf8_lossy(&a.value)
                        )
                    })
                    .collect();
                declared.sort();
                lines.push(format!(
                    "{depth} {} {{{ns}}} [{}]",
                    String::from_utf8_lossy(e.name().as_ref()),
                    declared.join(" ")
                ));
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            (_, Event::End(_)) => depth -= 1,
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    lines
}
