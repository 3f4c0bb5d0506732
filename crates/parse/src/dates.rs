//! Dates as plans print them: target dates, "as at" dates, reporting periods.
//!
//! Delivery dates come in many shapes: "March 2019", "End December 2021", "Dec-22",
//! "Jul- 24", "12 January 2022", "March-May 2022", "Summer 2022", "Q3 2023/24",
//! "Commission exercise – March 2022 Completion – July 2022", "TBC", "In place". The raw text
//! is always kept; a date is derived only where the text names one: the last day of the named
//! day, month, season, quarter or year, and the latest of several.

use chrono::{Datelike, NaiveDate};
use govtrail_model::DueDate;
use govtrail_table::first_byte_where;
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// A month name or abbreviation (`Sept`, `June`, `Dec`) to its number.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| {
            m.starts_with(&w) && (w.len() >= 3) && (w.len() == 3 || w == "sept" || *m == w)
        })
        .map(|i| i as u32 + 1)
}

/// The last day of `month` in `year`.
pub fn end_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
}

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

/// The date shapes, most specific first, each with its compiled pattern.
static PATTERNS: LazyLock<Vec<(Shape, Regex)>> = LazyLock::new(|| {
    SHAPES
        .iter()
        .map(|(shape, pattern)| (*shape, Regex::new(pattern).expect("date pattern")))
        .collect()
});

/// All shapes in one set: one pass over a text tells which shapes occur in it at all, so the
/// capturing searches run only for those (most texts name a year and nothing else).
static ANY_SHAPE: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(SHAPES.iter().map(|(_, pattern)| pattern)).expect("date patterns")
});

/// The date shapes, most specific first, each with its pattern's text.
static SHAPES: LazyLock<Vec<(Shape, String)>> = LazyLock::new(|| {
    // ASCII word boundaries and digits: dates are ASCII, and Unicode `\b` makes the regex
    // engine leave its fast DFA on any text holding a dash or curly quote ("March – 2022").
    let p = |s: &str| {
        let ascii = s.replace(r"\b", r"(?-u:\b)").replace(r"\d", "[0-9]");
        format!("(?i){ascii}")
    };
    vec![
        // 31/03/2024, 31.03.24, 8/8/2023
        (
            Shape::Numeric,
            p(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b"),
        ),
        // 12 January 2022, 4 th January 2022, 1st April 2023
        (
            Shape::DayMonthYear,
            p(&format!(
                r"\b(\d{{1,2}})\s*(?:st|nd|rd|th)?\s+({MONTH})\s*,?\s+(\d{{4}})\b"
            )),
        ),
        // March-May 2022, March to August 2022: the span ends at the second month
        (
            Shape::MonthSpan,
            p(&format!(
                r"\b({MONTH})\s*(?:-|–|to)\s*({MONTH})\s+(\d{{4}})\b"
            )),
        ),
        // March 2019, Sept 23, Dec-22, Jul- 24, Ocr 23 is not a month and stays undated
        (
            Shape::MonthYear,
            p(&format!(
                r"\b({MONTH})(?:\s*[-/]\s*|\s+)(\d{{4}}|\d{{2}})\b"
            )),
        ),
        // Summer 2022, Autumn 2021
        (
            Shape::Season,
            p(r"\b(spring|summer|autumn|fall|winter)\s+(\d{4})\b"),
        ),
        // Q3 2023/24, Q3 2023-24
        (
            Shape::Quarter,
            p(r"\bQ([1-4])\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\b"),
        ),
        // 2023/24 (a financial year, ending 31 March)
        (Shape::FinancialYear, p(r"\b(\d{4})\s*/\s*(\d{2}|\d{4})\b")),
        // End 2023, early 2024, 2024
        (Shape::Year, p(r"\b((?:19|20)\d{2})\b")),
    ]
});

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Numeric,
    DayMonthYear,
    MonthSpan,
    MonthYear,
    Season,
    Quarter,
    FinancialYear,
    Year,
}

fn year_of(digits: &str) -> Option<i32> {
    let y: i32 = digits.parse().ok()?;
    match digits.len() {
        2 => Some(2000 + y),
        4 => Some(y),
        _ => None,
    }
}

/// Every date the text names, each as the last day it allows, in text order.
///
/// A part of the text matched by a more specific shape is not read again by a looser one:
/// "12 January 2022" is one date, not also "January 2022" or "2022".
pub fn dates_in(text: &str) -> Vec<NaiveDate> {
    // Every shape holds a digit: text without one ("In place and Ongoing") names no date.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    // Case-insensitive matching lets the long s and the Kelvin sign stand for `s` and `k`
    // ("Auguſt 2022"); the spans below know ASCII letters only, so such text is read whole.
    if text.contains('\u{17F}') || text.contains('\u{212A}') {
        return dates_in_span(text);
    }
    let mut dates = Vec::new();
    for span in date_spans(text) {
        match common_date(span) {
            Some(date) => dates.push(date),
            None => dates.extend(dates_in_span(span)),
        }
    }
    dates
}

/// The parts of a text a date could lie in, each holding a digit, in text order.
///
/// A date is made of whole words — numbers, month and season names, `to`, ordinal suffixes —
/// joined by spaces, dashes, slashes, dots and commas. Any other word or character ends a
/// span: in "Event took place in November 2023, report due 17th January 2024." the spans are
/// " November 2023, " and " 17th January 2024.", and a long progress note costs a byte scan
/// rather than a regex search per date shape. A date never crosses a span's edge, and an edge
/// is never inside a word, so reading each span alone finds exactly the dates of the whole.
///
/// Spans are found from their digits: the text between them is passed over by a search for
/// the next digit, and only the words around a digit are looked at.
fn date_spans(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let digit = at + first_byte_where(bytes.get(at..)?, |b| b.is_ascii_digit())?;
        // The digit's word, then the date-like words and marks before and after it. The
        // text from `at` opens with the mark or word that ended the last span.
        let mut start = digit
            - bytes[at..digit]
                .iter()
                .rev()
                .take_while(|&&b| is_word_byte(b))
                .count();
        while start > at {
            match date_token_before(text, start) {
                Some(token_start) => start = token_start,
                None => break,
            }
        }
        let mut end = digit;
        while let Some(token_end) = date_token_after(text, end) {
            end = token_end;
        }
        at = end;
        Some(&text[start..end])
    })
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a word (a run of ASCII letters, digits and `_`) can be part of a date.
fn is_date_word(word: &[u8]) -> bool {
    word.iter().any(u8::is_ascii_digit) || may_be_date_word(word)
}

/// Whether a mark between words can be part of a date.
fn is_date_mark(c: char) -> bool {
    c.is_whitespace() || matches!(c, '/' | '.' | '-' | ',' | '–')
}

/// The end of the word or mark starting at `at` when a date can hold it.
fn date_token_after(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let b = *bytes.get(at)?;
    if is_word_byte(b) {
        let len = bytes[at..].iter().take_while(|&&b| is_word_byte(b)).count();
        return is_date_word(&bytes[at..at + len]).then_some(at + len);
    }
    let c = text[at..].chars().next()?;
    is_date_mark(c).then_some(at + c.len_utf8())
}

/// The start of the word or mark ending at `end` when a date can hold it.
fn date_token_before(text: &str, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let b = bytes[..end].last().copied()?;
    if is_word_byte(b) {
        let len = bytes[..end]
            .iter()
            .rev()
            .take_while(|&&b| is_word_byte(b))
            .count();
        return is_date_word(&bytes[end - len..end]).then_some(end - len);
    }
    let c = text[..end].chars().next_back()?;
    is_date_mark(c).then_some(end - c.len_utf8())
}

/// Whether a word without digits can be part of a date: a month name or abbreviation, `to`
/// and a month run together ("Marchto May 2022", "March toMay 2022", "MarchtoMay 2022"), a
/// season, or an ordinal suffix ("4 th January").
fn may_be_date_word(word: &[u8]) -> bool {
    let lower = |i: usize| word.get(i).map_or(0, u8::to_ascii_lowercase);
    let starts_a_span = matches!(
        [lower(0), lower(1), lower(2)],
        [b'j', b'a', b'n']
            | [b'f', b'e', b'b']
            | [b'm', b'a', b'r']
            | [b'a', b'p', b'r']
            | [b'm', b'a', b'y']
            | [b'j', b'u', b'n']
            | [b'j', b'u', b'l']
            | [b'a', b'u', b'g']
            | [b's', b'e', b'p']
            | [b'o', b'c', b't']
            | [b'n', b'o', b'v']
            | [b'd', b'e', b'c']
            | [b't', b'o', _]
    );
    match word.len() {
        2 => {
            starts_a_span
                || matches!(
                    [lower(0), lower(1)],
                    [b's', b't'] | [b'n', b'd'] | [b'r', b'd'] | [b't', b'h']
                )
        }
        // "september", "to" and "september" again make twenty letters.
        3..=20 => {
            starts_a_span
                || [&b"spring"[..], b"summer", b"autumn", b"fall", b"winter"]
                    .iter()
                    .any(|season| season.eq_ignore_ascii_case(word))
        }
        _ => false,
    }
}

/// The one date of a span printed the commonest ways — "June 2020", "Sept 23", "Dec-16",
/// "17 January 2024", "20th Feb 2024" — read without the regex engine. Any other span, or a
/// day the calendar lacks ("31 Feb 2024"), is left to the shapes.
fn common_date(span: &str) -> Option<NaiveDate> {
    let core = span.trim_matches(is_date_mark);
    let month = |word: &str| {
        word.bytes()
            .all(|b| b.is_ascii_alphabetic())
            .then(|| month_number(word))?
    };
    let year = |word: &str| {
        (matches!(word.len(), 2 | 4) && word.bytes().all(|b| b.is_ascii_digit()))
            .then(|| year_of(word))?
    };
    let mut words = core.split(' ');
    match (words.next(), words.next(), words.next(), words.next()) {
        (Some(m), Some(y), None, None) => end_of_month(year(y)?, month(m)?),
        (Some(d), Some(m), Some(y), None) if y.len() == 4 => {
            let digits = d.bytes().take_while(u8::is_ascii_digit).count();
            let suffix = &d[digits..];
            let ordinal = ["", "st", "nd", "rd", "th"]
                .iter()
                .any(|s| s.eq_ignore_ascii_case(suffix));
            if !matches!(digits, 1 | 2) || !ordinal {
                return None;
            }
            NaiveDate::from_ymd_opt(year(y)?, month(m)?, d[..digits].parse().ok()?)
        }
        // "Dec-16", "Sept/2023": a month and its year joined by a dash or a slash.
        (Some(word), None, None, None) => {
            let (m, y) = word.split_once(['-', '/'])?;
            end_of_month(year(y)?, month(m)?)
        }
        _ => None,
    }
}

/// The dates of one span of text (or of a whole text): each shape in turn, most specific
/// first, over the parts no earlier shape has taken.
fn dates_in_span(text: &str) -> Vec<NaiveDate> {
    let present = ANY_SHAPE.matches(text);
    if !present.matched_any() {
        return Vec::new();
    }
    let mut taken: Vec<(usize, usize, NaiveDate)> = Vec::new();
    for (shape, re) in present.iter().map(|i| &PATTERNS[i]) {
        for cap in re.captures_iter(text) {
            let whole = cap.get(0).expect("match");
            if taken
                .iter()
                .any(|&(s, e, _)| whole.start() < e && s < whole.end())
            {
                continue;
            }
            let g = |i: usize| cap.get(i).map_or("", |m| m.as_str());
            let date = match shape {
                Shape::Numeric => year_of(g(3)).and_then(|y| {
                    NaiveDate::from_ymd_opt(y, g(2).parse().ok()?, g(1).parse().ok()?)
                }),
                Shape::DayMonthYear => year_of(g(3)).and_then(|y| {
                    NaiveDate::from_ymd_opt(y, month_number(g(2))?, g(1).parse().ok()?)
                }),
                Shape::MonthSpan => {
                    year_of(g(3)).and_then(|y| end_of_month(y, month_number(g(2))?))
                }
                Shape::MonthYear => {
                    year_of(g(2)).and_then(|y| end_of_month(y, month_number(g(1))?))
                }
                Shape::Season => year_of(g(2)).and_then(|y| {
                    match g(1).to_ascii_lowercase().as_str() {
                        "spring" => end_of_month(y, 5),
                        "summer" => end_of_month(y, 8),
                        "autumn" | "fall" => end_of_month(y, 11),
                        // Winter 2022 runs into February 2023.
                        _ => end_of_month(y + 1, 2),
                    }
                }),
                Shape::Quarter => year_of(g(2)).and_then(|y| {
                    // Council financial years start in April: Q1 Apr-Jun ... Q4 Jan-Mar.
                    let q: u32 = g(1).parse().ok()?;
                    let (year, month) = if q == 4 { (y + 1, 3) } else { (y, 3 + 3 * q) };
                    end_of_month(year, month)
                }),
                Shape::FinancialYear => year_of(g(1)).and_then(|start| {
                    // "2023/24": the second part must be the next year, else it is no year span.
                    let end = year_of(g(2))?;
                    (end % 100 == (start + 1) % 100).then(|| end_of_month(start + 1, 3))?
                }),
                Shape::Year => year_of(g(1)).and_then(|y| end_of_month(y, 12)),
            };
            if let Some(d) = date {
                taken.push((whole.start(), whole.end(), d));
            }
        }
    }
    taken.sort_by_key(|&(s, _, _)| s);
    taken.into_iter().map(|(_, _, d)| d).collect()
}

/// A due date from its printed text: `raw` always, `date` the latest date the text names.
///
/// ```
/// use govtrail_parse::dates::parse_due;
/// assert_eq!(parse_due("End December 2021").date.map(|d| d.to_string()).as_deref(), Some("2021-12-31"));
/// assert_eq!(parse_due("In place").date, None);
/// ```
pub fn parse_due(raw: &str) -> DueDate {
    DueDate::new(raw.trim(), dates_in(raw).into_iter().max())
}

/// The first exact day the text names ("as at 30 November 2017", "31/01/2019").
pub fn first_exact_date(text: &str) -> Option<NaiveDate> {
    PATTERNS
        .iter()
        .filter(|(shape, _)| matches!(shape, Shape::Numeric | Shape::DayMonthYear))
        .filter_map(|(_, re)| {
            let cap = re.captures(text)?;
            let d = dates_in(cap.get(0)?.as_str()).into_iter().next()?;
            Some((cap.get(0)?.start(), d))
        })
        .min_by_key(|&(at, _)| at)
        .map(|(_, d)| d)
}

/// The date after "as at" in a header such as "Update on implementation of actions as at
/// 30 November 2017"; a month alone ("as at January 2019") gives its last day.
pub fn as_at_date(text: &str) -> Option<NaiveDate> {
    static AS_AT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bas\s+at\b(.*)$").expect("as-at pattern"));
    let tail = AS_AT.captures(text)?.get(1)?.as_str();
    first_exact_date(tail).or_else(|| dates_in(tail).into_iter().next())
}

/// The `YYYY-MM` period of a date.
pub fn month_period(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    fn due(raw: &str) -> Option<String> {
        parse_due(raw).date.map(|d| d.to_string())
    }

    #[test]
    fn due_date_shapes() {
        let cases: [(&str, Option<&str>); 30] = [
            ("March 2019", Some("2019-03-31")),
            ("End December 2021", Some("2021-12-31")),
            ("February 2022", Some("2022-02-28")),
            ("12 January 2022", Some("2022-01-12")),
            ("1 April 2023", Some("2023-04-01")),
            ("March-May 2022", Some("2022-05-31")),
            (
                "Commission exercise – March 2022 Completion – July 2022",
                Some("2022-07-31"),
            ),
            (
                "PM methodology agreed - December 2022 Implementation of training - February 2022",
                Some("2022-12-31"),
            ),
            (
                "during the period from March to August 2022",
                Some("2022-08-31"),
            ),
            ("In place", None),
            ("Immediate", None),
            ("Achieved", None),
            ("Summer 2022", Some("2022-08-31")),
            ("Autumn 2021", Some("2021-11-30")),
            ("Winter 2022", Some("2023-02-28")),
            ("Dec-22", Some("2022-12-31")),
            ("Jul- 24", Some("2024-07-31")),
            ("Sept 23", Some("2023-09-30")),
            ("June 2023", Some("2023-06-30")),
            ("TBC", None),
            ("Ongoing", None),
            ("quarterly May Aug Nov Feb", None),
            ("AA- ongoing", None),
            ("End December", None),
            // "23-Aug" is Excel's rendering of a day and month with no year: no honest date.
            ("23-Aug", None),
            ("Q3 2023/24", Some("2023-12-31")),
            ("2023/24", Some("2024-03-31")),
            ("TBC following 08/08/2023 meeting", Some("2023-08-08")),
            ("End 2023", Some("2023-12-31")),
            (
                "By the proposed revised date of end January 2022",
                Some("2022-01-31"),
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(due(raw).as_deref(), expected, "raw: {raw}");
        }
    }

    #[test]
    fn raw_is_kept_trimmed() {
        assert_eq!(parse_due("  Ocr 23 ").raw, "Ocr 23");
        assert_eq!(parse_due("Ocr 23").date, None);
    }

    #[test]
    fn as_at_from_headers() {
        let d = |s: &str| as_at_date(s).map(|d| d.to_string());
        assert_eq!(
            d("Update on implementation of actions as at 30 November 2017").as_deref(),
            Some("2017-11-30")
        );
        assert_eq!(
            d("Update as at 31 January 2019").as_deref(),
            Some("2019-01-31")
        );
        assert_eq!(
            d("Update as at January 2019").as_deref(),
            Some("2019-01-31")
        );
        assert_eq!(d("Update on implementation"), None);
    }

    /// Text made of date parts and the words and marks around them, glued in any order.
    fn date_like_text() -> impl Strategy<Value = String> {
        const PARTS: [&str; 44] = [
            "12",
            "4",
            "2022",
            "23",
            "2023/24",
            "31/03/2024",
            "8.8.23",
            "Q3",
            "q4",
            "1st",
            "4",
            "th",
            "January",
            "Sept",
            "DEC",
            "mar",
            "Marchto",
            "to",
            "May",
            "Summer",
            "winter",
            " ",
            "  ",
            "\u{a0}",
            "\n",
            "-",
            "–",
            "—",
            "/",
            ".",
            ",",
            "(",
            ":",
            "_",
            "é",
            "the",
            "end",
            "x",
            "a2",
            "Q",
            "Ocr",
            "Auguſt",
            "report",
            "'",
        ];
        proptest::collection::vec(proptest::sample::select(&PARTS[..]), 0..24)
            .prop_map(|parts| parts.concat())
    }

    proptest::proptest! {
        #[test]
        fn spans_find_the_dates_of_the_whole_text(text in date_like_text()) {
            proptest::prop_assert_eq!(dates_in(&text), dates_in_span(&text));
        }
    }

    #[test]
    fn spans_find_the_dates_of_every_seed_line() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let entries = std::fs::read_dir(&seeds).expect("seeds folder");
        let mut lines = 0;
        for entry in entries {
            let text = std::fs::read_to_string(entry.expect("seed").path()).unwrap_or_default();
            for line in text.lines() {
                assert_eq!(dates_in(line), dates_in_span(line), "line: {line}");
                lines += 1;
            }
        }
        assert!(lines > 500, "only {lines} seed lines read");
    }

    #[test]
    fn spans_stop_at_words_no_date_holds() {
        let spans: Vec<&str> =
            date_spans("Event took place in November 2023, report due 17th January 2024. (Q3)")
                .collect();
        assert_eq!(spans, [" November 2023, ", " 17th January 2024. ", "Q3"]);
    }

    #[test]
    fn month_names() {
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("June"), Some(6));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Marching"), None);
    }
}
