//! The text dump reader over the five seeds.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use govtrail_table::read_text_dump;

fn seeds() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n")
}

fn bench(c: &mut Criterion) {
    let text = seeds();
    let mut group = c.benchmark_group("table");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("read_text_dump", |b| {
        b.iter(|| read_text_dump(black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
