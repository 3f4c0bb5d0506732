//! From scored pairs to links and threads.
//!
//! Pairs are taken best first. An item keeps at most one partner in each other document
//! unless the new pair is strong: a tracker objective restated once in a later report should
//! not also pick up that report's five look-alike rows. Threads grow by union, but one weak
//! link must not chain two established threads (or two items of one document) together: a
//! link that would merge two groups of more than one item, or bring a second item of a
//! document into a group, merges only when it is strong or when the two groups are coherent
//! (their members score, on average across the groups, at least `coherence_score`).

use crate::item::Corpus;
use crate::LinkConfig;
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};

/// A pair kept as a link: item indices, score and explanation.
#[derive(Clone, Debug)]
pub struct Accepted {
    /// Lower item index.
    pub a: u32,
    /// Higher item index.
    pub b: u32,
    /// Combined score.
    pub score: f64,
    /// Why.
    pub why: String,
}

/// Chooses links among `scored` pairs (any order) and groups the items into threads (each
/// a list of item indices with at least two members).
pub fn select(
    corpus: &Corpus,
    mut scored: Vec<Accepted>,
    config: &LinkConfig,
    pair_score: impl Fn(u32, u32) -> f64 + Sync,
) -> (Vec<Accepted>, Vec<Vec<u32>>) {
    scored.retain(|p| p.score >= config.min_score);
    scored.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let doc_of = |i: u32| corpus.items[i as usize].doc;
    let mut partnered: HashSet<(u32, usize)> = HashSet::new();
    let mut groups = Groups::new(corpus);
    let mut links = Vec::new();
    // A failed merge is retried by every later pair between the same two groups, which
    // scores the same member pairs again: remember them.
    let remembered: RefCell<HashMap<(u32, u32), f64>> = RefCell::new(HashMap::new());
    let key = |i: u32, j: u32| (i.min(j), i.max(j));
    for pair in scored {
        let strong = pair.score >= config.strong_score;
        let (da, db) = (doc_of(pair.a), doc_of(pair.b));
        let busy = partnered.contains(&(pair.a, db)) || partnered.contains(&(pair.b, da));
        if busy && !strong {
            continue;
        }
        let coherent = |x: &[u32], y: &[u32]| {
            // Large groups are judged on their first members: enough to see a mismatch.
            let (x, y) = (&x[..x.len().min(16)], &y[..y.len().min(16)]);
            let pairs = || x.iter().flat_map(|&i| y.iter().map(move |&j| key(i, j)));
            // The pairs not scored yet are scored in parallel (up to 256 of them, the costly
            // part of choosing links in a large corpus); the sum is taken in order.
            let unscored: Vec<(u32, u32)> = {
                let known = remembered.borrow();
                let mut unscored: Vec<(u32, u32)> =
                    pairs().filter(|k| !known.contains_key(k)).collect();
                unscored.sort_unstable();
                unscored.dedup();
                unscored
            };
            let fresh: Vec<f64> = unscored
                .par_iter()
                .map(|&(i, j)| pair_score(i, j))
                .collect();
            let mut known = remembered.borrow_mut();
            known.extend(unscored.into_iter().zip(fresh));
            let total: f64 = pairs().map(|k| known[&k]).sum();
            total / (x.len() * y.len()) as f64 >= config.coherence_score
        };
        if !groups.join(pair.a, pair.b, strong, coherent) {
            continue;
        }
        partnered.insert((pair.a, db));
        partnered.insert((pair.b, da));
        links.push(pair);
    }
    (links, groups.threads())
}

/// Union-find over items that knows each group's size and documents.
struct Groups {
    parent: Vec<u32>,
    size: Vec<u32>,
    docs: Vec<BTreeSet<usize>>,
    members: Vec<Vec<u32>>,
}

impl Groups {
    fn new(corpus: &Corpus) -> Groups {
        let n = corpus.items.len();
        Groups {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
            docs: corpus
                .items
                .iter()
                .map(|i| BTreeSet::from([i.doc]))
                .collect(),
            members: (0..n as u32).map(|i| vec![i]).collect(),
        }
    }

    fn root(&mut self, mut i: u32) -> u32 {
        while self.parent[i as usize] != i {
            let grand = self.parent[self.parent[i as usize] as usize];
            self.parent[i as usize] = grand;
            i = grand;
        }
        i
    }

    /// Joins the groups of `a` and `b` if the guard allows; whether they are now one group.
    fn join(
        &mut self,
        a: u32,
        b: u32,
        strong: bool,
        coherent: impl Fn(&[u32], &[u32]) -> bool,
    ) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return true;
        }
        let both_established = self.size[ra as usize] > 1 && self.size[rb as usize] > 1;
        let shares_document = !self.docs[ra as usize].is_disjoint(&self.docs[rb as usize]);
        if (both_established || shares_document)
            && !strong
            && !coherent(&self.members[ra as usize], &self.members[rb as usize])
        {
            return false;
        }
        let (big, small) = if self.size[ra as usize] >= self.size[rb as usize] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
        let moved = std::mem::take(&mut self.docs[small as usize]);
        self.docs[big as usize].extend(moved);
        let moved = std::mem::take(&mut self.members[small as usize]);
        self.members[big as usize].extend(moved);
        true
    }

    fn threads(mut self) -> Vec<Vec<u32>> {
        let n = self.parent.len();
        let mut by_root: std::collections::HashMap<u32, Vec<u32>> = Default::default();
        for i in 0..n as u32 {
            let r = self.root(i);
            by_root.entry(r).or_default().push(i);
        }
        by_root.into_values().filter(|g| g.len() > 1).collect()
    }
}
