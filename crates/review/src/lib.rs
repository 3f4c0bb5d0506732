//! Parser for the governance review improvement plan family.
//!
//! After an external governance review a council publishes its improvement plan: one table of
//! Ref / Action / Responsible Lead / Delivery Date / Measure of Success / Commentary, where
//! the reviewer's recommendations (`S1`, `K4`, `I22`) are followed by the actions that answer
//! them (`S1.1`, `S1.1.A`) and, in italics, by the actions defined under an earlier
//! recommendation that answer this one too (cross-references). PDF extraction repeats the
//! header at page breaks, splits rows across them, damages refs (`14` for `I4`, `S.1.1.C`) and
//! leaves HTML in the cells; this parser undoes that.
//!
//! ```
//! use govtrail_parse::{FamilyParser, ParseOptions};
//! use govtrail_model::ActionKind;
//! let table = govtrail_table::read_text_dump(
//!     "Ref\tAction\tResponsible Lead\tDelivery Date\tMeasure of Success\tCommentary / Progress\n\
//!      I3\tOfficer and Member Relationships The Council should agree KPIs.\t\t\t\t\n\
//!      14\tOfficer and Member Relationships The forward plan should be shared.\t\t\t\t\n\
//!      14.1\tImplement sharing of the Forward Plan\tDirector - Finance Director - Law & Governance\tMarch 2022\tChairs receive it\tCommenced Link to I3\n",
//! );
//! let doc = govtrail_review::ReviewPlanParser.parse(&table, &ParseOptions::default());
//! let action = &doc.actions[2];
//! assert_eq!((action.reference.as_deref(), action.raw_ref.as_deref()), (Some("I4.1"), Some("14.1")));
//! assert_eq!(action.parent.as_deref(), Some("I4"));
//! assert_eq!(action.owners, vec!["Director - Finance", "Director - Law & Governance"]);
//! assert_eq!(action.links, vec!["I3"]);
//! assert_eq!(doc.actions[1].kind, ActionKind::Recommendation);
//! assert_eq!(doc.actions[1].title.as_deref(), Some("Officer and Member Relationships"));
//! ```
#![deny(missing_docs)]

mod build;
pub mod italic;
pub mod links;
pub mod refs;

use govtrail_model::{ActionKind, Diagnostic, DocumentOutput, Family, Flag, Fragment};
use govtrail_parse::clean::fold_whitespace;
use govtrail_parse::header::{ColumnMap, ColumnSpec, HeaderSpec};
use govtrail_parse::heading::heading_only;
use govtrail_parse::rows::{read_rows, Banner, Reading, RowProfile};
use govtrail_parse::{FamilyParser, ParseOptions};
use govtrail_table::{Row, Table};
use refs::{i_for_one, Ref, Repair};
use std::collections::HashSet;

/// The columns of a review improvement plan table.
static HEADER: HeaderSpec = HeaderSpec::new(
    &[
        ColumnSpec {
            key: "ref",
            phrases: &["ref", "rec no", "recommendation no"],
        },
        ColumnSpec {
            key: "action",
            phrases: &["action"],
        },
        ColumnSpec {
            key: "lead",
            phrases: &["responsible", "lead", "owner"],
        },
        ColumnSpec {
            key: "due",
            phrases: &[
                "delivery date",
                "target date",
                "due date",
                "completion date",
                "timescale",
                "deadline",
            ],
        },
        ColumnSpec {
            key: "measure",
            phrases: &["measure", "success", "outcome"],
        },
        ColumnSpec {
            key: "progress",
            phrases: &["commentary", "progress", "update", "comment"],
        },
        ColumnSpec {
            key: "status",
            phrases: &["rag", "status", "rating"],
        },
    ],
    3,
);

/// The content columns, in printed order, with their usual positions; a status column is
/// read only where a header names it.
const CONTENT: [(Column, &str, Option<usize>); 6] = [
    (Column::Action, "action", Some(1)),
    (Column::Lead, "lead", Some(2)),
    (Column::Due, "due", Some(3)),
    (Column::Measure, "measure", Some(4)),
    (Column::Progress, "progress", Some(5)),
    (Column::Status, "status", None),
];

/// Header cells are short; a data row naming "action" and "progress" in its text is no header.
const MAX_HEADER_CELL: usize = 60;

/// A content column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Action,
    Lead,
    Due,
    Measure,
    Progress,
    Status,
}

/// Reads governance review improvement plans.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReviewPlanParser;

impl FamilyParser for ReviewPlanParser {
    fn family(&self) -> Family {
        Family::GovernanceReviewPlan
    }

    /// The share of the six main columns the best header row names (a status column is
    /// extra), halved when it has no Measure of Success column: trackers also print Ref /
    /// Action / Lead / Due date / Update / Status, and the measure column is what tells this
    /// family apart.
    fn score(&self, table: &Table) -> f32 {
        let mut best: f32 = 0.0;
        for map in table
            .rows
            .iter()
            .take(60)
            .filter_map(|row| header_columns(row, 0))
        {
            let named = map.len() - usize::from(map.get("status").is_some());
            let share = named as f32 / (HEADER.columns.len() - 1) as f32;
            best = best.max(if map.get("measure").is_some() {
                share
            } else {
                share / 2.0
            });
            // A full header: no later row can score higher.
            if best >= 1.0 {
                break;
            }
        }
        best
    }

    fn parse(&self, table: &Table, options: &ParseOptions) -> DocumentOutput {
        let mut profile = ReviewProfile::default();
        let reading = read_rows(&table.rows, &mut profile);
        profile.finish(reading, options)
    }
}

/// The columns `row` names when it reads as a header row of this family.
fn header_columns(row: &Row, min_matches: usize) -> Option<ColumnMap> {
    if row
        .cells
        .iter()
        .any(|c| c.trim().chars().count() > MAX_HEADER_CELL)
    {
        return None;
    }
    HEADER.match_row_naming(row, min_matches)
}

/// One record being assembled from its rows: the raw cells of each column, in order.
#[derive(Debug)]
struct RecordRows {
    reference: Option<Ref>,
    printed_ref: String,
    kind: ActionKind,
    parent: Option<String>,
    line: usize,
    lines: Vec<usize>,
    /// Raw cell text per content column, one entry per row that filled it.
    cells: [Vec<String>; 6],
    fragments: Vec<Fragment>,
    flags: Vec<Flag>,
}

impl RecordRows {
    fn column(&self, column: Column) -> &[String] {
        &self.cells[column as usize]
    }
}

/// The governance review layout as a profile of the row engine: its header, its lettered
/// refs repaired in context, and the recommendation blocks they open.
#[derive(Default)]
struct ReviewProfile {
    columns: Option<ColumnMap>,
    /// The header row just went by: an empty Ref cell next continues the record before it.
    after_header: bool,
    /// The row being read came right after a header row (footers aside).
    split_by_header: bool,
    /// The recommendation whose block the rows are in.
    block: Option<Ref>,
    /// Refs of records defined in place (recommendations and actions, not cross-references).
    defined: HashSet<String>,
    /// Recommendations whose block has been entered.
    blocks_seen: HashSet<String>,
    title: Option<String>,
    header_texts: Vec<String>,
    diagnostics: Vec<Diagnostic>,
}

impl RowProfile for ReviewProfile {
    type Record = RecordRows;

    /// A header row, first or repeated; a damaged repeat keeps the columns it does not name.
    fn is_header(&mut self, row: &Row) -> bool {
        let Some(map) = header_columns(row, HEADER.min_matches) else {
            self.split_by_header = std::mem::replace(&mut self.after_header, false);
            return false;
        };
        self.columns = Some(match &self.columns {
            Some(previous) => map.keeping(previous),
            None => map,
        });
        self.header_texts.push(row.text());
        self.after_header = true;
        true
    }

    /// The title ("Appendix 2: Governance Review Improvement Plan"), or "## Appendix 2: ..."
    /// where the extraction marked it as a heading.
    fn preamble(&mut self, row: &Row) -> Result<Banner, String> {
        if row.filled() != 1 {
            return Err("before the table header".to_owned());
        }
        let text = row.text();
        self.title
            .get_or_insert_with(|| fold_whitespace(text.trim().trim_start_matches('#')));
        Ok(Banner::Title)
    }

    /// A heading alone in the Ref cell, or a lone heading-like Action cell with an empty Ref
    /// ("\tImprovement Recommendations"), except right after a repeated header, where an
    /// empty Ref cell is the rest of the record the page break split.
    fn banner(&mut self, row: &Row) -> Option<Banner> {
        if row.filled() != 1 {
            return None;
        }
        let columns = self.columns();
        let printed = row.cell(columns.or("ref", 0));
        let heading = if printed.is_empty() {
            !self.split_by_header
                && row
                    .filled_indices()
                    .all(|i| i <= columns.or("action", 1) && heading_only(&row.cells[i]))
        } else {
            heading_only(printed) && Ref::parse(printed).is_none()
        };
        heading.then_some(Banner::Section)
    }

    /// Every row with something in its Ref cell opens a record: a ref read (repaired), a ref
    /// that swallowed the start of the Action, or an unreadable ref kept as printed.
    fn open(&mut self, row: &Row, _current: Option<&RecordRows>) -> Option<RecordRows> {
        let columns = self.columns();
        let printed = row.cell(columns.or("ref", 0));
        if printed.is_empty() {
            return None;
        }
        if let Some(reference) = self.read_ref(printed, row.line) {
            return Some(self.start_record(Some(reference), printed, row, &columns));
        }
        if let Some(record) = self.ref_with_text(printed, row, &columns) {
            return Some(record);
        }
        self.diagnostics.push(Diagnostic::warning(
            row.line,
            format!("unreadable ref {printed:?}; the row is kept as an action without a ref"),
        ));
        Some(self.start_record(None, printed, row, &columns))
    }

    /// A row with an empty Ref cell, merged cell by cell into the record above: a lone lead
    /// or date ("\t\tDirector - Finance"), or the rest of a row a page break split.
    fn extend(&mut self, record: &mut RecordRows, row: &Row) {
        append_cells(record, row, &self.columns());
    }
}

impl ReviewProfile {
    fn columns(&self) -> ColumnMap {
        self.columns.clone().unwrap_or_default()
    }

    /// A Ref cell that swallowed the start of the Action cell when extraction lost the column
    /// boundary ("S1.1 Sandwell Leisure Trust"): the ref starts a record whose Action opens
    /// with the rest, when the cell reads so.
    fn ref_with_text(
        &mut self,
        printed: &str,
        row: &Row,
        columns: &ColumnMap,
    ) -> Option<RecordRows> {
        let (head, rest) = printed.split_once(char::is_whitespace)?;
        let ref_like = head.starts_with(|c: char| c.is_alphabetic())
            && head.contains(|c: char| c.is_ascii_digit());
        let reference = ref_like.then(|| self.read_ref(head, row.line)).flatten()?;
        self.diagnostics.push(Diagnostic::info(
            row.line,
            format!(
                "ref cell {printed:?} holds text after the ref; read as the start of the Action"
            ),
        ));
        let (ref_col, action_col) = (columns.or("ref", 0), columns.or("action", 1));
        let mut cells = row.cells.clone();
        cells.resize(cells.len().max(ref_col.max(action_col) + 1), String::new());
        cells[action_col] = format!("{} {}", rest.trim(), cells[action_col].trim());
        cells[ref_col] = head.to_owned();
        Some(self.start_record(Some(reference), head, &Row::new(row.line, cells), columns))
    }

    /// Reads the printed ref, repairing it; `None` when it is no ref.
    fn read_ref(&mut self, printed: &str, line: usize) -> Option<Ref> {
        let (mut reference, mut repairs) = Ref::parse(printed)?;
        if reference.series().is_empty() {
            if let Some(candidate) = i_for_one(printed).filter(|c| self.i_reading_fits(c)) {
                reference = candidate;
                repairs = vec![Repair::IReadAsOne];
            } else if self.block.as_ref().is_some_and(|b| !b.series().is_empty()) {
                self.diagnostics.push(Diagnostic::warning(
                    line,
                    format!(
                        "ref {printed:?} has no series letter and no repair fits; kept as printed"
                    ),
                ));
            }
        }
        for repair in &repairs {
            self.diagnostics.push(Diagnostic::info(
                line,
                format!("ref {printed:?} read as {reference}: {}", repair.describe()),
            ));
        }
        Some(reference)
    }

    /// Whether reading a plain number's leading `1` as `I` fits the refs seen so far: in the
    /// I series, the next recommendation (`14` after `I3`), an action of the current one
    /// (`14.1` under `I4`) or an action defined earlier (`11.1` → `I1.1`, cross-referenced);
    /// after another lettered series, only the first I recommendation (`11` after `K8`).
    fn i_reading_fits(&self, candidate: &Ref) -> bool {
        let Some(block) = &self.block else {
            return false;
        };
        match block.series() {
            "I" if candidate.is_top_level() => candidate.number() > block.number(),
            "I" => {
                candidate.root() == block.to_string()
                    || self.defined.contains(&candidate.to_string())
            }
            "" => false,
            _ => candidate.is_top_level() && candidate.number() == 1,
        }
    }

    fn start_record(
        &mut self,
        reference: Option<Ref>,
        printed: &str,
        row: &Row,
        columns: &ColumnMap,
    ) -> RecordRows {
        let action_cell = row.cell(columns.or("action", 1));
        let italic = italic::is_italic_listing(action_cell);
        let block = self.block.as_ref().map(Ref::to_string);
        let (kind, parent) = match &reference {
            None => (ActionKind::Action, block.clone()),
            Some(r) => {
                let root = r.root();
                let out_of_place = block.as_deref().is_some_and(|b| b != root);
                let first = r.members().into_iter().next().unwrap_or_default();
                let defined = self.defined.contains(&first);
                let cross = (italic && (out_of_place || defined))
                    || (out_of_place && (defined || self.blocks_seen.contains(&root)));
                if cross {
                    (ActionKind::CrossReference, block.clone())
                } else if r.is_top_level() {
                    (ActionKind::Recommendation, None)
                } else {
                    (ActionKind::Action, r.parent())
                }
            }
        };
        let mut flags = Vec::new();
        // "14" read as I4: the series letter was inferred from the context, not printed.
        // Only an I-series ref can be such a reading, so the printed ref is parsed again only then.
        let in_i_series = reference.as_ref().is_some_and(|r| r.series() == "I");
        let printed_plain =
            in_i_series && Ref::parse(printed).is_some_and(|(p, _)| p.series().is_empty());
        if printed_plain && i_for_one(printed) == reference {
            flags.push(Flag::RefInferred);
        }
        if let (Some(r), false) = (&reference, kind == ActionKind::CrossReference) {
            let root = r.root();
            if block.as_deref() != Some(root.as_str()) {
                // A recommendation opens its block; an action whose recommendation row is
                // missing ("S2.1" with no "S2") opens it too.
                self.block = Ref::parse(&root).map(|(b, _)| b);
                self.blocks_seen.insert(root);
            }
            for member in r.members() {
                if !self.defined.insert(member.clone()) {
                    flags.push(Flag::Duplicate);
                    self.diagnostics.push(Diagnostic::warning(
                        row.line,
                        format!("{member} is defined a second time"),
                    ));
                }
            }
        }
        let mut record = RecordRows {
            reference,
            printed_ref: printed.to_owned(),
            kind,
            parent,
            line: row.line,
            lines: vec![row.line],
            cells: Default::default(),
            fragments: Vec::new(),
            flags,
        };
        append_cells(&mut record, row, columns);
        record
    }

    fn finish(self, reading: Reading<RecordRows>, options: &ParseOptions) -> DocumentOutput {
        let mut out = DocumentOutput::new("", Family::GovernanceReviewPlan);
        out.document.title = self.title;
        out.structure = reading.structure;
        out.unparsed = reading.unparsed;
        out.diagnostics = self.diagnostics;
        build::build_document(&mut out, reading.records, &self.header_texts, options);
        out
    }
}

/// Appends each filled cell of `row` to the column it sits under; cells under no known column
/// are kept verbatim as fragments.
fn append_cells(record: &mut RecordRows, row: &Row, columns: &ColumnMap) {
    if !record.lines.contains(&row.line) {
        record.lines.push(row.line);
    }
    let ref_col = columns.or("ref", 0);
    for i in row.filled_indices() {
        if i == ref_col {
            continue;
        }
        let cell = row.cells[i].trim().to_owned();
        match CONTENT
            .iter()
            .find(|(_, key, fallback)| columns.get(key).or(*fallback) == Some(i))
        {
            Some((column, _, _)) => record.cells[*column as usize].push(cell),
            None => record.fragments.push(Fragment {
                line: row.line,
                text: fold_whitespace(&cell),
            }),
        }
    }
}

#[cfg(test)]
mod tests;
