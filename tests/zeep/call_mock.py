"""Calls a running paynow-mock with python-zeep, as a third-party SOAP client would.

Usage: call_mock.py WSDL_URL MEM_CID MEM_PASSWORD ORDER_NO

Loads the service description from WSDL_URL, issues one invoice for ORDER_NO with
UploadInvoice_Patch (SOAP 1.1 port, a real csvStr), checks it with Check_invoice (SOAP 1.2
port), voids it twice with CancelInvoice_I (SOAP 1.1), and prints one JSON object with every
result on stdout. Used by tests/tests/mock_zeep.rs.
"""

import base64
import json
import sys
import urllib.parse

import zeep


def csv_str(order_no):
    """One invoice of two lines: 17 '-prefixed values a row, Base64, then URL-encoded."""
    rows = [
        [order_no, "", "王小明", "", "", "ming@example.com.tw", "", "", "", "",
         "咖啡豆", "2", "60", "120", "", "1", ""],
        [order_no, "", "王小明", "", "", "ming@example.com.tw", "", "", "", "",
         "濾紙", "1", "30", "30", "", "1", ""],
    ]
    text = "\n".join(",".join("'" + value for value in row) for row in rows)
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return urllib.parse.quote(encoded, safe="")


def main():
    wsdl_url, mem_cid, mem_password, order_no = sys.argv[1:5]
    client = zeep.Client(wsdl_url)
    soap11 = client.bind("PayNowEInvoice", "PayNowEInvoiceSoap")
    soap12 = client.bind("PayNowEInvoice", "PayNowEInvoiceSoap12")

    upload = soap11.UploadInvoice_Patch(
        mem_cid=mem_cid, mem_password=mem_password, csvStr=csv_str(order_no))
    invoice_no = upload.split(",")[1].rsplit("_", 1)[1] if upload.startswith("S_") else ""
    results = {
        "upload": upload,
        "invoice_no": invoice_no,
        "check": soap12.Check_invoice(mem_cid=mem_cid, InvoiceNo=invoice_no),
        "info": soap11.Invoice_Info(mem_cid=mem_cid, InvoiceNo=invoice_no),
        "cancel": soap11.CancelInvoice_I(mem_cid=mem_cid, InvoiceNo=invoice_no),
        "cancel_again": soap11.CancelInvoice_I(mem_cid=mem_cid, InvoiceNo=invoice_no),
    }
    json.dump(results, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
