//! Status ratings, where a plan adds a RAG or status column to its table.
//!
//! Later versions of a plan rate each action: "Green", "Amber/Red", "Complete", "On track",
//! "Not started", "N/A". The rating is kept as printed; [`rag_of`] maps it to the normalised
//! scale, or to nothing when the wording is not recognised.

use govtrail_model::Rag;

/// Wordings that open a rating, most specific first, with what they map to.
const WORDINGS: [(&str, Rag); 23] = [
    ("not started", Rag::NotStarted),
    ("not yet started", Rag::NotStarted),
    ("not due", Rag::NotStarted),
    ("on hold", Rag::OnHold),
    ("paused", Rag::OnHold),
    ("not applicable", Rag::Na),
    ("n/a", Rag::Na),
    ("completed", Rag::Complete),
    ("complete", Rag::Complete),
    ("closed", Rag::Complete),
    ("achieved", Rag::Complete),
    ("done", Rag::Complete),
    ("blue", Rag::Complete),
    ("on track", Rag::Green),
    ("green", Rag::Green),
    ("amber", Rag::Amber),
    ("at risk", Rag::Amber),
    ("some slippage", Rag::Amber),
    ("red", Rag::Red),
    ("off track", Rag::Red),
    ("significant", Rag::Red),
    ("g", Rag::Green),
    ("a", Rag::Amber),
];

/// The normalised rating a printed status opens with ("Amber - some slippage" → amber); a
/// single letter counts only alone ("G", "A", "R").
///
/// ```
/// use govtrail_review::rating::rag_of;
/// use govtrail_model::Rag;
/// assert_eq!(rag_of("Complete - External support in place"), Some(Rag::Complete));
/// assert_eq!(rag_of("Commenced"), None);
/// ```
pub fn rag_of(raw: &str) -> Option<Rag> {
    let text = raw.trim().to_lowercase();
    if text == "r" {
        return Some(Rag::Red);
    }
    WORDINGS.iter().find_map(|(wording, rag)| {
        let rest = text.strip_prefix(wording)?;
        let whole_word = rest.is_empty() || !rest.starts_with(|c: char| c.is_alphanumeric());
        (whole_word && (wording.len() > 1 || rest.is_empty())).then_some(*rag)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_ratings() {
        let cases: [(&str, Option<Rag>); 12] = [
            ("Green", Some(Rag::Green)),
            ("On Track- little or no slippage", Some(Rag::Green)),
            ("Amber/Red", Some(Rag::Amber)),
            ("RED", Some(Rag::Red)),
            ("Completed", Some(Rag::Complete)),
            ("Not started", Some(Rag::NotStarted)),
            ("On hold", Some(Rag::OnHold)),
            ("N/A", Some(Rag::Na)),
            ("G", Some(Rag::Green)),
            ("R", Some(Rag::Red)),
            // a word that merely opens with a rating's letters is none
            ("Agreed", None),
            ("Redesign under way", None),
        ];
        for (raw, rag) in cases {
            assert_eq!(rag_of(raw), rag, "raw: {raw}");
        }
    }
}
