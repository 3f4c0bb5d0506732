//! Learning abbreviations from the documents themselves.
//!
//! One year's plan writes "Housing Revenue Account", the next "HRA"; a workstream is called
//! "Sandwell Children's Trust" and its action text says "the accountability of SCT". No fixed
//! dictionary covers every council's abbreviations, but the corpus defines them: explicitly,
//! "Medium Term Financial Strategy (MTFS)", or implicitly, as the initials of a capitalised
//! phrase printed somewhere else. Explicit definitions outweigh implicit sightings.

use crate::normalise::{is_abbreviation_shape, is_stop_word, words, Normaliser};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How much more an explicit "Phrase (ABBR)" definition counts than a phrase merely seen.
const EXPLICIT_WEIGHT: usize = 10;

/// Learns abbreviation expansions from `texts` (titles, action texts, workstream names...)
/// and returns a [`Normaliser`] that applies them.
///
/// ```
/// use govtrail_link::abbrev::learn;
/// let texts = ["Workstream: Sandwell Children's Trust", "Hold SCT to account"];
/// let normaliser = learn(texts.iter().copied());
/// assert_eq!(normaliser.normalise("SCT"), "sandwell children trust");
/// ```
pub fn learn<'a>(texts: impl IntoIterator<Item = &'a str>) -> Normaliser {
    let texts: Vec<Vec<String>> = texts.into_iter().map(words).collect();
    let candidates: HashSet<&str> = texts
        .iter()
        .flatten()
        .map(String::as_str)
        .filter(|w| is_abbreviation_shape(w))
        .collect();
    if candidates.is_empty() {
        return Normaliser::default();
    }
    let mut by_initial: HashMap<char, Vec<&str>> = HashMap::new();
    for &candidate in &candidates {
        if let Some(first) = candidate.chars().next() {
            by_initial.entry(first).or_default().push(candidate);
        }
    }
    // abbreviation -> phrase -> weight; BTreeMap so that ties break the same way every run.
    let mut seen: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for text in &texts {
        for start in 0..text.len() {
            let Some(initial) = text[start].chars().next().filter(|c| c.is_uppercase()) else {
                continue;
            };
            let Some(abbreviations) = by_initial.get(&initial) else {
                continue;
            };
            for &abbreviation in abbreviations {
                let Some(end) = initials_match(&text[start..], abbreviation) else {
                    continue;
                };
                let end = start + end;
                let explicit = text.get(end).is_some_and(|w| w == abbreviation);
                let phrase = text[start..end].join(" ");
                let weight = if explicit { EXPLICIT_WEIGHT } else { 1 };
                *seen
                    .entry(abbreviation)
                    .or_default()
                    .entry(phrase)
                    .or_default() += weight;
            }
        }
    }
    let chosen: Vec<(&str, String)> = seen
        .into_iter()
        .filter_map(|(abbreviation, phrases)| {
            let best = phrases
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            Some((abbreviation, best.0))
        })
        .collect();
    Normaliser::with_abbreviations(chosen.iter().map(|(a, p)| (*a, p.as_str())))
}

/// How many words of `phrase` spell `abbreviation` by their initials, if they do: every
/// content word must be capitalised and give the next letter; stop words ("of", "and") may
/// sit between them without giving a letter ("Equality, Diversity and Inclusion" is EDI).
/// A phrase of one word, or the abbreviation itself, is no expansion.
fn initials_match(phrase: &[String], abbreviation: &str) -> Option<usize> {
    let letters: Vec<char> = abbreviation.chars().collect();
    let mut matched = 0;
    let mut used = 0;
    for word in phrase {
        if matched == letters.len() {
            break;
        }
        let first = word.chars().next()?;
        if first.is_uppercase() && !is_abbreviation_shape(word) && first == letters[matched] {
            matched += 1;
            used += 1;
        } else if used > 0 && is_stop_word(&word.to_lowercase()) {
            used += 1;
        } else {
            return None;
        }
    }
    (matched == letters.len() && matched >= 2).then_some(used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expansion(texts: &[&str], abbreviation: &str) -> Option<String> {
        learn(texts.iter().copied())
            .expansion(abbreviation)
            .map(|tokens| tokens.join(" "))
    }

    #[test]
    fn explicit_definitions_are_learnt() {
        let texts = [
            "Resilience of the Medium Term Financial Strategy (MTFS)",
            "MTFS gap",
        ];
        assert_eq!(
            expansion(&texts, "MTFS").as_deref(),
            Some("medium term financial strategy")
        );
    }

    #[test]
    fn initials_of_a_phrase_seen_elsewhere_are_learnt() {
        for (texts, abbreviation, expected) in [
            (
                &[
                    "Sandwell Children's Trust",
                    "ensuring the accountability of SCT",
                ][..],
                "SCT",
                "sandwell children trust",
            ),
            (
                &[
                    "30-year Housing Revenue Account Strategy",
                    "HRA 30 year Business Plan",
                ][..],
                "HRA",
                "housing revenue account",
            ),
            (
                &["Equality, Diversity and Inclusion", "EDI strategy"][..],
                "EDI",
                "equality diversity inclusion",
            ),
            (
                &[
                    "SEND Transport",
                    "Special Educational Needs and Disabilities",
                ][..],
                "SEND",
                "special educational need disability",
            ),
        ] {
            assert_eq!(expansion(texts, abbreviation).as_deref(), Some(expected));
        }
    }

    #[test]
    fn an_explicit_definition_beats_a_chance_phrase() {
        let texts = [
            "Performance Management Framework (PMF)",
            "Policy Monitoring Forum",
            "the PMF",
        ];
        assert_eq!(
            expansion(&texts, "PMF").as_deref(),
            Some("performance management framework")
        );
    }

    #[test]
    fn nothing_is_learnt_without_a_matching_phrase() {
        assert_eq!(expansion(&["ERP system", "Oracle Fusion"], "ERP"), None);
        // lower-case words do not spell initials
        assert_eq!(expansion(&["housing revenue account", "HRA"], "HRA"), None);
    }
}
