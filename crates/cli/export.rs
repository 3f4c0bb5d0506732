//! `govtrail export`: the converted actions of a directory as one CSV or Excel sheet.

use crate::output::write_atomic;
use govtrail_export::{rows, Filter};
use govtrail_model::Family;
use std::path::PathBuf;
use std::process::ExitCode;

/// The spreadsheet forms of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a UTF-8 byte-order mark (opens in Excel as UTF-8).
    Csv,
    /// Excel workbook: frozen header row, autofilter, column widths.
    Xlsx,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Directory of converted documents (the `--out` of `govtrail convert`).
    #[arg(long = "in", value_name = "DIR")]
    input: PathBuf,
    /// The file to write.
    #[arg(long, short, value_name = "FILE")]
    out: PathBuf,
    /// csv or xlsx; by default taken from the extension of --out.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Only documents of this year (repeat for several).
    #[arg(long = "year", value_name = "YEAR")]
    years: Vec<i32>,
    /// Only documents of this family (repeat for several).
    #[arg(long = "family", value_name = "FAMILY", value_parser = parse_family)]
    families: Vec<Family>,
    /// Only this document, by id (`<input file name>`, `<workbook>#<sheet>`; repeat for several).
    #[arg(long = "document", value_name = "ID")]
    documents: Vec<String>,
}

fn parse_family(name: &str) -> Result<Family, String> {
    Family::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Family::ALL.iter().map(|f| f.as_str()).collect();
        format!("{name:?} is not a family; one of {}", names.join(", "))
    })
}

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let format = match args.format {
        Some(format) => format,
        None => match args.out.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("csv") => Format::Csv,
            Some(e) if e.eq_ignore_ascii_case("xlsx") => Format::Xlsx,
            _ => anyhow::bail!(
                "{}: cannot tell the format from the name; add --format csv or --format xlsx",
                args.out.display()
            ),
        },
    };
    let documents = govtrail_store::read_documents(&args.input)?;
    let filter = Filter {
        years: args.years,
        families: args.families,
        documents: args.documents,
    };
    for id in &filter.documents {
        if !documents.iter().any(|d| d.document.id == *id) {
            anyhow::bail!("{}: no converted document {id:?}", args.input.display());
        }
    }
    let rows = rows(&documents, &filter);
    if rows.is_empty() {
        anyhow::bail!(
            "{}: no action matches the filters ({} documents read)",
            args.input.display(),
            documents.len()
        );
    }
    let bytes = match format {
        Format::Csv => {
            let mut bytes = Vec::new();
            govtrail_export::write_csv(&rows, &mut bytes)?;
            bytes
        }
        Format::Xlsx => govtrail_export::xlsx(&rows)?,
    };
    // `actions.csv` names no directory; the temporary file still needs one to live in.
    let out = if args.out.parent().is_some_and(|p| p.as_os_str().is_empty()) {
        std::path::Path::new(".").join(&args.out)
    } else {
        args.out.clone()
    };
    write_atomic(&out, |w| w.write_all(&bytes))?;
    let documents_kept = documents.iter().filter(|d| filter.keeps(d)).count();
    println!(
        "wrote {}: {} actions of {documents_kept} documents",
        args.out.display(),
        rows.len()
    );
    Ok(ExitCode::SUCCESS)
}
