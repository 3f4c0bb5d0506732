//! The linker on synthetic archives of restatements (`govtrail synth --restatements`): one
//! council's ten years in the seed layouts, each issue restated by one of the kinds the
//! held-out archives showed (renamed, split, merged, initials, clipped, title-to-action,
//! edition) beside decoys. Floors sit a little under what three seeds measured, so a change
//! that loses a kind fails here.

mod support;

use govtrail_link::{evaluate, link, LinkConfig};
use std::collections::BTreeMap;

/// Must pairs and found pairs per kind, and in-scope links and right ones, over seeds 1–3.
fn measured() -> (BTreeMap<String, (usize, usize)>, usize, usize) {
    let mut kinds: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut in_scope, mut correct) = (0, 0);
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
    }
    (kinds, in_scope, correct)
}

#[test]
fn each_restatement_kind_is_linked_at_precision() {
    let (kinds, in_scope, correct) = measured();
    let recall = |kind: &str| {
        let (pairs, found) = kinds.get(kind).copied().unwrap_or_default();
        assert!(pairs > 0, "no [{kind}] pairs planted: {kinds:?}");
        found as f64 / pairs as f64
    };
    for (kind, floor) in [
        ("initials", 0.95),
        ("title-to-action", 0.95),
        ("split", 0.85),
        ("merged", 0.6),
        ("clipped", 0.6),
        ("edition", 0.7),
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
}
