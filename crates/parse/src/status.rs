//! One status vocabulary for every family: the words councils print in a status or RAG
//! column, mapped onto the normalised [`Rag`] scale.
//!
//! Councils rate progress in their own words ("Green", "On target", "Under control (some
//! slippage)", "Behind schedule", "Achieved", "Blue", "Deferred", "75%"). A wording is placed
//! by the most specific phrase it holds, so "Not started" is not a kind of "started" and
//! "Significant slippage" is red before it is "slippage". A wording none of them names maps
//! to nothing, and the caller keeps it as printed with a diagnostic.

use govtrail_model::Rag;
use std::sync::LazyLock;

/// Phrases that place a rating on the RAG scale. A wording is placed by the phrase it opens
/// with (the longest, where several start at one word): "On Track- little or no slippage" is
/// on track, "Under control (some slippage)" under control, "Amber/Red" amber, "Not started"
/// not a kind of "started".
const PHRASES: &[(&str, Rag)] = &[
    ("not due", Rag::NotStarted),
    ("not yet due", Rag::NotStarted),
    ("not yet started", Rag::NotStarted),
    ("not started", Rag::NotStarted),
    ("future", Rag::NotStarted),
    ("pending", Rag::NotStarted),
    ("on hold", Rag::OnHold),
    ("paused", Rag::OnHold),
    ("suspended", Rag::OnHold),
    ("deferred", Rag::OnHold),
    ("postponed", Rag::OnHold),
    ("n a", Rag::Na),
    ("not applicable", Rag::Na),
    ("not required", Rag::Na),
    ("superseded", Rag::Na),
    ("withdrawn", Rag::Na),
    ("completed", Rag::Complete),
    ("complete", Rag::Complete),
    ("closed", Rag::Complete),
    ("achieved", Rag::Complete),
    ("implemented", Rag::Complete),
    ("done", Rag::Complete),
    ("delivered", Rag::Complete),
    ("blue", Rag::Complete),
    ("significant", Rag::Red),
    ("off track", Rag::Red),
    ("off target", Rag::Red),
    ("not on track", Rag::Red),
    ("red", Rag::Red),
    ("r", Rag::Red),
    ("medium", Rag::Amber),
    ("minor", Rag::Amber),
    ("partly", Rag::Amber),
    ("partially", Rag::Amber),
    ("not implemented", Rag::Red),
    ("some slippage", Rag::Amber),
    ("slippage", Rag::Amber),
    ("slipped", Rag::Amber),
    ("at risk", Rag::Amber),
    ("behind schedule", Rag::Amber),
    ("behind", Rag::Amber),
    ("delayed", Rag::Amber),
    ("under control", Rag::Amber),
    ("amber", Rag::Amber),
    ("a", Rag::Amber),
    ("no slippage", Rag::Green),
    ("little or no slippage", Rag::Green),
    ("on track", Rag::Green),
    ("on target", Rag::Green),
    ("on schedule", Rag::Green),
    ("good progress", Rag::Green),
    ("in progress", Rag::Green),
    ("progressing", Rag::Green),
    ("ongoing", Rag::Green),
    ("green", Rag::Green),
    ("g", Rag::Green),
];

/// [`PHRASES`] split into their words once, rather than on every rating read.
static PHRASE_WORDS: LazyLock<Vec<(Vec<&'static str>, usize, Rag)>> = LazyLock::new(|| {
    PHRASES
        .iter()
        .map(|&(phrase, rag)| (phrase.split(' ').collect(), phrase.len(), rag))
        .collect()
});

/// The rating a printed status names, by the phrase it opens with; a single letter ("G",
/// "A", "R") counts only alone, and a percentage only for its ends (`100%` complete, `0%`
/// not started: between them a share says nothing of slippage). Words are compared lower
/// case, punctuation but `%` dropped ("N/a" → `n a`, "On Track-" → `on track`).
///
/// ```
/// use govtrail_model::Rag;
/// use govtrail_parse::status::rag_of;
/// assert_eq!(rag_of("Under control (some slippage, outcome not at risk)"), Some(Rag::Amber));
/// assert_eq!(rag_of("On Track- little or no slippage"), Some(Rag::Green));
/// assert_eq!(rag_of("Not started"), Some(Rag::NotStarted));
/// assert_eq!(rag_of("100%"), Some(Rag::Complete));
/// assert_eq!(rag_of("40%"), None);
/// assert_eq!(rag_of("Agreed"), None);
/// ```
pub fn rag_of(status: &str) -> Option<Rag> {
    let lower = status.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '%'))
        .filter(|w| !w.is_empty())
        .collect();
    if let [only] = words.as_slice() {
        if let Some(share) = only.strip_suffix('%') {
            return match share.parse::<f32>() {
                Ok(s) if s >= 100.0 => Some(Rag::Complete),
                Ok(s) if s <= 0.0 => Some(Rag::NotStarted),
                _ => None,
            };
        }
    }
    (0..words.len()).find_map(|at| {
        PHRASE_WORDS
            .iter()
            .filter(|(_, len, _)| *len > 1 || words.len() == 1)
            .filter(|(phrase, _, _)| words[at..].starts_with(phrase))
            .max_by_key(|(_, len, _)| *len)
            .map(|&(_, _, rag)| rag)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn councils_wordings_map_to_the_scale() {
        let cases: &[(&str, Option<Rag>)] = &[
            ("Green", Some(Rag::Green)),
            ("AMBER", Some(Rag::Amber)),
            ("Red", Some(Rag::Red)),
            ("Blue", Some(Rag::Complete)),
            ("Complete", Some(Rag::Complete)),
            ("Closed", Some(Rag::Complete)),
            ("Achieved", Some(Rag::Complete)),
            ("On track", Some(Rag::Green)),
            ("On target", Some(Rag::Green)),
            ("On schedule", Some(Rag::Green)),
            ("Slipped", Some(Rag::Amber)),
            ("Behind schedule", Some(Rag::Amber)),
            ("Significant issues / slippage", Some(Rag::Red)),
            ("Not started", Some(Rag::NotStarted)),
            ("Not due to start", Some(Rag::NotStarted)),
            ("Pending", Some(Rag::NotStarted)),
            ("On hold", Some(Rag::OnHold)),
            ("Deferred", Some(Rag::OnHold)),
            ("N/A", Some(Rag::Na)),
            (
                "Medium Progress- actual/ projected slippage of 1-2 months",
                Some(Rag::Amber),
            ),
            ("G", Some(Rag::Green)),
            ("R", Some(Rag::Red)),
            ("0%", Some(Rag::NotStarted)),
            ("100%", Some(Rag::Complete)),
            ("55%", None),
            ("Amber/Red", Some(Rag::Amber)),
            ("Red/Amber", Some(Rag::Red)),
            ("Action on Hold", Some(Rag::OnHold)),
            ("Complete - External support in place", Some(Rag::Complete)),
            ("Agreed", None),
            ("Commenced", None),
            ("Partly implemented", Some(Rag::Amber)),
            ("Not implemented", Some(Rag::Red)),
            ("Redesign under way", None),
            ("A review is planned", None),
        ];
        for (raw, rag) in cases {
            assert_eq!(rag_of(raw), *rag, "raw: {raw}");
        }
    }
}
