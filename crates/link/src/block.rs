//! Blocking: which pairs of items are worth scoring at all.
//!
//! Scoring every pair of 100,000 items is 5·10⁹ comparisons; almost all of them share no rare
//! word and cannot be the same issue. An inverted index over the rare tokens of each item's
//! core (heading and text) proposes, for every item, the few items of *other* documents with
//! which it shares the most rarity (summed inverse document frequency); only those pairs are
//! scored. Tokens held by more than a small share of the corpus are not indexed ("council",
//! "service"): they would make every posting list long and tell nothing apart. Each item
//! walks at most `block_budget` postings, rarest tokens first, so the cost per item is
//! bounded whatever the word distribution: linear in the corpus.

use crate::item::Corpus;
use crate::LinkConfig;
use rayon::prelude::*;

/// The candidate pairs (lower item index first), sorted and unique.
pub fn candidates(corpus: &Corpus, config: &LinkConfig) -> Vec<(u32, u32)> {
    let n = corpus.items.len();
    let cap = config.rare_document_frequency(n);
    let postings = Postings::of(corpus, cap);
    // Each item's document, read for every posting walked: a compact list stays in cache
    // where the items themselves do not.
    let documents: Vec<usize> = corpus.items.iter().map(|item| item.doc).collect();
    let mut pairs: Vec<(u32, u32)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|index| proposals(corpus, &documents, &postings, index, config))
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// The inverted index: for each token, the items whose core holds it, in item order, and
/// none for a token held by more than the cap. One flat list cut at each token's start
/// rather than a list per token: a million actions have millions of tokens, most of them
/// held by one item.
struct Postings {
    /// Where each token's items start in `items`, and where the last ends.
    starts: Vec<usize>,
    items: Vec<u32>,
}

impl Postings {
    fn of(corpus: &Corpus, cap: usize) -> Postings {
        let mut held = vec![0usize; corpus.vocabulary.len()];
        for item in &corpus.items {
            for &token in &item.core {
                held[token as usize] += 1;
            }
        }
        for count in &mut held {
            if *count > cap {
                *count = 0;
            }
        }
        let mut starts = Vec::with_capacity(held.len() + 1);
        let mut total = 0;
        starts.push(0);
        for &count in &held {
            total += count;
            starts.push(total);
        }
        let mut items = vec![0u32; total];
        let mut next = starts.clone();
        for (index, item) in corpus.items.iter().enumerate() {
            for &token in &item.core {
                if held[token as usize] > 0 {
                    items[next[token as usize]] = index as u32;
                    next[token as usize] += 1;
                }
            }
        }
        Postings { starts, items }
    }

    /// The items holding `token`, in item order.
    fn of_token(&self, token: u32) -> &[u32] {
        let token = token as usize;
        &self.items[self.starts[token]..self.starts[token + 1]]
    }
}

/// The items of other documents sharing the most rarity with item `index`.
fn proposals(
    corpus: &Corpus,
    documents: &[usize],
    postings: &Postings,
    index: usize,
    config: &LinkConfig,
) -> Vec<(u32, u32)> {
    let item = &corpus.items[index];
    // What its updates say it replaced looks for the old item too.
    let mut tokens: Vec<u32> = item
        .core
        .iter()
        .copied()
        .filter(|&t| postings.of_token(t).len() > 1)
        .chain(
            item.bridge_sequence
                .iter()
                .copied()
                .filter(|&t| !postings.of_token(t).is_empty()),
        )
        .collect();
    tokens.sort_unstable();
    tokens.dedup();
    tokens.sort_by(|a, b| corpus.idf[*b as usize].total_cmp(&corpus.idf[*a as usize]));
    tokens.truncate(config.block_tokens);
    // (other item, weight) for every posting walked, then summed per item after sorting:
    // cheaper than hashing at a hundred thousand items.
    let mut hits: Vec<(u32, f32)> = Vec::new();
    for token in tokens {
        // Rarest tokens first; once the budget is spent the commoner ones add little.
        if hits.len() >= config.block_budget {
            break;
        }
        let idf = corpus.idf[token as usize];
        hits.extend(
            postings
                .of_token(token)
                .iter()
                .filter(|&&other| documents[other as usize] != item.doc)
                .map(|&other| (other, idf)),
        );
    }
    hits.sort_unstable_by_key(|h| h.0);
    let mut ranked: Vec<(u32, f32)> = Vec::new();
    for (other, weight) in hits {
        match ranked.last_mut() {
            Some(last) if last.0 == other => last.1 += weight,
            _ => ranked.push((other, weight)),
        }
    }
    // The strongest `max_candidates`, in no order (the caller sorts all pairs): the order
    // is total (ties go to the lower index), so they are the ones a full sort would keep.
    let strongest = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if ranked.len() > config.max_candidates {
        if config.max_candidates > 0 {
            ranked.select_nth_unstable_by(config.max_candidates - 1, strongest);
        }
        ranked.truncate(config.max_candidates);
    }
    let me = index as u32;
    ranked
        .into_iter()
        .map(|(other, _)| (me.min(other), me.max(other)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::{Action, ActionKind, DocumentOutput, Family};

    fn doc(id: &str, texts: &[&str]) -> DocumentOutput {
        let mut d = DocumentOutput::new(id, Family::ImprovementPlanTracker);
        for (i, text) in texts.iter().enumerate() {
            let mut a = Action::new(Some(format!("R{i}")), ActionKind::Action, i + 1);
            a.text = (*text).into();
            d.actions.push(a);
        }
        d
    }

    #[test]
    fn only_items_of_different_documents_sharing_a_rare_word_are_paired() {
        let docs = [
            doc(
                "a",
                &["Implement Oracle Fusion", "Refresh the appraisal process"],
            ),
            doc("b", &["Oracle Fusion go live", "Waste contract monitoring"]),
            doc("c", &["Implement appraisal refresh", "Implement Oracle"]),
        ];
        let corpus = Corpus::build(&docs);
        let pairs = candidates(&corpus, &LinkConfig::default());
        let name = |i: u32| {
            let item = &corpus.items[i as usize];
            format!("{}{}", docs[item.doc].document.id, item.reference)
        };
        let named: Vec<(String, String)> = pairs.iter().map(|&(a, b)| (name(a), name(b))).collect();
        assert!(named.contains(&("aR0".into(), "bR0".into())), "{named:?}");
        assert!(named.contains(&("aR1".into(), "cR0".into())), "{named:?}");
        assert!(
            !named.iter().any(|(a, b)| a[..1] == b[..1]),
            "same document: {named:?}"
        );
        assert!(
            !named.iter().any(|p| p.1 == "bR1"),
            "nothing shares 'waste': {named:?}"
        );
    }

    #[test]
    fn common_tokens_are_not_indexed() {
        // "council" is in every item: with a cap below that it proposes nothing.
        let docs = [
            doc("a", &["council alpha", "council beta"]),
            doc("b", &["council gamma", "council delta"]),
        ];
        let corpus = Corpus::build(&docs);
        let config = LinkConfig {
            block_df_fraction: 0.5,
            block_df_floor: 1,
            ..LinkConfig::default()
        };
        assert!(candidates(&corpus, &config).is_empty());
    }
}
