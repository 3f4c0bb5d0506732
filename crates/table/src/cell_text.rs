//! Workbook cell values as the text a reader of the sheet sees.
//!
//! A workbook stores `1` in an Issue column as the float `1.0`, and a due date as a serial
//! number (`43555` is 31 March 2019) with a number format saying how to show it. A parser
//! reading `"1.0"` or `"43555"` would invent a ref and lose a date, so cells are rendered the
//! way Excel shows them:
//! - numbers in Excel's General style: `1.0` is `1`, `0.30000000000000004` is `0.3`;
//!   a percentage format shows `0.75` as `75%`;
//! - dates through their own number format: `mmm-yy` shows `Dec-22` and `mmmm yyyy` shows
//!   `March 2019`, exactly what a tracker (and its PDF text dump) prints, so a month-only due
//!   date stays month-only and the date parser gives it its month's last day; the locale
//!   short date (built-in format 14, `mm-dd-yy` in the file) is shown the UK way,
//!   `31/03/2019`, as the councils' Excel does;
//! - dates with no known format (`.xls`, `.xlsb`, `.ods`, which expose none) as
//!   `31 March 2019`: day precision, and no day/month order to guess.

use chrono::{Datelike, NaiveDateTime, NaiveTime, Timelike};

/// A workbook cell's value, independent of the workbook library.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CellValue<'a> {
    Empty,
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    Error(String),
    /// A date and time; a time of day alone (a serial below 1) is on 31 December 1899.
    DateTime(NaiveDateTime),
    /// A duration in days (`[h]:mm` cells).
    Duration(f64),
}

/// Built-in number format 14 is "the locale's short date"; councils' Excel shows it UK style.
const LOCALE_SHORT_DATE: u32 = 14;
/// Built-in number format 22 is the locale's short date and time.
const LOCALE_SHORT_DATE_TIME: u32 = 22;

/// A cell's number format: its code (`mmm-yy`) and built-in id, when it has one.
pub(crate) type NumberFormat<'a> = (&'a str, Option<u32>);

/// The text of a cell, given its number format when the workbook exposes one.
pub(crate) fn cell_text(value: &CellValue, format: Option<NumberFormat>) -> String {
    match value {
        CellValue::Empty => String::new(),
        CellValue::Text(s) => (*s).to_owned(),
        CellValue::Int(i) => i.to_string(),
        CellValue::Float(f) => match format {
            Some((code, _)) if first_section(code).contains('%') => {
                format!("{}%", general_number(f * 100.0))
            }
            _ => general_number(*f),
        },
        CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        CellValue::Error(e) => e.clone(),
        CellValue::Duration(days) => {
            let minutes = (days * 24.0 * 60.0).round() as i64;
            format!("{}:{:02}", minutes / 60, minutes % 60)
        }
        CellValue::DateTime(dt) => {
            let code = match format {
                Some((_, Some(LOCALE_SHORT_DATE))) => "dd/mm/yyyy",
                Some((_, Some(LOCALE_SHORT_DATE_TIME))) => "dd/mm/yyyy hh:mm",
                Some((code, _)) if has_date_or_time_token(code) => code,
                _ if dt.year() < 1900 => "hh:mm",
                _ if dt.time() == NaiveTime::MIN => "d mmmm yyyy",
                _ => "d mmmm yyyy hh:mm",
            };
            format_date(*dt, code)
        }
    }
}

/// A number as Excel's General format shows it: at most 15 significant digits, no `.0`.
fn general_number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded == rounded.trunc() && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// The part of a number format used for positive numbers and dates.
fn first_section(code: &str) -> &str {
    code.split(';').next().unwrap_or(code)
}

fn has_date_or_time_token(code: &str) -> bool {
    format_tokens(first_section(code))
        .iter()
        .any(|t| matches!(t, Token::Field(..)))
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Literal(String),
    /// A run of one format letter (lower-cased) and its length: `mmm` is `('m', 3)`.
    Field(char, usize),
    AmPm,
}

/// Splits a number format into date fields and literal text: quoted text, `\x` escapes,
/// `_x` spacers, `*x` fills and `[...]` colour or locale tags are handled as Excel does.
fn format_tokens(code: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&q| q == '"')
                    .map_or(chars.len(), |p| i + 1 + p);
                tokens.push(Token::Literal(chars[i + 1..end].iter().collect()));
                i = end + 1;
            }
            '\\' => {
                if let Some(&next) = chars.get(i + 1) {
                    tokens.push(Token::Literal(next.to_string()));
                }
                i += 2;
            }
            '_' => {
                tokens.push(Token::Literal(" ".into()));
                i += 2;
            }
            '*' => i += 2,
            '[' => {
                i = chars[i..]
                    .iter()
                    .position(|&q| q == ']')
                    .map_or(chars.len(), |p| i + p + 1);
            }
            'a' | 'A' if starts_with_ci(&chars[i..], "am/pm") => {
                tokens.push(Token::AmPm);
                i += 5;
            }
            'a' | 'A' if starts_with_ci(&chars[i..], "a/p") => {
                tokens.push(Token::AmPm);
                i += 3;
            }
            _ if "ymdhs".contains(c.to_ascii_lowercase()) => {
                let letter = c.to_ascii_lowercase();
                let run = chars[i..]
                    .iter()
                    .take_while(|x| x.to_ascii_lowercase() == letter)
                    .count();
                tokens.push(Token::Field(letter, run));
                i += run;
            }
            _ => {
                tokens.push(Token::Literal(c.to_string()));
                i += 1;
            }
        }
    }
    tokens
}

fn starts_with_ci(chars: &[char], word: &str) -> bool {
    let n = word.chars().count();
    chars.len() >= n
        && chars[..n]
            .iter()
            .zip(word.chars())
            .all(|(a, b)| a.eq_ignore_ascii_case(&b))
}

/// Renders `dt` through the date fields of `code`. An `m` next to `h` or `s` is minutes.
fn format_date(dt: NaiveDateTime, code: &str) -> String {
    let tokens = format_tokens(first_section(code));
    let twelve_hour = tokens.contains(&Token::AmPm);
    let fields: Vec<(usize, char)> = tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match t {
            Token::Field(c, _) => Some((i, *c)),
            _ => None,
        })
        .collect();
    let is_minute = |index: usize| {
        let at = fields.iter().position(|&(i, _)| i == index);
        let before = at
            .and_then(|a| a.checked_sub(1))
            .and_then(|a| fields.get(a));
        let after = at.and_then(|a| fields.get(a + 1));
        before.is_some_and(|&(_, c)| c == 'h') || after.is_some_and(|&(_, c)| c == 's')
    };
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Literal(s) => out.push_str(s),
            Token::AmPm => out.push_str(if dt.hour() < 12 { "AM" } else { "PM" }),
            Token::Field('y', n) if *n <= 2 => {
                out.push_str(&format!("{:02}", dt.year().rem_euclid(100)))
            }
            Token::Field('y', _) => out.push_str(&format!("{:04}", dt.year())),
            Token::Field('m', n) if *n <= 2 && is_minute(i) => {
                out.push_str(&pad(dt.minute(), *n));
            }
            Token::Field('m', n) => out.push_str(&match n {
                1 | 2 => pad(dt.month(), *n),
                3 => dt.format("%b").to_string(),
                4 => dt.format("%B").to_string(),
                _ => dt.format("%B").to_string().chars().take(1).collect(),
            }),
            Token::Field('d', n) => out.push_str(&match n {
                1 | 2 => pad(dt.day(), *n),
                3 => dt.format("%a").to_string(),
                _ => dt.format("%A").to_string(),
            }),
            Token::Field('h', n) => {
                let hour = if twelve_hour {
                    (dt.hour() + 11) % 12 + 1
                } else {
                    dt.hour()
                };
                out.push_str(&pad(hour, *n));
            }
            Token::Field('s', n) => out.push_str(&pad(dt.second(), *n)),
            Token::Field(c, n) => out.push_str(&c.to_string().repeat(*n)),
        }
    }
    out
}

fn pad(value: u32, width: usize) -> String {
    if width >= 2 {
        format!("{value:02}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap()
    }

    #[test]
    fn numbers_show_as_excel_general() {
        let cases: &[(CellValue, Option<NumberFormat>, &str)] = &[
            (CellValue::Float(1.0), None, "1"),
            (CellValue::Float(12.0), Some(("General", Some(0))), "12"),
            (CellValue::Float(2.5), None, "2.5"),
            (CellValue::Float(0.1 + 0.2), None, "0.3"),
            (CellValue::Float(-3.0), None, "-3"),
            (CellValue::Int(7), None, "7"),
            (CellValue::Float(0.75), Some(("0%", Some(9))), "75%"),
            (CellValue::Bool(true), None, "TRUE"),
            (CellValue::Error("#N/A".into()), None, "#N/A"),
        ];
        for (value, format, expected) in cases {
            assert_eq!(cell_text(value, *format), *expected, "{value:?}");
        }
    }

    #[test]
    fn dates_show_through_their_number_format() {
        let due = date(2019, 3, 31);
        let cases: &[(Option<NumberFormat>, &str)] = &[
            (Some(("mmm-yy", Some(17))), "Mar-19"),
            (Some(("mmmm yyyy", None)), "March 2019"),
            (Some(("dd/mm/yyyy", None)), "31/03/2019"),
            (Some(("mm-dd-yy", Some(14))), "31/03/2019"),
            (Some(("[$-809]d mmmm yyyy;@", None)), "31 March 2019"),
            (Some(("dddd, d\" of \"mmmm", None)), "Sunday, 31 of March"),
            (Some(("General", None)), "31 March 2019"),
            (None, "31 March 2019"),
        ];
        for (format, expected) in cases {
            assert_eq!(
                cell_text(&CellValue::DateTime(due), *format),
                *expected,
                "{format:?}"
            );
        }
    }

    #[test]
    fn minutes_are_not_months() {
        let at = NaiveDate::from_ymd_opt(2023, 10, 17)
            .and_then(|d| d.and_hms_opt(14, 5, 9))
            .unwrap();
        let cases: &[(&str, &str)] = &[
            ("dd/mm/yyyy hh:mm", "17/10/2023 14:05"),
            ("h:mm AM/PM", "2:05 PM"),
            ("mm:ss", "05:09"),
        ];
        for (code, expected) in cases {
            assert_eq!(
                cell_text(&CellValue::DateTime(at), Some((code, None))),
                *expected
            );
        }
        assert_eq!(
            cell_text(&CellValue::DateTime(at), None),
            "17 October 2023 14:05"
        );
        assert_eq!(cell_text(&CellValue::Duration(1.5), None), "36:00");
    }
}
