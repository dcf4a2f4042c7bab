//! Construct fixture `choice_mixed.wsdl`: `xsd:choice` among any mix of elements,
//! `xsd:any`, sequences, model group references and nested choices — each alternative an
//! enum variant, a sequence or group one holding a generated struct. A snapshot of the
//! generated code, a round trip of example XML, and python-zeep reading what we write.

use integration_tests::constructs::choice_mixed::{
    Contact, ContactChoice, Criterion, CriterionChoice, CriterionChoiceFrom, CriterionChoiceSpan,
    Filter, FilterChoice, Lookup, Remark, RemarkChoice, Steps, StepsChoice, StepsChoiceKey,
};
use integration_tests::fixtures::{fixture, read, try_read, write, zeep_rewrite};
use soap_runtime::{DecodeErrorKind, RawXml};

fn criterion(choice: CriterionChoice) -> Criterion {
    Criterion { choice }
}

fn key(key: &str, value: Option<&str>) -> StepsChoice {
    StepsChoice::Key(StepsChoiceKey {
        key: key.into(),
        value_: value.map(Into::into),
    })
}

/// The value of `choice_mixed.xml`; without the `xsd:any` parts when `with_any` is false.
fn expected(with_any: bool) -> Lookup {
    let mut criteria = vec![
        criterion(CriterionChoice::Id(7)),
        criterion(CriterionChoice::From(CriterionChoiceFrom {
            from: "2026-01-01".into(),
            to: "2026-01-31".into(),
        })),
        criterion(CriterionChoice::Span(CriterionChoiceSpan {
            first: 3,
            last: None,
        })),
        criterion(CriterionChoice::Span(CriterionChoiceSpan {
            first: 4,
            last: Some(9),
        })),
        criterion(CriterionChoice::Phone("555".into())),
    ];
    if with_any {
        criteria.push(criterion(CriterionChoice::Any(RawXml(
            r#"<o:tag xmlns:o="urn:other">x</o:tag>"#.into(),
        ))));
    }
    Lookup {
        criterion: criteria,
        steps: Steps {
            choice: vec![
                key("a", Some("1")),
                key("b", None),
                StepsChoice::Marker("m".into()),
                key("c", Some("3")),
            ],
        },
        filter: with_any.then(|| Filter {
            choice: FilterChoice::Any(vec![
                RawXml(r#"<q:where xmlns:q="urn:query"><q:eq>1</q:eq></q:where>"#.into()),
                RawXml(r#"<q:order xmlns:q="urn:query"/>"#.into()),
            ]),
        }),
    }
}

fn example() -> String {
    std::fs::read_to_string(fixture("choice_mixed.xml"))
        .unwrap()
        .trim_end()
        .to_owned()
}

#[test]
fn choice_mixed_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .generate(fixture("choice_mixed.wsdl"))
        .unwrap();
    insta::assert_snapshot!("choice_mixed_generated", source);
}

#[test]
fn every_kind_of_alternative_reads_as_its_variant() {
    assert_eq!(read::<Lookup>(&example()), expected(true));
}

#[test]
fn every_kind_of_alternative_writes_what_it_reads() {
    let written = write("urn:choice-mixed", "Lookup", &expected(true));
    assert_eq!(written, example());
    assert_eq!(read::<Lookup>(&written), expected(true));
}

#[test]
fn a_repeated_choice_starts_a_new_sequence_at_its_first_element() {
    let xml = r#"<steps xmlns="urn:choice-mixed"><key>a</key><key>b</key><value>2</value><marker>m</marker></steps>"#;
    let steps: Steps = read(xml);
    assert_eq!(
        steps.choice,
        vec![
            key("a", None),
            key("b", Some("2")),
            StepsChoice::Marker("m".into())
        ]
    );
}

#[test]
fn a_sequence_item_without_its_required_first_element_is_a_located_error() {
    // `value` with no `key` before it opens an item of (key, value?) that lacks `key`.
    let xml = r#"<steps xmlns="urn:choice-mixed"><key>a</key><marker>m</marker><value>lone</value></steps>"#;
    let error = try_read::<Steps>(xml).unwrap_err();
    assert!(
        matches!(&error.kind, DecodeErrorKind::MissingElement { name } if name == "key"),
        "{error}"
    );
    assert_eq!(error.path, "/steps");
}

#[test]
fn a_required_choice_left_out_is_a_located_error() {
    let error = try_read::<Criterion>(r#"<criterion xmlns="urn:choice-mixed"/>"#).unwrap_err();
    assert!(
        matches!(&error.kind, DecodeErrorKind::MissingElement { name } if name.starts_with("id | (from, to)")),
        "{error}"
    );
}

#[test]
fn a_choice_with_an_alternative_that_may_be_empty_may_be_left_out() {
    // An optional nested choice among the alternatives.
    let empty = r#"<contact xmlns="urn:choice-mixed" />"#;
    assert_eq!(read::<Contact>(empty), Contact { choice: None });
    assert_eq!(
        write("urn:choice-mixed", "contact", &Contact { choice: None }),
        empty
    );
    let phone = r#"<contact xmlns="urn:choice-mixed"><phone>555</phone></contact>"#;
    let contact = Contact {
        choice: Some(ContactChoice::Phone("555".into())),
    };
    assert_eq!(read::<Contact>(phone), contact);
    assert_eq!(write("urn:choice-mixed", "contact", &contact), phone);
    // An optional element among the alternatives.
    let empty = r#"<remark xmlns="urn:choice-mixed"/>"#;
    assert_eq!(read::<Remark>(empty), Remark { choice: None });
    let code = r#"<remark xmlns="urn:choice-mixed"><code>4</code></remark>"#;
    assert_eq!(
        read::<Remark>(code),
        Remark {
            choice: Some(RemarkChoice::Code(4))
        }
    );
}

#[test]
fn choice_json_names_variants() {
    let json = serde_json::to_value(expected(false)).unwrap();
    assert_eq!(
        json["criterion"][0],
        serde_json::json!({"choice": {"id": 7}})
    );
    assert_eq!(
        json["criterion"][1]["choice"]["From"],
        serde_json::json!({"from": "2026-01-01", "to": "2026-01-31"})
    );
    let back: Lookup = serde_json::from_value(json).unwrap();
    assert_eq!(back, expected(false));
}

/// zeep reads what we write and writes it back unchanged. Without the `xsd:any`
/// alternatives: zeep 4.3 cannot write back an `xsd:any` alternative it read ("See
/// http://docs.python-zeep.org/en/master/datastructures.html#any-objects"), and fails
/// reading a choice whose only particle is a repeated `xsd:any` ("ValueError: need more
/// than 1 value to unpack"); those are covered by the round trip above.
#[test]
fn zeep_rereads_what_we_write() {
    let written = write("urn:choice-mixed", "Lookup", &expected(false));
    assert_eq!(
        zeep_rewrite("choice_mixed.wsdl", &written),
        Ok(None),
        "{written}"
    );
}
