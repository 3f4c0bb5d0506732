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

/// Function words that open sentences, never headings' inner words. Nouns are not among
/// them: "Management", "Member", "Review" name topics as often as they open sentences ("Risk
/// Management Framework", "Member Conduct and Standards"), and a noun opens a sentence only
/// as any capitalised word does, with running text after it ("Management has agreed ...").
const SENTENCE_OPENERS: [&str; 25] = [
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
    "Now",
];

/// Imperative verbs that open action sentences ("Sandwell Children's Trust Continue with ...",
/// "Develop Social Value Policy"). Those in [`NOUN_VERBS`] are nouns as often.
const ACTION_VERBS: [&str; 76] = [
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
    "Raise",
    "Enhance",
    "Extend",
    "Align",
    "Invest",
    "Reinforce",
    "Enable",
    "Incorporate",
    "Integrate",
    "Obtain",
    "Redesign",
    "Restructure",
    "Revise",
    "Seek",
    "Simplify",
    "Streamline",
    "Transform",
    "Utilise",
    "Evaluate",
    "Encourage",
    "Communicate",
    "Clarify",
    "Confirm",
    "Determine",
    "Define",
    "Facilitate",
    "Expand",
    "Achieve",
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
/// A heading never opens with a sentence opener or an imperative verb ("Review of Waste
/// Services and the ..." is an action, not the heading "Review of Waste"), and a one-word
/// heading needs a word that surely opens a sentence after it ("Complaints The Council's ..."
/// but not "ARAC Chair concludes ..."). A heading with a lower-case word in it ends only
/// before a capitalised determiner ("Introduction of new ERP system The Council must ...").
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
    if words.is_empty() || opener_at(&words, 0) {
        return (None, words.join(" "));
    }
    for k in 1..words.len() {
        let prev = words[..k]
            .iter()
            .all(|w| is_capitalised(w) || is_connector(w));
        if !prev {
            break;
        }
        let w = words[k];
        let opener = opener_at(&words, k);
        if !is_capitalised(w) || is_connector(words[k - 1]) && !opener {
            continue;
        }
        let next = words.get(k + 1).copied().unwrap_or("");
        let after = words.get(k + 2).copied().unwrap_or("");
        // "Raise Sandwell Council's profile": a possessive continues the phrase before it.
        let possessive = w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'");
        // "Procedure Rules to incorporate recommendations": "to" and a verb carry a noun
        // phrase on into its sentence; "Senior Leadership Critical to this change" opens one.
        let infinitive = next == "to" && !LOWER_DETERMINERS.contains(&after);
        let runs_on = (is_lower(next) && is_lower(after) && !is_connector(after))
            || (is_lower(next) && is_connector(next) && is_lower(after) && words.len() > k + 3);
        let opens_sentence = opener
            || !possessive
                && (next.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && SENTENCE_OPENERS.contains(&w)
                    || (is_lower(next) && !is_connector(next))
                    || (!infinitive && runs_on));
        if opens_sentence && !is_connector(words[k - 1]) && (k > 1 || opener) {
            let heading = words[..k].join(" ");
            let rest = words[k..].join(" ");
            return (Some(heading), rest);
        }
    }
    if let Some(k) = heading_before_determiner(&words) {
        return (Some(words[..k].join(" ")), words[k..].join(" "));
    }
    (None, words.join(" "))
}

/// Words that open a noun phrase after "to" ("Critical to this sustainable change").
const LOWER_DETERMINERS: [&str; 12] = [
    "this", "these", "those", "the", "a", "an", "its", "their", "our", "all", "any", "each",
];

/// Capitalised words that only open sentences, never sit inside a heading.
const DETERMINERS: [&str; 10] = [
    "The", "This", "These", "Those", "There", "It", "We", "Our", "Where", "When",
];

/// Where a short heading that holds lower-case words ends: before a capitalised determiner
/// within the first eight words ("Introduction of new ERP system The Council must ..." → 5),
/// when no punctuation comes first and at least half its words are capitalised.
fn heading_before_determiner(words: &[&str]) -> Option<usize> {
    let k = (2..words.len().min(9)).find(|&k| DETERMINERS.contains(&words[k]))?;
    let heading = &words[..k];
    if heading.iter().any(|w| w.ends_with(['.', ',', ';', ':'])) || k + 1 >= words.len() {
        return None;
    }
    let content: Vec<&&str> = heading.iter().filter(|w| !is_connector(w)).collect();
    let capitalised = content.iter().filter(|w| is_capitalised(w)).count();
    (is_capitalised(heading[0]) && capitalised * 2 >= content.len()).then_some(k)
}

/// The title-case heading two texts open with, when both do: sibling actions printed under
/// one topic repeat it ("Waste Contract Refocused and strengthened ..." / "Waste Contract
/// Resolution of Industrial Relations issues" → "Waste Contract"), which
/// [`split_heading`] alone cannot tell from a heading that runs on ("Waste Contract
/// Resolution of Industrial").
///
/// The shared words must be at least two, title case, not open with a sentence opener, and be
/// followed in each text by a capitalised word or by nothing (a heading-only cell).
///
/// ```
/// use govtrail_parse::heading::shared_heading;
/// assert_eq!(
///     shared_heading("Waste Contract Review of the contract", "Waste Contract To undertake a review").as_deref(),
///     Some("Waste Contract")
/// );
/// assert_eq!(shared_heading("Develop a plan", "Develop a strategy"), None);
/// ```
pub fn shared_heading(a: &str, b: &str) -> Option<String> {
    // Only the words both texts open with matter, and the word after them in each; the texts
    // are whole action descriptions, so they are not cut into words any further.
    let (mut words_a, mut words_b) = (a.split_whitespace(), b.split_whitespace());
    let mut common: Vec<&str> = Vec::new();
    let (after_a, after_b) = loop {
        match (words_a.next(), words_b.next()) {
            (Some(x), Some(y)) if x == y => common.push(x),
            (x, y) => break (x, y),
        }
    };
    let mut opening: Vec<&str> = common.clone();
    opening.extend(after_a);
    if opening.is_empty() || opener_at(&opening, 0) {
        return None;
    }
    // The heading runs over title-case words up to the first sentence opener: "Waste Service
    // The Council should ..." twice shares "Waste Service", and "Sandwell Children's Trust
    // Establish ..." twice shares "Sandwell Children's Trust".
    let mut k = (1..common.len())
        .find(|&i| {
            opener_at(&opening, i) || !(is_capitalised(common[i]) || is_connector(common[i]))
        })
        .unwrap_or(common.len());
    while k > 0 && is_connector(common[k - 1]) {
        k -= 1;
    }
    // The word after the heading in each text, which must open its sentence.
    let continues_as_sentence =
        |after: Option<&str>| common.get(k).copied().or(after).is_none_or(is_capitalised);
    (k >= 2
        && common[..k]
            .iter()
            .all(|w| is_capitalised(w) || is_connector(w))
        && continues_as_sentence(after_a)
        && continues_as_sentence(after_b))
    .then(|| common[..k].join(" "))
}

/// Verbs that name topics as often as they open actions: before a capitalised word they are
/// a heading's nouns ("External Governance Review", "Member Support Scheme", "Annual Report
/// The council ..."), before a lower-case word its verb ("Review the scheme of delegation").
const NOUN_VERBS: [&str; 12] = [
    "Review",
    "Support",
    "Report",
    "Work",
    "Design",
    "Commission",
    "Share",
    "Set",
    "Build",
    "Complete",
    "Monitor",
    "Conduct",
];

/// Whether `words[k]` opens a sentence: a function word or an imperative verb. Inside a
/// text, a verb that is as often a noun opens one only when a lower-case word other than
/// "and" follows it ("... Trust Review the scheme", but "Member Conduct and Standards"); as
/// the first word it is the verb ("Review AFR Action Plan and ensure ...").
fn opener_at(words: &[&str], k: usize) -> bool {
    let w = words[k];
    if k > 0 && NOUN_VERBS.contains(&w) {
        return words
            .get(k + 1)
            .is_some_and(|next| is_lower(next) && !matches!(*next, "and" | "&"));
    }
    SENTENCE_OPENERS.contains(&w) || ACTION_VERBS.contains(&w)
}

/// True when `text` as a whole reads as a heading: a few title-case words and no sentence.
pub fn heading_only(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && words.iter().all(|w| is_capitalised(w) || is_connector(w))
        && !opener_at(&words, 0)
        && !text.trim_end().ends_with(['.', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nouns that also open sentences or actions ("Management", "Member", "Review") sit
    /// inside headings when a capitalised word follows them.
    #[test]
    fn topic_nouns_stay_in_their_heading() {
        let cases = [
            (
                "Risk Management Framework The framework was refreshed in May.",
                "Risk Management Framework",
            ),
            (
                "Member Conduct and Standards There were three complaints.",
                "Member Conduct and Standards",
            ),
            (
                "External Governance Review The review found weaknesses.",
                "External Governance Review",
            ),
            (
                "Annual Report Council approved it in July.",
                "Annual Report",
            ),
        ];
        for (text, heading) in cases {
            assert_eq!(split_heading(text).0.as_deref(), Some(heading), "{text}");
        }
        assert_eq!(split_heading("Review the scheme of delegation").0, None);
        assert_eq!(
            split_heading("Management has agreed a new framework").0,
            None
        );
    }

    #[test]
    fn headings_split_where_a_sentence_starts() {
        let cases: [(&str, Option<&str>, &str); 21] = [
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
            // an action verb opens the text: no heading "Review of Waste" / "Develop Improvement"
            (
                "Review of Waste Services and the Cleanliness and Appearance of the Borough",
                None,
                "Review of",
            ),
            ("Develop Improvement Plan to address the recommendations", None, "Develop Improvement"),
            // one word needs a sure sentence opener after it
            ("Complaints The Council's senior leadership", Some("Complaints"), "The Council's"),
            ("ARAC Chair concludes fact-finding exercise", None, "ARAC Chair"),
            // a lower-case word in the heading, ended by a capitalised determiner
            (
                "Introduction of new ERP system The Council must prioritise corporate effort",
                Some("Introduction of new ERP system"),
                "The Council must",
            ),
            ("Financial Reporting Management should ensure", Some("Financial Reporting"), "Management should"),
            // a possessive carries the phrase on
            ("Raise Sandwell Council's profile through engagement", None, "Raise Sandwell"),
            // "to" and a verb carry a noun phrase into its sentence; "to this" opens one
            (
                "Procurement and Contract Procedure Rules to incorporate recommendations of this review",
                None,
                "Procurement and",
            ),
            (
                "Senior Leadership Critical to this sustainable change will be the appointment",
                Some("Senior Leadership"),
                "Critical to",
            ),
        ];
        for (text, heading, rest_start) in cases {
            let (h, rest) = split_heading(text);
            assert_eq!(h.as_deref(), heading, "text: {text}");
            assert!(rest.starts_with(rest_start), "text: {text} rest: {rest}");
        }
    }

    #[test]
    fn sibling_rows_share_their_heading() {
        let cases: [(&str, &str, Option<&str>); 6] = [
            (
                "Waste Contract Refocused and strengthened contract management",
                "Waste Contract Resolution of Industrial Relations issues",
                Some("Waste Contract"),
            ),
            // a heading-only cell whose sentence continues after a page break
            (
                "Waste Contract",
                "Waste Contract Review of the contract",
                Some("Waste Contract"),
            ),
            (
                "Sandwell Children's Trust Establish and maintain positive relationship",
                "Sandwell Children's Trust Establish corporate approach",
                Some("Sandwell Children's Trust"),
            ),
            (
                "Develop Social Value Policy",
                "Develop Social Care Plan",
                None,
            ),
            (
                "Waste Service The Council should prioritise corporate effort",
                "Waste Service The Council should ensure robust contract management",
                Some("Waste Service"),
            ),
            // shared words running on in lower case are a sentence, not a heading
            (
                "Corporate Plan targets are set",
                "Corporate Plan targets were met",
                None,
            ),
        ];
        for (a, b, expected) in cases {
            assert_eq!(shared_heading(a, b).as_deref(), expected, "{a} / {b}");
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
