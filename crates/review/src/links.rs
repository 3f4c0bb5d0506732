//! "Link to …" phrases: the refs a row says it answers or relates to.
//!
//! Any cell may say which recommendations an action serves: "Commenced Link to I22, I23, I24",
//! "Link to S1.3.C & Link to S2.7", "<p>Link to I1, I8, I21</p>", and with a comma lost in
//! extraction "Link to I3, I6, I8, I22 I36". Only refs following "Link to" count: a bare
//! "I8" in a progress cell or "(Linked to values/behaviours/codes review)" names no link.

use crate::refs::Ref;
use regex::Regex;
use std::sync::LazyLock;

static LINK_TO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\blink(?:ed|s)?\s+to\b").expect("link pattern"));

/// The refs named after each "Link to" in `text`, canonical and in order, without repeats.
///
/// ```
/// use govtrail_review::links::links_in;
/// assert_eq!(links_in("Commenced Link to I22, I23 & I24."), vec!["I22", "I23", "I24"]);
/// ```
pub fn links_in(text: &str) -> Vec<String> {
    let mut links: Vec<String> = Vec::new();
    for phrase in LINK_TO.find_iter(text) {
        for word in text[phrase.end()..].split_whitespace() {
            let token = word.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '.'));
            if token.is_empty() || matches!(token.to_ascii_lowercase().as_str(), "&" | "and") {
                continue;
            }
            // A ref must carry a number; "Link to values/behaviours" names none.
            let Some((reference, _)) = Ref::parse(token).filter(|(r, _)| !r.series().is_empty())
            else {
                break;
            };
            for member in reference.members() {
                if !links.contains(&member) {
                    links.push(member);
                }
            }
            if word.ends_with('.') {
                // "Link to I18. Report due 2022": the list ended with the sentence.
                break;
            }
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_phrases_in_the_archive() {
        let cases: [(&str, &[&str]); 9] = [
            ("Commenced Link to I23", &["I23"]),
            (
                "In place and ongoing. Would expect to see improvements within six months (June 2022) Link to I22, I23, I24",
                &["I22", "I23", "I24"],
            ),
            ("Link to S1.3.C & Link to S2.7", &["S1.3.C", "S2.7"]),
            // a comma lost in extraction
            (
                "Initial discussions held Link to I3, I6, I8, I22 I36",
                &["I3", "I6", "I8", "I22", "I36"],
            ),
            ("Commenced. Link to I1, I8, I21", &["I1", "I8", "I21"]),
            ("Link to K6.1, I5.1", &["K6.1", "I5.1"]),
            // a bare ref without 'Link to' is no link
            ("I8", &[]),
            ("Engage LGA. (Linked to values/behaviours/codes review)", &[]),
            ("Link to I18. Report due 2022", &["I18"]),
        ];
        for (text, expected) in cases {
            assert_eq!(links_in(text), expected, "text: {text}");
        }
    }
}
