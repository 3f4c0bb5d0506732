//! Title normalisation and whole linking (blocking, scoring, threads) over a synthetic corpus
//! with planted recurring issues.

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use govtrail_link::{abbrev, link, LinkConfig};

fn bench(c: &mut Criterion) {
    let docs = support::synthetic_documents(10, 5);
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
