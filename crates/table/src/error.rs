//! Errors that stop a whole input from being read, with the position where one is known.

/// Why an input could not be read as a table.
#[derive(Debug, thiserror::Error)]
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
}

/// The kinds of [`TableError`].
#[derive(Debug, thiserror::Error)]
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
}
