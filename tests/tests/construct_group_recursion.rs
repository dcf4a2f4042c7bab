//! Construct fixture `group_recursion.wsdl`: a model group declaring an element whose
//! anonymous type holds the group again (`Tree`), and two groups that recurse into each
//! other that way (`Section`, `Body`). Each such anonymous type becomes one named,
//! recursive type; the generated code compiles (warnings denied) and reads and writes
//! nested levels.

use integration_tests::constructs::group_recursion::{
    BodySection, Outline, SectionPart, SectionPartChoice, TreeChild,
};
use integration_tests::fixtures::{fixture, read, write};

fn leaf(label: &str) -> TreeChild {
    TreeChild {
        label: label.into(),
        child_: Vec::new(),
    }
}

const OUTLINE: &str = concat!(
    r#"<Outline xmlns="urn:group-recursion"><label>root</label>"#,
    r#"<child><label>a</label><child><label>a1</label></child><child><label>a2</label></child></child>"#,
    r#"<child><label>b</label></child>"#,
    r#"<title>Intro</title><part><section><title>Scope</title><part><text>All of it.</text></part></section></part>"#,
    r#"</Outline>"#,
);

fn expected() -> Outline {
    Outline {
        label: "root".into(),
        child_: vec![
            TreeChild {
                label: "a".into(),
                child_: vec![leaf("a1"), leaf("a2")],
            },
            leaf("b"),
        ],
        title: "Intro".into(),
        part: Some(SectionPart {
            choice: Box::new(SectionPartChoice::Section(BodySection {
                title: "Scope".into(),
                part: Some(Box::new(SectionPart {
                    choice: Box::new(SectionPartChoice::Text("All of it.".into())),
                })),
            })),
        }),
    }
}

#[test]
fn group_recursion_generated_code() {
    let source = soap_codegen::Generator::new()
        .generate(fixture("group_recursion.wsdl"))
        .unwrap();
    insta::assert_snapshot!("group_recursion_generated", source);
}

#[test]
fn nested_levels_read_and_write_back_unchanged() {
    let outline: Outline = read(OUTLINE);
    assert_eq!(outline, expected());
    assert_eq!(write("urn:group-recursion", "Outline", &outline), OUTLINE);
}
