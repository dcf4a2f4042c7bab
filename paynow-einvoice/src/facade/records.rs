//! What PayNow holds about an invoice, read with the operations of its help pages:
//! `SelectInvoice` (the invoice by order number), `Sel_Invoice_body_mem_cid` (its line
//! items) and `Sel_AllowanceData` (its allowances).

use serde::{Deserialize, Serialize};

use super::{Error, PayNow};
use crate::domain::{InvoiceNumber, OrderNo};
use crate::generated::{
    Invoice, ObjAllowanceInfo, ObjInvoiceBodyInfo, SelAllowanceData, SelInvoiceBodyMemCid,
    SelectInvoice,
};

/// The name of the `SelectInvoice` operation.
pub const SELECT_INVOICE: &str = "SelectInvoice";
/// The name of the `Sel_Invoice_body_mem_cid` operation.
pub const SEL_INVOICE_BODY_MEM_CID: &str = "Sel_Invoice_body_mem_cid";
/// The name of the `Sel_AllowanceData` operation.
pub const SEL_ALLOWANCE_DATA: &str = "Sel_AllowanceData";

/// An invoice as PayNow holds it: its header (`SelectInvoice`) and its line items
/// (`Sel_Invoice_body_mem_cid`), fields exactly as answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceDetails {
    /// The invoice object; its line-item fields (`Description`, `Quantity`, …) are
    /// whatever PayNow puts there, the items are in [`items`](Self::items).
    pub invoice: Invoice,
    /// The line items, in PayNow's order (nil items are left out).
    pub items: Vec<ObjInvoiceBodyInfo>,
}

impl InvoiceDetails {
    /// The invoice number, if PayNow gave one.
    pub fn invoice_number(&self) -> Option<&str> {
        non_empty(self.invoice.invoice_number.as_deref())
    }
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

impl PayNow {
    /// The invoice of order `order` with its line items: `SelectInvoice`, then
    /// `Sel_Invoice_body_mem_cid` with the `kMapingCode` it answered. An order PayNow has
    /// no invoice for is [`Error::NotFound`].
    pub async fn invoice_details(&self, order: &OrderNo) -> Result<InvoiceDetails, Error> {
        let request = SelectInvoice {
            mem_cid: self.mem_cid(),
            order_no: Some(order.as_str().to_owned()),
        };
        let answer = self
            .query(SELECT_INVOICE, || self.client.select_invoice(&request))
            .await?;
        let invoice = answer.select_invoice_result.ok_or(Error::MissingResult {
            operation: SELECT_INVOICE,
        })?;
        if non_empty(invoice.invoice_number.as_deref()).is_none() {
            return Err(Error::NotFound {
                operation: SELECT_INVOICE,
                subject: order.as_str().to_owned(),
                message: non_empty(invoice.error_msg.as_deref()).map(str::to_owned),
            });
        }
        let items = match non_empty(invoice.k_maping_code.as_deref()) {
            Some(code) => self.invoice_items(code).await?,
            // Without a mapping code there is nothing to ask the items by.
            None => Vec::new(),
        };
        Ok(InvoiceDetails { invoice, items })
    }

    /// The line items of the invoice PayNow knows by `mapping_code` (its `kMapingCode`),
    /// with `Sel_Invoice_body_mem_cid`.
    pub async fn invoice_items(
        &self,
        mapping_code: &str,
    ) -> Result<Vec<ObjInvoiceBodyInfo>, Error> {
        let request = SelInvoiceBodyMemCid {
            mem_cid: self.mem_cid(),
            k_maping_code: Some(mapping_code.to_owned()),
        };
        let answer = self
            .query(SEL_INVOICE_BODY_MEM_CID, || {
                self.client.sel_invoice_body_mem_cid(&request)
            })
            .await?;
        let items = answer
            .sel_invoice_body_mem_cid_result
            .ok_or(Error::MissingResult {
                operation: SEL_INVOICE_BODY_MEM_CID,
            })?;
        Ok(items.obj_invoice_body_info.into_iter().flatten().collect())
    }

    /// The allowances (折讓) of invoice `number`, voided ones included, with
    /// `Sel_AllowanceData`; an invoice without allowances gives an empty list.
    pub async fn allowances_of(
        &self,
        number: &InvoiceNumber,
    ) -> Result<Vec<ObjAllowanceInfo>, Error> {
        let request = SelAllowanceData {
            mem_cid: self.mem_cid(),
            invoice_no: Some(number.as_str().to_owned()),
        };
        let answer = self
            .query(SEL_ALLOWANCE_DATA, || {
                self.client.sel_allowance_data(&request)
            })
            .await?;
        let list = answer
            .sel_allowance_data_result
            .ok_or(Error::MissingResult {
                operation: SEL_ALLOWANCE_DATA,
            })?;
        Ok(list.obj_allowance_info.into_iter().flatten().collect())
    }
}
