//! The reporting quarter: `2023/24 Q3`, ending 2023-12-31.
//!
//! The header names the quarter and its months ("Q3 Rating - RAG", "Q3 October - December")
//! but not the year. The year is the one the document's own dates give those months most
//! often ("... in November 2023", "15th December 2023"); councils' financial years start in
//! April, so October–December 2023 is Q3 of 2023/24.

use chrono::{Datelike, NaiveDate};
use govtrail_parse::dates::{dates_in, end_of_month, month_number};
use regex::Regex;
use std::sync::LazyLock;

/// A financial-year quarter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quarter {
    /// `2023/24 Q3`.
    pub label: String,
    /// The quarter's last day.
    pub end: NaiveDate,
}

static QUARTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bQ\s?([1-4])\b").expect("quarter pattern"));

/// The quarter a report covers, from its header cells and the text of its updates.
pub(crate) fn quarter(header: &str, texts: &[&str]) -> Option<Quarter> {
    // "Q3", else the quarter of the first month named ("October - December").
    let number: u32 = match QUARTER.captures(header).and_then(|c| c.get(1)) {
        Some(q) => q.as_str().parse().ok()?,
        None => {
            let month = header
                .split(|c: char| !c.is_alphabetic())
                .find_map(month_number)?;
            // April–June is Q1 ... January–March is Q4.
            (month + 8) % 12 / 3 + 1
        }
    };
    // Financial-year quarters: Q1 April–June ... Q4 January–March.
    let months = [
        (number * 3 + 1) % 12,
        (number * 3 + 2) % 12,
        (number * 3 + 3) % 12,
    ]
    .map(|m| if m == 0 { 12 } else { m });
    let last_month = months[2];
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for date in texts.iter().flat_map(|t| dates_in(t)) {
        if months.contains(&date.month()) {
            match counts.iter_mut().find(|(y, _)| *y == date.year()) {
                Some((_, n)) => *n += 1,
                None => counts.push((date.year(), 1)),
            }
        }
    }
    let year = counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)?;
    let start = if last_month >= 4 { year } else { year - 1 };
    Some(Quarter {
        label: format!("{start}/{:02} Q{number}", (start + 1) % 100),
        end: end_of_month(year, last_month)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_and_year_from_header_and_updates() {
        let q = quarter(
            "Q3 Rating - RAG Q3 October - December",
            &[
                "Event took place in November 2023.",
                "Report on 17th January 2024.",
            ],
        )
        .expect("quarter");
        assert_eq!(q.label, "2023/24 Q3");
        assert_eq!(q.end.to_string(), "2023-12-31");
    }

    #[test]
    fn a_fourth_quarter_ends_in_march_of_the_next_year() {
        let q = quarter("Q4 Update", &["Signed off in February 2024."]).expect("quarter");
        assert_eq!(q.label, "2023/24 Q4");
        assert_eq!(q.end.to_string(), "2024-03-31");
    }

    #[test]
    fn months_alone_name_the_quarter() {
        let q = quarter("October - December", &["Held on 5 December 2022."]).expect("quarter");
        assert_eq!(q.label, "2022/23 Q3");
    }

    #[test]
    fn no_quarter_no_dates() {
        assert_eq!(quarter("Update", &["March 2024"]), None);
        assert_eq!(quarter("Q3 October - December", &["no dates here"]), None);
    }
}
