//! `govtrail report`: the converted documents of a directory, and its `links.json` when the
//! linker has run, as one self-contained HTML page.

use crate::output::write_atomic;
use govtrail_report::Links;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Directory of converted documents (the `--out` of `govtrail convert`); its `links.json`
    /// adds the threads.
    #[arg(long = "in", value_name = "DIR")]
    input: PathBuf,
    /// The HTML file to write.
    #[arg(long, short, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let mut documents = govtrail_store::read_documents(&args.input)?;
    // Oldest first, as an auditor reads the archive.
    documents
        .sort_by(|a, b| (a.document.year, &a.document.id).cmp(&(b.document.year, &b.document.id)));
    let links: Option<Links> = crate::link::recorded_links(&args.input, &documents)?;
    let failed = govtrail_store::read_failed_inputs(&args.input)?;
    let html = govtrail_report::render(&documents, links.as_ref(), &failed);
    // `report.html` names no directory; the temporary file still needs one to live in.
    let out = if args.out.parent().is_some_and(|p| p.as_os_str().is_empty()) {
        Path::new(".").join(&args.out)
    } else {
        args.out.clone()
    };
    write_atomic(&out, |w| w.write_all(html.as_bytes()))?;
    let actions: usize = documents.iter().map(|d| d.actions.len()).sum();
    println!(
        "wrote {}: {} documents, {actions} actions, {} failed inputs, {}",
        args.out.display(),
        documents.len(),
        failed.len(),
        match &links {
            Some(links) => format!("{} threads", links.threads.len()),
            None => format!(
                "no threads (no {})",
                args.input.join("links.json").display()
            ),
        }
    );
    Ok(ExitCode::SUCCESS)
}
