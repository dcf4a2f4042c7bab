// The WSDL corpus (`shared/wsdl-corpus`, described by its INDEX.tsv) as this crate tests
// it: which WSDLs generate, and how the others fail today.
//
// Included (`include!`) by `build.rs`, which generates and compiles the supported ones
// into `integration_tests::corpus`, and by `tests/corpus.rs` and `tests/zeep_oracle.rs`,
// so the list is written once. Plain `//` comments: an included file cannot hold inner
// doc comments.
//
// When the generator learns a construct and a listed failure starts to generate,
// `tests/corpus.rs` fails and says to move the entry to `Expect::Generates`; it is then
// compiled (warnings denied) and checked against zeep too.

/// One WSDL of the corpus.
pub struct Entry {
    /// Module name under `integration_tests::corpus`, unique.
    pub module: &'static str,
    /// Its folder: the `short-name` column of INDEX.tsv.
    pub short_name: &'static str,
    /// Its file within the folder: the `file` column of INDEX.tsv.
    pub file: &'static str,
    /// What generating it gives today.
    pub expect: Expect,
}

/// What generating an entry gives.
pub enum Expect {
    /// Generates: compiled into the test crate and compared with zeep.
    Generates,
    /// Fails by default with an error of this kind whose message contains `message`
    /// (an import the corpus has no copy of, a reference to nothing), and generates with
    /// `unresolved_as_raw_xml`, what is missing kept as raw XML: compiled into the test
    /// crate that way, but not compared with zeep, which cannot load it offline either.
    GeneratesLenient {
        /// The error kind without leniency.
        kind: soap_codegen::ErrorKind,
        /// A part of that error's message.
        message: &'static str,
    },
    /// Fails with an error of this kind whose message contains `message`.
    Fails {
        /// The error kind.
        kind: soap_codegen::ErrorKind,
        /// A part of the message, without the file path (it differs between machines).
        message: &'static str,
    },
}

impl Entry {
    /// The WSDL's path relative to the corpus root.
    pub fn relative_path(&self) -> String {
        format!("{}/{}", self.short_name, self.file)
    }

    /// The generator for this entry: its documents may import from anywhere in the
    /// entry's project folder (ONVIF's WSDLs import `../../../ver10/schema/onvif.xsd`),
    /// as a user allows with `--allow-imports-from`.
    pub fn generator(&self) -> soap_codegen::Generator {
        soap_codegen::Generator::new()
            .allow_imports_from(std::path::Path::new(CORPUS_DIR).join(self.short_name))
    }

    /// Whether the entry is expected to generate with default settings.
    pub fn generates(&self) -> bool {
        matches!(self.expect, Expect::Generates)
    }

    /// Whether the entry generates, leniently or not, and so is compiled into the crate.
    pub fn compiles(&self) -> bool {
        matches!(
            self.expect,
            Expect::Generates | Expect::GeneratesLenient { .. }
        )
    }

    /// Whether the entry generates only with `unresolved_as_raw_xml`.
    pub fn lenient(&self) -> bool {
        matches!(self.expect, Expect::GeneratesLenient { .. })
    }
}

/// The corpus root: `shared/` lies beside the repository (as in CI's clone).
pub const CORPUS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/wsdl-corpus");

/// Settings the corpus modules are generated with: the JSON request registry on, which
/// `tests/zeep_oracle.rs` feeds zeep's sample values to, and leniency where the entry
/// needs it.
pub fn corpus_settings(lenient: bool) -> soap_codegen::Settings {
    soap_codegen::Settings {
        json_registry: true,
        unresolved_as_raw_xml: lenient,
        ..soap_codegen::Settings::default()
    }
}

/// Generates `entry` as the corpus modules are (see [`corpus_settings`]), or says why not.
pub fn generate_corpus_module(entry: &Entry) -> Result<String, String> {
    let wsdl = std::path::Path::new(CORPUS_DIR).join(entry.relative_path());
    generate_registry_module(&wsdl, entry.generator(), entry.lenient())
}

/// Generates `wsdl` with the JSON request registry on (see [`corpus_settings`]), reading
/// its imports as `generator` allows, or says why not. It calls the public stages itself
/// because `Generator` has no switch for the registry.
pub fn generate_registry_module(
    wsdl: &std::path::Path,
    generator: soap_codegen::Generator,
    lenient: bool,
) -> Result<String, String> {
    let resolver = generator.file_resolver(wsdl);
    let definitions = match lenient {
        true => soap_codegen::parse::parse_file_lenient(wsdl, &resolver),
        false => soap_codegen::parse::parse_file_with(wsdl, &resolver),
    }
    .map_err(|e| e.to_string())?;
    let source_name = wsdl.file_name().map(|n| n.to_string_lossy().into_owned());
    soap_codegen::emit::emit(
        &definitions,
        source_name.as_deref().unwrap_or_default(),
        &corpus_settings(lenient),
    )
}

use soap_codegen::ErrorKind::{UndefinedReference, UnresolvedImport};

const fn generates(module: &'static str, short_name: &'static str, file: &'static str) -> Entry {
    Entry {
        module,
        short_name,
        file,
        expect: Expect::Generates,
    }
}

const fn generates_lenient(
    module: &'static str,
    short_name: &'static str,
    file: &'static str,
    kind: soap_codegen::ErrorKind,
    message: &'static str,
) -> Entry {
    Entry {
        module,
        short_name,
        file,
        expect: Expect::GeneratesLenient { kind, message },
    }
}

const fn fails(
    module: &'static str,
    short_name: &'static str,
    file: &'static str,
    kind: soap_codegen::ErrorKind,
    message: &'static str,
) -> Entry {
    Entry {
        module,
        short_name,
        file,
        expect: Expect::Fails { kind, message },
    }
}

/// Every WSDL of INDEX.tsv, in its order.
#[rustfmt::skip] // a table: one line per WSDL reads better than rustfmt's five
pub const CORPUS: &[Entry] = &[
    generates("asmx_calculator", "asmx-calculator", "calculator.wsdl"),
    generates("asmx_globalweather", "asmx-globalweather", "globalweather.wsdl"),
    generates("asmx_tempconvert", "asmx-tempconvert", "temperatureConverter.wsdl"),
    generates("asmx_sharepoint_lists", "asmx-sharepoint-lists", "Lists.asmx.xml"),
    generates("asmx_webxml_weather_cn", "asmx-webxml-weather-cn", "WeatherWebService.wsdl"),
    generates("asmx_nfe_sp_soap12", "asmx-nfe-sp-soap12", "SP_nfeAutorizacaoLote.asmx"),
    generates("dataflex_countryinfo", "dataflex-countryinfo", "countryInformation.wsdl"),
    // The original WCF export: its 19 schemas are `?xsd=xsdN` URLs of the live service.
    generates_lenient(
        "wcf_partnerservice",
        "wcf-partnerservice",
        "PartnerService.wsdl",
        UnresolvedImport,
        "is a remote location; generation works offline",
    ),
    generates("wcf_partnerservice_local", "wcf-partnerservice", "PartnerService.local.wsdl"),
    generates("wcf_service1_import", "wcf-service1-import", "Service1.wsdl"),
    // Abstract (port types and messages only): types, no client.
    generates("wcf_service10_abstract", "wcf-service1-import", "Service10.wsdl"),
    // The WSDL's messages name elements that none of its schemas declares: it is broken.
    generates_lenient(
        "wcf_portaplus_soap12",
        "wcf-portaplus-soap12",
        "portaplusapi.wsdl",
        UndefinedReference,
        "undefined element `{http://schemas.servicestack.net/types}AuthenticateAccount`",
    ),
    generates("jaxws_vehicleselection", "jaxws-vehicleselection", "VehicleSelectionService.wsdl"),
    generates("axis1_afip_wsaa", "axis1-afip-wsaa", "logincms.wsdl"),
    generates("cxf_russianpost_delivery", "cxf-russianpost-delivery", "DeliveryService.wsdl"),
    generates("rpclit_numbermanagement", "rpclit-numbermanagement", "NumberManagement.wsdl"),
    // rpc/encoded (SOAP encoding, soapenc:Array types): a style WS-I banned in 2004.
    generates("rpcenc_tradetracker", "rpcenc-tradetracker", "tradetracker.wsdl"),
    generates("aws_ec2_large", "aws-ec2-large", "ec2.wsdl"),
    // onvif.xsd imports OASIS WS-BaseNotification (b-2.xsd) by URL, and the corpus has no
    // copy of it (the W3C schemas it imports too are bundled with the generator).
    generates_lenient(
        "onvif_devicemgmt_soap12",
        "onvif-devicemgmt-soap12",
        "ver10/device/wsdl/devicemgmt.wsdl",
        UnresolvedImport,
        "cannot import `http://docs.oasis-open.org/wsn/b-2.xsd`",
    ),
];
