//! Cell text clean-up: HTML fragments to plain text, white space, protective markings.
//!
//! PDF extraction left markup in the cells (`<b>Children's Services</b> The Ofsted ...`,
//! `<ul style="list-style-type: none"> - Waste Board - Strategic Contract Meeting`), runs of
//! spaces, and page footers such as `[IL0: UNCLASSIFIED]`. Parsers read cells through these
//! functions so the same damage is handled the same way in every family.

use govtrail_table::first_byte_where;
use regex::Regex;
use std::sync::LazyLock;

// An ASCII `\b`: a Unicode one sends the regex engine off its fast DFA on any cell holding
// a curly quote or dash, and tag names are ASCII anyway.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)(?-u:\b)[^<>]*?(/?)\s*>").expect("tag pattern")
});
static MARKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\[?\s*IL\s*[0-9]\s*[:\-]?\s*(UNCLASSIFIED|OFFICIAL(\s*-?\s*SENSITIVE)?|PROTECT|RESTRICTED|CONFIDENTIAL)\s*\]?$|^\[?\s*(?i:OFFICIAL(\s*-\s*SENSITIVE)?|UNCLASSIFIED)\s*\]?$")
        .expect("marking pattern")
});

/// Collapses every run of white space (including non-breaking spaces) to one space and trims.
pub fn fold_whitespace(s: &str) -> String {
    if is_folded(s) {
        return s.to_owned();
    }
    // One pass into one buffer: this runs on every cell of every document.
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when `s` has nothing to fold: single ASCII spaces between words, none at the ends, and
/// no non-ASCII white space (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000), found by their UTF-8 bytes. Most cells are like this, and checking bytes
/// is far cheaper than splitting by characters.
fn is_folded(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Plain ASCII without control characters: then only a double space needs folding.
    if first_byte_where(bytes, |b| !(b' '..0x80).contains(&b)).is_none() {
        return !s.contains("  ");
    }
    let mut previous_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let space = match b {
            b' ' if previous_space => return false,
            b' ' => true,
            b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => return false,
            0xC2 if matches!(next(1), 0x85 | 0xA0) => return false,
            0xE1 if next(1) == 0x9A && next(2) == 0x80 => return false,
            0xE2 if next(1) == 0x80 && matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => {
                return false
            }
            0xE2 if next(1) == 0x81 && next(2) == 0x9F => return false,
            0xE3 if next(1) == 0x80 && next(2) == 0x80 => return false,
            _ => false,
        };
        previous_space = space;
    }
    true
}

/// True for a protective-marking page footer such as `[IL0: UNCLASSIFIED]`, `OFFICIAL` or
/// `[OFFICIAL]`.
pub fn is_marking_footer(s: &str) -> bool {
    MARKING.is_match(s.trim())
}

/// True for a line a page break prints rather than the document: a protective marking or
/// a page number (`Page 3 of 12`, `Page 3`, `3 of 12`, `- 3 -`). Every family asks this one
/// question of a one-value line, so an inserted footer reads the same in all of them.
///
/// ```
/// use govtrail_parse::clean::is_page_footer;
/// for f in ["Page 3 of 12", "page 3", "3 of 12", "- 3 -", "[OFFICIAL]", "OFFICIAL - SENSITIVE"] {
///     assert!(is_page_footer(f), "{f}");
/// }
/// assert!(!is_page_footer("3 of the 12 actions are complete"));
/// ```
pub fn is_page_footer(s: &str) -> bool {
    static PAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s+of\s+\d{1,4}|-\s*\d{1,4}\s*-)$")
            .expect("page footer pattern")
    });
    let s = s.trim();
    is_marking_footer(s) || PAGE.is_match(s)
}

/// `s` without the protective markings a page printed inside a cell (`Agree the plan
/// [OFFICIAL]`, `[IL0: UNCLASSIFIED] Review the register`): they label the page, not the text.
///
/// ```
/// use govtrail_parse::clean::strip_markings;
/// assert_eq!(strip_markings("Agree the plan [OFFICIAL]."), "Agree the plan .");
/// assert_eq!(strip_markings("No marking [see note 2]"), "No marking [see note 2]");
/// ```
pub fn strip_markings(s: &str) -> std::borrow::Cow<'_, str> {
    static IN_CELL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*\[\s*(?:OFFICIAL(?:\s*-\s*SENSITIVE)?|UNCLASSIFIED|IL\s*\d\s*[:\-]?\s*(?:UNCLASSIFIED|OFFICIAL|PROTECT|RESTRICTED|CONFIDENTIAL)(?:\s*-?\s*SENSITIVE)?)\s*\]")
            .expect("in-cell marking pattern")
    });
    if s.contains('[') {
        IN_CELL.replace_all(s, " ")
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// True when `s` holds markup that [`html_to_text`] would change.
pub fn has_markup(s: &str) -> bool {
    // A tag opens with `<`: a byte search turns away most cells before the regex is run.
    s.contains('&') || (s.contains('<') && TAG.is_match(s))
}

/// Removes inline tags (`<b>`, `<i>`, ...) and decodes entities, leaving the words as they are.
pub fn strip_tags(s: &str) -> String {
    fold_whitespace(&decode_entities(&TAG.replace_all(s, " ")))
}

/// Decodes the HTML entities PDF extraction leaves (`&amp;`, `&nbsp;`, `&#8217;`, ...).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let decoded = tail.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &tail[1..end];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "pound" => Some('£'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            ch.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Markers that open a list item when a `<ul>` carries its items as plain text.
const BULLETS: [&str; 7] = ["•", "·", "▪", "◦", "-", "–", "o"];

/// Turns a cell holding HTML fragments into plain text, keeping list items and paragraphs as
/// separate sentences.
///
/// Handles the shapes the archive shows: `<p>a</p> <p>b</p>`, `<ul><li>a</li><li>b</li></ul>`,
/// and `<ul style="list-style-type: none"> - a - b` where the items are plain text behind
/// bullets or dashes. Inline tags (`<b>`, `<i>`) are dropped; text without markup only has its
/// white space folded.
///
/// ```
/// use govtrail_parse::clean::html_to_text;
/// assert_eq!(
///     html_to_text(r#"Meetings: <ul style="list-style-type: none"> - Waste Board - Strategic Contract Meeting"#),
///     "Meetings: Waste Board. Strategic Contract Meeting"
/// );
/// assert_eq!(html_to_text("<p>Commenced</p> <p>Link to I18</p>"), "Commenced. Link to I18");
/// ```
pub fn html_to_text(s: &str) -> String {
    let unmarked = strip_markings(s);
    let s = unmarked.as_ref();
    if !has_markup(s) {
        return fold_whitespace(s);
    }
    // Split the cell into blocks at block-level tags, remembering which blocks sit in a list.
    let mut blocks: Vec<(String, bool)> = vec![(String::new(), false)];
    let mut list_depth = 0usize;
    let mut last = 0;
    for cap in TAG.captures_iter(s) {
        let whole = cap.get(0).expect("match");
        blocks
            .last_mut()
            .expect("one block")
            .0
            .push_str(&s[last..whole.start()]);
        last = whole.end();
        let closing = !cap[1].is_empty();
        let name = cap[2].to_ascii_lowercase();
        match name.as_str() {
            "ul" | "ol" => {
                if closing {
                    list_depth = list_depth.saturating_sub(1);
                } else {
                    list_depth += 1;
                }
                blocks.push((String::new(), list_depth > 0));
            }
            "li" | "p" | "br" | "div" | "tr" | "td" | "h1" | "h2" | "h3" | "h4" => {
                blocks.push((String::new(), list_depth > 0));
            }
            _ => blocks.last_mut().expect("one block").0.push(' '),
        }
    }
    blocks.last_mut().expect("one block").0.push_str(&s[last..]);

    let mut sentences: Vec<String> = Vec::new();
    for (text, in_list) in blocks {
        let text = fold_whitespace(&decode_entities(&text));
        if text.is_empty() {
            continue;
        }
        if in_list {
            sentences.extend(split_plain_list(&text));
        } else {
            sentences.push(text);
        }
    }
    join_sentences(&sentences)
}

/// Splits `- a - b` or `• a • b` (a list whose items are plain text) into its items.
fn split_plain_list(text: &str) -> Vec<String> {
    let mut words = text.split(' ').peekable();
    let opener = match words.peek() {
        Some(w) if BULLETS.contains(w) => w.to_string(),
        _ => return vec![text.to_owned()],
    };
    let mut items: Vec<String> = Vec::new();
    for word in words {
        if word == opener || (opener != "o" && BULLETS[..4].contains(&word)) {
            items.push(String::new());
        } else if let Some(item) = items.last_mut() {
            if !item.is_empty() {
                item.push(' ');
            }
            item.push_str(word);
        }
    }
    items.retain(|i| !i.is_empty());
    items
}

/// Joins sentences with a full stop where the previous one has no closing punctuation.
fn join_sentences(sentences: &[String]) -> String {
    let mut out = String::new();
    for s in sentences {
        if !out.is_empty() {
            if !out.ends_with(['.', '!', '?', ':', ';', ',']) {
                out.push('.');
            }
            out.push(' ');
        }
        out.push_str(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_shapes_from_the_archive() {
        let cases = [
            // <b> title inside an AGS key improvement area cell
            (
                "<b>Children's Services</b> The Ofsted re-inspection",
                "Children's Services The Ofsted re-inspection",
            ),
            // <li> items, one of them split across a page break
            (
                "<ul><li>To manage the changes, the council has:</li><li>Created an Information</li></ul>",
                "To manage the changes, the council has: Created an Information",
            ),
            // list markup with no items, just a sentence
            (
                r#"<ul style="list-style-type: none"> Governance processes refreshed and in place "#,
                "Governance processes refreshed and in place",
            ),
            // italic cross-reference with a bullet
            (
                r#"<p><i>Refresh key documents including:</i></p> <ul style="list-style-type: none"> • <i>Scheme of Delegations</i> "#,
                "Refresh key documents including: Scheme of Delegations",
            ),
            // nested list with dash and 'o' markers
            (
                r#"Meetings: <ul style="list-style-type: none"> - Waste Board - Operational Meeting <ul style="list-style-type: none"> o Fleet Group "#,
                "Meetings: Waste Board. Operational Meeting. Fleet Group",
            ),
            ("Tom &amp; Jerry&nbsp;&#8217;s", "Tom & Jerry ’s"),
            ("an >18 rate, a <5 share", "an >18 rate, a <5 share"),
        ];
        for (input, expected) in cases {
            assert_eq!(html_to_text(input), expected, "input: {input}");
        }
    }

    #[test]
    fn strip_tags_keeps_words() {
        assert_eq!(
            strip_tags("<b>Executive Director for Resources</b> March 2019"),
            "Executive Director for Resources March 2019"
        );
    }

    #[test]
    fn marking_footers() {
        for s in [
            "[IL0: UNCLASSIFIED]",
            "IL0: UNCLASSIFIED",
            "[IL2: PROTECT]",
            "OFFICIAL",
        ] {
            assert!(is_marking_footer(s), "{s}");
        }
        assert!(!is_marking_footer("Unclassified matters were reported"));
    }

    #[test]
    fn whitespace_folds_nbsp_and_tabs() {
        assert_eq!(fold_whitespace("  a\u{a0}\u{a0}b\t c "), "a b c");
        // the fast path: nothing to fold, or a non-ASCII letter that is no space
        assert_eq!(
            fold_whitespace("Director – Finance £6.5m"),
            "Director – Finance £6.5m"
        );
        assert_eq!(fold_whitespace("a\u{2003}b\u{3000}c\u{85}d"), "a b c d");
        assert_eq!(
            fold_whitespace("a\u{202f}b\u{205f}c\u{1680}d\u{2029}e"),
            "a b c d e"
        );
        assert_eq!(fold_whitespace("a  b"), "a b");
        assert_eq!(fold_whitespace(" a"), "a");
        assert_eq!(fold_whitespace(""), "");
    }
}
