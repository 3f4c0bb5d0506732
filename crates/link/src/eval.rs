//! Scoring a linker run against a file of expected links.
//!
//! The file ([`ExpectedLinks`]: `fixtures/gold/links_sample.json`, the judged sets in
//! `fixtures/links/`) lists `must` pairs of `[document, ref]` and `must_not` near-misses.
//! Recall is the share of must pairs whose ends ended up in one thread. Precision looks only
//! at produced links with both ends in the file's scope (the items it mentions): such a link
//! is right when its ends are connected through the must pairs and it is not a must-not pair.
//! A must-not pair whose ends share a thread (through other links) is reported apart, as a
//! thread chained across issues. Pairs naming a document that is not among the linked
//! documents are reported as skipped, not as misses. Pairs whose note opens with a kind in
//! brackets (`[renamed] ...`) are also counted per kind. Thread purity counts the pairs of
//! in-scope items that share a thread and how many of them the must pairs connect: recall
//! measured "in one thread" could otherwise be bought by merging threads wholesale.

use crate::calibration::Verdict;
use govtrail_model::{ExpectedLinks, ItemRef, Links};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The outcome of [`evaluate`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LinkEvaluation {
    /// Must pairs whose documents were both linked.
    pub must: usize,
    /// Must pairs whose ends share a thread.
    pub found: usize,
    /// Must pairs joined by a link of their own.
    pub found_direct: usize,
    /// Must pairs not found.
    pub missed: Vec<(ItemRef, ItemRef)>,
    /// Must pairs naming a document that was not linked.
    pub skipped: Vec<(ItemRef, ItemRef)>,
    /// Produced links with both ends in scope.
    pub in_scope: usize,
    /// In-scope links connecting items the file connects.
    pub correct: usize,
    /// In-scope links the file does not support.
    pub spurious: Vec<(ItemRef, ItemRef)>,
    /// Each in-scope link's score and whether it was right, for calibration.
    pub verdicts: Vec<Verdict>,
    /// Pairs of in-scope items that share a thread.
    pub thread_pairs: usize,
    /// Of those, the pairs the must pairs connect (one judged issue).
    pub thread_pairs_one_issue: usize,
    /// Must-not pairs whose documents were both linked.
    pub must_not: usize,
    /// Must-not pairs whose ends share a thread.
    pub must_not_joined: Vec<(ItemRef, ItemRef)>,
    /// Per kind of must pair ("renamed"): (pairs whose documents were linked, pairs found).
    pub must_kinds: BTreeMap<String, (usize, usize)>,
    /// Per kind of must-not pair ("decoy:generic"): (pairs whose documents were linked,
    /// pairs kept apart).
    pub must_not_kinds: BTreeMap<String, (usize, usize)>,
}

/// The kind a judge's note opens with: `renamed` for `[renamed] the Early Help Hub ...`.
fn kind_of(note: Option<&str>) -> Option<&str> {
    let rest = note?.strip_prefix('[')?;
    let (kind, _) = rest.split_once(']')?;
    (!kind.is_empty()).then_some(kind)
}

/// Counts one pair, and whether it came out right, under its note's kind.
fn count_kind(kinds: &mut BTreeMap<String, (usize, usize)>, note: Option<&String>, right: bool) {
    if let Some(kind) = kind_of(note.map(String::as_str)) {
        let (pairs, rights) = kinds.entry(kind.to_owned()).or_default();
        *pairs += 1;
        *rights += usize::from(right);
    }
}

impl LinkEvaluation {
    /// Found over must; 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        if self.must == 0 {
            1.0
        } else {
            self.found as f64 / self.must as f64
        }
    }

    /// Thread pairs of one judged issue over all thread pairs in scope; 1 when none.
    pub fn purity(&self) -> f64 {
        if self.thread_pairs == 0 {
            1.0
        } else {
            self.thread_pairs_one_issue as f64 / self.thread_pairs as f64
        }
    }

    /// Correct over in-scope links; 1 when none was produced.
    pub fn precision(&self) -> f64 {
        if self.in_scope == 0 {
            1.0
        } else {
            self.correct as f64 / self.in_scope as f64
        }
    }
}

/// Scores `links` against `expected`, counting only must pairs whose documents are both in
/// `documents` (the ids of the documents that were linked).
pub fn evaluate(links: &Links, expected: &ExpectedLinks, documents: &[&str]) -> LinkEvaluation {
    let key = |(d, r): &(String, String)| ItemRef {
        document: d.clone(),
        reference: r.clone(),
    };
    let present: BTreeSet<&str> = documents.iter().copied().collect();
    let mut thread_of: HashMap<&ItemRef, usize> = HashMap::new();
    let member_refs: Vec<Vec<ItemRef>> = links
        .threads
        .iter()
        .map(|t| {
            t.members
                .iter()
                .map(|m| ItemRef {
                    document: m.document.clone(),
                    reference: m.reference.clone(),
                })
                .collect()
        })
        .collect();
    for (n, members) in member_refs.iter().enumerate() {
        for m in members {
            thread_of.insert(m, n);
        }
    }
    let direct: BTreeSet<(&ItemRef, &ItemRef)> = links
        .links
        .iter()
        .flat_map(|l| [(&l.a, &l.b), (&l.b, &l.a)])
        .collect();
    let mut result = LinkEvaluation::default();
    let mut component: BTreeMap<ItemRef, ItemRef> = BTreeMap::new();
    for (note, [x, y]) in expected.must.iter().map(|p| (p.note.as_ref(), &p.pair)) {
        let (a, b) = (key(x), key(y));
        let root_a = find(&mut component, &a);
        let root_b = find(&mut component, &b);
        if root_a != root_b {
            component.insert(root_a, root_b);
        }
        if !present.contains(a.document.as_str()) || !present.contains(b.document.as_str()) {
            result.skipped.push((a, b));
            continue;
        }
        result.must += 1;
        if direct.contains(&(&a, &b)) {
            result.found_direct += 1;
        }
        let found = matches!(
            (thread_of.get(&a), thread_of.get(&b)),
            (Some(ta), Some(tb)) if ta == tb
        );
        count_kind(&mut result.must_kinds, note, found);
        if found {
            result.found += 1;
        } else {
            result.missed.push((a, b));
        }
    }
    let mut forbidden: BTreeSet<(ItemRef, ItemRef)> = BTreeSet::new();
    for (note, [x, y]) in expected.must_not.iter().map(|p| (p.note.as_ref(), &p.pair)) {
        let (a, b) = (key(x), key(y));
        find(&mut component, &a);
        find(&mut component, &b);
        forbidden.insert((a.clone(), b.clone()));
        forbidden.insert((b.clone(), a.clone()));
        if !present.contains(a.document.as_str()) || !present.contains(b.document.as_str()) {
            continue;
        }
        result.must_not += 1;
        let joined = matches!(
            (thread_of.get(&a), thread_of.get(&b)),
            (Some(ta), Some(tb)) if ta == tb
        );
        count_kind(&mut result.must_not_kinds, note, !joined);
        if joined {
            result.must_not_joined.push((a, b));
        }
    }
    for members in &member_refs {
        let judged: Vec<&ItemRef> = members
            .iter()
            .filter(|m| component.contains_key(*m))
            .collect();
        let roots: Vec<ItemRef> = judged.iter().map(|m| find(&mut component, m)).collect();
        for (i, root) in roots.iter().enumerate() {
            for other in &roots[i + 1..] {
                result.thread_pairs += 1;
                result.thread_pairs_one_issue += usize::from(root == other);
            }
        }
    }
    for link in &links.links {
        if !component.contains_key(&link.a) || !component.contains_key(&link.b) {
            continue;
        }
        result.in_scope += 1;
        let allowed = !forbidden.contains(&(link.a.clone(), link.b.clone()));
        let right = allowed && find(&mut component, &link.a) == find(&mut component, &link.b);
        if right {
            result.correct += 1;
        } else {
            result.spurious.push((link.a.clone(), link.b.clone()));
        }
        result.verdicts.push(Verdict {
            score: link.score,
            right,
            weight: 1.0,
        });
    }
    result
}

/// The representative of `item`'s group, adding `item` as its own group when new.
fn find(component: &mut BTreeMap<ItemRef, ItemRef>, item: &ItemRef) -> ItemRef {
    let mut current = item.clone();
    loop {
        match component.get(&current) {
            Some(next) if *next != current => current = next.clone(),
            Some(_) => return current,
            None => {
                component.insert(current.clone(), current.clone());
                return current;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::{Link, Member, Thread};

    fn item(d: &str, r: &str) -> ItemRef {
        ItemRef {
            document: d.into(),
            reference: r.into(),
        }
    }

    type Named<'a> = (&'a str, &'a str);

    fn links(pairs: &[(Named, Named)]) -> Links {
        let mut threads = Vec::new();
        let mut out = Vec::new();
        for (n, (a, b)) in pairs.iter().enumerate() {
            let member = |(d, r): (&str, &str)| Member {
                document: d.into(),
                reference: r.into(),
                year: None,
                title: String::new(),
                score: None,
            };
            threads.push(Thread {
                id: format!("t{n}"),
                title: String::new(),
                members: vec![member(*a), member(*b)],
            });
            out.push(Link {
                a: item(a.0, a.1),
                b: item(b.0, b.1),
                score: 1.0,
                confidence: 1.0,
                why: String::new(),
            });
        }
        Links {
            schema_version: 1,
            threads,
            links: out,
            duplicates: Vec::new(),
        }
    }

    #[test]
    fn recall_precision_and_skips() {
        let expected: ExpectedLinks = serde_json::from_str(
            r#"{"must": [[["a","1"],["b","1"]], [["a","2"],["b","2"]], [["a","3"],["c","3"]]]}"#,
        )
        .unwrap();
        let produced = links(&[
            (("a", "1"), ("b", "1")),
            (("a", "3"), ("b", "2")),
            (("a", "9"), ("b", "9")),
        ]);
        let e = evaluate(&produced, &expected, &["a", "b"]);
        assert_eq!((e.must, e.found, e.found_direct), (2, 1, 1));
        assert_eq!(e.skipped.len(), 1, "document c was not linked");
        assert_eq!(e.missed, vec![(item("a", "2"), item("b", "2"))]);
        assert_eq!((e.in_scope, e.correct), (2, 1), "a9-b9 is out of scope");
        assert_eq!(e.spurious, vec![(item("a", "3"), item("b", "2"))]);
        assert_eq!(e.recall(), 0.5);
        assert_eq!(e.precision(), 0.5);
    }

    #[test]
    fn a_must_not_pair_is_wrong_even_inside_one_issue_and_chaining_is_reported() {
        let expected: ExpectedLinks = serde_json::from_str(
            r#"{"must": [[["a","1"],["b","1"]], [["b","1"],["c","1"]]],
                "must_not": [{"pair": [["a","1"],["c","1"]], "note": "decoy"}]}"#,
        )
        .unwrap();
        let mut produced = links(&[(("a", "1"), ("c", "1"))]);
        let e = evaluate(&produced, &expected, &["a", "b", "c"]);
        assert_eq!((e.in_scope, e.correct), (1, 0));
        assert_eq!(e.must_not_joined.len(), 1);
        produced.threads[0].members.clear();
        let e = evaluate(&produced, &expected, &["a", "b", "c"]);
        assert!(e.must_not_joined.is_empty());
    }

    #[test]
    fn purity_counts_thread_pairs_of_one_judged_issue() {
        let expected: ExpectedLinks =
            serde_json::from_str(r#"{"must": [[["a","1"],["b","1"]], [["a","2"],["b","2"]]]}"#)
                .unwrap();
        let mut produced = links(&[(("a", "1"), ("b", "1"))]);
        let member = |r: &str| Member {
            document: "b".into(),
            reference: r.into(),
            year: None,
            title: String::new(),
            score: None,
        };
        // b2 (another issue) and b9 (not judged) join the thread of a1 and b1.
        produced.threads[0]
            .members
            .extend([member("2"), member("9")]);
        let e = evaluate(&produced, &expected, &["a", "b"]);
        assert_eq!((e.thread_pairs, e.thread_pairs_one_issue), (3, 1));
        assert!((e.purity() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn pairs_are_counted_per_kind_of_their_note() {
        let expected: ExpectedLinks = serde_json::from_str(
            r#"{"must": [{"pair": [["a","1"],["b","1"]], "note": "[renamed] new name"},
                         {"pair": [["a","2"],["b","2"]], "note": "[renamed] other"},
                         {"pair": [["a","3"],["b","3"]], "note": "no kind"},
                         [["a","4"],["b","4"]]],
                "must_not": [{"pair": [["a","5"],["b","5"]], "note": "[decoy:generic] shared wording"},
                             {"pair": [["a","6"],["b","6"]], "note": "[decoy:generic] other"}]}"#,
        )
        .unwrap();
        let produced = links(&[(("a", "1"), ("b", "1")), (("a", "5"), ("b", "5"))]);
        let e = evaluate(&produced, &expected, &["a", "b"]);
        assert_eq!(
            e.must_kinds.into_iter().collect::<Vec<_>>(),
            vec![("renamed".to_owned(), (2, 1))]
        );
        assert_eq!(
            e.must_not_kinds.into_iter().collect::<Vec<_>>(),
            vec![("decoy:generic".to_owned(), (2, 1))]
        );
        assert_eq!(kind_of(Some("[] empty")), None);
        assert_eq!(kind_of(Some("renamed] no opening bracket")), None);
    }
}
