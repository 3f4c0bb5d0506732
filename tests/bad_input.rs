//! A batch of bad inputs through the real binary: every input ends converted or rejected with
//! one line on stderr naming the file and the reason, the good input beside them converts in
//! full, `report.json` lists them all, and nothing panics.

use govtrail_convert::{convert, ConvertOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Deterministic pseudo-random bytes (xorshift), so a failure reproduces.
fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

const MINUTES: &str = "Minutes of the meeting of the Audit and Governance Committee\n\
    held on 14 March 2019\n\n\
    Present: Councillor Smith (Chair), Councillors Jones and Patel\n\
    1. Apologies for absence\tApologies were received from Councillor Brown.\n\
    2. Declarations of interest\tNone.\n";

/// The first seed the pipeline converts on this build, with its name and bytes.
fn convertible_seed() -> (String, Vec<u8>) {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir("seeds")
        .expect("seeds/ exists")
        .map(|e| e.expect("seeds/ entry").path())
        .collect();
    seeds.sort();
    seeds
        .into_iter()
        .find_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let name = path.file_name()?.to_string_lossy().into_owned();
            convert(&name, &bytes, &ConvertOptions::default()).ok()?;
            Some((name, bytes))
        })
        .expect("at least one seed converts")
}

fn run_convert(inputs: &Path, out: &Path, extra: &[&str]) -> (Output, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_govtrail"))
        .arg("convert")
        .arg(inputs)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("the govtrail binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
    (output, stderr)
}

/// The one stderr line naming `file` (its path as given), asserting there is exactly one.
fn error_line<'e>(stderr: &'e str, file: &str) -> &'e str {
    let prefix = format!("error: {file}: ");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(file)).collect();
    assert_eq!(lines.len(), 1, "{file} named once on stderr:\n{stderr}");
    assert!(lines[0].starts_with(&prefix), "{:?}", lines[0]);
    lines[0]
}

fn read_report(out: &Path) -> serde_json::Value {
    let bytes = std::fs::read(out.join("report.json")).expect("report.json written");
    serde_json::from_slice(&bytes).expect("report.json is JSON")
}

fn report_entry<'r>(report: &'r serde_json::Value, file: &str) -> &'r serde_json::Value {
    report["files"]
        .as_array()
        .expect("files array")
        .iter()
        .find(|f| f["input"] == file)
        .unwrap_or_else(|| panic!("{file} missing from report.json: {report:#}"))
}

#[test]
fn a_batch_of_bad_inputs_converts_the_good_one_and_names_each_bad_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs = dir.path().join("in");
    let out = dir.path().join("out");
    std::fs::create_dir(&inputs).expect("mkdir");
    let (seed_name, seed_bytes) = convertible_seed();
    let huge_line = "the council will review its arrangements ".repeat(20 * 1024 * 1024 / 41 + 1);
    let bad: [(&str, Vec<u8>, &str); 5] = [
        ("empty.txt", Vec::new(), "the file is empty"),
        (
            "random.bin",
            random_bytes(7, 64 * 1024),
            "the file is binary",
        ),
        (
            "random.xlsx",
            random_bytes(11, 64 * 1024),
            "the file is binary",
        ),
        (
            "minutes.txt",
            MINUTES.into(),
            "not a governance action plan",
        ),
        (
            "huge-line.txt",
            huge_line.into_bytes(),
            "line 1: a cell of 20971",
        ),
    ];
    for (name, bytes, _) in &bad {
        std::fs::write(inputs.join(name), bytes).expect("write input");
    }
    std::fs::write(inputs.join(&seed_name), &seed_bytes).expect("write seed");

    let started = Instant::now();
    let (output, stderr) = run_convert(&inputs, &out, &[]);
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(took < Duration::from_secs(20), "the batch took {took:?}");

    let report = read_report(&out);
    assert_eq!(report["inputs"], 6);
    assert_eq!(report["failed"], 5);
    for (name, _, reason) in &bad {
        let shown = inputs.join(name).display().to_string();
        let line = error_line(&stderr, &shown);
        assert!(line.contains(reason), "{name}: {line:?} lacks {reason:?}");
        let entry = report_entry(&report, &shown);
        assert_eq!(entry["error"].as_str(), line.strip_prefix("error: "));
        assert_eq!(entry["documents"], serde_json::json!([]));
    }

    assert!(!stderr.contains(&seed_name), "stderr:\n{stderr}");
    let expected = convert(&seed_name, &seed_bytes, &ConvertOptions::default()).expect("seed");
    let entry = report_entry(&report, &inputs.join(&seed_name).display().to_string());
    assert!(entry["error"].is_null());
    let documents = entry["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), expected.len());
    for (doc, counts) in expected.iter().zip(documents) {
        assert_eq!(counts["family"], doc.document.family.as_str());
        assert_eq!(counts["actions"], doc.actions.len());
        assert_eq!(counts["unparsed"], doc.unparsed.len());
        assert_eq!(counts["diagnostics"], doc.diagnostics.len());
        let written = std::fs::read(out.join(format!("{}.json", doc.document.id)))
            .expect("the seed's JSON is written");
        let written: serde_json::Value = serde_json::from_slice(&written).expect("JSON");
        assert_eq!(written, serde_json::to_value(doc).expect("serialises"));
    }
}

#[test]
fn undecodable_text_is_refused_naming_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("mixed.txt");
    // 0x81 is undefined in Windows-1252 and invalid UTF-8: neither encoding reads line 3.
    std::fs::write(
        &input,
        b"Issue\tKey improvement area\n1\tok\n2\tbad \x81 byte\n",
    )
    .expect("write");
    let (output, stderr) = run_convert(&input, &dir.path().join("out"), &[]);
    assert_eq!(output.status.code(), Some(1));
    let line = error_line(&stderr, &input.display().to_string());
    assert!(
        line.contains("line 3: the text is neither UTF-8 nor Windows-1252"),
        "{line:?}"
    );
}

#[test]
fn max_input_bytes_refuses_a_larger_input_and_admits_one_within() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (name, bytes) = convertible_seed();
    let input = dir.path().join(&name);
    std::fs::write(&input, &bytes).expect("write");
    let limit = (bytes.len() - 1).to_string();
    let (output, stderr) = run_convert(
        &input,
        &dir.path().join("a"),
        &["--max-input-bytes", &limit],
    );
    assert_eq!(output.status.code(), Some(1));
    let line = error_line(&stderr, &input.display().to_string());
    let expected = format!(
        "the input is {} bytes, over the limit of {limit} bytes (--max-input-bytes)",
        bytes.len()
    );
    assert!(line.ends_with(&expected), "{line:?}");

    let limit = bytes.len().to_string();
    let (output, stderr) = run_convert(
        &input,
        &dir.path().join("b"),
        &["--max-input-bytes", &limit],
    );
    assert!(output.status.success(), "{stderr}");
}

#[test]
fn max_cell_bytes_refuses_the_first_longer_cell_naming_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (name, bytes) = convertible_seed();
    let input = dir.path().join(&name);
    std::fs::write(&input, &bytes).expect("write");
    let text = String::from_utf8_lossy(&bytes);
    let longest = |line: &str| line.trim_end_matches('\r').split('\t').map(str::len).max();
    let widest = text.lines().filter_map(longest).max().expect("lines");
    let limit = widest - 1;
    let first_line = 1 + text
        .lines()
        .position(|l| longest(l) == Some(widest))
        .expect("the widest line");
    let (output, stderr) = run_convert(
        &input,
        &dir.path().join("a"),
        &["--max-cell-bytes", &limit.to_string()],
    );
    assert_eq!(output.status.code(), Some(1));
    let line = error_line(&stderr, &input.display().to_string());
    let expected = format!(
        "{name}: line {first_line}: a cell of {widest} bytes is over the limit of {limit} bytes (--max-cell-bytes)"
    );
    assert!(line.ends_with(&expected), "{line:?}");

    let (output, stderr) = run_convert(
        &input,
        &dir.path().join("b"),
        &["--max-cell-bytes", &widest.to_string()],
    );
    assert!(output.status.success(), "{stderr}");
}

#[test]
fn a_long_line_within_a_raised_cell_limit_is_read_and_judged_on_content() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("long.txt");
    std::fs::write(&input, "word ".repeat(4 * 1024 * 1024)).expect("write");
    let started = Instant::now();
    let (output, stderr) = run_convert(
        &input,
        &dir.path().join("out"),
        &["--max-cell-bytes", "100000000"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        error_line(&stderr, &input.display().to_string()).contains("not a governance action plan")
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn two_inputs_with_one_file_name_never_overwrite_each_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (name, bytes) = convertible_seed();
    for year in ["2019", "2020"] {
        std::fs::create_dir(dir.path().join(year)).expect("mkdir");
        std::fs::write(dir.path().join(year).join(&name), &bytes).expect("write");
    }
    let out = dir.path().join("out");
    let (output, stderr) = run_convert(dir.path(), &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    for year in ["2019", "2020"] {
        let written = std::fs::read(out.join(year).join(format!("{name}.json")))
            .unwrap_or_else(|e| panic!("{year}/{name}.json: {e}"));
        let doc: serde_json::Value = serde_json::from_slice(&written).expect("JSON");
        assert_eq!(doc["document"]["id"], format!("{year}/{name}"));
    }
}
