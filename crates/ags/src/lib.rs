//! Parser for the annual governance statement action plan update family.
//!
//! These appendices list numbered issues in four columns: Issue, Key improvement area (a short
//! title opening a description), Actions to be taken (the action text closed by its owners and
//! target date) and "Update on implementation of actions as at `<date>`". PDF extraction splits
//! rows at page breaks, repeats and damages the header, and sometimes replaces the issue
//! number with rotated sidebar text; this parser undoes that.
//!
//! ```
//! use govtrail_parse::{FamilyParser, ParseOptions};
//! let table = govtrail_table::read_text_dump(
//!     "Issue\tKey improvement area\tActions to be taken (responsibility and date of implementation)\tUpdate on implementation of actions as at 30 November 2017\n\
//!      2\tChildren's Services The Secretary of State appointed a Commissioner.\tTo continue to address the issues. Director of Children's Services March 2018\tProgress is good.\n",
//! );
//! let doc = govtrail_ags::AgsUpdateParser.parse(&table, &ParseOptions::default());
//! let action = &doc.actions[0];
//! assert_eq!(action.title.as_deref(), Some("Children's Services"));
//! assert_eq!(action.owners, vec!["Director of Children's Services"]);
//! assert_eq!(action.due.as_ref().and_then(|d| d.date).map(|d| d.to_string()).as_deref(), Some("2018-03-31"));
//! assert_eq!(doc.document.as_at.map(|d| d.to_string()).as_deref(), Some("2017-11-30"));
//! ```
#![deny(missing_docs)]

use govtrail_model::{
    Action, ActionKind, Diagnostic, DocumentOutput, Family, Flag, Fragment, Update,
};
use govtrail_parse::clean::{fold_whitespace, html_to_text, strip_tags};
use govtrail_parse::dates::{as_at_date, month_period, parse_due};
use govtrail_parse::header::{ColumnMap, ColumnSpec, HeaderSpec};
use govtrail_parse::heading::split_heading;
use govtrail_parse::owners::owner_blocks;
use govtrail_parse::rows::{read_rows, Banner, RowProfile};
use govtrail_parse::{settle_as_at, FamilyParser, ParseOptions};
use govtrail_table::{Row, Table};
use regex::Regex;
use std::sync::LazyLock;

/// The columns of an action plan update table.
static HEADER: HeaderSpec = HeaderSpec::new(
    &[
        ColumnSpec {
            key: "issue",
            phrases: &["issue"],
        },
        ColumnSpec {
            key: "area",
            phrases: &[
                "key improvement area",
                "improvement area",
                "governance issue",
            ],
        },
        ColumnSpec {
            key: "actions",
            phrases: &[
                "actions to be taken",
                "responsibility and date",
                "action to be taken",
            ],
        },
        ColumnSpec {
            key: "update",
            phrases: &[
                "update on implementation",
                "progress update",
                "update as at",
            ],
        },
    ],
    2,
);

/// Usual positions of the columns, for rows before a header names them.
const AREA: usize = 1;
const ACTIONS: usize = 2;
const UPDATE: usize = 3;

/// Reads annual governance statement action plan updates.
#[derive(Clone, Copy, Debug, Default)]
pub struct AgsUpdateParser;

impl FamilyParser for AgsUpdateParser {
    fn family(&self) -> Family {
        Family::AgsActionPlanUpdate
    }

    fn score(&self, table: &Table) -> f32 {
        HEADER.score(table)
    }

    fn parse(&self, table: &Table, options: &ParseOptions) -> DocumentOutput {
        let mut issues = IssueProfile::default();
        let reading = read_rows(&table.rows, &mut issues);
        let mut out = DocumentOutput::new("", Family::AgsActionPlanUpdate);
        out.document.title = issues.title;
        let as_at = issues.as_at_text.as_deref().and_then(as_at_date);
        settle_as_at(&mut out, as_at, options);
        let period = out.document.as_at.map(month_period);
        if let Some(p) = &period {
            out.document.periods.push(p.clone());
        }
        let mut diagnostics = issues.diagnostics;
        for issue in reading.records {
            out.actions
                .push(build_action(issue, period.as_deref(), &mut diagnostics));
        }
        out.structure = reading.structure;
        out.unparsed = reading.unparsed;
        out.diagnostics = diagnostics;
        out
    }
}

/// One issue being assembled from its rows: the raw cells of each column, in order.
#[derive(Debug, Default)]
struct IssueRows {
    reference: String,
    raw_ref: Option<String>,
    line: usize,
    lines: Vec<usize>,
    area: Vec<String>,
    actions: Vec<String>,
    update: Vec<String>,
    fragments: Vec<Fragment>,
}

impl IssueRows {
    /// Whether `row` repeats this issue's number on the line right under it: a workbook's
    /// Issue cell merged down the issue's rows (`1 | Cyber Security …` then `1 | | further
    /// actions …`), so the same issue goes on.
    fn repeated_by(&self, row: &Row, columns: &ColumnMap) -> bool {
        let number = row.cell(columns.or("issue", 0));
        self.reference == number.trim_end_matches('.')
            && self.lines.last().unwrap_or(&self.line) + 1 == row.line
    }
}

/// The AGS update layout as a profile of the row engine: its header, its numbered issues,
/// and the single-cell fragments its extraction scatters inside them.
#[derive(Default)]
struct IssueProfile {
    columns: Option<ColumnMap>,
    as_at_text: Option<String>,
    /// The number of the last issue opened, for the sequence check and unreadable numbers.
    last_number: Option<u32>,
    diagnostics: Vec<Diagnostic>,
    title: Option<String>,
}

static ISSUE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}\.?$").expect("issue number pattern"));

impl IssueProfile {
    fn columns(&self) -> ColumnMap {
        self.columns.clone().unwrap_or_default()
    }

    /// The number the issue after the last one should have.
    fn next_number(&self) -> u32 {
        self.last_number.map_or(1, |n| n + 1)
    }

    fn check_sequence(&mut self, reference: &str, line: usize) {
        let expected = self.next_number();
        if reference.parse::<u32>().ok() != Some(expected) {
            self.diagnostics.push(Diagnostic::warning(
                line,
                format!("issue {reference} out of sequence (expected {expected})"),
            ));
        }
    }

    fn start_issue(&mut self, reference: String, raw_ref: Option<String>, row: &Row) -> IssueRows {
        self.last_number = reference.parse::<u32>().ok();
        let mut issue = IssueRows {
            reference,
            raw_ref,
            line: row.line,
            ..IssueRows::default()
        };
        append_cells(&mut issue, row, &self.columns());
        issue
    }
}

impl RowProfile for IssueProfile {
    type Record = IssueRows;

    /// A header row, first or repeated; a damaged repeat keeps the columns it does not name.
    fn is_header(&mut self, row: &Row) -> bool {
        let Some(map) = HEADER.match_row(row) else {
            return false;
        };
        if let Some(update) = map.get("update") {
            self.as_at_text
                .get_or_insert_with(|| row.cell(update).to_owned());
        }
        self.columns = Some(match &self.columns {
            Some(previous) => map.keeping(previous),
            None => map,
        });
        true
    }

    /// The document's title lines ("## ... Action Plan Update").
    fn preamble(&mut self, row: &Row) -> Result<Banner, String> {
        let value = row
            .sole_value()
            .ok_or_else(|| "before the table header".to_owned())?;
        let text = fold_whitespace(value.trim_start_matches('#'));
        self.title.get_or_insert(text);
        Ok(Banner::Title)
    }

    fn open(&mut self, row: &Row, current: Option<&IssueRows>) -> Option<IssueRows> {
        let columns = self.columns();
        if row.cells.len() == 1 || current.is_some_and(|issue| issue.repeated_by(row, &columns)) {
            return None;
        }
        let number = row.cell(columns.or("issue", 0));
        if ISSUE_NUMBER.is_match(number) {
            let reference = number.trim_end_matches('.').to_owned();
            self.check_sequence(&reference, row.line);
            return Some(self.start_issue(reference, None, row));
        }
        if number.is_empty() || row.filled() < 3 {
            return None;
        }
        // Rotated sidebar text printed over the issue cell ("P of TI au W G S ar co N co
        // re ac"): the row is a whole issue, numbered by its place in the sequence.
        let next = self.next_number().to_string();
        self.diagnostics.push(Diagnostic::info(
            row.line,
            format!("issue number unreadable ({number:?}); numbered {next} from the sequence"),
        ));
        Some(self.start_issue(next, Some(number.to_owned()), row))
    }

    /// A single-cell line, a row with an empty issue cell, or one repeating the issue's
    /// number carries the issue on; any other row names no issue.
    fn continues(&self, row: &Row, current: Option<&IssueRows>) -> Result<(), String> {
        let columns = self.columns();
        let carries_on = row.cells.len() == 1
            || row.cell(columns.or("issue", 0)).is_empty()
            || current.is_some_and(|issue| issue.repeated_by(row, &columns));
        if carries_on {
            Ok(())
        } else {
            Err("no issue number and too few cells".to_owned())
        }
    }

    fn extend(&mut self, issue: &mut IssueRows, row: &Row) {
        if row.cells.len() == 1 {
            // A single-cell line inside a row: the extraction emitted a cell's lines one by
            // one and out of order ("To develop a new Performance" / "replace the scorecard,
            // that will" / "Management Framework to"). Kept, verbatim, in the issue it
            // interrupts.
            issue.lines.push(row.line);
            issue.fragments.push(Fragment {
                line: row.line,
                text: fold_whitespace(&row.cells[0]),
            });
        } else {
            append_cells(issue, row, &self.columns());
        }
    }
}

/// Appends each filled cell of `row` to the column it sits under.
fn append_cells(issue: &mut IssueRows, row: &Row, columns: &ColumnMap) {
    if row.line != issue.line {
        issue.lines.push(row.line);
    }
    let issue_col = columns.or("issue", 0);
    for i in row.filled_indices() {
        let cell = row.cells[i].trim().to_owned();
        if i == columns.or("area", AREA) {
            push_unrepeated(&mut issue.area, cell);
        } else if i == columns.or("actions", ACTIONS) {
            push_unrepeated(&mut issue.actions, cell);
        } else if i == columns.or("update", UPDATE) {
            push_unrepeated(&mut issue.update, cell);
        } else if i != issue_col {
            issue.fragments.push(Fragment {
                line: row.line,
                text: fold_whitespace(&cell),
            });
        }
    }
}

/// Adds a row's cell to a column's text, unless it repeats the cell above: a workbook cell
/// merged down the issue's rows (the area beside two action rows) is filled into each row.
fn push_unrepeated(column: &mut Vec<String>, cell: String) {
    if column.last() != Some(&cell) {
        column.push(cell);
    }
}

/// Splits the key improvement area into its title and description: the title is the `<b>`
/// text that opens the cell, else the title-case words before the first sentence.
fn title_and_description(raw: &str) -> (Option<String>, Option<String>) {
    static BOLD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?is)^\s*<b>(.*?)</b>(.*)$").expect("bold pattern"));
    let (title, rest) = match BOLD.captures(raw) {
        Some(cap) => (Some(strip_tags(&cap[1])), html_to_text(&cap[2])),
        None => split_heading(&html_to_text(raw)),
    };
    let title = title.filter(|t| !t.is_empty());
    let rest = (!rest.is_empty()).then_some(rest);
    (title, rest)
}

fn build_action(
    issue: IssueRows,
    period: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Action {
    let mut action = Action::new(Some(issue.reference), ActionKind::Action, issue.line);
    action.raw_ref = issue.raw_ref;
    if action.raw_ref.is_some() {
        action.flags.push(Flag::RefInferred);
    }
    for line in issue.lines {
        action.add_line(line);
    }
    let (title, description) = title_and_description(&issue.area.join(" "));
    action.title = title;
    action.description = description;

    // "... of the project. Chief Executive Date to be agreed with the Department for Education":
    // owners and target date close the action cell, sometimes more than once.
    let actions = html_to_text(&issue.actions.join(" "));
    let blocks = owner_blocks(&actions);
    let mut text = String::new();
    let mut from = 0;
    for block in &blocks {
        text.push_str(&actions[from..block.span.0]);
        text.push(' ');
        from = block.span.1;
        action.owners.extend(block.owners.iter().cloned());
        if action.due.is_none() {
            action.due = block.due.as_deref().map(parse_due);
        }
    }
    text.push_str(&actions[from..]);
    action.text = fold_whitespace(&text);
    if action.owners.is_empty() && !actions.is_empty() {
        diagnostics.push(Diagnostic::warning(
            action.source.line,
            "no owner found at the end of the actions cell",
        ));
    }

    let update = html_to_text(&issue.update.join(" "));
    if !update.is_empty() {
        action.updates.push(Update {
            period: period.map(str::to_owned),
            text: update,
        });
    }
    action.fragments = issue.fragments;
    action
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::StructureRole;

    const HEAD: &str = "Issue\tKey improvement area\tActions to be taken (responsibility and date of implementation)\tUpdate on implementation of actions as at 31 January 2019";

    fn parse(body: &str) -> DocumentOutput {
        let text = format!("{HEAD}\n{body}");
        AgsUpdateParser.parse(
            &govtrail_table::read_text_dump(&text),
            &ParseOptions::default(),
        )
    }

    /// Damage of our own making, each class once: an owner with a parenthesis, an actions
    /// cell that is an HTML list, a protective marking inside a cell, a topic heading whose
    /// nouns also open sentences.
    #[test]
    fn owners_lists_markings_and_noun_headings() {
        let doc = parse(
            "1\tRisk Management Framework The framework is out of date.\tRefresh the framework. Director of Finance (Section 151 Officer) March 2024\tStarted.\n\
             2\tMember Conduct and Standards There were three complaints.\t<ul><li>Refresh the code of conduct</li><li>Train all members</li></ul> Monitoring Officer June 2024\tBooked.\n\
             3\tExternal Governance Review The review found weaknesses.\tAgree an improvement plan [OFFICIAL]. Chief Executive May 2024\tDone.\n",
        );
        let titles: Vec<_> = doc.actions.iter().map(|a| a.title.as_deref()).collect();
        assert_eq!(
            titles,
            [
                Some("Risk Management Framework"),
                Some("Member Conduct and Standards"),
                Some("External Governance Review")
            ]
        );
        assert_eq!(
            doc.actions[0].owners,
            vec!["Director of Finance (Section 151 Officer)"]
        );
        assert_eq!(
            doc.actions[0].due.as_ref().map(|d| d.raw.as_str()),
            Some("March 2024")
        );
        assert_eq!(doc.actions[1].owners, vec!["Monitoring Officer"]);
        assert_eq!(
            doc.actions[1].due.as_ref().map(|d| d.raw.as_str()),
            Some("June 2024")
        );
        assert!(
            !doc.actions[2].text.contains("OFFICIAL"),
            "{}",
            doc.actions[2].text
        );
        assert_eq!(doc.actions[2].owners, vec!["Chief Executive"]);
    }

    #[test]
    fn merged_workbook_cells_filled_into_each_row_continue_the_issue() {
        // Issue and area cells merged down two rows read as copies on the second row.
        let doc = parse(
            "1\tCyber Security The council assessed itself.\tReview controls.\tStarted.\n\
             1\tCyber Security The council assessed itself.\tTrain staff. Chief Executive May 2019\tBooked.\n\
             2\tGDPR New rules.\tAppoint a DPO.\tDone.\n",
        );
        let refs: Vec<_> = doc.actions.iter().map(|a| a.reference.as_deref()).collect();
        assert_eq!(refs, vec![Some("1"), Some("2")]);
        let a = &doc.actions[0];
        assert_eq!(a.source.lines, vec![2, 3]);
        assert_eq!(a.title.as_deref(), Some("Cyber Security"));
        assert_eq!(a.text, "Review controls. Train staff.");
        assert!(doc.unparsed.is_empty());
    }

    #[test]
    fn continuation_rows_merge_cell_by_cell_after_a_repeated_header() {
        let doc = parse(&format!(
            "4\tLand Sales The report identified issues.\tMatters were to be dealt with separately by the\tThe issues continue\n\n{HEAD}\n\t\tStandards Committee. Chief Executive March 2018\tto be addressed.\n"
        ));
        assert_eq!(doc.actions.len(), 1);
        let a = &doc.actions[0];
        assert_eq!(
            a.text,
            "Matters were to be dealt with separately by the Standards Committee."
        );
        assert_eq!(a.owners, vec!["Chief Executive"]);
        assert_eq!(a.updates[0].text, "The issues continue to be addressed.");
        assert_eq!(a.source.lines, vec![2, 5]);
        assert_eq!(doc.structure.len(), 2);
    }

    #[test]
    fn sidebar_text_in_the_issue_cell_is_numbered_from_the_sequence() {
        let doc = parse("3\tA The a.\tB. Chief Executive March 2019\tC\nP of TI au W G\tCompliance with Rules Three reports were issued.\tChecks made. Executive Director for Neighbourhoods March 2019\tMonitored.\n");
        assert_eq!(doc.actions[1].reference.as_deref(), Some("4"));
        assert_eq!(doc.actions[1].raw_ref.as_deref(), Some("P of TI au W G"));
        assert_eq!(
            doc.actions[1].title.as_deref(),
            Some("Compliance with Rules")
        );
    }

    #[test]
    fn single_cell_lines_stay_in_the_issue_they_interrupt() {
        let doc = parse("3\tResilience The council.\tTo continue.\tFollowing\n\nTo develop a new Performance\n\nreplace the scorecard\n");
        assert_eq!(doc.actions[0].source.lines, vec![2, 4, 6]);
        assert_eq!(doc.actions[0].fragments.len(), 2);
        assert!(doc.unparsed.is_empty());
    }

    #[test]
    fn bold_titles_and_footers() {
        let doc = parse("7\t<b>Cyber Security</b> The council assessed itself.\tA plan. <b>Executive Director for Resources</b> March 2019\tDone\n\n[IL0: UNCLASSIFIED]\n");
        let a = &doc.actions[0];
        assert_eq!(a.title.as_deref(), Some("Cyber Security"));
        assert_eq!(
            a.description.as_deref(),
            Some("The council assessed itself.")
        );
        assert_eq!(a.owners, vec!["Executive Director for Resources"]);
        assert_eq!(a.due.as_ref().map(|d| d.raw.as_str()), Some("March 2019"));
        assert_eq!(
            doc.structure.last().map(|s| s.role),
            Some(StructureRole::Footer)
        );
        assert_eq!(doc.document.year, Some(2019));
        assert_eq!(a.updates[0].period.as_deref(), Some("2019-01"));
    }
}
