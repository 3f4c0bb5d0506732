//! `govtrail changes` on the seed tracker: convert, then list what worsened.

use std::process::Command;

fn govtrail(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_govtrail"))
        .args(args)
        .output()
        .expect("run govtrail")
}

#[test]
fn changes_lists_the_actions_that_slipped_between_the_two_latest_months() {
    let out = tempfile::tempdir().expect("temp dir");
    let out_dir = out.path().to_str().expect("utf-8 temp path");
    let converted = govtrail(&[
        "convert",
        "seeds/003_c094e79ec819f942.txt",
        "--out",
        out_dir,
    ]);
    assert!(converted.status.success(), "{converted:?}");

    let listed = govtrail(&["changes", "--in", out_dir, "--json"]);
    assert!(listed.status.success(), "{listed:?}");
    let report: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let doc = &report[0];
    assert_eq!(doc["from"], "2023-09");
    assert_eq!(doc["to"], "2023-10");
    let refs: Vec<&str> = doc["worsened"]
        .as_array()
        .expect("worsened list")
        .iter()
        .filter_map(|c| c["ref"].as_str())
        .collect();
    assert!(refs.contains(&"OC.A2.1"), "{refs:?}");
    assert!(doc["worsened"]
        .as_array()
        .expect("worsened list")
        .iter()
        .all(|c| c["from"]["rag"] == "green" && c["to"]["rag"] == "amber"));

    // the same periods named explicitly, reversed: nothing got worse going backwards
    let reversed = govtrail(&[
        "changes", "--in", out_dir, "--from", "2023-10", "--to", "2023-09", "--json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&reversed.stdout).expect("JSON");
    let backwards: Vec<&str> = report[0]["worsened"]
        .as_array()
        .expect("worsened list")
        .iter()
        .filter_map(|c| c["ref"].as_str())
        .collect();
    assert!(!backwards.contains(&"OC.A2.1"));
}
