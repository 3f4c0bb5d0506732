//! Tracker header rows: column names, banners and the reporting periods they carry.
//!
//! A tracker prints its header as two or three rows that repeat at every page break, each
//! repeat shifted or padded differently:
//!
//! ```text
//! Static data\t\t\tOwners\t\t\t\tDates\t\tFocus\tProgress against plan\t...\tOctober Update Due
//! Workstream\tRef\tAction\tDirector Lead\t...\tStatus (September 2023)\tUpdate (Initial and Date)(September 2023)\tProgress against plan\tEvidence of status rating
//! \t\t\t\t\t\t\t\t\t\t\tStatus (October 2023)\tUpdate (Initial and Date)(October 2023)
//! ```
//!
//! Each cell is classified on its own words ([`classify`]); the rows of one header block are
//! merged cell by cell into a [`Columns`] map, so the October columns named only on the third
//! row still land where they are printed. Periods come from the header text, so a tracker with
//! other or more months reads unchanged.

use aho_corasick::AhoCorasick;
use govtrail_parse::clean::fold_whitespace;
use govtrail_parse::dates::{dates_in, month_period};
use govtrail_table::Row;
use regex::Regex;
use std::sync::LazyLock;

/// A column of the static part of a tracker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// Workstream the action belongs to.
    Workstream,
    /// The action's ref (`OC.A2.1`).
    Ref,
    /// The action text.
    Action,
    /// The director who leads the action.
    DirectorLead,
    /// The cabinet member responsible.
    CabinetMember,
    /// Further leads, often run together in one cell.
    OtherLeads,
    /// Who writes the update, when not the lead.
    UpdateOwner,
    /// Start date as printed.
    Start,
    /// Due date as printed.
    Due,
    /// Main action risk / focus.
    Focus,
}

/// What one header cell names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderCell {
    /// A static column. `weak` marks a banner word that names the column only when nothing
    /// better does ("Focus" above "Main Action Risk").
    Column {
        /// The column.
        column: Column,
        /// True for a banner word standing in for the column name.
        weak: bool,
    },
    /// The status column of a reporting period (`2023-09`).
    Status(String),
    /// The update (evidence, commentary) column of a reporting period.
    Update(String),
    /// A status column naming no period ("RAG Status", "Progress against plan"): read only
    /// when the header names no dated status column.
    UndatedStatus,
    /// An update column naming no period ("Latest update", "Evidence of status rating"):
    /// read only when the header names no dated update column.
    UndatedUpdate,
    /// A banner over a group of columns ("Static data", "Owners", "October Update Due").
    Banner,
}

/// Banner words printed above groups of columns.
const BANNERS: [&str; 3] = ["static data", "owners", "dates"];

/// Status column names without a period; over dated columns they are banners.
const UNDATED_STATUS: [&str; 7] = [
    "status",
    "rag",
    "rag status",
    "rag rating",
    "current status",
    "status rating",
    "progress against plan",
];

/// Update column names without a period; over dated columns they are banners.
const UNDATED_UPDATE: [&str; 6] = [
    "update",
    "latest update",
    "progress update",
    "commentary",
    "evidence of status rating",
    "progress",
];

/// "October Update Due", "Next update due": a banner naming no year.
static UPDATE_DUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[a-z]+ )?update due$").expect("update-due pattern"));

/// "Ref", "Ref.", "Reference", "Action Ref", "Ref No".
static REF_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:action )?ref(?:erence)?\.?(?: no\.?| number)?$").expect("ref-name pattern")
});

/// Words that make a header cell an update column's: "Evidence of status rating (October
/// 2023)" names the update column although it says "status".
const UPDATE_WORDS: [&str; 5] = [
    "update",
    "evidence",
    "comment",
    "narrative",
    "progress note",
];

/// Words that make a header cell a status column's.
const STATUS_WORDS: [&str; 4] = ["status", "rag", "rating", "progress"];

/// Words that name a static column, first match wins.
const COLUMN_WORDS: [(&str, Column); 13] = [
    ("workstream", Column::Workstream),
    ("work stream", Column::Workstream),
    ("director lead", Column::DirectorLead),
    ("lead director", Column::DirectorLead),
    ("cabinet member", Column::CabinetMember),
    ("portfolio holder", Column::CabinetMember),
    ("other lead", Column::OtherLeads),
    ("update owner", Column::UpdateOwner),
    ("start date", Column::Start),
    ("due date", Column::Due),
    ("target date", Column::Due),
    ("completion date", Column::Due),
    ("main action risk", Column::Focus),
];

/// The words of a header cell, found in one pass over it: bit `i` is set when word `i` of
/// [`UPDATE_WORDS`], then [`STATUS_WORDS`], then [`COLUMN_WORDS`] occurs in the cell.
struct CellWords(u32);

impl CellWords {
    fn of(text: &str) -> CellWords {
        static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
            let words = UPDATE_WORDS
                .iter()
                .chain(&STATUS_WORDS)
                .chain(COLUMN_WORDS.iter().map(|(w, _)| w));
            AhoCorasick::new(words).expect("header words build an automaton")
        });
        CellWords(
            WORDS
                .find_overlapping_iter(text)
                .fold(0, |bits, m| bits | 1 << m.pattern().as_usize()),
        )
    }

    fn has(&self, index: usize) -> bool {
        self.0 & 1 << index != 0
    }

    fn is_update(&self) -> bool {
        (0..UPDATE_WORDS.len()).any(|i| self.has(i))
    }

    fn is_status(&self) -> bool {
        let first = UPDATE_WORDS.len();
        (first..first + STATUS_WORDS.len()).any(|i| self.has(i))
    }

    fn column(&self) -> Option<Column> {
        let first = UPDATE_WORDS.len() + STATUS_WORDS.len();
        (0..COLUMN_WORDS.len())
            .find(|&i| self.has(first + i))
            .map(|i| COLUMN_WORDS[i].1)
    }
}

/// The longest cell read as a header label, in bytes.
const MAX_HEADER_CELL_BYTES: usize = 120;

/// What `cell` names as a tracker header cell, or `None` when it is content.
///
/// ```
/// use govtrail_tracker::header::{classify, HeaderCell};
/// assert_eq!(classify("Status (September 2023)"), Some(HeaderCell::Status("2023-09".into())));
/// assert_eq!(classify("Evidence of status rating (October 2023)"), Some(HeaderCell::Update("2023-10".into())));
/// assert_eq!(classify("On Track- little or no slippage"), None);
/// ```
pub fn classify(cell: &str) -> Option<HeaderCell> {
    // Header cells are labels ("Evidence of status rating (October 2023)"); a longer cell is
    // an update or action text, and folding and searching it for dates is wasted work.
    if cell.len() > MAX_HEADER_CELL_BYTES {
        return None;
    }
    let text = fold_whitespace(cell).to_lowercase();
    if text.is_empty() {
        return None;
    }
    let words = CellWords::of(&text);
    // The update words decide first ([`UPDATE_WORDS`]).
    let is_update = words.is_update();
    let is_status = words.is_status();
    // Dates are looked for only where they can decide something: they make a status or
    // update header a period's, and any other cell naming a period no column header.
    if is_update || is_status {
        if let Some(period) = period_of(&text) {
            return Some(if is_update {
                HeaderCell::Update(period)
            } else {
                HeaderCell::Status(period)
            });
        }
    }
    let named = column_named(&text, &words)?;
    if !(is_update || is_status) && period_of(&text).is_some() {
        return None;
    }
    Some(named)
}

/// The column or banner a folded, lower-case header cell names, whatever periods it names.
fn column_named(text: &str, words: &CellWords) -> Option<HeaderCell> {
    let column = |column| {
        Some(HeaderCell::Column {
            column,
            weak: false,
        })
    };
    if REF_NAME.is_match(text) {
        return column(Column::Ref);
    }
    if matches!(
        text,
        "action" | "actions" | "action description" | "action title"
    ) {
        return column(Column::Action);
    }
    if let Some(c) = words.column() {
        return column(c);
    }
    if text == "focus" {
        return Some(HeaderCell::Column {
            column: Column::Focus,
            weak: true,
        });
    }
    if UNDATED_STATUS.contains(&text) {
        return Some(HeaderCell::UndatedStatus);
    }
    if UNDATED_UPDATE.contains(&text) {
        return Some(HeaderCell::UndatedUpdate);
    }
    if BANNERS.contains(&text) || UPDATE_DUE.is_match(text) {
        return Some(HeaderCell::Banner);
    }
    None
}

/// The `YYYY-MM` period a header cell names ("Status (September 2023)" → `2023-09`).
fn period_of(text: &str) -> Option<String> {
    dates_in(text).into_iter().next().map(month_period)
}

/// The header cells of `row` with their positions, when the row is a header row: every
/// filled cell is a header cell (banner rows), or at least two name columns or periods and
/// they are most of the row. A header may carry columns this parser does not read
/// ("Measure of Success", "Comments"); those cells are left out. A row holding a ref is
/// content, whatever else it says.
pub fn header_cells(row: &Row) -> Option<Vec<(usize, HeaderCell)>> {
    let filled: Vec<usize> = row.filled_indices().collect();
    if filled.iter().any(|&i| crate::is_ref(row.cell(i))) {
        return None;
    }
    // A header row has most of its cells classified: give up on a row once more than half
    // are content, without classifying the rest.
    let mut cells: Vec<(usize, HeaderCell)> = Vec::new();
    let mut misses = 0;
    for &i in &filled {
        match classify(&row.cells[i]) {
            Some(cell) => cells.push((i, cell)),
            None if misses == filled.len() / 2 => return None,
            None => misses += 1,
        }
    }
    let naming = cells
        .iter()
        .filter(|(_, c)| {
            !matches!(
                c,
                HeaderCell::Banner
                    | HeaderCell::UndatedStatus
                    | HeaderCell::UndatedUpdate
                    | HeaderCell::Column { weak: true, .. }
            )
        })
        .count();
    let is_header = !cells.is_empty()
        && (cells.len() == filled.len() || (naming >= 2 && 2 * cells.len() >= filled.len()));
    is_header.then_some(cells)
}

/// Which cell holds which column, merged from the rows of one header block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    statics: Vec<(Column, usize)>,
    /// Status columns: (period, cell index), in printed order.
    pub status: Vec<(String, usize)>,
    /// Update columns: (period, cell index), in printed order.
    pub updates: Vec<(String, usize)>,
    /// The status column of a header that names no period.
    pub undated_status: Option<usize>,
    /// The update column of a header that names no period.
    pub undated_update: Option<usize>,
}

impl Columns {
    /// Merges the classified cells of a header block's rows. A column named on several rows
    /// keeps its first position; banner stand-ins fill only columns nothing else names.
    pub fn from_block(rows: &[Vec<(usize, HeaderCell)>]) -> Columns {
        let mut columns = Columns::default();
        for weak_pass in [false, true] {
            for (i, cell) in rows.iter().flatten() {
                match cell {
                    HeaderCell::Column { column, weak } if *weak == weak_pass => {
                        columns.add_static(*column, *i)
                    }
                    HeaderCell::Status(p) if !weak_pass => add_period(&mut columns.status, p, *i),
                    HeaderCell::Update(p) if !weak_pass => add_period(&mut columns.updates, p, *i),
                    HeaderCell::UndatedStatus if weak_pass && columns.status.is_empty() => {
                        columns.undated_status = columns.undated_status.or(Some(*i));
                    }
                    HeaderCell::UndatedUpdate if weak_pass && columns.updates.is_empty() => {
                        columns.undated_update = columns.undated_update.or(Some(*i));
                    }
                    _ => {}
                }
            }
        }
        columns
    }

    /// The cell index of a static column.
    pub fn get(&self, column: Column) -> Option<usize> {
        self.statics
            .iter()
            .find(|(c, _)| *c == column)
            .map(|&(_, i)| i)
    }

    /// The same columns `by` cells to the right (left when negative); columns pushed off the
    /// left edge are dropped.
    pub fn shifted(&self, by: isize) -> Columns {
        let at = |i: usize| i.checked_add_signed(by);
        let periods = |list: &[(String, usize)]| {
            list.iter()
                .filter_map(|(p, i)| Some((p.clone(), at(*i)?)))
                .collect()
        };
        Columns {
            statics: self
                .statics
                .iter()
                .filter_map(|&(c, i)| Some((c, at(i)?)))
                .collect(),
            status: periods(&self.status),
            updates: periods(&self.updates),
            undated_status: self.undated_status.and_then(at),
            undated_update: self.undated_update.and_then(at),
        }
    }

    /// Names cell `index` as `column`, unless either is named already.
    fn add_static(&mut self, column: Column, index: usize) {
        if self.get(column).is_none() && !self.is_taken(index) {
            self.statics.push((column, index));
        }
    }

    fn is_taken(&self, index: usize) -> bool {
        self.statics.iter().any(|&(_, i)| i == index)
    }

    /// True when the block named the ref column: enough to read action rows by.
    pub fn is_table_header(&self) -> bool {
        self.get(Column::Ref).is_some()
    }

    /// True when `index` is a column this map reads.
    pub fn reads(&self, index: usize) -> bool {
        self.is_taken(index)
            || self.status.iter().any(|&(_, i)| i == index)
            || self.updates.iter().any(|&(_, i)| i == index)
            || self.undated_status == Some(index)
            || self.undated_update == Some(index)
    }

    /// How many static columns the map names.
    pub fn static_count(&self) -> usize {
        self.statics.len()
    }

    /// Adds the static columns of `previous` this map lacks, where their cells are free: a
    /// repeat that lost a cell (`Workstream\t\tAction\t...`, "Ref" gone) keeps the position
    /// the first header gave it.
    pub fn fill_from(&mut self, previous: &Columns) {
        for &(column, index) in &previous.statics {
            self.add_static(column, index);
        }
    }

    /// Adds the period columns of `other` this map lacks: a damaged repeat naming only
    /// "Status (October 2023)" extends the columns already known.
    pub fn extend_periods(&mut self, other: Columns) {
        for (p, i) in &other.status {
            add_period(&mut self.status, p, *i);
        }
        for (p, i) in &other.updates {
            add_period(&mut self.updates, p, *i);
        }
    }

    /// The status columns with their periods, `None` for an undated one.
    pub fn status_columns(&self) -> Vec<(Option<&str>, usize)> {
        dated_then_undated(&self.status, self.undated_status)
    }

    /// The update columns with their periods, `None` for an undated one.
    pub fn update_columns(&self) -> Vec<(Option<&str>, usize)> {
        dated_then_undated(&self.updates, self.undated_update)
    }

    /// How many of the columns that identify a tracker the map names, out of six.
    pub fn tracker_likeness(&self) -> usize {
        [
            Column::Workstream,
            Column::Ref,
            Column::Action,
            Column::DirectorLead,
            Column::Due,
        ]
        .into_iter()
        .filter(|&c| self.get(c).is_some())
        .count()
            + usize::from(!self.status.is_empty() || self.undated_status.is_some())
    }
}

fn dated_then_undated(
    dated: &[(String, usize)],
    undated: Option<usize>,
) -> Vec<(Option<&str>, usize)> {
    dated
        .iter()
        .map(|(p, i)| (Some(p.as_str()), *i))
        .chain(undated.map(|i| (None, i)))
        .collect()
}

/// Adds the column of `period` at `index`, unless the period has one already.
fn add_period(columns: &mut Vec<(String, usize)>, period: &str, index: usize) {
    if !columns.iter().any(|(p, _)| p == period) {
        columns.push((period.to_owned(), index));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_of_a_cell_is_found_even_inside_another() {
        let words = CellWords::of("evidence of status rating");
        assert!(words.is_update() && words.is_status());
        // "progress note" holds "progress": both lists see it.
        let words = CellWords::of("progress note");
        assert!(words.is_update() && words.is_status());
        let words = CellWords::of("rag");
        assert!(!words.is_update() && words.is_status());
        assert_eq!(CellWords::of("target date").column(), Some(Column::Due));
        assert_eq!(
            CellWords::of("lead director / workstream").column(),
            Some(Column::Workstream)
        );
        assert_eq!(CellWords::of("measure of success").column(), None);
    }

    fn row(s: &str) -> Row {
        Row::new(1, s.split('\t').map(str::to_owned).collect())
    }

    #[test]
    fn cells_classify_by_their_words() {
        let col = |column| {
            Some(HeaderCell::Column {
                column,
                weak: false,
            })
        };
        let cases: [(&str, Option<HeaderCell>); 15] = [
            ("Ref", col(Column::Ref)),
            ("Workstream", col(Column::Workstream)),
            ("Action", col(Column::Action)),
            ("Main Action Risk", col(Column::Focus)),
            ("Update Owner (if different)", col(Column::UpdateOwner)),
            (
                "Status (September 2023)",
                Some(HeaderCell::Status("2023-09".into())),
            ),
            // no space before the period, and "Initial and Date" that is no date
            (
                "Update (Initial and Date)(October 2023)",
                Some(HeaderCell::Update("2023-10".into())),
            ),
            (
                "Evidence of status rating (October 2023)",
                Some(HeaderCell::Update("2023-10".into())),
            ),
            (
                "RAG Status  Jan 2024",
                Some(HeaderCell::Status("2024-01".into())),
            ),
            ("October Update Due", Some(HeaderCell::Banner)),
            ("RAG Status", Some(HeaderCell::UndatedStatus)),
            ("Static data", Some(HeaderCell::Banner)),
            (
                "Focus",
                Some(HeaderCell::Column {
                    column: Column::Focus,
                    weak: true,
                }),
            ),
            ("Focus 2", None),
            ("Actions to be taken (responsibility and date)", None),
        ];
        for (cell, expected) in cases {
            assert_eq!(classify(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn a_three_row_block_merges_periods_named_on_the_continuation_row() {
        let block = [
            "Static data\t\tOwners\t\t\t\tDates\t\tFocus\tProgress against plan\tEvidence of status rating\tOctober Update Due",
            "Workstream\tRef\tAction\tDirector Lead\tCabinet Member\tOther Leads\tUpdate Owner (if different)\tStart date\tDue date\tMain Action Risk\tStatus (September 2023)\tUpdate (Initial and Date)(September 2023)\tProgress against plan\tEvidence of status rating",
            "\t\t\t\t\t\t\t\t\t\t\t\tStatus (October 2023)\tUpdate (Initial and Date)(October 2023)",
        ];
        let rows: Vec<_> = block
            .iter()
            .map(|r| header_cells(&row(r)).expect("header row"))
            .collect();
        let columns = Columns::from_block(&rows);
        // the shifted "Focus" banner (cell 8) loses to "Main Action Risk" (cell 9)
        assert_eq!(columns.get(Column::Focus), Some(9));
        assert_eq!(columns.get(Column::Ref), Some(1));
        assert_eq!(
            columns.status,
            vec![("2023-09".to_string(), 10), ("2023-10".to_string(), 12)]
        );
        assert_eq!(columns.updates[1], ("2023-10".to_string(), 13));
        assert_eq!(columns.tracker_likeness(), 6);
        // "Progress against plan" over the dated columns is a banner, not a column
        assert_eq!(columns.undated_status, None);
    }

    #[test]
    fn an_undated_status_column_is_read_when_no_month_is_named() {
        let rows = [
            header_cells(&row("Ref\tAction\tRAG Status\tLatest update\tDue date"))
                .expect("header row"),
        ];
        let columns = Columns::from_block(&rows);
        assert_eq!(columns.status_columns(), [(None, 2)]);
        assert_eq!(columns.update_columns(), [(None, 3)]);
    }

    #[test]
    fn content_rows_are_not_headers() {
        assert!(header_cells(&row("ERP\tCO.A1.9\tCompletion of the modelling phase")).is_none());
        assert!(header_cells(&row("\t\t")).is_none());
        assert!(header_cells(&row("Theme 2- Corporate Oversight")).is_none());
        // a data row whose cells happen to read like column names is still content
        assert!(header_cells(&row("Action\tOC.A2.1\tStatus (October 2023)")).is_none());
        // a header with columns this parser does not read is still a header
        let extra = header_cells(&row("Ref\tAction\tMeasure of Success\tDue date\tComments"))
            .expect("header with unknown columns");
        assert_eq!(extra.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 1, 3]);
    }
}
