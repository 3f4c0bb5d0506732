//! Archive folders as officers keep them and as an attacker would make them, through the real
//! binary: entries that are no plan files, names that would clash, reruns, concurrent runs,
//! text that would drive the terminal, and options out of range. Every hostile input is
//! built here; each test pins one finding of issue 17 or one convention of issue 18.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A governance action plan update any build converts: one issue, its action and update.
const PLAN: &str = "Issue\tKey improvement area\tActions to be taken (responsibility and date of implementation)\tUpdate on implementation of actions as at 31 January 2019\n\
    1\tCyber Security The council assessed itself.\tAn improvement plan is in development. Executive Director for Resources March 2019\tA new team is in place.\n";

const MINUTES: &str = "Minutes of the meeting of the Audit Committee\nPresent: Councillor A\n";

/// Runs govtrail in `cwd` with `args`, killing it after `limit` (a hang fails the test).
fn govtrail_in(cwd: &Path, args: &[&str], stdin: Option<&[u8]>, limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_govtrail"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the govtrail binary runs");
    if let Some(bytes) = stdin {
        child
            .stdin
            .take()
            .expect("stdin piped")
            .write_all(bytes)
            .expect("write stdin");
    }
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            child.kill().expect("kill");
            panic!("govtrail {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
    output
}

fn govtrail(cwd: &Path, args: &[&str]) -> Output {
    govtrail_in(cwd, args, None, Duration::from_secs(60))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write");
}

fn report(out: &Path) -> serde_json::Value {
    let bytes = std::fs::read(out.join("report.json")).expect("report.json written");
    serde_json::from_slice(&bytes).expect("report.json is JSON")
}

/// Every document id the manifest lists.
fn ids(out: &Path) -> Vec<String> {
    report(out)["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["documents"].as_array().expect("documents").clone())
        .map(|d| d["id"].as_str().expect("id").to_owned())
        .collect()
}

fn document(out: &Path, file: &str) -> serde_json::Value {
    let bytes = std::fs::read(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_slice(&bytes).expect("document JSON")
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_and_a_link_loop_are_skipped_with_a_reason_and_never_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("archive");
    write(&archive.join("plan.txt"), PLAN);
    let fifo = archive.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    std::os::unix::fs::symlink(".", archive.join("loop-a")).expect("symlink");
    std::os::unix::fs::symlink(".", archive.join("loop-b")).expect("symlink");
    let output = govtrail_in(
        dir.path(),
        &["convert", "archive", "/dev/zero", "--out", "out"],
        None,
        Duration::from_secs(30),
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: archive/pipe.txt: skipped, a named pipe (FIFO)"),
        "{err}"
    );
    assert!(
        err.contains("warning: /dev/zero: skipped, a device"),
        "{err}"
    );
    assert!(
        err.contains("archive/loop-a: skipped, a link back to the folder"),
        "{err}"
    );
    assert_eq!(ids(&dir.path().join("out")), ["plan.txt"]);
    let skipped = report(&dir.path().join("out"))["skipped"].clone();
    assert_eq!(skipped.as_array().expect("skipped").len(), 4, "{skipped:#}");
}

#[test]
fn excel_lock_files_are_skipped_and_other_documents_named_for_what_they_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("archive");
    write(&archive.join("plan.txt"), PLAN);
    write(&archive.join("~$plan.xlsx"), b"\x0bJ Smith     \x00\x00");
    write(
        &archive.join("2019/appendix.pdf"),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    );
    let output = govtrail(dir.path(), &["convert", "archive", "--out", "out"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("warning: archive/~$plan.xlsx: skipped, an Office lock file"),
        "{err}"
    );
    // The path as given, not the base name: the officer can find the file.
    assert!(
        err.contains("error: archive/2019/appendix.pdf: a PDF document; govtrail reads text dumps, CSV and workbooks — extract its text first"),
        "{err}"
    );
    let report = report(&dir.path().join("out"));
    assert_eq!(report["inputs"], 2, "the lock file is no input: {report:#}");
    assert_eq!(report["failed"], 1);
}

#[test]
fn inputs_named_like_the_runs_own_files_never_overwrite_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("archive");
    for name in ["report", "links", "Report.json"] {
        write(&archive.join(name), PLAN);
    }
    let output = govtrail(dir.path(), &["convert", "archive", "--out", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("out");
    assert_eq!(
        report(&out)["converted"],
        3,
        "report.json is still the manifest"
    );
    let ids = ids(&out);
    assert_eq!(ids, ["Report.json", "links~2", "report~2"]);
    for id in &ids {
        assert_eq!(
            document(&out, &format!("{id}.json"))["document"]["id"],
            id.as_str()
        );
    }
    assert!(stderr(&output).contains("warning: archive/report: converted as report~2.json"));
}

/// An xlsx of `sheets`, each a copy of [`PLAN`], with the sheet names written into the
/// workbook part afterwards: Excel's writer refuses `/` in a sheet name, other tools do not.
fn workbook_with_sheets(sheets: &[&str]) -> Vec<u8> {
    use std::io::Read as _;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for i in 0..sheets.len() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(format!("S{i}")).expect("name");
        for (row, line) in PLAN.lines().enumerate() {
            for (col, cell) in line.split('\t').enumerate() {
                sheet
                    .write_string(row as u32, col as u16, cell)
                    .expect("cell");
            }
        }
    }
    let bytes = workbook.save_to_buffer().expect("xlsx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        if file.name().expect("entry name") == "xl/workbook.xml" {
            let mut xml = String::new();
            file.read_to_string(&mut xml).expect("workbook.xml");
            for (i, name) in sheets.iter().enumerate() {
                xml = xml.replace(&format!("name=\"S{i}\""), &format!("name=\"{name}\""));
            }
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            out.start_file("xl/workbook.xml", options).expect("start");
            out.write_all(xml.as_bytes()).expect("write");
        } else {
            out.raw_copy_file(file).expect("copy");
        }
    }
    out.finish().expect("finish").into_inner()
}

#[test]
fn sheet_names_become_safe_unique_file_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        &dir.path().join("plans.xlsx"),
        workbook_with_sheets(&["a/b", "a_b", "..", "Q1\\Q2"]),
    );
    let output = govtrail(dir.path(), &["convert", "plans.xlsx", "--out", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("out");
    let ids = ids(&out);
    assert_eq!(
        ids,
        [
            "plans.xlsx#a_b",
            "plans.xlsx#a_b~2",
            "plans.xlsx#..",
            "plans.xlsx#Q1_Q2"
        ]
    );
    for id in &ids {
        let doc = document(&out, &format!("{id}.json"));
        assert_eq!(doc["document"]["id"], id.as_str());
    }
    let entries = std::fs::read_dir(&out).expect("out").count();
    assert_eq!(
        entries,
        4 + 3,
        "four documents, actions.jsonl, report.json, the lock"
    );
}

#[cfg(unix)]
#[test]
fn file_names_that_look_like_paths_are_plain_file_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["up\\..\\x.txt", "c:plan.txt", "a\\b.txt"] {
        write(&dir.path().join("in").join(name), PLAN);
    }
    let output = govtrail(dir.path(), &["convert", "in", "--out", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("out");
    assert_eq!(ids(&out), ["a\\b.txt", "c:plan.txt", "up\\..\\x.txt"]);
    assert!(out.join("up\\..\\x.txt.json").is_file());
    assert!(!out.join("x.txt.json").exists());
}

#[test]
fn a_file_reached_twice_converts_once_under_its_first_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("archive/2023/plan.txt"), PLAN);
    let output = govtrail(
        dir.path(),
        &[
            "convert",
            "archive",
            "archive/2023",
            "archive/2023/plan.txt",
            "--out",
            "out",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(ids(&dir.path().join("out")), ["2023/plan.txt"]);
}

#[test]
fn top_level_and_given_files_keep_their_plain_names_and_clashes_are_renamed() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("a/plan.txt"), PLAN);
    write(&dir.path().join("b/plan.txt"), PLAN);
    write(&dir.path().join("b/2019/plan.txt"), PLAN);
    let output = govtrail(dir.path(), &["convert", "a/plan.txt", "b", "--out", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("out");
    assert_eq!(ids(&out), ["plan.txt", "2019/plan.txt", "plan.txt~2"]);
    assert!(out.join("2019/plan.txt.json").is_file());
}

#[test]
fn an_output_folder_inside_the_input_folder_is_never_read_as_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("archive/plan.txt"), PLAN);
    for _ in 0..2 {
        let output = govtrail(dir.path(), &["convert", "archive", "--out", "archive/out"]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let out = dir.path().join("archive/out");
    assert_eq!(ids(&out), ["plan.txt"]);
    assert_eq!(
        report(&out)["skipped"][0]["reason"],
        "the output folder of this run"
    );
    // The output folder given as the input: nothing to convert, rather than its own files.
    let output = govtrail(
        dir.path(),
        &["convert", "archive/out", "--out", "archive/out"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("archive/out: skipped, the output folder of this run"));
}

#[test]
fn a_rerun_removes_the_documents_of_inputs_that_now_fail_or_are_gone() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("archive/2019/plan.txt"), PLAN);
    write(&dir.path().join("archive/2020/plan.txt"), PLAN);
    write(&dir.path().join("archive/gone.txt"), PLAN);
    let output = govtrail(dir.path(), &["convert", "archive", "--out", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("out");
    assert!(out.join("2020/plan.txt.json").is_file());

    write(&dir.path().join("archive/2020/plan.txt"), MINUTES);
    std::fs::remove_file(dir.path().join("archive/gone.txt")).expect("rm");
    let output = govtrail(dir.path(), &["convert", "archive", "--out", "out"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(ids(&out), ["2019/plan.txt"]);
    assert!(
        !out.join("2020").exists(),
        "the failed input's document and folder are gone"
    );
    assert!(!out.join("gone.txt.json").exists());
    let actions = std::fs::read_to_string(out.join("actions.jsonl")).expect("actions.jsonl");
    assert_eq!(actions.lines().count(), 1);
    let failed = &report(&out)["files"][1];
    assert_eq!(failed["input"], "archive/2020/plan.txt");
    assert!(failed["error"]
        .as_str()
        .expect("error")
        .contains("not a governance action plan"));
}

#[test]
fn links_made_before_a_rerun_are_known_to_be_stale() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("archive/2019.txt"), PLAN);
    write(&dir.path().join("archive/2020.txt"), PLAN);
    let out = dir.path().join("out");
    let output = govtrail(dir.path(), &["convert", "archive", "--out", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let fingerprint = report(&out)["documents_fingerprint"].clone();
    assert_eq!(fingerprint.as_str().map(str::len), Some(16));
    let linked = govtrail(dir.path(), &["link", "out"]);
    assert!(linked.status.success(), "{}", stderr(&linked));
    assert_eq!(govtrail_output::stale_links(&out).expect("check"), None);

    // The same documents again: the fingerprint, and so the links, hold.
    let output = govtrail(dir.path(), &["convert", "archive", "--out", "out"]);
    assert_eq!(report(&out)["documents_fingerprint"], fingerprint);
    assert!(
        !stderr(&output).contains("links.json"),
        "{}",
        stderr(&output)
    );

    write(
        &dir.path().join("archive/2020.txt"),
        PLAN.replace("Cyber", "Data"),
    );
    let output = govtrail(dir.path(), &["convert", "archive", "--out", "out"]);
    assert_ne!(report(&out)["documents_fingerprint"], fingerprint);
    let stale = govtrail_output::stale_links(&out).expect("check");
    assert!(stale.is_some(), "links.json made before the rerun");
    assert!(
        stderr(&output).contains("links.json is older than the documents"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_second_convert_into_a_folder_in_use_fails_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("plan.txt"), PLAN);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let held = govtrail_output::RunLock::acquire(&out).expect("lock");
    let started = Instant::now();
    let output = govtrail(dir.path(), &["convert", "plan.txt", "--out", "out"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        stderr(&output).contains("another govtrail convert is writing into this folder"),
        "{}",
        stderr(&output)
    );
    assert!(!out.join("report.json").exists());
    drop(held);
    let output = govtrail(dir.path(), &["convert", "plan.txt", "--out", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn temporary_files_of_a_killed_run_are_removed_by_the_next() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A run killed while it writes: standard input is held open and never written to, so the
    // run waits with its temporary actions.jsonl open until it is killed.
    write(&dir.path().join("in/plan.txt"), PLAN);
    let mut child = Command::new(env!("CARGO_BIN_EXE_govtrail"))
        .args(["convert", "in", "-", "--out", "out"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let out = dir.path().join("out");
    let started = Instant::now();
    let leftover = loop {
        let tmp = std::fs::read_dir(&out).ok().and_then(|entries| {
            entries
                .filter_map(Result::ok)
                .find(|e| e.file_name().to_string_lossy().starts_with(".govtrail-tmp"))
        });
        if let Some(tmp) = tmp {
            break tmp.path();
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert!(
        leftover.exists(),
        "the killed run left {}",
        leftover.display()
    );
    let output = govtrail(dir.path(), &["convert", "in", "--out", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!leftover.exists());
    let left: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".govtrail-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn control_characters_in_documents_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/003_c094e79ec819f942.txt");
    let output = govtrail(
        dir.path(),
        &["convert", &seed.display().to_string(), "--out", "out"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    // A cell as a hostile workbook could carry it: an OSC sequence that retitles the terminal.
    let file = dir.path().join("out/003_c094e79ec819f942.txt.json");
    let json = std::fs::read_to_string(&file).expect("document");
    let hostile = json.replace(
        "Workforce Strategy approved",
        "Workforce \\u001b]0;pwned\\u0007Strategy approved",
    );
    assert_ne!(hostile, json, "the seed's worsened action is there");
    std::fs::write(&file, hostile).expect("write");
    let listed = govtrail(dir.path(), &["changes", "--in", "out"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(!listed.stdout.contains(&0x1b), "{}", stdout(&listed));
    assert!(stdout(&listed).contains("Workforce \\u{1b}]0;pwned\\u{7}Strategy"));

    // And in messages: a file named with an escape sequence.
    write(&dir.path().join("in/\u{1b}[2Jminutes.txt"), MINUTES);
    let output = govtrail(dir.path(), &["convert", "in", "--out", "out2"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!output.stderr.contains(&0x1b), "{}", stderr(&output));
    assert!(stderr(&output).contains("in/\\u{1b}[2Jminutes.txt: not a governance action plan"));
}

#[test]
fn changes_skips_a_corrupt_document_with_a_warning_and_lists_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    write(&dir.path().join("in/a.txt"), PLAN);
    std::fs::copy(
        seeds.join("003_c094e79ec819f942.txt"),
        dir.path().join("in/tracker.txt"),
    )
    .expect("copy");
    let output = govtrail(dir.path(), &["convert", "in", "--out", "out"]);
    assert!(output.status.success(), "{}", stderr(&output));
    write(
        &dir.path().join("out/a.txt.json"),
        "{\"schema_version\": 1, \"document\": ",
    );
    let listed = govtrail(dir.path(), &["changes", "--in", "out", "--json"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(
        stderr(&listed).contains("a.txt.json"),
        "{}",
        stderr(&listed)
    );
    let changes: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    assert_eq!(changes[0]["document"], "tracker.txt");
}

#[test]
fn options_out_of_range_are_usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("plan.txt"), PLAN);
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/003_c094e79ec819f942.txt");
    let converted = govtrail(
        dir.path(),
        &["convert", &seed.display().to_string(), "--out", "out"],
    );
    assert!(converted.status.success());
    let cases: [&[&str]; 10] = [
        &["convert", "plan.txt", "--out", "o", "--as-at", "0000-01-01"],
        &["convert", "plan.txt", "--out", "o", "--as-at", "2019-02-30"],
        &[
            "convert",
            "plan.txt",
            "--out",
            "o",
            "--max-input-bytes",
            "0",
        ],
        &["convert", "plan.txt", "--out", "o", "--max-cell-bytes", "0"],
        &["convert", "plan.txt", "--out", "o", "--stdin-name", "../x"],
        &["convert", "plan.txt", "--out", "o", "-j", "0"],
        &["changes", "--in", "out", "--from", "2099-01"],
        &["changes", "--in", "out", "--to", "2023-9"],
        &[
            "eval",
            "--gold",
            "fixtures",
            "--in",
            "out",
            "--min-ref-f1",
            "5",
        ],
        &[
            "eval",
            "--gold",
            "fixtures",
            "--in",
            "out",
            "--min-field",
            "NaN",
        ],
    ];
    for args in cases {
        let output = govtrail(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!dir.path().join("o").exists(), "{args:?} wrote output");
    }
    let output = govtrail(dir.path(), &["changes", "--in", "out", "--from", "2099-01"]);
    assert!(
        stderr(&output).contains(
            "--from 2099-01: no document in out reports that period (periods reported: 2023-"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_empty_input_set_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    write(&dir.path().join("locks/~$plan.xlsx"), "x");
    for input in ["empty", "locks"] {
        let output = govtrail(dir.path(), &["convert", input, "--out", "out"]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{input}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("error: no inputs to convert in"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn standard_input_converts_as_stdin_or_the_name_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let limit = Duration::from_secs(60);
    let output = govtrail_in(
        dir.path(),
        &["convert", "-", "--out", "out"],
        Some(PLAN.as_bytes()),
        limit,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(ids(&dir.path().join("out")), ["stdin"]);
    let output = govtrail_in(
        dir.path(),
        &[
            "convert",
            "-",
            "--stdin-name",
            "ags-2019.txt",
            "--out",
            "out",
        ],
        Some(PLAN.as_bytes()),
        limit,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("out");
    assert_eq!(ids(&out), ["ags-2019.txt"]);
    assert!(
        !out.join("stdin.json").exists(),
        "the last run's document is removed"
    );
    let output = govtrail_in(
        dir.path(),
        &["convert", "-", "--out", "out", "--max-input-bytes", "10"],
        Some(PLAN.as_bytes()),
        limit,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("over the limit of 10 bytes"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn quiet_prints_nothing_but_problems_and_a_batch_ends_with_its_totals() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("in/plan.txt"), PLAN);
    write(&dir.path().join("in/minutes.txt"), MINUTES);
    let output = govtrail(dir.path(), &["convert", "in", "--out", "out"]);
    assert_eq!(output.status.code(), Some(1));
    let totals = stdout(&output);
    let last = totals.lines().last().expect("a totals line");
    assert_eq!(
        last,
        "1 of 2 inputs converted into out: 1 documents, 1 actions, 0 unparsed lines, 0 warnings; 1 failed, 0 skipped"
    );
    let output = govtrail(
        dir.path(),
        &["convert", "in", "--out", "out", "--quiet", "-j", "1"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(stderr(&output).lines().count(), 1, "{}", stderr(&output));
}

#[test]
fn verbose_logging_into_a_pipe_has_no_colour_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("plan.txt"), PLAN);
    let output = govtrail(dir.path(), &["-vv", "convert", "plan.txt", "--out", "out"]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("converted"), "{}", stderr(&output));
    assert!(!output.stderr.contains(&0x1b), "{}", stderr(&output));
}

/// The subcommands `govtrail --help` lists.
fn subcommands(root: &Path) -> Vec<String> {
    let help = stdout(&govtrail(root, &["--help"]));
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_subcommand_shows_examples_and_the_exit_codes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let names = subcommands(&root);
    assert!(names.len() >= 9, "{names:?}");
    for name in &names {
        let help = stdout(&govtrail(&root, &[name, "--help"]));
        assert!(help.contains("Examples:\n  govtrail "), "{name}:\n{help}");
        assert!(help.contains("Exit codes: 0 "), "{name}:\n{help}");
    }
    let help = stdout(&govtrail(&root, &["--help"]));
    assert!(help.contains("Exit codes: 0 "), "{help}");
}
