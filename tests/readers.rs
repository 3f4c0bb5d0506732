//! The output as other tools read it: `govtrail export` files opened with Python's `csv` and
//! `openpyxl` hold the actions of `actions.jsonl`, and the README's DuckDB queries run on the
//! output and return what the JSON holds (scripts in `tests/python/`).
//!
//! These need `python3` with `openpyxl` and `duckdb` (`.ci/run` installs them). Where one is
//! missing, a check reports itself ignored with the reason outside CI and fails in CI (`CI`
//! set), so it never passes without having run; hence libtest-mimic as the harness.

mod common;

use libtest_mimic::{Arguments, Completion, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The seeds converted, linked and exported once for every check: the folder holding
/// `output/`, or why it could not be made.
fn converted() -> Result<&'static Path, Failed> {
    static DIR: OnceLock<Result<tempfile::TempDir, String>> = OnceLock::new();
    let made = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let output = dir.path().join("output");
        let output = output.to_string_lossy();
        let seeds = common::root().join("seeds");
        govtrail(&["convert", &seeds.to_string_lossy(), "--out", &output])?;
        govtrail(&["link", &output])?;
        for name in ["actions.csv", "actions.xlsx"] {
            let file = dir.path().join(name);
            govtrail(&["export", "--in", &output, "--out", &file.to_string_lossy()])?;
        }
        Ok(dir)
    });
    match made {
        Ok(dir) => Ok(dir.path()),
        Err(e) => Err(e.clone().into()),
    }
}

fn govtrail(args: &[&str]) -> Result<(), String> {
    let out = Command::new(env!("CARGO_BIN_EXE_govtrail"))
        .args(args)
        .output()
        .map_err(|e| format!("govtrail {args:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "govtrail {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// Runs `tests/python/<script>` with `args` when `python3` can import `module`; otherwise
/// ignored with the reason, or failed in CI.
fn python(module: &str, script: &str, args: &[PathBuf]) -> Result<Completion, Failed> {
    let found = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output();
    if !found.is_ok_and(|o| o.status.success()) {
        let reason = format!("needs python3 with {module} (python3 -m pip install {module})");
        if common::in_ci() {
            return Err(format!("{reason}; .ci/run installs it").into());
        }
        return Ok(Completion::ignored_with(reason));
    }
    let path = common::root().join("tests").join("python").join(script);
    let out = Command::new("python3")
        .arg(&path)
        .args(args)
        .output()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{script} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let checked = String::from_utf8_lossy(&out.stdout);
    if checked.trim().is_empty() || checked.trim() == "0" {
        return Err(format!("{script} checked nothing").into());
    }
    Ok(Completion::Completed)
}

fn export_check(file: &'static str, module: &'static str) -> Result<Completion, Failed> {
    let dir = converted()?;
    python(
        module,
        "check_export.py",
        &[dir.join("output").join("actions.jsonl"), dir.join(file)],
    )
}

fn main() {
    let trials = vec![
        Trial::ignorable_test("csv_export_opens_in_python_csv_with_the_actions", || {
            export_check("actions.csv", "csv")
        }),
        Trial::ignorable_test("xlsx_export_opens_in_openpyxl_with_the_actions", || {
            export_check("actions.xlsx", "openpyxl")
        }),
        Trial::ignorable_test(
            "the_readme_duckdb_queries_return_what_the_json_holds",
            || {
                let dir = converted()?;
                python(
                    "duckdb",
                    "readme_duckdb.py",
                    &[common::root().join("README.md"), dir.to_owned()],
                )
            },
        ),
    ];
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}
