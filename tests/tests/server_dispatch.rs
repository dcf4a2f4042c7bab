//! The generated server trait: requests written by the generated client are routed by
//! `dispatch_pay_now_e_invoice` to the right method, in both SOAP versions, and its
//! answers and faults decode on the client side.

use paynow_einvoice::generated::*;
use paynow_einvoice::samples;
use soap_runtime::server::ServerResponse;
use soap_runtime::{Fault, Limits, SoapError, SoapVersion, read_response, write_request};

/// Answers every operation with a value that names it, and refuses one invoice number
/// with a fault, so routing and faults can both be seen.
struct Echo;

const REFUSED: &str = "ZZ99999999";

fn said(operation: &str) -> Option<String> {
    Some(format!("answered by {operation}"))
}

impl PayNowEInvoiceServer for Echo {
    async fn invoice_patch_data_check(
        &self,
        r: InvoicePatchDataCheck,
    ) -> Result<InvoicePatchDataCheckResponse, Fault> {
        Ok(InvoicePatchDataCheckResponse {
            invoice_patch_data_check_result: r.csv_str.map(|c| format!("S_{}", c.len())),
        })
    }
    async fn upload_invoice_patch(
        &self,
        _: UploadInvoicePatch,
    ) -> Result<UploadInvoicePatchResponse, Fault> {
        Ok(UploadInvoicePatchResponse {
            upload_invoice_patch_result: said("UploadInvoice_Patch"),
        })
    }
    async fn cancel_invoice(&self, r: CancelInvoice) -> Result<CancelInvoiceResponse, Fault> {
        let mut invoice = r.obj_invoice.unwrap_or_default();
        invoice.error_msg = said("CancelInvoice");
        Ok(CancelInvoiceResponse {
            cancel_invoice_result: Some(invoice),
        })
    }
    async fn cancel_invoice_i(&self, r: CancelInvoiceI) -> Result<CancelInvoiceIResponse, Fault> {
        if r.invoice_no.as_deref() == Some(REFUSED) {
            let mut fault =
                Fault::server(SoapVersion::Soap11, "Server was unable to process request.");
            fault.detail = Some("<reason>locked</reason>".into());
            return Err(fault);
        }
        Ok(CancelInvoiceIResponse {
            cancel_invoice_i_result: said("CancelInvoice_I"),
        })
    }
    async fn check_invoice(&self, _: CheckInvoice) -> Result<CheckInvoiceResponse, Fault> {
        Ok(CheckInvoiceResponse {
            check_invoice_result: said("Check_invoice"),
        })
    }
    async fn check_invoice_order(
        &self,
        _: CheckInvoiceOrder,
    ) -> Result<CheckInvoiceOrderResponse, Fault> {
        Ok(CheckInvoiceOrderResponse {
            check_invoice_order_result: said("Check_invoiceOrder"),
        })
    }
    async fn invoice_info(&self, _: InvoiceInfo) -> Result<InvoiceInfoResponse, Fault> {
        Ok(InvoiceInfoResponse {
            invoice_info_result: said("Invoice_Info"),
        })
    }
    async fn invoice_info_orderno(
        &self,
        _: InvoiceInfoOrderno,
    ) -> Result<InvoiceInfoOrdernoResponse, Fault> {
        Ok(InvoiceInfoOrdernoResponse {
            invoice_info_orderno_result: said("Invoice_Info_orderno"),
        })
    }
    async fn get_invoice_url_i(&self, _: GetInvoiceUrlI) -> Result<GetInvoiceUrlIResponse, Fault> {
        Ok(GetInvoiceUrlIResponse {
            get_invoice_url_i_result: said("Get_InvoiceURL_I"),
        })
    }
    async fn get_invoice_url_o(&self, _: GetInvoiceUrlO) -> Result<GetInvoiceUrlOResponse, Fault> {
        Ok(GetInvoiceUrlOResponse {
            get_invoice_url_o_result: said("Get_InvoiceURL_O"),
        })
    }
    async fn sel_allowance(&self, r: SelAllowance) -> Result<SelAllowanceResponse, Fault> {
        Ok(SelAllowanceResponse {
            sel_allowance_result: Some(Allowance {
                allowance_number: r.allowance_no,
                ..Allowance::default()
            }),
        })
    }
    async fn sel_allowance_body(
        &self,
        _: SelAllowanceBody,
    ) -> Result<SelAllowanceBodyResponse, Fault> {
        Ok(SelAllowanceBodyResponse {
            sel_allowance_body_result: said("Sel_Allowance_body"),
        })
    }
    async fn select_invoice(&self, _: SelectInvoice) -> Result<SelectInvoiceResponse, Fault> {
        Ok(SelectInvoiceResponse {
            select_invoice_result: Some(Invoice {
                error_msg: said("SelectInvoice"),
                ..Invoice::default()
            }),
        })
    }
    async fn sel_invoice_body_mem_cid(
        &self,
        _: SelInvoiceBodyMemCid,
    ) -> Result<SelInvoiceBodyMemCidResponse, Fault> {
        Ok(SelInvoiceBodyMemCidResponse {
            sel_invoice_body_mem_cid_result: Some(ArrayOfObjInvoiceBodyInfo {
                obj_invoice_body_info: vec![Some(ObjInvoiceBodyInfo {
                    description: said("Sel_Invoice_body_mem_cid"),
                    ..ObjInvoiceBodyInfo::default()
                })],
            }),
        })
    }
    async fn sel_allowance_data(
        &self,
        _: SelAllowanceData,
    ) -> Result<SelAllowanceDataResponse, Fault> {
        Ok(SelAllowanceDataResponse {
            sel_allowance_data_result: Some(ArrayOfObjAllowanceInfo {
                obj_allowance_info: vec![Some(ObjAllowanceInfo {
                    name: said("Sel_AllowanceData"),
                    ..ObjAllowanceInfo::default()
                })],
            }),
        })
    }
    async fn cancel_invoice_s(&self, _: CancelInvoiceS) -> Result<CancelInvoiceSResponse, Fault> {
        Ok(CancelInvoiceSResponse {
            cancel_invoice_s_result: said("CancelInvoice_S"),
        })
    }
    async fn get_invoice_track_list(
        &self,
        _: GetInvoiceTrackList,
    ) -> Result<GetInvoiceTrackListResponse, Fault> {
        Ok(GetInvoiceTrackListResponse {
            get_invoice_track_list_result: Some(InvoiceTrackList {
                rtmessage: said("getInvoiceTrackList"),
                ..InvoiceTrackList::default()
            }),
        })
    }
    async fn get_invoice_number_param_int_uuid(
        &self,
        _: GetInvoiceNumberParamIntUuid,
    ) -> Result<GetInvoiceNumberParamIntUuidResponse, Fault> {
        Ok(GetInvoiceNumberParamIntUuidResponse {
            get_invoice_number_param_int_uuid_result: Some(InvoiceNumberList {
                error_msg: said("GetInvoiceNumber_ParamIntUUID"),
                ..InvoiceNumberList::default()
            }),
        })
    }
}

fn dispatch(body: &[u8]) -> ServerResponse {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(dispatch_pay_now_e_invoice(&Echo, body, Limits::default()))
}

const VERSIONS: [SoapVersion; 2] = [SoapVersion::Soap11, SoapVersion::Soap12];

#[test]
fn every_operation_is_routed_to_its_method_in_both_versions() {
    for (operation, request) in samples::requests() {
        for version in VERSIONS {
            let (ns, name) = operation.request;
            let answer = dispatch(&write_request(version, ns, name, &*request, false).unwrap());
            assert_eq!(
                answer.status,
                200,
                "{}: {}",
                operation.name,
                String::from_utf8_lossy(&answer.body)
            );
            assert_eq!(answer.content_type, version.response_content_type());
            let text = String::from_utf8(answer.body).unwrap();
            let (resp_ns, resp_name) = operation.response;
            assert!(
                text.contains(&format!("<{resp_name} xmlns=\"{resp_ns}\">")),
                "{text}"
            );
            if !matches!(
                operation.name,
                "Invoice_PatchData_Check" | "Sel_Allowance" | "CancelInvoice"
            ) {
                assert!(
                    text.contains(&format!("answered by {}", operation.name)),
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn answers_decode_with_the_client_types() {
    for version in VERSIONS {
        let (ns, name) = PayNowEInvoiceClient::CANCEL_INVOICE.request;
        let request = CancelInvoice {
            obj_invoice: Some(samples::invoice()),
        };
        let answer = dispatch(&write_request(version, ns, name, &request, true).unwrap());
        let (ns, name) = PayNowEInvoiceClient::CANCEL_INVOICE.response;
        let decoded: CancelInvoiceResponse = read_response(
            &answer.body,
            version,
            ns,
            name,
            Limits::default(),
            answer.status,
        )
        .unwrap();
        let mut expected = samples::invoice();
        expected.error_msg = said("CancelInvoice");
        assert_eq!(
            decoded.cancel_invoice_result,
            Some(expected),
            "all 60 fields survive the trip"
        );
    }
}

#[test]
fn a_method_fault_reaches_the_client_as_a_typed_fault() {
    let request = CancelInvoiceI {
        mem_cid: Some(samples::MEM_CID.into()),
        invoice_no: Some(REFUSED.into()),
    };
    let (ns, name) = PayNowEInvoiceClient::CANCEL_INVOICE_I.request;
    let answer = dispatch(&write_request(SoapVersion::Soap11, ns, name, &request, false).unwrap());
    assert_eq!(answer.status, 500);
    let (ns, name) = PayNowEInvoiceClient::CANCEL_INVOICE_I.response;
    let error = read_response::<CancelInvoiceIResponse>(
        &answer.body,
        SoapVersion::Soap11,
        ns,
        name,
        Limits::default(),
        answer.status,
    )
    .unwrap_err();
    let SoapError::Fault { fault, status } = error else {
        panic!("expected a fault, got {error:?}")
    };
    assert_eq!((status, fault.code.as_str()), (500, "soap:Server"));
    assert_eq!(fault.detail.as_deref(), Some("<reason>locked</reason>"));
}

#[test]
fn unknown_operations_and_garbage_get_sender_faults() {
    let body = r#"<soap12:Envelope xmlns:soap12="http://www.w3.org/2003/05/soap-envelope"><soap12:Body><Nope xmlns="urn:x"/></soap12:Body></soap12:Envelope>"#;
    let answer = dispatch(body.as_bytes());
    assert_eq!(answer.status, 400, "a SOAP 1.2 Sender fault is HTTP 400");
    let text = String::from_utf8(answer.body).unwrap();
    assert!(
        text.contains("<soap12:Value>soap12:Sender</soap12:Value>") && text.contains("{urn:x}Nope"),
        "{text}"
    );

    let answer = dispatch(b"<html>not soap</html>");
    assert_eq!(answer.status, 500, "a SOAP 1.1 Client fault is HTTP 500");
    assert!(
        String::from_utf8(answer.body)
            .unwrap()
            .contains("<faultcode>soap:Client</faultcode>")
    );
}
