//! Evidence the documents state outright, beside what their words share.
//!
//! A review plan says which recommendation each action serves ("Link to I13", or the action
//! printed again under the recommendation as a cross-reference row): the council's own
//! same-issue edge. The next edition of a tracker keeps an objective's ref and workstream
//! ("PC.A1.0" under "Waste Contract" in October and in December) even when its wording
//! changes. Each is a prior probability that the two items are one issue, combined with the
//! word score as independent evidence (noisy-or: 1 − (1 − p)(1 − q)). An action that serves
//! many recommendations ("Member Development Programme" cited under ten of them) says little
//! about each: its prior falls with the square root of how many it serves.

use crate::item::Corpus;
use crate::thread::Accepted;
use crate::LinkConfig;
use rayon::prelude::*;

// The maps here hash with ahash: they hold an entry per item or pair of a large corpus, and
// none is read in an order that could reach the result (the candidates are sorted).
use ahash::HashMap;

/// Prior that an action and the one recommendation it says it serves are one issue.
const STATED_PRIOR: f64 = 0.95;
/// Prior that two editions' items with the same ref and workstream are one issue.
const EDITION_PRIOR: f64 = 0.6;

/// The pairs the documents state: cross-references within a document, and each item's
/// nearest older edition (same family, ref and workstream in another document, the two
/// documents sharing most such rows or the two items a rare word).
/// `rank` gives each item's place oldest first.
pub fn pairs(corpus: &Corpus, rank: &[u32], config: &LinkConfig) -> Vec<(u32, u32, f64, String)> {
    let mut out = Vec::new();
    for (i, item) in corpus.items.iter().enumerate() {
        let fan_out = item.stated.len() as f64;
        for &other in &item.stated {
            let prior = STATED_PRIOR / fan_out.sqrt();
            let why = format!(
                "stated by the document: {} serves {} (1 of {} refs it serves)",
                item.reference,
                corpus.items[other as usize].reference,
                item.stated.len()
            );
            out.push((i as u32, other, prior, why));
        }
    }
    let mut editions: HashMap<&(govtrail_model::Family, String, String), Vec<u32>> =
        HashMap::default();
    for (i, item) in corpus.items.iter().enumerate() {
        if let Some(key) = &item.edition_key {
            editions.entry(key).or_default().push(i as u32);
        }
    }
    // Each item with its nearest older edition in another document: linear in the corpus
    // however many editions there are.
    let mut candidates: Vec<(u32, u32, &str)> = Vec::new();
    let mut keyed: HashMap<usize, usize> = HashMap::default();
    for (key, mut items) in editions {
        items.sort_unstable_by_key(|&i| rank[i as usize]);
        for &i in &items {
            *keyed.entry(corpus.items[i as usize].doc).or_default() += 1;
        }
        for pair in items.windows(2) {
            let (older, newer) = (pair[0], pair[1]);
            if corpus.items[older as usize].doc != corpus.items[newer as usize].doc {
                candidates.push((older, newer, key.1.as_str()));
            }
        }
    }
    // Two documents are editions of one tracker when at least half the keyed items of the
    // smaller one come back in the other: two councils' trackers may share a workstream
    // name ("ERP") and a ref shape, but not most of their rows.
    let mut shared: HashMap<(usize, usize), usize> = HashMap::default();
    let docs_of = |older: u32, newer: u32| {
        (
            corpus.items[older as usize].doc,
            corpus.items[newer as usize].doc,
        )
    };
    for &(older, newer, _) in &candidates {
        *shared.entry(docs_of(older, newer)).or_default() += 1;
    }
    // Yearly trackers keep few rows, yet an objective carried over keeps its ref and
    // workstream, reworded ("Audit Stoustusor vehicle check records" in 2019, "Close the
    // actions from the Stoustusor traffic commissioner review" in 2020, both OC.X9.1 under
    // "Stoustusor Fleet Compliance"). Outside documents that are editions, the two items
    // must also share a word rare enough to block on: a ref shape and a workstream name
    // alone are what two councils' trackers may have in common.
    candidates.sort_unstable();
    for (older, newer, reference) in candidates {
        let (a, b) = docs_of(older, newer);
        let smaller = keyed[&a].min(keyed[&b]);
        if 2 * shared[&(a, b)] < smaller && !corpus.share_a_rare_word(older, newer, config) {
            continue;
        }
        let why = format!("same ref {reference} under the same workstream in two editions");
        out.push((older, newer, EDITION_PRIOR, why));
    }
    out
}

/// Adds the stated pairs to `scored` (pairs scored on their words): a pair in both gets the
/// noisy-or of its word score and its prior, a stated pair not yet scored is scored by
/// `word_score` first. Pairs end up lower index first, each once.
pub fn combine(
    mut scored: Vec<Accepted>,
    stated: Vec<(u32, u32, f64, String)>,
    word_score: impl Fn(u32, u32) -> (f64, String) + Sync,
) -> Vec<Accepted> {
    let mut at: HashMap<(u32, u32), usize> = scored
        .iter()
        .enumerate()
        .map(|(n, p)| ((p.a, p.b), n))
        .collect();
    // The stated pairs not scored on their words yet are scored first, in parallel (tens of
    // thousands at a million actions); the pairs are then combined in order as before.
    let mut unscored: Vec<(u32, u32)> = stated
        .iter()
        .map(|&(x, y, _, _)| (x.min(y), x.max(y)))
        .filter(|pair| !at.contains_key(pair))
        .collect();
    unscored.sort_unstable();
    unscored.dedup();
    let mut fresh: HashMap<(u32, u32), (f64, String)> = unscored
        .into_par_iter()
        .map(|(a, b)| ((a, b), word_score(a, b)))
        .collect();
    for (x, y, prior, why) in stated {
        let (a, b) = (x.min(y), x.max(y));
        let n = *at.entry((a, b)).or_insert_with(|| {
            let (score, words) = fresh.remove(&(a, b)).unwrap_or_else(|| word_score(a, b));
            scored.push(Accepted {
                a,
                b,
                score,
                why: words,
            });
            scored.len() - 1
        });
        let pair = &mut scored[n];
        pair.score = 1.0 - (1.0 - pair.score) * (1.0 - prior);
        pair.why = format!("{why}; {}", pair.why);
    }
    scored
}
