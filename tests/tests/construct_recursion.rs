//! Construct fixture `substitution_recursion.wsdl`: types derived from an abstract type
//! hold the abstract head of a substitution group again (`not` holds one `expr`, `maybe`
//! an optional one, `and` a list), so the head's choice enum contains itself. The
//! generated code compiles (the module denies warnings), boxes the recursive fields, and
//! reads and writes nested expressions. Each enum defaults to a variant that does not
//! contain it again (a default of `Not` must not build `Not` forever).

use integration_tests::constructs::substitution_recursion::{
    And, AndExpr, Maybe, MaybeExpr, Not, NotExpr, Search, SearchExpr, Term,
};
use integration_tests::fixtures::{fixture, read, write, zeep_rewrite};

fn term(word: &str) -> Term {
    Term { word: word.into() }
}

fn expected() -> Search {
    Search {
        expr: SearchExpr::And(And {
            expr: vec![
                AndExpr::Not(Not {
                    expr: Box::new(NotExpr::Term(term("spam"))),
                }),
                AndExpr::Maybe(Maybe {
                    expr: Some(Box::new(MaybeExpr::Maybe(Maybe { expr: None }))),
                }),
                AndExpr::Term(term("soap")),
            ],
        }),
        limit: Some(10),
    }
}

fn example() -> String {
    std::fs::read_to_string(fixture("substitution_recursion.xml"))
        .unwrap()
        .trim_end()
        .to_owned()
}

#[test]
fn substitution_recursion_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .generate(fixture("substitution_recursion.wsdl"))
        .unwrap();
    // The fields through which the head's enum contains itself are boxed.
    assert!(source.contains("pub expr: Box<NotExpr>,"), "{source}");
    assert!(
        source.contains("pub expr: Option<Box<MaybeExpr>>,"),
        "{source}"
    );
    insta::assert_snapshot!("substitution_recursion_generated", source);
}

#[test]
fn nested_members_read_through_their_boxes() {
    assert_eq!(read::<Search>(&example()), expected());
}

#[test]
fn nested_members_write_what_they_read() {
    let written = write("urn:search", "Search", &expected());
    assert_eq!(written, example());
}

#[test]
fn a_deep_chain_of_members_reads_and_writes() {
    // Below the reader's default depth limit (64).
    let depth = 30;
    let xml = format!(
        r#"<Search xmlns="urn:search">{}<term><word>w</word></term>{}</Search>"#,
        "<not>".repeat(depth),
        "</not>".repeat(depth)
    );
    let search: Search = read(&xml);
    let SearchExpr::Not(first) = &search.expr else {
        panic!("{:?}", search.expr)
    };
    // Below the first level the enum is `NotExpr`.
    let mut seen = 1;
    let mut inner = &*first.expr;
    while let NotExpr::Not(next) = inner {
        seen += 1;
        inner = &next.expr;
    }
    assert!(
        matches!(inner, NotExpr::Term(t) if t.word == "w"),
        "{inner:?}"
    );
    assert_eq!(seen, depth);
    assert_eq!(write("urn:search", "Search", &search), xml);
}

/// zeep does not know substitution groups: it expects the head's own name (with
/// `xsi:type`) and refuses a member's. Asserted, so that a zeep that learns them makes
/// this test ask for a real comparison.
#[test]
fn zeep_refuses_substitution_group_members() {
    let written = write("urn:search", "Search", &expected());
    let refused = zeep_rewrite("substitution_recursion.wsdl", &written).unwrap_err();
    assert!(
        refused.contains("Unexpected element '{urn:search}and', expected '{urn:search}expr'"),
        "{refused}"
    );
}

#[test]
fn recursive_enums_default_to_a_variant_that_ends() {
    // `Not` comes first, but holds `expr` again: the default is the first that ends.
    assert_eq!(NotExpr::default(), NotExpr::And(And::default()));
    assert_eq!(
        Not::default(),
        Not {
            expr: Box::new(NotExpr::And(And { expr: vec![] }))
        }
    );
}
