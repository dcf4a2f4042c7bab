//! Splitting a CSV file into records as RFC 4180 writes them: fields separated by `,`,
//! records by a line break (LF or CRLF); a field in double quotes may hold `,`, line breaks
//! and `""` (one `"`). Whether PayNow's csvStr can carry a value is decided afterwards.

/// One record: the line it starts on (from 1) and its fields, unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line the record starts on.
    pub line: usize,
    /// Its fields.
    pub fields: Vec<String>,
}

/// A CSV text that is not RFC 4180: the line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The records of `text`, blank lines left out.
pub fn records(text: &str) -> Result<Vec<Record>, SyntaxError> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    // Whether the current field was quoted (then it is complete when its quote closes).
    let mut quoted = false;
    let mut at_field_start = true;
    let finish =
        |fields: &mut Vec<String>, field: &mut String, records: &mut Vec<Record>, at: usize| {
            fields.push(std::mem::take(field));
            let record = std::mem::take(fields);
            let blank = record.len() == 1 && record[0].trim().is_empty();
            if !blank {
                records.push(Record {
                    line: at,
                    fields: record,
                });
            }
        };
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            field.push(c);
                        }
                        None => {
                            return Err(SyntaxError {
                                line: start_line,
                                message: "a quoted value is not closed (a `\"` is missing)"
                                    .to_owned(),
                            });
                        }
                    }
                }
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                quoted = false;
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                finish(&mut fields, &mut field, &mut records, start_line);
                line += 1;
                start_line = line;
                quoted = false;
                at_field_start = true;
            }
            c if quoted => {
                return Err(SyntaxError {
                    line,
                    message: format!(
                        "{c:?} after a closing quote: a quoted value ends at its quote"
                    ),
                });
            }
            c => {
                at_field_start = false;
                field.push(c);
            }
        }
    }
    if !fields.is_empty() || !field.is_empty() {
        finish(&mut fields, &mut field, &mut records, start_line);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        records(text)
            .unwrap()
            .into_iter()
            .map(|record| record.fields)
            .collect()
    }

    #[test]
    fn quoted_fields_hold_commas_quotes_and_line_breaks() {
        assert_eq!(
            fields("a,\"咖啡,豆\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\n"),
            vec![
                vec![
                    "a".to_owned(),
                    "咖啡,豆".to_owned(),
                    "say \"hi\"".to_owned()
                ],
                vec!["two\nlines".to_owned(), "x".to_owned()],
            ]
        );
        let lines: Vec<usize> = records("h\n\n\"a\nb\",c\nd\n")
            .unwrap()
            .iter()
            .map(|r| r.line)
            .collect();
        assert_eq!(
            lines,
            [1, 3, 5],
            "blank lines skipped, records keep their first line"
        );
    }

    #[test]
    fn unquoted_fields_are_kept_as_written() {
        assert_eq!(fields("'A1,',x y ,"), vec![vec!["'A1", "'", "x y ", ""]]);
    }

    #[test]
    fn broken_quoting_names_its_line() {
        assert_eq!(records("a\n\"open,b\n").unwrap_err().line, 2);
        let error = records("a\n\"x\"y,b\n").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(
            error.message.contains("'y' after a closing quote"),
            "{error:?}"
        );
    }
}
