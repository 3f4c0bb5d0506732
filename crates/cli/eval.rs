//! `govtrail eval`: score converted documents against gold extractions.

use anyhow::Context;
use govtrail_eval::{bars_for_gold, score_document, Bars};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Directory of gold extractions (`<document>.json` with `records`).
    #[arg(long)]
    gold: PathBuf,
    /// Folder holding govtrail's output for the same documents.
    #[command(flatten)]
    out: crate::args::InDir,
    /// Ref F1 bar for every family, instead of each family's own (0 to 1).
    #[arg(long, value_parser = parse_fraction, value_name = "F1")]
    min_ref_f1: Option<f64>,
    /// Field accuracy bar for every family, instead of each family's own (0 to 1).
    #[arg(long, value_parser = parse_fraction, value_name = "ACCURACY")]
    min_field: Option<f64>,
}

/// A bar between 0 and 1 (`NaN` and `5` are not bars).
fn parse_fraction(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        Ok(_) => Err(format!("{s} is not between 0 and 1")),
        Err(e) => Err(format!("{s:?} is not a number: {e}")),
    }
}

fn read_json(path: &Path) -> anyhow::Result<serde_json::Value> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{}: not valid JSON", path.display()))
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(&args.gold)
        .with_context(|| format!("{}: cannot list the gold directory", args.gold.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("links"))
        })
        .collect();
    names.sort();
    let mut all_pass = true;
    let (mut worst_f1, mut worst_field) = (1.0f64, 1.0f64);
    for path in names {
        let gold = read_json(&path)?;
        let document = gold["document"].as_str().unwrap_or_default();
        let out_path = args
            .out
            .path()
            .join(govtrail_output::document_file(document));
        let out = if out_path.exists() {
            Some(read_json(&out_path)?)
        } else {
            None
        };
        let score = score_document(&gold, out.as_ref());
        let own = bars_for_gold(&score.family).unwrap_or(Bars {
            min_ref_f1: 1.0,
            min_field: 1.0,
        });
        let bars = Bars {
            min_ref_f1: args.min_ref_f1.unwrap_or(own.min_ref_f1),
            min_field: args.min_field.unwrap_or(own.min_field),
        };
        let pass = score.passes(bars);
        all_pass &= pass;
        worst_f1 = worst_f1.min(score.ref_f1);
        worst_field = worst_field.min(score.field_accuracy());
        println!(
            "{} [{}: bars F1 {} field {}]",
            score.summary(),
            if pass { "pass" } else { "FAIL" },
            bars.min_ref_f1,
            bars.min_field
        );
        print!("{}", score.field_table());
    }
    println!("worst ref F1 {worst_f1:.3}, worst field accuracy {worst_field:.3}");
    Ok(if all_pass {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
