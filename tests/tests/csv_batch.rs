//! The `csvStr` of a three-invoice batch, snapshotted readable (before Base64) and as sent,
//! decoded back; and every result string PayNow answers, parsed.

use paynow_einvoice::domain::results::{
    parse_cancel_invoice_i, parse_check_invoice, parse_check_invoice_order,
    parse_get_invoice_url_i, parse_get_invoice_url_o, parse_invoice_info,
    parse_invoice_info_orderno, parse_patch_data_check, parse_upload_invoice_patch,
};
use paynow_einvoice::domain::{
    Buyer, COLUMNS, CancelResult, Carrier, CsvBatch, CsvError, Customs, Decimal, Delivery, Invoice,
    InvoiceInfo, InvoiceNumber, Item, LookupResult, OrderNo, PatchCheckResult, TaxType,
    UnknownResult, UploadResult, decode_batch, encode_batch, parse_csv_text,
};

fn dec(text: &str) -> Decimal {
    text.parse().expect("a decimal literal")
}

fn item(
    description: &str,
    quantity: &str,
    unit_price: &str,
    amount: &str,
    tax_type: TaxType,
) -> Item {
    Item {
        description: description.into(),
        quantity: dec(quantity),
        unit_price: dec(unit_price),
        amount: dec(amount),
        tax_type,
    }
}

/// Three invoices, each delivered differently, with two or three items of Chinese text.
fn batch() -> Vec<Invoice> {
    vec![
        Invoice {
            order_no: "ORD20261121001".into(),
            buyer: Buyer::Consumer {
                name: "王小明".into(),
            },
            delivery: Delivery::Carrier(Carrier::MobileBarcode {
                code: "/ABC+.-1".into(),
            }),
            phone: Some("0912345678".into()),
            email: Some("ming@example.com.tw".into()),
            items: vec![
                item("衣索比亞咖啡豆 1kg", "2", "400", "800", TaxType::Taxable),
                item("手沖濾紙（100入）", "1", "60", "60", TaxType::Taxable),
            ],
            remark: Some("4242".into()),
        },
        Invoice {
            order_no: "ORD20261121002".into(),
            buyer: Buyer::Business {
                ubn: "22099131".into(),
                name: "立吉富測試股份有限公司".into(),
            },
            delivery: Delivery::Paper {
                address: "臺北市中正區重慶南路一段122號".into(),
            },
            phone: None,
            email: Some("ap@example.com.tw".into()),
            items: vec![
                item("商用磨豆機", "1", "12000", "12000", TaxType::Taxable),
                item(
                    "外銷咖啡豆（散裝）",
                    "1.5",
                    "333.30",
                    "499.95",
                    TaxType::ZeroRate {
                        customs: Customs::ThroughCustoms,
                    },
                ),
                item("咖啡課程講義", "3", "150", "450", TaxType::TaxFree),
            ],
            remark: None,
        },
        Invoice {
            order_no: "ORD_20261121_003".into(),
            buyer: Buyer::Consumer {
                name: "陳美玲".into(),
            },
            delivery: Delivery::Donation {
                love_code: "168".into(),
            },
            phone: None,
            email: None,
            items: vec![
                item("耳掛咖啡（10包）", "2", "250", "500", TaxType::Taxable),
                item(
                    "保稅區樣品",
                    "1",
                    "0",
                    "0",
                    TaxType::ZeroRate {
                        customs: Customs::NotThroughCustoms,
                    },
                ),
            ],
            remark: Some("禮盒".into()),
        },
    ]
}

#[test]
fn csv_text_before_base64() {
    let batch = CsvBatch::new(&batch()).expect("the batch is valid");
    let text = batch.text();
    assert_eq!(text.lines().count(), 7, "one row per item");
    assert!(!text.ends_with('\n'), "no line feed after the last row");
    assert!(
        text.lines()
            .all(|line| line.split(',').count() == COLUMNS.len())
    );
    insta::assert_snapshot!("csv_text", text);
}

#[test]
fn csv_str_as_sent() {
    let csv_str = encode_batch(&batch()).expect("the batch is valid");
    assert!(
        csv_str
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'%'),
        "URL-encoded Base64 only"
    );
    assert_eq!(csv_str, CsvBatch::new(&batch()).unwrap().to_csv_str());
    insta::assert_snapshot!("csv_str", csv_str);
}

#[test]
fn decoded_rows() {
    let rows = decode_batch(&encode_batch(&batch()).unwrap()).expect("our own csvStr decodes");
    insta::assert_debug_snapshot!("decoded_rows", rows);
}

#[test]
fn round_trip() {
    let batch = CsvBatch::new(&batch()).unwrap();
    let csv_str = batch.to_csv_str();
    assert_eq!(decode_batch(&csv_str).unwrap(), batch.rows());
    assert_eq!(parse_csv_text(&batch.text()).unwrap(), batch.rows());
    let lower_hex = csv_str
        .replace("%2B", "%2b")
        .replace("%2F", "%2f")
        .replace("%3D", "%3d");
    assert_eq!(decode_batch(&lower_hex).unwrap(), batch.rows());
}

#[test]
fn decoding_refuses_malformed_batches() {
    let text = CsvBatch::new(&batch()).unwrap().text();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[3] = lines[3].replacen(",'", ",", 1);
    assert_eq!(
        parse_csv_text(&lines.join("\n")),
        Err(CsvError::MissingQuote { row: 4, column: 2 })
    );
    assert_eq!(
        parse_csv_text(&format!("{text}\n")),
        Err(CsvError::EmptyRow { row: 8 })
    );
    let merged = text.replacen('\n', ",", 1);
    assert_eq!(
        parse_csv_text(&merged),
        Err(CsvError::ColumnCount { row: 1, found: 34 })
    );
    assert!(
        matches!(decode_batch("%E4%B8%AD"), Err(CsvError::Base64 { .. })),
        "UTF-8 text is not Base64"
    );
    assert_eq!(
        decode_batch("%2"),
        Err(CsvError::PercentEscape { position: 0 })
    );
}

#[test]
fn upload_invoice_patch() {
    let pair = |order: &str, invoice: &str| {
        (
            OrderNo::parse(order).unwrap(),
            InvoiceNumber::parse(invoice).unwrap(),
        )
    };
    assert_eq!(
        parse_upload_invoice_patch(
            "S_3,ORD20261121001_AB12345678,ORD20261121002_AB12345679,ORD_20261121_003_AB12345680"
        ),
        Ok(UploadResult::Issued {
            count_field: "3".into(),
            pairs: vec![
                pair("ORD20261121001", "AB12345678"),
                pair("ORD20261121002", "AB12345679"),
                pair("ORD_20261121_003", "AB12345680"),
            ],
        })
    );
    assert_eq!(
        parse_upload_invoice_patch(" S_1,A1_ZZ00000001\n"),
        Ok(UploadResult::Issued {
            count_field: "1".into(),
            pairs: vec![pair("A1", "ZZ00000001")]
        })
    );
    // `<n>` is kept as it came, whatever it is.
    assert_eq!(
        parse_upload_invoice_patch("S_x7,A1_ZZ00000001"),
        Ok(UploadResult::Issued {
            count_field: "x7".into(),
            pairs: vec![pair("A1", "ZZ00000001")]
        })
    );
    assert_eq!(
        parse_upload_invoice_patch("訂單編號重複:ORD20261121001"),
        Ok(UploadResult::Rejected {
            message: "訂單編號重複:ORD20261121001".into()
        })
    );
    assert_eq!(
        parse_upload_invoice_patch("F_帳號或密碼錯誤"),
        Ok(UploadResult::Rejected {
            message: "F_帳號或密碼錯誤".into()
        })
    );
    for unknown in [
        "",
        "  ",
        "S_1",
        "S_1,",
        "S_1,A1",
        "S_1,A1_ab12345678",
        "S_1,_AB12345678",
        "S_2,A1_AB12345678,B2",
    ] {
        assert_eq!(
            parse_upload_invoice_patch(unknown),
            Err(UnknownResult {
                operation: "UploadInvoice_Patch".into(),
                text: unknown.into()
            }),
            "{unknown:?}"
        );
    }
}

#[test]
fn invoice_patch_data_check() {
    assert_eq!(
        parse_patch_data_check("S_資料驗證成功"),
        Ok(PatchCheckResult::Passed)
    );
    assert_eq!(
        parse_patch_data_check("S_資料驗證成功\r\n"),
        Ok(PatchCheckResult::Passed)
    );
    assert_eq!(
        parse_patch_data_check("訂單編號ORD20261121001已開立發票"),
        Ok(PatchCheckResult::Rejected {
            message: "訂單編號ORD20261121001已開立發票".into()
        })
    );
    for unknown in ["", "S_", "S_其他"] {
        assert_eq!(
            parse_patch_data_check(unknown),
            Err(UnknownResult {
                operation: "Invoice_PatchData_Check".into(),
                text: unknown.into()
            })
        );
    }
}

#[test]
fn cancel_invoice_i() {
    assert_eq!(parse_cancel_invoice_i("S"), Ok(CancelResult::Cancelled));
    assert_eq!(
        parse_cancel_invoice_i("F_發票已折讓，無法作廢"),
        Ok(CancelResult::Failed {
            message: "發票已折讓，無法作廢".into()
        })
    );
    assert_eq!(
        parse_cancel_invoice_i("F_"),
        Ok(CancelResult::Failed {
            message: String::new()
        })
    );
    for unknown in ["", "F", "SF", "s", "Success"] {
        assert_eq!(
            parse_cancel_invoice_i(unknown),
            Err(UnknownResult {
                operation: "CancelInvoice_I".into(),
                text: unknown.into()
            })
        );
    }
}

#[test]
fn check_invoice_and_check_invoice_order() {
    let found = LookupResult::Found(InvoiceNumber::parse("AB12345678").unwrap());
    assert_eq!(parse_check_invoice("S,AB12345678"), Ok(found.clone()));
    assert_eq!(parse_check_invoice_order("S,AB12345678"), Ok(found));
    assert_eq!(parse_check_invoice("F"), Ok(LookupResult::NotFound));
    assert_eq!(parse_check_invoice_order("F"), Ok(LookupResult::NotFound));
    for unknown in ["", "S", "S,", "S,AB1234567", "S_AB12345678", "F,AB12345678"] {
        assert_eq!(
            parse_check_invoice(unknown),
            Err(UnknownResult {
                operation: "Check_invoice".into(),
                text: unknown.into()
            })
        );
        assert_eq!(
            parse_check_invoice_order(unknown),
            Err(UnknownResult {
                operation: "Check_invoiceOrder".into(),
                text: unknown.into()
            })
        );
    }
}

#[test]
fn invoice_info_and_invoice_info_orderno() {
    let cases = [
        ("開立,800", InvoiceInfo::Issued { amount: dec("800") }),
        (
            "開立,499.95",
            InvoiceInfo::Issued {
                amount: dec("499.95"),
            },
        ),
        ("作廢", InvoiceInfo::Voided),
        (
            "折讓,300,100,200",
            InvoiceInfo::Allowance {
                numbers: vec![dec("300"), dec("100"), dec("200")],
            },
        ),
        (
            "折讓,300",
            InvoiceInfo::Allowance {
                numbers: vec![dec("300")],
            },
        ),
    ];
    for (text, info) in cases {
        assert_eq!(parse_invoice_info(text), Ok(info.clone()), "{text}");
        assert_eq!(parse_invoice_info_orderno(text), Ok(info), "{text}");
    }
    for unknown in [
        "",
        "開立",
        "開立,",
        "開立,800,1",
        "開立,八百",
        "作廢,800",
        "折讓",
        "折讓,300,,200",
        "F",
        "查無發票",
    ] {
        assert_eq!(
            parse_invoice_info(unknown),
            Err(UnknownResult {
                operation: "Invoice_Info".into(),
                text: unknown.into()
            }),
            "{unknown:?}"
        );
        assert_eq!(
            parse_invoice_info_orderno(unknown),
            Err(UnknownResult {
                operation: "Invoice_Info_orderno".into(),
                text: unknown.into()
            })
        );
    }
}

#[test]
fn get_invoice_url() {
    for url in [
        "https://invoice.paynow.com.tw/PayNowEInvoice/ShowInvoice.aspx?InvoiceNo=AB12345678&mem_cid=70828783",
        "https://testinvoice.PayNow.com.tw/x",
        "https://paynow.com.tw",
    ] {
        assert_eq!(parse_get_invoice_url_i(url).unwrap().as_str(), url);
        assert_eq!(parse_get_invoice_url_o(url).unwrap().as_str(), url);
    }
    for unknown in [
        "",
        "F",
        "http://invoice.paynow.com.tw/x",
        "https://invoice.paynow.com.tw.evil.example/x",
        "https://evilpaynow.com.tw/x",
        "https://user@invoice.paynow.com.tw/x",
        "https://invoice.paynow.com.tw:8443/x",
        "https://evil.example\\.paynow.com.tw/x",
        "https://invoice.paynow.com.tw/a b",
        "javascript:alert(1)//invoice.paynow.com.tw",
    ] {
        assert_eq!(
            parse_get_invoice_url_i(unknown),
            Err(UnknownResult {
                operation: "Get_InvoiceURL_I".into(),
                text: unknown.into()
            }),
            "{unknown:?}"
        );
        assert_eq!(
            parse_get_invoice_url_o(unknown),
            Err(UnknownResult {
                operation: "Get_InvoiceURL_O".into(),
                text: unknown.into()
            })
        );
    }
}

#[test]
fn unknown_results_keep_the_text_whole() {
    let error = parse_invoice_info("處理中,1").unwrap_err();
    assert_eq!(
        error.to_string(),
        "unexpected Invoice_Info result: \"處理中,1\""
    );
}
