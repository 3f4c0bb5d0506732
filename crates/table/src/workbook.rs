//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) through calamine, every sheet a table.
//!
//! The container is told from the first bytes: a ZIP archive is an Office Open XML workbook
//! (`xl/workbook.xml`, or `xl/workbook.bin` for `.xlsb`) or an OpenDocument spreadsheet (its
//! first entry, `mimetype`, names it); an OLE compound file is a legacy `.xls`, or a
//! password-protected `.xlsx`, which Excel stores encrypted in an OLE `EncryptedPackage`
//! stream. Sheets come out as they look on screen: a merged block's value fills every cell it
//! covers (a "Workstream" merged down rows 5–9 names the workstream on each of those rows),
//! rows keep their 1-based sheet row number, and values are rendered by [`crate::cell_text`].

use crate::cell_text::{cell_text, CellValue};
use crate::{Row, SourceFormat, Table, TableError, TableErrorKind, Tables};
use calamine::{
    Data, Dimensions, Ods, OdsError, Range, Reader, SheetType, StyleRange, Xls, XlsError, Xlsb,
    XlsbError, Xlsx, XlsxError,
};
use chrono::{NaiveDate, NaiveDateTime};
use std::io::{Cursor, Read, Seek};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";
const ODS_MIMETYPE_WITHIN: usize = 256;
const XLSB_WORKBOOK_PART: &[u8] = b"xl/workbook.bin";
const XLSX_PART_PREFIX: &[u8] = b"xl/";

/// True when `bytes` open like a workbook container (ZIP or OLE), whatever they hold.
pub(crate) fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// Reads every worksheet of a workbook from its bytes.
///
/// ```
/// let err = govtrail_table::read_workbook(b"PK\x03\x04 cut short").unwrap_err();
/// assert!(err.to_string().starts_with("not a workbook") || err.to_string().starts_with("truncated"));
/// ```
pub fn read_workbook(bytes: &[u8]) -> Result<Tables, TableError> {
    let cursor = Cursor::new(bytes);
    if bytes.starts_with(OLE_MAGIC) {
        // calamine's xlsx reader checks an OLE file for the `EncryptedPackage` stream first.
        if let Err(XlsxError::Password) = Xlsx::new(cursor.clone()) {
            return Err(TableError::new(TableErrorKind::PasswordProtected));
        }
        let mut workbook = Xls::new(cursor).map_err(xls_error)?;
        let tables = read_sheets(&mut workbook, xls_error, |wb, name| {
            Ok(SheetLayout {
                merges: wb.merge_cells_by_sheet_name(name)?,
                styles: None,
            })
        })?;
        return Ok(Tables {
            format: SourceFormat::Xls,
            tables,
        });
    }
    if !bytes.starts_with(ZIP_MAGIC) {
        return Err(TableError::new(TableErrorKind::NotAWorkbook {
            found: "neither a ZIP (xlsx, xlsb, ods) nor an OLE (xls) file",
        }));
    }
    // An OpenDocument file's first ZIP entry is its uncompressed `mimetype`.
    let head = &bytes[..bytes.len().min(ODS_MIMETYPE_WITHIN)];
    let (format, tables) = if contains(head, ODS_MIMETYPE) {
        let mut workbook: Ods<_> = Ods::new(cursor).map_err(ods_error)?;
        (
            SourceFormat::Ods,
            read_sheets(&mut workbook, ods_error, |_, _| Ok(SheetLayout::default()))?,
        )
    } else if contains(bytes, XLSB_WORKBOOK_PART) {
        let mut workbook = Xlsb::new(cursor).map_err(xlsb_error)?;
        (
            SourceFormat::Xlsb,
            read_sheets(&mut workbook, xlsb_error, |_, _| Ok(SheetLayout::default()))?,
        )
    } else if contains(bytes, XLSX_PART_PREFIX) {
        let mut workbook = Xlsx::new(cursor).map_err(xlsx_error)?;
        let tables = read_sheets(&mut workbook, xlsx_error, |wb, name| {
            Ok(SheetLayout {
                merges: wb.merge_cells_by_sheet_name(name)?,
                // Styles only refine how dates show; a sheet without readable styles still
                // reads, its dates shown as "31 March 2019".
                styles: wb.worksheet_style(name).ok(),
            })
        })?;
        (SourceFormat::Xlsx, tables)
    } else {
        return Err(TableError::new(TableErrorKind::NotAWorkbook {
            found: "a ZIP archive with no workbook part",
        }));
    };
    Ok(Tables { format, tables })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn corrupt(e: impl std::fmt::Display) -> TableError {
    TableError::new(TableErrorKind::CorruptWorkbook {
        message: e.to_string(),
    })
}

fn xlsx_error(e: XlsxError) -> TableError {
    match e {
        XlsxError::Password => TableError::new(TableErrorKind::PasswordProtected),
        e => corrupt(e),
    }
}

fn xlsb_error(e: XlsbError) -> TableError {
    match e {
        XlsbError::Password => TableError::new(TableErrorKind::PasswordProtected),
        e => corrupt(e),
    }
}

fn ods_error(e: OdsError) -> TableError {
    match e {
        OdsError::Password => TableError::new(TableErrorKind::PasswordProtected),
        e => corrupt(e),
    }
}

fn xls_error(e: XlsError) -> TableError {
    match e {
        XlsError::Password => TableError::new(TableErrorKind::PasswordProtected),
        e => corrupt(e),
    }
}

/// What a sheet holds besides its values, where the format exposes it.
#[derive(Default)]
struct SheetLayout {
    merges: Vec<Dimensions>,
    styles: Option<StyleRange>,
}

fn read_sheets<R, RS>(
    workbook: &mut R,
    error: fn(R::Error) -> TableError,
    layout: impl Fn(&mut R, &str) -> Result<SheetLayout, R::Error>,
) -> Result<Vec<Table>, TableError>
where
    R: Reader<RS>,
    RS: Read + Seek,
{
    let names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| error(e).in_sheet(&name))?;
        let layout = layout(workbook, &name).map_err(|e| error(e).in_sheet(&name))?;
        tables.push(sheet_table(name, &range, &layout));
    }
    Ok(tables)
}

/// The rows of one sheet, cells from column A on, merged blocks filled in.
fn sheet_table(name: String, range: &Range<Data>, layout: &SheetLayout) -> Table {
    let (Some((top, _)), Some((bottom, right))) = (range.start(), range.end()) else {
        return Table {
            sheet: Some(name),
            rows: Vec::new(),
        };
    };
    let mut grid: Vec<Vec<String>> = (top..=bottom)
        .map(|r| {
            (0..=right)
                .map(|c| {
                    let format = layout
                        .styles
                        .as_ref()
                        .and_then(|s| s.get((r, c)))
                        .and_then(|s| s.number_format.as_ref())
                        .map(|f| (f.format_code.as_str(), f.format_id));
                    range
                        .get_value((r, c))
                        .map_or_else(String::new, |d| cell_text(&cell_value(d), format))
                })
                .collect()
        })
        .collect();
    for merge in &layout.merges {
        fill_merged(&mut grid, top, merge);
    }
    let rows = grid
        .into_iter()
        .zip(top..)
        .filter_map(|(mut cells, r)| {
            while cells.last().is_some_and(|c| c.trim().is_empty()) {
                cells.pop();
            }
            let row = Row::new(r as usize + 1, cells);
            (!row.is_blank()).then_some(row)
        })
        .collect();
    Table {
        sheet: Some(name),
        rows,
    }
}

/// Copies a merged block's value (held by its top-left cell) into every cell it covers, as
/// far as the sheet's values reach: `Owners` merged across D17:G17 heads all four columns.
/// A block reaching past the values (a whole column merged) is clipped to them.
fn fill_merged(grid: &mut [Vec<String>], top: u32, merge: &Dimensions) {
    let Some(first_row) = merge.start.0.checked_sub(top).map(|r| r as usize) else {
        return;
    };
    let first_col = merge.start.1 as usize;
    let Some(value) = grid
        .get(first_row)
        .and_then(|row| row.get(first_col))
        .cloned()
    else {
        return;
    };
    let last_row = (merge.end.0.saturating_sub(top) as usize).min(grid.len().saturating_sub(1));
    for row in grid[first_row..=last_row].iter_mut() {
        let last_col = (merge.end.1 as usize).min(row.len().saturating_sub(1));
        for slot in row.get_mut(first_col..=last_col).into_iter().flatten() {
            if slot.trim().is_empty() {
                slot.clone_from(&value);
            }
        }
    }
}

/// calamine's value as a library-independent [`CellValue`].
fn cell_value(data: &Data) -> CellValue<'_> {
    match data {
        Data::Empty => CellValue::Empty,
        Data::String(s) => CellValue::Text(s),
        Data::Int(i) => CellValue::Int(*i),
        Data::Float(f) => CellValue::Float(*f),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::DateTime(dt) if dt.is_duration() => CellValue::Duration(dt.as_f64()),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let (y, mo, d) = if dt.as_f64() < 1.0 {
                (1899, 12, 31)
            } else {
                (i32::from(y), u32::from(mo), u32::from(d))
            };
            NaiveDate::from_ymd_opt(y, mo, d)
                .and_then(|date| date.and_hms_opt(h.into(), mi.into(), s.into()))
                .map_or(CellValue::Float(dt.as_f64()), CellValue::DateTime)
        }
        Data::DateTimeIso(s) => iso_date_time(s).map_or(CellValue::Text(s), CellValue::DateTime),
        Data::DurationIso(s) => CellValue::Text(s),
    }
}

/// An OpenDocument date value: `2019-03-31` or `2019-03-31T14:05:00`.
fn iso_date_time(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_block_fills_the_cells_it_covers() {
        let mut grid = vec![
            vec!["".into(), "Owners".into(), "".into(), "".into()],
            vec!["Theme 1".into(), "CE".into(), "".into(), "".into()],
            vec!["".into(), "HR".into(), "".into(), "".into()],
        ];
        let merges = [
            Dimensions::new((4, 1), (4, 3)),
            Dimensions::new((5, 0), (6, 0)),
            Dimensions::new((6, 2), (9, 9)),
            Dimensions::new((0, 0), (u32::MAX, u32::MAX)),
            Dimensions::new((4, 9), (4, 12)),
        ];
        for merge in &merges {
            fill_merged(&mut grid, 4, merge);
        }
        assert_eq!(grid[0], vec!["", "Owners", "Owners", "Owners"]);
        assert_eq!(grid[2], vec!["Theme 1", "HR", "", ""]);
    }

    /// A minimal OpenDocument spreadsheet: stored `mimetype` first, a manifest, one sheet.
    fn ods(content_rows: &str) -> Vec<u8> {
        use std::io::Write;
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let parts = [
            ("mimetype", String::from_utf8_lossy(ODS_MIMETYPE).into_owned()),
            (
                "META-INF/manifest.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.into(),
            ),
            (
                "content.xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Plan">{content_rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
                ),
            ),
        ];
        for (name, text) in parts {
            zip.start_file(name, stored).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn opendocument_sheet_reads_with_numbers_dates_and_row_numbers() {
        let string = |s: &str| {
            format!(
                r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
            )
        };
        let rows = format!(
            "<table:table-row>{}{}</table:table-row><table:table-row><table:table-cell/></table:table-row><table:table-row>{}{}</table:table-row>",
            string("Issue"),
            string("Due"),
            r#"<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="date" office:date-value="2019-03-31"><text:p>31/03/2019</text:p></table:table-cell>"#,
        );
        let tables = read_workbook(&ods(&rows)).unwrap();
        assert_eq!(tables.format, SourceFormat::Ods);
        let table = &tables.tables[0];
        assert_eq!(table.sheet.as_deref(), Some("Plan"));
        let rows: Vec<(usize, Vec<&str>)> = table
            .rows
            .iter()
            .map(|r| (r.line, r.cells.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            rows,
            vec![(1, vec!["Issue", "Due"]), (3, vec!["1", "31 March 2019"])]
        );
    }

    #[test]
    fn iso_dates_of_opendocument() {
        let cases = [
            ("2019-03-31", Some("2019-03-31 00:00:00")),
            ("2023-10-17T14:05:00", Some("2023-10-17 14:05:00")),
            ("31/03/2019", None),
        ];
        for (text, expected) in cases {
            assert_eq!(
                iso_date_time(text).map(|d| d.to_string()).as_deref(),
                expected
            );
        }
    }
}
