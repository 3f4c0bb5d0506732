//! The linker on synthetic archives of restatements (`govtrail synth --restatements`): one
//! council's ten years in the seed layouts, each issue restated by one of the kinds the
//! held-out archives showed (renamed, split, merged, initials, clipped, title-to-action,
//! edition) beside decoys. Floors sit a little under what three seeds measured, so a change
//! that loses a kind fails here.

mod support;

use govtrail_link::{evaluate, link, LinkConfig};
use std::collections::BTreeMap;

/// What three archives measured, summed.
struct Measured {
    /// Must pairs and found pairs per kind.
    kinds: BTreeMap<String, (usize, usize)>,
    /// In-scope links and right ones.
    links: (usize, usize),
    /// Pairs of judged items sharing a thread, and those of one judged issue.
    thread_pairs: (usize, usize),
}

/// Seeds 1–3, summed.
fn measured() -> Measured {
    let mut kinds: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut in_scope, mut correct) = (0, 0);
    let (mut thread_pairs, mut one_issue) = (0, 0);
    for seed in 1..=3 {
        let (docs, expected) = support::restatement_archive(seed);
        let links = link(&docs, &LinkConfig::default());
        let ids: Vec<&str> = docs.iter().map(|d| d.document.id.as_str()).collect();
        let e = evaluate(&links, &expected, &ids);
        for (kind, (pairs, found)) in e.must_kinds {
            let k = kinds.entry(kind).or_default();
            k.0 += pairs;
            k.1 += found;
        }
        in_scope += e.in_scope;
        correct += e.correct;
        thread_pairs += e.thread_pairs;
        one_issue += e.thread_pairs_one_issue;
    }
    Measured {
        kinds,
        links: (in_scope, correct),
        thread_pairs: (thread_pairs, one_issue),
    }
}

#[test]
fn each_restatement_kind_is_linked_at_precision() {
    let Measured {
        kinds,
        links: (in_scope, correct),
        thread_pairs: (thread_pairs, one_issue),
    } = measured();
    let recall = |kind: &str| {
        let (pairs, found) = kinds.get(kind).copied().unwrap_or_default();
        assert!(pairs > 0, "no [{kind}] pairs planted: {kinds:?}");
        found as f64 / pairs as f64
    };
    for (kind, floor) in [
        ("initials", 0.95),
        ("title-to-action", 0.95),
        ("split", 0.95),
        ("merged", 0.95),
        ("clipped", 0.6),
        ("edition", 0.95),
        ("renamed", 0.8),
    ] {
        assert!(
            recall(kind) >= floor,
            "[{kind}] recall {:.3} under {floor}: {kinds:?}",
            recall(kind)
        );
    }
    let precision = correct as f64 / in_scope.max(1) as f64;
    assert!(
        precision >= 0.98,
        "precision {precision:.3} ({correct}/{in_scope})"
    );
    // Threads that merge issues wholesale would keep every kind's recall: purity says
    // whether the pairs sharing a thread are one issue.
    let purity = one_issue as f64 / thread_pairs.max(1) as f64;
    assert!(
        purity >= 0.95,
        "thread purity {purity:.3} ({one_issue}/{thread_pairs})"
    );
}
