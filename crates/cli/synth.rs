//! `govtrail synth`: writes a synthetic archive of action plans and the links planted in it.

use crate::output::{write_atomic, write_json};
use anyhow::Context;
use govtrail_synth::{generate, SynthOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// The file forms a synthetic document can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Form {
    /// Tab-separated text dump (`.txt`).
    Text,
}

#[derive(clap::Args, Debug)]
pub struct SynthArgs {
    /// Directory to write the documents and `expected_links.json` to (created if missing).
    #[arg(long, short)]
    out: PathBuf,
    /// Documents of every family.
    #[arg(long, default_value_t = 10)]
    documents: usize,
    /// Years the documents are spread over.
    #[arg(long, default_value_t = 10)]
    years: u32,
    /// The first year.
    #[arg(long, default_value_t = 2015)]
    first_year: i32,
    /// Seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Forms to write each document in.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "text")]
    forms: Vec<Form>,
}

pub fn run(args: SynthArgs) -> anyhow::Result<ExitCode> {
    let corpus = generate(&SynthOptions {
        documents: args.documents,
        years: args.years.max(1),
        first_year: args.first_year,
        seed: args.seed,
        ..SynthOptions::default()
    });
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{}: cannot create the output directory", args.out.display()))?;
    let mut files = 0;
    for doc in &corpus.documents {
        for form in &args.forms {
            match form {
                Form::Text => {
                    let text = doc.text_dump();
                    write_atomic(&args.out.join(&doc.name), |w| w.write_all(text.as_bytes()))?;
                }
            }
            files += 1;
        }
    }
    write_json(&args.out.join("expected_links.json"), &corpus.expected)?;
    println!(
        "wrote {files} files ({} documents, {} actions, {:.1} MB of text) and {} expected links into {}",
        corpus.documents.len(),
        corpus.actions(),
        corpus.text_bytes() as f64 / 1e6,
        corpus.expected.must.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
