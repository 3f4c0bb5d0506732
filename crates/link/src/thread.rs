//! From scored pairs to links and threads.
//!
//! Pairs are taken best first. An item keeps at most one partner in each other document
//! unless the new pair is strong (it scores `strong_score` and the two share a word): a
//! tracker objective restated once in a later report should not also pick up that report's
//! five look-alike rows. Parents and children share partners:
//! a later report that names the issue once ("Implement Oracle Fusion") may partner both the
//! recommendation and its step "Procure new support provider to deliver Oracle Fusion", and
//! an objective split into three sub-actions next year links all three. So do an action and
//! the recommendation its document says it serves ("S3.2" printed under I7): a later
//! "Member development programme" objective restates both. So do items of one document
//! under one issue heading ("SEND Transport" over the procurement and its record keeping),
//! unless the heading heads so many that it is a theme. An item whose best
//! partner is taken goes on to its next candidate, since its other pairs are still in the
//! list. Pairs within one document are the document's own statements and are not limited.
//! Threads grow by union, but one weak
//! link must not chain two established threads (or two items of one document) together: a
//! link that would merge two groups of more than one item, or bring a second item of a
//! document into a group, merges only when it is strong, when one group holds kin of the
//! other's end (the document's hierarchy or statement agrees with the link), or when the two
//! groups are coherent (their members score, on average across the groups, at least
//! `coherence_score`). Then a family (a parent and its steps) none of whose parts is linked to
//! an item that two of them restate in different rare words joins that item from
//! `step_score`, and its parent with them: several actions merged into one. Last, the steps
//! of a linked item, and its siblings (the other steps of its parent), that are in no thread
//! join its partner from `step_score` when the two share a rare word: an issue split into
//! sub-actions, or several merged into one.

use crate::item::Corpus;
use crate::LinkConfig;
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::HashSet;

// The maps of choosing links hash with ahash: they are probed for every pair and item of a
// large corpus, and none is read in an order that could reach the result.
use ahash::HashMap;

/// The most items of one document a heading may head and still name one issue: more, and it
/// is a theme ("Officer and Member Relationships" over twelve recommendations).
const MAX_ISSUE_HEADING_USES: usize = 3;

/// How many of a family's parts that meet one item are compared for whether they restate
/// different parts of it, and may join it.
const MAX_PARTS_COMPARED: usize = 16;

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

/// A pair with a step or a parent on one side, scoring from `step_score`: a part of a family
/// that may have merged into the other item.
#[derive(Clone, Copy, Debug)]
struct Part {
    a: u32,
    b: u32,
    score: f64,
}

/// Chooses links among `scored` pairs (any order) and groups the items into threads (each
/// a list of item indices with at least two members). `candidates` are the blocked pairs:
/// those where two parts of one family meet one item are scored here from `step_score`, the
/// weaker pairs a merged family may link through.
pub fn select(
    corpus: &Corpus,
    mut scored: Vec<Accepted>,
    candidates: &[(u32, u32)],
    config: &LinkConfig,
    pair_score: impl Fn(u32, u32) -> f64 + Sync,
) -> (Vec<Accepted>, Vec<Vec<u32>>) {
    scored.retain(|p| p.score >= config.min_score);
    let mut steps: HashMap<u32, Vec<u32>> = HashMap::default();
    for (i, item) in corpus.items.iter().enumerate() {
        if let Some(parent) = item.parent {
            steps.entry(parent).or_default().push(i as u32);
        }
    }
    let mut parts: Vec<Part> = family_pairs(corpus, candidates, &steps)
        .into_par_iter()
        .filter_map(|(a, b)| {
            let score = pair_score(a, b);
            (score >= config.step_score && score < config.min_score).then_some(Part { a, b, score })
        })
        .collect();
    let in_family = |i: u32| corpus.items[i as usize].parent.is_some() || steps.contains_key(&i);
    parts.extend(
        scored
            .iter()
            .filter(|p| in_family(p.a) || in_family(p.b))
            .map(|p| Part {
                a: p.a,
                b: p.b,
                score: p.score,
            }),
    );
    scored.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let doc_of = |i: u32| corpus.items[i as usize].doc;
    let mut heading_uses: HashMap<(usize, &[u32]), usize> = HashMap::default();
    for item in corpus.items.iter().filter(|i| i.has_heading) {
        *heading_uses
            .entry((item.doc, &item.heading_sequence[..]))
            .or_default() += 1;
    }
    let mut partnered: HashMap<(u32, usize), Vec<u32>> = HashMap::default();
    // Whether `x` and `y` are one item, one is an ancestor of the other, or the document
    // states that one serves the other.
    let kin = |x: u32, y: u32| {
        let descends = |mut child: u32, ancestor: u32| {
            for _ in 0..8 {
                if child == ancestor {
                    return true;
                }
                match corpus.items[child as usize].parent {
                    Some(parent) => child = parent,
                    None => return false,
                }
            }
            false
        };
        let states = |from: u32, to: u32| {
            corpus.items[from as usize]
                .stated
                .binary_search(&to)
                .is_ok()
        };
        let (ix, iy) = (&corpus.items[x as usize], &corpus.items[y as usize]);
        let same_heading = ix.doc == iy.doc
            && ix.has_heading
            && !ix.heading_sequence.is_empty()
            && ix.heading_sequence == iy.heading_sequence
            && heading_uses[&(ix.doc, &ix.heading_sequence[..])] <= MAX_ISSUE_HEADING_USES;
        descends(x, y) || descends(y, x) || states(x, y) || states(y, x) || same_heading
    };
    let taken = |partnered: &HashMap<(u32, usize), Vec<u32>>, item: u32, doc: usize, new: u32| {
        partnered
            .get(&(item, doc))
            .is_some_and(|partners| partners.iter().any(|&p| !kin(p, new)))
    };
    let mut groups = Groups::new(corpus);
    let mut links = Vec::new();
    // A failed merge is retried by every later pair between the same two groups, which
    // scores the same member pairs again: remember them.
    let remembered: RefCell<HashMap<(u32, u32), f64>> = RefCell::new(HashMap::default());
    let key = |i: u32, j: u32| (i.min(j), i.max(j));
    for pair in scored {
        let strong = pair.score >= config.strong_score && shares_a_word(corpus, pair.a, pair.b);
        let (da, db) = (doc_of(pair.a), doc_of(pair.b));
        let busy = da != db
            && (taken(&partnered, pair.a, db, pair.b) || taken(&partnered, pair.b, da, pair.a));
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
        if !groups.join(pair.a, pair.b, strong, kin, coherent) {
            continue;
        }
        partnered.entry((pair.a, db)).or_default().push(pair.b);
        partnered.entry((pair.b, da)).or_default().push(pair.a);
        links.push(pair);
    }
    merge_families(
        corpus,
        &parts,
        &steps,
        &mut groups,
        &mut links,
        config,
        &pair_score,
    );
    // A split or merged issue: an item linked to a later (or earlier) one has steps of its
    // own that restate parts of it ("Resurfacing", "Gritting", "Street lighting" under a
    // highways recommendation, merged next year into one highways deliverable). Each step
    // scores low alone, since it holds only its part of the words; the link of its parent,
    // or of a sibling (another step of its parent), is the evidence that the step belongs to
    // the partner's issue, so a step scoring at least `step_score` against that partner joins
    // it, provided the step is in no thread yet and the two share a rare word: a sibling that
    // shares only the wording many rows print ("Continue with robust oversight of the … work"
    // under a recommendation whose other step is linked to "Continue with robust oversight
    // of the Raidroubon work") is another issue.
    let steps_of = |item: u32| steps.get(&item).map(Vec::as_slice).unwrap_or_default();
    let linked: Vec<(u32, u32)> = links
        .iter()
        .filter(|p| doc_of(p.a) != doc_of(p.b))
        .flat_map(|p| [(p.a, p.b), (p.b, p.a)])
        .collect();
    // Each (linked item, partner, step, step's parent) a step may join, in the order they are
    // tried. A step already in a thread, or in its partner's, stays so as the pass goes on,
    // and one sharing no rare word with the partner never joins it, so those are dropped up
    // front; the rest are scored in parallel (the costly part at a million actions) and
    // joined in order, each re-checked when its turn comes.
    let mut tries: Vec<(u32, u32, u32, u32)> = Vec::new();
    for (item, partner) in linked {
        let siblings = corpus.items[item as usize]
            .parent
            .map(|parent| (parent, steps_of(parent)));
        let family = steps_of(item).iter().map(|&step| (step, item)).chain(
            siblings
                .into_iter()
                .flat_map(|(parent, steps)| steps.iter().map(move |&step| (step, parent)))
                .filter(|&(step, _)| step != item),
        );
        for (step, parent) in family {
            if groups.root(step) != groups.root(partner)
                && groups.size_of(step) == 1
                && corpus.share_a_rare_word(step, partner, config)
            {
                tries.push((item, partner, step, parent));
            }
        }
    }
    let mut scored_steps: Vec<(u32, u32)> = tries.iter().map(|&(_, p, s, _)| (s, p)).collect();
    scored_steps.sort_unstable();
    scored_steps.dedup();
    let step_scores: HashMap<(u32, u32), f64> = scored_steps
        .par_iter()
        .map(|&(step, partner)| ((step, partner), pair_score(step, partner)))
        .collect();
    for (item, partner, step, parent) in tries {
        if groups.root(step) == groups.root(partner) || groups.size_of(step) > 1 {
            continue;
        }
        let score = step_scores[&(step, partner)];
        if score < config.step_score {
            continue;
        }
        if groups.join(step, partner, true, |_, _| false, |_, _| true) {
            let (a, b) = (step.min(partner), step.max(partner));
            let (reference, linked) = (
                &corpus.items[parent as usize].reference,
                &corpus.items[item as usize].reference,
            );
            let partner = &corpus.items[partner as usize].reference;
            let why = if parent == item {
                format!("a step of {linked}, which is linked to {partner}")
            } else {
                format!("a step of {reference}, as is {linked}, which is linked to {partner}")
            };
            links.push(Accepted { a, b, score, why });
        }
    }
    (links, groups.threads())
}

/// A merged issue seen from its parts: "Highways Improvement Plan" with its steps "street
/// lighting LED replacement", "carriageway resurfacing programme" and "winter gritting route
/// review", merged next year into "highways asset management plan bringing street lighting,
/// resurfacing and winter gritting under one programme". No part scores `min_score` against
/// the merged item, since each holds only its share of its words, but two parts of one family
/// (a parent and its steps) that each hold a rare word of it the other lacks restate
/// different parts of it: that agreement is the evidence. Each part of the family from
/// `step_score` that shares a rare word with the merged item joins it, unless both are in
/// threads already (a weak link must not chain two threads) or the merged item's thread
/// holds an item of the family's document from outside the family (another issue there has
/// it). Once two parts have joined, their parent, if in no thread, joins as well.
fn merge_families(
    corpus: &Corpus,
    parts: &[Part],
    steps: &HashMap<u32, Vec<u32>>,
    groups: &mut Groups,
    links: &mut Vec<Accepted>,
    config: &LinkConfig,
    pair_score: impl Fn(u32, u32) -> f64,
) {
    let doc_of = |i: u32| corpus.items[i as usize].doc;
    let mut by_family: Vec<(u32, u32, u32, f64)> = Vec::new();
    for part in parts {
        families_met(corpus, part.a, part.b, steps, |root, merged, member| {
            by_family.push((root, merged, member, part.score));
        });
    }
    by_family.sort_unstable_by(|x, y| {
        (x.0, x.1)
            .cmp(&(y.0, y.1))
            .then(y.3.total_cmp(&x.3))
            .then(x.2.cmp(&y.2))
    });
    let of_family = |root: u32, i: u32| i == root || corpus.items[i as usize].parent == Some(root);
    for run in by_family.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        if run.len() < 2 {
            continue;
        }
        let (root, merged) = (run[0].0, run[0].1);
        // The agreement is looked for, and parts join, among the best-scoring parts only, so
        // that a family of thousands of rows costs no more than one of a few.
        let run = &run[..run.len().min(MAX_PARTS_COMPARED)];
        let words: Vec<Vec<u32>> = run
            .iter()
            .map(|&(_, _, member, _)| corpus.rare_words_shared(member, merged, config).collect())
            .collect();
        let lacks = |x: &[u32], y: &[u32]| x.iter().any(|t| y.binary_search(t).is_err());
        let restated_apart = (0..run.len()).any(|i| {
            (i + 1..run.len()).any(|j| lacks(&words[i], &words[j]) && lacks(&words[j], &words[i]))
        });
        if !restated_apart {
            continue;
        }
        let family_doc = doc_of(root);
        let may_join = |groups: &mut Groups, member: u32| {
            if groups.root(member) == groups.root(merged)
                || (groups.size_of(member) > 1 && groups.size_of(merged) > 1)
            {
                return false;
            }
            let merged_root = groups.root(merged) as usize;
            groups.docs[merged_root].binary_search(&family_doc).is_err()
                || !groups.members[merged_root]
                    .iter()
                    .any(|&i| doc_of(i) == family_doc && !of_family(root, i))
        };
        let (family, merged_ref) = (
            &corpus.items[root as usize].reference,
            &corpus.items[merged as usize].reference,
        );
        let link = |member: u32, score: f64| {
            let step = if member == root { "" } else { "a step of " };
            Accepted {
                a: member.min(merged),
                b: member.max(merged),
                score,
                why: format!("{step}{family}, whose parts restate different parts of {merged_ref}"),
            }
        };
        for (&(_, _, member, score), words) in run.iter().zip(&words) {
            if words.is_empty() || !may_join(groups, member) {
                continue;
            }
            if groups.join(member, merged, true, |_, _| false, |_, _| true) {
                links.push(link(member, score));
            }
        }
        // The parent of parts that merged is the issue's name in its year ("Income
        // Collection Review" over "council tax recovery" and "business rates collection"),
        // though its own words may share nothing with the merged item: in no thread yet, it
        // joins theirs.
        let merged_parts = run
            .iter()
            .filter(|&&(_, _, member, _)| {
                member != root && groups.root(member) == groups.root(merged)
            })
            .count();
        if merged_parts >= 2
            && groups.size_of(root) == 1
            && may_join(groups, root)
            && groups.join(root, merged, true, |_, _| false, |_, _| true)
        {
            links.push(link(root, pair_score(root, merged)));
        }
    }
}

/// For a pair `a`–`b` across two documents, each (family's parent, other item, part) it
/// is evidence for: a part belongs to its parent's family and, if it has steps, to its own.
fn families_met(
    corpus: &Corpus,
    a: u32,
    b: u32,
    steps: &HashMap<u32, Vec<u32>>,
    mut met: impl FnMut(u32, u32, u32),
) {
    if corpus.items[a as usize].doc == corpus.items[b as usize].doc {
        return;
    }
    for (member, other) in [(a, b), (b, a)] {
        let roots = [
            corpus.items[member as usize].parent,
            steps.contains_key(&member).then_some(member),
        ];
        for root in roots.into_iter().flatten() {
            met(root, other, member);
        }
    }
}

/// The candidate `pairs` worth scoring as [`Part`]s: those where two parts of one family
/// (a parent and its `steps`) meet one item of another document.
fn family_pairs(
    corpus: &Corpus,
    pairs: &[(u32, u32)],
    steps: &HashMap<u32, Vec<u32>>,
) -> Vec<(u32, u32)> {
    let mut met: Vec<(u32, u32, u32, u32)> = Vec::new();
    for &(a, b) in pairs {
        families_met(corpus, a, b, steps, |root, other, _| {
            met.push((root, other, a, b));
        });
    }
    met.par_sort_unstable();
    let mut out: Vec<(u32, u32)> = met
        .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
        .filter(|run| run.len() > 1)
        .flat_map(|run| run.iter().map(|&(_, _, a, b)| (a, b)))
        .collect();
    out.par_sort_unstable();
    out.dedup();
    out
}

/// Whether items `a` and `b` share a word of their own (heading or text, or what an update
/// says one replaced): a cross-reference between two items that share none ("I11.3 serves
/// I4" over unrelated texts) is the document's statement alone, which links the two but
/// does not override the merge guard as a strong pair does.
fn shares_a_word(corpus: &Corpus, a: u32, b: u32) -> bool {
    let (x, y) = (&corpus.items[a as usize], &corpus.items[b as usize]);
    // The bridge is a phrase in text order, not a sorted list: each of its words is looked up.
    let in_core =
        |core: &[u32], tokens: &[u32]| tokens.iter().any(|t| core.binary_search(t).is_ok());
    crate::score::common(&x.core, &y.core).next().is_some()
        || in_core(&y.core, &x.bridge_sequence)
        || in_core(&x.core, &y.bridge_sequence)
}

/// Union-find over items that knows each group's size and documents.
struct Groups {
    parent: Vec<u32>,
    size: Vec<u32>,
    /// Each group's documents, sorted: a short list per item costs a tenth of a set's node
    /// at a million items.
    docs: Vec<Vec<usize>>,
    members: Vec<Vec<u32>>,
}

impl Groups {
    fn new(corpus: &Corpus) -> Groups {
        let n = corpus.items.len();
        Groups {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
            docs: corpus.items.iter().map(|i| vec![i.doc]).collect(),
            members: (0..n as u32).map(|i| vec![i]).collect(),
        }
    }

    fn size_of(&mut self, i: u32) -> u32 {
        let root = self.root(i);
        self.size[root as usize]
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
    /// Two established groups, or two groups holding items of one document, join only
    /// through a `strong` pair, when one group already holds kin of the other's end, or when
    /// they are `coherent`. Kin is the document's own evidence that the two are one issue: a
    /// step joins the thread its parent is in, and "S3.2 Develop and implement Member
    /// Development Programme", in a thread of the recommendations it serves, joins the
    /// thread of the objective "Member development programme" that holds I7, which S3.2
    /// says it serves too.
    fn join(
        &mut self,
        a: u32,
        b: u32,
        strong: bool,
        kin: impl Fn(u32, u32) -> bool,
        coherent: impl Fn(&[u32], &[u32]) -> bool,
    ) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return true;
        }
        let both_established = self.size[ra as usize] > 1 && self.size[rb as usize] > 1;
        let shares_document = share_any(&self.docs[ra as usize], &self.docs[rb as usize]);
        let holds_kin =
            |group: &[u32], end: u32, other: u32| group.iter().any(|&m| m != other && kin(m, end));
        if (both_established || shares_document)
            && !strong
            && !holds_kin(&self.members[rb as usize], a, b)
            && !holds_kin(&self.members[ra as usize], b, a)
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
        let docs = &mut self.docs[big as usize];
        docs.extend(moved);
        docs.sort_unstable();
        docs.dedup();
        let moved = std::mem::take(&mut self.members[small as usize]);
        self.members[big as usize].extend(moved);
        true
    }

    /// The groups of two or more items, each its members as joined (the caller orders
    /// them): a root's member list already holds its whole group.
    fn threads(self) -> Vec<Vec<u32>> {
        let parent = self.parent;
        self.members
            .into_iter()
            .enumerate()
            .filter(|(i, members)| parent[*i] == *i as u32 && members.len() > 1)
            .map(|(_, members)| members)
            .collect()
    }
}

/// Whether two sorted lists hold a value in common.
fn share_any(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// One title per group (members oldest first): the newest heading among the members, else
/// the shortest member's text, never cut. Where two threads would share a title ("Sandwell
/// Children's Trust" heads three review actions), each adds the text of its newest member
/// without a heading, else the action text (`text_of`) of its newest member, so that the
/// titles tell the threads apart.
pub fn titles(
    corpus: &Corpus,
    groups: &[Vec<u32>],
    text_of: impl Fn(u32) -> String,
) -> Vec<String> {
    let opening = |i: u32| corpus.items[i as usize].label.clone();
    let base: Vec<String> = groups
        .iter()
        .map(|members| {
            let items = members.iter().map(|&i| (i, &corpus.items[i as usize]));
            if let Some((i, _)) = items.clone().rev().find(|(_, item)| item.has_heading) {
                return opening(i);
            }
            items
                .min_by_key(|(_, item)| item.label.chars().count())
                .map(|(i, _)| opening(i))
                .unwrap_or_default()
        })
        .collect();
    let mut uses: HashMap<&str, usize> = HashMap::default();
    for title in &base {
        *uses.entry(title.as_str()).or_default() += 1;
    }
    groups
        .iter()
        .zip(&base)
        .map(|(members, title)| {
            if uses[title.as_str()] < 2 {
                return title.clone();
            }
            let detail = members
                .iter()
                .rev()
                .find(|&&i| !corpus.items[i as usize].has_heading)
                .map(|&i| opening(i))
                .or_else(|| members.last().map(|&i| text_of(i)))
                .filter(|d| !d.is_empty());
            match detail {
                Some(detail) => format!("{title}: {detail}"),
                None => title.clone(),
            }
        })
        .collect()
}

/// A thread id from its oldest member's document and ref (FNV-1a, 32 bits, in hex), so that
/// adding documents does not renumber the threads they do not touch; a second thread with
/// the same hash takes the next free suffix.
pub fn stable_id(document: &str, reference: &str, taken: &mut HashSet<String>) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in document.bytes().chain([0]).chain(reference.bytes()) {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    let mut id = format!("t{hash:08x}");
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("t{hash:08x}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::{Action, ActionKind, DocumentOutput, Family};

    const WORDS: [&str; 8] = [
        "harbour",
        "library",
        "cemetery",
        "pension",
        "allotment",
        "tram",
        "museum",
        "canal",
    ];

    /// The threads `select` makes of `scored` pairs (a, b, score), asked to score any other
    /// pair: `others` gives those that score, the rest score 0.
    fn threads_of(
        corpus: &Corpus,
        scored: &[(u32, u32, f64)],
        others: &[(u32, u32, f64)],
    ) -> Vec<Vec<u32>> {
        let table: Vec<(u32, u32, f64)> = scored.iter().chain(others).copied().collect();
        let score_of = |a: u32, b: u32| {
            table
                .iter()
                .find(|&&(x, y, _)| (x, y) == (a.min(b), a.max(b)))
                .map_or(0.0, |&(_, _, score)| score)
        };
        let accepted = scored
            .iter()
            .map(|&(a, b, score)| Accepted {
                a,
                b,
                score,
                why: String::new(),
            })
            .collect();
        select(corpus, accepted, &[], &LinkConfig::default(), score_of).1
    }

    /// Whether a strong pair (0.85) between the first members of two threads (eight
    /// documents of one item each: items 0-3 chained by links of 0.9, and 4-7) merges them,
    /// the first member's text being `first`.
    fn strong_pair_merges(first: &str) -> bool {
        let docs: Vec<DocumentOutput> = (0..8)
            .map(|n| {
                let mut d = DocumentOutput::new(format!("{n}.txt"), Family::ImprovementPlanTracker);
                let mut a = Action::new(Some("A1".into()), ActionKind::Action, 1);
                a.text = if n == 0 { first } else { WORDS[n] }.to_owned();
                d.actions.push(a);
                d
            })
            .collect();
        let mut scored: Vec<(u32, u32, f64)> = [(0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (6, 7)]
            .map(|(a, b)| (a, b, 0.9))
            .to_vec();
        scored.push((0, 4, 0.85));
        threads_of(&Corpus::build(&docs), &scored, &[]).len() == 1
    }

    #[test]
    fn a_strong_pair_that_shares_no_word_does_not_override_the_merge_guard() {
        assert!(
            !strong_pair_merges("harbour"),
            "a cross-reference between unrelated texts"
        );
        assert!(strong_pair_merges("harbour allotment"));
    }

    /// A recommendation (0) with two steps (1, 2) and a later item (3) that the first step is
    /// linked to, all naming "highways": whether the second step, scoring `sibling` against
    /// it, joins its thread.
    fn sibling_joins(sibling: f64) -> bool {
        let mut older = DocumentOutput::new("older.txt", Family::GovernanceReviewPlan);
        for (line, (reference, parent)) in [
            ("I10", None),
            ("I10.1", Some("I10")),
            ("I10.2", Some("I10")),
        ]
        .into_iter()
        .enumerate()
        {
            let mut a = Action::new(Some(reference.into()), ActionKind::Action, line + 1);
            a.parent = parent.map(str::to_owned);
            a.text = format!("step {line} highways");
            older.actions.push(a);
        }
        let mut newer = DocumentOutput::new("newer.txt", Family::GovernanceReviewPlan);
        let mut merged = Action::new(Some("I5.3".into()), ActionKind::Action, 1);
        merged.text = "highways".into();
        newer.actions.push(merged);
        let corpus = Corpus::build(&[older, newer]);
        threads_of(&corpus, &[(1, 3, 0.6)], &[(2, 3, sibling)])
            .iter()
            .any(|t| t.contains(&2) && t.contains(&3))
    }

    #[test]
    fn a_step_joins_the_partner_of_its_sibling() {
        assert!(
            sibling_joins(0.35),
            "two sub-actions merged into one later item"
        );
        assert!(
            !sibling_joins(0.2),
            "below step_score the sibling stays out"
        );
    }

    /// A parent (0) with two steps (1, 2) and a later item (3) that none links to, each
    /// step scoring 0.35 against it and the parent nothing: the members of 3's thread.
    fn merged_thread(steps: [&str; 2], later: &str) -> Vec<u32> {
        let mut older = DocumentOutput::new("older.txt", Family::ImprovementPlanTracker);
        for (line, (reference, parent, text)) in [
            ("CO.D3.0", None, "Kalbrook highways improvement plan"),
            ("CO.D3.1", Some("CO.D3.0"), steps[0]),
            ("CO.D3.2", Some("CO.D3.0"), steps[1]),
        ]
        .into_iter()
        .enumerate()
        {
            let mut a = Action::new(Some(reference.into()), ActionKind::Action, line + 1);
            a.parent = parent.map(str::to_owned);
            a.text = text.into();
            older.actions.push(a);
        }
        let mut newer = DocumentOutput::new("newer.txt", Family::GovernanceReviewPlan);
        let mut merged = Action::new(Some("I10.4".into()), ActionKind::Action, 1);
        merged.text = later.into();
        newer.actions.push(merged);
        let corpus = Corpus::build(&[older, newer]);
        let candidates = [(1, 3), (2, 3)];
        let score_of = |a: u32, b: u32| {
            if candidates.contains(&(a.min(b), a.max(b))) {
                0.35
            } else {
                0.0
            }
        };
        let (_, threads) = select(
            &corpus,
            Vec::new(),
            &candidates,
            &LinkConfig::default(),
            score_of,
        );
        let mut thread = threads
            .into_iter()
            .find(|t| t.contains(&3))
            .unwrap_or_default();
        thread.sort_unstable();
        thread
    }

    #[test]
    fn parts_restating_different_words_of_one_item_join_it_with_their_parent() {
        assert_eq!(
            merged_thread(
                ["Kalbrook street lighting", "Kalbrook winter gritting"],
                "Kalbrook street lighting and winter gritting under one programme"
            ),
            [0, 1, 2, 3]
        );
        assert!(
            merged_thread(
                ["Kalbrook street lighting", "Kalbrook winter gritting"],
                "Kalbrook leisure centre"
            )
            .is_empty(),
            "two parts sharing only the place name"
        );
    }
}
