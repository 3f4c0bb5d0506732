//! Column roles: which column of an action table holds what.
//!
//! Councils name the same columns in many words ("By Whom", "Responsible Officer", "Led by";
//! "By When", "Timescale for Completion", "Finish by"), print headers over two or three rows
//! ("Current" / "Implementation" / "Date", "Import-" / "ance"), and sometimes leave a column
//! without a header. A column is named by the most specific phrase its joined header holds;
//! where the header says nothing, its cells can (a column of dates, of RAG words, of refs).
//! The user can overrule both with a [`LayoutOverride`].

use crate::dates::parse_due;
use crate::lookalike::fold_lookalikes;
use crate::status::rag_of;
use govtrail_model::{ColumnRole, Layout, LayoutColumn};
use govtrail_table::Row;
use regex::Regex;
use std::sync::LazyLock;

/// Header phrases, the role each names and how specific it is: the most specific phrase a
/// header holds names it ("Action Owner" is an owner before it is an action, "Risk Rating"
/// is no status).
const PHRASES: &[(&str, ColumnRole, u8)] = &[
    ("ref", ColumnRole::Ref, 5),
    ("ref no", ColumnRole::Ref, 7),
    ("reference", ColumnRole::Ref, 5),
    ("no", ColumnRole::Ref, 4),
    ("number", ColumnRole::Ref, 4),
    ("id", ColumnRole::Ref, 4),
    ("code", ColumnRole::Ref, 4),
    ("#", ColumnRole::Ref, 4),
    ("rec no", ColumnRole::Ref, 8),
    ("item no", ColumnRole::Ref, 8),
    ("action no", ColumnRole::Ref, 8),
    ("action ref", ColumnRole::Ref, 8),
    ("recommendation no", ColumnRole::Ref, 9),
    ("governance issue", ColumnRole::Title, 7),
    ("issue", ColumnRole::Title, 4),
    ("area of focus", ColumnRole::Title, 7),
    ("key improvement area", ColumnRole::Title, 7),
    ("improvement area", ColumnRole::Title, 6),
    ("theme", ColumnRole::Title, 5),
    ("audit title", ColumnRole::Title, 7),
    ("audit", ColumnRole::Title, 3),
    ("title", ColumnRole::Title, 4),
    ("area", ColumnRole::Title, 3),
    ("topic", ColumnRole::Title, 5),
    ("subject", ColumnRole::Title, 4),
    ("workstream", ColumnRole::Title, 5),
    ("action", ColumnRole::Text, 5),
    ("actions", ColumnRole::Text, 5),
    ("agreed action", ColumnRole::Text, 8),
    ("agreed actions", ColumnRole::Text, 8),
    ("management response", ColumnRole::Text, 8),
    ("management action", ColumnRole::Text, 8),
    ("key action", ColumnRole::Text, 7),
    ("key actions", ColumnRole::Text, 7),
    ("what we will do", ColumnRole::Text, 8),
    ("action to be taken", ColumnRole::Text, 8),
    ("actions to be taken", ColumnRole::Text, 8),
    ("planned action", ColumnRole::Text, 7),
    ("proposed action", ColumnRole::Text, 7),
    ("item", ColumnRole::Text, 4),
    ("task", ColumnRole::Text, 5),
    ("tasks", ColumnRole::Text, 5),
    ("deliverable", ColumnRole::Text, 5),
    ("key deliverable", ColumnRole::Text, 7),
    ("milestone", ColumnRole::Text, 4),
    ("activity", ColumnRole::Text, 4),
    ("recommendation", ColumnRole::Recommendation, 6),
    ("recommendations", ColumnRole::Recommendation, 6),
    ("peer recommendation", ColumnRole::Recommendation, 8),
    ("finding", ColumnRole::Recommendation, 6),
    ("findings", ColumnRole::Recommendation, 6),
    ("issue identified", ColumnRole::Recommendation, 7),
    ("weakness", ColumnRole::Recommendation, 5),
    ("responsible officer", ColumnRole::Owner, 8),
    ("responsible officers", ColumnRole::Owner, 8),
    ("responsible lead", ColumnRole::Owner, 8),
    ("lead officer", ColumnRole::Owner, 8),
    ("by whom", ColumnRole::Owner, 8),
    ("action owner", ColumnRole::Owner, 9),
    ("owner", ColumnRole::Owner, 6),
    ("lead", ColumnRole::Owner, 5),
    ("responsibility", ColumnRole::Owner, 6),
    ("responsible", ColumnRole::Owner, 6),
    ("accountable", ColumnRole::Owner, 6),
    ("who", ColumnRole::Owner, 6),
    ("led by", ColumnRole::Owner, 8),
    ("officer", ColumnRole::Owner, 4),
    ("target date", ColumnRole::Due, 8),
    ("by when", ColumnRole::Due, 8),
    ("deadline", ColumnRole::Due, 7),
    ("timescale", ColumnRole::Due, 7),
    ("timescales", ColumnRole::Due, 7),
    ("completion date", ColumnRole::Due, 8),
    ("due date", ColumnRole::Due, 8),
    ("due", ColumnRole::Due, 6),
    ("when", ColumnRole::Due, 6),
    ("finish by", ColumnRole::Due, 8),
    ("end date", ColumnRole::Due, 7),
    ("delivery date", ColumnRole::Due, 8),
    ("implementation date", ColumnRole::Due, 7),
    ("date", ColumnRole::Due, 3),
    ("target", ColumnRole::Due, 4),
    ("completion", ColumnRole::Due, 4),
    ("start", ColumnRole::Start, 6),
    ("start by", ColumnRole::Start, 8),
    ("start date", ColumnRole::Start, 8),
    ("rag", ColumnRole::Status, 8),
    ("rag status", ColumnRole::Status, 9),
    ("rag rating", ColumnRole::Status, 9),
    ("status", ColumnRole::Status, 6),
    ("progress rating", ColumnRole::Status, 8),
    ("progress status", ColumnRole::Status, 8),
    ("rating", ColumnRole::Status, 4),
    ("% complete", ColumnRole::Status, 5),
    ("percent complete", ColumnRole::Status, 5),
    ("direction of travel", ColumnRole::Status, 5),
    ("progress", ColumnRole::Update, 5),
    ("update", ColumnRole::Update, 5),
    ("updates", ColumnRole::Update, 5),
    ("comment", ColumnRole::Update, 5),
    ("comments", ColumnRole::Update, 5),
    ("commentary", ColumnRole::Update, 5),
    ("position", ColumnRole::Update, 4),
    ("progress update", ColumnRole::Update, 7),
    ("latest position", ColumnRole::Update, 7),
    ("position statement", ColumnRole::Update, 7),
    ("progress to date", ColumnRole::Update, 7),
    ("update on implementation", ColumnRole::Update, 7),
    ("measure of success", ColumnRole::Measure, 8),
    ("measures of success", ColumnRole::Measure, 8),
    ("success measure", ColumnRole::Measure, 8),
    ("success measures", ColumnRole::Measure, 8),
    ("success criteria", ColumnRole::Measure, 8),
    ("outcome", ColumnRole::Measure, 5),
    ("outcomes", ColumnRole::Measure, 5),
    ("expected outcome", ColumnRole::Measure, 8),
    ("evidence", ColumnRole::Measure, 5),
    ("kpi", ColumnRole::Measure, 5),
    ("risk rating", ColumnRole::Other, 8),
    ("risk", ColumnRole::Other, 5),
    ("priority", ColumnRole::Other, 4),
    ("importance", ColumnRole::Other, 6),
    ("work involved", ColumnRole::Other, 6),
    ("assisted by", ColumnRole::Other, 9),
    ("supported by", ColumnRole::Other, 9),
    ("support", ColumnRole::Other, 4),
    ("assurance", ColumnRole::Other, 6),
    ("assurance opinion", ColumnRole::Other, 8),
    ("cabinet member", ColumnRole::Other, 7),
    ("portfolio holder", ColumnRole::Other, 7),
    ("budget", ColumnRole::Other, 4),
    ("cost", ColumnRole::Other, 4),
];

/// Words that make a due-date header the latest of several ("Current Implementation Date",
/// "Revised Target Date") or an earlier one ("Original Implementation Date").
const LATER_DATE: [&str; 5] = ["current", "revised", "latest", "new", "forecast"];
const EARLIER_DATE: [&str; 2] = ["original", "initial"];

/// How the header of one column named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderName {
    /// The role.
    pub role: ColumnRole,
    /// How specific the phrase was (higher wins a role over another column).
    pub weight: u8,
    /// The phrase, for the layout's evidence.
    pub phrase: String,
}

/// A header text as matched: lower case, punctuation but `%` and `#` dropped, a word broken
/// over two header rows ("Import-" / "ance") joined again.
pub fn normalise_header(text: &str) -> String {
    static BROKEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\p{L})-\s+(\p{Ll})").expect("broken-word pattern"));
    let joined = BROKEN.replace_all(text, "$1$2");
    let lower = joined.to_lowercase();
    let spaced: String = lower
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '%' || c == '#' {
                c
            } else {
                ' '
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The role a header text names, by its most specific phrase, if any.
///
/// ```
/// use govtrail_model::ColumnRole;
/// use govtrail_parse::layout::name_header;
/// assert_eq!(name_header("By Whom").map(|n| n.role), Some(ColumnRole::Owner));
/// assert_eq!(name_header("Timescale for Completion").map(|n| n.role), Some(ColumnRole::Due));
/// assert_eq!(name_header("Risk Rating").map(|n| n.role), Some(ColumnRole::Other));
/// assert_eq!(name_header("Cyber security is a growing risk to the council and its partners"), None);
/// ```
pub fn name_header(text: &str) -> Option<HeaderName> {
    // Header cells are short labels; a long cell is content ("the risk of ..." names nothing).
    if text.len() > MAX_HEADER_BYTES || text.split_whitespace().count() > MAX_HEADER_WORDS {
        return None;
    }
    let normal = normalise_header(text);
    if normal.is_empty() {
        return None;
    }
    let padded = format!(" {normal} ");
    let (phrase, role, weight) = PHRASES
        .iter()
        .filter(|(phrase, _, _)| padded.contains(&format!(" {phrase} ")))
        .max_by_key(|(phrase, _, weight)| (*weight, phrase.len()))?;
    let mut weight = *weight;
    if *role == ColumnRole::Due {
        let has = |words: &[&str]| words.iter().any(|w| padded.contains(&format!(" {w} ")));
        if has(&LATER_DATE) {
            weight += 2;
        }
        if has(&EARLIER_DATE) {
            weight = weight.saturating_sub(3);
        }
    }
    Some(HeaderName {
        role: *role,
        weight,
        phrase: (*phrase).to_owned(),
    })
}

/// The longest header cell worth reading, in bytes and words.
const MAX_HEADER_BYTES: usize = 80;
const MAX_HEADER_WORDS: usize = 8;

/// The roles one row names as a header: distinct roles other than [`ColumnRole::Other`].
pub fn roles_named(row: &Row) -> Vec<ColumnRole> {
    let mut roles: Vec<ColumnRole> = row
        .cells
        .iter()
        .filter_map(|c| name_header(c.trim()))
        .map(|n| n.role)
        .filter(|r| *r != ColumnRole::Other)
        .collect();
    roles.sort_by_key(|r| r.as_str());
    roles.dedup();
    roles
}

/// The roles that hold one value per action: when two columns name one, the more specific
/// header keeps it (a later column on a tie for dates, statuses and updates, which councils
/// print oldest first) and the other is kept as context.
fn single_valued(role: ColumnRole) -> bool {
    role != ColumnRole::Other
}

fn later_wins_tie(role: ColumnRole) -> bool {
    matches!(
        role,
        ColumnRole::Due | ColumnRole::Status | ColumnRole::Update
    )
}

/// Reads the layout of a header printed over `rows` (one or more, top first): each column's
/// joined header text and the role it names. Columns the header leaves unnamed get
/// [`ColumnRole::Other`] until [`fill_from_cells`] looks at their cells.
pub fn read_header(rows: &[&Row]) -> Layout {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut columns = Vec::with_capacity(width);
    let mut weights = Vec::with_capacity(width);
    for index in 0..width {
        let header = join_header_parts(rows.iter().map(|r| r.cell(index)));
        let (role, weight, evidence) = match name_header(&header) {
            Some(name) => (
                name.role,
                name.weight,
                format!("header phrase \"{}\"", name.phrase),
            ),
            None => (ColumnRole::Other, 0, String::from("no header phrase")),
        };
        columns.push(LayoutColumn {
            index,
            header,
            role,
            evidence,
        });
        weights.push(weight);
    }
    settle_roles(&mut columns, &weights);
    promote_text(&mut columns);
    Layout {
        header_lines: rows.iter().map(|r| r.line).collect(),
        columns,
    }
}

/// Joins the parts of one column's header printed on successive rows; a part ending in a
/// hyphen is a word broken over the rows ("Import-" + "ance" = "Importance").
fn join_header_parts<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut header = String::new();
    for part in parts.filter(|p| !p.is_empty()) {
        if header.ends_with('-') && part.starts_with(char::is_lowercase) {
            header.pop();
        } else if !header.is_empty() {
            header.push(' ');
        }
        header.push_str(part);
    }
    crate::clean::fold_whitespace(&header)
}

/// One column per single-valued role: the most specific header keeps it, the others become
/// context with the reason in their evidence.
fn settle_roles(columns: &mut [LayoutColumn], weights: &[u8]) {
    for role in ColumnRole::ALL.into_iter().filter(|r| single_valued(*r)) {
        let holders: Vec<usize> = (0..columns.len())
            .filter(|&i| columns[i].role == role)
            .collect();
        if holders.len() < 2 {
            continue;
        }
        let best = holders
            .iter()
            .copied()
            .max_by_key(|&i| {
                let position = if later_wins_tie(role) {
                    i as isize
                } else {
                    -(i as isize)
                };
                (weights[i], position)
            })
            .unwrap_or(holders[0]);
        for &i in holders.iter().filter(|&&i| i != best) {
            columns[i].role = ColumnRole::Other;
            columns[i].evidence = format!(
                "{}; column {} \"{}\" is the {}",
                columns[i].evidence,
                best + 1,
                columns[best].header,
                role.as_str()
            );
        }
    }
}

/// A table needs an action text: when no header names one, the recommendation or the title
/// column is the text ("Issue / Owner / Update" lists issues to act on).
fn promote_text(columns: &mut [LayoutColumn]) {
    if columns.iter().any(|c| c.role == ColumnRole::Text) {
        return;
    }
    for stand_in in [ColumnRole::Recommendation, ColumnRole::Title] {
        if let Some(column) = columns.iter_mut().find(|c| c.role == stand_in) {
            column.role = ColumnRole::Text;
            column.evidence = format!(
                "{}; no action column, so the {} is the text",
                column.evidence,
                stand_in.as_str()
            );
            return;
        }
    }
}

/// True when `cell` has the shape of a printed ref: a short token with a number, optionally
/// a letter prefix and dotted parts (`12`, `1.1`, `R3`, `A1`, `CH9`, `S1.1.C`), look-alike
/// letters folded first (`СН9`).
///
/// ```
/// use govtrail_parse::layout::looks_like_ref;
/// for r in ["12", "1.1", "R3", "A1", "CH9", "S1.1.C", "СН9", "2."] { assert!(looks_like_ref(r), "{r}"); }
/// for r in ["2024", "31/03/2024", "Q3", "100%", "Green", "Aim A: homes"] { assert!(!looks_like_ref(r), "{r}"); }
/// ```
pub fn looks_like_ref(cell: &str) -> bool {
    static REF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[A-Za-z]{1,4}[.\- ]?)?\d{1,3}[a-z]?(?:[.\-][A-Za-z0-9]{1,3})*\.?$")
            .expect("ref pattern")
    });
    let cell = cell.trim();
    if cell.is_empty() || cell.len() > 16 {
        return false;
    }
    let folded = fold_lookalikes(cell);
    // A quarter ("Q3") is a date, not a ref.
    let quarter = folded.len() == 2 && folded.starts_with(['Q', 'q']);
    REF.is_match(&folded) && !quarter
}

/// What the cells of a column look like, for a column its header did not name.
fn cell_role(cells: &[&str], column: usize) -> Option<(ColumnRole, usize)> {
    let filled: Vec<&str> = cells.iter().copied().filter(|c| !c.is_empty()).collect();
    if filled.len() < 3 {
        return None;
    }
    let share = |test: &dyn Fn(&str) -> bool| filled.iter().filter(|c| test(c)).count();
    let person = |c: &str| {
        let lower = c.to_lowercase();
        c.split_whitespace().count() <= 10
            && PERSON_WORDS.iter().any(|w| {
                lower
                    .split(|ch: char| !ch.is_alphanumeric())
                    .any(|word| word == *w)
            })
    };
    let candidates: [(ColumnRole, usize); 4] = [
        (
            ColumnRole::Ref,
            if column <= 1 {
                share(&looks_like_ref)
            } else {
                0
            },
        ),
        (
            ColumnRole::Due,
            share(&|c: &str| c.len() <= 24 && parse_due(c).date.is_some()),
        ),
        (
            ColumnRole::Status,
            share(&|c: &str| c.split_whitespace().count() <= 4 && rag_of(c).is_some()),
        ),
        (ColumnRole::Owner, share(&person)),
    ];
    candidates
        .into_iter()
        .filter(|(_, n)| *n * 10 >= filled.len() * 7)
        .max_by_key(|(_, n)| *n)
}

/// Words of job titles and bodies that mark a column of owners.
const PERSON_WORDS: [&str; 10] = [
    "officer",
    "manager",
    "director",
    "head",
    "chief",
    "lead",
    "team",
    "executive",
    "leader",
    "board",
];

/// Gives roles to the columns the header left unnamed, from their cells (`cells[i]` are the
/// data cells of column `i`): a column of ref shapes at the left, of dates, of RAG words, of
/// job titles. A role another column already holds is not given twice.
pub fn fill_from_cells(layout: &mut Layout, cells: &[Vec<&str>]) {
    for i in 0..layout.columns.len() {
        let column = &layout.columns[i];
        if column.role != ColumnRole::Other || name_header(&column.header).is_some() {
            continue;
        }
        let Some(column_cells) = cells.get(i) else {
            continue;
        };
        let Some((role, n)) = cell_role(column_cells, i) else {
            continue;
        };
        if layout.columns.iter().any(|c| c.role == role) {
            continue;
        }
        let filled = column_cells.iter().filter(|c| !c.is_empty()).count();
        let column = &mut layout.columns[i];
        column.role = role;
        column.evidence = format!("cells: {n} of {filled} read as {}", role.as_str());
    }
    // A first column named like a title but holding refs ("Issue" over 1, 2, 3) is the ref.
    if !layout.columns.iter().any(|c| c.role == ColumnRole::Ref) {
        if let Some(first) = layout.columns.first() {
            let holds_refs = cells.first().and_then(|c| cell_role(c, 0));
            if first.role == ColumnRole::Title && matches!(holds_refs, Some((ColumnRole::Ref, _))) {
                let filled = cells[0].iter().filter(|c| !c.is_empty()).count();
                let n = holds_refs.map_or(0, |(_, n)| n);
                let first = &mut layout.columns[0];
                first.role = ColumnRole::Ref;
                first.evidence = format!("{}; cells: {n} of {filled} are refs", first.evidence);
            }
        }
    }
}

/// A user's word on a layout: header text (or a part of it) to role, read from a small TOML
/// file:
///
/// ```toml
/// [columns]
/// "What we will do" = "text"
/// "Who" = "owner"
/// "Peer Recommendation" = "recommendation"
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LayoutOverride {
    /// (normalised header text, role), in the file's order.
    columns: Vec<(String, ColumnRole)>,
}

/// Why a layout file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LayoutOverrideError {
    /// The text is not TOML.
    #[error("not a TOML layout file: {0}")]
    Toml(String),
    /// A role name is not one of the contract's.
    #[error("column {header:?}: unknown role {role:?} (roles: {known})")]
    UnknownRole {
        /// The header text.
        header: String,
        /// The role as written.
        role: String,
        /// The roles there are.
        known: String,
    },
    /// The file has no `[columns]` table.
    #[error("the layout file has no [columns] table mapping header text to roles")]
    NoColumns,
}

impl LayoutOverride {
    /// Reads a layout file's text.
    ///
    /// ```
    /// use govtrail_parse::layout::LayoutOverride;
    /// let layout = LayoutOverride::from_toml("[columns]\n\"Who\" = \"owner\"\n").unwrap();
    /// assert!(!layout.is_empty());
    /// assert!(LayoutOverride::from_toml("[columns]\n\"Who\" = \"boss\"\n").is_err());
    /// ```
    pub fn from_toml(text: &str) -> Result<LayoutOverride, LayoutOverrideError> {
        let value: toml::Table =
            toml::from_str(text).map_err(|e| LayoutOverrideError::Toml(e.to_string()))?;
        let columns = value
            .get("columns")
            .and_then(|c| c.as_table())
            .ok_or(LayoutOverrideError::NoColumns)?;
        let mut out = LayoutOverride::default();
        for (header, role) in columns {
            let role_name = role.as_str().unwrap_or_default();
            let role = ColumnRole::from_name(role_name).ok_or_else(|| {
                LayoutOverrideError::UnknownRole {
                    header: header.clone(),
                    role: role_name.to_owned(),
                    known: ColumnRole::ALL.map(|r| r.as_str()).join(", "),
                }
            })?;
            out.push(header, role);
        }
        Ok(out)
    }

    /// Adds one mapping (`--column "Who=owner"` on the command line).
    pub fn push(&mut self, header: &str, role: ColumnRole) {
        self.columns.push((normalise_header(header), role));
    }

    /// True when the user said nothing.
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// The role the user gave a header text, if any: an entry matches a header equal to it
    /// or holding it as whole words.
    pub fn role_of(&self, header: &str) -> Option<ColumnRole> {
        let normal = normalise_header(header);
        if normal.is_empty() {
            return None;
        }
        let padded = format!(" {normal} ");
        self.columns
            .iter()
            .find(|(key, _)| normal == *key || padded.contains(&format!(" {key} ")))
            .map(|(_, role)| *role)
    }

    /// Applies the user's roles to `layout`: a named column takes its role, and a column that
    /// held that role before gives it up.
    pub fn apply(&self, layout: &mut Layout) {
        for i in 0..layout.columns.len() {
            let Some(role) = self.role_of(&layout.columns[i].header) else {
                continue;
            };
            if single_valued(role) {
                for other in layout.columns.iter_mut().filter(|c| c.role == role) {
                    other.role = ColumnRole::Other;
                    other.evidence = format!("{}; overruled by the layout file", other.evidence);
                }
            }
            let column = &mut layout.columns[i];
            column.role = role;
            column.evidence = format!("layout file: \"{}\" = {}", column.header, role.as_str());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: usize, s: &str) -> Row {
        Row::new(line, s.split('\t').map(str::to_owned).collect())
    }

    fn roles(layout: &Layout) -> Vec<&'static str> {
        layout.columns.iter().map(|c| c.role.as_str()).collect()
    }

    #[test]
    fn synonyms_of_every_role() {
        let cases = [
            ("Rec No.", ColumnRole::Ref),
            ("Governance Issue", ColumnRole::Title),
            ("Area of Focus", ColumnRole::Title),
            ("Agreed Action", ColumnRole::Text),
            ("Management Response", ColumnRole::Text),
            ("What we will do", ColumnRole::Text),
            ("Lead Officer", ColumnRole::Owner),
            ("Accountable", ColumnRole::Owner),
            ("Deadline", ColumnRole::Due),
            ("Revised Date", ColumnRole::Due),
            ("RAG", ColumnRole::Status),
            ("Direction of Travel", ColumnRole::Status),
            ("Position as at 31 March", ColumnRole::Update),
            ("Comments", ColumnRole::Update),
            ("Measure of Success", ColumnRole::Measure),
            ("Action Owner", ColumnRole::Owner),
            ("Progress Rating", ColumnRole::Status),
        ];
        for (header, role) in cases {
            assert_eq!(name_header(header).map(|n| n.role), Some(role), "{header}");
        }
    }

    #[test]
    fn a_header_over_three_rows_is_joined_per_column() {
        let rows = [
            row(
                7,
                "No.\tAudit\tAgreed Action\tOriginal\tCurrent\t%\tRAG\tUpdate",
            ),
            row(
                8,
                "\tTitle\t\tImplementation\tImplementation\tComplete\t\t(January 2023)",
            ),
            row(9, "\t\t\tDate\tDate\t\t\t"),
        ];
        let layout = read_header(&rows.iter().collect::<Vec<_>>());
        assert_eq!(layout.header_lines, vec![7, 8, 9]);
        assert_eq!(layout.columns[3].header, "Original Implementation Date");
        assert_eq!(
            roles(&layout),
            ["ref", "title", "text", "other", "due", "other", "status", "update"]
        );
    }

    #[test]
    fn a_word_broken_over_two_header_rows_is_joined() {
        let rows = [row(1, "Ref\tImport-\tItem"), row(2, "\tance\t")];
        let layout = read_header(&rows.iter().collect::<Vec<_>>());
        assert_eq!(layout.columns[1].header, "Importance");
        assert_eq!(roles(&layout), ["ref", "other", "text"]);
    }

    #[test]
    fn cells_name_a_column_the_header_does_not() {
        let header = row(1, "\tAction\t\t");
        let mut layout = read_header(&[&header]);
        let cells: Vec<Vec<&str>> = vec![
            vec!["1", "2", "3", "4"],
            vec!["a", "b", "c", "d"],
            vec!["March 2024", "31/12/2024", "June 2025", ""],
            vec!["Green", "Amber", "Red", "Complete"],
        ];
        fill_from_cells(&mut layout, &cells);
        assert_eq!(roles(&layout), ["ref", "text", "due", "status"]);
        assert!(layout.columns[2].evidence.starts_with("cells: 3 of 3"));
    }

    #[test]
    fn the_user_overrules_the_header() {
        let header = row(1, "Ref\tAction\tWho\tNotes");
        let mut layout = read_header(&[&header]);
        let mut user = LayoutOverride::default();
        user.push("notes", ColumnRole::Update);
        user.push("Action", ColumnRole::Recommendation);
        user.apply(&mut layout);
        assert_eq!(roles(&layout), ["ref", "recommendation", "owner", "update"]);
        assert!(layout.columns[3].evidence.starts_with("layout file"));
    }
}
