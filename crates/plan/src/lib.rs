//! The general reader: any council's table of actions whose header names the usual roles.
//!
//! The seed families each know one layout; councils print hundreds. This reader works the
//! layout out from the header words ([`govtrail_parse::layout`]) and the cells, then reads
//! its rows on the row engine ([`govtrail_parse::rows`]) as the broadest profile, and records the layout it used in `document.layout`, so a wrong guess can
//! be seen and overruled with a layout file.
//!
//! ```
//! use govtrail_parse::{FamilyParser, ParseOptions};
//! use govtrail_table::{Row, Table};
//! let text = "Action Plan – position as at 31 March 2024\n\
//!             No.\tAction\tLead Officer\tTarget Date\tRAG\tProgress\n\
//!             1\tRefresh the risk register\tHead of Audit\tJune 2024\tGreen\tDraft ready.\n";
//! let rows = text.lines().enumerate()
//!     .map(|(i, l)| Row::new(i + 1, l.split('\t').map(str::to_owned).collect())).collect();
//! let doc = govtrail_plan::ActionPlanParser.parse(&Table::new(rows), &ParseOptions::default());
//! assert_eq!(doc.actions[0].owners, vec!["Head of Audit"]);
//! assert_eq!(doc.actions[0].status[0].raw, "Green");
//! assert_eq!(doc.document.as_at.map(|d| d.to_string()).as_deref(), Some("2024-03-31"));
//! ```
#![deny(missing_docs)]

mod header;
mod record;

use govtrail_model::{ColumnRole, Diagnostic, DocumentOutput, Family};
use govtrail_parse::clean::{fold_whitespace, is_page_footer};
use govtrail_parse::layout::{fill_from_cells, looks_like_ref, LayoutOverride};
use govtrail_parse::rows::{read_rows, Banner, RowProfile};
use govtrail_parse::{settle_as_at, FamilyParser, ParseOptions};
use govtrail_table::{Row, Table};
use header::{find_header, HeaderBlock, MIN_HEADER_ROLES};
use record::{Columns, RecordRows};
use std::collections::HashMap;

/// The parser of family `action-plan`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ActionPlanParser;

/// The highest detection score the general reader gives: a seed family's parser that
/// recognises at least this share of its own header beats it, since it knows its layout's
/// quirks; below that the general reader, which reads any header naming enough roles, wins.
pub const GENERAL_SCORE_CEILING: f32 = 0.75;

/// Roles a header must name for the general reader to be sure of it (score at the ceiling).
const FULL_HEADER_ROLES: usize = 5;

impl FamilyParser for ActionPlanParser {
    fn family(&self) -> Family {
        Family::ActionPlan
    }

    /// On the seed families' scale: the share of `FULL_HEADER_ROLES` the best header names,
    /// times the ceiling; a table with no header naming three roles scores 0.
    fn score(&self, table: &Table) -> f32 {
        let Some(block) = find_header(table, &LayoutOverride::default()) else {
            return 0.0;
        };
        let named = block
            .layout
            .columns
            .iter()
            .filter(|c| c.role != ColumnRole::Other)
            .count()
            .min(FULL_HEADER_ROLES);
        if named < MIN_HEADER_ROLES {
            return 0.0;
        }
        GENERAL_SCORE_CEILING * named as f32 / FULL_HEADER_ROLES as f32
    }

    fn parse(&self, table: &Table, options: &ParseOptions) -> DocumentOutput {
        let mut out = DocumentOutput::new("", Family::ActionPlan);
        let Some(block) = find_header(table, &options.layout) else {
            for row in &table.rows {
                out.unparsed
                    .push(govtrail_parse::unparsed_row(row, "no table header found"));
            }
            out.diagnostics.push(Diagnostic::warning(
                None,
                "no row names enough columns (action, owner, due date, status, update ...) to read the table",
            ));
            return out;
        };
        let reader = Reader::new(table, block, options);
        reader.read(table, options, &mut out);
        out
    }
}

/// One reading of a table: the header found and the columns settled, answering the row
/// engine's questions ([`govtrail_parse::rows`]) for the general layout.
struct Reader<'t> {
    block: HeaderBlock,
    columns: Columns,
    user: &'t LayoutOverride,
    /// One-value lines printed more than once under the header: running headers and footers
    /// of the pages.
    repeated_lines: HashMap<String, usize>,
    /// Lines of the header block found, still to be passed; empty once the table has begun.
    block_lines: Vec<usize>,
    /// The banner over the rows being read ("Aim A: A strong local economy").
    section: Option<String>,
}

impl<'t> Reader<'t> {
    fn new(table: &Table, mut block: HeaderBlock, options: &'t ParseOptions) -> Reader<'t> {
        let after = block.rows.last().map_or(0, |&i| i + 1);
        let data = &table.rows[after.min(table.rows.len())..];
        let width = block.layout.columns.len();
        let cells: Vec<Vec<&str>> = (0..width)
            .map(|i| data.iter().map(|r| r.cell(i)).collect())
            .collect();
        fill_from_cells(&mut block.layout, &cells);
        options.layout.apply(&mut block.layout);
        let mut repeated_lines: HashMap<String, usize> = HashMap::new();
        for row in data {
            if let Some(value) = row.sole_value() {
                *repeated_lines.entry(fold_whitespace(value)).or_default() += 1;
            }
        }
        repeated_lines.retain(|_, n| *n > 1);
        let block_lines = block.rows.iter().map(|&i| table.rows[i].line).collect();
        Reader {
            columns: Columns::new(&block.layout),
            block,
            user: &options.layout,
            repeated_lines,
            block_lines,
            section: None,
        }
    }

    fn read(mut self, table: &Table, options: &ParseOptions, out: &mut DocumentOutput) {
        let first_header = self.block.rows[0];
        let preamble = &table.rows[..first_header];
        out.document.title = document_title(preamble);
        let as_at = record::as_at(preamble, &self.block.layout);
        settle_as_at(out, as_at, options);
        let reading = read_rows(&table.rows, &mut self);
        out.structure.extend(reading.structure);
        out.unparsed.extend(reading.unparsed);
        out.document.layout = Some(self.block.layout.clone());
        record::build_actions(reading.records, &self.columns, out);
    }

    /// Whether the row has a ref printed in the ref column.
    fn printed_ref(&self, row: &Row) -> bool {
        self.columns
            .get(ColumnRole::Ref)
            .is_some_and(|i| looks_like_ref(row.cell(i)))
    }

    /// A banner: one value, printed at the left of the table where no action text sits, not
    /// a sentence carried over from the row above.
    ///
    /// ```text
    /// Code  Status     Key Action                        Target Date
    /// Aim A: A strong and growing local economy
    /// A1    On target  Adopt the town centre masterplan  Q4 2016/17
    /// ```
    fn is_banner(&self, row: &Row) -> bool {
        let Some(value) = row.sole_value() else {
            return false;
        };
        let first = row.filled_indices().next().unwrap_or(0);
        let text_column = self.columns.get(ColumnRole::Text).unwrap_or(usize::MAX);
        first < text_column
            && value.len() <= MAX_BANNER_BYTES
            && !value.trim_end().ends_with(['.', ';', ','])
    }

    /// A row without a printed ref opens a record of its own when it holds an action text
    /// and something only a record has: its topic, owner, due date or status (the rows of a
    /// group whose merged ref cell was printed on the first row only).
    fn opens_record(&self, row: &Row) -> bool {
        self.columns.filled(row, ColumnRole::Text)
            && [
                ColumnRole::Title,
                ColumnRole::Owner,
                ColumnRole::Due,
                ColumnRole::Status,
            ]
            .into_iter()
            .any(|role| self.columns.filled(row, role))
    }
}

impl RowProfile for Reader<'_> {
    type Record = RecordRows;

    /// A one-value line printed more than once under the header, as every page prints its
    /// running title.
    fn is_running_line(&mut self, row: &Row) -> bool {
        self.block_lines.is_empty()
            && row
                .sole_value()
                .is_some_and(|value| self.repeated_lines.contains_key(&fold_whitespace(value)))
    }

    /// The rows of the header block found, then any repeat of it, whole or damaged.
    fn is_header(&mut self, row: &Row) -> bool {
        if let Some(&next) = self.block_lines.first() {
            if next != row.line {
                return false;
            }
            self.block_lines.remove(0);
            return true;
        }
        self.block.repeats_in(row, self.user)
    }

    fn preamble(&mut self, row: &Row) -> Result<Banner, String> {
        Ok(if is_legend(row) {
            Banner::Legend
        } else {
            Banner::Title
        })
    }

    /// A banner, unless the row prints a ref (a record whose other cells are empty).
    fn banner(&mut self, row: &Row) -> Option<Banner> {
        if self.printed_ref(row) || !self.is_banner(row) {
            return None;
        }
        self.section = row.sole_value().map(govtrail_parse::clean::html_to_text);
        Some(Banner::Section)
    }

    /// A row with a printed ref, with an action text and a field only a record has, or the
    /// first row holding an action text.
    fn open(&mut self, row: &Row, current: Option<&RecordRows>) -> Option<RecordRows> {
        let opens = self.printed_ref(row)
            || self.opens_record(row)
            || current.is_none() && self.columns.filled(row, ColumnRole::Text);
        opens.then(|| RecordRows::new(row, self.section.clone()))
    }

    fn extend(&mut self, record: &mut RecordRows, row: &Row) {
        record.add(row);
    }
}

/// The longest banner, in bytes.
const MAX_BANNER_BYTES: usize = 160;

/// A key to the document's codes or ratings, printed above the table ("Key: % complete up
/// to 25% = Red", "RAG key: Green – on target", "Importance  V – vital  HD – highly ...").
fn is_legend(row: &Row) -> bool {
    let text = row.text().to_lowercase();
    let keyed = text.trim_start().starts_with("key")
        || text.contains(" key:")
        || text.contains("key:")
        || text.starts_with("status key")
        || text.starts_with("rag key");
    let definitions = row
        .cells
        .iter()
        .filter(|c| c.contains(" – ") || c.contains(" - ") || c.contains(" = "))
        .count();
    keyed || definitions >= 2
}

/// The document's title: the first preamble line that names a plan, report or statement,
/// else the first line that is not an appendix label or a marking.
fn document_title(preamble: &[Row]) -> Option<String> {
    const TITLE_WORDS: [&str; 8] = [
        "plan",
        "statement",
        "report",
        "tracker",
        "schedule",
        "review",
        "programme",
        "recommendations",
    ];
    let lines: Vec<String> = preamble
        .iter()
        .filter_map(|r| r.sole_value())
        .map(fold_whitespace)
        .filter(|l| !is_page_footer(l) && !l.to_lowercase().starts_with("appendix"))
        .collect();
    lines
        .iter()
        .find(|l| {
            let lower = l.to_lowercase();
            TITLE_WORDS.iter().any(|w| lower.contains(w))
        })
        .or(lines.first())
        .cloned()
}

#[cfg(test)]
mod tests;
