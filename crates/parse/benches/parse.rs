//! Hot functions of the parsing toolkit, on cells shaped like the seeds'.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use govtrail_parse::clean::html_to_text;
use govtrail_parse::dates::parse_due;
use govtrail_parse::owners::split_owners;

const HTML_CELL: &str = "Refocused and strengthened contract management meetings in line with contract requirements: <ul style=\"list-style-type: none\"> - Waste Board - Strategic Contract Meeting - Operational Contract Meeting <ul style=\"list-style-type: none\"> o Fleet Replacement Focused Steering Group <li><b>Complete</b> &amp; reported</li></ul></ul> • Appointments of the Chair; Chief Executive; Council non-executives and two other non-executives, to the Trust Board have been completed.";

const DUES: [&str; 6] = [
    "March 2019",
    "End December 2021",
    "Commission exercise – March 2022 Completion – July 2022",
    "In place – Measure quarterly through reporting framework to ensure embedded",
    "12 January 2022",
    "Sep-23",
];

const LEADS: [&str; 3] = [
    "Director - Finance Director - Business Strategy & Change Director – Legal & Governance",
    "Cabinet Members & Leadership Team",
    "Executive Director for Resources and Executive Director for Neighbourhoods",
];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(HTML_CELL.len() as u64));
    group.bench_function("clean::html_to_text", |b| {
        b.iter(|| html_to_text(black_box(HTML_CELL)))
    });
    group.throughput(Throughput::Elements(DUES.len() as u64));
    group.bench_function("dates::parse_due", |b| {
        b.iter(|| DUES.map(|d| parse_due(black_box(d))))
    });
    group.throughput(Throughput::Elements(LEADS.len() as u64));
    group.bench_function("owners::split_owners", |b| {
        b.iter(|| LEADS.map(|l| split_owners(black_box(l))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
