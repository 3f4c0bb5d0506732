//! Title normalisation and whole linking (blocking, scoring, threads) over a synthetic corpus
//! with planted recurring issues.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use govtrail_convert::{convert, ConvertOptions};
use govtrail_link::{abbrev, link, LinkConfig};
use govtrail_model::DocumentOutput;
use govtrail_synth::{generate, SynthOptions};

fn documents() -> Vec<DocumentOutput> {
    let corpus = generate(&SynthOptions {
        documents: 10,
        years: 5,
        ..SynthOptions::default()
    });
    corpus
        .documents
        .iter()
        .filter_map(|d| {
            convert(
                &d.name,
                d.text_dump().as_bytes(),
                &ConvertOptions::default(),
            )
            .ok()
        })
        .flatten()
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = documents();
    let titles: Vec<String> = docs
        .iter()
        .flat_map(|d| d.actions.iter())
        .map(|a| a.title.clone().unwrap_or_else(|| a.text.clone()))
        .collect();
    let actions: usize = docs.iter().map(|d| d.actions.len()).sum();
    let normaliser = abbrev::learn(titles.iter().map(String::as_str));
    let mut group = c.benchmark_group("link");
    group.throughput(Throughput::Elements(titles.len() as u64));
    group.bench_function("abbrev::learn", |b| {
        b.iter(|| abbrev::learn(black_box(&titles).iter().map(String::as_str)))
    });
    group.bench_function("Normaliser::normalise", |b| {
        b.iter(|| {
            titles
                .iter()
                .map(|t| normaliser.normalise(black_box(t)).len())
                .sum::<usize>()
        })
    });
    group.throughput(Throughput::Elements(actions as u64));
    group.sample_size(10);
    group.bench_function("link", |b| {
        b.iter(|| link(black_box(&docs), &LinkConfig::default()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
