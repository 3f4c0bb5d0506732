//! What `govtrail convert` writes as `report.json` and what `govtrail changes --json` prints
//! validate against their schemas in `schema/`, run on the seeds beside a failing input and a
//! skipped one, and the schemas reject what breaks the contract.

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn govtrail(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govtrail"))
        .args(args)
        .output()
        .expect("the govtrail binary runs")
}

/// The seeds, a file that is no plan and an Excel lock file, converted into `work/out`.
fn convert_archive(work: &Path) -> std::path::PathBuf {
    let archive = work.join("archive");
    std::fs::create_dir(&archive).expect("mkdir");
    for seed in common::seeds() {
        let name = seed.file_name().expect("seed name");
        std::fs::copy(&seed, archive.join(name)).expect("copy seed");
    }
    std::fs::write(
        archive.join("minutes.txt"),
        "Minutes of the meeting\nPresent: all\n",
    )
    .expect("write");
    std::fs::write(archive.join("~$plan.xlsx"), "lock").expect("write");
    let out = work.join("out");
    let converted = govtrail(&[
        "convert".as_ref(),
        archive.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(converted.status.code(), Some(1), "{converted:?}");
    out
}

#[test]
fn report_json_and_changes_json_match_their_schemas() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = convert_archive(work.path());

    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report.json"))
            .expect("JSON");
    let report_schema = common::schema("report.schema.json");
    let errs = common::schema_errors(&report_schema, &report);
    assert!(errs.is_empty(), "report.json: {}", errs.join("; "));
    assert_eq!(report["failed"], 1);
    assert_eq!(report["skipped"].as_array().map(Vec::len), Some(1));

    let listed = govtrail(&[
        "changes".as_ref(),
        "--in".as_ref(),
        out.as_os_str(),
        "--json".as_ref(),
    ]);
    assert!(listed.status.success(), "{listed:?}");
    let changes: Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let worsened: usize = changes
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| d["worsened"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(
        worsened > 0,
        "the seed tracker has worsened actions: {changes:#}"
    );
    let errs = common::schema_errors(&common::schema("changes.schema.json"), &changes);
    assert!(errs.is_empty(), "changes --json: {}", errs.join("; "));
}

#[test]
fn the_schemas_reject_what_breaks_the_contract_and_allow_added_fields() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = convert_archive(work.path());
    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report.json"))
            .expect("JSON");
    let validator = common::schema("report.schema.json");

    let mut added = report.clone();
    added["new_field"] = Value::from("fields may be added");
    added["files"][0]["new_field"] = Value::from(1);
    assert!(common::schema_errors(&validator, &added).is_empty());

    let mut failed_with_documents = report.clone();
    let failed = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .position(|f| f["error"].is_string())
        .expect("a failed input");
    failed_with_documents["files"][failed]["documents"] = report["files"][0]["documents"].clone();
    assert!(!common::schema_errors(&validator, &failed_with_documents).is_empty());

    let mut no_fingerprint = report;
    no_fingerprint["documents_fingerprint"] = Value::from("not hex");
    assert!(!common::schema_errors(&validator, &no_fingerprint).is_empty());

    let changes = common::schema("changes.schema.json");
    let unrated = serde_json::json!([{"document": "t.txt", "from": "2023-09", "to": "2023-10",
        "worsened": [{"ref": "A1", "text": "x", "line": 3,
            "from": {"period": "2023-09", "raw": "?", "rag": null},
            "to": {"period": "2023-10", "raw": "Red", "rag": "red"}}]}]);
    assert!(!common::schema_errors(&changes, &unrated).is_empty());
}
