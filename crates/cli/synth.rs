//! `govtrail synth`: writes a synthetic archive of action plans and the links planted in it.

use crate::output::{write_atomic, write_json};
use anyhow::Context;
use govtrail_synth::{generate, Form, SynthOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// The file forms a synthetic document can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormArg {
    /// Tab-separated text dump (`.txt`).
    Text,
    /// Comma-separated values (`.csv`).
    Csv,
    /// Excel workbook (`.xlsx`).
    Xlsx,
}

impl From<FormArg> for Form {
    fn from(form: FormArg) -> Form {
        match form {
            FormArg::Text => Form::Text,
            FormArg::Csv => Form::Csv,
            FormArg::Xlsx => Form::Xlsx,
        }
    }
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
    /// Forms to write each document in; with several, each form goes in its own
    /// subdirectory (`text/`, `csv/`, `xlsx/`) with its own `expected_links.json`.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "text")]
    forms: Vec<FormArg>,
    /// Also plant restatements (renamed, split, merged, initials, clipped, title-to-action,
    /// edition) and decoys, each pair's note opening with its kind in brackets.
    #[arg(long)]
    restatements: bool,
}

pub fn run(args: SynthArgs) -> anyhow::Result<ExitCode> {
    let corpus = generate(&SynthOptions {
        documents: args.documents,
        years: args.years.max(1),
        first_year: args.first_year,
        seed: args.seed,
        restatements: args.restatements,
        ..SynthOptions::default()
    });
    let mut files = 0;
    let several = args.forms.len() > 1;
    for &form in &args.forms {
        let form = Form::from(form);
        let dir = if several {
            args.out.join(form.extension().replace("txt", "text"))
        } else {
            args.out.clone()
        };
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create the output directory", dir.display()))?;
        for doc in &corpus.documents {
            let (name, bytes) = doc
                .file(form)
                .with_context(|| format!("{}: cannot build the workbook", doc.name))?;
            write_atomic(&dir.join(name), |w| w.write_all(&bytes))?;
            files += 1;
        }
        write_json(
            &dir.join("expected_links.json"),
            &govtrail_synth::expected_in_form(&corpus.expected, form),
        )?;
    }
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
