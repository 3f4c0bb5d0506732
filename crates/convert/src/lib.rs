//! The conversion pipeline: bytes in, normalised documents out.
//!
//! Reads an input's tables whatever it was stored as, detects each table's family from its
//! content, runs that family's parser and checks that every non-blank row was accounted for.
//! No file system access: the caller hands in the name and the bytes.
//!
//! ```
//! use govtrail_convert::{convert, ConvertOptions};
//! let text = "Issue\tKey improvement area\tActions to be taken (responsibility and date of implementation)\tUpdate on implementation of actions as at 31 January 2019\n\
//!             1\tCyber Security The council assessed itself.\tAn improvement plan is in development. Executive Director for Resources March 2019\tA new team is in place.\n";
//! let docs = convert("plan.txt", text.as_bytes(), &ConvertOptions::default()).unwrap();
//! assert_eq!(docs[0].document.family.as_str(), "ags-action-plan-update");
//! assert_eq!(docs[0].actions[0].owners, vec!["Executive Director for Resources"]);
//! ```
#![deny(missing_docs)]

use govtrail_model::{Diagnostic, DocumentOutput, InputFormat, Level};
use govtrail_parse::{FamilyParser, ParseOptions};
use govtrail_table::{
    read_tables_within, ReadLimits, Row, SourceFormat, Table, TableError, TableErrorKind,
};

/// Limits and choices for a conversion.
#[derive(Clone, Debug)]
pub struct ConvertOptions {
    /// Options handed to the family parsers.
    pub parse: ParseOptions,
    /// Inputs larger than this are refused before they are read.
    pub max_input_bytes: u64,
    /// Cells longer than this are refused, naming their line.
    pub max_cell_bytes: usize,
}

impl Default for ConvertOptions {
    fn default() -> ConvertOptions {
        ConvertOptions {
            parse: ParseOptions::default(),
            max_input_bytes: 256 * 1024 * 1024,
            max_cell_bytes: 1024 * 1024,
        }
    }
}

/// Why an input was not converted. Displays as `file: line N: what went wrong`.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {kind}")]
pub struct ConvertError {
    /// The input's name.
    pub file: String,
    /// What went wrong.
    pub kind: ConvertErrorKind,
}

/// The kinds of [`ConvertError`].
#[derive(Debug, thiserror::Error)]
pub enum ConvertErrorKind {
    /// The bytes could not be read as a table.
    #[error(transparent)]
    Read(#[from] TableError),
    /// The input is named like a workbook (`.xlsx`, `.xls`, …) but its bytes are not one.
    /// The name only words the message: the format is always told from the content.
    #[error("named like a workbook but is not one ({0})")]
    NamedLikeWorkbook(TableError),
    /// The input is larger than [`ConvertOptions::max_input_bytes`].
    #[error("the input is {size} bytes, over the limit of {limit} bytes (--max-input-bytes)")]
    TooLarge {
        /// The input's size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A cell is longer than [`ConvertOptions::max_cell_bytes`].
    #[error("{}line {line}: a cell of {size} bytes is over the limit of {limit} bytes (--max-cell-bytes)", sheet_prefix(.sheet.as_deref()))]
    CellTooLarge {
        /// The sheet, for workbooks.
        sheet: Option<String>,
        /// The line or row.
        line: usize,
        /// The cell's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// No table of the input looks like a governance action plan.
    #[error("not a governance action plan: {reason}")]
    NotAPlan {
        /// What was seen instead.
        reason: String,
    },
}

/// The file name endings of workbooks, for wording errors only.
const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// A read error, worded for a text reader when the name promises a workbook: random bytes
/// named `book.xlsx` are "named like a workbook but is not one", not "binary, not text".
fn read_error(name: &str, error: TableError) -> ConvertErrorKind {
    if let TableErrorKind::CellTooLarge { size, limit } = error.kind {
        return ConvertErrorKind::CellTooLarge {
            sheet: error.sheet,
            line: error.line.unwrap_or_default(),
            size,
            limit,
        };
    }
    let named_like_workbook = name.rsplit_once('.').is_some_and(|(_, ext)| {
        WORKBOOK_EXTENSIONS
            .iter()
            .any(|w| ext.eq_ignore_ascii_case(w))
    });
    let read_as_text = matches!(
        error.kind,
        TableErrorKind::Binary { .. } | TableErrorKind::Encoding { .. }
    );
    if named_like_workbook && read_as_text {
        ConvertErrorKind::NamedLikeWorkbook(error)
    } else {
        ConvertErrorKind::Read(error)
    }
}

fn sheet_prefix(sheet: Option<&str>) -> String {
    sheet.map(|s| format!("sheet {s:?} ")).unwrap_or_default()
}

/// The family parsers, in detection order.
pub fn parsers() -> [&'static dyn FamilyParser; 4] {
    [
        &govtrail_ags::AgsUpdateParser,
        &govtrail_tracker::TrackerParser,
        &govtrail_review::ReviewPlanParser,
        &govtrail_corporate::CorporatePlanParser,
    ]
}

/// The lowest detection score that counts as a match.
pub const MIN_FAMILY_SCORE: f32 = 0.5;

/// The family parser whose header best matches `table`, with its score, if any reaches
/// [`MIN_FAMILY_SCORE`].
///
/// On a tie the parser later in detection order wins.
pub fn detect(table: &Table) -> Option<(&'static dyn FamilyParser, f32)> {
    // Scored from the last parser back, so that a perfect score (1, which no other score can
    // beat) ends the search: scoring reads the first rows of the table once per parser.
    let mut best: Option<(&'static dyn FamilyParser, f32)> = None;
    for parser in parsers().into_iter().rev() {
        let score = parser.score(table);
        if score >= MIN_FAMILY_SCORE && best.is_none_or(|(_, b)| score > b) {
            best = Some((parser, score));
        }
        if score >= 1.0 {
            break;
        }
    }
    best
}

/// Converts one input. A workbook may hold several plans and yields one document per plan
/// sheet, named `<name>#<sheet>`.
pub fn convert(
    name: &str,
    bytes: &[u8],
    options: &ConvertOptions,
) -> Result<Vec<DocumentOutput>, ConvertError> {
    let fail = |kind: ConvertErrorKind| ConvertError {
        file: name.to_owned(),
        kind,
    };
    let size = bytes.len() as u64;
    if size > options.max_input_bytes {
        return Err(fail(ConvertErrorKind::TooLarge {
            size,
            limit: options.max_input_bytes,
        }));
    }
    let limits = ReadLimits {
        max_cell_bytes: options.max_cell_bytes,
        ..ReadLimits::default()
    };
    let tables = read_tables_within(bytes, &limits).map_err(|e| fail(read_error(name, e)))?;
    let format = match tables.format {
        SourceFormat::TextDump => InputFormat::TextDump,
        SourceFormat::Csv => InputFormat::Csv,
        SourceFormat::Xlsx => InputFormat::Xlsx,
        SourceFormat::Xls => InputFormat::Xls,
        SourceFormat::Xlsb => InputFormat::Xlsb,
        SourceFormat::Ods => InputFormat::Ods,
    };
    let several = tables.tables.len() > 1;
    let mut documents = Vec::new();
    let mut skipped = Vec::new();
    for table in &tables.tables {
        let Some((parser, score)) = detect(table) else {
            skipped.push(table.sheet.clone().unwrap_or_else(|| "the text".into()));
            continue;
        };
        tracing::debug!(input = name, family = %parser.family(), score, "detected family");
        let mut doc = parser.parse(table, &options.parse);
        doc.document.id = match (&table.sheet, several) {
            (Some(sheet), true) => format!("{name}#{sheet}"),
            _ => name.to_owned(),
        };
        doc.document.format = Some(format);
        doc.document.sheet = table.sheet.clone();
        account_for_every_row(table, &mut doc);
        documents.push(doc);
    }
    // A workbook's other sheets (a status legend, a cover, lookup lists) are not plans; their
    // rows are in no document, so every document of the workbook says so. Empty sheets hold
    // nothing to lose and go unmentioned.
    if !documents.is_empty() && tables.format.is_workbook() {
        let unconverted = tables
            .tables
            .iter()
            .filter(|t| !t.rows.is_empty() && detect(t).is_none());
        for table in unconverted {
            for doc in &mut documents {
                doc.diagnostics.push(Diagnostic {
                    line: None,
                    level: Level::Warning,
                    message: format!(
                        "sheet {:?} of this workbook ({} rows) is not a plan of a known family; its rows are not in this output",
                        table.sheet.as_deref().unwrap_or_default(),
                        table.rows.len()
                    ),
                });
            }
        }
    }
    for warning in &tables.warnings {
        for doc in &mut documents {
            doc.diagnostics.push(Diagnostic {
                line: Some(warning.line),
                level: Level::Warning,
                message: warning.message.clone(),
            });
        }
    }
    // A sheet that could not be read fails alone: the workbook's documents name it.
    for error in &tables.unreadable {
        for doc in &mut documents {
            doc.diagnostics.push(Diagnostic {
                line: None,
                level: Level::Error,
                message: format!("this workbook's {error}; its rows are not in this output"),
            });
        }
    }
    if documents.is_empty() {
        if let Some(error) = tables.unreadable.into_iter().next() {
            return Err(fail(read_error(name, error)));
        }
        return Err(fail(ConvertErrorKind::NotAPlan {
            reason: format!(
                "no table header of a known family ({}) in {}",
                parsers().map(|p| p.family().as_str()).join(", "),
                skipped.join(", ")
            ),
        }));
    }
    Ok(documents)
}

/// The message of the diagnostic raised when a parser left a row unaccounted for.
pub const UNCLAIMED: &str = "row not claimed by the family parser; kept in unparsed";

/// The non-blank rows of `table` that `doc` accounts for nowhere (no action's source, not
/// `unparsed`, not `structure`). Empty for a correct parser; tests and fuzzers assert it.
pub fn unaccounted_rows<'t>(table: &'t Table, doc: &DocumentOutput) -> Vec<&'t Row> {
    let accounted = doc.accounted_lines();
    table
        .rows
        .iter()
        .filter(|r| !r.is_blank() && !accounted.contains(&r.line))
        .collect()
}

/// Puts any non-blank row the parser accounted for nowhere into `unparsed`, with an error
/// diagnostic: nothing an auditor might cite is ever silently dropped.
fn account_for_every_row(table: &Table, doc: &mut DocumentOutput) {
    for row in unaccounted_rows(table, doc) {
        doc.unparsed.push(govtrail_parse::unparsed_row(
            row,
            "not claimed by the parser",
        ));
        doc.diagnostics.push(Diagnostic {
            line: Some(row.line),
            level: Level::Error,
            message: UNCLAIMED.into(),
        });
    }
    doc.unparsed.sort_by_key(|u| u.line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_minutes_are_not_a_plan() {
        let minutes = "Minutes of the meeting of the Audit Committee\nPresent: Councillor A\nApologies were received.\n";
        let err = convert(
            "minutes.txt",
            minutes.as_bytes(),
            &ConvertOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(err.kind, ConvertErrorKind::NotAPlan { .. }));
        assert!(err
            .to_string()
            .starts_with("minutes.txt: not a governance action plan"));
    }

    #[test]
    fn limits_name_the_file_and_line() {
        let options = ConvertOptions {
            max_cell_bytes: 24,
            ..ConvertOptions::default()
        };
        let text = "Issue\tKey improvement area\n1\tthis cell is far too long\n";
        let err = convert("big.txt", text.as_bytes(), &options).unwrap_err();
        assert_eq!(
            err.to_string(),
            "big.txt: line 2: a cell of 25 bytes is over the limit of 24 bytes (--max-cell-bytes)"
        );
        let options = ConvertOptions {
            max_input_bytes: 4,
            ..ConvertOptions::default()
        };
        let err = convert("big.txt", text.as_bytes(), &options).unwrap_err();
        assert!(matches!(err.kind, ConvertErrorKind::TooLarge { .. }));
    }

    #[test]
    fn empty_and_binary_inputs_are_refused() {
        let err = convert("empty.txt", b"  \n", &ConvertOptions::default()).unwrap_err();
        assert_eq!(err.to_string(), "empty.txt: the file is empty");
        let err = convert("x.bin", b"\x00\x01\x02", &ConvertOptions::default()).unwrap_err();
        assert!(err.to_string().starts_with("x.bin: the file is binary"));
    }
}
