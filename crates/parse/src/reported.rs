//! The date a plan reports at, when it does not print one exactly.
//!
//! A review plan carries no "as at" date, and a quarterly report only names its quarter; their
//! progress notes do: "Cabinet decision 15/12/21",
//! "The revised SLT Business Plan was received on 4 th January 2022". The latest exact day a
//! note reports is the best estimate of when the plan was written. Dates the notes announce
//! ("Date of next Waste Management Board is 27 th Jan 2022", "report expected w/c 10/01/22",
//! "to be approved by Cabinet 12/01/22") lie ahead of it and are skipped, as are bare months
//! ("drafted during December 2022" is a typo no exact day confirms).

use crate::dates::first_exact_date;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

static EXACT_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b|\b\d{1,2}\s*(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?\s*,?\s+\d{4}\b")
        .expect("exact day pattern")
});

static ANNOUNCES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:next|expected|due|to\s+be|will|scheduled|planned|upcoming|forthcoming|w/c|until|deadline|moved|postponed|deferred)\b",
    )
    .expect("future cue pattern")
});

/// How far past the middle of the notes' reported days a day may lie and still be reported
/// rather than announced.
const MAX_DAYS_PAST_MIDDLE: i64 = 120;

/// The latest exact day the progress notes report as past, if any.
///
/// Notes are written together, so the days they report cluster; a day far past the middle
/// of them (a planned meeting, "the deadline moved nationally to 24 February 2025") is one
/// announced without a cue word, and is not taken.
///
/// ```
/// use govtrail_parse::reported::latest_reported_day;
/// let notes = ["Cabinet decision 15/12/21", "Date of next Board is 27 th Jan 2022"];
/// assert_eq!(latest_reported_day(notes).map(|d| d.to_string()).as_deref(), Some("2021-12-15"));
/// ```
pub fn latest_reported_day<'a>(notes: impl IntoIterator<Item = &'a str>) -> Option<NaiveDate> {
    let mut days: Vec<NaiveDate> = Vec::new();
    for note in notes {
        for m in EXACT_DAY.find_iter(note) {
            let clause_start = note[..m.start()]
                .rfind(['.', ';', '\n'])
                .map_or(0, |i| i + 1);
            if ANNOUNCES.is_match(&note[clause_start..m.start()]) {
                continue;
            }
            if let Some(day) = first_exact_date(m.as_str()) {
                days.push(day);
            }
        }
    }
    days.sort_unstable();
    let middle = *days.get(days.len().saturating_sub(1) / 2)?;
    days.into_iter()
        .rev()
        .find(|day| (*day - middle).num_days() <= MAX_DAYS_PAST_MIDDLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_far_past_the_others_is_announced_not_reported() {
        let notes = [
            "Cabinet approved the plan on 15/12/2021.",
            "Training held on 10 January 2022 for all managers.",
            "The go-live of the national system is now 24 February 2025 for all councils.",
        ];
        assert_eq!(
            latest_reported_day(notes).map(|d| d.to_string()).as_deref(),
            Some("2022-01-10")
        );
        let cued = [
            "Deadline moved nationally to 24 February 2025.",
            "Met on 3/3/2022.",
        ];
        assert_eq!(
            latest_reported_day(cued).map(|d| d.to_string()).as_deref(),
            Some("2022-03-03")
        );
    }

    #[test]
    fn progress_note_dates() {
        let cases: [(&str, Option<&str>); 8] = [
            ("Cabinet decision 15/12/21", Some("2021-12-15")),
            (
                "The revised SLT Business Plan was received on 4 th January 2022. The review is due within 10 working days",
                Some("2022-01-04"),
            ),
            ("Improvement Plan submitted to Council for approval 18/01/22", Some("2022-01-18")),
            ("Date of next Waste Management Board is 27 th Jan 2022", None),
            ("CIPFA's report expected w/c 10/01/22 Link to I36", None),
            ("Procurement approach to be approved by Cabinet 12/01/22", None),
            ("drafted during December 2022", None),
            ("Meetings have started", None),
        ];
        for (note, expected) in cases {
            assert_eq!(
                latest_reported_day([note])
                    .map(|d| d.to_string())
                    .as_deref(),
                expected,
                "note: {note}"
            );
        }
        assert_eq!(
            latest_reported_day(["held on 01/12/21", "received on 4 th January 2022"])
                .map(|d| d.to_string())
                .as_deref(),
            Some("2022-01-04")
        );
    }
}
