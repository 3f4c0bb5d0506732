//! `govtrail bench`: flags for the benchmark of `govtrail-bench`, which converts through this
//! binary's own `convert` code.

use crate::convert::convert_files;
use govtrail_bench::{BenchOptions, ConvertCounts, Converter};
use govtrail_convert::ConvertOptions;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Corpus sizes to convert, in multiples of the seeds' total size (250 KB).
    #[arg(long, value_delimiter = ',', default_value = "1,10,100")]
    scales: Vec<usize>,
    /// Actions in the linking corpus (0 skips linking).
    #[arg(long, default_value_t = BenchOptions::default().link_actions)]
    link_actions: usize,
    /// Years the corpora are spread over.
    #[arg(long, default_value_t = BenchOptions::default().years)]
    years: u32,
    /// Seed of the synthetic corpora.
    #[arg(long, default_value_t = BenchOptions::default().seed)]
    seed: u64,
    /// Seconds the all-pairs baseline may take (sets its subsample size).
    #[arg(long, default_value_t = BenchOptions::default().baseline_seconds)]
    baseline_seconds: f64,
    /// Keep the corpora and outputs here instead of a temporary directory.
    #[arg(long)]
    work_dir: Option<PathBuf>,
    /// Times each convert and link step is run; the fastest run is reported (a shared
    /// machine's other load only ever slows a run down), with the highest peak memory.
    #[arg(long, default_value_t = BenchOptions::default().repeat, value_parser = clap::value_parser!(u32).range(1..))]
    repeat: u32,
}

/// The conversion of `govtrail convert`, in this process or as a child `govtrail convert`.
struct Convert {
    executable: PathBuf,
}

impl Converter for Convert {
    fn convert(&self, files: &[PathBuf], out: &Path) -> Result<ConvertCounts, String> {
        let run = convert_files(
            files,
            &ConvertOptions::default(),
            out,
            &indicatif::ProgressBar::hidden(),
        )
        .map_err(|e| format!("{e:#}"))?;
        Ok(ConvertCounts {
            actions: run.actions,
            failed: run.failed,
            unclaimed: run.unclaimed,
        })
    }

    fn child(&self, input: &Path, out: &Path) -> std::process::Command {
        let mut command = std::process::Command::new(&self.executable);
        command.arg("convert").arg(input).arg("--out").arg(out);
        command
    }
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let options = BenchOptions {
        scales: args.scales,
        link_actions: args.link_actions,
        years: args.years,
        seed: args.seed,
        baseline_seconds: args.baseline_seconds,
        work_dir: args.work_dir,
        repeat: args.repeat,
    };
    let convert = Convert {
        executable: std::env::current_exe()?,
    };
    govtrail_bench::run(&options, &convert, &mut std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}
