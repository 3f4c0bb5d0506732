//! The link steps: two corpora with planted recurring issues (a tenth and the whole of
//! `--link-actions`), linked one after the other, then the linker beside an all-pairs baseline.

use crate::memory::{cpu_seconds, PeakMemory};
use crate::{f1, synth_options, BenchError, BenchOptions};
use govtrail_link::{evaluate, ExpectedLinks, ItemRef, Link, LinkConfig, Links, Member, Thread};
use govtrail_model::DocumentOutput;
use rayon::prelude::*;
use std::time::Instant;

/// A synthetic corpus of about `actions` actions.
fn corpus_of_actions(options: &BenchOptions, actions: usize) -> govtrail_synth::Corpus {
    let years = options.years.max(1) as usize;
    let sample = govtrail_synth::generate(&synth_options(options, years));
    let per_round = sample.actions() / years;
    let documents = actions.div_ceil(per_round.max(1)).max(1);
    govtrail_synth::generate(&synth_options(options, documents))
}

/// Converts the corpus in memory, in parallel, as the linker's input.
fn convert_in_memory(corpus: &govtrail_synth::Corpus) -> Vec<DocumentOutput> {
    let options = govtrail_convert::ConvertOptions::default();
    corpus
        .documents
        .par_iter()
        .filter_map(|doc| {
            govtrail_convert::convert(&doc.name, doc.text_dump().as_bytes(), &options).ok()
        })
        .flatten()
        .collect()
}

/// Recall of the planted pairs, precision over all links and over the links in scope, and
/// thread purity (of the planted items sharing a thread, the pairs of one planted issue).
struct Quality {
    recall: f64,
    precision: f64,
    in_scope_precision: f64,
    purity: f64,
}

impl Quality {
    /// `links` over `docs` scored by [`evaluate`]. A planted pair's ends are connected through
    /// the expected links, so every link evaluate finds correct joins two items of one planted
    /// issue; over all links, the others (out of scope included) are wrong.
    fn of(links: &Links, expected: &ExpectedLinks, docs: &[DocumentOutput]) -> Quality {
        let ids: Vec<&str> = docs.iter().map(|d| d.document.id.as_str()).collect();
        let e = evaluate(links, expected, &ids);
        Quality {
            recall: e.recall(),
            precision: if links.links.is_empty() {
                1.0
            } else {
                e.correct as f64 / links.links.len() as f64
            },
            in_scope_precision: e.precision(),
            purity: e.purity(),
        }
    }

    fn f1(&self) -> f64 {
        f1(self.recall, self.precision)
    }
}

/// One linking corpus of the bench, converted, and the best of its runs so far.
struct LinkStep {
    scale: usize,
    expected: ExpectedLinks,
    docs: Vec<DocumentOutput>,
    actions: usize,
    seconds: f64,
    cpu_seconds: f64,
    peak_bytes: Option<u64>,
    baseline: u64,
    outcome: Option<LinkOutcome>,
}

/// What a run's links scored, kept instead of the links themselves: the other corpus's
/// links held while a corpus is linked would count towards its peak memory.
struct LinkOutcome {
    quality: Quality,
    links: usize,
    threads: usize,
}

impl LinkStep {
    fn prepare(
        options: &BenchOptions,
        scale: usize,
        actions: usize,
        out: &mut dyn std::io::Write,
    ) -> Result<LinkStep, BenchError> {
        let corpus = corpus_of_actions(options, actions);
        let docs = convert_in_memory(&corpus);
        let actions = docs.iter().map(|d| d.actions.len()).sum();
        writeln!(
            out,
            "link corpus: {} documents, {actions} actions over {} years, {} planted links",
            docs.len(),
            options.years,
            corpus.expected.must.len()
        )
        .map_err(BenchError::Report)?;
        Ok(LinkStep {
            scale,
            expected: corpus.expected,
            docs,
            actions,
            seconds: f64::INFINITY,
            cpu_seconds: f64::INFINITY,
            peak_bytes: None,
            baseline: 0,
            outcome: None,
        })
    }
}

/// Links each corpus `options.repeat` times, the smaller first, and writes the fastest runs,
/// the baseline comparison on the larger and the growth between them.
pub fn bench_link(options: &BenchOptions, out: &mut dyn std::io::Write) -> Result<(), BenchError> {
    let small = (options.link_actions / 10).max(1);
    let config = LinkConfig::default();
    let mut timings = Vec::new();
    let mut last = None;
    for (scale, actions) in [(1, small), (10, options.link_actions)] {
        // One corpus is held at a time, so that a step's peak memory is that of linking its
        // own documents, as `govtrail link` holds them (the smaller corpus held beside the
        // larger one counted towards its peak). Its runs no longer alternate with the other
        // corpus's: a change in the machine's other load between the two tilts the growth
        // figure.
        drop(last.take());
        let mut step = LinkStep::prepare(options, scale, actions, out)?;
        for _ in 0..options.repeat {
            let peak = PeakMemory::start();
            let (started, cpu_started) = (Instant::now(), cpu_seconds());
            let links = govtrail_link::link(&step.docs, &config);
            step.seconds = step.seconds.min(started.elapsed().as_secs_f64());
            step.cpu_seconds = step.cpu_seconds.min(cpu_seconds() - cpu_started);
            step.peak_bytes = step.peak_bytes.max(peak.finish());
            step.baseline = step.baseline.max(peak.baseline());
            // Linking is deterministic (one thread or four link alike): the first run's links
            // are scored, and no run's links outlive it.
            if step.outcome.is_none() {
                step.outcome = Some(LinkOutcome {
                    quality: Quality::of(&links, &step.expected, &step.docs),
                    links: links.links.len(),
                    threads: links.threads.len(),
                });
            }
        }
        let Some(outcome) = &step.outcome else {
            // No run: --repeat 0 asks for nothing.
            return Ok(());
        };
        let q = &outcome.quality;
        writeln!(
            out,
            "link {:>6} actions: {:.2} s = {:.0} actions/s ({:.2} CPU s); peak memory {} (held before the step, its corpus included: {:.1} MB); recall {:.3} precision {:.3} (all links; in-scope precision {:.3}; thread purity {:.3}); {} links, {} threads",
            step.actions,
            step.seconds,
            step.actions as f64 / step.seconds.max(1e-9),
            step.cpu_seconds,
            step.peak_bytes.map_or("n/a".to_owned(), |b| format!("{:.1} MB", b as f64 / 1e6)),
            step.baseline as f64 / 1e6,
            q.recall,
            q.precision,
            q.in_scope_precision,
            q.purity,
            outcome.links,
            outcome.threads
        )
        .map_err(BenchError::Report)?;
        timings.push((step.scale, step.seconds));
        last = Some(step);
    }
    if let Some(large) = &last {
        compare_with_baseline(options, large, out)?;
    }
    crate::write_growth(out, "link", &timings)
}

/// One item the baseline compares: where it is and its lower-cased title.
struct BaselineItem {
    document: usize,
    at: ItemRef,
    title: String,
}

/// The items of `docs` (actions with a ref), with the title a user would compare: the
/// heading, else the first eight words.
fn baseline_items(docs: &[DocumentOutput]) -> Vec<BaselineItem> {
    let mut items = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for action in &doc.actions {
            let Some(reference) = &action.reference else {
                continue;
            };
            let title = action.title.clone().unwrap_or_else(|| {
                action
                    .text
                    .split_whitespace()
                    .take(8)
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            items.push(BaselineItem {
                document: d,
                at: ItemRef {
                    document: doc.document.id.clone(),
                    reference: reference.clone(),
                },
                title: title.to_lowercase(),
            });
        }
    }
    items
}

/// The baseline's pairs as the linker's output: each pair a link, each connected group of
/// items a thread, so that [`evaluate`] scores both alike.
fn baseline_links(items: &[BaselineItem], pairs: &[(usize, usize)]) -> Links {
    let mut group: Vec<usize> = (0..items.len()).collect();
    fn root(group: &mut [usize], mut x: usize) -> usize {
        while group[x] != x {
            group[x] = group[group[x]];
            x = group[x];
        }
        x
    }
    for &(a, b) in pairs {
        let (ra, rb) = (root(&mut group, a), root(&mut group, b));
        group[ra] = rb;
    }
    let mut members: std::collections::BTreeMap<usize, Vec<Member>> = Default::default();
    for &(a, b) in pairs {
        for i in [a, b] {
            let r = root(&mut group, i);
            let list = members.entry(r).or_default();
            if !list
                .iter()
                .any(|m| m.document == items[i].at.document && m.reference == items[i].at.reference)
            {
                list.push(Member {
                    document: items[i].at.document.clone(),
                    reference: items[i].at.reference.clone(),
                    year: None,
                    title: String::new(),
                    score: None,
                });
            }
        }
    }
    Links {
        schema_version: govtrail_model::SCHEMA_VERSION,
        threads: members
            .into_values()
            .enumerate()
            .map(|(n, members)| Thread {
                id: format!("t{n:04}"),
                title: String::new(),
                members,
            })
            .collect(),
        links: pairs
            .iter()
            .map(|&(a, b)| Link {
                a: items[a].at.clone(),
                b: items[b].at.clone(),
                score: 1.0,
                confidence: 1.0,
                why: "baseline".to_owned(),
            })
            .collect(),
        duplicates: Vec::new(),
    }
}

/// Runs the baseline on a subsample of whole documents, the linker on the same documents, and
/// writes both.
fn compare_with_baseline(
    options: &BenchOptions,
    step: &LinkStep,
    out: &mut dyn std::io::Write,
) -> Result<(), BenchError> {
    let items = baseline_items(&step.docs);
    let Some(sample) = bench_baseline(options, &items, &step.expected, &step.docs, out)? else {
        return Ok(());
    };
    let docs = &step.docs[..sample.documents];
    let started = Instant::now();
    let links = govtrail_link::link(docs, &LinkConfig::default());
    let seconds = started.elapsed().as_secs_f64();
    let q = Quality::of(&links, &step.expected, docs);
    writeln!(
        out,
        "linker on the same {} items: {seconds:.3} s, recall {:.3} precision {:.3} F1 {:.3}",
        sample.items,
        q.recall,
        q.precision,
        q.f1()
    )
    .map_err(BenchError::Report)?;
    writeln!(
        out,
        "side by side: the linker is {:.0}x faster than the baseline on its subsample and links all {} actions in {:.2} s; F1 {:.3} vs {:.3}",
        sample.seconds / seconds.max(1e-9),
        step.actions,
        step.seconds,
        q.f1(),
        sample.quality.f1()
    )
    .map_err(BenchError::Report)
}

/// What the baseline did on its subsample.
struct BaselineResult {
    items: usize,
    documents: usize,
    seconds: f64,
    quality: Quality,
}

/// The baseline a user might write: Jaro-Winkler over lower-cased titles, every pair of items
/// in different documents, one thread, on a subsample small enough to finish in about
/// `--baseline-seconds`; the threshold is the one with the best F1.
fn bench_baseline(
    options: &BenchOptions,
    items: &[BaselineItem],
    expected: &ExpectedLinks,
    docs: &[DocumentOutput],
    out: &mut dyn std::io::Write,
) -> Result<Option<BaselineResult>, BenchError> {
    if items.is_empty() {
        return Ok(None);
    }
    // Calibrate: time 200k comparisons, then size the subsample for the time budget.
    let probe = items.len().min(450);
    let started = Instant::now();
    for a in &items[..probe] {
        for b in &items[..probe] {
            std::hint::black_box(strsim::jaro_winkler(&a.title, &b.title));
        }
    }
    let per_pair = started.elapsed().as_secs_f64() / (probe * probe).max(1) as f64;
    let pairs_budget = options.baseline_seconds / per_pair.max(1e-9);
    let n = ((2.0 * pairs_budget).sqrt() as usize).min(items.len());
    // Whole documents from the start, so the subsample's councils keep their planted pairs.
    let n = items
        .iter()
        .position(|i| i.document >= items.get(n).map_or(usize::MAX, |x| x.document))
        .unwrap_or(items.len());
    let sample = &items[..n];
    let documents = sample.last().map_or(0, |i| i.document + 1);
    let started = Instant::now();
    let mut scored: Vec<(f32, usize, usize)> = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            if sample[a].document == sample[b].document {
                continue;
            }
            let score = strsim::jaro_winkler(&sample[a].title, &sample[b].title);
            if score >= 0.8 {
                scored.push((score as f32, a, b));
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut best: Option<(f32, Quality)> = None;
    for step in 0..=19 {
        let threshold = 0.8 + step as f32 * 0.01;
        let pairs: Vec<(usize, usize)> = scored
            .iter()
            .filter(|s| s.0 >= threshold)
            .map(|s| (s.1, s.2))
            .collect();
        let q = Quality::of(
            &baseline_links(sample, &pairs),
            expected,
            &docs[..documents],
        );
        if best.as_ref().is_none_or(|(_, b)| q.f1() > b.f1()) {
            best = Some((threshold, q));
        }
    }
    let Some((threshold, quality)) = best else {
        return Ok(None);
    };
    writeln!(
        out,
        "baseline (all-pairs Jaro-Winkler, 1 thread) on {n} items: {seconds:.2} s, best threshold {threshold:.2}: recall {:.3} precision {:.3} F1 {:.3}",
        quality.recall,
        quality.precision,
        quality.f1()
    )
    .map_err(BenchError::Report)?;
    Ok(Some(BaselineResult {
        items: n,
        documents,
        seconds,
        quality,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::ExpectedPair;

    fn item(document: usize, reference: &str) -> BaselineItem {
        BaselineItem {
            document,
            at: ItemRef {
                document: format!("d{document}"),
                reference: reference.into(),
            },
            title: String::new(),
        }
    }

    #[test]
    fn baseline_pairs_become_threads_of_connected_items() {
        let items = [
            item(0, "1"),
            item(1, "1"),
            item(2, "1"),
            item(0, "2"),
            item(1, "2"),
        ];
        let links = baseline_links(&items, &[(0, 1), (1, 2), (3, 4)]);
        assert_eq!(links.links.len(), 3);
        let mut sizes: Vec<usize> = links.threads.iter().map(|t| t.members.len()).collect();
        sizes.sort();
        assert_eq!(sizes, [2, 3]);
        let expected = ExpectedLinks {
            notes: Vec::new(),
            must: vec![
                ExpectedPair::new(("d0".into(), "1".into()), ("d2".into(), "1".into())),
                ExpectedPair::new(("d0".into(), "2".into()), ("d2".into(), "2".into())),
            ],
            must_not: Vec::new(),
        };
        let e = evaluate(&links, &expected, &["d0", "d1", "d2"]);
        assert_eq!(
            (e.must, e.found),
            (2, 1),
            "d0:1 and d2:1 are joined through d1:1"
        );
    }
}
