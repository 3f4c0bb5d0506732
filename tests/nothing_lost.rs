//! Nothing lost: every non-blank line (or sheet row) of every seed and fixture ends up in an
//! action's `source.lines`, in `unparsed` or in `structure`, put there by the family parser
//! itself, never by the conversion's safety net (`govtrail_convert::UNCLAIMED`).

use govtrail_convert::{convert, ConvertOptions, UNCLAIMED};
use govtrail_model::DocumentOutput;
use govtrail_table::{decode_text, read_tables, SourceFormat};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// The input lines (or sheet rows) that must be accounted for, per sheet: for a text dump every
/// line of the decoded text that is not blank, counted independently of the table reader.
fn lines_to_account_for(bytes: &[u8]) -> Vec<(Option<String>, BTreeSet<usize>)> {
    let tables = read_tables(bytes).expect("a converted input reads");
    if tables.format == SourceFormat::TextDump {
        let (text, _) = decode_text(bytes).expect("a converted text input decodes");
        let lines = text
            .split('\n')
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, _)| i + 1)
            .collect();
        return vec![(None, lines)];
    }
    tables
        .tables
        .iter()
        .map(|t| {
            let rows = t.rows.iter().filter(|r| !r.is_blank()).map(|r| r.line);
            (t.sheet.clone(), rows.collect())
        })
        .collect()
}

/// What `documents` lose of `bytes`, one message per problem.
fn problems(name: &str, bytes: &[u8], documents: &[DocumentOutput]) -> Vec<String> {
    let mut problems = Vec::new();
    let sheets = lines_to_account_for(bytes);
    for doc in documents {
        let Some((_, lines)) = sheets.iter().find(|(s, _)| *s == doc.document.sheet) else {
            problems.push(format!("{name}: document {} has no table", doc.document.id));
            continue;
        };
        let accounted = doc.accounted_lines();
        let lost: Vec<usize> = lines.difference(&accounted).copied().collect();
        if !lost.is_empty() {
            problems.push(format!("{}: lines {lost:?} are nowhere", doc.document.id));
        }
        let unclaimed: Vec<Option<usize>> = doc
            .diagnostics
            .iter()
            .filter(|d| d.message == UNCLAIMED)
            .map(|d| d.line)
            .collect();
        if !unclaimed.is_empty() {
            problems.push(format!(
                "{}: lines {unclaimed:?} were saved only by the safety net (UNCLAIMED)",
                doc.document.id
            ));
        }
    }
    problems
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn every_seed_line_is_accounted_for_by_its_parser() {
    let mut seeds = Vec::new();
    files_under(Path::new("seeds"), &mut seeds);
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds found");
    let mut failures = Vec::new();
    for path in &seeds {
        let name = name_of(path);
        let bytes = std::fs::read(path).expect("read seed");
        match convert(&name, &bytes, &ConvertOptions::default()) {
            Ok(docs) => failures.extend(problems(&name, &bytes, &docs)),
            Err(e) => failures.push(format!("seed did not convert: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_line_is_accounted_for_by_its_parser() {
    let mut fixtures = Vec::new();
    files_under(Path::new("fixtures"), &mut fixtures);
    fixtures.retain(|p| !p.starts_with("fixtures/gold"));
    fixtures.sort();
    let mut failures = Vec::new();
    for path in &fixtures {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).expect("read fixture");
        match convert(&name_of(path), &bytes, &ConvertOptions::default()) {
            Ok(docs) => failures.extend(problems(&name, &bytes, &docs)),
            // Fixtures include inputs meant to be refused; refusal loses nothing silently.
            Err(e) => eprintln!("skipped {name}: refused ({e})"),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_dropped_line_or_a_safety_net_catch_is_reported() {
    let path = Path::new("seeds/000_84d6cfeb77468bda.txt");
    let bytes = std::fs::read(path).expect("read seed");
    let mut docs = convert("000", &bytes, &ConvertOptions::default()).expect("converts");
    assert!(problems("000", &bytes, &docs).is_empty());
    let header = docs[0].structure.remove(0);
    docs[0].diagnostics.push(govtrail_model::Diagnostic {
        line: Some(header.line),
        level: govtrail_model::Level::Error,
        message: UNCLAIMED.into(),
    });
    let found = problems("000", &bytes, &docs);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains(&format!("lines [{}] are nowhere", header.line)));
}
