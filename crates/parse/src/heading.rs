//! Topic headings that open a cell: "Children's Trust The council received ..." →
//! ("Children's Trust", "The council received ...").
//!
//! Plans put a short title-case heading in front of the description in the same cell, with or
//! without `<b>`. Without markup the heading ends where a sentence visibly starts: a word that
//! opens sentences ("The", "To", "There"), an imperative verb ("Continue", "Establish"), or a
//! capitalised word followed by lower-case running text ("Council approved", "Three limited").

/// Lower-case words allowed inside a heading ("Allocation of Grants", "Children & Education").
const CONNECTORS: [&str; 12] = [
    "of", "and", "&", "the", "for", "with", "in", "on", "to", "a", "an", "-",
];

/// Words that open sentences, never headings' inner words.
const SENTENCE_OPENERS: [&str; 28] = [
    "The",
    "A",
    "An",
    "This",
    "These",
    "That",
    "Those",
    "There",
    "It",
    "Its",
    "In",
    "On",
    "At",
    "To",
    "For",
    "As",
    "By",
    "Following",
    "Although",
    "While",
    "Where",
    "When",
    "We",
    "Our",
    "Management",
    "Members",
    "Member",
    "Now",
];

/// Imperative verbs that open action sentences ("Sandwell Children's Trust Continue with ...").
const ACTION_VERBS: [&str; 48] = [
    "Continue",
    "Establish",
    "Develop",
    "Review",
    "Implement",
    "Ensure",
    "Refresh",
    "Deliver",
    "Create",
    "Agree",
    "Embed",
    "Introduce",
    "Identify",
    "Provide",
    "Undertake",
    "Conduct",
    "Design",
    "Explore",
    "Monitor",
    "Maintain",
    "Improve",
    "Support",
    "Prepare",
    "Complete",
    "Engage",
    "Appoint",
    "Procure",
    "Terminate",
    "Commission",
    "Strengthen",
    "Promote",
    "Work",
    "Publish",
    "Consider",
    "Assess",
    "Set",
    "Build",
    "Reduce",
    "Increase",
    "Secure",
    "Launch",
    "Produce",
    "Report",
    "Recruit",
    "Respond",
    "Resolve",
    "Share",
    "Adopt",
];

fn is_capitalised(word: &str) -> bool {
    word.trim_start_matches(['(', '"', '\'', '‘', '“'])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn is_lower(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_lowercase())
}

fn is_connector(word: &str) -> bool {
    CONNECTORS.contains(&word) || word == "–"
}

/// Splits a leading title-case heading from the text after it.
///
/// Returns `(None, text)` when the text opens with a sentence ("Develop and publish ...") or
/// is a heading with nothing after it; use [`heading_only`] to decide about a lone heading.
///
/// ```
/// use govtrail_parse::heading::split_heading;
/// assert_eq!(
///     split_heading("Land Sales and Other Matters There are a number of matters."),
///     (Some("Land Sales and Other Matters".into()), "There are a number of matters.".into())
/// );
/// assert_eq!(split_heading("Develop and publish Regeneration Pipeline").0, None);
/// ```
pub fn split_heading(text: &str) -> (Option<String>, String) {
    let words: Vec<&str> = text.split_whitespace().collect();
    for k in 1..words.len() {
        let prev = words[..k]
            .iter()
            .all(|w| is_capitalised(w) || is_connector(w));
        if !prev {
            break;
        }
        let w = words[k];
        if !is_capitalised(w) || is_connector(words[k - 1]) && !is_opener(w) {
            continue;
        }
        let next = words.get(k + 1).copied().unwrap_or("");
        let after = words.get(k + 2).copied().unwrap_or("");
        let opens_sentence = is_opener(w)
            || next.chars().next().is_some_and(|c| c.is_ascii_digit())
                && SENTENCE_OPENERS.contains(&w)
            || (is_lower(next) && !is_connector(next))
            || (is_lower(next) && is_lower(after) && !is_connector(after))
            || (is_lower(next) && is_connector(next) && is_lower(after) && words.len() > k + 3);
        if opens_sentence && !is_connector(words[k - 1]) {
            let heading = words[..k].join(" ");
            let rest = words[k..].join(" ");
            return (Some(heading), rest);
        }
    }
    (None, words.join(" "))
}

fn is_opener(word: &str) -> bool {
    SENTENCE_OPENERS.contains(&word) || ACTION_VERBS.contains(&word)
}

/// True when `text` as a whole reads as a heading: a few title-case words and no sentence.
pub fn heading_only(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && words.iter().all(|w| is_capitalised(w) || is_connector(w))
        && !is_opener(words[0])
        && !text.trim_end().ends_with(['.', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_split_where_a_sentence_starts() {
        let cases: [(&str, Option<&str>, &str); 12] = [
            ("Children's Trust The council received a Direction", Some("Children's Trust"), "The council"),
            (
                "Resilience of the Medium Term Financial Strategy (MTFS) The council approved",
                Some("Resilience of the Medium Term Financial Strategy (MTFS)"),
                "The council",
            ),
            (
                "Resilience of the Medium Term Financial Strategy (MTFS) Council approved a budget",
                Some("Resilience of the Medium Term Financial Strategy (MTFS)"),
                "Council approved",
            ),
            (
                "Compliance with Contract Procedure Rules and Allocation of Grants Three limited assurance reports",
                Some("Compliance with Contract Procedure Rules and Allocation of Grants"),
                "Three limited",
            ),
            ("Business Continuity To ensure that the council", Some("Business Continuity"), "To ensure"),
            ("General Data Protection Regulations On 25 May 2018, new data", Some("General Data Protection Regulations"), "On 25"),
            ("Sandwell Children's Trust Continue with robust governance", Some("Sandwell Children's Trust"), "Continue with"),
            ("Waste Contract Refocused and strengthened contract meetings", Some("Waste Contract"), "Refocused and"),
            ("Officer and Member Relationships Embedding the changes that", Some("Officer and Member Relationships"), "Embedding the"),
            ("Sandwell Leisure Trust Governance arrangements in place", Some("Sandwell Leisure Trust"), "Governance arrangements"),
            ("Governance processes refreshed and in place", None, "Governance processes"),
            ("Develop and publish Regeneration Pipeline, including dates", None, "Develop and"),
        ];
        for (text, heading, rest_start) in cases {
            let (h, rest) = split_heading(text);
            assert_eq!(h.as_deref(), heading, "text: {text}");
            assert!(rest.starts_with(rest_start), "text: {text} rest: {rest}");
        }
    }

    #[test]
    fn lone_headings() {
        assert!(heading_only("Waste Contract"));
        assert!(heading_only("Lion Farm"));
        assert!(!heading_only(
            "Refresh key corporate governance documents including:"
        ));
        assert!(!heading_only("Develop Social Value Policy"));
    }
}
