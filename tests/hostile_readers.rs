//! Hostile bytes for the readers: each test rebuilds, in code, an input that used to panic,
//! hang, take many gigabytes or silently lose a sheet, and checks that it now converts or
//! fails with a clear error. `scripts/hostile-tests.sh` runs this binary under a 4 GB
//! address-space cap and a time limit, so a test that falls back into the old behaviour
//! fails there by aborting or timing out.
#![allow(clippy::unwrap_used)] // fixture helpers: a panic here is a failed test

use govtrail_convert::{convert, ConvertErrorKind, ConvertOptions};
use govtrail_model::Level;
use govtrail_table::{read_tables, read_tables_within, ReadLimits, TableErrorKind};
use std::io::{Cursor, Write};

/// The header and one issue of an annual governance statement action plan update, as cells.
const PLAN: [[&str; 4]; 2] = [
    [
        "Issue",
        "Key improvement area",
        "Actions to be taken (responsibility and date of implementation)",
        "Update on implementation of actions as at 31 January 2019",
    ],
    [
        "1",
        "Cyber Security The council assessed itself.",
        "An improvement plan is in development. Executive Director for Resources March 2019",
        "A new team is in place.",
    ],
];

/// `<row>` elements of inline-string cells, from row `first` (1-based) on.
fn rows_xml(first: usize, rows: &[[&str; 4]]) -> String {
    rows.iter()
        .enumerate()
        .map(|(i, cells)| {
            let r = first + i;
            let cells: String = cells
                .iter()
                .zip(['A', 'B', 'C', 'D'])
                .map(|(text, col)| {
                    format!(r#"<c r="{col}{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
                })
                .collect();
            format!(r#"<row r="{r}">{cells}</row>"#)
        })
        .collect()
}

/// A worksheet part whose `<sheetData>` holds `rows` and whose merged blocks are `merges`.
fn sheet_xml(rows: &str, merges: &[&str]) -> String {
    let merges = if merges.is_empty() {
        String::new()
    } else {
        let cells: String = merges
            .iter()
            .map(|m| format!(r#"<mergeCell ref="{m}"/>"#))
            .collect();
        format!(
            r#"<mergeCells count="{}">{cells}</mergeCells>"#,
            merges.len()
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData>{merges}</worksheet>"#
    )
}

/// A minimal `.xlsx` written part by part, so that any part can be made hostile: `sheets`
/// are (name, worksheet XML), `shared` the shared strings part if any.
fn xlsx(sheets: &[(&str, String)], shared: Option<&str>) -> Vec<u8> {
    let ns = "http://schemas.openxmlformats.org";
    let mut parts: Vec<(String, String)> = vec![
        (
            "[Content_Types].xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
    ];
    let mut book_sheets = String::new();
    let mut rels = String::new();
    for (i, (name, xml)) in sheets.iter().enumerate() {
        let n = i + 1;
        book_sheets.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), xml.clone()));
    }
    if let Some(strings) = shared {
        rels.push_str(&format!(
            r#"<Relationship Id="rIdS" Type="{ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        ));
        parts.push(("xl/sharedStrings.xml".into(), strings.to_owned()));
    }
    parts.push((
        "xl/workbook.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>{book_sheets}</sheets></workbook>"#
        ),
    ));
    parts.push((
        "xl/_rels/workbook.xml.rels".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">{rels}</Relationships>"#
        ),
    ));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn plan_sheet(merges: &[&str]) -> String {
    sheet_xml(&rows_xml(1, &PLAN), merges)
}

#[test]
fn a_merged_block_written_backwards_converts() {
    // `<mergeCell ref="D10:A2"/>` panicked on a slice index running backwards.
    let book = xlsx(&[("Plan", plan_sheet(&["D10:A2"]))], None);
    let docs = convert("backwards.xlsx", &book, &ConvertOptions::default()).unwrap();
    assert_eq!(docs[0].actions.len(), 1);
}

#[test]
fn cells_at_opposite_corners_of_the_sheet_are_two_cells() {
    // One cell at A1 and one at XFD1048576 asked calamine for a dense box of 17 billion cells
    // (550 GB); read sparsely, the far cell is one more row of one cell.
    let far = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>"#;
    let book = xlsx(
        &[(
            "Plan",
            sheet_xml(&format!("{}{far}", rows_xml(1, &PLAN)), &[]),
        )],
        None,
    );
    let docs = convert("corners.xlsx", &book, &ConvertOptions::default()).unwrap();
    assert_eq!(docs[0].actions.len(), 1);
    let tables = read_tables(&book).unwrap();
    let last = tables.tables[0].rows.last().unwrap();
    assert_eq!((last.line, last.cells.len()), (1_048_576, 16_384));
}

#[test]
fn a_merged_block_over_the_whole_sheet_is_refused_not_laid_out() {
    // The title merged over A1:XFD1048576 with a far cell fixing the sheet's extent would be
    // copied into 17 billion cells.
    let far = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>"#;
    let book = xlsx(
        &[(
            "Plan",
            sheet_xml(&format!("{}{far}", rows_xml(1, &PLAN)), &["A1:XFD1048576"]),
        )],
        None,
    );
    let err = convert("merged.xlsx", &book, &ConvertOptions::default()).unwrap_err();
    assert!(
        matches!(&err.kind, ConvertErrorKind::Read(e) if matches!(e.kind, TableErrorKind::TooManyCells { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("sheet \"Plan\""), "{err}");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated_into_memory() {
    let limits = ReadLimits {
        max_inflated_bytes: 1 << 20,
        ..ReadLimits::default()
    };
    let huge = "a".repeat(4 << 20);
    let shared = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{huge}</t></si></sst>"#
    );
    let book = xlsx(&[("Plan", plan_sheet(&[]))], Some(&shared));
    let err = read_tables_within(&book, &limits).unwrap_err();
    assert!(
        matches!(&err.kind, TableErrorKind::InflatesTooLarge { member, .. } if member == "xl/sharedStrings.xml"),
        "{err}"
    );
    // The same member with its declared size forged small stops inflating at that size.
    let lying = forge_declared_sizes(book, "xl/sharedStrings.xml", 10);
    let err = read_tables_within(&lying, &limits).unwrap_err();
    assert!(
        matches!(&err.kind, TableErrorKind::CorruptWorkbook { message } if message.contains("declared")),
        "{err}"
    );
}

/// Rewrites the uncompressed size of member `name` in its local and central headers.
fn forge_declared_sizes(mut bytes: Vec<u8>, name: &str, size: u32) -> Vec<u8> {
    let patterns: [(&[u8], usize, usize); 2] = [(b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)];
    for (signature, size_at, name_at) in patterns {
        let starts: Vec<usize> = bytes
            .windows(4)
            .enumerate()
            .filter(|(_, w)| w == &signature)
            .map(|(i, _)| i)
            .collect();
        for start in starts {
            let named = bytes.get(start + name_at..start + name_at + name.len());
            if named == Some(name.as_bytes()) {
                bytes[start + size_at..start + size_at + 4].copy_from_slice(&size.to_le_bytes());
            }
        }
    }
    bytes
}

#[test]
fn a_cell_over_the_limit_is_refused_while_reading() {
    let options = ConvertOptions {
        max_cell_bytes: 30,
        ..ConvertOptions::default()
    };
    let book = xlsx(&[("Plan", plan_sheet(&[]))], None);
    let err = convert("big.xlsx", &book, &options).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "big.xlsx: sheet \"Plan\" line 1: a cell of 63 bytes is over the limit of 30 bytes"
        ),
        "{err}"
    );
}

#[test]
fn one_unreadable_sheet_fails_alone_and_is_named() {
    // Sheet "Broken" cites shared string 99 of a table of one.
    let shared = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>only</t></si></sst>"#;
    let broken = sheet_xml(r#"<row r="1"><c r="A1" t="s"><v>99</v></c></row>"#, &[]);
    let book = xlsx(
        &[("Plan", plan_sheet(&[])), ("Broken", broken)],
        Some(shared),
    );
    let docs = convert("two.xlsx", &book, &ConvertOptions::default()).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].actions.len(), 1);
    let named = docs[0]
        .diagnostics
        .iter()
        .find(|d| d.message.contains("sheet \"Broken\""))
        .expect("the unreadable sheet is named");
    assert_eq!(named.level, Level::Error);
}

#[test]
fn a_shared_string_index_that_is_no_number_fails_its_sheet_naming_the_cell() {
    // calamine read `<v>abc</v>` as index 0: the cell silently showed the first string.
    let shared = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>only</t></si></sst>"#;
    let damaged = sheet_xml(r#"<row r="1"><c r="B3" t="s"><v>abc</v></c></row>"#, &[]);
    let book = xlsx(
        &[("Plan", plan_sheet(&[])), ("Damaged", damaged)],
        Some(shared),
    );
    let docs = convert("two.xlsx", &book, &ConvertOptions::default()).unwrap();
    assert_eq!(docs.len(), 1);
    let named = docs[0]
        .diagnostics
        .iter()
        .find(|d| d.message.contains("sheet \"Damaged\""))
        .expect("the damaged sheet is named");
    assert_eq!(named.level, Level::Error);
    assert!(
        named.message.contains("B3") && named.message.contains("abc"),
        "{}",
        named.message
    );
}

#[test]
fn an_ole_file_whose_fat_loops_is_refused() {
    // A compound file whose directory sector is chained to itself: calamine followed the
    // chain until memory ran out (17 GB from an 80 KB file).
    let mut ole = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    ole.create_stream("Workbook")
        .unwrap()
        .write_all(&[0u8; 8192])
        .unwrap();
    ole.flush().unwrap();
    let mut bytes = ole.into_inner().into_inner();
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let sector_size = 1usize << u16::from_le_bytes([bytes[30], bytes[31]]);
    let directory = u32_at(&bytes, 0x30);
    let fat = u32_at(&bytes, 0x4C) as usize;
    let entry = (fat + 1) * sector_size + 4 * directory as usize;
    bytes[entry..entry + 4].copy_from_slice(&directory.to_le_bytes());
    let err = convert("loop.xls", &bytes, &ConvertOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("loop.xls: truncated or corrupt workbook"),
        "{err}"
    );
}

#[test]
fn review_plan_of_many_cross_references_reads_in_linear_time() {
    // 200,000 records whose parents all differ, each naming an action the plan lacks: every
    // record searched all the others for its siblings and its target (minutes; seconds now,
    // which the time limit of scripts/hostile-tests.sh holds), with the row limit raised.
    let options = ConvertOptions {
        max_rows: 300_000,
        ..ConvertOptions::default()
    };
    let mut text = String::from(
        "Ref\tAction\tResponsible Lead\tDelivery Date\tMeasure of Success\tCommentary / Progress\n",
    );
    for i in 0..200_000 {
        text.push_str(&format!("S{i}.1\tReview the contract\n"));
    }
    let docs = convert("review.txt", text.as_bytes(), &options).unwrap();
    assert_eq!(docs[0].actions.len(), 200_000);
}

/// Seed 001 (180 actions) with its line endings rewritten by `ending(i)` for line `i`.
fn seed_001_with_line_endings(ending: impl Fn(usize) -> &'static str) -> Vec<u8> {
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/001_94b889d3001a20f1.txt"),
    )
    .unwrap();
    seed.lines()
        .enumerate()
        .flat_map(|(i, line)| [line, ending(i)])
        .collect::<String>()
        .into_bytes()
}

#[test]
fn cr_only_and_mixed_line_endings_convert_in_full() {
    // CR-only endings read as one line (0 actions); mixed LF/CRLF/CR lost 54 of 180.
    type Ending = fn(usize) -> &'static str;
    let endings: [(&str, Ending); 2] = [
        ("cr.txt", |_| "\r"),
        ("mixed.txt", |i| ["\n", "\r\n", "\r"][i % 3]),
    ];
    for (name, ending) in endings {
        let docs = convert(
            name,
            &seed_001_with_line_endings(ending),
            &ConvertOptions::default(),
        )
        .unwrap();
        assert_eq!(docs[0].actions.len(), 180, "{name}");
    }
}

#[test]
fn utf16_text_and_stray_control_bytes_convert() {
    // Excel's "Unicode Text" is UTF-16 LE with a byte-order mark: refused as binary before.
    let seed = seed_001_with_line_endings(|_| "\r\n");
    let text = String::from_utf8(seed).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let docs = convert("unicode.txt", &utf16, &ConvertOptions::default()).unwrap();
    assert_eq!(docs[0].actions.len(), 180);
    // A vertical tab in a cell made the whole file "binary".
    let tabbed = text.replacen("Governance", "Gover\x0bnance", 1);
    let docs = convert("vt.txt", tabbed.as_bytes(), &ConvertOptions::default()).unwrap();
    assert_eq!(docs[0].actions.len(), 180);
    assert!(docs[0]
        .diagnostics
        .iter()
        .any(|d| d.message.starts_with("control character U+000B removed")));
}

#[test]
fn a_text_dump_of_a_million_short_rows_is_refused_at_the_row_limit() {
    // A 30 MB dump of one-word review-plan rows, each with a fresh ref, held a structure
    // per row in the family parser (about 70 times its size); it is refused before any
    // line is cut into cells.
    let mut text = String::from("Ref\tAction\tResponsible Lead\tDelivery Date\n");
    for i in 0..1_000_000 {
        text.push_str(&format!("S{i}\tAct\tLead\tMay 2022\n"));
    }
    let err = convert("rows.txt", text.as_bytes(), &ConvertOptions::default()).unwrap_err();
    let limit = ConvertOptions::default().max_rows;
    assert_eq!(
        err.to_string(),
        format!(
            "rows.txt: line {}: the table holds more than {limit} rows (a plan holds a few thousand)",
            limit + 1
        )
    );
}

#[test]
fn a_sheet_over_the_row_limit_fails_alone() {
    let long: Vec<[&str; 4]> = (0..12).map(|_| ["2", "Data", "Clean it", "Done"]).collect();
    let book = xlsx(
        &[
            ("Plan", plan_sheet(&[])),
            ("Long", sheet_xml(&rows_xml(1, &long), &[])),
        ],
        None,
    );
    let options = ConvertOptions {
        max_rows: 10,
        ..ConvertOptions::default()
    };
    let docs = convert("rows.xlsx", &book, &options).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].actions.len(), 1);
    let named = docs[0]
        .diagnostics
        .iter()
        .find(|d| d.message.contains("sheet \"Long\" row 11"))
        .expect("the sheet over the limit is named with its first row past it");
    assert_eq!(named.level, Level::Error);
}

/// An OpenDocument spreadsheet of `tables` (name, `<table:table-row>` elements).
fn ods(tables: &[(&str, String)]) -> Vec<u8> {
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    let tables: String = tables
        .iter()
        .map(|(name, rows)| format!(r#"<table:table table:name="{name}">{rows}</table:table>"#))
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// `<table:table-row>` elements of string cells.
fn ods_rows(rows: &[[&str; 4]]) -> String {
    rows.iter()
        .map(|cells| {
            let cells: String = cells
                .iter()
                .map(|t| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#))
                .collect();
            format!("<table:table-row>{cells}</table:table-row>")
        })
        .collect()
}

#[test]
fn an_ods_sheet_of_repeated_cells_is_refused_before_it_is_laid_out() {
    // A1, then one filled cell repeated across 16,384 columns and down 6,000 rows: 98 million
    // cells, under calamine's own cap, which laid them out densely (gigabytes) on opening.
    let far = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>A1</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#;
    let book = ods(&[("Plan", ods_rows(&PLAN)), ("Far", far.to_owned())]);
    let docs = convert("far.ods", &book, &ConvertOptions::default()).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].actions.len(), 1);
    let named = docs[0]
        .diagnostics
        .iter()
        .find(|d| d.message.contains("sheet \"Far\""))
        .expect("the sheet over the cell limit is named");
    assert!(
        named.message.contains("more than 4000000 cells"),
        "{}",
        named.message
    );
    // Alone, the sheet fails the file, naming it.
    let err = convert(
        "far.ods",
        &ods(&[("Far", far.to_owned())]),
        &ConvertOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("far.ods: sheet \"Far\": the sheet spreads over more than"),
        "{err}"
    );
}
