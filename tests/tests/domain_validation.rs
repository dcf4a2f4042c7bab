//! The issuing rules of `paynow_einvoice::domain`, table-driven: each rule with values that
//! pass and values that fail, asserting exactly which field paths and rules are reported.

use paynow_einvoice::domain::{
    Buyer, Carrier, CsvBatch, Customs, Decimal, Delivery, Invoice, Item, Rule, TaxType, Ubn,
    UbnError, ValidationError,
};

fn dec(text: &str) -> Decimal {
    text.parse().expect("a decimal literal")
}

fn item(description: &str, quantity: &str, unit_price: &str, amount: &str) -> Item {
    Item {
        description: description.into(),
        quantity: dec(quantity),
        unit_price: dec(unit_price),
        amount: dec(amount),
        tax_type: TaxType::Taxable,
    }
}

/// A valid consumer invoice on a mobile barcode, every optional field given.
fn base() -> Invoice {
    Invoice {
        order_no: "ORD-20261121-001".into(),
        buyer: Buyer::Consumer {
            name: "王小明".into(),
        },
        delivery: Delivery::Carrier(Carrier::MobileBarcode {
            code: "/ABC1234".into(),
        }),
        phone: Some("0912345678".into()),
        email: Some("ming@example.com.tw".into()),
        items: vec![
            item("咖啡豆 1kg", "2", "400", "800"),
            item("濾紙", "1", "60", "60"),
        ],
        remark: Some("4242".into()),
    }
}

fn business(invoice: &mut Invoice, ubn: &str) {
    invoice.buyer = Buyer::Business {
        ubn: ubn.into(),
        name: "立吉富測試股份有限公司".into(),
    };
}

fn carrier(invoice: &mut Invoice, carrier: Carrier) {
    invoice.delivery = Delivery::Carrier(carrier);
}

fn mobile(code: &str) -> Carrier {
    Carrier::MobileBarcode { code: code.into() }
}

fn citizen(code: &str) -> Carrier {
    Carrier::CitizenCertificate { code: code.into() }
}

fn easy_card(hidden_code: &str) -> Carrier {
    Carrier::EasyCard {
        hidden_code: hidden_code.into(),
    }
}

fn donate(invoice: &mut Invoice, love_code: &str) {
    invoice.delivery = Delivery::Donation {
        love_code: love_code.into(),
    };
}

fn paper(invoice: &mut Invoice, address: &str) {
    invoice.delivery = Delivery::Paper {
        address: address.into(),
    };
}

/// What `validate` reported, as (field path, rule) pairs in order.
fn reported(invoice: &Invoice) -> Vec<(String, Rule)> {
    match invoice.validate() {
        Ok(()) => Vec::new(),
        Err(error) => error
            .problems()
            .iter()
            .map(|problem| (problem.field.clone(), problem.rule))
            .collect(),
    }
}

type Edit = fn(&mut Invoice);

struct Case {
    name: &'static str,
    edit: Edit,
    expected: &'static [(&'static str, Rule)],
}

const fn case(name: &'static str, edit: Edit, expected: &'static [(&'static str, Rule)]) -> Case {
    Case {
        name,
        edit,
        expected,
    }
}

fn run(cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        let mut invoice = base();
        (case.edit)(&mut invoice);
        let got = reported(&invoice);
        let expected: Vec<(String, Rule)> = case
            .expected
            .iter()
            .map(|&(field, rule)| (field.to_owned(), rule))
            .collect();
        if got != expected {
            failures.push(format!("{}: expected {expected:?}, got {got:?}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

const OK: &[(&str, Rule)] = &[];

#[test]
fn the_base_invoice_is_valid() {
    assert_eq!(base().validate(), Ok(()));
}

#[test]
fn order_number() {
    run(&[
        case("one character", |i| i.order_no = "A".into(), OK),
        case("30 characters", |i| i.order_no = "9".repeat(30), OK),
        case("30 CJK characters", |i| i.order_no = "訂".repeat(30), OK),
        case(
            "underscores and dashes",
            |i| i.order_no = "ORD_2026-11_21".into(),
            OK,
        ),
        case(
            "empty",
            |i| i.order_no = String::new(),
            &[("order_no", Rule::Required)],
        ),
        case(
            "only spaces",
            |i| i.order_no = "   ".into(),
            &[("order_no", Rule::Required)],
        ),
        case(
            "31 characters",
            |i| i.order_no = "9".repeat(31),
            &[("order_no", Rule::TooLong)],
        ),
        case(
            "comma",
            |i| i.order_no = "A,1".into(),
            &[("order_no", Rule::CsvUnsafe)],
        ),
        case(
            "quote",
            |i| i.order_no = "A'1".into(),
            &[("order_no", Rule::CsvUnsafe)],
        ),
        case(
            "line feed",
            |i| i.order_no = "A\n1".into(),
            &[("order_no", Rule::CsvUnsafe)],
        ),
        case(
            "carriage return",
            |i| i.order_no = "A1\r".into(),
            &[("order_no", Rule::CsvUnsafe)],
        ),
        case(
            "31 characters and a comma",
            |i| i.order_no = format!("{},", "9".repeat(30)),
            &[("order_no", Rule::CsvUnsafe), ("order_no", Rule::TooLong)],
        ),
    ]);
}

#[test]
fn buyer_name() {
    run(&[
        case(
            "50 CJK characters",
            |i| {
                i.buyer = Buyer::Consumer {
                    name: "王".repeat(50),
                }
            },
            OK,
        ),
        case(
            "51 characters",
            |i| {
                i.buyer = Buyer::Consumer {
                    name: "王".repeat(51),
                }
            },
            &[("buyer.name", Rule::TooLong)],
        ),
        case(
            "empty",
            |i| {
                i.buyer = Buyer::Consumer {
                    name: String::new(),
                }
            },
            &[("buyer.name", Rule::Required)],
        ),
        case(
            "blank",
            |i| i.buyer = Buyer::Consumer { name: " \t".into() },
            &[("buyer.name", Rule::Required)],
        ),
        case(
            "comma",
            |i| {
                i.buyer = Buyer::Consumer {
                    name: "王,小明".into(),
                }
            },
            &[("buyer.name", Rule::CsvUnsafe)],
        ),
        case(
            "only a line feed",
            |i| i.buyer = Buyer::Consumer { name: "\n".into() },
            &[("buyer.name", Rule::CsvUnsafe)],
        ),
        case(
            "full-width comma is fine",
            |i| {
                i.buyer = Buyer::Consumer {
                    name: "王，小明".into(),
                }
            },
            OK,
        ),
        case(
            "a business name too",
            |i| {
                i.buyer = Buyer::Business {
                    ubn: "22099131".into(),
                    name: "立".repeat(51),
                }
            },
            &[("buyer.name", Rule::TooLong)],
        ),
        case(
            "an emoji counts two",
            |i| {
                i.buyer = Buyer::Consumer {
                    name: format!("{}🍵", "王".repeat(49)),
                }
            },
            &[("buyer.name", Rule::TooLong)],
        ),
    ]);
}

#[test]
fn business_number_reference_vectors() {
    run(&[
        case("22099131", |i| business(i, "22099131"), OK),
        case("47217677", |i| business(i, "47217677"), OK),
        case("22822281", |i| business(i, "22822281"), OK),
        case("10458570 (2023 rule only)", |i| business(i, "10458570"), OK),
        case("12345675", |i| business(i, "12345675"), OK),
        case("10458574", |i| business(i, "10458574"), OK),
        case(
            "22822280",
            |i| business(i, "22822280"),
            &[("buyer.ubn", Rule::Checksum)],
        ),
        case(
            "47217977",
            |i| business(i, "47217977"),
            &[("buyer.ubn", Rule::Checksum)],
        ),
        case(
            "11099131",
            |i| business(i, "11099131"),
            &[("buyer.ubn", Rule::Checksum)],
        ),
        case(
            "seven digits",
            |i| business(i, "2209913"),
            &[("buyer.ubn", Rule::Format)],
        ),
        case(
            "nine digits",
            |i| business(i, "220991311"),
            &[("buyer.ubn", Rule::Format)],
        ),
        case(
            "a letter",
            |i| business(i, "2209913A"),
            &[("buyer.ubn", Rule::Format)],
        ),
        case(
            "full-width digits",
            |i| business(i, "２２０９９１３１"),
            &[("buyer.ubn", Rule::Format)],
        ),
        case(
            "empty",
            |i| business(i, ""),
            &[("buyer.ubn", Rule::Required)],
        ),
        case(
            "comma",
            |i| business(i, "2209,131"),
            &[("buyer.ubn", Rule::CsvUnsafe)],
        ),
    ]);
}

#[test]
fn business_number_type() {
    for valid in [
        "22099131", "47217677", "22822281", "10458570", "12345675", "10458574",
    ] {
        assert_eq!(
            Ubn::parse(valid).map(|ubn| ubn.to_string()),
            Ok(valid.to_owned())
        );
    }
    for invalid in ["22822280", "47217977", "11099131"] {
        assert_eq!(Ubn::parse(invalid), Err(UbnError::Checksum), "{invalid}");
    }
    assert_eq!(Ubn::parse("2209913"), Err(UbnError::Format));
}

#[test]
fn paper_address() {
    run(&[
        case(
            "an address",
            |i| paper(i, "臺北市中正區重慶南路一段122號"),
            OK,
        ),
        case("100 characters", |i| paper(i, &"路".repeat(100)), OK),
        case(
            "101 characters",
            |i| paper(i, &"路".repeat(101)),
            &[("delivery.paper.address", Rule::TooLong)],
        ),
        case(
            "empty",
            |i| paper(i, ""),
            &[("delivery.paper.address", Rule::Required)],
        ),
        case(
            "BRING prefix",
            |i| paper(i, "BRING臺北市"),
            &[("delivery.paper.address", Rule::NotAllowed)],
        ),
        case(
            "bring prefix",
            |i| paper(i, "bring 臺北市"),
            &[("delivery.paper.address", Rule::NotAllowed)],
        ),
        case("BRING inside is fine", |i| paper(i, "臺北市BRING路1號"), OK),
        case(
            "CRLF",
            |i| paper(i, "臺北市\r\n中正區"),
            &[("delivery.paper.address", Rule::CsvUnsafe)],
        ),
        case(
            "a comma and too long",
            |i| paper(i, &format!("臺北市,{}", "路".repeat(100))),
            &[
                ("delivery.paper.address", Rule::CsvUnsafe),
                ("delivery.paper.address", Rule::TooLong),
            ],
        ),
    ]);
}

#[test]
fn phone() {
    run(&[
        case("none", |i| i.phone = None, OK),
        case(
            "09 and eight digits",
            |i| i.phone = Some("0987654321".into()),
            OK,
        ),
        case(
            "landline",
            |i| i.phone = Some("0212345678".into()),
            &[("phone", Rule::Format)],
        ),
        case(
            "nine digits",
            |i| i.phone = Some("091234567".into()),
            &[("phone", Rule::Format)],
        ),
        case(
            "eleven digits",
            |i| i.phone = Some("09123456789".into()),
            &[("phone", Rule::Format)],
        ),
        case(
            "dashes",
            |i| i.phone = Some("0912-345-678".into()),
            &[("phone", Rule::Format)],
        ),
        case(
            "international",
            |i| i.phone = Some("+886912345678".into()),
            &[("phone", Rule::Format)],
        ),
        case(
            "empty",
            |i| i.phone = Some(String::new()),
            &[("phone", Rule::Format)],
        ),
        case(
            "comma",
            |i| i.phone = Some("0912,45678".into()),
            &[("phone", Rule::CsvUnsafe)],
        ),
    ]);
}

#[test]
fn email() {
    run(&[
        case("none, with a carrier", |i| i.email = None, OK),
        case(
            "80 characters",
            |i| i.email = Some(format!("{}@example.tw", "a".repeat(69))),
            OK,
        ),
        case(
            "plus and subdomain",
            |i| i.email = Some("ming+shop@mail.example.com.tw".into()),
            OK,
        ),
        case(
            "81 characters",
            |i| i.email = Some(format!("{}@example.tw", "a".repeat(70))),
            &[("email", Rule::TooLong)],
        ),
        case(
            "no @",
            |i| i.email = Some("ming.example.com".into()),
            &[("email", Rule::Format)],
        ),
        case(
            "two @",
            |i| i.email = Some("ming@@example.com".into()),
            &[("email", Rule::Format)],
        ),
        case(
            "no dot in the domain",
            |i| i.email = Some("ming@localhost".into()),
            &[("email", Rule::Format)],
        ),
        case(
            "empty label",
            |i| i.email = Some("ming@example..tw".into()),
            &[("email", Rule::Format)],
        ),
        case(
            "no local part",
            |i| i.email = Some("@example.com".into()),
            &[("email", Rule::Format)],
        ),
        case(
            "a space",
            |i| i.email = Some("ming wang@example.com".into()),
            &[("email", Rule::Format)],
        ),
        case(
            "empty",
            |i| i.email = Some(String::new()),
            &[("email", Rule::Format)],
        ),
        case(
            "an apostrophe is CSV-unsafe",
            |i| i.email = Some("o'neil@example.com".into()),
            &[("email", Rule::CsvUnsafe)],
        ),
        case(
            "too long and implausible",
            |i| i.email = Some("a".repeat(81)),
            &[("email", Rule::TooLong), ("email", Rule::Format)],
        ),
    ]);
}

#[test]
fn carriers() {
    run(&[
        case("mobile barcode", |i| carrier(i, mobile("/ABC1234")), OK),
        case(
            "mobile barcode with . + -",
            |i| carrier(i, mobile("/A.+-0Z9")),
            OK,
        ),
        case(
            "mobile barcode lowercase",
            |i| carrier(i, mobile("/abc1234")),
            &[("delivery.carrier.code", Rule::Format)],
        ),
        case(
            "mobile barcode no slash",
            |i| carrier(i, mobile("ABC12345")),
            &[("delivery.carrier.code", Rule::Format)],
        ),
        case(
            "mobile barcode six",
            |i| carrier(i, mobile("/ABC123")),
            &[("delivery.carrier.code", Rule::Format)],
        ),
        case(
            "mobile barcode eight",
            |i| carrier(i, mobile("/ABC12345")),
            &[("delivery.carrier.code", Rule::Format)],
        ),
        case(
            "mobile barcode other symbol",
            |i| carrier(i, mobile("/ABC*123")),
            &[("delivery.carrier.code", Rule::Format)],
        ),
        case(
            "mobile barcode empty",
            |i| carrier(i, mobile("")),
            &[("delivery.carrier.code", Rule::Required)],
        ),
        case(
            "mobile barcode comma",
            |i| carrier(i, mobile("/AB,1234")),
            &[("delivery.carrier.code", Rule::CsvUnsafe)],
        ),
        case(
            "citizen certificate",
            |i| carrier(i, citizen("AB12345678901234")),
            OK,
        ),
        case(
            "citizen lowercase",
            |i| carrier(i, citizen("ab12345678901234")),
            &[("delivery.carrier.code", Rule::Format)],
        ),
        case(
            "citizen one letter",
            |i| carrier(i, citizen("A123456789012345")),
            &[("delivery.carrier.code", Rule::Format)],
        ),
        case(
            "citizen 13 digits",
            |i| carrier(i, citizen("AB1234567890123")),
            &[("delivery.carrier.code", Rule::Format)],
        ),
        case(
            "citizen empty",
            |i| carrier(i, citizen("")),
            &[("delivery.carrier.code", Rule::Required)],
        ),
        case("EasyCard", |i| carrier(i, easy_card("123456789")), OK),
        case(
            "EasyCard eight",
            |i| carrier(i, easy_card("12345678")),
            &[("delivery.carrier.hidden_code", Rule::Format)],
        ),
        case(
            "EasyCard ten",
            |i| carrier(i, easy_card("1234567890")),
            &[("delivery.carrier.hidden_code", Rule::Format)],
        ),
        case(
            "EasyCard letter",
            |i| carrier(i, easy_card("12345678X")),
            &[("delivery.carrier.hidden_code", Rule::Format)],
        ),
        case(
            "EasyCard quote",
            |i| carrier(i, easy_card("'12345678")),
            &[("delivery.carrier.hidden_code", Rule::CsvUnsafe)],
        ),
    ]);
}

#[test]
fn business_buyers() {
    run(&[
        case("mobile barcode", |i| business(i, "22099131"), OK),
        case(
            "citizen certificate",
            |i| {
                business(i, "22099131");
                carrier(i, citizen("AB12345678901234"));
            },
            &[("delivery.carrier", Rule::NotAllowed)],
        ),
        case(
            "EasyCard",
            |i| {
                business(i, "22099131");
                carrier(i, easy_card("123456789"));
            },
            &[("delivery.carrier", Rule::NotAllowed)],
        ),
        case(
            "a bad EasyCard code is reported too",
            |i| {
                business(i, "22099131");
                carrier(i, easy_card("1"));
            },
            &[
                ("delivery.carrier", Rule::NotAllowed),
                ("delivery.carrier.hidden_code", Rule::Format),
            ],
        ),
        case(
            "donation",
            |i| {
                business(i, "22099131");
                donate(i, "168");
            },
            &[("delivery.donation", Rule::NotAllowed)],
        ),
        case(
            "paper",
            |i| {
                business(i, "22099131");
                paper(i, "臺北市中正區重慶南路一段122號");
            },
            OK,
        ),
        case(
            "e-mail only",
            |i| {
                business(i, "22099131");
                i.delivery = Delivery::None;
            },
            OK,
        ),
    ]);
}

#[test]
fn donation_and_email_only() {
    run(&[
        case("three digits", |i| donate(i, "168"), OK),
        case("seven digits", |i| donate(i, "1234567"), OK),
        case(
            "two digits",
            |i| donate(i, "12"),
            &[("delivery.donation.love_code", Rule::Format)],
        ),
        case(
            "eight digits (MOF says 3 to 7)",
            |i| donate(i, "12345678"),
            &[("delivery.donation.love_code", Rule::Format)],
        ),
        case(
            "a letter",
            |i| donate(i, "16A"),
            &[("delivery.donation.love_code", Rule::Format)],
        ),
        case(
            "empty",
            |i| donate(i, ""),
            &[("delivery.donation.love_code", Rule::Required)],
        ),
        case(
            "line feed",
            |i| donate(i, "168\n"),
            &[("delivery.donation.love_code", Rule::CsvUnsafe)],
        ),
        case("e-mail only", |i| i.delivery = Delivery::None, OK),
        case(
            "e-mail only without an e-mail",
            |i| {
                i.delivery = Delivery::None;
                i.email = None;
            },
            &[("email", Rule::Required)],
        ),
    ]);
}

#[test]
fn items() {
    run(&[
        case("one item", |i| i.items.truncate(1), OK),
        case("no item", |i| i.items.clear(), &[("items", Rule::Required)]),
        case(
            "200 characters",
            |i| i.items[1].description = "濾".repeat(200),
            OK,
        ),
        case(
            "201 characters",
            |i| i.items[1].description = "濾".repeat(201),
            &[("items[1].description", Rule::TooLong)],
        ),
        case(
            "empty description",
            |i| i.items[0].description = String::new(),
            &[("items[0].description", Rule::Required)],
        ),
        case(
            "comma",
            |i| i.items[1].description = "濾紙,100入".into(),
            &[("items[1].description", Rule::CsvUnsafe)],
        ),
        case(
            "line feed",
            |i| i.items[1].description = "濾紙\n100入".into(),
            &[("items[1].description", Rule::CsvUnsafe)],
        ),
        case(
            "fractional quantity",
            |i| i.items[1] = item("散裝咖啡豆", "1.5", "33.3", "49.95"),
            OK,
        ),
        case(
            "trailing zeros",
            |i| i.items[1] = item("濾紙", "1.000", "60", "60.00"),
            OK,
        ),
        case(
            "zero quantity",
            |i| i.items[1] = item("濾紙", "0", "60", "0"),
            &[("items[1].quantity", Rule::NotPositive)],
        ),
        case(
            "negative quantity",
            |i| i.items[1] = item("濾紙", "-1", "60", "-60"),
            &[("items[1].quantity", Rule::NotPositive)],
        ),
        case(
            "amount off by one",
            |i| i.items[0].amount = dec("801"),
            &[("items[0].amount", Rule::AmountMismatch)],
        ),
        case(
            "amount off by a cent",
            |i| i.items[1] = item("散裝咖啡豆", "1.5", "33.3", "49.94"),
            &[("items[1].amount", Rule::AmountMismatch)],
        ),
        case(
            "zero quantity with the old amount",
            |i| i.items[0].quantity = Decimal::ZERO,
            &[
                ("items[0].quantity", Rule::NotPositive),
                ("items[0].amount", Rule::AmountMismatch),
            ],
        ),
        case(
            "zero-rate, not through customs",
            |i| {
                i.items[0].tax_type = TaxType::ZeroRate {
                    customs: Customs::NotThroughCustoms,
                }
            },
            OK,
        ),
        case(
            "zero-rate, through customs",
            |i| {
                i.items[0].tax_type = TaxType::ZeroRate {
                    customs: Customs::ThroughCustoms,
                }
            },
            OK,
        ),
        case("tax-free", |i| i.items[1].tax_type = TaxType::TaxFree, OK),
    ]);
}

#[test]
fn remark() {
    run(&[
        case("none", |i| i.remark = None, OK),
        case("empty", |i| i.remark = Some(String::new()), OK),
        case("25 characters", |i| i.remark = Some("備".repeat(25)), OK),
        case(
            "26 characters",
            |i| i.remark = Some("備".repeat(26)),
            &[("remark", Rule::TooLong)],
        ),
        case(
            "quote",
            |i| i.remark = Some("card '4242".into()),
            &[("remark", Rule::CsvUnsafe)],
        ),
    ]);
}

/// A zero-rated line without its customs mark cannot even be built: the type requires it,
/// and JSON without it does not deserialize.
#[test]
fn zero_rate_needs_a_customs_mark() {
    let line = r#"{"description":"出口","quantity":"1","unit_price":"1","amount":"1","tax_type":{"type":"zero_rate"}}"#;
    let error = serde_json::from_str::<Item>(line).unwrap_err();
    assert!(error.to_string().contains("customs"), "{error}");
    let line = line.replace(
        r#""zero_rate""#,
        r#""zero_rate","customs":"through_customs""#,
    );
    let item: Item = serde_json::from_str(&line).unwrap();
    assert_eq!(
        item.tax_type,
        TaxType::ZeroRate {
            customs: Customs::ThroughCustoms
        }
    );
}

/// Amounts are decimals in JSON strings; a JSON float is refused rather than rounded.
#[test]
fn numbers_are_never_floats() {
    let line = r#"{"description":"豆","quantity":0.1,"unit_price":"3","amount":"0.3","tax_type":{"type":"taxable"}}"#;
    assert!(serde_json::from_str::<Item>(line).is_err());
}

/// Every CSV-breaking character in every free-text field, each reported, none stripped.
#[test]
fn csv_breaking_characters_in_every_field() {
    for character in [',', '\'', '\n', '\r'] {
        let mut invoice = base();
        let bad = |text: &str| format!("{text}{character}x");
        invoice.order_no = bad("A1");
        invoice.buyer = Buyer::Business {
            ubn: bad("2209913"),
            name: bad("立吉富"),
        };
        invoice.delivery = Delivery::Carrier(mobile(&bad("/ABC12")));
        invoice.phone = Some(bad("09123456"));
        invoice.email = Some(bad("ming@example.tw"));
        invoice.items[0].description = bad("咖啡");
        invoice.remark = Some(bad("42"));
        let before = invoice.clone();
        let error = invoice.validate().unwrap_err();
        let fields = [
            "order_no",
            "buyer.ubn",
            "buyer.name",
            "delivery.carrier.code",
            "phone",
            "email",
            "items[0].description",
            "remark",
        ];
        assert_eq!(error.fields(), fields, "{character:?}");
        assert!(
            error
                .problems()
                .iter()
                .all(|problem| problem.rule == Rule::CsvUnsafe)
        );
        assert!(
            error
                .problems()
                .iter()
                .all(|problem| problem.message.contains("corrupt"))
        );
        assert_eq!(invoice, before, "nothing is stripped");
        assert!(CsvBatch::new(&[invoice]).is_err(), "and nothing is encoded");
    }
}

#[test]
fn messages_name_the_character_and_the_limit() {
    let mut invoice = base();
    invoice.items[1].description = "濾紙,100入\n".into();
    invoice.remark = Some("備".repeat(26));
    let error = invoice.validate().unwrap_err();
    assert_eq!(
        error.to_string(),
        "2 problems: items[1].description: contains a comma (,) and a line feed (\\n), which would corrupt \
         PayNow's batch CSV (it has no escaping); remove them yourself; remark: at most 25 characters, not 26"
    );
}

/// One invoice with a problem in nearly every field reports all of them, in field order.
#[test]
fn every_problem_is_reported_at_once() {
    let invoice = Invoice {
        order_no: format!("{},", "9".repeat(30)),
        buyer: Buyer::Business {
            ubn: "11099131".into(),
            name: String::new(),
        },
        delivery: Delivery::Donation {
            love_code: "12".into(),
        },
        phone: Some("0212345678".into()),
        email: Some("not-an-address".into()),
        items: vec![
            item("咖啡豆 1kg", "2", "400", "800"),
            Item {
                tax_type: TaxType::TaxFree,
                ..item("", "0", "60", "60")
            },
            item(&"濾".repeat(201), "1", "60", "61"),
        ],
        remark: Some("r".repeat(26)),
    };
    let error: ValidationError = invoice.validate().unwrap_err();
    let got: Vec<(&str, Rule)> = error
        .problems()
        .iter()
        .map(|p| (p.field.as_str(), p.rule))
        .collect();
    assert_eq!(
        got,
        [
            ("order_no", Rule::CsvUnsafe),
            ("order_no", Rule::TooLong),
            ("buyer.ubn", Rule::Checksum),
            ("buyer.name", Rule::Required),
            ("delivery.donation", Rule::NotAllowed),
            ("delivery.donation.love_code", Rule::Format),
            ("phone", Rule::Format),
            ("email", Rule::Format),
            ("items[1].description", Rule::Required),
            ("items[1].quantity", Rule::NotPositive),
            ("items[1].amount", Rule::AmountMismatch),
            ("items[2].description", Rule::TooLong),
            ("items[2].amount", Rule::AmountMismatch),
            ("remark", Rule::TooLong),
        ]
    );
}

#[test]
fn a_batch_reports_every_invoice_and_duplicate_order_numbers() {
    let mut second = base();
    second.items[0].amount = dec("1");
    let mut third = base();
    third.order_no = "ORD-20261121-003".into();
    third.phone = Some("12".into());
    let error = CsvBatch::new(&[base(), second, third]).unwrap_err();
    assert_eq!(
        error.fields(),
        [
            "invoices[1].items[0].amount",
            "invoices[1].order_no",
            "invoices[2].phone"
        ]
    );
    assert_eq!(error.problems()[1].rule, Rule::Duplicate);
    assert!(
        error.problems()[1].message.contains("invoices[0]"),
        "{}",
        error.problems()[1].message
    );

    let empty = CsvBatch::new(&[]).unwrap_err();
    assert_eq!(empty.fields(), ["invoices"]);
    assert_eq!(empty.problems()[0].rule, Rule::Required);
}
