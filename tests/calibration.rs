//! The link confidence is calibrated: `govtrail_link::calibration::FITTED` is the logistic
//! curve of least log-loss over judged links, linked at a bar of 0.30: the judged seed set,
//! read from real documents, weighs as much as the synthetic restatement archives of seeds 1
//! and 2 together, which are easier at high scores. On archives it was not fitted on (seeds
//! 3 and 4) each well-filled band of confidence is right about as often as it says. Run with `--nocapture` to see the fit and the bands.

mod common;
#[path = "../crates/link/tests/support/mod.rs"]
mod support;

use govtrail_link::calibration::{fit, reliability, Verdict, FITTED};
use govtrail_link::{evaluate, link, ExpectedLinks, LinkConfig};
use govtrail_model::DocumentOutput;

/// The bar the fitting sets are linked at: low, so that wrong links are seen.
const FIT_MIN_SCORE: f64 = 0.30;

/// The verdicts on each in-scope link of `docs` linked at the fitting bar, weighted so that
/// the set weighs `total`.
fn verdicts(docs: &[DocumentOutput], expected: &ExpectedLinks, total: f64) -> Vec<Verdict> {
    let config = LinkConfig {
        min_score: FIT_MIN_SCORE,
        ..LinkConfig::default()
    };
    let links = link(docs, &config);
    let ids: Vec<&str> = docs.iter().map(|d| d.document.id.as_str()).collect();
    let e = evaluate(&links, expected, &ids);
    assert!(e.skipped.is_empty(), "{:?}", e.skipped);
    let n = e.verdicts.len().max(1) as f64;
    e.verdicts
        .into_iter()
        .map(|v| Verdict {
            weight: total / n,
            ..v
        })
        .collect()
}

fn judged_seeds() -> Vec<Verdict> {
    let docs: Vec<DocumentOutput> = common::seeds()
        .iter()
        .flat_map(|s| common::convert_file(s).expect("every seed converts"))
        .collect();
    let bytes = std::fs::read(common::root().join("fixtures/links/judged_seeds.json"))
        .expect("the judged set is readable");
    let judged: ExpectedLinks = serde_json::from_slice(&bytes).expect("an expected-links file");
    verdicts(&docs, &judged, 1.0)
}

/// A synthetic archive's verdicts, weighing half as much as the judged seed set.
fn restatement_archive(seed: u64) -> Vec<Verdict> {
    let (docs, expected) = support::restatement_archive(seed);
    verdicts(&docs, &expected, 0.5)
}

fn print_bands(name: &str, verdicts: &[Verdict]) {
    println!("{name}: {} links", verdicts.len());
    for bin in reliability(verdicts, &FITTED) {
        println!("  {bin}");
    }
}

#[test]
fn the_shipped_curve_is_the_fit_and_holds_on_archives_it_was_not_fitted_on() {
    let seeds = judged_seeds();
    let fitting: Vec<Verdict> = seeds
        .iter()
        .copied()
        .chain(restatement_archive(1))
        .chain(restatement_archive(2))
        .collect();
    let fitted = fit(&fitting).expect("the fitting sets hold right and wrong links");
    println!(
        "fitted: intercept {:.2}, slope {:.2} (log-loss {:.4}); shipped: intercept {:.2}, slope {:.2} (log-loss {:.4})",
        fitted.intercept,
        fitted.slope,
        fitted.log_loss(&fitting),
        FITTED.intercept,
        FITTED.slope,
        FITTED.log_loss(&fitting)
    );
    print_bands("judged seed set", &seeds);
    // The shipped constants are the fit, rounded: at every score the two curves agree.
    for step in 0..=20 {
        let score = f64::from(step) / 20.0;
        let (shipped, refit) = (FITTED.confidence(score), fitted.confidence(score));
        assert!(
            (shipped - refit).abs() <= 0.02,
            "at score {score:.2} the shipped curve says {shipped:.3}, the fit {refit:.3}: \
             refit FITTED to intercept {:.2}, slope {:.2}",
            fitted.intercept,
            fitted.slope
        );
    }
    // Held out: bands of at least 20 links are right within 0.1 of what they predict.
    for seed in [3, 4] {
        let held_out = restatement_archive(seed);
        print_bands(&format!("restatement archive, seed {seed}"), &held_out);
        for bin in reliability(&held_out, &FITTED) {
            if bin.links >= 20 {
                assert!(
                    (bin.observed() - bin.predicted).abs() <= 0.1,
                    "seed {seed}: confidence {:.1}-{:.1} predicts {:.3}, observed {:.3} ({}/{})",
                    bin.from,
                    bin.to,
                    bin.predicted,
                    bin.observed(),
                    bin.right,
                    bin.links
                );
            }
        }
    }
}
