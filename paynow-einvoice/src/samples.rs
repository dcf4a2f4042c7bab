//! Realistic example requests, one per operation, shared by the examples, the snapshot
//! tests and the benchmarks so they all show the same values.

use soap_runtime::{Operation, ToXml};

use crate::domain;
use crate::generated::*;

/// A sample merchant: the UBN used in PayNow's own 3DES test vector.
pub const MEM_CID: &str = "70828783";
/// A sample password.
pub const MEM_PASSWORD: &str = "s3cret!";
/// A sample invoice number.
pub const INVOICE_NO: &str = "AB12345678";
/// A sample order number.
pub const ORDER_NO: &str = "ORD20261121001";

fn some(value: &str) -> Option<String> {
    Some(value.to_owned())
}

/// An `Invoice` object with all 60 fields filled, as a merchant would void it with
/// `CancelInvoice`.
pub fn invoice() -> Invoice {
    Invoice {
        up_no: 1024,
        c_id: 7,
        send: true,
        k_maping_code: some("MAP-0001"),
        invoice_number: some(INVOICE_NO),
        invoice_date: some("2026/11/21"),
        invoice_time: some("14:05:09"),
        identifier: some("22099131"),
        name: some("立吉富測試股份有限公司"),
        address: some("台北市中正區重慶南路一段 122 號"),
        sales_amount: some("762"),
        free_tax_sales_amount: some("0"),
        zero_tax_sales_amount: some("0"),
        tax_type: some("1"),
        tax_rate: some("0.05"),
        tax_amount: some("38"),
        total_amount: some("800"),
        main_remark: some("R&D <prototype> order"),
        order_no: some(ORDER_NO),
        print_mark: some("N"),
        customer_number: some("C-778"),
        k_invoice_email: some("buyer@example.com.tw"),
        random_number: some("5871"),
        sequence_number: some("1"),
        description: some("咖啡豆 1kg"),
        quantity: some("2"),
        unit_price: some("400"),
        amount: some("800"),
        remark: some("4242"),
        mem_cid: some(MEM_CID),
        carrier_type: some("3J0002"),
        carrier_id1: some("/ABC1234"),
        carrier_id2: some("/ABC1234"),
        npoban: some(""),
        year: some("2026"),
        period: some("5"),
        return_str: some(""),
        rtcode: some(""),
        rt_msg: some(""),
        batch_no: some("B20261121"),
        error_msg: some(""),
        status: some("0"),
        return_status: false,
        get_status: false,
        qr_code_str: some("AB12345678115112158710000002fa0000032022099131708287831"),
        rtmessage: some(""),
        deduct: some("0"),
        ec: some("1"),
        customs_clearance_mark: some(""),
        store_name: some("台北門市"),
        buyer_sno: some("B-001"),
        send_sms: some("0"),
        bingo_item: some(""),
        state: 1,
        send_state: 0,
        buyer_email: some("buyer@example.com.tw"),
        text: some("作廢原因：客戶取消訂單"),
        change_date: some("2026/11/21"),
        writeoff_date: some(""),
        loadtype: some("1"),
    }
}

/// A consumer invoice for `order_no`, e-mailed (no carrier), with one taxable line of
/// quantity 1 per amount: the smallest valid invoice, for tests and examples.
pub fn consumer_invoice(order_no: &str, amounts: &[i64]) -> domain::Invoice {
    use domain::{Buyer, Decimal, Delivery, Item, TaxType};
    domain::Invoice {
        order_no: order_no.into(),
        buyer: Buyer::Consumer {
            name: "王小明".into(),
        },
        delivery: Delivery::None,
        phone: None,
        email: Some("ming@example.com.tw".into()),
        items: amounts
            .iter()
            .map(|&amount| Item {
                description: "咖啡豆".into(),
                quantity: Decimal::ONE,
                unit_price: Decimal::from(amount),
                amount: Decimal::from(amount),
                tax_type: TaxType::Taxable,
            })
            .collect(),
        remark: None,
    }
}

/// A `csvStr` batch of two invoices (the first with two items, Chinese text included) as
/// PayNow expects it: every value prefixed with `'`, joined with `,`, rows with LF,
/// then Base64, then URL-encoded.
pub const CSV_STR: &str = "J09SRDIwMjYxMTIxMDAxLCcsJ%2BeOi%2BWwj%2BaYjiwnLCcwOTEyMzQ1Njc4LCdidXllckBleGFtcGxlLmNvbS50dywnM0owMDAyLCcvQUJDMTIzNCwnL0FCQzEyMzQsJywn5ZKW5ZWh6LGGIDFrZywnMiwnNDAwLCc4MDAsJywnMSwnCidPUkQyMDI2MTEyMTAwMSwnLCfnjovlsI%2FmmI4sJywnMDkxMjM0NTY3OCwnYnV5ZXJAZXhhbXBsZS5jb20udHcsJzNKMDAwMiwnL0FCQzEyMzQsJy9BQkMxMjM0LCcsJ%2Ba%2FvuaOm%2BWMhSAxMOWFpSwnMSwnMjUwLCcyNTAsJywnMSwnCidPUkQyMDI2MTEyMTAwMiwnMjIwOTkxMzEsJ%2Beri%2BWQieWvjOa4rOippuiCoeS7veaciemZkOWFrOWPuCwnLCcsJywnLCcsJywnLCfpoafllY%2FmnI3li5ksJzEsJzEwNTAwLCcxMDUwMCwnNDI0MiwnMSwn";

/// One realistic request for each of the 18 operations, with its operation descriptor,
/// in WSDL order.
pub fn requests() -> Vec<(Operation, Box<dyn ToXml>)> {
    type Client = PayNowEInvoiceClient;
    vec![
        (
            Client::INVOICE_PATCH_DATA_CHECK,
            Box::new(InvoicePatchDataCheck {
                mem_cid: some(MEM_CID),
                mem_password: Some(MEM_PASSWORD.into()),
                csv_str: some(CSV_STR),
            }),
        ),
        (
            Client::UPLOAD_INVOICE_PATCH,
            Box::new(UploadInvoicePatch {
                mem_cid: some(MEM_CID),
                mem_password: Some(MEM_PASSWORD.into()),
                csv_str: some(CSV_STR),
            }),
        ),
        (
            Client::CANCEL_INVOICE,
            Box::new(CancelInvoice {
                obj_invoice: Some(invoice()),
            }),
        ),
        (
            Client::CANCEL_INVOICE_I,
            Box::new(CancelInvoiceI {
                mem_cid: some(MEM_CID),
                invoice_no: some(INVOICE_NO),
            }),
        ),
        (
            Client::CHECK_INVOICE,
            Box::new(CheckInvoice {
                mem_cid: some(MEM_CID),
                invoice_no: some(INVOICE_NO),
            }),
        ),
        (
            Client::CHECK_INVOICE_ORDER,
            Box::new(CheckInvoiceOrder {
                mem_cid: some(MEM_CID),
                orderno: some(ORDER_NO),
            }),
        ),
        (
            Client::INVOICE_INFO,
            Box::new(InvoiceInfo {
                mem_cid: some(MEM_CID),
                invoice_no: some(INVOICE_NO),
            }),
        ),
        (
            Client::INVOICE_INFO_ORDERNO,
            Box::new(InvoiceInfoOrderno {
                mem_cid: some(MEM_CID),
                order_no: some(ORDER_NO),
            }),
        ),
        (
            Client::GET_INVOICE_URL_I,
            Box::new(GetInvoiceUrlI {
                mem_cid: some(MEM_CID),
                invoice_no: some(INVOICE_NO),
            }),
        ),
        (
            Client::GET_INVOICE_URL_O,
            Box::new(GetInvoiceUrlO {
                mem_cid: some(MEM_CID),
                order_no: some(ORDER_NO),
            }),
        ),
        (
            Client::SEL_ALLOWANCE,
            Box::new(SelAllowance {
                mem_cid: some(MEM_CID),
                allowance_no: some("AL20261121001"),
            }),
        ),
        (
            Client::SEL_ALLOWANCE_BODY,
            Box::new(SelAllowanceBody {
                mem_cid: some(MEM_CID),
                allowance_no: some("AL20261121001"),
            }),
        ),
        (
            Client::SELECT_INVOICE,
            Box::new(SelectInvoice {
                mem_cid: some(MEM_CID),
                order_no: some(ORDER_NO),
            }),
        ),
        (
            Client::SEL_INVOICE_BODY_MEM_CID,
            Box::new(SelInvoiceBodyMemCid {
                mem_cid: some(MEM_CID),
                k_maping_code: some("MAP-0001"),
            }),
        ),
        (
            Client::SEL_ALLOWANCE_DATA,
            Box::new(SelAllowanceData {
                mem_cid: some(MEM_CID),
                invoice_no: some(INVOICE_NO),
            }),
        ),
        (
            Client::CANCEL_INVOICE_S,
            Box::new(CancelInvoiceS {
                mem_cid: some(MEM_CID),
                invoice_no: some(INVOICE_NO),
            }),
        ),
        (
            Client::GET_INVOICE_TRACK_LIST,
            Box::new(GetInvoiceTrackList {
                mem_cid: some(MEM_CID),
                year: some("115"),
                period: some("12"),
                take_value: 1,
            }),
        ),
        (
            Client::GET_INVOICE_NUMBER_PARAM_INT_UUID,
            Box::new(GetInvoiceNumberParamIntUuid {
                mem_cid: some(MEM_CID),
                mem_pw: Some(MEM_PASSWORD.into()),
                paramint: 5,
                uuid: some("6f1c2a9e-4b7d-4c1e-9a53-2d8e0f7b3c11"),
            }),
        ),
    ]
}
