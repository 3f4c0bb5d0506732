//! `fixtures/gold`, `fixtures/layouts`, `seeds` and `scripts/score_extraction.py` are copies of
//! `../shared/gold`, `../shared/layouts`, `../shared/seeds` and
//! `../shared/tools/score_extraction.py`, so a clone tests without
//! `../shared`. Where `../shared` is present, the copies must be current.
//!
//! A clone without `../shared` cannot run the comparison: outside CI the test reports itself
//! ignored with that reason (a runtime ignore, hence libtest-mimic as the harness); in CI
//! (`CI` set), where `../shared` is always laid beside the clone, its absence fails the test.

mod common;

use libtest_mimic::{Arguments, Completion, Failed, Trial};
use std::path::Path;

fn assert_same_files(shared: &Path, copy: &Path) -> Result<(), Failed> {
    let names = |dir: &Path| -> Vec<String> {
        common::files_in(dir)
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect()
    };
    if names(shared) != names(copy) {
        return Err(format!(
            "{} and {} list different files: {:?} vs {:?}",
            shared.display(),
            copy.display(),
            names(shared),
            names(copy)
        )
        .into());
    }
    for name in names(shared) {
        let a = std::fs::read(shared.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        let b = std::fs::read(copy.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        if a != b {
            return Err(
                format!("{name} differs from {}: refresh the copy", shared.display()).into(),
            );
        }
    }
    Ok(())
}

fn gold_and_seed_copies_are_current() -> Result<Completion, Failed> {
    let Some(shared) = common::shared() else {
        let reason = "../shared is not beside the repository, so the copies cannot be compared";
        if common::in_ci() {
            return Err(format!("{reason} (CI always has it)").into());
        }
        return Ok(Completion::ignored_with(reason));
    };
    assert_same_files(
        &shared.join("gold"),
        &common::root().join("fixtures").join("gold"),
    )?;
    assert_same_files(&shared.join("seeds"), &common::root().join("seeds"))?;
    let layouts = common::root().join("fixtures").join("layouts");
    for part in ["docs", "gold"] {
        assert_same_files(&shared.join("layouts").join(part), &layouts.join(part))?;
    }
    let scorer = "score_extraction.py";
    let read = |path: std::path::PathBuf| {
        std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    if read(shared.join("tools").join(scorer))?
        != read(common::root().join("scripts").join(scorer))?
    {
        return Err(format!(
            "scripts/{scorer} differs from ../shared/tools/{scorer}: refresh the copy"
        )
        .into());
    }
    Ok(Completion::Completed)
}

fn main() {
    let trials = vec![Trial::ignorable_test(
        "gold_and_seed_copies_are_current",
        gold_and_seed_copies_are_current,
    )];
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}
