//! The normalised actions as one spreadsheet row each, for people who live in Excel.
//!
//! An auditor filters and pivots actions in a spreadsheet rather than reading JSON; this crate
//! flattens each action of the converted documents into one row ([`COLUMNS`]) and writes the
//! rows as CSV (with a UTF-8 byte-order mark, which Excel needs to read UTF-8) or as an xlsx
//! workbook (frozen header row, autofilter, column widths). It writes to a buffer or writer and
//! never touches the file system.
//!
//! ```
//! use govtrail_export::{rows, write_csv, Filter};
//! use govtrail_model::{Action, ActionKind, DocumentOutput, Family};
//! let mut doc = DocumentOutput::new("plan.txt", Family::GovernanceReviewPlan);
//! doc.document.year = Some(2022);
//! let mut action = Action::new(Some("S1".into()), ActionKind::Action, 4);
//! action.owners = vec!["Chief Executive".into(), "Director of Finance".into()];
//! doc.actions.push(action);
//! let mut csv = Vec::new();
//! write_csv(&rows(&[doc], &Filter::default()), &mut csv).unwrap();
//! let text = String::from_utf8(csv).unwrap();
//! assert!(text.starts_with("\u{feff}document,year,family,ref,"));
//! assert!(text.contains("plan.txt,2022,governance-review-plan,S1,action,,,,Chief Executive; Director of Finance,"));
//! ```
#![deny(missing_docs)]

use chrono::Datelike;
use govtrail_model::{Action, DocumentOutput, Family};

/// The columns of an export, in order: `(header, width in characters in the workbook)`.
pub const COLUMNS: [(&str, f64); 15] = [
    ("document", 28.0),
    ("year", 6.0),
    ("family", 24.0),
    ("ref", 10.0),
    ("kind", 14.0),
    ("parent", 10.0),
    ("title", 30.0),
    ("text", 60.0),
    ("owners", 30.0),
    ("due_raw", 16.0),
    ("due_date", 11.0),
    ("status_raw", 24.0),
    ("rag", 11.0),
    ("latest_update", 60.0),
    ("source_line", 8.0),
];

/// Joins an action's owners in one cell.
pub const OWNER_SEPARATOR: &str = "; ";

/// Which actions to export; an empty list lets every value through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Document years to keep.
    pub years: Vec<i32>,
    /// Families to keep.
    pub families: Vec<Family>,
    /// Document ids to keep (`<input file name>`, with `#<sheet>` for a workbook sheet).
    pub documents: Vec<String>,
}

impl Filter {
    /// Whether `doc`'s actions are exported.
    pub fn keeps(&self, doc: &DocumentOutput) -> bool {
        let d = &doc.document;
        (self.years.is_empty() || d.year.is_some_and(|y| self.years.contains(&y)))
            && (self.families.is_empty() || self.families.contains(&d.family))
            && (self.documents.is_empty() || self.documents.contains(&d.id))
    }
}

/// One action as a row: the document it is in and its fields, flattened.
#[derive(Clone, Debug, PartialEq)]
pub struct Row<'a> {
    /// The document's id.
    pub document: &'a str,
    /// The document's year.
    pub year: Option<i32>,
    /// The document's family.
    pub family: Family,
    /// The action.
    pub action: &'a Action,
}

impl Row<'_> {
    /// The row's cells as text, in [`COLUMNS`] order (what the CSV holds).
    pub fn cells(&self) -> [String; COLUMNS.len()] {
        let a = self.action;
        let status = a.latest_status();
        [
            self.document.to_owned(),
            self.year.map(|y| y.to_string()).unwrap_or_default(),
            self.family.as_str().to_owned(),
            a.reference.clone().unwrap_or_default(),
            a.kind.as_str().to_owned(),
            a.parent.clone().unwrap_or_default(),
            a.title.clone().unwrap_or_default(),
            a.text.clone(),
            a.owners.join(OWNER_SEPARATOR),
            a.due.as_ref().map(|d| d.raw.clone()).unwrap_or_default(),
            a.due
                .as_ref()
                .and_then(|d| d.date)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            status.map(|s| s.raw.clone()).unwrap_or_default(),
            status
                .and_then(|s| s.rag)
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
            a.latest_update()
                .map(|u| u.text.clone())
                .unwrap_or_default(),
            a.source.line.to_string(),
        ]
    }
}

/// The rows of the actions of `documents` that `filter` keeps, in document then action order.
pub fn rows<'a>(documents: &'a [DocumentOutput], filter: &Filter) -> Vec<Row<'a>> {
    documents
        .iter()
        .filter(|d| filter.keeps(d))
        .flat_map(|d| {
            d.actions.iter().map(|action| Row {
                document: &d.document.id,
                year: d.document.year,
                family: d.document.family,
                action,
            })
        })
        .collect()
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the CSV failed.
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Writing the CSV's byte-order mark failed.
    #[error("cannot write the CSV: {0}")]
    Io(#[from] std::io::Error),
    /// A cell is longer than Excel holds (32,767 characters); CSV has no such limit.
    #[error("{document}: line {line}: the {column} is {chars} characters, more than an Excel cell holds (32767); export as CSV instead")]
    CellTooLong {
        /// The document.
        document: String,
        /// The action's source line.
        line: usize,
        /// The column.
        column: &'static str,
        /// The cell's length in characters.
        chars: usize,
    },
    /// More actions than an Excel sheet has rows (1,048,575 below the header).
    #[error("{0} actions are more than an Excel sheet holds (1048575); filter by --year, --family or --document, or export as CSV")]
    TooManyRows(usize),
    /// The workbook writer failed.
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Writes `rows` as CSV with a header row, after a UTF-8 byte-order mark: without it Excel
/// reads the file as the local code page and shows `Councilâ€™s` for `Council’s`.
pub fn write_csv(rows: &[Row], out: impl std::io::Write) -> Result<(), ExportError> {
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())?;
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(COLUMNS.map(|(name, _)| name))?;
    for row in rows {
        csv.write_record(row.cells())?;
    }
    csv.flush()?;
    Ok(())
}

/// Excel's limit on the characters of one cell.
const EXCEL_CELL_CHARS: usize = 32_767;
/// Excel's rows per sheet, the header included.
const EXCEL_ROWS: usize = 1_048_576;

/// `rows` as an xlsx workbook: one sheet, a bold header row frozen above an autofilter, column
/// widths for the content; year and source line as numbers, the due date as a date.
pub fn xlsx(rows: &[Row]) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    if rows.len() >= EXCEL_ROWS {
        return Err(ExportError::TooManyRows(rows.len()));
    }
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("actions")?;
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (col, (name, width)) in (0u16..).zip(COLUMNS) {
        sheet.write_string_with_format(0, col, name, &header)?;
        sheet.set_column_width(col, width)?;
    }
    for (r, row) in (1u32..).zip(rows) {
        let a = row.action;
        for (col, ((name, _), cell)) in (0u16..).zip(COLUMNS.iter().zip(row.cells())) {
            if cell.is_empty() {
                continue;
            }
            let chars = cell.chars().count();
            if chars > EXCEL_CELL_CHARS {
                return Err(ExportError::CellTooLong {
                    document: row.document.to_owned(),
                    line: a.source.line,
                    column: name,
                    chars,
                });
            }
            match *name {
                "year" | "source_line" => match cell.parse::<f64>() {
                    Ok(n) => sheet.write_number(r, col, n)?,
                    Err(_) => sheet.write_string(r, col, cell)?,
                },
                "due_date" => match a.due.as_ref().and_then(|d| d.date) {
                    Some(d) => {
                        let when = ExcelDateTime::from_ymd(
                            u16::try_from(d.year()).unwrap_or(1900),
                            d.month() as u8,
                            d.day() as u8,
                        )?;
                        sheet.write_datetime_with_format(r, col, &when, &date)?
                    }
                    None => sheet.write_string(r, col, cell)?,
                },
                _ => sheet.write_string(r, col, cell)?,
            };
        }
    }
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, COLUMNS.len() as u16 - 1)?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::{ActionKind, DueDate, Rag, Status, Update};

    fn document(id: &str, year: i32, family: Family, refs: &[&str]) -> DocumentOutput {
        let mut doc = DocumentOutput::new(id, family);
        doc.document.year = Some(year);
        for (n, r) in refs.iter().enumerate() {
            let mut a = Action::new(Some((*r).into()), ActionKind::Action, 10 + n);
            a.text = format!("Do {r}, \"carefully\",\nand on time");
            doc.actions.push(a);
        }
        doc
    }

    fn archive() -> Vec<DocumentOutput> {
        vec![
            document("a.txt", 2019, Family::AgsActionPlanUpdate, &["1", "2"]),
            document("b.csv", 2022, Family::GovernanceReviewPlan, &["S1"]),
            document(
                "c.xlsx#Plan",
                2023,
                Family::ImprovementPlanTracker,
                &["A1", "A2"],
            ),
        ]
    }

    #[test]
    fn filters_by_year_family_and_document() {
        let docs = archive();
        let refs = |filter: Filter| -> Vec<String> {
            rows(&docs, &filter)
                .iter()
                .map(|r| {
                    format!(
                        "{}:{}",
                        r.document,
                        r.action.reference.as_deref().unwrap_or("")
                    )
                })
                .collect()
        };
        assert_eq!(refs(Filter::default()).len(), 5);
        let years = Filter {
            years: vec![2019, 2023],
            ..Filter::default()
        };
        assert_eq!(
            refs(years),
            ["a.txt:1", "a.txt:2", "c.xlsx#Plan:A1", "c.xlsx#Plan:A2"]
        );
        let family = Filter {
            families: vec![Family::GovernanceReviewPlan],
            ..Filter::default()
        };
        assert_eq!(refs(family), ["b.csv:S1"]);
        let both = Filter {
            years: vec![2019],
            documents: vec!["c.xlsx#Plan".into()],
            ..Filter::default()
        };
        assert!(refs(both).is_empty(), "filters combine with and");
    }

    #[test]
    fn a_row_holds_the_latest_status_and_update_and_the_due_date() {
        let mut doc = document("a.txt", 2023, Family::ImprovementPlanTracker, &["A1"]);
        let a = &mut doc.actions[0];
        a.owners = vec!["Chief Executive".into(), "S151 Officer".into()];
        a.due = Some(DueDate::new(
            "End March 2024",
            chrono::NaiveDate::from_ymd_opt(2024, 3, 31),
        ));
        for (period, raw, rag) in [
            ("2023-09", "On Track", Rag::Green),
            ("2023-10", "Slipping", Rag::Amber),
        ] {
            a.status.push(Status {
                period: Some(period.into()),
                raw: raw.into(),
                rag: Some(rag),
            });
            a.updates.push(Update {
                period: Some(period.into()),
                text: format!("update {period}"),
            });
        }
        let cells = rows(std::slice::from_ref(&doc), &Filter::default())[0].cells();
        let by_name = |name: &str| -> &str {
            let at = COLUMNS
                .iter()
                .position(|(n, _)| *n == name)
                .expect("column");
            &cells[at]
        };
        assert_eq!(by_name("owners"), "Chief Executive; S151 Officer");
        assert_eq!(by_name("due_raw"), "End March 2024");
        assert_eq!(by_name("due_date"), "2024-03-31");
        assert_eq!(by_name("status_raw"), "Slipping");
        assert_eq!(by_name("rag"), "amber");
        assert_eq!(by_name("latest_update"), "update 2023-10");
        assert_eq!(by_name("source_line"), "10");
    }

    #[test]
    fn csv_starts_with_a_byte_order_mark_and_quotes_what_needs_it() {
        let docs = archive();
        let mut out = Vec::new();
        write_csv(&rows(&docs, &Filter::default()), &mut out).expect("csv");
        assert!(out.starts_with(b"\xEF\xBB\xBFdocument,year,"));
        let mut reader = csv::Reader::from_reader(&out[3..]);
        let records: Vec<csv::StringRecord> =
            reader.records().map(|r| r.expect("record")).collect();
        assert_eq!(records.len(), 5);
        assert_eq!(&records[0][7], "Do 1, \"carefully\",\nand on time");
    }

    #[test]
    fn xlsx_is_a_workbook_and_refuses_a_cell_excel_cannot_hold() {
        let mut docs = archive();
        let bytes = xlsx(&rows(&docs, &Filter::default())).expect("xlsx");
        assert!(bytes.starts_with(b"PK"), "an xlsx is a zip archive");
        docs[1].actions[0].text = "x".repeat(EXCEL_CELL_CHARS + 1);
        let err = xlsx(&rows(&docs, &Filter::default()))
            .expect_err("too long")
            .to_string();
        assert!(
            err.starts_with("b.csv: line 10: the text is 32768 characters"),
            "{err}"
        );
    }
}
