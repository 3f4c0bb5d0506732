//! The benchmark behind `govtrail bench`: how conversion and linking cost grows with the archive.
//!
//! Converts synthetic text-dump corpora ([`govtrail_synth`]) of growing size through the
//! caller's conversion (the CLI passes the very code of `govtrail convert`, see [`Converter`]),
//! links corpora with planted recurring issues, and writes time, throughput, CPU time, peak
//! memory, growth ratios and link quality (scored by [`govtrail_link::evaluate`]) beside an
//! all-pairs Jaro-Winkler baseline. Lines go to a writer; the crate prints nothing itself.
//!
//! ```no_run
//! use govtrail_bench::{run, BenchOptions, ConvertCounts, Converter};
//! use std::path::{Path, PathBuf};
//! struct InProcess;
//! impl Converter for InProcess {
//!     fn convert(&self, files: &[PathBuf], out: &Path) -> Result<ConvertCounts, String> {
//!         unimplemented!("convert `files` into `out` as `govtrail convert` does")
//!     }
//!     fn child(&self, input: &Path, out: &Path) -> std::process::Command {
//!         let mut c = std::process::Command::new("govtrail");
//!         c.arg("convert").arg(input).arg("--out").arg(out);
//!         c
//!     }
//! }
//! run(&BenchOptions::default(), &InProcess, &mut std::io::stdout()).unwrap();
//! ```
#![deny(missing_docs)]

mod convert;
mod link;
mod memory;

use std::path::{Path, PathBuf};

/// What to measure.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchOptions {
    /// Corpus sizes to convert, in multiples of the seeds' total size ([`SEEDS_BYTES`]).
    pub scales: Vec<usize>,
    /// Actions in the larger linking corpus (0 skips linking); the smaller holds a tenth.
    pub link_actions: usize,
    /// Years the corpora are spread over.
    pub years: u32,
    /// Seed of the synthetic corpora.
    pub seed: u64,
    /// Seconds the all-pairs baseline may take (sets its subsample size).
    pub baseline_seconds: f64,
    /// Keep the corpora and outputs here instead of a temporary directory.
    pub work_dir: Option<PathBuf>,
    /// Times each convert and link step is run; the fastest run is reported (a shared
    /// machine's other load only ever slows a run down), with the highest peak memory.
    pub repeat: u32,
}

impl Default for BenchOptions {
    fn default() -> BenchOptions {
        BenchOptions {
            scales: vec![1, 10, 100],
            link_actions: 100_000,
            years: 10,
            seed: 1,
            baseline_seconds: 10.0,
            work_dir: None,
            repeat: 5,
        }
    }
}

/// Total size of the five seed documents in bytes: the unit of [`BenchOptions::scales`].
pub const SEEDS_BYTES: usize = 250_579;

/// What one conversion run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConvertCounts {
    /// Actions written.
    pub actions: usize,
    /// Inputs that could not be converted.
    pub failed: usize,
    /// Rows left unclaimed by the family parsers.
    pub unclaimed: usize,
}

/// The conversion being measured: the caller's, so that the bench runs the same code path as
/// `govtrail convert` (file reading, parallelism, writing) without this crate depending on
/// the command line.
pub trait Converter {
    /// Converts `files` into the empty directory `out`.
    fn convert(&self, files: &[PathBuf], out: &Path) -> Result<ConvertCounts, String>;
    /// The command converting directory `input` into `out` in a child process, used to watch
    /// its peak memory where this process cannot reset its own high-water mark.
    fn child(&self, input: &Path, out: &Path) -> std::process::Command;
}

/// Why the bench stopped.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// A corpus or output file could not be written or removed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The conversion being measured failed.
    #[error("conversion failed: {0}")]
    Convert(String),
    /// The report could not be written.
    #[error("cannot write the bench report: {0}")]
    Report(#[source] std::io::Error),
}

impl BenchError {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BenchError + '_ {
        move |source| BenchError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// Runs every step of `options`, writing one line per measurement to `out`.
pub fn run(
    options: &BenchOptions,
    converter: &dyn Converter,
    out: &mut dyn std::io::Write,
) -> Result<(), BenchError> {
    let temp;
    let work = match &options.work_dir {
        Some(dir) => dir.clone(),
        None => {
            temp = tempfile::tempdir().map_err(BenchError::io(Path::new("temporary directory")))?;
            temp.path().to_owned()
        }
    };
    writeln!(
        out,
        "govtrail bench: {} threads, peak memory by {}",
        rayon::current_num_threads(),
        if memory::PeakMemory::resettable() {
            "/proc/self VmHWM (reset per step)"
        } else {
            "a child process per step"
        }
    )
    .map_err(BenchError::Report)?;
    let mut timings = Vec::new();
    for &scale in &options.scales {
        let seconds = convert::bench_convert(options, converter, scale, &work, out)?;
        timings.push((scale, seconds));
    }
    write_growth(out, "convert", &timings)?;
    if options.link_actions > 0 {
        link::bench_link(options, out)?;
    }
    Ok(())
}

/// The synthetic corpus options for `documents` documents of every family.
fn synth_options(options: &BenchOptions, documents: usize) -> govtrail_synth::SynthOptions {
    govtrail_synth::SynthOptions {
        documents,
        years: options.years.max(1),
        seed: options.seed,
        ..govtrail_synth::SynthOptions::default()
    }
}

/// One line per consecutive pair of sizes: how much the time grew for how much more work.
fn write_growth(
    out: &mut dyn std::io::Write,
    step: &str,
    timings: &[(usize, f64)],
) -> Result<(), BenchError> {
    for pair in timings.windows(2) {
        let ((a, ta), (b, tb)) = (pair[0], pair[1]);
        if a == 0 || ta <= 0.0 {
            continue;
        }
        writeln!(
            out,
            "{step} growth {b}x/{a}x: time x{:.2} for x{:.1} the work",
            tb / ta,
            b as f64 / a as f64
        )
        .map_err(BenchError::Report)?;
    }
    Ok(())
}

/// Harmonic mean of recall and precision.
fn f1(recall: f64, precision: f64) -> f64 {
    if recall + precision == 0.0 {
        0.0
    } else {
        2.0 * recall * precision / (recall + precision)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_lines_compare_consecutive_sizes() {
        let mut out = Vec::new();
        write_growth(&mut out, "convert", &[(1, 0.5), (10, 4.0), (100, 44.0)]).expect("writes");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "convert growth 10x/1x: time x8.00 for x10.0 the work\nconvert growth 100x/10x: time x11.00 for x10.0 the work\n"
        );
    }
}
