//! The RAG vocabulary of corporate plan reports, read through the damage around it.
//!
//! The rating cell holds one of a few phrases ("On Track", "Medium Issue/Slippage",
//! "Significant issues/risks/slippage", "Complete"), sometimes with a stray glyph from the
//! sidebar (`ı On Track`) or a header word that leaked into the first row (`RAG On Track`).

use govtrail_model::Rag;
use std::sync::LazyLock;

/// A rating as printed, cleaned of leaked noise, and what it maps to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rating {
    /// The rating phrase as printed, without the noise before it ("On Track").
    pub raw: String,
    /// What it maps to.
    pub rag: Rag,
}

/// The phrases (lower case, spaces folded) a rating cell of these reports ends in, longest
/// first so that "medium issue/slippage" wins over "slippage". Which rating each names is the
/// shared vocabulary's answer ([`govtrail_parse::status::rag_of`]).
const PHRASES: [&str; 14] = [
    "significant issues/risks/slippage",
    "significant issues / risks / slippage",
    "significant issues",
    "medium issue/slippage",
    "medium issue / slippage",
    "medium issues/slippage",
    "minor issue/slippage",
    "not yet started",
    "not started",
    "on track",
    "completed",
    "complete",
    "on hold",
    "n/a",
];

/// The most words a rating cell holds: the longest phrase and one token of noise.
const MAX_RATING_WORDS: usize = 7;

/// Reads a rating cell. The phrase must end the cell; before it at most one short token of
/// noise is allowed (`ı On Track`, `RAG On Track`), so running text that merely mentions
/// "on track" is not a rating.
pub(crate) fn read_rating(cell: &str) -> Option<Rating> {
    // Two cheap refusals before the cell is folded and lower-cased, the cheaper first: a cell
    // that ends in no phrase's last word, and running text (the longest phrase has six words
    // and one token of noise may precede it).
    if !may_end_in_rating(cell) || cell.split_whitespace().nth(MAX_RATING_WORDS).is_some() {
        return None;
    }
    let folded = govtrail_parse::clean::fold_whitespace(cell);
    let lower = folded.to_lowercase();
    let trimmed = lower.trim_end_matches(['.', ' ']);
    for phrase in PHRASES {
        let Some(prefix) = trimmed.strip_suffix(phrase) else {
            continue;
        };
        let noise = prefix.trim();
        let is_noise = noise.is_empty()
            || noise == "rag"
            || (noise.chars().count() <= 2 && !noise.contains(' '));
        if !is_noise || (!prefix.is_empty() && !prefix.ends_with(' ')) {
            continue;
        }
        // Byte offsets are the same in `folded` and `lower` for the phrase's ASCII letters
        // only when the noise lower-cases to the same length; take the tail by char count.
        let keep = phrase.chars().count();
        let total = folded.trim_end_matches(['.', ' ']).chars().count();
        let raw: String = folded.chars().skip(total - keep).take(keep).collect();
        let rag = govtrail_parse::status::rag_of(phrase)?;
        return Some(Rating { raw, rag });
    }
    None
}

/// Whether `cell` ends in the last word of a phrase (`track`, `issues/risks/slippage`), as it
/// would once folded and lower-cased: most cells of a plan ("CH1", "Deliver the Trust Board",
/// a long update) do not, and are turned away without either step.
fn may_end_in_rating(cell: &str) -> bool {
    // Lower-casing turns the Kelvin sign into `k` ("On Trac\u{212A}"): text beyond ASCII is
    // left to the full reading.
    if !cell.is_ascii() {
        return true;
    }
    let tail = cell
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
        .as_bytes();
    // The last word of a phrase holds no space, so folding white space cannot change it.
    static LAST_WORDS: LazyLock<Vec<&[u8]>> = LazyLock::new(|| {
        PHRASES
            .iter()
            .map(|phrase| phrase.rsplit(' ').next().unwrap_or(phrase).as_bytes())
            .collect()
    });
    LAST_WORDS.iter().any(|word| {
        tail.len() >= word.len() && tail[tail.len() - word.len()..].eq_ignore_ascii_case(word)
    })
}

/// True when a cell is only the first half of a rating split over two lines ("Medium" then
/// "Issue/Slippage").
pub(crate) fn joins_rating(first: &str, second: &str) -> Option<Rating> {
    read_rating(&format!("{} {}", first.trim(), second.trim()))
        .or_else(|| read_rating(&format!("{}{}", first.trim(), second.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_as_printed_and_damaged() {
        let cases: [(&str, Option<(&str, Rag)>); 11] = [
            ("On Track", Some(("On Track", Rag::Green))),
            (
                "Medium Issue/Slippage",
                Some(("Medium Issue/Slippage", Rag::Amber)),
            ),
            (
                "Significant issues/risks/slippage",
                Some(("Significant issues/risks/slippage", Rag::Red)),
            ),
            ("Complete", Some(("Complete", Rag::Complete))),
            ("ı On Track", Some(("On Track", Rag::Green))), // sidebar glyph before the rating
            ("RAG On Track", Some(("On Track", Rag::Green))), // header word leaked into the row
            ("Programme on track, some amendments", None),
            ("Work is on track", None),
            ("126 sessions delivered", None),
            ("On track .  ", Some(("On track", Rag::Green))),
            ("On Trac\u{212A}", Some(("On Trac\u{212A}", Rag::Green))),
        ];
        for (cell, expected) in cases {
            let got = read_rating(cell).map(|r| (r.raw, r.rag));
            assert_eq!(
                got,
                expected.map(|(raw, rag)| (raw.to_owned(), rag)),
                "cell {cell:?}"
            );
        }
    }

    #[test]
    fn every_phrase_ends_in_a_last_word() {
        for phrase in PHRASES {
            assert!(may_end_in_rating(phrase), "{phrase}");
        }
    }

    #[test]
    fn a_rating_split_over_two_lines_joins() {
        let joined = joins_rating("Medium", "Issue/Slippage").map(|r| r.raw);
        assert_eq!(joined.as_deref(), Some("Medium Issue/Slippage"));
        assert!(joins_rating("On Track", "Brook has").is_none());
    }
}
