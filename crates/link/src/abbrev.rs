//! Learning abbreviations from the documents themselves.
//!
//! One year's plan writes "Housing Revenue Account", the next "HRA"; a workstream is called
//! "Sandwell Children's Trust" and its action text says "the accountability of SCT". No fixed
//! dictionary covers every council's abbreviations, but the corpus defines them: explicitly,
//! "Medium Term Financial Strategy (MTFS)", or implicitly, as the initials of a capitalised
//! phrase printed somewhere else. Explicit definitions outweigh implicit sightings. A word
//! clipped in a heading ("Regen Pipeline" beside "Regeneration Pipeline") is learnt the same
//! way: a rare capitalised word that is the opening of a commoner, longer word of the corpus.

use crate::normalise::{
    each_word, is_abbreviation_shape, is_printed_stop_word, is_stop_word, Normaliser,
};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::hash::Hash;

// The learner's maps and sets hash with ahash: they are probed for every word of the corpus,
// and none is read in an order that could reach the result.
use ahash::{HashMap, HashSet};

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
    let texts: Vec<&str> = texts.into_iter().collect();
    // Each text's words joined by single spaces (a word holds none): one string per text
    // rather than one per word, a third of the memory at a million actions.
    let texts: Vec<String> = texts
        .par_iter()
        .map(|t| {
            let mut joined = String::with_capacity(t.len());
            each_word(t, |word| {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(word);
            });
            joined
        })
        .collect();
    let candidates: HashSet<&str> = texts
        .par_iter()
        .fold(HashSet::default, |mut candidates, text| {
            candidates.extend(spaced_words(text).filter(|w| is_abbreviation_shape(w)));
            candidates
        })
        .reduce(HashSet::default, |mut all, part| {
            all.extend(part);
            all
        });
    let clipped = clipped_words(&texts);
    if candidates.is_empty() {
        return Normaliser::with_abbreviations(
            clipped.iter().map(|(c, w)| (c.as_str(), w.as_str())),
        );
    }
    let spelling = Spelling::of(&candidates);
    // Each text is read on its own, in parallel; the sightings are summed, so the result does
    // not depend on how the texts were shared out.
    let seen = texts
        .par_iter()
        .fold(
            || (Sightings::new(), Walk::default()),
            |(mut seen, mut walk), text| {
                sightings_in(text, &spelling, &mut walk, &mut seen);
                (seen, walk)
            },
        )
        .map(|(seen, _)| seen)
        .reduce(Sightings::new, |mut all, part| {
            for (abbreviation, phrases) in part {
                let known = all.entry(abbreviation).or_default();
                for (phrase, weight) in phrases {
                    *known.entry(phrase).or_default() += weight;
                }
            }
            all
        });
    let chosen: Vec<(&str, String, usize)> = seen
        .into_iter()
        .filter_map(|(abbreviation, phrases)| {
            let best = phrases
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            Some((abbreviation, best.0, best.1))
        })
        .collect();
    let rivals = prose_rivals(&texts, &chosen);
    let chosen: Vec<(&str, String)> = chosen
        .into_iter()
        .filter(|(abbreviation, phrase, weight)| {
            *weight >= EXPLICIT_WEIGHT
                || !rivals.get(abbreviation).is_some_and(|found| {
                    let lower = phrase.to_lowercase();
                    let mut words = Vec::new();
                    split_into(&lower, &mut words);
                    let own = phrase_key(&words);
                    found
                        .iter()
                        .any(|(&rival, &n)| rival != own && n >= (*weight).max(2))
                })
        })
        .map(|(abbreviation, phrase, _)| (abbreviation, phrase))
        .collect();
    let normaliser = Normaliser::with_abbreviations(
        chosen
            .iter()
            .map(|(a, p)| (*a, p.as_str()))
            .chain(clipped.iter().map(|(c, w)| (c.as_str(), w.as_str()))),
    );
    // A million actions give millions of joined texts: freed in parallel.
    drop((chosen, rivals, spelling, candidates));
    texts.into_par_iter().for_each(drop);
    normaliser
}

/// Shortest and longest clipped word looked for ("Regen", "Comms", "Develop" is a word).
const CLIPPED_LENGTHS: std::ops::RangeInclusive<usize> = 4..=6;
/// Texts of at most this many words are headings, where clipped words are looked for.
const CLIPPED_TEXT_WORDS: usize = 12;
/// A clipped word is seen at most this often on its own...
const CLIPPED_MAX_SIGHTINGS: usize = 2;
/// ...and the word it clips at least this many times as often: once is enough, since a
/// renamed heading may print each form once ("Info Governance Framework" one year,
/// "Information Governance Framework" the next) and the shared next word already tells a
/// clip from a word of its own.
const CLIPPED_RATIO: usize = 1;

/// Capitalised words printed rarely ("Regen") that open one longer word the corpus uses as
/// often or more ("Regeneration", at least three letters longer and most of the words they open)
/// before the same next word ("Regen Pipeline", "Regeneration Pipeline"): `(as printed, the
/// longer word)`. The shared next word tells a clip from a word of its own: "Manage the
/// approach" is not "Management Framework".
fn clipped_words(texts: &[String]) -> Vec<(String, String)> {
    // Each capitalised word of the shape in a heading-length text (where councils clip words:
    // "Regen Pipeline Development and Delivery"), lower-cased: how often it is printed, and
    // the words after it while it is rare enough to be a clip (a word seen more often is
    // dropped).
    // Texts are read in parallel and their counts summed; the words after a clip are only
    // asked whether they hold a word, so their order does not matter. A word of the shape is
    // at most six ASCII letters, so it is keyed packed (as [`packed`] packs it): millions of
    // sightings at a million actions look it up without lower-casing it into a string.
    type Shapes = HashMap<u64, (usize, Vec<String>)>;
    let mut shapes: Shapes = texts
        .par_iter()
        .fold(
            || (Shapes::default(), Vec::new()),
            |(mut shapes, mut text), whole| {
                // Words are joined by single spaces: a text of more words than a heading has
                // as many spaces, counted without splitting it.
                if whole.bytes().filter(|&b| b == b' ').count() >= CLIPPED_TEXT_WORDS {
                    return (shapes, text);
                }
                split_into(whole, &mut text);
                for (at, word) in text.iter().enumerate() {
                    // Cheap tests first: this runs over every word of the corpus.
                    let shaped = CLIPPED_LENGTHS.contains(&word.len())
                        && word.as_bytes()[0].is_ascii_uppercase()
                        && word.bytes().skip(1).all(|c| c.is_ascii_lowercase());
                    if !shaped {
                        continue;
                    }
                    if is_printed_stop_word(word) {
                        continue;
                    }
                    let lower = packed(word.bytes().map(|b| b.to_ascii_lowercase()));
                    let (seen, after) = shapes.entry(lower).or_default();
                    *seen += 1;
                    if *seen > CLIPPED_MAX_SIGHTINGS {
                        after.clear();
                    } else if let Some(next) = text.get(at + 1) {
                        after.push(next.to_lowercase());
                    }
                }
                (shapes, text)
            },
        )
        .map(|(shapes, _)| shapes)
        .reduce(Shapes::default, |mut all, part| {
            for (word, (seen, after)) in part {
                let (total, words_after) = all.entry(word).or_default();
                *total += seen;
                if *total > CLIPPED_MAX_SIGHTINGS {
                    words_after.clear();
                } else {
                    words_after.extend(after);
                }
            }
            all
        });
    shapes.retain(|_, (seen, after)| *seen <= CLIPPED_MAX_SIGHTINGS && !after.is_empty());
    if shapes.is_empty() {
        return Vec::new();
    }
    // clip -> longer word -> sightings before one of the clip's next words; hits are few,
    // so the per-thread maps stay small.
    type Counts = HashMap<u64, HashMap<String, usize>>;
    // The clips' openings of the shortest clip's length (lower case, packed as [`packed`]
    // packs them): a word opening otherwise clips to none of them and is not looked up. Most
    // long words of a large corpus open like no clip, so this one probe is all they cost.
    let shortest = *CLIPPED_LENGTHS.start();
    let openings: HashSet<u64> = shapes
        .keys()
        .map(|&clip| clip >> (8 * (letters(clip) - shortest)))
        .collect();
    let counts: Counts = texts
        .par_iter()
        .fold(Counts::default, |mut counts, whole| {
            // Words are joined by single spaces: each is read beside the next one.
            let mut words = spaced_words(whole).peekable();
            while let Some(word) = words.next() {
                let Some(&next) = words.peek() else {
                    break;
                };
                // A clip leaves at least three letters of the word it clips.
                if word.len() < shortest + 3 || !word.is_ascii() {
                    continue;
                }
                let lower = |n: usize| packed(word.bytes().take(n).map(|b| b.to_ascii_lowercase()));
                if !openings.contains(&lower(shortest)) {
                    continue;
                }
                for n in CLIPPED_LENGTHS {
                    if word.len() < n + 3 {
                        break;
                    }
                    let prefix = lower(n);
                    let Some((_, after)) = shapes.get(&prefix) else {
                        continue;
                    };
                    if after.iter().any(|a| a.eq_ignore_ascii_case(next)) {
                        *counts
                            .entry(prefix)
                            .or_default()
                            .entry(word.to_ascii_lowercase())
                            .or_default() += 1;
                    }
                }
            }
            counts
        })
        .reduce(Counts::default, add_counts);
    let mut chosen: Vec<(String, String)> = counts
        .into_iter()
        .filter_map(|(clip, longer)| {
            let seen = shapes[&clip].0;
            let total: usize = longer.values().sum();
            let (word, n) = longer
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            let clear = n >= CLIPPED_RATIO * seen && 3 * n >= 2 * total;
            let clip = unpacked(clip);
            let printed = format!("{}{}", clip[..1].to_ascii_uppercase(), &clip[1..]);
            clear.then_some((printed, word))
        })
        .collect();
    chosen.sort();
    chosen
}

/// The longest abbreviation whose rivals in prose are looked for.
const RIVAL_LETTERS: usize = 6;

/// abbreviation -> rival phrase (as [`phrase_key`] gives it) -> sightings.
type Rivals<'a> = HashMap<&'a str, HashMap<u64, usize>>;

/// For each abbreviation learnt only from phrases seen (no explicit definition), the
/// lower-case phrases of running prose whose initials spell it too, with how often each is
/// printed. A title "Housing Repairs" makes "HR" look like housing repairs, but prose that
/// writes "human resources" again and again says the council means something else by it:
/// such an abbreviation is not expanded at all, rather than glue an ERP thread to a housing
/// one. Only repeated phrases count: two words that happen to start with H and R are chance.
fn prose_rivals<'a>(texts: &[String], chosen: &[(&'a str, String, usize)]) -> Rivals<'a> {
    let implicit: HashMap<String, &'a str> = chosen
        .iter()
        .filter(|(_, _, weight)| *weight < EXPLICIT_WEIGHT)
        .map(|(abbreviation, _, _)| (abbreviation.to_lowercase(), *abbreviation))
        .collect();
    if implicit.is_empty() {
        return HashMap::default();
    }
    let prefixes: HashSet<&str> = implicit
        .keys()
        .flat_map(|a| (2..=a.len()).map(move |n| &a[..n]))
        .collect();
    texts
        .par_iter()
        .fold(
            || {
                (
                    Rivals::default(),
                    Vec::new(),
                    String::new(),
                    Vec::<&str>::new(),
                )
            },
            |(mut found, mut text, mut letters, mut phrase), whole| {
                split_into(whole, &mut text);
                for start in 0..text.len() {
                    letters.clear();
                    phrase.clear();
                    for word in &text[start..] {
                        let Some(first) = word.chars().next().filter(char::is_ascii_lowercase)
                        else {
                            break;
                        };
                        if is_stop_word(word) {
                            if phrase.is_empty() {
                                break;
                            }
                            continue;
                        }
                        letters.push(first);
                        phrase.push(word);
                        if letters.len() >= 2 && !prefixes.contains(letters.as_str()) {
                            break;
                        }
                        if let Some(&abbreviation) = implicit.get(letters.as_str()) {
                            *found
                                .entry(abbreviation)
                                .or_default()
                                .entry(phrase_key(&phrase))
                                .or_default() += 1;
                        }
                        if letters.len() == RIVAL_LETTERS {
                            break;
                        }
                    }
                }
                (found, text, letters, phrase)
            },
        )
        .map(|(found, _, _, _)| found)
        .reduce(HashMap::default, add_counts)
}

/// `all` with the counts of `part` added: the reduce step of the parallel counting passes
/// (clipped words by the longer word they clip, initials by the prose phrases they spell).
fn add_counts<K: Eq + Hash, P: Eq + Hash>(
    mut all: HashMap<K, HashMap<P, usize>>,
    part: HashMap<K, HashMap<P, usize>>,
) -> HashMap<K, HashMap<P, usize>> {
    for (key, counts) in part {
        let known = all.entry(key).or_default();
        for (counted, n) in counts {
            *known.entry(counted).or_default() += n;
        }
    }
    all
}

/// A phrase's words as one number: rival phrases are counted by key rather than each
/// sighting allocating the phrase (millions of them in a large archive). The hash is
/// [`crate::fixed_hash`], so keys agree across threads and runs.
fn phrase_key(words: &[&str]) -> u64 {
    crate::fixed_hash(words)
}

/// The words of a text as [`learn`] keeps it (joined by single spaces, a word holding none)
/// into `words`, emptied first: each pass over the corpus reuses one buffer per thread
/// rather than allocating one per text.
fn split_into<'t>(text: &'t str, words: &mut Vec<&'t str>) {
    words.clear();
    words.extend(spaced_words(text));
}

/// The words of a text as [`learn`] keeps it (joined by single spaces, a word holding none),
/// in order; none for an empty text. Split on the space byte by a plain scan: the words are a
/// few letters long, and `str::split` on a char pays a search call and a compare per word,
/// a quarter of learning the abbreviations of a million actions.
fn spaced_words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let words = rest?;
        match words.bytes().position(|b| b == b' ') {
            Some(at) => {
                rest = Some(&words[at + 1..]);
                Some(&words[..at])
            }
            None => {
                rest = None;
                Some(words)
            }
        }
    })
}

/// abbreviation -> phrase -> weight; BTreeMaps so that ties break the same way every run.
type Sightings<'a> = BTreeMap<&'a str, BTreeMap<String, usize>>;

/// The candidate abbreviations as [`sightings_in`] looks them up: each, and each of its
/// openings, packed into a number a letter a byte. An abbreviation is two to six ASCII
/// capitals, so the number is unique to it and the walk compares numbers, not strings.
struct Spelling<'a> {
    abbreviations: HashMap<u64, &'a str>,
    prefixes: HashSet<u64>,
}

impl<'a> Spelling<'a> {
    fn of(candidates: &HashSet<&'a str>) -> Spelling<'a> {
        Spelling {
            abbreviations: candidates.iter().map(|&c| (packed(c.bytes()), c)).collect(),
            prefixes: candidates
                .iter()
                .flat_map(|c| (1..=c.len()).map(move |n| packed(c[..n].bytes())))
                .collect(),
        }
    }
}

/// `letters` (at most eight ASCII bytes) packed into a number, a byte each.
fn packed(letters: impl Iterator<Item = u8>) -> u64 {
    letters.fold(0u64, |packed, b| packed << 8 | u64::from(b))
}

/// How many letters `packed` holds, as [`packed`] packs them (none is a zero byte).
fn letters(packed: u64) -> usize {
    (u64::BITS - packed.leading_zeros()).div_ceil(8) as usize
}

/// The ASCII letters that [`packed`] packed into `packed`.
fn unpacked(packed: u64) -> String {
    packed
        .to_be_bytes()
        .iter()
        .filter(|&&b| b != 0)
        .map(|&b| char::from(b))
        .collect()
}

/// What [`sightings_in`] reuses from one text to the next: the text's words, the walked
/// states and the initials spelt from one word.
#[derive(Default)]
struct Walk<'t> {
    words: Vec<&'t str>,
    states: HashSet<(usize, u64)>,
    spelt: Vec<u64>,
}

/// Adds to `seen` every capitalised phrase of `text` whose initials spell one of the
/// candidates of `spelling`, weighted by [`EXPLICIT_WEIGHT`] when the abbreviation follows
/// it.
fn sightings_in<'a>(
    text: &'a str,
    spelling: &Spelling<'a>,
    walk: &mut Walk<'a>,
    seen: &mut Sightings<'a>,
) {
    split_into(text, &mut walk.words);
    let text = &walk.words;
    for start in 0..text.len() {
        if !text[start].chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        // Initials need a second word that gives a letter (a capital) or is skipped (a stop
        // word): "Develop plans" spells nothing, so most capitalised words walk no states.
        if !text.get(start + 1).is_some_and(|next| {
            next.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
                || is_printed_stop_word(next)
        }) {
            continue;
        }
        // Only the abbreviations the words here can spell are tried: trying every
        // abbreviation of the corpus at every capitalised word grows with the square of
        // the corpus (100,000 actions: seconds instead of milliseconds).
        walk.spelt.clear();
        walk.states.clear();
        spellings(
            &text[start..],
            0,
            (0, 0),
            &spelling.prefixes,
            &mut walk.states,
            &mut walk.spelt,
        );
        walk.spelt.sort_unstable();
        walk.spelt.dedup();
        for letters in &walk.spelt {
            let Some(&abbreviation) = spelling.abbreviations.get(letters) else {
                continue;
            };
            let Some(end) = initials_match(&text[start..], abbreviation) else {
                continue;
            };
            let end = start + end;
            let explicit = text.get(end).is_some_and(|w| *w == abbreviation);
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

/// Every string of two or more initials that the words of `phrase` may spell under the
/// rules of [`initials_match`] (a capitalised stop word may give its letter or be skipped)
/// and that begins some abbreviation of `prefixes`, appended to `out`, packed as
/// [`packed`] packs them. `so_far` is the initials spelt before word `at`, packed, and how
/// many letters they hold; `seen` holds the (word, initials) states already walked, so each
/// is walked once.
fn spellings(
    phrase: &[&str],
    at: usize,
    so_far: (u64, usize),
    prefixes: &HashSet<u64>,
    seen: &mut HashSet<(usize, u64)>,
    out: &mut Vec<u64>,
) {
    let (initials, letters) = so_far;
    if !seen.insert((at, initials)) {
        return;
    }
    if letters >= 2 {
        out.push(initials);
    }
    let Some(word) = phrase.get(at) else {
        return;
    };
    let Some(first) = word.chars().next() else {
        return;
    };
    // An abbreviation's letters are ASCII capitals: another capital begins none of them.
    if first.is_ascii_uppercase() && !is_abbreviation_shape(word) {
        let longer = initials << 8 | u64::from(first as u8);
        if prefixes.contains(&longer) {
            spellings(phrase, at + 1, (longer, letters + 1), prefixes, seen, out);
        }
    }
    if letters > 0 && is_printed_stop_word(word) {
        spellings(phrase, at + 1, so_far, prefixes, seen, out);
    }
}

/// How many words of `phrase` spell `abbreviation` by their initials, if they do: every
/// content word must be capitalised and give the next letter; stop words ("of", "and") may
/// sit between them without giving a letter ("Equality, Diversity and Inclusion" is EDI).
/// A phrase of one word, or the abbreviation itself, is no expansion.
fn initials_match(phrase: &[&str], abbreviation: &str) -> Option<usize> {
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
        } else if used > 0 && is_printed_stop_word(word) {
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
    fn a_clipped_heading_word_is_learnt_from_the_longer_word_used_elsewhere() {
        let texts = [
            "Regen Pipeline Development and Delivery",
            "Develop and publish Regeneration Pipeline",
            "66 strategically important Regeneration Pipeline Projects",
        ];
        assert_eq!(expansion(&texts, "Regen").as_deref(), Some("regeneration"));
        // A heading renamed from one year to the next prints each form once.
        let renamed = [
            "Info Governance Framework",
            "Information Governance Framework",
        ];
        assert_eq!(expansion(&renamed, "Info").as_deref(), Some("information"));
        // A word printed often on its own is a word, not a clip: "Plan" is not "Planning".
        let words = [
            "Plan agreed",
            "Plan refreshed",
            "Plan published",
            "Planning policy",
        ];
        assert_eq!(expansion(&words, "Plan"), None);
        // A clip opens the same phrase as the longer word; a sentence's first word does not.
        let sentence = [
            "Manage the corporate approach",
            "Performance Management Framework",
            "Management Framework refreshed",
        ];
        assert_eq!(expansion(&sentence, "Manage"), None);
    }

    #[test]
    fn initials_the_prose_spells_otherwise_are_not_expanded() {
        // "Housing Repairs" is a title; the prose keeps writing "human resources".
        let texts = [
            "Housing Repairs",
            "HR system replacement",
            "the human resources team will review the policy",
            "align human resources and payroll processes",
        ];
        assert_eq!(expansion(&texts, "HR"), None);
        // One chance pair of words is no rival.
        let texts = ["Housing Repairs", "HR backlog", "a high rate of complaints"];
        assert_eq!(expansion(&texts, "HR").as_deref(), Some("housing repair"));
        // An explicit definition stands whatever the prose says.
        let texts = [
            "Human Resources (HR) policy refresh",
            "the housing repairs service and housing repairs backlog",
        ];
        let folded = learn(std::iter::empty()).normalise("human resources");
        assert_eq!(expansion(&texts, "HR"), Some(folded));
    }

    #[test]
    fn nothing_is_learnt_without_a_matching_phrase() {
        assert_eq!(expansion(&["ERP system", "Oracle Fusion"], "ERP"), None);
        // lower-case words do not spell initials
        assert_eq!(expansion(&["housing revenue account", "HRA"], "HRA"), None);
    }
}
