//! OpenDocument sheets measured before calamine lays them out.
//!
//! calamine's `.ods` reader lays every sheet out densely, from its first filled cell to its
//! last, when it opens the file: a cell at A1 and one at XFD1048576, or one filled cell with
//! `table:number-columns-repeated="16384"` in a row with `table:number-rows-repeated="65536"`,
//! asks for up to 100 million cells (gigabytes). `content.xml` is read here first, event by
//! event, for each sheet's filled extent; a sheet over [`ReadLimits::max_sheet_cells`] is cut
//! out of the file before calamine opens it, and fails alone.

use crate::workbook::corrupt;
use crate::{ReadLimits, TableError, TableErrorKind};
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Cursor, Write};

const CONTENT: &str = "content.xml";

/// An `.ods` file with its sheets over the cell limit cut out, and why each was cut.
pub(crate) struct Measured {
    /// The archive to hand calamine: rewritten without the refused sheets, or `None` when
    /// every sheet is within the limit and the file can be read as it is.
    pub rewritten: Option<Vec<u8>>,
    /// One error per sheet cut out, naming it.
    pub refused: Vec<TableError>,
}

/// Measures each sheet of the `.ods` in `bytes` and cuts out those over the cell limit.
pub(crate) fn measure(bytes: &[u8], limits: &ReadLimits) -> Result<Measured, TableError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let extents = match archive.by_name(CONTENT) {
        Ok(content) => sheet_extents(BufReader::new(content))?,
        // calamine names a missing content part itself.
        Err(_) => Vec::new(),
    };
    let limit = limits.max_sheet_cells;
    let over: Vec<usize> = (0..extents.len())
        .filter(|&i| extents[i].1 > limit as u64)
        .collect();
    if over.is_empty() {
        return Ok(Measured {
            rewritten: None,
            refused: Vec::new(),
        });
    }
    let refused = over
        .iter()
        .map(|&i| TableError::new(TableErrorKind::TooManyCells { limit }).in_sheet(&extents[i].0))
        .collect();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let member = archive.by_index(i).map_err(corrupt)?;
        if member.name_raw() == CONTENT.as_bytes() {
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            out.start_file(CONTENT, options).map_err(corrupt)?;
            without_tables(BufReader::new(member), &over, &mut out)?;
        } else {
            out.raw_copy_file(member).map_err(corrupt)?;
        }
    }
    let rewritten = out.finish().map_err(corrupt)?.into_inner();
    Ok(Measured {
        rewritten: Some(rewritten),
        refused,
    })
}

/// The value of attribute `name` as a count, 1 when it is missing or no number (calamine
/// refuses such a file itself).
fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
}

/// The filled extent of one sheet as it is read: rows and columns of its first and last
/// filled cells, with repeated rows and columns counted as many times as they repeat.
#[derive(Default)]
struct Extent {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
}

impl Extent {
    fn add(&mut self, rows: (u64, u64), cols: (u64, u64)) {
        let widen = |span: Option<(u64, u64)>, (first, count): (u64, u64)| {
            let last = first.saturating_add(count.max(1) - 1);
            Some(span.map_or((first, last), |(a, b)| (a.min(first), b.max(last))))
        };
        self.rows = widen(self.rows, rows);
        self.cols = widen(self.cols, cols);
    }

    /// The cells of the box from the first filled cell to the last, as calamine lays it out.
    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((top, bottom)), Some((left, right))) => {
                (bottom - top + 1).saturating_mul(right - left + 1)
            }
            _ => 0,
        }
    }
}

/// Each sheet's name and the cells of its filled extent, in document order.
fn sheet_extents(content: impl std::io::BufRead) -> Result<Vec<(String, u64)>, TableError> {
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut sheets = Vec::new();
    let mut extent = Extent::default();
    let (mut row, mut row_repeats, mut col) = (0u64, 1u64, 0u64);
    // The open cell's first column, repeat count and whether it holds anything yet.
    let mut cell: Option<(u64, u64, bool)> = None;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(corrupt)?;
        let is_cell = |e: &BytesStart<'_>| {
            matches!(
                e.name().as_ref(),
                "table:table-cell" | "table:covered-table-cell"
            )
        };
        let holds_value = |e: &BytesStart<'_>| {
            ["office:value-type", "table:formula"]
                .iter()
                .any(|a| e.try_get_attribute(a).ok().flatten().is_some())
        };
        match &event {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = e
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned())
                    .unwrap_or_default();
                sheets.push((name, 0));
                extent = Extent::default();
                row = 0;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(sheet) = sheets.last_mut() {
                    sheet.1 = extent.cells();
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                row_repeats = repeats(e, "table:number-rows-repeated");
                col = 0;
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(repeats(e, "table:number-rows-repeated"));
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeats);
            }
            Event::Start(e) if is_cell(e) => {
                cell = Some((
                    col,
                    repeats(e, "table:number-columns-repeated"),
                    holds_value(e),
                ));
            }
            Event::Empty(e) if is_cell(e) => {
                let count = repeats(e, "table:number-columns-repeated");
                if holds_value(e) {
                    extent.add((row, row_repeats), (col, count));
                }
                col = col.saturating_add(count);
            }
            Event::Text(t) if !t.trim().is_empty() => {
                if let Some((_, _, filled)) = cell.as_mut() {
                    *filled = true;
                }
            }
            Event::GeneralRef(_) => {
                if let Some((_, _, filled)) = cell.as_mut() {
                    *filled = true;
                }
            }
            Event::End(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                if let Some((first, count, filled)) = cell.take() {
                    if filled {
                        extent.add((row, row_repeats), (first, count));
                    }
                    col = first.saturating_add(count);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(sheets)
}

/// Copies `content` to `out` without the `table:table` elements numbered in `cut` (0-based,
/// in document order).
fn without_tables(
    content: impl std::io::BufRead,
    cut: &[usize],
    out: &mut impl Write,
) -> Result<(), TableError> {
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut writer = quick_xml::Writer::new(out);
    let mut buf = Vec::new();
    let mut table = 0usize;
    // Tables open inside the one being cut (a table in a cell), counting itself.
    let mut cut_depth = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(corrupt)?;
        let was_cutting = cut_depth > 0;
        match &event {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                if cut_depth > 0 {
                    cut_depth += 1;
                } else if cut.contains(&table) {
                    cut_depth = 1;
                }
                table += 1;
            }
            Event::End(e) if e.name().as_ref() == "table:table" && cut_depth > 0 => {
                cut_depth -= 1;
            }
            _ => {}
        }
        if !was_cutting && cut_depth == 0 {
            writer.write_event(event).map_err(corrupt)?;
        }
        buf.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extents(rows: &str) -> Vec<(String, u64)> {
        let xml = format!(
            r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="Plan">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        sheet_extents(xml.as_bytes()).unwrap()
    }

    #[test]
    fn extent_counts_filled_cells_and_their_repeats_only() {
        let cases = [
            // LibreOffice pads every row and the sheet with empty repeated cells and rows.
            (
                r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Ref</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1023"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
                1,
            ),
            // A1 and a filled cell 16,384 columns wide repeated over 65,536 rows.
            (
                r#"<table:table-row><table:table-cell><text:p>A1</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="65536"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#,
                65_537 * 16_384,
            ),
            // Text without a value type is still a value.
            (
                r#"<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell></table:table-row>"#,
                6,
            ),
        ];
        for (rows, cells) in cases {
            assert_eq!(extents(rows), vec![("Plan".to_owned(), cells)], "{rows}");
        }
    }

    #[test]
    fn cut_tables_leave_the_rest_of_the_content() {
        let xml = r#"<a><table:table table:name="One"><x/></table:table><table:table table:name="Two"><y/></table:table></a>"#;
        let mut out = Vec::new();
        without_tables(xml.as_bytes(), &[0], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<a><table:table table:name="Two"><y/></table:table></a>"#
        );
    }
}
