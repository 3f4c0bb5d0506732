//! The scale test: 100,000 actions over 10 years link into threads (the time and memory
//! targets, 100,000 actions in seconds, are measured by `govtrail bench`).
//! Ignored by default (it wants a release build):
//! `cargo test -p govtrail-link --release --test scale -- --ignored --nocapture`.

use govtrail_link::{link, LinkConfig};
use govtrail_model::{Action, ActionKind, DocumentOutput, Family};
use std::time::Instant;

/// A small deterministic generator (64-bit LCG), so the corpus is the same every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// A word index skewed towards common words, as in real text.
    fn word(&mut self, vocabulary: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((vocabulary as f64).powf(u) as usize).saturating_sub(1)
    }
}

#[test]
#[ignore = "scale benchmark; run in release"]
fn a_hundred_thousand_actions_link_in_ten_seconds() {
    let vocabulary: Vec<String> = (0..30_000).map(|i| format!("w{i:x}")).collect();
    let mut rng = Lcg(7);
    let docs: Vec<DocumentOutput> = (0..10)
        .map(|year| {
            let mut d = DocumentOutput::new(
                format!("plan-{}.txt", 2015 + year),
                Family::ImprovementPlanTracker,
            );
            d.document.year = Some(2015 + year);
            for n in 0..10_000 {
                let mut a = Action::new(Some(format!("A{n}")), ActionKind::Action, n + 1);
                let len = 10 + (rng.next() % 20) as usize;
                a.text = (0..len)
                    .map(|_| vocabulary[rng.word(vocabulary.len())].as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                d.actions.push(a);
            }
            d
        })
        .collect();
    let _ = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .try_init();
    let started = Instant::now();
    let links = link(&docs, &LinkConfig::default());
    let elapsed = started.elapsed();
    println!(
        "100,000 actions: {} threads, {} links in {elapsed:?}",
        links.threads.len(),
        links.links.len()
    );
    // Time and memory targets are the bench's (`govtrail bench`), not a timed test's: this
    // one checks that a corpus of this size links at all and into threads.
    assert!(!links.threads.is_empty() && !links.links.is_empty());
}
