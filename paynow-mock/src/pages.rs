//! The HTML pages IIS sends where no SOAP answer comes: its error page and the notice of
//! the suspended service during the daily maintenance.

use axum::http::StatusCode;

/// IIS's custom error page for `status` (detailed errors off), as it looks in front of
/// an ASMX service.
pub(crate) fn iis_error_page(status: StatusCode) -> String {
    let title = format!(
        "{} - {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    );
    format!(
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>{title}</title>
<style type="text/css">
<!--
body{{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}}
fieldset{{padding:0 15px 10px 15px;}}
h1{{font-size:2.4em;margin:0;color:#FFF;}}
h2{{font-size:1.7em;margin:0;color:#CC0000;}}
h3{{font-size:1.2em;margin:10px 0 0 0;color:#000000;}}
#header{{width:96%;margin:0 0 0 0;padding:6px 2% 6px 2%;font-family:"trebuchet MS", Verdana, sans-serif;color:#FFF;background-color:#555555;}}
#content{{margin:0 0 0 2%;position:relative;}}
.content-container{{background:#FFF;width:96%;margin-top:8px;padding:10px;position:relative;}}
-->
</style>
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>{title}</h2>
  <h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>
 </fieldset></div>
</div>
</body>
</html>
"#
    )
}

/// The page of the suspended service (ASP.NET's `app_offline.htm` mechanism answers it
/// with 503 to every request while the file is in place).
pub(crate) const MAINTENANCE_PAGE: &str = "<!DOCTYPE html>
<html lang=\"zh-Hant\">
<head><meta charset=\"utf-8\"><title>系統維護中</title></head>
<body>
<h1>系統維護中</h1>
<p>立吉富電子發票系統每日 03:50 至 05:00（台灣時間）進行系統維護，暫停所有服務，請於維護結束後再試。</p>
<p>PayNow e-invoice services are suspended for daily maintenance from 03:50 to 05:00 (UTC+8).</p>
</body>
</html>
";
