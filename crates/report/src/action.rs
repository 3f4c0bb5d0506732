//! How one action is shown in a thread's timeline (its document's list draws the same card in
//! `report.js`): ratings as coloured badges with the text as printed, status changes between
//! periods, owners, due date, the latest update, and the input lines it was read from.

use crate::escape::Escaped;
use govtrail_model::{Action, Rag, Source, Status};
use std::fmt::{self, Write};

/// How many words of a long text are shown before the rest is folded into a `<details>`.
pub(crate) const SUMMARY_WORDS: usize = 40;

/// The CSS class suffix of a rating (`rag-not_started`); `unknown` for unrecognised ratings.
pub(crate) fn rag_class(rag: Option<Rag>) -> &'static str {
    rag.map_or("unknown", Rag::as_str)
}

/// The rating in words, for tooltips, legends and change notes.
pub(crate) fn rag_label(rag: Option<Rag>) -> &'static str {
    match rag {
        Some(Rag::Green) => "green",
        Some(Rag::Amber) => "amber",
        Some(Rag::Red) => "red",
        Some(Rag::Complete) => "complete",
        Some(Rag::NotStarted) => "not started",
        Some(Rag::OnHold) => "on hold",
        Some(Rag::Na) => "n/a",
        None => "unrecognised",
    }
}

/// Which way a rating moved from one period to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// To a more severe rating (amber → red).
    Worsened,
    /// To a less severe rating (red → amber, anything → complete).
    Improved,
    /// To a rating that says nothing about progress (green → on hold), or from one.
    Changed,
}

impl Change {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Change::Worsened => "worsened",
            Change::Improved => "improved",
            Change::Changed => "changed",
        }
    }
}

/// The move from rating `from` to rating `to`, or `None` when the rating stayed the same
/// (the printed text may still differ: "Medium Progress- actual/ projected" and
/// "Medium Progress- actual/projected" are both amber).
pub(crate) fn change(from: Option<Rag>, to: Option<Rag>) -> Option<Change> {
    if from == to {
        return None;
    }
    match (from.and_then(Rag::severity), to.and_then(Rag::severity)) {
        (Some(before), Some(after)) if after > before => Some(Change::Worsened),
        (Some(before), Some(after)) if after < before => Some(Change::Improved),
        _ => Some(Change::Changed),
    }
}

/// The move between the last two reporting periods, when the action has several.
pub(crate) fn latest_change(statuses: &[Status]) -> Option<Change> {
    match statuses {
        [.., before, after] => change(before.rag, after.rag),
        _ => None,
    }
}

/// The first `words` words of `text`, and whether anything was left out.
pub(crate) fn first_words(text: &str, words: usize) -> (&str, bool) {
    let mut seen = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                in_word = false;
                if seen == words {
                    let rest = text[at..].trim();
                    return (&text[..at], !rest.is_empty());
                }
            }
        } else {
            in_word = true;
        }
    }
    (text, false)
}

/// Ascending line numbers as ranges: `[38, 39, 40, 45]` → `38–40, 45`.
pub(crate) fn line_ranges(lines: &[usize]) -> String {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for &line in lines {
        match ranges.last_mut() {
            Some((_, end)) if line == *end + 1 => *end = line,
            Some((_, end)) if line == *end => {}
            _ => ranges.push((line, line)),
        }
    }
    ranges
        .iter()
        .map(|&(start, end)| {
            if start == end {
                start.to_string()
            } else {
                format!("{start}–{end}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A rating as a coloured badge showing the text as printed.
pub(crate) fn badge(out: &mut String, status: &Status) -> fmt::Result {
    let shown = if status.raw.trim().is_empty() {
        rag_label(status.rag)
    } else {
        &status.raw
    };
    write!(
        out,
        r#"<span class="badge rag-{}" title="{}">{}</span>"#,
        rag_class(status.rag),
        rag_label(status.rag),
        Escaped(shown)
    )
}

/// A text shown by its first words when it is longer, with a link to the action's card
/// (`#a-<document>-<action>`), which holds the whole of it: a timeline repeating every text in
/// full made a 300-document page several megabytes heavier.
pub(crate) fn long_text(
    out: &mut String,
    class: &str,
    label: &str,
    text: &str,
    card: &str,
) -> fmt::Result {
    let (start, cut) = first_words(text, SUMMARY_WORDS);
    write!(out, r#"<div class="{class}">"#)?;
    if !label.is_empty() {
        write!(out, r#"<span class="k">{}</span> "#, Escaped(label))?;
    }
    if cut {
        write!(
            out,
            r##"{}… <a class="more" href="#{card}">whole text</a>"##,
            Escaped(start)
        )?;
    } else {
        write!(out, "{}", Escaped(text))?;
    }
    out.push_str("</div>");
    Ok(())
}

/// Where the action was read from, to cite: `000_84d6cfeb77468bda.txt:38`, then every line.
pub(crate) fn source(out: &mut String, document: &str, source: &Source) -> fmt::Result {
    let unit = if source.sheet.is_some() {
        "row"
    } else {
        "line"
    };
    let plural = if source.lines.len() > 1 { "s" } else { "" };
    write!(
        out,
        r#"<div class="source">source <cite>{}:{}</cite> <span class="lines">{unit}{plural} {}</span></div>"#,
        Escaped(document),
        source.line,
        line_ranges(&source.lines)
    )
}

/// Every rating of the action, oldest first, with the moves between periods marked.
fn status_history(out: &mut String, statuses: &[Status]) -> fmt::Result {
    if statuses.is_empty() {
        return Ok(());
    }
    out.push_str(r#"<div class="status"><span class="k">Status</span> "#);
    for (at, status) in statuses.iter().enumerate() {
        if at > 0 {
            let before = &statuses[at - 1];
            match change(before.rag, status.rag) {
                Some(moved) => write!(
                    out,
                    r#" <span class="change {0}" title="{0}">{1} → {2} <span class="verb">{0}</span></span> "#,
                    moved.as_str(),
                    rag_label(before.rag),
                    rag_label(status.rag)
                )?,
                None => out.push_str(r#" <span class="arrow">→</span> "#),
            }
        }
        if let Some(period) = &status.period {
            write!(out, r#"<span class="period">{}</span> "#, Escaped(period))?;
        }
        badge(out, status)?;
    }
    out.push_str("</div>");
    Ok(())
}

/// Owners, due date and measure of success, where the action has them.
fn facts(out: &mut String, action: &Action, card: &str) -> fmt::Result {
    if action.owners.is_empty() && action.due.is_none() && action.measure.is_none() {
        return Ok(());
    }
    out.push_str(r#"<div class="facts">"#);
    if !action.owners.is_empty() {
        write!(
            out,
            r#"<span class="owners"><span class="k">Owners</span> {}</span> "#,
            Escaped(&action.owners.join("; "))
        )?;
    }
    if let Some(due) = &action.due {
        write!(
            out,
            r#"<span class="due"><span class="k">Due</span> {}"#,
            Escaped(&due.raw)
        )?;
        if let Some(date) = due.date {
            write!(out, r#" <span class="date">({date})</span>"#)?;
        }
        out.push_str("</span> ");
    }
    out.push_str("</div>");
    if let Some(measure) = &action.measure {
        long_text(out, "measure", "Measure", measure, card)?;
    }
    Ok(())
}

/// An action as a thread's timeline shows it: text, facts, ratings, latest update and source;
/// long texts are cut, linking to the action's card `card` (an element id) for the rest.
pub(crate) fn body(out: &mut String, document: &str, action: &Action, card: &str) -> fmt::Result {
    if !action.text.is_empty() {
        long_text(out, "text", "", &action.text, card)?;
    }
    facts(out, action, card)?;
    status_history(out, &action.status)?;
    if let Some(update) = action.latest_update() {
        let label = match &update.period {
            Some(period) => format!("Latest update ({period})"),
            None => "Latest update".to_string(),
        };
        long_text(out, "update", &label, &update.text, card)?;
    }
    source(out, document, &action.source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_moves_follow_severity() {
        let cases = [
            (Some(Rag::Amber), Some(Rag::Red), Some(Change::Worsened)),
            (Some(Rag::Green), Some(Rag::Amber), Some(Change::Worsened)),
            (Some(Rag::Red), Some(Rag::Amber), Some(Change::Improved)),
            (
                Some(Rag::Amber),
                Some(Rag::Complete),
                Some(Change::Improved),
            ),
            (
                Some(Rag::NotStarted),
                Some(Rag::Green),
                Some(Change::Changed),
            ),
            (Some(Rag::Green), None, Some(Change::Changed)),
            (Some(Rag::Amber), Some(Rag::Amber), None),
            (None, None, None),
        ];
        for (from, to, expected) in cases {
            assert_eq!(change(from, to), expected, "{from:?} → {to:?}");
        }
    }

    #[test]
    fn first_words_cuts_after_whole_words() {
        let cases = [
            ("one two three four", 2, ("one two", true)),
            ("one two", 2, ("one two", false)),
            ("one two  ", 2, ("one two", false)),
            ("  one\ttwo three", 1, ("  one", true)),
            ("", 3, ("", false)),
            ("Café – naïve words", 2, ("Café –", true)),
        ];
        for (text, n, expected) in cases {
            assert_eq!(first_words(text, n), expected, "{text:?}");
        }
    }

    #[test]
    fn line_ranges_fold_runs() {
        let cases: [(&[usize], &str); 5] = [
            (&[38], "38"),
            (&[38, 39, 40, 45], "38–40, 45"),
            (&[1, 3, 5], "1, 3, 5"),
            (&[7, 7, 8], "7–8"),
            (&[], ""),
        ];
        for (lines, expected) in cases {
            assert_eq!(line_ranges(lines), expected, "{lines:?}");
        }
    }

    #[test]
    fn badge_shows_the_printed_text_escaped() {
        let mut out = String::new();
        let status = Status {
            period: Some("2023-10".into()),
            raw: "<b>Significant issues</b>".into(),
            rag: Some(Rag::Red),
        };
        badge(&mut out, &status).unwrap();
        assert_eq!(
            out,
            r#"<span class="badge rag-red" title="red">&lt;b&gt;Significant issues&lt;/b&gt;</span>"#
        );
    }

    #[test]
    fn history_marks_a_worsened_rating() {
        let status = |period: &str, raw: &str, rag| Status {
            period: Some(period.into()),
            raw: raw.into(),
            rag: Some(rag),
        };
        let mut out = String::new();
        status_history(
            &mut out,
            &[
                status("2023-09", "Medium Progress", Rag::Amber),
                status("2023-10", "Significant issues", Rag::Red),
            ],
        )
        .unwrap();
        assert!(out.contains(r#"class="change worsened""#), "{out}");
        assert!(out.contains("amber → red"), "{out}");
    }
}
