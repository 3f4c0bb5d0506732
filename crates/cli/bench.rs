//! `govtrail bench`: how conversion and linking cost grows with the size of the archive.
//!
//! Converts synthetic text-dump corpora of growing size through the same code as
//! `govtrail convert`, then links a corpus of planted recurring issues, and prints time,
//! throughput, peak memory, growth ratios and link quality beside a plain baseline.

use crate::convert::{convert_files, ConvertRun};
use anyhow::Context;
use govtrail_convert::ConvertOptions;
use govtrail_model::DocumentOutput;
use govtrail_synth::{generate, Corpus, SynthOptions};
use indicatif::ProgressBar;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Total size of the five seed documents in bytes: the unit of `--scales`.
const SEEDS_BYTES: usize = 250_579;

#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Corpus sizes to convert, in multiples of the seeds' total size (250 KB).
    #[arg(long, value_delimiter = ',', default_value = "1,10,100")]
    scales: Vec<usize>,
    /// Actions in the linking corpus (0 skips linking).
    #[arg(long, default_value_t = 100_000)]
    link_actions: usize,
    /// Years the corpora are spread over.
    #[arg(long, default_value_t = 10)]
    years: u32,
    /// Seed of the synthetic corpora.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Seconds the all-pairs baseline may take (sets its subsample size).
    #[arg(long, default_value_t = 10.0)]
    baseline_seconds: f64,
    /// Keep the corpora and outputs here instead of a temporary directory.
    #[arg(long)]
    work_dir: Option<PathBuf>,
    /// Times each convert and link step is run; the fastest run is reported (a shared
    /// machine's other load only ever slows a run down), with the highest peak memory.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    repeat: u32,
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let temp;
    let work = match &args.work_dir {
        Some(dir) => dir.clone(),
        None => {
            temp = tempfile::tempdir().context("cannot create a temporary directory")?;
            temp.path().to_owned()
        }
    };
    println!(
        "govtrail bench: {} threads, peak memory by {}",
        rayon::current_num_threads(),
        if PeakMemory::resettable() {
            "/proc/self VmHWM (reset per step)"
        } else {
            "a child process per step"
        }
    );
    let mut timings = Vec::new();
    for &scale in &args.scales {
        timings.push((scale, bench_convert(&args, scale, &work)?));
    }
    print_growth("convert", &timings);
    if args.link_actions > 0 {
        bench_link(&args)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How many documents of every family make about `bytes` of text dumps.
fn documents_for_bytes(args: &BenchArgs, bytes: usize) -> usize {
    let years = args.years.max(1) as usize;
    let sample = generate(&options(args, years));
    let per_document = sample.text_bytes() / sample.documents.len().max(1);
    let families = sample.documents.len() / years;
    bytes.div_ceil(per_document * families.max(1)).max(1)
}

/// A synthetic corpus of about `actions` actions.
fn corpus_of_actions(args: &BenchArgs, actions: usize) -> Corpus {
    let years = args.years.max(1) as usize;
    let sample = generate(&options(args, years));
    let per_round = sample.actions() / years;
    let documents = actions.div_ceil(per_round.max(1)).max(1);
    generate(&options(args, documents))
}

fn options(args: &BenchArgs, documents: usize) -> SynthOptions {
    SynthOptions {
        documents,
        years: args.years.max(1),
        seed: args.seed,
        ..SynthOptions::default()
    }
}

/// What one convert step measured.
struct Step {
    seconds: f64,
}

/// One run of a convert step.
struct ConvertTiming {
    seconds: f64,
    cpu: Option<f64>,
    /// Resident memory before the run.
    baseline: u64,
    run: Option<ConvertRun>,
}

fn bench_convert(args: &BenchArgs, scale: usize, work: &Path) -> anyhow::Result<Step> {
    let documents = documents_for_bytes(args, scale * SEEDS_BYTES);
    let input = work.join(format!("convert-{scale}x"));
    let out = work.join(format!("convert-{scale}x-out"));
    std::fs::create_dir_all(&input)?;
    std::fs::create_dir_all(&out)?;
    // Written one document at a time, so that the corpus is never held in memory.
    let synth = options(args, documents);
    let mut files = Vec::new();
    let mut bytes = 0;
    let mut largest = 0;
    let mut expected_actions = 0;
    for &family in &synth.families {
        for index in 0..documents {
            let (doc, _) = govtrail_synth::document(&synth, family, index);
            let text = doc.text_dump();
            bytes += text.len();
            largest = largest.max(text.len());
            expected_actions += doc.refs.len();
            let path = input.join(&doc.name);
            std::fs::write(&path, text).with_context(|| format!("{}", path.display()))?;
            files.push(path);
        }
    }

    let options = ConvertOptions::default();
    let progress = ProgressBar::hidden();
    let mut fastest: Option<ConvertTiming> = None;
    let mut peak_bytes = None;
    for _ in 0..args.repeat {
        // Each run writes into an empty directory, as a first conversion does.
        std::fs::remove_dir_all(&out).ok();
        std::fs::create_dir_all(&out)?;
        let peak = PeakMemory::start();
        let cpu_before = cpu_seconds();
        let started = Instant::now();
        let run = match &peak {
            PeakMemory::InProcess { .. } => Some(convert_files(&files, &options, &out, &progress)?),
            PeakMemory::Child => None,
        };
        let (seconds, peak_of_run) = match run {
            Some(_) => (started.elapsed().as_secs_f64(), peak.finish()),
            None => convert_in_child(&input, &out)?,
        };
        let cpu = cpu_seconds()
            .zip(cpu_before)
            .map(|(after, before)| after - before);
        peak_bytes = peak_bytes.max(peak_of_run);
        if fastest.as_ref().is_none_or(|f| seconds < f.seconds) {
            fastest = Some(ConvertTiming {
                seconds,
                cpu,
                baseline: peak.baseline(),
                run,
            });
        }
    }
    let ConvertTiming {
        seconds,
        cpu,
        baseline,
        run,
    } = fastest.context("bench: no convert run (--repeat is at least 1)")?;
    let (actions, failed, unclaimed) = match &run {
        Some(r) => (r.actions, r.failed, r.unclaimed),
        None => (expected_actions, 0, 0),
    };
    let mb = bytes as f64 / 1e6;
    println!(
        "convert {scale:>4}x: {:>4} files {mb:>8.2} MB {actions:>8} actions in {seconds:>7.3} s = {:>6.1} MB/s {:>9.0} actions/s ({}); peak memory {} ({:.1} MB before the step; largest input {:.2} MB){}",
        files.len(),
        mb / seconds,
        actions as f64 / seconds,
        cpu.filter(|_| run.is_some()).map_or("CPU time n/a".to_owned(), |c| format!(
            "{c:.2} CPU s = {:.1} MB per CPU second",
            mb / c.max(1e-9)
        )),
        peak_bytes.map_or("n/a".to_owned(), |b| format!("{:.1} MB", b as f64 / 1e6)),
        baseline as f64 / 1e6,
        largest as f64 / 1e6,
        if failed + unclaimed > 0 {
            format!("; {failed} failed inputs, {unclaimed} unclaimed rows")
        } else {
            String::new()
        }
    );
    if args.work_dir.is_none() {
        std::fs::remove_dir_all(&input).ok();
        std::fs::remove_dir_all(&out).ok();
    }
    Ok(Step { seconds })
}

fn print_growth(step: &str, timings: &[(usize, Step)]) {
    for pair in timings.windows(2) {
        let ((a, ta), (b, tb)) = (&pair[0], &pair[1]);
        if *a == 0 || ta.seconds <= 0.0 {
            continue;
        }
        println!(
            "{step} growth {b}x/{a}x: time x{:.2} for x{:.1} the work",
            tb.seconds / ta.seconds,
            *b as f64 / *a as f64
        );
    }
}

/// Converts the corpus in memory, in parallel, as the linker's input.
fn convert_in_memory(corpus: &Corpus) -> Vec<DocumentOutput> {
    let options = ConvertOptions::default();
    corpus
        .documents
        .par_iter()
        .filter_map(|doc| {
            govtrail_convert::convert(&doc.name, doc.text_dump().as_bytes(), &options).ok()
        })
        .flatten()
        .collect()
}

/// One item to link: where it is and the text a user would compare.
struct LinkItem {
    document: usize,
    topic: Option<usize>,
    title: String,
}

/// Items of `docs` with their planted topic (from the expected links), by document index.
fn link_items(
    docs: &[DocumentOutput],
    corpus: &Corpus,
) -> (Vec<LinkItem>, HashMap<(String, String), usize>) {
    let mut keys: HashMap<(&str, &str), usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    for [(da, ra), (db, rb)] in corpus.expected.must.iter().map(|p| &p.pair) {
        let n = keys.len();
        let a = *keys.entry((da.as_str(), ra.as_str())).or_insert(n);
        if a == parent.len() {
            parent.push(a);
        }
        let n = keys.len();
        let b = *keys.entry((db.as_str(), rb.as_str())).or_insert(n);
        if b == parent.len() {
            parent.push(b);
        }
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent[ra] = rb;
    }
    let mut items = Vec::new();
    let mut index = HashMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for action in &doc.actions {
            let Some(reference) = action.reference.as_deref() else {
                continue;
            };
            let topic = keys
                .get(&(doc.document.id.as_str(), reference))
                .copied()
                .map(|k| find(&mut parent, k));
            let title = action.title.clone().unwrap_or_else(|| {
                action
                    .text
                    .split_whitespace()
                    .take(8)
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            index.insert((doc.document.id.clone(), reference.to_owned()), items.len());
            items.push(LinkItem {
                document: d,
                topic,
                title,
            });
        }
    }
    (items, index)
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Recall (planted pairs whose ends end up connected) and precision (links joining items of
/// one planted topic) of `links` over `items`.
fn quality(items: &[LinkItem], links: &[(usize, usize)]) -> (f64, f64) {
    let mut parent: Vec<usize> = (0..items.len()).collect();
    let mut correct = 0;
    for &(a, b) in links {
        if items[a].topic.is_some() && items[a].topic == items[b].topic {
            correct += 1;
        }
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent[ra] = rb;
    }
    // Planted pairs: consecutive occurrences of each topic, in item order (documents are in
    // year order within a council).
    let mut last: HashMap<usize, usize> = HashMap::new();
    let (mut must, mut found) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        if let Some(topic) = item.topic {
            if let Some(previous) = last.insert(topic, i) {
                must += 1;
                if find(&mut parent, previous) == find(&mut parent, i) {
                    found += 1;
                }
            }
        }
    }
    let recall = if must == 0 {
        1.0
    } else {
        found as f64 / must as f64
    };
    let precision = if links.is_empty() {
        1.0
    } else {
        correct as f64 / links.len() as f64
    };
    (recall, precision)
}

fn f1(recall: f64, precision: f64) -> f64 {
    if recall + precision == 0.0 {
        0.0
    } else {
        2.0 * recall * precision / (recall + precision)
    }
}

/// One linking corpus of the bench, converted, and the best of its runs so far.
struct LinkStep {
    scale: usize,
    corpus: Corpus,
    docs: Vec<DocumentOutput>,
    items: Vec<LinkItem>,
    index: HashMap<(String, String), usize>,
    seconds: f64,
    peak_bytes: Option<u64>,
    baseline: u64,
    links: Option<govtrail_link::Links>,
}

impl LinkStep {
    fn prepare(args: &BenchArgs, scale: usize, actions: usize) -> LinkStep {
        let corpus = corpus_of_actions(args, actions);
        let docs = convert_in_memory(&corpus);
        let (items, index) = link_items(&docs, &corpus);
        println!(
            "link corpus: {} documents, {} actions over {} years, {} planted links",
            docs.len(),
            items.len(),
            args.years,
            corpus.expected.must.len()
        );
        LinkStep {
            scale,
            corpus,
            docs,
            items,
            index,
            seconds: f64::INFINITY,
            peak_bytes: None,
            baseline: 0,
            links: None,
        }
    }
}

fn bench_link(args: &BenchArgs) -> anyhow::Result<()> {
    let small = (args.link_actions / 10).max(1);
    let mut steps: Vec<LinkStep> = [(1, small), (10, args.link_actions)]
        .into_iter()
        .map(|(scale, actions)| LinkStep::prepare(args, scale, actions))
        .collect();
    // Both corpora are held and their runs alternate, so that a change in the machine's other
    // load during the bench slows both sizes alike instead of tilting the growth figure.
    let config = govtrail_link::LinkConfig::default();
    for _ in 0..args.repeat {
        for step in &mut steps {
            drop(step.links.take());
            let peak = PeakMemory::start();
            let started = Instant::now();
            let links = govtrail_link::link(&step.docs, &config);
            step.seconds = step.seconds.min(started.elapsed().as_secs_f64());
            step.peak_bytes = step.peak_bytes.max(peak.finish());
            step.baseline = step.baseline.max(peak.baseline());
            step.links = Some(links);
        }
    }
    let mut timings = Vec::new();
    for step in &steps {
        let links = step
            .links
            .as_ref()
            .context("bench: no link run (--repeat is at least 1)")?;
        let pairs = link_pairs(links, &step.index);
        let (recall, precision) = quality(&step.items, &pairs);
        let ids: Vec<&str> = step.docs.iter().map(|d| d.document.id.as_str()).collect();
        let official = govtrail_link::evaluate(links, &step.corpus.expected, &ids);
        println!(
            "link {:>6} actions: {:.2} s = {:.0} actions/s; peak memory {} (held before the step, both corpora included: {:.1} MB); recall {recall:.3} precision {precision:.3} (all links; in-scope precision {:.3}); {} links, {} threads",
            step.items.len(),
            step.seconds,
            step.items.len() as f64 / step.seconds.max(1e-9),
            step.peak_bytes.map_or("n/a".to_owned(), |b| format!("{:.1} MB", b as f64 / 1e6)),
            step.baseline as f64 / 1e6,
            official.precision(),
            links.links.len(),
            links.threads.len()
        );
        timings.push((
            step.scale,
            Step {
                seconds: step.seconds,
            },
        ));
    }
    if let Some(large) = steps.last() {
        compare_with_baseline(args, &large.docs, &large.items, &large.index, large.seconds);
    }
    print_growth("link", &timings);
    Ok(())
}

/// The linker's links as pairs of item indices.
fn link_pairs(
    links: &govtrail_link::Links,
    index: &HashMap<(String, String), usize>,
) -> Vec<(usize, usize)> {
    links
        .links
        .iter()
        .filter_map(|l| {
            let a = index.get(&(l.a.document.clone(), l.a.reference.clone()))?;
            let b = index.get(&(l.b.document.clone(), l.b.reference.clone()))?;
            Some((*a, *b))
        })
        .collect()
}

/// Runs the baseline on a subsample, the linker on the same documents, and prints both.
fn compare_with_baseline(
    args: &BenchArgs,
    docs: &[DocumentOutput],
    items: &[LinkItem],
    index: &HashMap<(String, String), usize>,
    full_seconds: f64,
) {
    let Some(baseline) = bench_baseline(args, items) else {
        return;
    };
    let sample_docs = items[..baseline.items].last().map_or(0, |i| i.document + 1);
    let started = Instant::now();
    let links = govtrail_link::link(&docs[..sample_docs], &govtrail_link::LinkConfig::default());
    let seconds = started.elapsed().as_secs_f64();
    let pairs = link_pairs(&links, index);
    let (recall, precision) = quality(&items[..baseline.items], &pairs);
    println!(
        "linker on the same {} items: {seconds:.3} s, recall {recall:.3} precision {precision:.3} F1 {:.3}",
        baseline.items,
        f1(recall, precision)
    );
    println!(
        "side by side: the linker is {:.0}x faster than the baseline on its subsample and links all {} actions in {full_seconds:.2} s; F1 {:.3} vs {:.3}",
        baseline.seconds / seconds.max(1e-9),
        items.len(),
        f1(recall, precision),
        f1(baseline.recall, baseline.precision)
    );
}

/// The baseline a user might write: Jaro-Winkler over lower-cased titles, every pair of items
/// in different documents, one thread, on a subsample small enough to finish in about
/// `--baseline-seconds`; the threshold is the one with the best F1.
fn bench_baseline(args: &BenchArgs, items: &[LinkItem]) -> Option<BaselineResult> {
    let titles: Vec<String> = items.iter().map(|i| i.title.to_lowercase()).collect();
    // Calibrate: time 200k comparisons, then size the subsample for the time budget.
    let probe = titles.len().min(450);
    let started = Instant::now();
    for a in 0..probe {
        for b in 0..probe {
            std::hint::black_box(strsim::jaro_winkler(&titles[a], &titles[b]));
        }
    }
    let per_pair = started.elapsed().as_secs_f64() / (probe * probe).max(1) as f64;
    let pairs_budget = args.baseline_seconds / per_pair.max(1e-9);
    let n = ((2.0 * pairs_budget).sqrt() as usize).min(items.len());
    // Whole documents from the start, so the subsample's councils keep their planted pairs.
    let n = items
        .iter()
        .position(|i| i.document >= items.get(n).map_or(usize::MAX, |x| x.document))
        .unwrap_or(items.len());
    let sample = &items[..n];
    let started = Instant::now();
    let mut scored: Vec<(f32, u32, u32)> = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            if sample[a].document == sample[b].document {
                continue;
            }
            let score = strsim::jaro_winkler(&titles[a], &titles[b]);
            if score >= 0.8 {
                scored.push((score as f32, a as u32, b as u32));
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut best = (0.0, 0.0, 0.0, 1.0f32);
    for step in 0..=19 {
        let threshold = 0.8 + step as f32 * 0.01;
        let links: Vec<(usize, usize)> = scored
            .iter()
            .filter(|s| s.0 >= threshold)
            .map(|s| (s.1 as usize, s.2 as usize))
            .collect();
        let (recall, precision) = quality(sample, &links);
        if f1(recall, precision) > best.0 {
            best = (f1(recall, precision), recall, precision, threshold);
        }
    }
    println!(
        "baseline (all-pairs Jaro-Winkler, 1 thread) on {n} items: {seconds:.2} s, best threshold {:.2}: recall {:.3} precision {:.3} F1 {:.3}",
        best.3, best.1, best.2, best.0
    );
    Some(BaselineResult {
        items: n,
        seconds,
        recall: best.1,
        precision: best.2,
    })
}

struct BaselineResult {
    items: usize,
    seconds: f64,
    recall: f64,
    precision: f64,
}

/// Peak resident memory of one step.
enum PeakMemory {
    /// The kernel's high-water mark was reset; read it after the step.
    InProcess { baseline: u64 },
    /// Resetting was refused: run the step in a child process and watch it.
    Child,
}

impl PeakMemory {
    /// Resident memory when the step started, in bytes.
    fn baseline(&self) -> u64 {
        match self {
            PeakMemory::InProcess { baseline } => *baseline,
            PeakMemory::Child => 0,
        }
    }

    fn resettable() -> bool {
        std::fs::write("/proc/self/clear_refs", "5").is_ok()
    }

    fn start() -> PeakMemory {
        if PeakMemory::resettable() {
            PeakMemory::InProcess {
                baseline: status_kib("VmRSS:").unwrap_or(0) * 1024,
            }
        } else {
            PeakMemory::Child
        }
    }

    /// The step's peak resident memory in bytes (the whole process's high-water mark since
    /// the reset; the resident memory before the step is its fixed overhead).
    fn finish(&self) -> Option<u64> {
        match self {
            PeakMemory::InProcess { baseline } => {
                status_kib("VmHWM:").map(|k| (k * 1024).max(*baseline))
            }
            PeakMemory::Child => None,
        }
    }
}

/// CPU time this process has used (all threads, user and system), from `/proc/self/stat`.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at state (field 3).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Linux reports clock ticks of 1/100 s (USER_HZ) on every mainstream architecture.
    Some((utime + stime) / 100.0)
}

/// A `kB` field of `/proc/self/status`.
fn status_kib(field: &str) -> Option<u64> {
    proc_status_kib("/proc/self/status", field)
}

fn proc_status_kib(path: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(path).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// Runs `govtrail convert` on `input` as a child process, watching its high-water mark.
fn convert_in_child(input: &Path, out: &Path) -> anyhow::Result<(f64, Option<u64>)> {
    let exe = std::env::current_exe().context("cannot find the govtrail executable")?;
    let started = Instant::now();
    let mut child = std::process::Command::new(exe)
        .arg("convert")
        .arg(input)
        .arg("--out")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .spawn()
        .context("cannot start govtrail convert")?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Some(k) = proc_status_kib(&status_path, "VmHWM:") {
            peak = Some(k * 1024);
        }
        if child.try_wait()?.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Ok((started.elapsed().as_secs_f64(), peak))
}
