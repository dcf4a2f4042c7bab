//! Construct fixture `repeated_sequences.wsdl`: a sequence that repeats inside a type's
//! sequence (`Route`: (stop, arrival?)*), a group reference that repeats (`Settings`:
//! `Entry` 1..3 times) and a repeated sequence as one alternative of a choice (`Either`).
//! Each occurrence is one value of a generated struct, kept in order in a `Vec`; an
//! occurrence starts at its first element. No zeep comparison: zeep 4.3 cannot read these
//! ("Unexpected element note, expected stop" after a repeated sequence; an
//! `AttributeError` on the repeated group).

use integration_tests::constructs::repeated_sequences::{
    Either, EitherChoice, EitherChoiceX, EitherChoiceXSequence, EitherChoiceXSequenceX, Plan,
    Route, RouteSequence, RouteSequenceStop, Settings, SettingsEntry, SettingsEntryEntry,
};
use integration_tests::fixtures::{fixture, read, try_read, write};
use soap_runtime::{DecodeErrorKind, Time};

const PLAN: &str = concat!(
    r#"<Plan xmlns="urn:repeated">"#,
    r#"<route><name>R1</name><stop>A</stop><arrival>08:00:00</arrival><stop>B</stop><stop>C</stop>"#,
    r#"<arrival>09:30:00</arrival><note>late</note></route>"#,
    r#"<settings><key>a</key><value>1</value><key>b</key></settings>"#,
    r#"<points><x>1</x><y>2</y><x>3</x><y>4</y></points>"#,
    r#"<nothing><none>-</none></nothing>"#,
    r#"</Plan>"#,
);

fn stop(name: &str, arrival: Option<&str>) -> RouteSequence {
    RouteSequence::Stop(RouteSequenceStop {
        stop: name.into(),
        arrival: arrival.map(|t| t.parse::<Time>().unwrap()),
    })
}

fn entry(key: &str, value: Option<i32>) -> SettingsEntry {
    SettingsEntry::Entry(SettingsEntryEntry {
        key: key.into(),
        value_: value,
    })
}

fn point(x: i32, y: i32) -> EitherChoiceXSequence {
    EitherChoiceXSequence::X(EitherChoiceXSequenceX { x, y })
}

fn expected() -> Plan {
    Plan {
        route: Route {
            name: "R1".into(),
            sequence: vec![
                stop("A", Some("08:00:00")),
                stop("B", None),
                stop("C", Some("09:30:00")),
            ],
            note: Some("late".into()),
        },
        settings: Settings {
            entry: vec![entry("a", Some(1)), entry("b", None)],
        },
        points: Either {
            choice: EitherChoice::X(EitherChoiceX {
                sequence: vec![point(1, 2), point(3, 4)],
            }),
        },
        nothing: Either {
            choice: EitherChoice::NoneType("-".into()),
        },
    }
}

#[test]
fn repeated_sequences_generated_code() {
    let source = soap_codegen::Generator::new()
        .generate(fixture("repeated_sequences.wsdl"))
        .unwrap();
    insta::assert_snapshot!("repeated_sequences_generated", source);
}

#[test]
fn each_occurrence_reads_as_one_value_in_order_and_writes_back_unchanged() {
    let plan: Plan = read(PLAN);
    assert_eq!(plan, expected());
    assert_eq!(write("urn:repeated", "Plan", &plan), PLAN);
}

#[test]
fn without_occurrences_an_optional_repeated_sequence_is_empty() {
    let xml = concat!(
        r#"<Plan xmlns="urn:repeated"><route><name>R2</name></route>"#,
        r#"<settings><key>k</key></settings><points><none>n</none></points>"#,
        r#"<nothing><none>-</none></nothing></Plan>"#,
    );
    let plan: Plan = read(xml);
    assert!(plan.route.sequence.is_empty());
    assert_eq!(plan.route.note, None);
    assert_eq!(plan.settings.entry, [entry("k", None)]);
    assert_eq!(write("urn:repeated", "Plan", &plan), xml);
}

#[test]
fn an_occurrence_without_a_required_child_is_a_missing_element_error() {
    // The second occurrence of (stop, arrival?) has an arrival but no stop.
    let xml = concat!(
        r#"<Plan xmlns="urn:repeated"><route><name>R3</name><stop>A</stop><arrival>08:00:00</arrival>"#,
        r#"<arrival>09:00:00</arrival></route>"#,
        r#"<settings><key>k</key></settings><points><none>n</none></points>"#,
        r#"<nothing><none>-</none></nothing></Plan>"#,
    );
    let error = try_read::<Plan>(xml).unwrap_err();
    assert!(
        matches!(&error.kind, DecodeErrorKind::MissingElement { name } if name == "stop"),
        "{error}"
    );
    assert!(error.to_string().contains("route"), "{error}");
    // In a choice's alternative: (x, y) with y left out.
    let xml = concat!(
        r#"<Plan xmlns="urn:repeated"><route><name>R4</name></route>"#,
        r#"<settings><key>k</key></settings><points><none>n</none></points>"#,
        r#"<nothing><x>1</x></nothing></Plan>"#,
    );
    let error = try_read::<Plan>(xml).unwrap_err();
    assert!(
        matches!(&error.kind, DecodeErrorKind::MissingElement { name } if name == "y"),
        "{error}"
    );
    assert!(error.to_string().contains("nothing"), "{error}");
}

#[test]
fn a_child_that_came_already_begins_the_next_occurrence() {
    // No `stop` repeats inside an occurrence: the second one begins the next.
    let xml = concat!(
        r#"<Plan xmlns="urn:repeated"><route><name>R5</name><stop>A</stop><stop>B</stop></route>"#,
        r#"<settings><key>a</key><key>b</key><value>2</value></settings><points><none>n</none></points>"#,
        r#"<nothing><none>-</none></nothing></Plan>"#,
    );
    let plan: Plan = read(xml);
    assert_eq!(plan.route.sequence, [stop("A", None), stop("B", None)]);
    assert_eq!(plan.settings.entry, [entry("a", None), entry("b", Some(2))]);
}
