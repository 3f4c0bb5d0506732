//! The convert steps: synthetic text dumps of a growing size, converted by the caller.

use crate::memory::{cpu_seconds, status_kib, PeakMemory};
use crate::{synth_options, BenchError, BenchOptions, ConvertCounts, Converter, SEEDS_BYTES};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many documents of every family make about `bytes` of text dumps.
fn documents_for_bytes(options: &BenchOptions, bytes: usize) -> usize {
    let years = options.years.max(1) as usize;
    let sample = govtrail_synth::generate(&synth_options(options, years));
    let per_document = sample.text_bytes() / sample.documents.len().max(1);
    let families = sample.documents.len() / years;
    bytes.div_ceil(per_document * families.max(1)).max(1)
}

/// The fastest of a convert step's runs.
struct Fastest {
    seconds: f64,
    /// CPU seconds, for runs in this process.
    cpu: Option<f64>,
    /// Resident memory before the run.
    baseline: u64,
    /// What the run did, for runs in this process.
    counts: Option<ConvertCounts>,
}

/// Converts a corpus of `scale` times the seeds' size `options.repeat` times and writes the
/// fastest run; returns its seconds.
pub fn bench_convert(
    options: &BenchOptions,
    converter: &dyn Converter,
    scale: usize,
    work: &Path,
    out: &mut dyn std::io::Write,
) -> Result<f64, BenchError> {
    let documents = documents_for_bytes(options, scale * SEEDS_BYTES);
    let input = work.join(format!("convert-{scale}x"));
    let output = work.join(format!("convert-{scale}x-out"));
    std::fs::create_dir_all(&input).map_err(BenchError::io(&input))?;
    // Written one document at a time, so that the corpus is never held in memory.
    let synth = synth_options(options, documents);
    let mut files: Vec<PathBuf> = Vec::new();
    let mut bytes = 0;
    let mut largest = 0;
    let mut expected_actions = 0;
    for &family in &synth.families {
        for index in 0..documents {
            let (doc, _) = govtrail_synth::document(&synth, family, index);
            let text = doc.text_dump();
            bytes += text.len();
            largest = largest.max(text.len());
            expected_actions += doc.refs.len();
            let path = input.join(&doc.name);
            std::fs::write(&path, text).map_err(BenchError::io(&path))?;
            files.push(path);
        }
    }

    let mut fastest: Option<Fastest> = None;
    let mut peak_bytes = None;
    for _ in 0..options.repeat {
        // Each run writes into an empty directory, as a first conversion does.
        if output.exists() {
            std::fs::remove_dir_all(&output).map_err(BenchError::io(&output))?;
        }
        std::fs::create_dir_all(&output).map_err(BenchError::io(&output))?;
        let peak = PeakMemory::start();
        let (seconds, cpu, counts, peak_of_run) = match &peak {
            PeakMemory::InProcess { .. } => {
                let cpu_before = cpu_seconds();
                let started = Instant::now();
                let counts = converter
                    .convert(&files, &output)
                    .map_err(BenchError::Convert)?;
                let seconds = started.elapsed().as_secs_f64();
                let cpu = cpu_seconds() - cpu_before;
                (seconds, Some(cpu), Some(counts), peak.finish())
            }
            PeakMemory::Child => {
                let (seconds, peak) = convert_in_child(converter, &input, &output)?;
                (seconds, None, None, peak)
            }
        };
        peak_bytes = peak_bytes.max(peak_of_run);
        if fastest.as_ref().is_none_or(|f| seconds < f.seconds) {
            fastest = Some(Fastest {
                seconds,
                cpu,
                baseline: peak.baseline(),
                counts,
            });
        }
    }
    let Some(Fastest {
        seconds,
        cpu,
        baseline,
        counts,
    }) = fastest
    else {
        // No run: --repeat 0 asks for nothing.
        return Ok(0.0);
    };
    let counts = counts.unwrap_or(ConvertCounts {
        actions: expected_actions,
        ..ConvertCounts::default()
    });
    let mb = bytes as f64 / 1e6;
    writeln!(
        out,
        "convert {scale:>4}x: {:>4} files {mb:>8.2} MB {:>8} actions in {seconds:>7.3} s = {:>6.1} MB/s {:>9.0} actions/s ({}); peak memory {} ({:.1} MB before the step; largest input {:.2} MB){}",
        files.len(),
        counts.actions,
        mb / seconds.max(1e-9),
        counts.actions as f64 / seconds.max(1e-9),
        cpu_line(mb, cpu),
        peak_bytes.map_or("n/a".to_owned(), |b| format!("{:.1} MB", b as f64 / 1e6)),
        baseline as f64 / 1e6,
        largest as f64 / 1e6,
        if counts.failed + counts.unclaimed > 0 {
            format!("; {} failed inputs, {} unclaimed rows", counts.failed, counts.unclaimed)
        } else {
            String::new()
        }
    )
    .map_err(BenchError::Report)?;
    if options.work_dir.is_none() {
        std::fs::remove_dir_all(&input).map_err(BenchError::io(&input))?;
        std::fs::remove_dir_all(&output).map_err(BenchError::io(&output))?;
    }
    Ok(seconds)
}

/// `0.01 CPU s = 38.7 MB per CPU second`, or why there is no figure.
fn cpu_line(mb: f64, cpu: Option<f64>) -> String {
    match cpu {
        Some(c) if c > 0.0 => format!("{c:.3} CPU s = {:.1} MB per CPU second", mb / c),
        Some(_) => "no CPU time measured".to_owned(),
        None => "CPU time n/a in a child process".to_owned(),
    }
}

/// Runs the converter's child command, watching its high-water mark; returns the seconds and
/// the peak in bytes.
fn convert_in_child(
    converter: &dyn Converter,
    input: &Path,
    output: &Path,
) -> Result<(f64, Option<u64>), BenchError> {
    let started = Instant::now();
    let mut child = converter
        .child(input, output)
        .stdout(std::process::Stdio::null())
        .spawn()
        .map_err(BenchError::io(input))?;
    let status_path = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak = None;
    loop {
        if let Some(k) = status_kib(&status_path, "VmHWM:") {
            peak = Some(k * 1024);
        }
        if child.try_wait().map_err(BenchError::io(input))?.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Ok((started.elapsed().as_secs_f64(), peak))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cpu_figure_is_per_cpu_second_or_says_why_not() {
        assert_eq!(
            cpu_line(0.39, Some(0.013)),
            "0.013 CPU s = 30.0 MB per CPU second"
        );
        assert_eq!(cpu_line(0.39, Some(0.0)), "no CPU time measured");
        assert!(cpu_line(0.39, None).contains("n/a"));
    }
}
