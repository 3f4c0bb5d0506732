//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) through calamine, every sheet a table.
//!
//! The container is told from the first bytes: a ZIP archive is an Office Open XML workbook
//! (`xl/workbook.xml`, or `xl/workbook.bin` for `.xlsb`) or an OpenDocument spreadsheet (its
//! first entry, `mimetype`, names it); an OLE compound file is a legacy `.xls`, or a
//! password-protected `.xlsx`, which Excel stores encrypted in an OLE `EncryptedPackage`
//! stream. Sheets come out as they look on screen: a merged block's value fills every cell it
//! covers (a "Workstream" merged down rows 5–9 names the workstream on each of those rows),
//! rows keep their 1-based sheet row number, and values are rendered by [`crate::cell_text`].
//!
//! Hostile workbooks must not cost more than their content: cells are read one at a time
//! and kept sparse (a sheet with one cell at A1 and one at XFD1048576 is two cells, not a
//! dense 17-billion-cell box), a ZIP member is inflated once up front to check its size
//! before any reader holds it, an OLE file is checked (FAT cycles, sheet extents) by the
//! `cfb` crate and handed on rebuilt, and one sheet that cannot be read fails only itself.

use crate::cell_text::{cell_text, CellValue};
use crate::decode::is_control_char;
use crate::{ReadLimits, Row, SourceFormat, Table, TableError, TableErrorKind, Tables};
use calamine::{
    Data, Dimensions, Ods, OdsError, Range, Reader, SheetType, Style, Xls, XlsError, Xlsb,
    XlsbError, Xlsx, XlsxError,
};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek, Write};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";
const ODS_MIMETYPE_WITHIN: usize = 256;
const XLSB_WORKBOOK_PART: &[u8] = b"xl/workbook.bin";
const XLSX_PART_PREFIX: &[u8] = b"xl/";
/// The streams of an OLE file that hold an Excel 97–2003 workbook (BIFF8, then BIFF5).
const XLS_STREAMS: [&str; 2] = ["Workbook", "Book"];

/// True when `bytes` open like a workbook container (ZIP or OLE), whatever they hold.
pub(crate) fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// Reads every worksheet of a workbook from its bytes, within the default [`ReadLimits`].
///
/// ```
/// let err = govtrail_table::read_workbook(b"PK\x03\x04 cut short").unwrap_err();
/// assert!(err.to_string().starts_with("not a workbook") || err.to_string().starts_with("truncated"));
/// ```
pub fn read_workbook(bytes: &[u8]) -> Result<Tables, TableError> {
    read_workbook_within(bytes, &ReadLimits::default())
}

/// [`read_workbook`] within `limits`. A sheet that cannot be read (a cell over the limit, a
/// bad shared string, too many cells) is listed in [`Tables::unreadable`] and the others are
/// read; the workbook fails only when no sheet can be read.
pub fn read_workbook_within(bytes: &[u8], limits: &ReadLimits) -> Result<Tables, TableError> {
    if bytes.starts_with(OLE_MAGIC) {
        let workbook = sound_ole_workbook(bytes, limits)?;
        let mut workbook = Xls::new(Cursor::new(workbook)).map_err(xls_error)?;
        let sheets = read_sheets(&mut workbook, xls_error, limits, |wb, name, sheet| {
            let range = wb.worksheet_range(name)?;
            sheet.merges = wb.merge_cells_by_sheet_name(name)?;
            Ok(sheet.add_range(&range))
        })?;
        return Ok(tables_of(SourceFormat::Xls, sheets));
    }
    if !bytes.starts_with(ZIP_MAGIC) {
        return Err(TableError::new(TableErrorKind::NotAWorkbook {
            found: "neither a ZIP (xlsx, xlsb, ods) nor an OLE (xls) file",
        }));
    }
    let cursor = Cursor::new(bytes);
    // An OpenDocument file's first ZIP entry is its uncompressed `mimetype`.
    let head = &bytes[..bytes.len().min(ODS_MIMETYPE_WITHIN)];
    let (format, sheets) = if contains(head, ODS_MIMETYPE) {
        check_inflated_sizes(bytes, limits)?;
        let measured = crate::ods::measure(bytes, limits)?;
        let within = measured.rewritten.as_deref().unwrap_or(bytes);
        let mut workbook: Ods<_> = Ods::new(Cursor::new(within)).map_err(ods_error)?;
        let mut sheets = read_sheets(&mut workbook, ods_error, limits, |wb, name, sheet| {
            Ok(sheet.add_range(&wb.worksheet_range(name)?))
        })?;
        if sheets.is_empty() {
            if let Some(first) = measured.refused.into_iter().next() {
                return Err(first);
            }
        } else {
            sheets.extend(measured.refused.into_iter().map(Err));
        }
        (SourceFormat::Ods, sheets)
    } else if contains(bytes, XLSB_WORKBOOK_PART) {
        check_inflated_sizes(bytes, limits)?;
        let mut workbook = Xlsb::new(cursor).map_err(xlsb_error)?;
        let sheets = read_sheets(&mut workbook, xlsb_error, limits, |wb, name, sheet| {
            let mut cells = wb.worksheet_cells_reader(name)?;
            while let Some(cell) = cells.next_cell()? {
                if let Err(e) =
                    sheet.add(cell.get_position(), cell.get_value().clone().into(), None)
                {
                    return Ok(Err(e));
                }
            }
            Ok(Ok(()))
        })?;
        (SourceFormat::Xlsb, sheets)
    } else if contains(bytes, XLSX_PART_PREFIX) {
        check_inflated_sizes(bytes, limits)?;
        let bad_indices = crate::xlsx_strings::bad_indices(bytes)?;
        let mut workbook = Xlsx::new(cursor).map_err(xlsx_error)?;
        let sheets = read_sheets(&mut workbook, xlsx_error, limits, |wb, name, sheet| {
            if let Some(problem) = bad_indices.get(name) {
                return Ok(Err(corrupt(problem)));
            }
            let mut cells = match wb.worksheet_cells_reader(name) {
                // A chartsheet or dialog sheet listed as a worksheet holds no cells.
                Err(XlsxError::NotAWorksheet(_)) => return Ok(Ok(())),
                other => other?,
            };
            sheet.styles = cells.styles().to_vec();
            while let Some((cell, style)) = cells.next_cell_with_style_id()? {
                if let Err(e) = sheet.add(
                    cell.get_position(),
                    cell.get_value().clone().into(),
                    Some(style),
                ) {
                    return Ok(Err(e));
                }
            }
            drop(cells);
            sheet.merges = wb.merge_cells_by_sheet_name(name)?;
            Ok(Ok(()))
        })?;
        (SourceFormat::Xlsx, sheets)
    } else {
        return Err(TableError::new(TableErrorKind::NotAWorkbook {
            found: "a ZIP archive with no workbook part",
        }));
    };
    Ok(tables_of(format, sheets))
}

/// The tables of the sheets that were read, and the errors of those that could not be.
fn tables_of(format: SourceFormat, sheets: Vec<Result<Table, TableError>>) -> Tables {
    let mut tables = Tables {
        format,
        tables: Vec::new(),
        unreadable: Vec::new(),
        warnings: Vec::new(),
    };
    for sheet in sheets {
        match sheet {
            Ok(table) => tables.tables.push(table),
            Err(e) => tables.unreadable.push(e),
        }
    }
    tables
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A reader's failure as a corrupt workbook, with its message.
pub(crate) fn corrupt(e: impl std::fmt::Display) -> TableError {
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

/// Inflates every member of a ZIP archive once, into nothing, before a reader holds any of
/// it: a 1.5 KB "workbook" whose `sharedStrings.xml` inflates to 1 GiB (a ZIP bomb) is
/// refused here, by its declared sizes when they are honest and by counting when they lie.
fn check_inflated_sizes(bytes: &[u8], limits: &ReadLimits) -> Result<(), TableError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let too_large = |member: &str| {
        TableError::new(TableErrorKind::InflatesTooLarge {
            member: member.to_owned(),
            limit: limits.max_inflated_bytes,
        })
    };
    let mut budget = limits.max_inflated_bytes;
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).map_err(corrupt)?;
        let name = String::from_utf8_lossy(member.name_raw()).into_owned();
        if member.size() > budget {
            return Err(too_large(&name));
        }
        let inflated = std::io::copy(&mut (&mut member).take(budget + 1), &mut std::io::sink())
            .map_err(corrupt)?;
        if inflated > budget {
            return Err(too_large(&name));
        }
        budget -= inflated;
    }
    Ok(())
}

/// The workbook stream of an OLE file, checked and rewrapped in a fresh OLE file.
///
/// calamine's own OLE reader follows FAT chains without a bound: an 80 KB `.xls` whose FAT
/// has a sector pointing to itself loops until memory runs out. The `cfb` crate validates the
/// FAT (no sector reached twice, no chain back to its start) when it opens the file, so only
/// the stream it read is handed on, in a compound file it wrote itself. A password-protected
/// `.xlsx` is an OLE file holding an `EncryptedPackage` stream.
fn sound_ole_workbook(bytes: &[u8], limits: &ReadLimits) -> Result<Vec<u8>, TableError> {
    let mut ole = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(corrupt)?;
    if ole.is_stream("EncryptedPackage") {
        return Err(TableError::new(TableErrorKind::PasswordProtected));
    }
    let Some(name) = XLS_STREAMS.into_iter().find(|n| ole.is_stream(n)) else {
        return Err(TableError::new(TableErrorKind::NotAWorkbook {
            found: "an OLE file with no workbook stream (a .doc?)",
        }));
    };
    let mut stream = Vec::new();
    ole.open_stream(name)
        .and_then(|s| s.take(limits.max_inflated_bytes).read_to_end(&mut stream))
        .map_err(corrupt)?;
    check_biff_extents(&stream, limits)?;
    let mut fresh = cfb::CompoundFile::create(Cursor::new(Vec::new())).map_err(corrupt)?;
    fresh
        .create_stream(name)
        .and_then(|mut s| s.write_all(&stream))
        .map_err(corrupt)?;
    fresh.flush().map_err(corrupt)?;
    Ok(fresh.into_inner().into_inner())
}

/// BIFF records that place one cell: row, then column, in their first four bytes.
const BIFF_CELL_RECORDS: [u16; 8] = [
    0x0006, // FORMULA
    0x00D6, // RSTRING
    0x00FD, // LABELSST
    0x0201, // BLANK
    0x0203, // NUMBER
    0x0204, // LABEL
    0x0205, // BOOLERR
    0x027E, // RK
];
/// BIFF records that place a run of cells: row, first column, …, last column.
const BIFF_RUN_RECORDS: [u16; 2] = [0x00BD /* MULRK */, 0x00BE /* MULBLANK */];
const BIFF_BOF: u16 = 0x0809;

/// How many sheets' worth of cells ([`ReadLimits::max_sheet_cells`]) an `.xls` may lay out
/// in all.
const XLS_SHEETS_LAID_OUT: usize = 4;

/// Refuses an `.xls` whose sheet cells span more than [`ReadLimits::max_sheet_cells`], or
/// whose sheets together span more than [`XLS_SHEETS_LAID_OUT`] times that: calamine lays
/// every sheet out densely from its first to its last cell while it opens the file (A1 and
/// IV65536 alone make 16.7 million cells), so the extents are read from the BIFF records
/// first.
fn check_biff_extents(stream: &[u8], limits: &ReadLimits) -> Result<(), TableError> {
    let u16_at = |b: &[u8], i: usize| b.get(i..i + 2).map(|s| u16::from_le_bytes([s[0], s[1]]));
    let mut extent: Option<(u16, u16, u16, u16)> = None;
    let mut sheet = 0usize;
    let mut laid_out = 0usize;
    let mut check = |extent: Option<(u16, u16, u16, u16)>, sheet: usize| {
        let Some((top, bottom, left, right)) = extent else {
            return Ok(());
        };
        let cells = (usize::from(bottom - top) + 1) * (usize::from(right - left) + 1);
        laid_out += cells;
        if cells > limits.max_sheet_cells || laid_out > XLS_SHEETS_LAID_OUT * limits.max_sheet_cells
        {
            return Err(TableError::new(TableErrorKind::TooManyCells {
                limit: limits.max_sheet_cells,
            })
            .in_sheet(&format!("#{}", sheet.saturating_sub(1))));
        }
        Ok(())
    };
    let mut at = 0;
    while let (Some(kind), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let data = stream.get(at + 4..at + 4 + usize::from(len)).unwrap_or(&[]);
        at += 4 + usize::from(len);
        let place = if kind == BIFF_BOF {
            // The first substream is the workbook globals; each next one is a sheet.
            check(extent.take(), sheet)?;
            sheet += 1;
            None
        } else if BIFF_CELL_RECORDS.contains(&kind) {
            u16_at(data, 0).zip(u16_at(data, 2)).map(|(r, c)| (r, c, c))
        } else if BIFF_RUN_RECORDS.contains(&kind) && data.len() >= 6 {
            let last = u16_at(data, data.len() - 2);
            u16_at(data, 0)
                .zip(u16_at(data, 2))
                .zip(last)
                .map(|((r, first), last)| (r, first.min(last), first.max(last)))
        } else {
            None
        };
        if let Some((row, first, last)) = place {
            let (top, bottom, left, right) = extent.unwrap_or((row, row, first, last));
            extent = Some((
                top.min(row),
                bottom.max(row),
                left.min(first),
                right.max(last),
            ));
        }
    }
    check(extent, sheet)
}

/// Reads each worksheet with `read`, which feeds a [`SheetCells`]; a sheet whose cells are
/// refused (`Ok(Err)`) or whose reader fails (`Err`) fails alone.
fn read_sheets<R, RS>(
    workbook: &mut R,
    error: fn(R::Error) -> TableError,
    limits: &ReadLimits,
    read: impl Fn(&mut R, &str, &mut SheetCells) -> Result<Result<(), TableError>, R::Error>,
) -> Result<Vec<Result<Table, TableError>>, TableError>
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
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let mut cells = SheetCells::new(limits);
        let sheet = match read(workbook, &name, &mut cells) {
            Ok(Ok(())) => cells.into_table(&name),
            Ok(Err(e)) => Err(e),
            Err(e) => Err(error(e)),
        };
        sheets.push(sheet.map_err(|e| e.in_sheet(&name)));
    }
    if sheets.iter().all(Result::is_err) {
        if let Some(Err(first)) = sheets.into_iter().next() {
            return Err(first);
        }
        return Ok(Vec::new());
    }
    Ok(sheets)
}

/// The cells of one sheet as they are read, kept sparse, with what is needed to lay them
/// out: the sheet's extent, its merged blocks and (xlsx) the style palette.
struct SheetCells<'l> {
    limits: &'l ReadLimits,
    /// (row, column, value, style id), 0-based, in reading order.
    cells: Vec<(u32, u32, Data, Option<usize>)>,
    /// First row, last row and last column of the cells that hold a value.
    extent: Option<(u32, u32, u32)>,
    /// First and last row and column of the cells with a style of the palette but the first.
    styled: Option<Dimensions>,
    styles: Vec<Style>,
    merges: Vec<Dimensions>,
}

impl<'l> SheetCells<'l> {
    fn new(limits: &'l ReadLimits) -> SheetCells<'l> {
        SheetCells {
            limits,
            cells: Vec::new(),
            extent: None,
            styled: None,
            styles: Vec::new(),
            merges: Vec::new(),
        }
    }

    /// Takes one cell, refusing it when it is over the cell limit or one cell too many.
    fn add(
        &mut self,
        pos: (u32, u32),
        value: Data,
        style: Option<usize>,
    ) -> Result<(), TableError> {
        let (row, col) = pos;
        if style.is_some_and(|id| id > 0 && id < self.styles.len()) {
            self.styled = Some(match self.styled {
                None => Dimensions::new(pos, pos),
                Some(d) => Dimensions::new(
                    (d.start.0.min(row), d.start.1.min(col)),
                    (d.end.0.max(row), d.end.1.max(col)),
                ),
            });
        }
        if value == Data::Empty {
            return Ok(());
        }
        if let Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) = &value {
            if s.len() > self.limits.max_cell_bytes {
                return Err(TableError::new(TableErrorKind::CellTooLarge {
                    size: s.len(),
                    limit: self.limits.max_cell_bytes,
                })
                .at_line(row as usize + 1));
            }
        }
        if self.cells.len() >= self.limits.max_sheet_cells {
            return Err(TableError::new(TableErrorKind::TooManyCells {
                limit: self.limits.max_sheet_cells,
            }));
        }
        self.extent = Some(match self.extent {
            None => (row, row, col),
            Some((top, bottom, right)) => (top.min(row), bottom.max(row), right.max(col)),
        });
        self.cells.push((row, col, value, style));
        Ok(())
    }

    /// Takes the used cells of a range calamine has already laid out (`.xls`, `.ods`).
    fn add_range(&mut self, range: &Range<Data>) -> Result<(), TableError> {
        let Some((top, left)) = range.start() else {
            return Ok(());
        };
        for (r, c, value) in range.used_cells() {
            self.add((top + r as u32, left + c as u32), value.clone(), None)?;
        }
        if let Some((bottom, right)) = range.end() {
            // The range's own corners bound it, as they bound a dense sheet.
            let (t, b, r) = self.extent.unwrap_or((top, bottom, right));
            self.extent = Some((t.min(top), b.max(bottom), r.max(right)));
        }
        Ok(())
    }

    /// The number format of the cell at `pos` with style `id`: its own, the palette's first
    /// (the default) inside the extent of styled cells, else none.
    fn number_format(&self, pos: (u32, u32), id: Option<usize>) -> Option<(&str, Option<u32>)> {
        let id = id?;
        let inside = |d: &Dimensions| {
            (d.start.0..=d.end.0).contains(&pos.0) && (d.start.1..=d.end.1).contains(&pos.1)
        };
        let id = if id > 0 && id < self.styles.len() {
            id
        } else if self.styled.as_ref().is_some_and(inside) {
            0
        } else {
            return None;
        };
        self.styles
            .get(id)?
            .number_format
            .as_ref()
            .map(|f| (f.format_code.as_str(), f.format_id))
    }

    /// The rows of the sheet, cells from column A on, merged blocks filled in.
    fn into_table(self, name: &str) -> Result<Table, TableError> {
        let Some((top, bottom, right)) = self.extent else {
            return Ok(Table {
                sheet: Some(name.to_owned()),
                rows: Vec::new(),
            });
        };
        let mut grid = SparseGrid {
            rows: BTreeMap::new(),
            slots: 0,
            limit: self.limits.max_sheet_cells,
            row_limit: self.limits.max_rows,
            visits: 0,
        };
        for (row, col, value, style) in &self.cells {
            let mut text = cell_text(&cell_value(value), self.number_format((*row, *col), *style));
            // A cell holding a stray control character (an ESC sequence pasted in) keeps
            // its text without it, as a text input does.
            text.retain(|c| !is_control_char(c));
            if text.len() > self.limits.max_cell_bytes {
                return Err(TableError::new(TableErrorKind::CellTooLarge {
                    size: text.len(),
                    limit: self.limits.max_cell_bytes,
                })
                .at_line(*row as usize + 1));
            }
            *grid.slot(*row, *col)? = text;
        }
        for merge in &self.merges {
            grid.fill_merged(merge, top, bottom, right)?;
        }
        let rows = grid
            .rows
            .into_iter()
            .filter_map(|(r, mut cells)| {
                while cells.last().is_some_and(|c| c.trim().is_empty()) {
                    cells.pop();
                }
                let row = Row::new(r as usize + 1, cells);
                (!row.is_blank()).then_some(row)
            })
            .collect();
        Ok(Table {
            sheet: Some(name.to_owned()),
            rows,
        })
    }
}

/// How many times over, on average, merged blocks may visit the cells a sheet may hold.
const MERGE_VISITS_PER_CELL: usize = 4;

/// The rows of a sheet that hold something, each as wide as its last cell: the cells laid
/// out are counted, so merged blocks cannot spread a few cells over millions.
struct SparseGrid {
    rows: BTreeMap<u32, Vec<String>>,
    /// Cells laid out, and the most there may be.
    slots: usize,
    limit: usize,
    /// The most rows the sheet may hold ([`ReadLimits::max_rows`]).
    row_limit: usize,
    /// Cells visited by merged blocks (overlapping blocks revisit cells), bounded likewise.
    visits: usize,
}

impl SparseGrid {
    fn slot(&mut self, row: u32, col: u32) -> Result<&mut String, TableError> {
        if self.rows.len() >= self.row_limit && !self.rows.contains_key(&row) {
            return Err(TableError::new(TableErrorKind::TooManyRows {
                limit: self.row_limit,
            })
            .at_line(row as usize + 1));
        }
        let cells = self.rows.entry(row).or_default();
        let width = col as usize + 1;
        if cells.len() < width {
            self.slots += width - cells.len();
            if self.slots > self.limit {
                return Err(TableError::new(TableErrorKind::TooManyCells {
                    limit: self.limit,
                }));
            }
            cells.resize(width, String::new());
        }
        Ok(&mut cells[col as usize])
    }

    /// Copies a merged block's value (held by its top-left cell) into every empty cell it
    /// covers, as far as the sheet's values reach (rows `top` to `bottom`, columns up to
    /// `right`): `Owners` merged across D17:G17 heads all four columns. A block reaching past
    /// the values (a whole column merged) is clipped to them. A block written corner to corner
    /// the wrong way round (`<mergeCell ref="D10:A2"/>`) is the block A2:D10.
    fn fill_merged(
        &mut self,
        merge: &Dimensions,
        top: u32,
        bottom: u32,
        right: u32,
    ) -> Result<(), TableError> {
        let (first_row, last_row) = (
            merge.start.0.min(merge.end.0),
            merge.start.0.max(merge.end.0),
        );
        let (first_col, last_col) = (
            merge.start.1.min(merge.end.1),
            merge.start.1.max(merge.end.1),
        );
        if first_row < top || first_row > bottom || first_col > right {
            return Ok(());
        }
        let value = self
            .rows
            .get(&first_row)
            .and_then(|cells| cells.get(first_col as usize))
            .cloned()
            .unwrap_or_default();
        if value.is_empty() {
            return Ok(());
        }
        for row in first_row..=last_row.min(bottom) {
            for col in first_col..=last_col.min(right) {
                self.visits += 1;
                if self.visits > MERGE_VISITS_PER_CELL * self.limit {
                    return Err(TableError::new(TableErrorKind::TooManyCells {
                        limit: self.limit,
                    }));
                }
                let slot = self.slot(row, col)?;
                if slot.trim().is_empty() {
                    slot.clone_from(&value);
                }
            }
        }
        Ok(())
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
        let rows = [
            (4, vec!["", "Owners"]),
            (5, vec!["Theme 1", "CE"]),
            (6, vec!["", "HR"]),
        ];
        let mut grid = SparseGrid {
            rows: rows
                .into_iter()
                .map(|(r, cells)| (r, cells.into_iter().map(String::from).collect()))
                .collect(),
            slots: 6,
            limit: 100,
            row_limit: 100,
            visits: 0,
        };
        let merges = [
            Dimensions::new((4, 1), (4, 3)),
            Dimensions::new((5, 0), (6, 0)),
            Dimensions::new((6, 2), (9, 9)),
            Dimensions::new((0, 0), (u32::MAX, u32::MAX)),
            Dimensions::new((4, 9), (4, 12)),
        ];
        for merge in &merges {
            grid.fill_merged(merge, 4, 6, 3).unwrap();
        }
        assert_eq!(grid.rows[&4], vec!["", "Owners", "Owners", "Owners"]);
        assert_eq!(grid.rows[&6], vec!["Theme 1", "HR"]);
    }

    #[test]
    fn xls_sheet_extents_are_read_from_the_cell_records() {
        let record = |kind: u16, data: &[u8]| -> Vec<u8> {
            let mut r = kind.to_le_bytes().to_vec();
            r.extend_from_slice(&(data.len() as u16).to_le_bytes());
            r.extend_from_slice(data);
            r
        };
        let number = |row: u16, col: u16| {
            let mut data = row.to_le_bytes().to_vec();
            data.extend_from_slice(&col.to_le_bytes());
            data.extend_from_slice(&[0; 10]);
            record(0x0203, &data)
        };
        // Globals, then a sheet with A1 and IV65536: 65,536 rows by 256 columns.
        let mut stream = record(BIFF_BOF, &[0; 16]);
        stream.extend(record(BIFF_BOF, &[0; 16]));
        stream.extend(number(0, 0));
        stream.extend(number(65_535, 255));
        let limits = ReadLimits {
            max_sheet_cells: 1_000_000,
            ..ReadLimits::default()
        };
        let err = check_biff_extents(&stream, &limits).unwrap_err();
        assert!(matches!(err.kind, TableErrorKind::TooManyCells { .. }));
        assert_eq!(err.sheet.as_deref(), Some("#1"));
        stream.truncate(stream.len() - 18);
        assert!(check_biff_extents(&stream, &limits).is_ok());
        // Five sheets of A1:ALL1000 (a million cells each) are each within the limit, and
        // more than four sheets' worth together.
        let mut stream = record(BIFF_BOF, &[0; 16]);
        for _ in 0..5 {
            stream.extend(record(BIFF_BOF, &[0; 16]));
            stream.extend(number(0, 0));
            stream.extend(number(999, 999));
        }
        let err = check_biff_extents(&stream, &limits).unwrap_err();
        assert_eq!(err.sheet.as_deref(), Some("#5"));
    }

    #[test]
    fn merged_block_written_backwards_is_the_same_block() {
        // `<mergeCell ref="B6:A5"/>`: the corners of A5:B6, bottom-right first.
        let mut grid = SparseGrid {
            rows: [(4, vec!["Lead".to_owned()]), (5, vec![String::new()])].into(),
            slots: 2,
            limit: 100,
            row_limit: 100,
            visits: 0,
        };
        grid.fill_merged(&Dimensions::new((5, 1), (4, 0)), 4, 5, 1)
            .unwrap();
        assert_eq!(grid.rows[&5], vec!["Lead", "Lead"]);
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
