//! The general reader: any council's table of actions whose header names the usual roles.
//!
//! The seed families each know one layout; councils print hundreds. This reader works the
//! layout out from the header words ([`govtrail_parse::layout`]) and the cells, then reads
//! rows as the seed parsers do — footer, repeated header, title, section banner, record or
//! continuation — and records the layout it used in `document.layout`, so a wrong guess can
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

use govtrail_model::{
    ColumnRole, Diagnostic, DocumentOutput, Family, StructureLine, StructureRole,
};
use govtrail_parse::clean::{fold_whitespace, is_page_footer};
use govtrail_parse::layout::{fill_from_cells, looks_like_ref, LayoutOverride};
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
        reader.read(&mut out);
        out
    }
}

/// What a row of the table is, asked in this order of every row after the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowKind {
    /// A page footer, a protective marking, or a running line repeated on every page.
    Footer,
    /// The header printed again at a page break.
    Header,
    /// A banner over the actions below it ("Aim A: A strong local economy").
    Section,
    /// The first row of a new record.
    Record,
    /// More of the record above, after a page break or a wrapped cell.
    Continuation,
}

/// One reading of a table: the header found, the columns settled, and the running state of
/// the row loop.
struct Reader<'t> {
    table: &'t Table,
    block: HeaderBlock,
    columns: Columns,
    user: &'t LayoutOverride,
    options: &'t ParseOptions,
    /// One-value lines printed more than once: running headers and footers of the pages.
    repeated_lines: HashMap<String, usize>,
}

impl<'t> Reader<'t> {
    fn new(table: &'t Table, mut block: HeaderBlock, options: &'t ParseOptions) -> Reader<'t> {
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
        Reader {
            table,
            columns: Columns::new(&block.layout),
            block,
            user: &options.layout,
            options,
            repeated_lines,
        }
    }

    fn read(self, out: &mut DocumentOutput) {
        let first_header = self.block.rows[0];
        let after = self.block.rows.last().map_or(0, |&i| i + 1);
        let preamble = &self.table.rows[..first_header];
        for row in preamble {
            let role = if is_legend(row) {
                StructureRole::Legend
            } else if row.sole_value().is_some_and(is_page_footer) {
                StructureRole::Footer
            } else {
                StructureRole::Title
            };
            out.structure.push(StructureLine {
                line: row.line,
                role,
            });
        }
        for &i in &self.block.rows {
            out.structure.push(StructureLine {
                line: self.table.rows[i].line,
                role: StructureRole::Header,
            });
        }
        out.document.title = document_title(preamble);
        let as_at = record::as_at(preamble, &self.block.layout);
        settle_as_at(out, as_at, self.options);

        let mut records: Vec<RecordRows> = Vec::new();
        let mut section: Option<String> = None;
        for row in &self.table.rows[after.min(self.table.rows.len())..] {
            let kind = self.kind_of(row, records.last());
            match kind {
                RowKind::Footer | RowKind::Header => out.structure.push(StructureLine {
                    line: row.line,
                    role: if kind == RowKind::Footer {
                        StructureRole::Footer
                    } else {
                        StructureRole::Header
                    },
                }),
                RowKind::Section => {
                    section = row.sole_value().map(govtrail_parse::clean::html_to_text);
                    out.structure.push(StructureLine {
                        line: row.line,
                        role: StructureRole::Section,
                    });
                }
                RowKind::Record => records.push(RecordRows::new(row, section.clone())),
                RowKind::Continuation => match records.last_mut() {
                    Some(record) => record.add(row),
                    None => out.unparsed.push(govtrail_parse::unparsed_row(
                        row,
                        "continues no action: it comes before the first one",
                    )),
                },
            }
        }
        out.document.layout = Some(self.block.layout.clone());
        record::build_actions(records, &self.columns, out);
    }

    /// What `row` is, given the record being assembled.
    fn kind_of(&self, row: &Row, current: Option<&RecordRows>) -> RowKind {
        if let Some(value) = row.sole_value() {
            let folded = fold_whitespace(value);
            if is_page_footer(&folded) || self.repeated_lines.contains_key(&folded) {
                return RowKind::Footer;
            }
        }
        if self.block.repeats_in(row, self.user) {
            return RowKind::Header;
        }
        let printed_ref = self
            .columns
            .get(ColumnRole::Ref)
            .is_some_and(|i| looks_like_ref(row.cell(i)));
        if printed_ref {
            return RowKind::Record;
        }
        if self.is_banner(row) {
            return RowKind::Section;
        }
        if self.opens_record(row) || current.is_none() && self.columns.filled(row, ColumnRole::Text)
        {
            return RowKind::Record;
        }
        RowKind::Continuation
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
