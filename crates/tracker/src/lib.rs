//! Parser for the improvement plan tracker family, and the status-change view over it.
//!
//! A tracker is a spreadsheet (arriving as a workbook or printed to PDF): a status legend, then
//! per theme a table of Workstream / Ref / Action / leads / dates / focus and one status and
//! update column per reporting month, with `.0` rows for objectives. Headers repeat at page
//! breaks, shifted and split over two or three rows; this parser reads any [`Table`] of such
//! rows by header words, never by fixed positions.
//!
//! ```
//! use govtrail_parse::{FamilyParser, ParseOptions};
//! let table = govtrail_table::read_text_dump(
//!     "Theme 2- Corporate Oversight\n\
//!      Workstream\tRef\tAction\tDirector Lead\tDue date\tStatus (September 2023)\tStatus (October 2023)\n\
//!      ERP\tCO.A1.0\tImplement Oracle Fusion\tDirector-Finance\tApr-24\tN/A\tN/A\n\
//!      ERP\tCO.A1.9\tCompletion of the modelling phase\tDirector-Finance\tSep-23\tOn Track\tMedium progress\n",
//! );
//! let doc = govtrail_tracker::TrackerParser.parse(&table, &ParseOptions::default());
//! let action = &doc.actions[1];
//! assert_eq!(action.parent.as_deref(), Some("CO.A1.0"));
//! assert_eq!(action.context.theme.as_deref(), Some("Corporate Oversight"));
//! assert_eq!(action.status[1].rag, Some(govtrail_model::Rag::Amber));
//! assert_eq!(doc.document.as_at.map(|d| d.to_string()).as_deref(), Some("2023-10-31"));
//! ```
#![deny(missing_docs)]

pub mod changes;
pub mod header;
pub mod status;
pub mod theme;

use govtrail_model::{
    Action, ActionKind, Diagnostic, DocumentOutput, DueDate, Family, Flag, Fragment, LegendEntry,
    Rag, Status, Update,
};
use govtrail_parse::clean::{fold_whitespace, has_markup, html_to_text, strip_tags};
use govtrail_parse::dates::{as_at_date, end_of_month, month_period, parse_due};
use govtrail_parse::owners::split_owners;
use govtrail_parse::rows::{read_rows, Banner, Reading, RowProfile};
use govtrail_parse::{settle_as_at, FamilyParser, ParseOptions};
use govtrail_table::{Row, Table};
use header::{header_cells, Column, Columns, HeaderCell};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use theme::{parse_theme, Theme};

/// Reads improvement plan trackers.
#[derive(Clone, Copy, Debug, Default)]
pub struct TrackerParser;

impl FamilyParser for TrackerParser {
    fn family(&self) -> Family {
        Family::ImprovementPlanTracker
    }

    /// The share of tracker columns (workstream, ref, action, director lead, due date, a
    /// dated status column) one header block of the first rows names.
    fn score(&self, table: &Table) -> f32 {
        let rows: Vec<_> = table
            .rows
            .iter()
            .take(60)
            .filter_map(header_cells)
            .collect();
        rows.windows(1)
            .chain(rows.windows(2))
            .chain(rows.windows(3))
            .map(|block| Columns::from_block(block).tracker_likeness())
            .max()
            .map_or(0.0, |n| n as f32 / 6.0)
    }

    fn parse(&self, table: &Table, options: &ParseOptions) -> DocumentOutput {
        let mut profile = TrackerProfile::default();
        let reading = read_rows(&table.rows, &mut profile);
        profile.finish(reading, options, table.sheet.as_deref())
    }
}

/// The shape of a tracker ref: dotted parts of letters and digits.
static REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9]{1,6}(?:\.[A-Za-z0-9]{1,6}){1,4}$").expect("ref pattern")
});

/// True for a tracker ref: dotted parts, at least one digit ("OC.A2.1", "CO.B1.10", "1.2").
pub(crate) fn is_ref(cell: &str) -> bool {
    // At most five parts of six characters, dotted: anything longer or without a dot is text,
    // and most cells asked about are long texts.
    cell.len() <= 34
        && cell.contains('.')
        && cell.bytes().any(|b| b.is_ascii_digit())
        && REF.is_match(cell)
}

/// The ref a cell prints, look-alike letters folded (`СО.А1.0` in Cyrillic reads `CO.A1.0`),
/// if the cell is one.
fn read_ref(cell: &str) -> Option<String> {
    if cell.is_ascii() {
        return is_ref(cell).then(|| cell.to_owned());
    }
    let folded = govtrail_parse::lookalike::fold_lookalikes(cell);
    is_ref(&folded).then_some(folded)
}

/// A legend's header row names a definition column.
fn is_legend_header(row: &Row) -> bool {
    row.filled() >= 2
        && row.cells.iter().any(|c| {
            // No character but ASCII lower-cases into these words: no need to lower-case
            // (and allocate) every cell of every row.
            let c = c.trim();
            ["definition", "definitions", "meaning"]
                .iter()
                .any(|word| c.eq_ignore_ascii_case(word))
        })
}

/// One action row as read, before its statuses are mapped.
#[derive(Debug)]
struct ActionRow {
    action: Action,
    /// Status cells: (period, raw, line); the period is `None` under an undated column.
    status: Vec<(Option<String>, String, usize)>,
}

/// The tracker layout as a profile of the row engine: its header blocks, themes, legends
/// and dotted refs.
#[derive(Default)]
struct TrackerProfile {
    /// The columns of the current table, from its last full header block.
    columns: Option<Columns>,
    /// Header rows read since the last content row.
    block: Vec<Vec<(usize, HeaderCell)>>,
    in_legend: bool,
    /// Whether an action row has been read.
    has_actions: bool,
    theme: Option<Theme>,
    title: Option<String>,
    legend: Vec<LegendEntry>,
    periods: Vec<String>,
    diagnostics: Vec<Diagnostic>,
}

/// A workbook's theme row is one cell merged across the table: every cell it covers holds
/// its text.
fn is_single_cell(row: &Row) -> bool {
    row.filled() == 1 || row.sole_value().is_some()
}

impl TrackerProfile {
    /// The row's ref and the columns to read it by, and how far the row is shifted. A row
    /// shifted against its header by a padding cell the header lacks (`\tERP\tCO.A1.9\t...`
    /// under `Workstream\tRef\t...`) is read with every column shifted alike.
    fn locate_ref(&self, row: &Row) -> Option<(String, Columns, isize)> {
        let columns = self.columns.as_ref()?;
        let at = columns.get(Column::Ref)?;
        if let Some(reference) = read_ref(row.cell(at)) {
            return Some((reference, columns.clone(), 0));
        }
        let shift = [-1isize, 1, -2, 2].into_iter().find(|&by| {
            at.checked_add_signed(by)
                .is_some_and(|i| read_ref(row.cell(i)).is_some())
        })?;
        let shifted = columns.shifted(shift);
        let reference = read_ref(row.cell(shifted.get(Column::Ref)?))?;
        Some((reference, shifted, shift))
    }

    /// Ends a header block: a block naming the ref column replaces the columns; a damaged
    /// repeat that names only periods extends them; banners alone change nothing.
    fn close_block(&mut self) {
        if self.block.is_empty() {
            return;
        }
        let found = Columns::from_block(&self.block);
        self.block.clear();
        for (p, _) in found.status.iter().chain(&found.updates) {
            if !self.periods.contains(p) {
                self.periods.push(p.clone());
            }
        }
        match self.columns.take() {
            _ if found.is_table_header() => self.columns = Some(found),
            Some(previous) if found.static_count() >= 2 => {
                let mut repaired = found;
                repaired.fill_from(&previous);
                if repaired.status.is_empty() && repaired.undated_status.is_none() {
                    repaired.extend_periods(previous);
                }
                self.columns = Some(repaired);
            }
            Some(mut columns) => {
                columns.extend_periods(found);
                self.columns = Some(columns);
            }
            None => {}
        }
    }

    /// A row before any table whose first cell is a rating ("Complete\tAction is complete").
    fn legend_row(&self, row: &Row) -> bool {
        row.filled() >= 2 && govtrail_parse::status::rag_of(first_filled(row)).is_some()
    }

    fn add_legend(&mut self, row: &Row) -> Banner {
        let mut cells = row.filled_indices().map(|i| row.cell(i));
        let label = cells.next().unwrap_or_default();
        let definition = cells.next();
        self.legend.push(status::legend_entry(label, definition));
        Banner::Legend
    }

    fn enter_theme(&mut self, theme: Theme) -> Banner {
        self.theme = Some(theme);
        self.in_legend = false;
        Banner::Section
    }

    /// What a row that holds no action row is, when it is structure: a legend's header or
    /// row, a theme heading (in one cell, or split over a few: "Theme 1" | "Organisational
    /// Culture"), or the document's title before any table.
    fn structure_of(&mut self, row: &Row) -> Option<Banner> {
        if is_legend_header(row) {
            self.in_legend = true;
            return Some(Banner::Legend);
        }
        if is_single_cell(row) {
            let text = first_filled(row);
            if let Some(theme) = parse_theme(text) {
                return Some(self.enter_theme(theme));
            }
            if self.in_legend {
                return Some(self.add_legend(row));
            }
            if self.columns.is_none() && !self.has_actions {
                let title = fold_whitespace(text.trim_start_matches('#'));
                self.title.get_or_insert(title);
                return Some(Banner::Title);
            }
            return None;
        }
        let theme = if row.filled() <= 3 {
            let joined: Vec<&str> = row.filled_indices().map(|i| row.cell(i)).collect();
            parse_theme(&joined.join(" "))
        } else {
            None
        };
        let legend = self.in_legend || (self.columns.is_none() && self.legend_row(row));
        // An action row is never structure, whatever its few cells say.
        if theme.is_none() && !legend || self.locate_ref(row).is_some() {
            return None;
        }
        match theme {
            Some(theme) => Some(self.enter_theme(theme)),
            None => Some(self.add_legend(row)),
        }
    }
}

impl RowProfile for TrackerProfile {
    type Record = ActionRow;

    /// A header row joins the block being read; any other row closes it.
    fn is_header(&mut self, row: &Row) -> bool {
        match header_cells(row) {
            Some(cells) => {
                self.block.push(cells);
                self.in_legend = false;
                true
            }
            None => {
                self.close_block();
                false
            }
        }
    }

    fn preamble(&mut self, row: &Row) -> Result<Banner, String> {
        self.structure_of(row)
            .ok_or_else(|| "before the table header".to_owned())
    }

    fn banner(&mut self, row: &Row) -> Option<Banner> {
        self.structure_of(row)
    }

    fn open(&mut self, row: &Row, current: Option<&ActionRow>) -> Option<ActionRow> {
        if is_single_cell(row) {
            return None;
        }
        let (reference, columns, shift) = self.locate_ref(row)?;
        if shift != 0 {
            self.diagnostics.push(Diagnostic::info(
                row.line,
                format!(
                    "ref {reference} printed {shift:+} cell(s) off its column; the row is read shifted"
                ),
            ));
        }
        self.in_legend = false;
        self.has_actions = true;
        Some(self.action_row(reference, row, &columns, current))
    }

    /// A row with an empty ref cell under an action continues it; any other row is stray.
    fn continues(&self, row: &Row, _current: Option<&ActionRow>) -> Result<(), String> {
        if is_single_cell(row) {
            return Err("a single cell outside any action row".to_owned());
        }
        let reference = self
            .columns
            .as_ref()
            .and_then(|c| c.get(Column::Ref))
            .map(|i| row.cell(i));
        match reference {
            Some("") => Ok(()),
            Some(r) => Err(format!("no ref in the ref column (found {r:?})")),
            None => Err("before the table header".to_owned()),
        }
    }

    /// The rest of an action's cells, split off at a page break: each cell is appended to
    /// the column it sits under.
    fn extend(&mut self, last: &mut ActionRow, row: &Row) {
        let columns = self.columns.clone().unwrap_or_default();
        last.action.add_line(row.line);
        fill(last, row, &columns);
        self.diagnostics.push(Diagnostic::info(
            row.line,
            "row without a ref read as the continuation of the action above",
        ));
    }
}

impl TrackerProfile {
    fn action_row(
        &self,
        reference: String,
        row: &Row,
        columns: &Columns,
        previous: Option<&ActionRow>,
    ) -> ActionRow {
        let objective = reference.rsplit('.').next() == Some("0");
        let kind = if objective {
            ActionKind::Objective
        } else {
            ActionKind::Action
        };
        let printed = columns
            .get(Column::Ref)
            .map(|i| row.cell(i))
            .unwrap_or_default();
        let raw_ref = (!printed.is_empty() && printed != reference).then(|| printed.to_owned());
        let mut action = Action::new(Some(reference), kind, row.line);
        action.raw_ref = raw_ref;
        if let Some(theme) = &self.theme {
            action.context.theme = theme.name.clone();
            action.context.theme_number = Some(theme.number);
        }
        let mut action_row = ActionRow {
            action,
            status: Vec::new(),
        };
        fill(&mut action_row, row, columns);
        // A workbook's merged Workstream cell holds its text in the group's first row only;
        // the rows below it, left empty, belong to the same workstream.
        if action_row.action.context.workstream.is_none() {
            if let Some(previous) = previous {
                let context = &previous.action.context;
                if context.theme_number == action_row.action.context.theme_number {
                    action_row.action.context.workstream = context.workstream.clone();
                }
            }
        }
        action_row
    }

    fn finish(
        mut self,
        reading: Reading<ActionRow>,
        options: &ParseOptions,
        sheet: Option<&str>,
    ) -> DocumentOutput {
        self.close_block();
        let mut out = DocumentOutput::new("", Family::ImprovementPlanTracker);
        self.periods.sort();
        // The latest reporting month, else a date the title gives ("... as at 31 October 2023").
        let as_at = self
            .periods
            .last()
            .and_then(|p| {
                let (year, month) = p.split_once('-')?;
                end_of_month(year.parse().ok()?, month.parse().ok()?)
            })
            .or_else(|| self.title.as_deref().and_then(as_at_date));
        settle_as_at(&mut out, as_at, options);
        // Undated status and update columns report at the document's date.
        let undated_period = out.document.as_at.map(month_period);
        if self.periods.is_empty() {
            self.periods.extend(undated_period.clone());
        }
        out.document.title = self.title;
        out.document.periods = self.periods;
        let refs: HashSet<String> = reading
            .records
            .iter()
            .filter_map(|r| r.action.reference.clone())
            .collect();
        let mut seen = HashSet::new();
        // A tracker prints the same few statuses hundreds of times: each is mapped once.
        let mut rags: HashMap<String, Option<Rag>> = HashMap::new();
        for ActionRow { mut action, status } in reading.records {
            let reference = action.reference.clone().unwrap_or_default();
            if !seen.insert(reference.clone()) {
                action.flags.push(Flag::Duplicate);
                self.diagnostics.push(Diagnostic::warning(
                    action.source.line,
                    format!("ref {reference} appears more than once"),
                ));
            }
            if action.kind == ActionKind::Action {
                action.parent =
                    objective_of(&reference, &refs, action.source.line, &mut self.diagnostics);
            }
            for (period, raw, line) in status {
                let period = period.or_else(|| undated_period.clone());
                let rag = *rags
                    .entry(raw.clone())
                    .or_insert_with(|| status::rag_of(&raw, &self.legend));
                if rag.is_none() {
                    self.diagnostics.push(Diagnostic::warning(
                        line,
                        format!(
                            "status {raw:?} ({}) matches no rating of the legend",
                            period.as_deref().unwrap_or("no period")
                        ),
                    ));
                }
                action.status.push(Status { period, raw, rag });
            }
            for update in &mut action.updates {
                update.period = update.period.take().or_else(|| undated_period.clone());
            }
            action.status.sort_by(|a, b| a.period.cmp(&b.period));
            action.updates.sort_by(|a, b| a.period.cmp(&b.period));
            action.source.sheet = sheet.map(str::to_owned);
            out.actions.push(action);
        }
        out.document.legend = self.legend;
        out.structure = reading.structure;
        out.unparsed = reading.unparsed;
        out.diagnostics = self.diagnostics;
        out
    }
}

/// The objective an action belongs to: `X.Y.n` → `X.Y.0`, when the document has that row.
fn objective_of(
    reference: &str,
    refs: &HashSet<String>,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let (prefix, _) = reference.rsplit_once('.')?;
    let parent = format!("{prefix}.0");
    if refs.contains(&parent) {
        Some(parent)
    } else {
        diagnostics.push(Diagnostic::info(
            line,
            format!("no objective row {parent} for {reference}; parent left empty"),
        ));
        None
    }
}

/// Puts each filled cell of `row` into the field of the column it sits under; cells under no
/// column are kept verbatim as fragments.
fn fill(target: &mut ActionRow, row: &Row, columns: &Columns) {
    let action = &mut target.action;
    let text_of = |c: Column| columns.get(c).and_then(|i| cell_text(row, i));
    let append = |field: &mut Option<String>, value: Option<String>| {
        if let Some(v) = value {
            *field = Some(match field.take() {
                Some(before) => format!("{before} {v}"),
                None => v,
            });
        }
    };
    append(&mut action.context.workstream, text_of(Column::Workstream));
    append(
        &mut action.context.cabinet_member,
        text_of(Column::CabinetMember),
    );
    append(&mut action.context.focus, text_of(Column::Focus));
    append(&mut action.context.start, text_of(Column::Start));
    if let Some(i) = columns.get(Column::Action) {
        let text = html_to_text(row.cell(i));
        action.text = fold_whitespace(&format!("{} {text}", action.text));
    }
    if let Some(due) = text_of(Column::Due) {
        let raw = match action.due.take() {
            Some(before) => format!("{} {due}", before.raw),
            None => due,
        };
        action.due = Some(due_of(&raw));
    }
    // Director lead first, then the other leads and the update owner, each named once.
    if let Some(lead) = text_of(Column::DirectorLead) {
        push_owner(&mut action.owners, lead);
    }
    for column in [Column::OtherLeads, Column::UpdateOwner] {
        for owner in text_of(column)
            .map(|c| split_owners(&c))
            .unwrap_or_default()
        {
            push_owner(&mut action.owners, owner);
        }
    }
    for (period, i) in columns.status_columns() {
        let Some(raw) = cell_text(row, i) else {
            continue;
        };
        match target
            .status
            .iter_mut()
            .find(|(p, _, _)| p.as_deref() == period)
        {
            Some((_, before, _)) => *before = format!("{before} {raw}"),
            None => target
                .status
                .push((period.map(str::to_owned), raw, row.line)),
        }
    }
    for (period, i) in columns.update_columns() {
        let text = html_to_text(row.cell(i));
        if text.is_empty() {
            continue;
        }
        match action
            .updates
            .iter_mut()
            .find(|u| u.period.as_deref() == period)
        {
            Some(update) => update.text = format!("{} {text}", update.text),
            None => action.updates.push(Update {
                period: period.map(str::to_owned),
                text,
            }),
        }
    }
    for i in row.filled_indices().filter(|&i| !columns.reads(i)) {
        action.fragments.push(Fragment {
            line: row.line,
            text: fold_whitespace(&row.cells[i]),
        });
    }
}

/// Cell `i` as printed, trimmed, with markup removed (`<b>Director - Finance</b>`); `None`
/// when empty.
fn cell_text(row: &Row, i: usize) -> Option<String> {
    let cell = row.cell(i);
    let text = if has_markup(cell) {
        strip_tags(cell)
    } else {
        cell.to_owned()
    };
    (!text.is_empty()).then_some(text)
}

/// A due date as printed, dated only where the text commits to one: "TBC following
/// 08/08/2023 meeting" names the meeting, not the due date, so it stays undated. A workbook
/// date cell read as ISO text ("2023-09-30", "2023-09-30 00:00:00") is that day.
fn due_of(raw: &str) -> DueDate {
    static UNCONFIRMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:tbc|tba|tbd|to be (?:confirmed|agreed|determined))\b")
            .expect("unconfirmed-date pattern")
    });
    static ISO_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00)?)?\s*$").expect("ISO day pattern")
    });
    if UNCONFIRMED.is_match(raw) {
        return DueDate::new(raw.trim(), None);
    }
    if let Some(cap) = ISO_DAY.captures(raw) {
        let day = chrono::NaiveDate::parse_from_str(&cap[1], "%Y-%m-%d").ok();
        return DueDate::new(raw.trim(), day);
    }
    parse_due(raw)
}

fn push_owner(owners: &mut Vec<String>, owner: String) {
    if !owner.is_empty() && !owners.contains(&owner) {
        owners.push(owner);
    }
}

fn first_filled(row: &Row) -> &str {
    row.filled_indices().next().map_or("", |i| row.cell(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::{Rag, StructureRole};

    const LEGEND: &str = "# IMPROVEMENT PLAN\n\
        Progress against Plan Status Rating\tDefinition\tLeadership Team Action as a result\n\
        On Track\tProgress against the action is good\tLeadership Team note progress\n\
        Medium progress\tslippage (actual / projected) of 1-2 months\tWatching brief\n\
        Significant issues / slippage\tmore than 2 months\tReview and remedy\n\
        On hold\tAction placed on hold\t\n";

    fn parse(text: &str) -> DocumentOutput {
        TrackerParser.parse(
            &govtrail_table::read_text_dump(text),
            &ParseOptions::default(),
        )
    }

    fn action<'a>(doc: &'a DocumentOutput, reference: &str) -> &'a Action {
        doc.actions
            .iter()
            .find(|a| a.reference.as_deref() == Some(reference))
            .unwrap_or_else(|| panic!("no action {reference}"))
    }

    /// Damage of our own making: a ref printed with Cyrillic look-alike letters, and a
    /// workbook's theme row merged across the table (its text in every cell).
    #[test]
    fn lookalike_refs_and_merged_theme_rows() {
        let doc = parse(
            "Theme 1 - Culture\tTheme 1 - Culture\tTheme 1 - Culture\tTheme 1 - Culture\n\
             Workstream\tRef\tAction\tDirector Lead\tStatus (September 2023)\n\
             Culture\t\u{421}\u{41e}.\u{410}1.0\tCreate the right environment\tChief Executive\tOn Track\n\
             Theme 2 - Oversight\tTheme 2 - Oversight\tTheme 2 - Oversight\tTheme 2 - Oversight\tTheme 2 - Oversight\n\
             ERP\tCO.B1.0\tImplement Oracle Fusion\tDirector-Finance\tOn Track\n",
        );
        assert!(doc.unparsed.is_empty(), "{:?}", doc.unparsed);
        let first = action(&doc, "CO.A1.0");
        assert_eq!(first.raw_ref.as_deref(), Some("\u{421}\u{41e}.\u{410}1.0"));
        assert_eq!(first.context.theme.as_deref(), Some("Culture"));
        assert_eq!(
            action(&doc, "CO.B1.0").context.theme.as_deref(),
            Some("Oversight")
        );
    }

    #[test]
    fn legend_rows_are_the_rating_vocabulary_not_actions() {
        let doc = parse(&format!(
            "{LEGEND}Theme 1 - Culture\n\
             Workstream\tRef\tAction\tDirector Lead\tStatus (September 2023)\n\
             Culture\tOC.A2.0\tCreate the right environment\tChief Executive\tAction on Hold\n"
        ));
        let labels: Vec<_> = doc
            .document
            .legend
            .iter()
            .map(|e| e.label.as_str())
            .collect();
        assert_eq!(
            labels,
            [
                "On Track",
                "Medium progress",
                "Significant issues / slippage",
                "On hold"
            ]
        );
        assert_eq!(doc.actions.len(), 1);
        assert_eq!(doc.actions[0].status[0].rag, Some(Rag::OnHold));
        let roles: Vec<_> = doc.structure.iter().map(|s| (s.line, s.role)).collect();
        assert_eq!(roles[0], (1, StructureRole::Title));
        assert_eq!(roles[1], (2, StructureRole::Legend));
        assert_eq!(roles[5], (6, StructureRole::Legend));
        assert_eq!(roles[6], (7, StructureRole::Section));
        assert_eq!(doc.document.title.as_deref(), Some("IMPROVEMENT PLAN"));
    }

    #[test]
    fn shifted_repeats_and_a_third_month_read_by_header_words() {
        // The first table has two months; the repeat after the page break is shifted by a
        // padding cell, splits October onto a third row and adds November.
        let doc = parse(
            "Theme 2- Corporate Oversight\n\
             Static data\t\tOwners\t\tDates\tFocus\tProgress against plan\tOctober Update Due\n\
             Workstream\tRef\tAction\tDirector Lead\tDue date\tMain Action Risk\tStatus (September 2023)\tUpdate (Initial and Date)(September 2023)\tStatus (October 2023)\tEvidence of status rating (October 2023)\n\
             ERP\tCO.A1.0\tImplement Oracle Fusion\tDirector-Finance\tApr-24\tFocus 2\tN/A\tN/A\tN/A\tN/A\n\
             October Update Due\n\
             \tStatic data\t\t\tOwners\n\
             \tWorkstream\tRef\tAction\tDirector Lead\tDue date\tMain Action Risk\tStatus (September 2023)\tUpdate (Initial and Date)(September 2023)\tProgress against plan\tEvidence of status rating\tStatus (November 2023)\n\
             \t\t\t\t\t\t\t\t\tStatus (October 2023)\tUpdate (Initial and Date)(October 2023)\n\
             \tERP\tCO.A1.9\tCompletion of the modelling phase\tDirector-Finance\tSep-23\tN/A\tOn Track- little\tgood\tMedium Progress- actual\tslipped\tComplete\n",
        );
        assert!(doc.unparsed.is_empty(), "{:?}", doc.unparsed);
        assert_eq!(doc.document.periods, ["2023-09", "2023-10", "2023-11"]);
        assert_eq!(
            doc.document.as_at.map(|d| d.to_string()).as_deref(),
            Some("2023-11-30")
        );
        assert_eq!(doc.document.year, Some(2023));
        let a = action(&doc, "CO.A1.9");
        let statuses: Vec<_> = a
            .status
            .iter()
            .map(|s| (s.period.as_deref().unwrap_or(""), s.raw.as_str(), s.rag))
            .collect();
        assert_eq!(
            statuses,
            [
                ("2023-09", "On Track- little", Some(Rag::Green)),
                ("2023-10", "Medium Progress- actual", Some(Rag::Amber)),
                ("2023-11", "Complete", Some(Rag::Complete)),
            ]
        );
        assert_eq!(a.updates[1].text, "slipped");
        assert_eq!(a.parent.as_deref(), Some("CO.A1.0"));
        assert_eq!(a.context.focus.as_deref(), Some("N/A"));
        assert_eq!(a.context.theme_number, Some(2));
        assert_eq!(action(&doc, "CO.A1.0").kind, ActionKind::Objective);
        assert_eq!(
            doc.structure
                .iter()
                .filter(|s| s.role == StructureRole::Header)
                .count(),
            6
        );
    }

    #[test]
    fn owners_dates_and_cells_as_printed() {
        let doc = parse(
            "Workstream\tRef\tAction\tDirector Lead\tCabinet Member\tOther Leads\tUpdate Owner (if different)\tStart date\tDue date\tStatus (September 2023)\n\
             SEND\tPC.B3.2\t<b>New action:</b> Mobilise project team\tDirector - Children and Education\tDept Leader\tDirector - Law & Governance Director - Finance\tGroup Head - Education\tAutumn 2021\tJul- 24\tAssurance Action\n\
             SEND\tPC.B3.3\tCommence Procurement\tDirector-Finance\t\t\t\t\tTBC following 08/08/2023 meeting\t\n",
        );
        let a = action(&doc, "PC.B3.2");
        assert_eq!(a.text, "New action: Mobilise project team");
        assert_eq!(
            a.owners,
            [
                "Director - Children and Education",
                "Director - Law & Governance",
                "Director - Finance",
                "Group Head - Education"
            ]
        );
        assert_eq!(a.context.cabinet_member.as_deref(), Some("Dept Leader"));
        assert_eq!(a.context.start.as_deref(), Some("Autumn 2021"));
        let due = a.due.as_ref().expect("due");
        assert_eq!(
            (due.raw.as_str(), due.date.map(|d| d.to_string())),
            ("Jul- 24", Some("2024-07-31".into()))
        );
        // a status no legend rating names is kept, unmapped, and reported
        assert_eq!(a.status[0].rag, None);
        assert!(doc
            .diagnostics
            .iter()
            .any(|d| d.line == Some(2) && d.message.contains("Assurance Action")));
        // no objective row: no parent, said so
        assert_eq!(a.parent, None);
        let b = action(&doc, "PC.B3.3");
        assert_eq!(b.due.as_ref().and_then(|d| d.date), None);
        assert!(b.status.is_empty(), "an empty status cell is no entry");
    }

    #[test]
    fn a_row_split_at_a_page_break_continues_its_action() {
        let doc = parse(
            "Workstream\tRef\tAction\tStatus (September 2023)\tUpdate (September 2023)\n\
             ERP\tCO.A1.11\tProgramme benefits will be\tOn Track\tBenefit profiles\n\
             Workstream\tRef\tAction\tStatus (September 2023)\tUpdate (September 2023)\n\
             \t\tdefined during the programme\t\twill be baselined\n",
        );
        let a = action(&doc, "CO.A1.11");
        assert_eq!(
            a.text,
            "Programme benefits will be defined during the programme"
        );
        assert_eq!(a.updates[0].text, "Benefit profiles will be baselined");
        assert_eq!(a.source.lines, [2, 4]);
        assert_eq!(a.status.len(), 1);
    }

    #[test]
    fn a_row_shifted_off_its_header_is_read_shifted() {
        // The PDF dump padded this row with a leading empty cell its header lacks.
        let doc = parse(
            "Workstream\tRef\tAction\tDirector Lead\tStatus (October 2023)\n\
             \tERP\tCO.A1.10\tGo live\t<b>Director-Finance</b>\tComplete\n",
        );
        let a = action(&doc, "CO.A1.10");
        assert_eq!(a.context.workstream.as_deref(), Some("ERP"));
        assert_eq!(a.text, "Go live");
        assert_eq!(a.owners, ["Director-Finance"]);
        assert_eq!(a.status[0].raw, "Complete");
        assert!(a.fragments.is_empty());
        assert!(doc
            .diagnostics
            .iter()
            .any(|d| d.message.contains("+1 cell")));
    }

    #[test]
    fn a_merged_workstream_cell_carries_down_within_its_theme() {
        let doc = parse(
            "Theme 1 - Culture\n\
             Workstream\tRef\tAction\n\
             Internal Communications\tOC.E2.0\tDeliver the strategy\n\
             \tOC.E2.4\tRecognition scheme\n\
             Theme 2 - Oversight\n\
             \tCO.A1.0\tImplement Oracle Fusion\n",
        );
        let workstream = |r| action(&doc, r).context.workstream.as_deref();
        assert_eq!(workstream("OC.E2.4"), Some("Internal Communications"));
        assert_eq!(workstream("CO.A1.0"), None, "a new theme starts afresh");
    }

    #[test]
    fn undated_status_columns_report_at_the_title_date() {
        let doc = parse(
            "Improvement Plan tracker - position as at 31 October 2023\n\
             Ref\tAction\tRAG Status\tLatest update\n\
             CO.A1.0\tImplement Oracle Fusion\tAmber\tSlipping\n",
        );
        assert_eq!(doc.document.periods, ["2023-10"]);
        let a = &doc.actions[0];
        assert_eq!(a.status[0].period.as_deref(), Some("2023-10"));
        assert_eq!(a.status[0].rag, Some(Rag::Amber));
        assert_eq!(a.updates[0].period.as_deref(), Some("2023-10"));
    }

    #[test]
    fn due_dates_as_printed_and_dated_only_when_honest() {
        let cases: [(&str, Option<&str>); 9] = [
            ("Dec-22", Some("2022-12-31")),
            ("Jul- 24", Some("2024-07-31")),
            ("June 2023", Some("2023-06-30")),
            ("Autumn 2021", Some("2021-11-30")),
            ("TBC", None),
            ("TBC following 08/08/2023 meeting", None),
            ("quarterly May Aug Nov Feb", None),
            ("AA- ongoing", None),
            ("2023-09-30 00:00:00", Some("2023-09-30")),
        ];
        for (raw, expected) in cases {
            let due = due_of(raw);
            assert_eq!(due.raw, raw);
            assert_eq!(
                due.date.map(|d| d.to_string()).as_deref(),
                expected,
                "{raw:?}"
            );
        }
    }

    #[test]
    fn a_theme_heading_split_over_cells() {
        let doc = parse(
            "Theme 4\tDecision Making\n\
             Workstream\tRef\tAction\n\
             Scrutiny\tDM.C3.0\tManage position on historic issues\n",
        );
        let a = &doc.actions[0];
        assert_eq!(a.context.theme.as_deref(), Some("Decision Making"));
        assert_eq!(a.context.theme_number, Some(4));
        assert_eq!(doc.structure[0].role, StructureRole::Section);
    }

    #[test]
    fn a_repeat_that_lost_its_ref_cell_keeps_the_first_headers_position() {
        let doc = parse(
            "Workstream\tRef\tAction\tDirector Lead\tStatus (October 2023)\n\
             ERP\tCO.A1.9\tModelling phase\tDirector-Finance\tComplete\n\
             Workstream\t\tAction\tDirector Lead\tCabinet Member\tStatus (October 2023)\n\
             ERP\tCO.A1.10\tGo live\tDirector-Finance\tDeputy Leader\tOn Track\n",
        );
        assert!(doc.unparsed.is_empty(), "{:?}", doc.unparsed);
        let a = action(&doc, "CO.A1.10");
        assert_eq!(a.text, "Go live");
        assert_eq!(a.context.cabinet_member.as_deref(), Some("Deputy Leader"));
        assert_eq!(a.status[0].raw, "On Track");
    }

    #[test]
    fn a_workbook_sheet_reads_like_the_text_dump() {
        // Rows as a workbook reader yields them: sheet rows, wrapped cells with line breaks,
        // trailing empty cells trimmed, the theme heading in a merged first cell.
        let cells = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let table = Table {
            sheet: Some("Tracker".into()),
            rows: vec![
                Row::new(2, cells(&["Theme 2- Corporate Oversight"])),
                Row::new(
                    4,
                    cells(&[
                        "Workstream",
                        "Ref",
                        "Action",
                        "Director Lead",
                        "Other Leads",
                        "Status (September 2023)",
                        "Status (October 2023)",
                    ]),
                ),
                Row::new(
                    5,
                    cells(&[
                        "ERP",
                        "CO.A1.9",
                        "Completion of the\nmodelling phase",
                        "Director-Finance",
                        "Director - Law & Governance\nHead of HR",
                        "On Track- little or no slippage",
                        "Significant issues / slippage",
                    ]),
                ),
            ],
        };
        let doc = TrackerParser.parse(&table, &ParseOptions::default());
        let a = &doc.actions[0];
        assert_eq!(a.text, "Completion of the modelling phase");
        assert_eq!(
            a.owners,
            [
                "Director-Finance",
                "Director - Law & Governance",
                "Head of HR"
            ]
        );
        assert_eq!(a.status[1].rag, Some(Rag::Red));
        assert_eq!(a.source.sheet.as_deref(), Some("Tracker"));
        assert_eq!(a.source.line, 5);
    }

    #[test]
    fn detection_needs_the_tracker_columns() {
        let tracker = govtrail_table::read_text_dump(
            "Static data\tOwners\n\
             Workstream\tRef\tAction\tDirector Lead\tDue date\tStatus (September 2023)\n",
        );
        assert_eq!(TrackerParser.score(&tracker), 1.0);
        let ags = govtrail_table::read_text_dump(
            "Issue\tKey improvement area\tActions to be taken (responsibility and date of implementation)\tUpdate on implementation of actions as at 31 January 2019\n",
        );
        assert!(TrackerParser.score(&ags) < 0.5);
    }

    /// Every row of the seed tracker is an action line, structure or explained; none is left
    /// for the convert safety net.
    #[test]
    fn every_row_of_the_seed_is_accounted_for() {
        let text = include_str!("../../../seeds/003_c094e79ec819f942.txt");
        let table = govtrail_table::read_text_dump(text);
        let doc = TrackerParser.parse(&table, &ParseOptions::default());
        let accounted = doc.accounted_lines();
        let missing: Vec<_> = table
            .rows
            .iter()
            .filter(|r| !accounted.contains(&r.line))
            .map(|r| r.line)
            .collect();
        assert!(missing.is_empty(), "unaccounted lines {missing:?}");
        assert!(doc.unparsed.is_empty());
        assert_eq!(doc.document.legend.len(), 8);
    }
}
