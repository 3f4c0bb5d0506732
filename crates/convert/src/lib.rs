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
    /// Tables of more rows than this are refused, naming the first line past it.
    pub max_rows: usize,
}

impl Default for ConvertOptions {
    fn default() -> ConvertOptions {
        ConvertOptions {
            parse: ParseOptions::default(),
            max_input_bytes: 256 * 1024 * 1024,
            max_cell_bytes: 1024 * 1024,
            max_rows: ReadLimits::default().max_rows,
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
    /// A table looked like a plan but no action could be read from it: an error, so that a
    /// batch never reports success for a document it converted into nothing.
    #[error("no action could be read from {table} (its header looked like {family}); every row would be unparsed")]
    NoActions {
        /// The sheet, or "the text".
        table: String,
        /// The family its header suggested.
        family: &'static str,
    },
    /// The input is a document of a kind govtrail does not read (a PDF, a Word document, an
    /// image): named plainly, with what to do instead, rather than "no table header".
    #[error("{}; govtrail reads text dumps, CSV and workbooks — {}", .0.what, .0.hint)]
    Unsupported(OtherFormat),
    /// No table of the input looks like a governance action plan.
    #[error("not a governance action plan: {reason}")]
    NotAPlan {
        /// What was seen instead.
        reason: String,
    },
}

/// A kind of document that is not a plan format: what it is and what to do with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OtherFormat {
    /// What the bytes are ("a PDF document").
    pub what: &'static str,
    /// What to do instead ("extract its text first").
    pub hint: &'static str,
}

const EXTRACT_TEXT: &str = "extract its text first";
const SAVE_TABLE: &str = "save its action table as CSV or as a workbook, or extract its text first";

/// The kind of document `bytes` are when they are one govtrail does not read, told from their
/// content: officers' archive folders hold the PDFs and Word files the plans were published
/// in beside the plans' text dumps and workbooks. A ZIP or OLE file holding a workbook part is
/// never one of these.
pub fn other_format(bytes: &[u8]) -> Option<OtherFormat> {
    let has = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
    let format = |what, hint| Some(OtherFormat { what, hint });
    let text_start = bytes
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(bytes)
        .trim_ascii_start();
    let starts_ignoring_case = |prefix: &[u8]| {
        text_start
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    if bytes.starts_with(b"%PDF-") {
        return format("a PDF document", EXTRACT_TEXT);
    }
    if bytes.starts_with(b"{\\rtf") {
        return format("an RTF document", SAVE_TABLE);
    }
    if starts_ignoring_case(b"<!doctype html") || starts_ignoring_case(b"<html") {
        return format("an HTML page", SAVE_TABLE);
    }
    if bytes.starts_with(b"PK\x03\x04") && !has(b"xl/") && !has(b"opendocument.spreadsheet") {
        if has(b"word/document") {
            return format("a Word document (.docx)", SAVE_TABLE);
        }
        if has(b"ppt/presentation") {
            return format("a PowerPoint presentation (.pptx)", SAVE_TABLE);
        }
        if has(b"opendocument.text") {
            return format("an OpenDocument text (.odt)", SAVE_TABLE);
        }
        if has(b"opendocument.presentation") {
            return format("an OpenDocument presentation (.odp)", SAVE_TABLE);
        }
    }
    // OLE directory entries hold their stream names in UTF-16: a Word 97-2003 file has a
    // `WordDocument` stream where a workbook has `Workbook` (or `Book`).
    let utf16 =
        |name: &str| -> Vec<u8> { name.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
        && !has(&utf16("Workbook"))
        && !has(&utf16("Book"))
    {
        if has(&utf16("WordDocument")) {
            return format("a Word 97-2003 document (.doc)", SAVE_TABLE);
        }
        if has(&utf16("PowerPoint Document")) {
            return format("a PowerPoint 97-2003 presentation (.ppt)", SAVE_TABLE);
        }
        if has(&utf16("__substg1.0_")) {
            return format(
                "an Outlook message (.msg)",
                "save its attachment or its text first",
            );
        }
    }
    let image = "recognise its text (OCR) first";
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return format("a PNG image", image);
    }
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        return format("a JPEG image", image);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return format("a GIF image", image);
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return format("a TIFF image", image);
    }
    None
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

/// The seed-family parsers, each knowing one layout, in detection order.
pub fn parsers() -> [&'static dyn FamilyParser; 4] {
    [
        &govtrail_ags::AgsUpdateParser,
        &govtrail_tracker::TrackerParser,
        &govtrail_review::ReviewPlanParser,
        &govtrail_corporate::CorporatePlanParser,
    ]
}

/// The general reader, for any other table of actions.
pub const GENERAL: &dyn FamilyParser = &govtrail_plan::ActionPlanParser;

/// The lowest detection score that counts as a match.
pub const MIN_FAMILY_SCORE: f32 = 0.5;

/// The parser to read `table` with, and its score, if any reaches [`MIN_FAMILY_SCORE`].
///
/// Every parser scores on one scale: the share of its own header the table shows. The
/// general reader's score stops at [`govtrail_plan::GENERAL_SCORE_CEILING`], so a seed
/// family wins only on real evidence (most of its header), and a table that matches a seed
/// family weakly goes to the general reader. A tie goes to the seed family, then to the
/// parser later in detection order.
pub fn detect(table: &Table) -> Option<(&'static dyn FamilyParser, f32)> {
    // Scored from the last seed parser back, so that a perfect score (1, which no other score
    // can beat) ends the search: scoring reads the first rows of the table once per parser.
    let mut best: Option<(&'static dyn FamilyParser, f32)> = None;
    for parser in parsers().into_iter().rev() {
        let score = parser.score(table);
        if score >= MIN_FAMILY_SCORE && best.is_none_or(|(_, b)| score > b) {
            best = Some((parser, score));
        }
        if score >= 1.0 {
            return best;
        }
    }
    if best.is_some_and(|(_, b)| b >= govtrail_plan::GENERAL_SCORE_CEILING) {
        return best;
    }
    let general = GENERAL.score(table);
    if general >= MIN_FAMILY_SCORE && best.is_none_or(|(_, b)| general > b) {
        best = Some((GENERAL, general));
    }
    best
}

/// Reads `table` with the parser detection chose, falling back to the general reader when
/// a seed family's parser read no action from it (a layout that looked like a seed family's
/// but was not), so that a table of actions is never converted into nothing. The user's
/// layout file sends every table straight to the general reader.
fn parse_table(table: &Table, options: &ParseOptions) -> Option<DocumentOutput> {
    if !options.layout.is_empty() {
        return Some(GENERAL.parse(table, options));
    }
    let (parser, score) = detect(table)?;
    tracing::debug!(family = %parser.family(), score, "detected family");
    let doc = parser.parse(table, options);
    if !doc.actions.is_empty() || parser.family() == GENERAL.family() {
        return Some(doc);
    }
    let mut general = GENERAL.parse(table, options);
    if general.actions.is_empty() {
        return Some(doc);
    }
    general.diagnostics.push(Diagnostic::warning(
        None,
        format!(
            "the header looked like {} (score {score:.2}) but that parser read no action; read with the general reader",
            parser.family()
        ),
    ));
    Some(general)
}

/// Converts one input, whose document id is `name`. A workbook may hold several plans and
/// yields one document per plan sheet, named `<name>#<sheet>` ([`sheet_document_id`]); a
/// workbook with one plan sheet (beside a legend, a cover, a change log) yields one document
/// named `name`.
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
    if let Some(other) = other_format(bytes) {
        return Err(fail(ConvertErrorKind::Unsupported(other)));
    }
    let limits = ReadLimits {
        max_cell_bytes: options.max_cell_bytes,
        max_rows: options.max_rows,
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
    let mut plans = Vec::new();
    let mut skipped = Vec::new();
    let mut empty = Vec::new();
    let mut unconverted = Vec::new();
    for table in &tables.tables {
        let sheet = || table.sheet.clone().unwrap_or_else(|| "the text".into());
        match parse_table(table, &options.parse) {
            Some(doc) if !doc.actions.is_empty() => plans.push((table, doc)),
            Some(doc) => {
                empty.push((sheet(), doc.document.family));
                unconverted.push(table);
            }
            None => {
                skipped.push(sheet());
                unconverted.push(table);
            }
        }
    }
    let several = plans.len() > 1;
    let mut ids: Vec<String> = Vec::with_capacity(plans.len());
    let mut documents = Vec::new();
    for (table, mut doc) in plans {
        log_layout(name, &doc);
        doc.document.id = match (&table.sheet, several) {
            (Some(sheet), true) => {
                let id = unique_id(&sheet_document_id(name, sheet), |id| {
                    ids.iter().any(|taken| taken.eq_ignore_ascii_case(id))
                });
                ids.push(id.clone());
                id
            }
            _ => name.to_owned(),
        };
        doc.document.format = Some(format);
        doc.document.sheet = table.sheet.clone();
        account_for_every_row(table, &mut doc);
        documents.push(doc);
    }
    // A workbook's other sheets (a status legend, a cover, lookup lists, a sheet no action
    // could be read from) are not plans; their rows are in no document, so every document of
    // the workbook says so. Empty sheets hold nothing to lose and go unmentioned.
    if !documents.is_empty() && tables.format.is_workbook() {
        for table in unconverted.into_iter().filter(|t| !t.rows.is_empty()) {
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
        if let Some((table, family)) = empty.into_iter().next() {
            return Err(fail(ConvertErrorKind::NoActions {
                table,
                family: family.as_str(),
            }));
        }
        return Err(fail(ConvertErrorKind::NotAPlan {
            reason: format!(
                "no table header of a known family ({}, {}) in {}",
                parsers().map(|p| p.family().as_str()).join(", "),
                GENERAL.family(),
                skipped.join(", ")
            ),
        }));
    }
    Ok(documents)
}

/// At `-v`, the layout the general reader used: each column's header, role and evidence.
fn log_layout(name: &str, doc: &DocumentOutput) {
    let Some(layout) = &doc.document.layout else {
        return;
    };
    for column in &layout.columns {
        tracing::info!(
            input = name,
            column = column.index + 1,
            header = %column.header,
            role = column.role.as_str(),
            evidence = %column.evidence,
            "layout"
        );
    }
}

/// The id of the document read from sheet `sheet` of input `name`: `<name>#<sheet>`, the
/// sheet's name made safe for a file name. Excel allows `/` and `\\` nowhere in a sheet name
/// but other spreadsheets and hand-made files do (`Q1/Q2`), and a control byte or `:*?"<>|`
/// cannot be in a file name on every system; each becomes `_` (`Q1/Q2` → `Q1_Q2`).
pub fn sheet_document_id(name: &str, sheet: &str) -> String {
    let safe: String = sheet
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    format!("{name}#{safe}")
}

/// `candidate`, or when `taken` says it is taken, the first of `candidate~2`, `candidate~3`, …
/// that is not; the mark goes on the first `/`-separated part, so that a clashing folder
/// path stays one folder (`2019/plan.txt` → `2019~2/plan.txt`). Two sheets `a/b` and `a_b`
/// both become `book.xlsx#a_b`; the second is `book.xlsx#a_b~2`. `taken` must accept some
/// marked name (a name's `~N` forms are distinct from it), or this does not end.
pub fn unique_id(candidate: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    if !taken(candidate) {
        return candidate.to_owned();
    }
    let (first, rest) = match candidate.split_once('/') {
        Some((first, rest)) => (first, Some(rest)),
        None => (candidate, None),
    };
    (2u64..)
        .map(|n| match rest {
            Some(rest) => format!("{first}~{n}/{rest}"),
            None => format!("{first}~{n}"),
        })
        .find(|id| !taken(id))
        .unwrap_or_else(|| candidate.to_owned())
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
        let options = ConvertOptions {
            max_rows: 1,
            ..ConvertOptions::default()
        };
        let err = convert("long.txt", text.as_bytes(), &options).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("long.txt: line 2: the table holds more than 1 rows"));
    }

    #[test]
    fn documents_of_other_kinds_are_named_with_what_to_do() {
        let zip_part = |name: &str| [b"PK\x03\x04".as_slice(), b"\0\0", name.as_bytes()].concat();
        let cases: [(&str, Vec<u8>, &str); 5] = [
            (
                "a.pdf",
                b"%PDF-1.7\n%\xe2\xe3\n1 0 obj".to_vec(),
                "a PDF document",
            ),
            (
                "a.docx",
                zip_part("word/document.xml"),
                "a Word document (.docx)",
            ),
            (
                "a.html",
                b"\n<!DOCTYPE html><table>".to_vec(),
                "an HTML page",
            ),
            ("a.png", b"\x89PNG\r\n\x1a\n\0\0".to_vec(), "a PNG image"),
            (
                "a.doc",
                [
                    [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].as_slice(),
                    &"WordDocument"
                        .encode_utf16()
                        .flat_map(u16::to_le_bytes)
                        .collect::<Vec<u8>>(),
                ]
                .concat(),
                "a Word 97-2003 document (.doc)",
            ),
        ];
        for (name, bytes, what) in cases {
            let err = convert(name, &bytes, &ConvertOptions::default()).unwrap_err();
            assert!(
                matches!(err.kind, ConvertErrorKind::Unsupported(_)),
                "{name}: {err}"
            );
            assert!(
                err.to_string().starts_with(&format!(
                    "{name}: {what}; govtrail reads text dumps, CSV and workbooks — "
                )),
                "{err}"
            );
        }
        assert_eq!(
            other_format(&zip_part("xl/workbook.xml word/document.xml")),
            None
        );
    }

    #[test]
    fn sheet_ids_are_safe_file_names_and_unique() {
        assert_eq!(
            sheet_document_id("b.xlsx", "Q1/Q2\\x:\u{1b}"),
            "b.xlsx#Q1_Q2_x__"
        );
        let mut ids: Vec<String> = Vec::new();
        for sheet in ["a/b", "a_b", "A_B"] {
            let id = unique_id(&sheet_document_id("b.xlsx", sheet), |id| {
                ids.iter().any(|t| t.eq_ignore_ascii_case(id))
            });
            ids.push(id);
        }
        assert_eq!(ids, ["b.xlsx#a_b", "b.xlsx#a_b~2", "b.xlsx#A_B~3"]);
        assert_eq!(
            unique_id("2019/plan.txt", |id| id == "2019/plan.txt"),
            "2019~2/plan.txt"
        );
    }

    #[test]
    fn empty_and_binary_inputs_are_refused() {
        let err = convert("empty.txt", b"  \n", &ConvertOptions::default()).unwrap_err();
        assert_eq!(err.to_string(), "empty.txt: the file is empty");
        let err = convert("x.bin", b"\x00\x01\x02", &ConvertOptions::default()).unwrap_err();
        assert!(err.to_string().starts_with("x.bin: the file is binary"));
    }
}
