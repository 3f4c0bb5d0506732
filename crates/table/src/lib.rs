//! Rows of cells, whatever the input was stored as.
//!
//! Council plans arrive as tab-separated PDF text dumps, CSV exports and workbooks (`.xlsx`,
//! `.xlsm`, `.xlsb`, `.xls`, `.ods`). [`read_tables`] tells them apart by content and every
//! reader here yields the same [`Table`] of [`Row`]s, each row carrying its 1-based line (or
//! sheet row), so a family parser never knows where its rows came from. Readers take bytes or
//! text, never paths: reading files is the caller's business.
//!
//! ```
//! let table = govtrail_table::read_text_dump("Issue\tKey improvement area\r\n1\tCyber Security\n");
//! assert_eq!(table.rows[1].line, 2);
//! assert_eq!(table.rows[1].cell(1), "Cyber Security");
//! ```
#![deny(missing_docs)]

mod cell_text;
mod decode;
mod delimited;
mod error;
mod ods;
mod scan;
mod textdump;
mod workbook;
mod xlsx_strings;

pub use decode::{decode, decode_text, Decoded, Encoding, ReadWarning};
pub use delimited::{read_csv, sniff_delimiter};
pub use error::{TableError, TableErrorKind};
pub use scan::first_byte_where;
pub use textdump::read_text_dump;
pub use workbook::{read_workbook, read_workbook_within};

/// Bounds on what reading one input may hold, so that a small hostile file cannot take the
/// machine's memory: every limit is checked while reading, before the data is laid out.
#[derive(Clone, Debug)]
pub struct ReadLimits {
    /// The longest cell, in bytes of text.
    pub max_cell_bytes: usize,
    /// The most cells one sheet may hold, counting the empty cells before a row's last one.
    pub max_sheet_cells: usize,
    /// The most rows one table may hold: lines of a text input, rows of a sheet. Real plans
    /// hold a few thousand; the family parsers keep a structure per row, so this bounds what
    /// a file of millions of short rows may cost.
    pub max_rows: usize,
    /// The most bytes the members of a workbook's ZIP archive (or an `.xls` workbook stream)
    /// may inflate to, all together.
    pub max_inflated_bytes: u64,
}

impl Default for ReadLimits {
    fn default() -> ReadLimits {
        ReadLimits {
            max_cell_bytes: 1024 * 1024,
            max_sheet_cells: 4_000_000,
            max_rows: 50_000,
            max_inflated_bytes: 512 * 1024 * 1024,
        }
    }
}

/// How an input was stored, as told by its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    /// Tab-separated text.
    TextDump,
    /// Comma- or semicolon-separated values.
    Csv,
    /// Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Legacy Excel workbook (`.xls`).
    Xls,
    /// Excel binary workbook (`.xlsb`).
    Xlsb,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
}

impl SourceFormat {
    /// True for the formats that hold sheets.
    pub fn is_workbook(self) -> bool {
        !matches!(self, SourceFormat::TextDump | SourceFormat::Csv)
    }
}

/// Every table of an input, and how it was stored.
#[derive(Clone, Debug)]
pub struct Tables {
    /// The storage format detected from the bytes.
    pub format: SourceFormat,
    /// One table per worksheet that could be read (one for text).
    pub tables: Vec<Table>,
    /// Why each worksheet that could not be read was not (each error names its sheet).
    pub unreadable: Vec<TableError>,
    /// What reading repaired (text lines decoded apart, control characters removed).
    pub warnings: Vec<ReadWarning>,
}

/// Reads any supported input from its bytes, detecting the format from the content, never
/// from a file name: ZIP or OLE bytes are a workbook ([`read_workbook`]); other bytes must
/// be text ([`decode_text`]), read as CSV when a `,` or `;` cuts it into regular records
/// ([`sniff_delimiter`]), else as a tab-separated dump ([`read_text_dump`]).
///
/// ```
/// use govtrail_table::{read_tables, SourceFormat};
/// let csv = read_tables(b"Ref,Action\r\nS1,\"Review, then report\"\r\n").unwrap();
/// assert_eq!(csv.format, SourceFormat::Csv);
/// assert_eq!(csv.tables[0].rows[1].cell(1), "Review, then report");
/// let dump = read_tables(b"Issue\tArea\n1\tCyber, data and risk\n").unwrap();
/// assert_eq!(dump.format, SourceFormat::TextDump);
/// ```
pub fn read_tables(bytes: &[u8]) -> Result<Tables, TableError> {
    read_tables_within(bytes, &ReadLimits::default())
}

/// [`read_tables`] within `limits`.
///
/// ```
/// use govtrail_table::{read_tables_within, ReadLimits, TableErrorKind};
/// let limits = ReadLimits { max_cell_bytes: 8, ..ReadLimits::default() };
/// let err = read_tables_within(b"Issue\tArea\n1\tCyber Security\n", &limits).unwrap_err();
/// assert!(matches!(err.kind, TableErrorKind::CellTooLarge { size: 14, limit: 8 }));
/// assert_eq!(err.line, Some(2));
/// ```
pub fn read_tables_within(bytes: &[u8], limits: &ReadLimits) -> Result<Tables, TableError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(TableError::new(TableErrorKind::Empty));
    }
    if workbook::looks_like_workbook(bytes) {
        return read_workbook_within(bytes, limits);
    }
    let Decoded { text, warnings, .. } = decode(bytes)?;
    check_line_count(&text, limits.max_rows)?;
    let dump = read_text_dump(&text);
    let (format, table) = match delimited::sniff_delimiter_of_dump(&text, &dump) {
        Some(delimiter) => (SourceFormat::Csv, read_csv(&text, delimiter)?),
        None => (SourceFormat::TextDump, dump),
    };
    check_cell_sizes(&table, limits.max_cell_bytes)?;
    Ok(Tables {
        format,
        tables: vec![table],
        unreadable: Vec::new(),
        warnings,
    })
}

/// Refuses a text of more than `limit` lines before any line is cut into cells: a 65 MB
/// dump of six million one-word rows is refused at line `limit + 1` holding only its text.
/// A CSV record spans one line or more, so this bounds CSV records too.
///
/// ```
/// use govtrail_table::{read_tables_within, ReadLimits, TableErrorKind};
/// let limits = ReadLimits { max_rows: 2, ..ReadLimits::default() };
/// assert!(read_tables_within(b"Ref\tAction\nS1\tClose\n", &limits).is_ok());
/// let err = read_tables_within(b"Ref\tAction\nS1\tClose\nS2\tOpen", &limits).unwrap_err();
/// assert!(matches!(err.kind, TableErrorKind::TooManyRows { limit: 2 }));
/// assert_eq!(err.line, Some(3));
/// ```
fn check_line_count(text: &str, limit: usize) -> Result<(), TableError> {
    let too_many = TableError::new(TableErrorKind::TooManyRows { limit }).at_line(limit + 1);
    let Some(last_break) = limit.checked_sub(1) else {
        return Err(too_many);
    };
    match text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .nth(last_break)
    {
        Some((at, _))
            if text
                .get(at + 1..)
                .is_some_and(|rest| !rest.trim().is_empty()) =>
        {
            Err(too_many)
        }
        _ => Ok(()),
    }
}

/// Refuses a text table with a cell over `limit` bytes, naming its line.
fn check_cell_sizes(table: &Table, limit: usize) -> Result<(), TableError> {
    for row in &table.rows {
        if let Some(cell) = row.cells.iter().find(|c| c.len() > limit) {
            let size = cell.len();
            return Err(
                TableError::new(TableErrorKind::CellTooLarge { size, limit }).at_line(row.line),
            );
        }
    }
    Ok(())
}

/// One row of cells with its position in the input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of a text input, or 1-based row of a sheet.
    pub line: usize,
    /// The cells, as read (not trimmed).
    pub cells: Vec<String>,
}

impl Row {
    /// A row at `line` with `cells`.
    pub fn new(line: usize, cells: Vec<String>) -> Row {
        Row { line, cells }
    }

    /// Cell `i`, trimmed, or `""` past the end.
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.trim())
    }

    /// True when every cell is empty or white space.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    /// How many cells hold something other than white space.
    pub fn filled(&self) -> usize {
        self.cells.iter().filter(|c| !c.trim().is_empty()).count()
    }

    /// The one value of a row whose filled cells all hold the same text, trimmed.
    ///
    /// A workbook title merged across A1:E1 reads as five copies of the title (merged blocks
    /// are filled in); it is still a one-value line, as the same title alone in a text dump.
    ///
    /// ```
    /// use govtrail_table::Row;
    /// let merged = Row::new(1, vec!["Action Plan".into(), "Action Plan".into(), "".into()]);
    /// assert_eq!(merged.sole_value(), Some("Action Plan"));
    /// assert_eq!(Row::new(2, vec!["1".into(), "Cyber".into()]).sole_value(), None);
    /// ```
    pub fn sole_value(&self) -> Option<&str> {
        let mut filled = self
            .cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty());
        let first = filled.next()?;
        filled.all(|c| c == first).then_some(first)
    }

    /// Indices of the cells that hold something.
    pub fn filled_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, _)| i)
    }

    /// The cells joined by tabs, as the row would be printed in a text dump.
    pub fn text(&self) -> String {
        self.cells.join("\t")
    }
}

/// The rows of one table: a whole text dump or CSV file, or one sheet of a workbook.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The sheet name, for workbooks.
    pub sheet: Option<String>,
    /// Non-blank rows in input order. Blank rows are dropped; positions stay those of the input.
    pub rows: Vec<Row>,
}

impl Table {
    /// A table of `rows` from no sheet.
    pub fn new(rows: Vec<Row>) -> Table {
        Table { sheet: None, rows }
    }

    /// The row at input line `line`, if it is not blank.
    pub fn row_at(&self, line: usize) -> Option<&Row> {
        self.rows
            .binary_search_by_key(&line, |r| r.line)
            .ok()
            .map(|i| &self.rows[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_is_trimmed_and_total() {
        let row = Row::new(3, vec![" 1 ".into(), "".into()]);
        assert_eq!(row.cell(0), "1");
        assert_eq!(row.cell(5), "");
        assert_eq!(row.filled(), 1);
        assert!(!row.is_blank());
        assert_eq!(row.filled_indices().collect::<Vec<_>>(), vec![0]);
    }

    #[test]
    fn format_is_told_from_the_content() {
        let cases: &[(&str, &[u8], SourceFormat, &str)] = &[
            (
                "Windows-1252 semicolon CSV with a BOM-less pound sign",
                b"Ref;Action\r\nS1;\"Budget \xA36.5m; savings\"\r\n",
                SourceFormat::Csv,
                "Budget £6.5m; savings",
            ),
            (
                "UTF-8 CSV with a byte-order mark",
                b"\xEF\xBB\xBFRef,Action\nS1,Close\n",
                SourceFormat::Csv,
                "Close",
            ),
            (
                "tab dump whose prose has commas and quotes",
                b"Issue\tArea\n1\tThe \"10 Steps\", risk, data\n",
                SourceFormat::TextDump,
                "The \"10 Steps\", risk, data",
            ),
        ];
        for (name, bytes, format, cell) in cases {
            let tables = read_tables(bytes).unwrap();
            assert_eq!(tables.format, *format, "{name}");
            assert_eq!(tables.tables[0].rows[1].cell(1), *cell, "{name}");
        }
    }

    #[test]
    fn row_at_finds_by_line() {
        let t = read_text_dump("a\n\nb\tc\n");
        assert_eq!(t.row_at(3).map(|r| r.cell(1)), Some("c"));
        assert!(t.row_at(2).is_none());
    }
}
