//! The normalised action model of govtrail's output contract (`CONTRACT.md`).
//!
//! Every family parser produces these types and every consumer (the linker, the report, other
//! systems reading the JSON) reads them. The crate is pure data: serde derives, no I/O.
//!
//! ```
//! use govtrail_model::{Action, ActionKind, DueDate};
//! let mut action = Action::new(Some("1".into()), ActionKind::Action, 2);
//! action.due = Some(DueDate::new("March 2019", chrono::NaiveDate::from_ymd_opt(2019, 3, 31)));
//! let json = serde_json::to_string(&action).unwrap();
//! assert!(json.contains(r#""ref":"1""#));
//! assert!(json.contains(r#""date":"2019-03-31""#));
//! ```
#![deny(missing_docs)]

pub mod links;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use links::{Duplicate, ExpectedLinks, ExpectedPair, ItemRef, Link, Links, Member, Thread};

/// The version of the JSON shapes below; bumped only when a contracted field changes.
pub const SCHEMA_VERSION: u32 = 1;

/// The document families govtrail recognises, by the shape of their tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// Annual governance statement action plan update (Issue / Key improvement area / Actions / Update).
    AgsActionPlanUpdate,
    /// Governance review improvement plan (Ref / Action / Responsible Lead / Delivery Date / ...).
    GovernanceReviewPlan,
    /// Improvement plan tracker (Workstream / Ref / Action / leads / dates / monthly status).
    ImprovementPlanTracker,
    /// Corporate plan performance report (CP Ref / Deliverable / BP Ref / Key deliverable / RAG).
    CorporatePlanPerformance,
    /// Any other table of actions whose header names the usual roles (action, owner, due,
    /// status, update ...): read by the general reader, which records the layout it found.
    ActionPlan,
}

impl Family {
    /// Every family, in a stable order.
    pub const ALL: [Family; 5] = [
        Family::AgsActionPlanUpdate,
        Family::GovernanceReviewPlan,
        Family::ImprovementPlanTracker,
        Family::CorporatePlanPerformance,
        Family::ActionPlan,
    ];

    /// The seed families: each a layout of the seeds that a parser of its own reads.
    pub const SEEDS: [Family; 4] = [
        Family::AgsActionPlanUpdate,
        Family::GovernanceReviewPlan,
        Family::ImprovementPlanTracker,
        Family::CorporatePlanPerformance,
    ];

    /// The contract name, e.g. `ags-action-plan-update`.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::AgsActionPlanUpdate => "ags-action-plan-update",
            Family::GovernanceReviewPlan => "governance-review-plan",
            Family::ImprovementPlanTracker => "improvement-plan-tracker",
            Family::CorporatePlanPerformance => "corporate-plan-performance",
            Family::ActionPlan => "action-plan",
        }
    }

    /// The family with this contract name.
    pub fn from_name(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the input was stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// Tab-separated text extracted from a PDF.
    TextDump,
    /// Comma- or semicolon-separated values.
    Csv,
    /// Office Open XML workbook (.xlsx, .xlsm).
    Xlsx,
    /// Legacy Excel workbook (.xls).
    Xls,
    /// Excel binary workbook (.xlsb).
    Xlsb,
    /// OpenDocument spreadsheet (.ods).
    Ods,
}

/// One converted document: the per-input JSON file of the contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentOutput {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// What the document is.
    pub document: Document,
    /// The actions, in document order.
    pub actions: Vec<Action>,
    /// Non-blank lines that are in no action and are not document structure.
    pub unparsed: Vec<UnparsedLine>,
    /// Problems met while parsing that did not stop it.
    pub diagnostics: Vec<Diagnostic>,
    /// Lines read as document structure (titles, table headers, legends, section headings,
    /// footers) rather than as content; with `actions[].source.lines` and `unparsed` they
    /// account for every non-blank input line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub structure: Vec<StructureLine>,
}

impl DocumentOutput {
    /// An empty output for a document of `family` named `id`.
    pub fn new(id: impl Into<String>, family: Family) -> DocumentOutput {
        DocumentOutput {
            schema_version: SCHEMA_VERSION,
            document: Document {
                id: id.into(),
                family,
                title: None,
                as_at: None,
                year: None,
                format: None,
                sheet: None,
                periods: Vec::new(),
                legend: Vec::new(),
                layout: None,
            },
            actions: Vec::new(),
            unparsed: Vec::new(),
            diagnostics: Vec::new(),
            structure: Vec::new(),
        }
    }

    /// Every input line (or sheet row) this output accounts for: in an action's source, in
    /// `unparsed` or in `structure`.
    pub fn accounted_lines(&self) -> std::collections::BTreeSet<usize> {
        let mut lines = std::collections::BTreeSet::new();
        for action in &self.actions {
            lines.insert(action.source.line);
            lines.extend(action.source.lines.iter().copied());
        }
        lines.extend(self.unparsed.iter().map(|u| u.line));
        lines.extend(self.structure.iter().map(|s| s.line));
        lines
    }
}

/// What a document is: the `document` object of the contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The input file name (with `#<sheet>` for one sheet of a workbook).
    pub id: String,
    /// The family detected from the content.
    pub family: Family,
    /// The document's own title line, when it has one.
    pub title: Option<String>,
    /// The date of the progress update (ISO), or null.
    pub as_at: Option<NaiveDate>,
    /// The year the document reports on or at.
    pub year: Option<i32>,
    /// How the input was stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<InputFormat>,
    /// The sheet this document was read from, for workbooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Reporting periods the document carries status for, oldest first (`2023-09`, `2023/24 Q3`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<String>,
    /// The document's own rating vocabulary (a tracker's status legend).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legend: Vec<LegendEntry>,
    /// How the table's columns were read: each column's header, the role given to it and
    /// why. Written by the general reader (family `action-plan`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<Layout>,
}

/// The column layout a reader found: which column is which, and the evidence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// The lines (or sheet rows) of the first header, one or more.
    pub header_lines: Vec<usize>,
    /// Every column of the table, in printed order.
    pub columns: Vec<LayoutColumn>,
}

/// One column of a [`Layout`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutColumn {
    /// 0-based cell index.
    pub index: usize,
    /// The header text, its rows joined ("Current Implementation Date"); empty when none.
    pub header: String,
    /// What the column holds.
    pub role: ColumnRole,
    /// Why: the header phrase that named it, the cells that showed it, or the user's layout.
    pub evidence: String,
}

/// What a column of an action table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// The record's ref ("No.", "Ref", "Code").
    Ref,
    /// A short topic heading the action sits under ("Governance Issue", "Area of Focus").
    Title,
    /// The action itself ("Action", "Agreed Action", "What we will do").
    Text,
    /// What the action answers, kept as context ("Recommendation", "Finding").
    Recommendation,
    /// Who is responsible ("Responsible Officer", "By Whom", "Led by").
    Owner,
    /// When it is due ("Target Date", "By When", "Finish by").
    Due,
    /// When it starts ("Start by", "Start Date").
    Start,
    /// A status or RAG rating ("RAG", "Status", "% Complete").
    Status,
    /// A progress update ("Progress", "Update", "Position as at ...").
    Update,
    /// A measure of success ("Measure of Success", "Outcome").
    Measure,
    /// Anything else; its cells are kept in the action's `context.other` by header.
    Other,
}

impl ColumnRole {
    /// The contract name, e.g. `owner`.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnRole::Ref => "ref",
            ColumnRole::Title => "title",
            ColumnRole::Text => "text",
            ColumnRole::Recommendation => "recommendation",
            ColumnRole::Owner => "owner",
            ColumnRole::Due => "due",
            ColumnRole::Start => "start",
            ColumnRole::Status => "status",
            ColumnRole::Update => "update",
            ColumnRole::Measure => "measure",
            ColumnRole::Other => "other",
        }
    }

    /// The role with this contract name.
    pub fn from_name(name: &str) -> Option<ColumnRole> {
        ColumnRole::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// Every role, in a stable order.
    pub const ALL: [ColumnRole; 11] = [
        ColumnRole::Ref,
        ColumnRole::Title,
        ColumnRole::Text,
        ColumnRole::Recommendation,
        ColumnRole::Owner,
        ColumnRole::Due,
        ColumnRole::Start,
        ColumnRole::Status,
        ColumnRole::Update,
        ColumnRole::Measure,
        ColumnRole::Other,
    ];
}

/// One rating of a document's status legend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LegendEntry {
    /// The rating as printed ("Medium progress").
    pub label: String,
    /// Its definition as printed.
    pub definition: Option<String>,
    /// What it maps to.
    pub rag: Option<Rag>,
}

/// The kind of record an action row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// A reviewer's finding that actions answer (`S1`, `K4`, `I22`).
    Recommendation,
    /// Something to be done.
    Action,
    /// A row that lists, under a later recommendation, an action defined elsewhere.
    CrossReference,
    /// A row grouping the actions numbered under it (a tracker's `.0` row, a numbered heading
    /// `2` over actions `2.1`, `2.2`).
    Objective,
    /// A corporate-plan directorate deliverable.
    Deliverable,
}

impl ActionKind {
    /// The contract name, e.g. `cross_reference`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Recommendation => "recommendation",
            ActionKind::Action => "action",
            ActionKind::CrossReference => "cross_reference",
            ActionKind::Objective => "objective",
            ActionKind::Deliverable => "deliverable",
        }
    }
}

/// One action (or recommendation, objective, ...): the ACTION object of the contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Canonical ref after repair ("I4" not "14"), or null where none was printed.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// The ref as printed, only when it differs from `ref`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_ref: Option<String>,
    /// What kind of record this is.
    pub kind: ActionKind,
    /// Ref of the enclosing item.
    pub parent: Option<String>,
    /// Short topic heading when the document gives one.
    pub title: Option<String>,
    /// The action text, markup removed, whitespace collapsed.
    pub text: String,
    /// The issue or finding the action answers, where the row states it apart from the action
    /// (the description under an annual governance statement's key improvement area).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Responsible people or bodies, in the order printed.
    pub owners: Vec<String>,
    /// Target date.
    pub due: Option<DueDate>,
    /// Measure of success.
    pub measure: Option<String>,
    /// Status per reporting period, oldest first.
    pub status: Vec<Status>,
    /// Progress updates per reporting period, oldest first.
    pub updates: Vec<Update>,
    /// Refs this row points to ("Link to I22, I23").
    pub links: Vec<String>,
    /// Where the action sits in the document.
    pub context: Context,
    /// Input lines (or sheet rows) the action was read from.
    pub source: Source,
    /// Refs of the records that cite this action through cross-reference rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cited_by: Vec<String>,
    /// Text the extraction emitted out of order inside this action's rows, kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<Fragment>,
    /// Conditions a reader should know about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
}

impl Action {
    /// An empty action of `kind` read from `line`.
    pub fn new(reference: Option<String>, kind: ActionKind, line: usize) -> Action {
        Action {
            reference,
            raw_ref: None,
            kind,
            parent: None,
            title: None,
            text: String::new(),
            description: None,
            owners: Vec::new(),
            due: None,
            measure: None,
            status: Vec::new(),
            updates: Vec::new(),
            links: Vec::new(),
            context: Context::default(),
            source: Source {
                line,
                lines: vec![line],
                sheet: None,
            },
            cited_by: Vec::new(),
            fragments: Vec::new(),
            flags: Vec::new(),
        }
    }

    /// The latest status, if any.
    pub fn latest_status(&self) -> Option<&Status> {
        self.status.last()
    }

    /// The latest update, if any.
    pub fn latest_update(&self) -> Option<&Update> {
        self.updates.last()
    }

    /// Records that `line` belongs to this action (keeps `source.lines` sorted and unique).
    pub fn add_line(&mut self, line: usize) {
        if let Err(at) = self.source.lines.binary_search(&line) {
            self.source.lines.insert(at, line);
        }
    }
}

/// A target date: the text as printed and, where one can honestly be derived, the date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueDate {
    /// As printed ("End December 2021", "Summer 2022", "TBC").
    pub raw: String,
    /// The last day the text allows (end of the named month or season; the latest date of a
    /// span), or null when the text names no date.
    pub date: Option<NaiveDate>,
}

impl DueDate {
    /// A due date from its printed text and derived date.
    pub fn new(raw: impl Into<String>, date: Option<NaiveDate>) -> DueDate {
        DueDate {
            raw: raw.into(),
            date,
        }
    }
}

/// A status rating for one reporting period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// The reporting period (`2023-10`, `2023/24 Q3`), when known.
    pub period: Option<String>,
    /// As printed ("On Track- little or no slippage").
    pub raw: String,
    /// What it maps to, or null when the rating is not recognised (a diagnostic says so).
    pub rag: Option<Rag>,
}

/// The normalised rating scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    /// On track.
    Green,
    /// Some slippage or issues.
    Amber,
    /// Significant issues or slippage.
    Red,
    /// Done (complete or closed).
    Complete,
    /// Not due to start yet.
    NotStarted,
    /// Paused.
    OnHold,
    /// Not applicable this period.
    Na,
}

impl Rag {
    /// The contract name, e.g. `not_started`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
            Rag::Complete => "complete",
            Rag::NotStarted => "not_started",
            Rag::OnHold => "on_hold",
            Rag::Na => "na",
        }
    }

    /// How bad the rating is, for "did it get worse" questions: red 3, amber 2, green 1,
    /// complete 0; ratings that say nothing about progress (not started, on hold, n/a) have none.
    pub fn severity(self) -> Option<u8> {
        match self {
            Rag::Red => Some(3),
            Rag::Amber => Some(2),
            Rag::Green => Some(1),
            Rag::Complete => Some(0),
            Rag::NotStarted | Rag::OnHold | Rag::Na => None,
        }
    }
}

/// A progress update for one reporting period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    /// The reporting period (`2019-01`, `2023-10`, `2023/24 Q3`), when known.
    pub period: Option<String>,
    /// The update text, markup removed.
    pub text: String,
}

/// Where an action sits in its document; only the fields the family gives are present.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// Tracker theme name ("Corporate Oversight").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Tracker theme number (2 for "Theme 2- Corporate Oversight").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme_number: Option<u32>,
    /// Tracker workstream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workstream: Option<String>,
    /// Corporate-plan strategic priority heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Corporate-plan deliverable ref the action serves ("B1").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cp_ref: Option<String>,
    /// Corporate-plan deliverable text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliverable: Option<String>,
    /// Tracker cabinet member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cabinet_member: Option<String>,
    /// Tracker focus / main action risk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// Start date as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Cells of columns the model has no field for, keyed by their header as printed
    /// ("Assurance Opinion": "Limited"), and the recommendation an action answers.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub other: std::collections::BTreeMap<String, String>,
}

/// Input lines (or sheet rows) an action was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The line (or row) where the record starts: its ref, or its first cell.
    pub line: usize,
    /// Every line (or row) that contributed to the record, ascending.
    pub lines: Vec<usize>,
    /// The sheet, for workbooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

/// Text kept verbatim with the line it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    /// 1-based input line (or sheet row).
    pub line: usize,
    /// The text.
    pub text: String,
}

/// A condition a reader of an action should know about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The update cell says there is no update ("No update available").
    NoUpdate,
    /// The action appears more than once in the document, or is marked a duplicate.
    Duplicate,
    /// The ref was not printed legibly and was inferred (from the sequence or the text).
    RefInferred,
}

/// A non-blank line that is in no action and is not document structure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnparsedLine {
    /// 1-based input line (or sheet row).
    pub line: usize,
    /// The line's text (cells joined by tabs).
    pub text: String,
    /// Why it was left out, when the parser can say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl UnparsedLine {
    /// The line `line` holding `text`, left out because of `reason`.
    pub fn new(line: usize, text: impl Into<String>, reason: impl Into<String>) -> UnparsedLine {
        UnparsedLine {
            line,
            text: text.into(),
            reason: Some(reason.into()),
        }
    }
}

/// Something a parser noticed that a reader should know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// 1-based input line (or sheet row), when the problem has one.
    pub line: Option<usize>,
    /// How serious it is.
    pub level: Level,
    /// What happened, in a sentence.
    pub message: String,
}

impl Diagnostic {
    /// A warning about `line`.
    pub fn warning(line: impl Into<Option<usize>>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            line: line.into(),
            level: Level::Warning,
            message: message.into(),
        }
    }

    /// A note about `line`: a repair or inference the reader may want to check.
    pub fn info(line: impl Into<Option<usize>>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            line: line.into(),
            level: Level::Info,
            message: message.into(),
        }
    }
}

/// Diagnostic severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A repair or inference worth knowing about.
    Info,
    /// Something that may have been read wrongly.
    Warning,
    /// Something that was certainly not read.
    Error,
}

/// A line read as document structure rather than content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructureLine {
    /// 1-based input line (or sheet row).
    pub line: usize,
    /// What the line is.
    pub role: StructureRole,
}

/// What a structure line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StructureRole {
    /// The document's title or caption ("Appendix A").
    Title,
    /// A table header row, first or repeated at a page break.
    Header,
    /// A row of the document's rating legend.
    Legend,
    /// A section or theme heading.
    Section,
    /// A page footer such as a protective marking (`[IL0: UNCLASSIFIED]`).
    Footer,
}

/// An input that `govtrail convert` could not convert: an entry of `report.json` whose
/// `error` is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedInput {
    /// The input path as given to `convert`.
    pub input: String,
    /// The one-line message printed on stderr.
    pub error: String,
}

/// One line of `actions.jsonl`: an action with the document it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActionLine<'a> {
    /// The document id.
    pub document: &'a str,
    /// The document family.
    pub family: Family,
    /// The document year.
    pub year: Option<i32>,
    /// The action.
    #[serde(flatten)]
    pub action: &'a Action,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_names_round_trip() {
        for family in Family::ALL {
            assert_eq!(Family::from_name(family.as_str()), Some(family));
            let json = serde_json::to_string(&family).unwrap();
            assert_eq!(json, format!("\"{}\"", family.as_str()));
        }
    }

    #[test]
    fn action_serialises_contract_names() {
        let mut action = Action::new(Some("S1.1.C".into()), ActionKind::CrossReference, 10);
        action.raw_ref = Some("S.1.1.C".into());
        action.status.push(Status {
            period: Some("2023-10".into()),
            raw: "Not due to start".into(),
            rag: Some(Rag::NotStarted),
        });
        let v = serde_json::to_value(&action).unwrap();
        assert_eq!(v["ref"], "S1.1.C");
        assert_eq!(v["raw_ref"], "S.1.1.C");
        assert_eq!(v["kind"], "cross_reference");
        assert_eq!(v["kind"], action.kind.as_str());
        assert_eq!(v["status"][0]["rag"], "not_started");
        assert_eq!(v["source"]["lines"][0], 10);
        assert!(v.get("cited_by").is_none(), "empty extras are omitted");
    }

    #[test]
    fn add_line_keeps_lines_sorted_and_unique() {
        let mut action = Action::new(None, ActionKind::Action, 5);
        for line in [9, 7, 9, 5, 6] {
            action.add_line(line);
        }
        assert_eq!(action.source.lines, vec![5, 6, 7, 9]);
    }
}
