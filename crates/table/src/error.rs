//! Errors that stop a whole input from being read, with the position where one is known.

/// Why an input could not be read as a table.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}{kind}", position(*.line, .sheet.as_deref()))]
pub struct TableError {
    /// What went wrong.
    pub kind: TableErrorKind,
    /// 1-based line (or sheet row) where it went wrong, when there is one.
    pub line: Option<usize>,
    /// The sheet, for workbooks.
    pub sheet: Option<String>,
}

fn position(line: Option<usize>, sheet: Option<&str>) -> String {
    match (sheet, line) {
        (Some(s), Some(l)) => format!("sheet {s:?} row {l}: "),
        (Some(s), None) => format!("sheet {s:?}: "),
        (None, Some(l)) => format!("line {l}: "),
        (None, None) => String::new(),
    }
}

impl TableError {
    /// An error of `kind` with no position.
    pub fn new(kind: TableErrorKind) -> TableError {
        TableError {
            kind,
            line: None,
            sheet: None,
        }
    }

    /// The same error at `line`.
    pub fn at_line(mut self, line: usize) -> TableError {
        self.line = Some(line);
        self
    }

    /// The same error in sheet `sheet`.
    pub fn in_sheet(mut self, sheet: &str) -> TableError {
        self.sheet = Some(sheet.to_owned());
        self
    }
}

/// The kinds of [`TableError`].
#[derive(Clone, Debug, thiserror::Error)]
pub enum TableErrorKind {
    /// The input has no bytes, or only white space.
    #[error("the file is empty")]
    Empty,
    /// The input holds bytes no text file has (NUL, control bytes).
    #[error("the file is binary, not text (byte 0x{byte:02x} at offset {offset})")]
    Binary {
        /// The offending byte.
        byte: u8,
        /// Its offset in the input.
        offset: usize,
    },
    /// The input is neither UTF-8 nor Windows-1252.
    #[error("the text is neither UTF-8 nor Windows-1252 (byte 0x{byte:02x} at offset {offset})")]
    Encoding {
        /// The offending byte.
        byte: u8,
        /// Its offset in the input.
        offset: usize,
    },
    /// A CSV record could not be read.
    #[error("unreadable CSV record: {message}")]
    Csv {
        /// The CSV reader's message.
        message: String,
    },
    /// The workbook is encrypted: Excel stores a password-protected `.xlsx` as an OLE file
    /// holding an `EncryptedPackage` stream, and a protected `.xls` with a FILEPASS record.
    #[error("the workbook is password-protected")]
    PasswordProtected,
    /// The bytes start like a workbook but the workbook reader failed on them.
    #[error("truncated or corrupt workbook: {message}")]
    CorruptWorkbook {
        /// The workbook reader's message.
        message: String,
    },
    /// A cell is longer than [`crate::ReadLimits::max_cell_bytes`].
    #[error("a cell of {size} bytes is over the limit of {limit} bytes")]
    CellTooLarge {
        /// The cell's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A sheet holds more cells than [`crate::ReadLimits::max_sheet_cells`] (counting the
    /// empty cells it spreads over, and those its merged blocks cover).
    #[error("the sheet spreads over more than {limit} cells")]
    TooManyCells {
        /// The limit.
        limit: usize,
    },
    /// A table holds more rows than [`crate::ReadLimits::max_rows`]; the error's line is
    /// the first one past the limit.
    #[error("the table holds more than {limit} rows (a plan holds a few thousand)")]
    TooManyRows {
        /// The limit.
        limit: usize,
    },
    /// A workbook's parts inflate to more than [`crate::ReadLimits::max_inflated_bytes`]: a
    /// ZIP bomb, or a workbook too large to read.
    #[error("the workbook's parts inflate to more than {limit} bytes (at {member})")]
    InflatesTooLarge {
        /// The part being inflated when the limit was passed.
        member: String,
        /// The limit.
        limit: u64,
    },
    /// The bytes are no workbook: not a ZIP or OLE file, or one that holds no workbook (a
    /// `.docx`, a `.doc`).
    #[error("not a workbook: {found}")]
    NotAWorkbook {
        /// What the bytes are instead.
        found: &'static str,
    },
}
