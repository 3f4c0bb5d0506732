//! The figures the README quotes are the ones the commands print: its accuracy block is what
//! `govtrail eval` (its summary lines) and `govtrail eval-links` print on the seeds now.

mod common;

use std::process::Command;

fn govtrail(args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_govtrail"))
        .args(args)
        .output()
        .expect("govtrail runs");
    assert!(
        out.status.success(),
        "govtrail {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The lines of the README's fenced block after the line holding `marker`.
fn readme_block(marker: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README.md");
    let after = &readme[readme
        .find(marker)
        .unwrap_or_else(|| panic!("README: no {marker:?}"))..];
    let open = after
        .find("```text\n")
        .expect("a text block after the marker")
        + "```text\n".len();
    let close = after[open..].find("```").expect("the block is closed") + open;
    after[open..close].lines().map(str::to_owned).collect()
}

#[test]
fn the_readme_accuracy_block_is_what_eval_and_eval_links_print() {
    let work = tempfile::tempdir().expect("temp dir");
    let out = work.path().join("output");
    let gold = common::root().join("fixtures").join("gold");
    govtrail(&[
        "convert".as_ref(),
        common::root().join("seeds").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let eval = govtrail(&[
        "eval".as_ref(),
        "--gold".as_ref(),
        gold.as_os_str(),
        out.as_os_str(),
    ]);
    let mut printed: Vec<String> = eval
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .map(str::to_owned)
        .collect();
    govtrail(&["link".as_ref(), out.as_os_str()]);
    let links = govtrail(&[
        "eval-links".as_ref(),
        "--expected".as_ref(),
        gold.join("links_sample.json").as_os_str(),
        out.as_os_str(),
    ]);
    printed.extend(links.lines().last().map(str::to_owned));
    assert!(printed.len() > 5, "eval printed {eval:?}");
    assert_eq!(
        readme_block("Latest figures"),
        printed,
        "README.md's accuracy block is stale: paste what the commands print now"
    );
}

#[test]
fn the_readme_layouts_block_is_what_eval_prints() {
    let work = tempfile::tempdir().expect("temp dir");
    let out = work.path().join("layouts-out");
    let layouts = common::root().join("fixtures").join("layouts");
    govtrail(&[
        "convert".as_ref(),
        layouts.join("docs").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let eval = govtrail(&[
        "eval".as_ref(),
        "--gold".as_ref(),
        layouts.join("gold").as_os_str(),
        out.as_os_str(),
    ]);
    let printed: Vec<String> = eval
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .map(str::to_owned)
        .collect();
    assert!(printed.len() > 5, "eval printed {eval:?}");
    assert_eq!(
        readme_block("On the layouts set"),
        printed,
        "README.md's layouts block is stale: paste what the commands print now"
    );
}
