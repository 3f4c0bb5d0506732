//! Records being assembled from their rows, and the actions made from them.
//!
//! A record is the row that opens it and every continuation row after it; each column's
//! cells are kept apart until the record is complete, then read by the column's role: the
//! text cleaned of markup, owners split, a date run into the owner cell split off, the status
//! mapped to the RAG scale, refs repaired, merged cells printed once carried down.

use chrono::NaiveDate;
use govtrail_model::{
    Action, ActionKind, ColumnRole, Diagnostic, DocumentOutput, Flag, Fragment, Layout, Status,
    Update,
};
use govtrail_parse::clean::{html_to_text, is_marking_footer};
use govtrail_parse::dates::{dates_in, first_exact_date, month_period, parse_due};
use govtrail_parse::lookalike::fold_lookalikes;
use govtrail_parse::owners::{split_owner_list, split_trailing_due};
use govtrail_parse::status::rag_of;
use govtrail_table::Row;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Which cell index holds each role, and every column's header.
#[derive(Clone, Debug)]
pub(crate) struct Columns {
    roles: Vec<(ColumnRole, usize)>,
    headers: Vec<String>,
    /// Update period named by the update column's header ("Progress at 30/09/18").
    header_period: Option<String>,
}

impl Columns {
    pub(crate) fn new(layout: &Layout) -> Columns {
        let roles = layout
            .columns
            .iter()
            .filter(|c| c.role != ColumnRole::Other)
            .map(|c| (c.role, c.index))
            .collect();
        let headers = layout.columns.iter().map(|c| c.header.clone()).collect();
        let header_period = layout
            .columns
            .iter()
            .find(|c| c.role == ColumnRole::Update)
            .and_then(|c| header_date(&c.header))
            .map(month_period);
        Columns {
            roles,
            headers,
            header_period,
        }
    }

    /// The cell index of `role`, if a column has it.
    pub(crate) fn get(&self, role: ColumnRole) -> Option<usize> {
        self.roles.iter().find(|(r, _)| *r == role).map(|&(_, i)| i)
    }

    /// Whether `row` has something in the column of `role`.
    pub(crate) fn filled(&self, row: &Row, role: ColumnRole) -> bool {
        self.get(role).is_some_and(|i| !row.cell(i).is_empty())
    }

    fn role_of(&self, index: usize) -> ColumnRole {
        self.roles
            .iter()
            .find(|(_, i)| *i == index)
            .map_or(ColumnRole::Other, |&(r, _)| r)
    }

    /// The key a column's cells are kept under in `context.other`.
    fn key(&self, index: usize) -> String {
        match self.headers.get(index).filter(|h| !h.is_empty()) {
            Some(header) => header.clone(),
            None => format!("column {}", index + 1),
        }
    }
}

/// A date printed in a header ("Update (January 2023)", "Progress at 30/09/18").
fn header_date(header: &str) -> Option<NaiveDate> {
    first_exact_date(header).or_else(|| dates_in(header).into_iter().next())
}

/// The date a document reports at: the first "as at" / "position at" / "progress at" /
/// "up to" date of the lines above the table, else a date in the update column's header.
/// A date merely mentioned above the table (a meeting, a peer visit) is not taken.
pub(crate) fn as_at(preamble: &[Row], layout: &Layout) -> Option<NaiveDate> {
    static AS_AT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:as\s+at|as\s+of|position\s+at|progress\s+at|up\s+to|updated?\s+at|position\s+on|at\s+end\s+of)\b(.*)$")
            .expect("as-at pattern")
    });
    let stated = preamble.iter().find_map(|row| {
        let text = row.text();
        let tail = AS_AT.captures(&text)?.get(1)?.as_str().to_owned();
        first_exact_date(&tail).or_else(|| dates_in(&tail).into_iter().next())
    });
    stated.or_else(|| {
        layout
            .columns
            .iter()
            .filter(|c| c.role == ColumnRole::Update)
            .find_map(|c| header_date(&c.header))
    })
}

/// One record's rows, each column's cells kept apart in print order.
#[derive(Clone, Debug)]
pub(crate) struct RecordRows {
    line: usize,
    lines: Vec<usize>,
    cells: Vec<Vec<String>>,
    section: Option<String>,
}

impl RecordRows {
    pub(crate) fn new(row: &Row, section: Option<String>) -> RecordRows {
        let mut record = RecordRows {
            line: row.line,
            lines: Vec::new(),
            cells: Vec::new(),
            section,
        };
        record.add(row);
        record
    }

    pub(crate) fn add(&mut self, row: &Row) {
        self.lines.push(row.line);
        if self.cells.len() < row.cells.len() {
            self.cells.resize(row.cells.len(), Vec::new());
        }
        for (i, cell) in row.cells.iter().enumerate() {
            let cell = cell.trim();
            if !cell.is_empty() {
                self.cells[i].push(cell.to_owned());
            }
        }
    }

    /// The cells of column `index`, joined and cleaned of markup and in-cell markings.
    fn text(&self, index: Option<usize>) -> String {
        let Some(parts) = index.and_then(|i| self.cells.get(i)) else {
            return String::new();
        };
        clean_cell(&parts.join("\n"))
    }

    fn has(&self, index: Option<usize>) -> bool {
        index
            .and_then(|i| self.cells.get(i))
            .is_some_and(|c| !c.is_empty())
    }
}

/// A cell's text: markup removed, white space folded, a protective marking printed inside
/// the cell dropped ("Review the register [OFFICIAL]").
fn clean_cell(text: &str) -> String {
    static IN_CELL_MARKING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\[\s*(?:OFFICIAL(?:\s*-\s*SENSITIVE)?|UNCLASSIFIED|IL\s*\d\s*[:\-]?\s*\w+)\s*\]",
        )
        .expect("in-cell marking pattern")
    });
    let text = if text.contains('[') {
        IN_CELL_MARKING.replace_all(text, " ").into_owned()
    } else {
        text.to_owned()
    };
    let cleaned = html_to_text(&text);
    if is_marking_footer(&cleaned) {
        String::new()
    } else {
        cleaned
    }
}

/// The ref as printed, with look-alike letters folded (`СН9` → `CH9`) and a closing dot
/// dropped (`2.` → `2`); the document's own scheme (`1.1`, `R3`, `A1`) is kept.
fn read_ref(printed: &str) -> String {
    let folded = fold_lookalikes(printed.trim());
    folded.trim_end_matches('.').to_owned()
}

/// Makes the actions of `records`, in order, into `out`.
pub(crate) fn build_actions(records: Vec<RecordRows>, columns: &Columns, out: &mut DocumentOutput) {
    let period = columns
        .header_period
        .clone()
        .or_else(|| out.document.as_at.map(month_period));
    let ref_column = columns.get(ColumnRole::Ref);
    let text_column = columns.get(ColumnRole::Text).unwrap_or(usize::MAX);
    let mut actions: Vec<Action> = Vec::with_capacity(records.len());
    let mut printed_refs = 0;
    let mut carried: Vec<Option<String>> = Vec::new();
    for (position, record) in records.iter().enumerate() {
        // Cells merged over a group print on its first row only: the columns left of the
        // action text carry their last printed value down to the rows below.
        let width = record.cells.len().max(carried.len());
        carried.resize(width, None);
        for (i, slot) in carried.iter_mut().enumerate().take(text_column) {
            if record.has(Some(i)) {
                *slot = Some(record.text(Some(i)));
            }
        }
        let value = |role: ColumnRole| -> Option<String> {
            let i = columns.get(role)?;
            let own = record.text(Some(i));
            if !own.is_empty() {
                return Some(own);
            }
            (i < text_column).then(|| carried[i].clone()).flatten()
        };
        let printed = ref_column.and_then(|i| record.cells.get(i)?.first().cloned());
        let (reference, raw_ref, inferred) = match &printed {
            Some(p) => {
                printed_refs += 1;
                let r = read_ref(p);
                let raw = (r != *p).then(|| p.clone());
                (r, raw, false)
            }
            None => match value(ColumnRole::Ref) {
                Some(r) => (read_ref(&r), None, false),
                None => ((position + 1).to_string(), None, true),
            },
        };
        let mut action = Action::new(Some(reference), ActionKind::Action, record.line);
        action.raw_ref = raw_ref;
        if inferred {
            action.flags.push(Flag::RefInferred);
        }
        for &line in &record.lines {
            action.add_line(line);
        }
        action.title = value(ColumnRole::Title).filter(|t| !t.is_empty());
        action.text = record.text(columns.get(ColumnRole::Text));
        let due_cell = record.text(columns.get(ColumnRole::Due));
        let mut owner_cell = owner_text(record, columns.get(ColumnRole::Owner));
        let mut due = (!due_cell.is_empty()).then(|| parse_due(&due_cell));
        if due.is_none() {
            if let Some((owner, date)) = split_trailing_due(&owner_cell) {
                owner_cell = owner;
                due = Some(parse_due(&date));
                out.diagnostics.push(Diagnostic::info(
                    record.line,
                    format!("due date \"{date}\" read from the end of the owner cell"),
                ));
            }
        }
        action.owners = split_owner_list(&owner_cell);
        action.due = due;
        let status = record.text(columns.get(ColumnRole::Status));
        if !status.is_empty() {
            let rag = rag_of(&status);
            if rag.is_none() {
                out.diagnostics.push(Diagnostic::warning(
                    record.line,
                    format!("status \"{status}\" is not a rating govtrail knows; kept as printed with no RAG"),
                ));
            }
            action.status.push(Status {
                period: period.clone(),
                raw: status,
                rag,
            });
        }
        let update = record.text(columns.get(ColumnRole::Update));
        if !update.is_empty() {
            action.updates.push(Update {
                period: period.clone(),
                text: update,
            });
        }
        let measure = record.text(columns.get(ColumnRole::Measure));
        action.measure = (!measure.is_empty()).then_some(measure);
        let start = record.text(columns.get(ColumnRole::Start));
        action.context.start = (!start.is_empty()).then_some(start);
        action.context.section = record.section.clone();
        for i in 0..width {
            let role = columns.role_of(i);
            if !matches!(role, ColumnRole::Other | ColumnRole::Recommendation) {
                if role == ColumnRole::Ref {
                    keep_extra_refs(record, i, &mut action);
                }
                continue;
            }
            let own = record.text(Some(i));
            let text = if own.is_empty() && i < text_column {
                carried.get(i).cloned().flatten().unwrap_or_default()
            } else {
                own
            };
            if !text.is_empty() {
                action.context.other.insert(columns.key(i), text);
            }
        }
        actions.push(action);
    }
    if printed_refs == 0 && !actions.is_empty() {
        out.diagnostics.push(Diagnostic::info(
            None,
            "no refs are printed: each action's ref is its position, 1 to n, in document order",
        ));
    }
    settle_hierarchy(&mut actions);
    out.actions = actions;
}

/// A ref column's cells past the first (a ref printed again on a continuation row) are kept
/// as fragments, so no printed text is lost.
fn keep_extra_refs(record: &RecordRows, index: usize, action: &mut Action) {
    let Some(cells) = record.cells.get(index) else {
        return;
    };
    for cell in cells.iter().skip(1) {
        action.fragments.push(Fragment {
            line: record.line,
            text: cell.clone(),
        });
    }
}

/// The owner cell, its printed lines kept apart: each line of a multi-line cell is an owner.
fn owner_text(record: &RecordRows, index: Option<usize>) -> String {
    let Some(parts) = index.and_then(|i| record.cells.get(i)) else {
        return String::new();
    };
    parts
        .iter()
        .flat_map(|p| p.split('\n'))
        .map(clean_cell)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Numbered refs nest: `2.1` sits under `2` when the document has a `2`, and a record with
/// records under it groups them.
fn settle_hierarchy(actions: &mut [Action]) {
    let refs: HashSet<String> = actions.iter().filter_map(|a| a.reference.clone()).collect();
    let mut parents: HashSet<String> = HashSet::new();
    for action in actions.iter_mut() {
        let Some(reference) = action.reference.as_deref() else {
            continue;
        };
        let parent = reference
            .rsplit_once(['.', '-'])
            .map(|(head, _)| head.to_owned())
            .filter(|head| refs.contains(head) && head != reference);
        if let Some(parent) = &parent {
            parents.insert(parent.clone());
        }
        action.parent = parent;
    }
    for action in actions.iter_mut() {
        if action
            .reference
            .as_ref()
            .is_some_and(|r| parents.contains(r))
        {
            action.kind = ActionKind::Objective;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_cell_markings_and_markup_are_dropped() {
        assert_eq!(
            clean_cell("<b>Review</b> the register [OFFICIAL]"),
            "Review the register"
        );
        assert_eq!(clean_cell("OFFICIAL"), "");
    }

    #[test]
    fn refs_keep_their_scheme_and_lose_lookalikes() {
        assert_eq!(read_ref("1.1"), "1.1");
        assert_eq!(read_ref("СН9"), "CH9");
        assert_eq!(read_ref("2."), "2");
    }
}
