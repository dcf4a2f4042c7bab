//! Where the credentials come from: the environment variables `PAYNOW_MEM_CID` and
//! `PAYNOW_MEM_PASSWORD`, then a config file.
//!
//! The file is `--config PATH`, else `$XDG_CONFIG_HOME/paynow/config.toml`, else
//! `~/.config/paynow/config.toml` (a missing default file is fine). It holds top-level
//! `key = value` lines, which makes it TOML as long as the values are quoted:
//!
//! ```toml
//! # PayNow merchant account
//! mem_cid = "70828783"
//! mem_password = "…"
//! env = "test"          # optional: test, prod or an endpoint URL
//! ```
//!
//! Values may be TOML strings (`"…"` with escapes, or `'…'`), or bare (the rest of the
//! line, trimmed, so a bare password may contain `#`). `#` starts a comment on its own line
//! or after a quoted value. Unknown keys and tables are errors, so a typo is not silently
//! ignored. Errors name the line, never the value.

use std::path::{Path, PathBuf};

use paynow_einvoice::{Credentials, Environment};
use soap_runtime::Secret;

use crate::failure::CliError;

/// The environment variable with the merchant account.
pub const MEM_CID_VAR: &str = "PAYNOW_MEM_CID";
/// The environment variable with the password.
pub const MEM_PASSWORD_VAR: &str = "PAYNOW_MEM_PASSWORD";

/// What the environment and the config file say; each may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// `mem_cid`.
    pub mem_cid: Option<String>,
    /// `mem_password`, a [`Secret`]: `Debug` of the settings never shows it.
    pub mem_password: Option<Secret<String>>,
    /// `env`, from the file only.
    pub env: Option<Environment>,
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// Things the operator should fix, such as a config file others can read.
    pub warnings: Vec<String>,
}

impl Settings {
    /// The environment variables over the config file (`explicit`, else the default path).
    pub fn gather(explicit: Option<&Path>) -> Result<Self, CliError> {
        let mut settings = match explicit {
            Some(path) => Self::read(path)?,
            None => match default_path() {
                Some(path) if path.exists() => Self::read(&path)?,
                _ => Self::default(),
            },
        };
        if let Some(mem_cid) = variable(MEM_CID_VAR) {
            settings.mem_cid = Some(mem_cid);
        }
        if let Some(mem_password) = variable(MEM_PASSWORD_VAR) {
            settings.mem_password = Some(mem_password.into());
        }
        Ok(settings)
    }

    /// Reads and parses the config file at `path`.
    fn read(path: &Path) -> Result<Self, CliError> {
        let text = std::fs::read_to_string(path).map_err(|error| {
            CliError::invalid_input(format!(
                "cannot read the config file {}: {error}",
                path.display()
            ))
        })?;
        let mut settings = parse(&text).map_err(|error| {
            CliError::invalid_input(format!("config file {}: {error}", path.display()))
        })?;
        settings.file = Some(path.to_owned());
        settings.warnings.extend(readable_by_others(path));
        Ok(settings)
    }

    /// The credentials, or a usage error saying where to put them.
    pub fn credentials(&self) -> Result<Credentials, CliError> {
        match (&self.mem_cid, &self.mem_password) {
            (Some(mem_cid), Some(mem_password)) => Ok(Credentials {
                mem_cid: mem_cid.clone(),
                mem_password: mem_password.clone(),
            }),
            (mem_cid, _) => {
                let missing = if mem_cid.is_none() {
                    "mem_cid"
                } else {
                    "mem_password"
                };
                let place = match &self.file {
                    Some(file) => format!("{} (read)", file.display()),
                    None => match default_path() {
                        Some(path) => format!("{} (absent)", path.display()),
                        None => "a config file (--config PATH)".to_owned(),
                    },
                };
                Err(CliError::usage(format!(
                    "no PayNow credentials: {missing} is not set. Set {MEM_CID_VAR} and {MEM_PASSWORD_VAR}, \
                     or write mem_cid and mem_password in {place}; or use --mock to try the embedded mock"
                )))
            }
        }
    }

    /// These settings with each missing credential taken from `defaults`.
    pub fn or_credentials(mut self, defaults: &Credentials) -> Self {
        self.mem_cid.get_or_insert_with(|| defaults.mem_cid.clone());
        self.mem_password
            .get_or_insert_with(|| defaults.mem_password.clone());
        self
    }
}

/// A warning if the file holding the password can be read by other users (Unix).
#[cfg(unix)]
fn readable_by_others(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "the config file {0} can be read by other users; run `chmod 600 {0}`",
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> Option<String> {
    None
}

/// A set, non-empty environment variable.
fn variable(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// `$XDG_CONFIG_HOME/paynow/config.toml`, else `$HOME/.config/paynow/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CONFIG_HOME").filter(|dir| !dir.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => {
            PathBuf::from(std::env::var_os("HOME").filter(|dir| !dir.is_empty())?).join(".config")
        }
    };
    Some(base.join("paynow").join("config.toml"))
}

/// Parses the config text (see the module's documentation).
fn parse(text: &str) -> Result<Settings, String> {
    let mut settings = Settings::default();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |message: &str| format!("line {number}: {message}");
        let Some((key, value)) = line.split_once('=') else {
            return Err(at("expected `key = value`"));
        };
        let value = parse_value(value.trim()).map_err(|message| at(&message))?;
        match key.trim() {
            "mem_cid" => settings.mem_cid = Some(value),
            "mem_password" => settings.mem_password = Some(value.into()),
            "env" => {
                settings.env = Some(value.parse().map_err(|message: String| at(&message))?);
            }
            other => {
                return Err(at(&format!(
                    "unknown key `{other}` (expected mem_cid, mem_password or env)"
                )));
            }
        }
    }
    Ok(settings)
}

/// A value: a TOML basic string, a TOML literal string, or bare text.
fn parse_value(value: &str) -> Result<String, String> {
    let (text, rest) = match value.chars().next() {
        Some('"') => basic_string(&value[1..])?,
        Some('\'') => {
            let end = value[1..].find('\'').ok_or("unterminated '…' string")?;
            (value[1..=end].to_owned(), &value[end + 2..])
        }
        _ => return Ok(value.to_owned()),
    };
    let rest = rest.trim();
    if rest.is_empty() || rest.starts_with('#') {
        Ok(text)
    } else {
        Err("unexpected text after the quoted value".to_owned())
    }
}

/// A TOML basic string after its opening `"`: the text, and what follows the closing `"`.
fn basic_string(body: &str) -> Result<(String, &str), String> {
    let mut text = String::new();
    let mut chars = body.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return Ok((text, &body[index + 1..])),
            '\\' => {
                let escaped = match chars.next().map(|(_, c)| c) {
                    Some('"') => '"',
                    Some('\\') => '\\',
                    Some('n') => '\n',
                    Some('t') => '\t',
                    Some('r') => '\r',
                    Some(code @ ('u' | 'U')) => {
                        let digits = if code == 'u' { 4 } else { 8 };
                        let hex: String = chars.by_ref().take(digits).map(|(_, c)| c).collect();
                        u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or("invalid \\u escape")?
                    }
                    _ => return Err("unknown escape in a \"…\" string".to_owned()),
                };
                text.push(escaped);
            }
            c => text.push(c),
        }
    }
    Err("unterminated \"…\" string".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_plain_lines() {
        let settings = parse(
            "# account\nmem_cid = \"70828783\"  # the UBN\n\nmem_password=p#ss w0rd\nenv = 'prod'\n",
        )
        .unwrap();
        assert_eq!(settings.mem_cid.as_deref(), Some("70828783"));
        assert_eq!(
            settings.mem_password.as_ref().map(Secret::expose_str),
            Some("p#ss w0rd")
        );
        assert_eq!(settings.env, Some(Environment::Production));
    }

    #[test]
    fn basic_string_escapes() {
        let settings = parse(r#"mem_password = "a\"b\\c\u00e9""#).unwrap();
        assert_eq!(
            settings.mem_password.as_ref().map(Secret::expose_str),
            Some("a\"b\\cé")
        );
    }

    #[test]
    fn errors_name_the_line_but_not_the_value() {
        for (text, expected) in [
            ("mem_cid = 1\n[paynow]", "line 2: expected `key = value`"),
            (
                "mem_pasword = \"s3cret\"",
                "line 1: unknown key `mem_pasword` (expected mem_cid, mem_password or env)",
            ),
            (
                "mem_password = \"s3cret",
                "line 1: unterminated \"…\" string",
            ),
            (
                "mem_password = 's3cret' x",
                "line 1: unexpected text after the quoted value",
            ),
        ] {
            assert_eq!(parse(text).unwrap_err(), expected);
        }
    }

    #[test]
    fn missing_credentials_say_where_to_put_them() {
        let settings = Settings {
            mem_cid: Some("70828783".into()),
            ..Settings::default()
        };
        let error = settings.credentials().unwrap_err();
        assert!(error.message.contains("mem_password is not set"));
        assert!(error.message.contains(MEM_PASSWORD_VAR));
    }
}
