//! The same plan stored as a text dump, a CSV and a workbook converts to the same actions.
//!
//! No binary fixtures: each seed's CSV and `.xlsx` are written here from the seed's own text
//! dump rows, each input line at the same line or sheet row, so provenance and gold lines
//! stay comparable. Every gold file is covered; a seed whose family parser is not in this
//! build yet (its text dump does not convert) is skipped with a note.

#![allow(clippy::unwrap_used)] // fixture helpers: a panic here is a failed test

use govtrail_convert::{convert, ConvertOptions};
use govtrail_eval::score_document;
use govtrail_model::{DocumentOutput, InputFormat};
use govtrail_table::{decode_text, read_tables, read_text_dump, Table};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::Value;
use std::path::{Path, PathBuf};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A seed's text dump as rows, read the way convert reads it.
fn seed_table(seed: &Path) -> Table {
    let bytes = std::fs::read(seed).unwrap();
    let (text, _) = decode_text(&bytes).unwrap();
    read_text_dump(&text)
}

/// The rows as an Excel-style CSV: UTF-8 BOM, CRLF, quotes only where needed, every row at
/// its dump line (a blank one written as `,` as Excel pads it).
fn csv_of(table: &Table) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut line = 1;
    for row in &table.rows {
        while line < row.line {
            writer.write_record(["", ""]).unwrap();
            line += 1;
        }
        writer.write_record(&row.cells).unwrap();
        line += 1;
    }
    writer.into_inner().unwrap()
}

/// A whole-cell date as a tracker types it, with the number format that shows it again:
/// `Dec-22` (`mmm-yy`), `December 2021` (`mmmm yyyy`), `31/03/2022` (`dd/mm/yyyy`).
fn as_excel_date(cell: &str) -> Option<(ExcelDateTime, &'static str)> {
    let month_of = |word: &str| {
        let word = word.to_ascii_lowercase();
        MONTHS
            .iter()
            .position(|m| (word.len() == 3 && m.starts_with(&word)) || *m == word)
            .map(|i| i as u8 + 1)
    };
    if let Some((d, rest)) = cell.split_once('/') {
        let (m, y) = rest.split_once('/')?;
        if d.len() == 2 && m.len() == 2 && y.len() == 4 {
            let date = ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
            return Some((date.ok()?, "dd/mm/yyyy"));
        }
        return None;
    }
    if let Some((m, y)) = cell.split_once('-') {
        if m.len() == 3 && y.len() == 2 && y.bytes().all(|b| b.is_ascii_digit()) {
            let date = ExcelDateTime::from_ymd(2000 + y.parse::<u16>().ok()?, month_of(m)?, 1);
            return Some((date.ok()?, "mmm-yy"));
        }
        return None;
    }
    let (m, y) = cell.split_once(' ')?;
    if m.len() > 3 && y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
        let date = ExcelDateTime::from_ymd(y.parse().ok()?, month_of(m)?, 1);
        return Some((date.ok()?, "mmmm yyyy"));
    }
    None
}

/// Writes the rows into `sheet` at their dump lines, as a person keeps a plan in Excel:
/// issue numbers as numbers, whole-cell dates as date serials with a date format, and a run
/// of one value down a column (a workstream over its actions) as one merged block.
fn fill_sheet(sheet: &mut Worksheet, table: &Table) {
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let r = (row.line - 1) as u32;
        for (c, cell) in row.cells.iter().enumerate() {
            if cell.is_empty() || merged.contains(&(row.line, c)) {
                continue;
            }
            let col = c as u16;
            let run: Vec<usize> = table.rows[i..]
                .iter()
                .zip(row.line..)
                .take_while(|(next, line)| next.line == *line && next.cells.get(c) == Some(cell))
                .map(|(next, _)| next.line)
                .collect();
            if cell.len() <= 6 && cell.bytes().all(|b| b.is_ascii_digit()) && !cell.starts_with('0')
            {
                sheet
                    .write_number(r, col, cell.parse::<f64>().unwrap())
                    .unwrap();
            } else if let Some((date, code)) = as_excel_date(cell) {
                let format = Format::new().set_num_format(code);
                sheet
                    .write_datetime_with_format(r, col, date, &format)
                    .unwrap();
            } else if run.len() > 1 {
                let last = (*run.last().unwrap() - 1) as u32;
                sheet
                    .merge_range(r, col, last, col, cell, &Format::new())
                    .unwrap();
                merged.extend(run.iter().map(|&line| (line, c)));
            } else {
                sheet.write_string(r, col, cell).unwrap();
            }
        }
    }
}

fn xlsx_of(sheets: &[(&str, &Table)]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    for (name, table) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        fill_sheet(sheet, table);
    }
    workbook.save_to_buffer().unwrap()
}

fn to_value(doc: &DocumentOutput) -> Value {
    serde_json::to_value(doc).unwrap()
}

fn refs_of(doc: &DocumentOutput) -> Vec<String> {
    let mut refs: Vec<String> = doc
        .actions
        .iter()
        .filter_map(|a| a.reference.clone())
        .collect();
    refs.sort();
    refs
}

/// Each gold file with its seed: `(gold, seed path)`.
fn golds() -> Vec<(Value, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures/gold"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("links")
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let gold: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let seed = root.join("seeds").join(gold["document"].as_str().unwrap());
            (gold, seed)
        })
        .collect()
}

fn convert_one(name: &str, bytes: &[u8]) -> Result<DocumentOutput, String> {
    let mut docs = convert(name, bytes, &ConvertOptions::default()).map_err(|e| e.to_string())?;
    match docs.len() {
        1 => Ok(docs.remove(0)),
        n => Err(format!("{name}: {n} documents")),
    }
}

#[test]
fn csv_and_xlsx_of_every_seed_convert_like_its_text_dump() {
    let mut compared = 0;
    for (gold, seed) in golds() {
        let document = seed.file_stem().unwrap().to_string_lossy().into_owned();
        let text_bytes = std::fs::read(&seed).unwrap();
        let text = match convert_one(&format!("{document}.txt"), &text_bytes) {
            Ok(doc) => doc,
            Err(e) => {
                println!("{document}: skipped, its text dump does not convert in this build ({e})");
                continue;
            }
        };
        let table = seed_table(&seed);
        let forms = [
            ("txt", InputFormat::TextDump, text_bytes),
            ("csv", InputFormat::Csv, csv_of(&table)),
            ("xlsx", InputFormat::Xlsx, xlsx_of(&[("Plan", &table)])),
        ];
        let text_score = score_document(&gold, Some(&to_value(&text)));
        for (ext, format, bytes) in forms {
            let name = format!("{document}.{ext}");
            let doc = convert_one(&name, &bytes).unwrap_or_else(|e| panic!("{e}"));
            let score = score_document(&gold, Some(&to_value(&doc)));
            println!(
                "{name:<28} {:?} refs F1 {:.3} fields {:.3} actions {} unparsed {}",
                format,
                score.ref_f1,
                score.field_accuracy(),
                doc.actions.len(),
                doc.unparsed.len()
            );
            assert_eq!(doc.document.format, Some(format), "{name}");
            assert_eq!(refs_of(&doc), refs_of(&text), "{name}: refs differ");
            assert!(
                (score.field_accuracy() - text_score.field_accuracy()).abs() <= 0.01,
                "{name}: field accuracy {:.3} against {:.3} for the text dump\n{}",
                score.field_accuracy(),
                text_score.field_accuracy(),
                score.field_table()
            );
            let lines: Vec<usize> = doc.actions.iter().map(|a| a.source.line).collect();
            let text_lines: Vec<usize> = text.actions.iter().map(|a| a.source.line).collect();
            assert_eq!(lines, text_lines, "{name}: provenance lines differ");
        }
        compared += 1;
    }
    assert!(compared > 0, "no seed converted at all");
}

/// The rows with trailing empty cells dropped, as a sheet has no cells past its last value.
fn trimmed(table: &Table) -> Vec<(usize, Vec<String>)> {
    table
        .rows
        .iter()
        .map(|row| {
            let mut cells = row.cells.clone();
            while cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            (row.line, cells)
        })
        .collect()
}

#[test]
fn every_seed_reads_back_cell_for_cell_from_csv_and_xlsx() {
    for (_, seed) in golds() {
        let name = seed.file_name().unwrap().to_string_lossy().into_owned();
        let table = seed_table(&seed);
        let dump = read_tables(&std::fs::read(&seed).unwrap()).unwrap();
        assert_eq!(
            dump.format,
            govtrail_table::SourceFormat::TextDump,
            "{name}"
        );
        let csv = read_tables(&csv_of(&table)).unwrap();
        assert_eq!(
            csv.format,
            govtrail_table::SourceFormat::Csv,
            "{name} as CSV"
        );
        assert_eq!(csv.tables[0].rows, table.rows, "{name} as CSV");
        let xlsx = read_tables(&xlsx_of(&[("Plan", &table)])).unwrap();
        assert_eq!(
            xlsx.format,
            govtrail_table::SourceFormat::Xlsx,
            "{name} as xlsx"
        );
        assert_eq!(xlsx.tables[0].sheet.as_deref(), Some("Plan"));
        for (got, want) in trimmed(&xlsx.tables[0]).iter().zip(trimmed(&table)) {
            assert_eq!(*got, want, "{name} as xlsx");
        }
        assert_eq!(
            xlsx.tables[0].rows.len(),
            table.rows.len(),
            "{name} as xlsx"
        );
        println!(
            "{name}: {} rows read back from CSV and xlsx",
            table.rows.len()
        );
    }
}

#[test]
fn one_plan_per_sheet_converts_to_one_document_per_sheet() {
    let converted: Vec<(Value, Table)> = golds()
        .into_iter()
        .filter(|(_, seed)| convert_one("seed.txt", &std::fs::read(seed).unwrap()).is_ok())
        .map(|(gold, seed)| (gold, seed_table(&seed)))
        .take(2)
        .collect();
    let names: Vec<String> = (1..=converted.len()).map(|i| format!("Plan {i}")).collect();
    let sheets: Vec<(&str, &Table)> = names
        .iter()
        .map(String::as_str)
        .zip(converted.iter().map(|(_, t)| t))
        .collect();
    let docs = convert("plans.xlsx", &xlsx_of(&sheets), &ConvertOptions::default()).unwrap();
    assert_eq!(docs.len(), converted.len());
    for ((doc, (gold, _)), name) in docs.iter().zip(&converted).zip(&names) {
        assert_eq!(doc.document.id, format!("plans.xlsx#{name}"));
        assert_eq!(doc.document.sheet.as_deref(), Some(name.as_str()));
        let score = score_document(gold, Some(&to_value(doc)));
        println!("{}: {}", doc.document.id, score.summary());
        assert!(score.ref_f1 > 0.0, "{}", score.summary());
    }
}

/// A plan as kept in Excel: a title merged across the table, a two-row header whose first
/// cells are merged down both rows and whose "Update" heads two columns, a due-date column of
/// date serials; and a legend sheet before it.
fn crafted_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let legend = workbook.add_worksheet();
    legend.set_name("Key").unwrap();
    legend.write_string(0, 0, "Rating").unwrap();
    legend.write_string(0, 1, "Meaning").unwrap();
    legend.write_string(1, 0, "Complete").unwrap();
    legend.write_string(1, 1, "Action is complete").unwrap();

    let plan = workbook.add_worksheet();
    plan.set_name("2018-19").unwrap();
    let plain = Format::new();
    plan.merge_range(
        0,
        0,
        0,
        4,
        "Annual Governance Statement 2018/19 – Action Plan Update",
        &plain,
    )
    .unwrap();
    plan.merge_range(2, 0, 3, 0, "Issue", &plain).unwrap();
    plan.merge_range(2, 1, 3, 1, "Key improvement area", &plain)
        .unwrap();
    plan.merge_range(
        2,
        2,
        3,
        2,
        "Actions to be taken (responsibility and date of implementation)",
        &plain,
    )
    .unwrap();
    plan.merge_range(
        2,
        3,
        2,
        4,
        "Update on implementation of actions as at 31 January 2019",
        &plain,
    )
    .unwrap();
    plan.write_string(3, 3, "Progress").unwrap();
    plan.write_string(3, 4, "Target date").unwrap();
    let issues = [
        (
            1,
            "Cyber Security The council assessed itself against the 10 Steps.",
            "An improvement plan is in development. Executive Director for Resources March 2019",
            "A new team is in place.",
            (2019, 3, 31),
        ),
        (
            2,
            "Business Continuity The framework needs refreshing.",
            "Refresh the framework. Director of Law and Governance June 2019",
            "Work has started.",
            (2019, 6, 30),
        ),
    ];
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let mut r = 4;
    for (issue, area, actions, update, (y, m, d)) in issues {
        plan.write_string(r, 2, actions).unwrap();
        plan.write_string(r, 3, update).unwrap();
        plan.write_datetime_with_format(r, 4, ExcelDateTime::from_ymd(y, m, d).unwrap(), &day)
            .unwrap();
        if issue == 1 {
            // Issue 1 goes on over a second row: its number and area merged down both.
            plan.merge_range(r, 0, r + 1, 0, "1", &plain).unwrap();
            plan.merge_range(r, 1, r + 1, 1, area, &plain).unwrap();
            plan.write_string(
                r + 1,
                2,
                "Train all staff. Director of Law and Governance May 2019",
            )
            .unwrap();
            plan.write_string(r + 1, 3, "Training is booked.").unwrap();
            r += 2;
        } else {
            plan.write_number(r, 0, issue).unwrap();
            plan.write_string(r, 1, area).unwrap();
            r += 1;
        }
    }
    let month = Format::new().set_num_format("mmm-yy");
    plan.write_datetime_with_format(r, 4, ExcelDateTime::from_ymd(2019, 9, 1).unwrap(), &month)
        .unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn merged_header_cells_cover_their_block_and_dates_show_as_formatted() {
    let tables = read_tables(&crafted_workbook()).unwrap();
    assert_eq!(tables.format, govtrail_table::SourceFormat::Xlsx);
    let sheets: Vec<Option<&str>> = tables.tables.iter().map(|t| t.sheet.as_deref()).collect();
    assert_eq!(sheets, vec![Some("Key"), Some("2018-19")]);
    let plan = &tables.tables[1];
    let lines: Vec<usize> = plan.rows.iter().map(|r| r.line).collect();
    assert_eq!(
        lines,
        vec![1, 3, 4, 5, 6, 7, 8],
        "blank row 2 dropped, numbering kept"
    );
    let title = "Annual Governance Statement 2018/19 – Action Plan Update";
    assert_eq!(plan.rows[0].cells, vec![title; 5]);
    let header_top: Vec<&str> = (0..5).map(|c| plan.rows[1].cell(c)).collect();
    let header_bottom: Vec<&str> = (0..5).map(|c| plan.rows[2].cell(c)).collect();
    let update = "Update on implementation of actions as at 31 January 2019";
    assert_eq!(header_top[3..], [update, update]);
    assert_eq!(header_bottom[..2], ["Issue", "Key improvement area"]);
    assert_eq!(header_bottom[3..], ["Progress", "Target date"]);
    assert_eq!(plan.rows[3].cell(0), "1");
    assert_eq!(plan.rows[4].cell(0), "1", "merged down from row 5");
    assert_eq!(plan.rows[4].cell(1), plan.rows[3].cell(1));
    assert_eq!(plan.rows[5].cell(0), "2", "an issue number is no float");
    assert_eq!(plan.rows[3].cell(4), "31/03/2019");
    assert_eq!(plan.rows[5].cell(4), "30/06/2019");
    assert_eq!(plan.rows[6].cells, vec!["", "", "", "", "Sep-19"]);
}

#[test]
fn legend_sheet_is_skipped_but_named_in_the_plan_document() {
    let docs = convert("plan.xlsx", &crafted_workbook(), &ConvertOptions::default()).unwrap();
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(
        doc.document.id, "plan.xlsx",
        "one plan sheet: the file name is the id"
    );
    assert_eq!(doc.document.sheet.as_deref(), Some("2018-19"));
    assert_eq!(doc.document.format, Some(InputFormat::Xlsx));
    assert_eq!(refs_of(doc), vec!["1", "2"]);
    assert_eq!(
        doc.document.as_at.map(|d| d.to_string()).as_deref(),
        Some("2019-01-31")
    );
    let first = doc
        .actions
        .iter()
        .find(|a| a.reference.as_deref() == Some("1"))
        .unwrap();
    assert_eq!(first.source.line, 5, "sheet row of issue 1");
    assert!(
        doc.diagnostics.iter().any(|d| d
            .message
            .starts_with("sheet \"Key\" of this workbook (2 rows) is not a plan")),
        "{:?}",
        doc.diagnostics
    );
}

mod errors {
    use super::*;
    use std::io::{Cursor, Write};

    /// An encrypted `.xlsx` as Excel saves it: an OLE compound file whose streams are
    /// `EncryptionInfo` and `EncryptedPackage`, not a ZIP.
    pub(super) fn password_protected() -> Vec<u8> {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for (stream, bytes) in [
            ("/EncryptionInfo", &b"\x04\x00\x04\x00\x40\x00\x00\x00"[..]),
            ("/EncryptedPackage", &[0x5Au8; 4096][..]),
        ] {
            file.create_stream(stream)
                .unwrap()
                .write_all(bytes)
                .unwrap();
        }
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    pub(super) fn truncated() -> Vec<u8> {
        let table = read_text_dump("Issue\tKey improvement area\n1\tCyber Security\n");
        let mut bytes = xlsx_of(&[("Plan", &table)]);
        bytes.truncate(bytes.len() / 2);
        bytes
    }

    /// Deterministic noise that starts like no known container.
    pub(super) fn random_bytes() -> Vec<u8> {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect()
    }

    fn error_of(name: &str, bytes: &[u8]) -> String {
        convert(name, bytes, &ConvertOptions::default())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn password_protected_workbook_is_named_as_such() {
        assert_eq!(
            error_of("book.xlsx", &password_protected()),
            "book.xlsx: the workbook is password-protected"
        );
    }

    #[test]
    fn truncated_workbook_is_corrupt() {
        let message = error_of("book.xlsx", &truncated());
        assert!(
            message.starts_with("book.xlsx: truncated or corrupt workbook: "),
            "{message}"
        );
        assert!(!message.contains('\n'));
    }

    #[test]
    fn random_bytes_named_xlsx_are_not_a_workbook() {
        let message = error_of("book.xlsx", &random_bytes());
        assert!(
            message
                .starts_with("book.xlsx: named like a workbook but is not one (the file is binary"),
            "{message}"
        );
        // The name only words the message: the same bytes named .txt are plainly binary.
        assert!(error_of("book.txt", &random_bytes()).starts_with("book.txt: the file is binary"));
    }

    #[test]
    fn a_zip_that_holds_no_workbook_is_refused() {
        let mut zip_like = b"PK\x03\x04".to_vec();
        zip_like.extend_from_slice(b"\x14\x00\x00\x00word/document.xml");
        assert!(
            error_of("letter.xlsx", &zip_like).starts_with(
                "letter.xlsx: a Word document (.docx); govtrail reads text dumps, CSV and workbooks"
            ),
            "{}",
            error_of("letter.xlsx", &zip_like)
        );
        let mut zip_like = b"PK\x03\x04".to_vec();
        zip_like.extend_from_slice(b"\x14\x00\x00\x00media/image1.png");
        assert_eq!(
            error_of("letter.xlsx", &zip_like),
            "letter.xlsx: not a workbook: a ZIP archive with no workbook part"
        );
    }

    #[test]
    fn batch_converts_the_good_inputs_and_exits_non_zero() {
        let seed = golds()
            .into_iter()
            .map(|(_, seed)| seed)
            .find(|seed| convert_one("seed.txt", &std::fs::read(seed).unwrap()).is_ok())
            .expect("a seed that converts");
        let table = seed_table(&seed);
        let dir = tempfile::tempdir().unwrap();
        let inputs = dir.path().join("in");
        let out = dir.path().join("out");
        std::fs::create_dir(&inputs).unwrap();
        let files: [(&str, Vec<u8>); 6] = [
            ("plan.txt", std::fs::read(&seed).unwrap()),
            ("plan.csv", csv_of(&table)),
            ("plan.xlsx", xlsx_of(&[("Plan", &table)])),
            ("locked.xlsx", password_protected()),
            ("cut.xlsx", truncated()),
            ("noise.xlsx", random_bytes()),
        ];
        for (name, bytes) in &files {
            std::fs::write(inputs.join(name), bytes).unwrap();
        }
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_govtrail"))
            .arg("convert")
            .arg(&inputs)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
        for good in ["plan.txt", "plan.csv", "plan.xlsx"] {
            assert!(
                out.join(format!("{good}.json")).is_file(),
                "{good}: {stdout}"
            );
        }
        for (name, reason) in [
            ("locked.xlsx", "the workbook is password-protected"),
            ("cut.xlsx", "truncated or corrupt workbook: "),
            ("noise.xlsx", "named like a workbook but is not one"),
        ] {
            let line = format!("error: {}: {reason}", inputs.join(name).display());
            assert!(stderr.contains(&line), "missing {line:?} in\n{stderr}");
        }
        assert!(stdout.contains("3 of 6 inputs converted"), "{stdout}");
    }
}
