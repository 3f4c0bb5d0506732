//! Whole-document conversion (read, detect, parse, account for every row) of each seed.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use govtrail_convert::{convert, ConvertOptions};

fn bench(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let options = ConvertOptions::default();
    let mut group = c.benchmark_group("convert");
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if convert(&name, &bytes, &options).is_err() {
            continue; // a family whose parser is not registered yet
        }
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(&name, |b| {
            b.iter(|| convert(&name, black_box(&bytes), &options))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
