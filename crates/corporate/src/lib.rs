//! Parser for the corporate plan performance report family.
//!
//! Each strategic priority ("The Best Start in Life for Children and Young People", "One
//! Council One Team", ...) heads a table: CP Ref / Deliverable / BP Ref. / Key deliverables
//! (Directorate Action) / Q3 Rating - RAG / Q3 October - December. Every directorate action
//! becomes one `deliverable` action, its ref the BP ref, with the corporate-plan deliverable it
//! serves in `context`. The PDF extraction shifted and merged cells, leaked rotated sidebar
//! labels into the first column and printed refs with look-alike letters; cells are read by
//! content (module `cells`), the merged CP cells rebuilt into groups (`groups`) and rows the
//! extraction printed line by line paired back (`dump`).
//!
//! ```
//! use govtrail_parse::{FamilyParser, ParseOptions};
//! let table = govtrail_table::read_text_dump(
//!     "The Best Start in Life for Children and Young People\n\
//!      \tCP Ref\tDeliverable\tBP Ref.\tKey deliverables (Directorate Action)\tQ3 Rating - RAG\tQ3 October - December\n\
//!      \tB2\tWe will seek additional support for social mobility projects.\tСН9\tTo ensure that all children have a good start\tMedium Issue/Slippage\tTwo year old uptake increased in November 2023.\n",
//! );
//! let doc = govtrail_corporate::CorporatePlanParser.parse(&table, &ParseOptions::default());
//! let action = &doc.actions[0];
//! assert_eq!(action.reference.as_deref(), Some("CH9"));
//! assert_eq!(action.raw_ref.as_deref(), Some("СН9"));
//! assert_eq!(action.context.cp_ref.as_deref(), Some("B2"));
//! assert_eq!(action.status[0].period.as_deref(), Some("2023/24 Q3"));
//! assert_eq!(doc.document.as_at.map(|d| d.to_string()).as_deref(), Some("2023-12-31"));
//! ```
#![deny(missing_docs)]

mod cells;
mod dump;
mod groups;
mod period;
mod rating;

use cells::{read_row, Layout, PrintedRef, RowRead};
use dump::{read_dump, Dump};
use govtrail_model::{
    Action, ActionKind, Diagnostic, DocumentOutput, Family, Flag, Fragment, Status, StructureLine,
    UnparsedLine, Update,
};
use govtrail_parse::clean::fold_whitespace;
use govtrail_parse::header::{ColumnMap, ColumnSpec, HeaderSpec};
use govtrail_parse::lookalike::fold_ref;
use govtrail_parse::rows::{read_rows, Banner, RowProfile};
use govtrail_parse::{settle_as_at, FamilyParser, ParseOptions};
use govtrail_table::{Row, Table};
use groups::{Group, Slot};
use rating::{read_rating, Rating};
use std::collections::BTreeMap;

/// The columns of a corporate plan performance table. The key deliverable column comes
/// before the deliverable column so that "Key deliverables (Directorate Action)" is never
/// taken for "Deliverable".
static HEADER: HeaderSpec = HeaderSpec::new(
    &[
        ColumnSpec {
            key: "cp",
            phrases: &["cp ref"],
        },
        ColumnSpec {
            key: "key",
            phrases: &["key deliverable", "directorate action"],
        },
        ColumnSpec {
            key: "deliverable",
            phrases: &["deliverable"],
        },
        ColumnSpec {
            key: "bp",
            phrases: &["bp ref"],
        },
        ColumnSpec {
            key: "rating",
            phrases: &["rating"],
        },
        ColumnSpec {
            key: "update",
            phrases: &[
                "october",
                "january",
                "april",
                "july",
                "update",
                "progress",
                "commentary",
            ],
        },
    ],
    3,
);

/// Printed characters per line of the key deliverable and update columns, to estimate how
/// tall a row is printed (see [`groups`]).
const KEY_CHARS_PER_LINE: f64 = 40.0;
const UPDATE_CHARS_PER_LINE: f64 = 95.0;

/// Reads corporate plan performance reports.
#[derive(Clone, Copy, Debug, Default)]
pub struct CorporatePlanParser;

impl FamilyParser for CorporatePlanParser {
    fn family(&self) -> Family {
        Family::CorporatePlanPerformance
    }

    fn score(&self, table: &Table) -> f32 {
        HEADER.score(table)
    }

    fn parse(&self, table: &Table, options: &ParseOptions) -> DocumentOutput {
        let mut sections = SectionProfile::new(&table.rows);
        let reading = read_rows(&table.rows, &mut sections);
        let mut parser = Parser {
            header_text: sections.header_text,
            ..Parser::default()
        };
        parser.sections = sections
            .names
            .into_iter()
            .map(|name| Section {
                name,
                entries: Vec::new(),
            })
            .collect();
        for piece in reading.records {
            let entry = match piece.kind {
                PieceKind::Row(read) => Entry::Row(read),
                PieceKind::Dump(lines) => Entry::Dump(read_dump(&lines)),
            };
            if let Some(section) = parser.sections.get_mut(piece.section) {
                section.entries.push(entry);
            }
        }
        parser.unparsed = reading.unparsed;
        parser.finish(reading.structure, options)
    }
}

/// What a stretch of a section holds, in print order.
enum Entry {
    Row(Box<RowRead>),
    Dump(Dump),
}

/// A strategic priority and its rows.
struct Section {
    name: Option<String>,
    entries: Vec<Entry>,
}

/// The sections' entries being turned into actions, and what that finds.
#[derive(Default)]
struct Parser {
    sections: Vec<Section>,
    header_text: Option<String>,
    unparsed: Vec<UnparsedLine>,
    diagnostics: Vec<Diagnostic>,
}

/// What a piece of a section is, as the rows are walked.
enum PieceKind {
    Row(Box<RowRead>),
    /// The lines of a run of one-cell lines, read as one dump once complete.
    Dump(Vec<(usize, String)>),
}

/// A record of the row engine: an entry of the section at index `section`.
struct Piece {
    section: usize,
    kind: PieceKind,
}

/// The corporate layout as a profile of the row engine: strategic priority headings judged
/// by the rows after them, the header's column positions, and runs of one-cell lines the
/// extraction printed a row's cells as.
struct SectionProfile<'t> {
    rows: &'t [Row],
    /// The columns each row names as a header, if it is one.
    headers: Vec<Option<ColumnMap>>,
    /// The index of the row the engine is asking about.
    index: usize,
    layout: Option<Layout>,
    /// A heading announced a header that has not come yet.
    awaiting_header: bool,
    /// The end (exclusive index) of the run of one-cell lines being read as a dump.
    dump_end: usize,
    /// The sections' names, in print order (`None` for rows before any heading).
    names: Vec<Option<String>>,
    /// Whether the last section has an entry yet.
    section_filled: bool,
    header_text: Option<String>,
}

impl<'t> SectionProfile<'t> {
    fn new(rows: &'t [Row]) -> SectionProfile<'t> {
        SectionProfile {
            rows,
            headers: rows.iter().map(|r| HEADER.match_row(r)).collect(),
            index: 0,
            layout: None,
            awaiting_header: false,
            dump_end: 0,
            names: Vec::new(),
            section_filled: false,
            header_text: None,
        }
    }

    fn in_dump(&self) -> bool {
        self.index < self.dump_end
    }

    /// A strategic priority heading opens a section. "Quality Hollies III Till villg
    /// ivelgibourhoods": a second heading before the header is the first printed again,
    /// damaged, and opens none.
    fn heading(&mut self) -> Option<Banner> {
        let repeat = self.awaiting_header && !self.names.is_empty() && !self.section_filled;
        let (name, header_follows) =
            heading_text(self.rows, self.index, &self.headers).filter(|_| !repeat)?;
        self.names.push(Some(name));
        self.section_filled = false;
        self.awaiting_header = header_follows;
        Some(Banner::Section)
    }

    /// Why a row that is no heading is left out before the header it waits for.
    fn waiting_reason(&self) -> String {
        if self.awaiting_header {
            "damaged repeat of the section heading"
        } else {
            "before the first table header"
        }
        .to_owned()
    }

    /// The index of the section an entry joins: the last, or an unnamed one opened for rows
    /// before any heading.
    fn section_for_entry(&mut self) -> usize {
        if self.names.is_empty() {
            self.names.push(None);
        }
        self.section_filled = true;
        self.names.len() - 1
    }
}

impl RowProfile for SectionProfile<'_> {
    type Record = Piece;

    fn at(&mut self, index: usize) {
        self.index = index;
    }

    /// A header row sets the columns; a repeat keeps the positions it does not name.
    fn is_header(&mut self, row: &Row) -> bool {
        let Some(map) = &self.headers[self.index] else {
            return false;
        };
        self.header_text.get_or_insert_with(|| row.text());
        let previous = self.layout.unwrap_or(Layout {
            cp: 1,
            bp: 3,
            rating: 5,
            update: 6,
        });
        self.layout = Some(Layout {
            cp: map.or("cp", previous.cp),
            bp: map.or("bp", previous.bp),
            rating: map.or("rating", previous.rating),
            update: map.or("update", previous.update),
        });
        self.awaiting_header = false;
        true
    }

    fn preamble(&mut self, _row: &Row) -> Result<Banner, String> {
        self.heading().ok_or_else(|| self.waiting_reason())
    }

    fn banner(&mut self, _row: &Row) -> Option<Banner> {
        if self.in_dump() {
            return None;
        }
        self.heading()
    }

    /// A row under the header is an entry; three or more one-cell lines in a row are a row's
    /// cells printed line by line, one dump.
    fn open(&mut self, row: &Row, _current: Option<&Piece>) -> Option<Piece> {
        if self.in_dump() || self.awaiting_header {
            return None;
        }
        let layout = self.layout?;
        let rows = &self.rows[self.index..];
        let run = rows
            .iter()
            .enumerate()
            .take_while(|(j, r)| {
                r.cells.len() == 1
                    && heading_text(self.rows, self.index + j, &self.headers).is_none()
            })
            .count();
        let kind = if run >= 3 {
            self.dump_end = self.index + run;
            PieceKind::Dump(vec![(row.line, row.cells[0].clone())])
        } else {
            PieceKind::Row(Box::new(read_row(row, layout)))
        };
        Some(Piece {
            section: self.section_for_entry(),
            kind,
        })
    }

    /// Only the lines of a dump carry an entry on (a page footer inside the run is the
    /// page's, and the engine takes it first).
    fn continues(&self, _row: &Row, _current: Option<&Piece>) -> Result<(), String> {
        if self.in_dump() {
            Ok(())
        } else {
            Err(self.waiting_reason())
        }
    }

    fn extend(&mut self, piece: &mut Piece, row: &Row) {
        if let PieceKind::Dump(lines) = &mut piece.kind {
            lines.push((row.line, row.cells[0].clone()));
        }
    }
}

/// The single filled cell of a row that has exactly one, with its index.
fn only_cell(row: &Row) -> Option<(usize, String)> {
    let mut filled = row.filled_indices();
    let first = filled.next()?;
    filled
        .next()
        .is_none()
        .then(|| (first, fold_whitespace(&row.cells[first])))
}

/// A strategic priority heading: one short title-case line in the first cell, not a ref or a
/// rating, followed by a table header in the next few rows (`Some(true)`), or, where the
/// header is not repeated, a title-case line followed by a full table row (`Some(false)`).
fn heading_text(rows: &[Row], k: usize, headers: &[Option<ColumnMap>]) -> Option<(String, bool)> {
    let (index, text) = only_cell(&rows[k])?;
    let plausible = index == 0
        && text.chars().next().is_some_and(char::is_uppercase)
        && text.chars().count() <= 80
        && text.split_whitespace().count() <= 12
        && !text.ends_with('.')
        && fold_ref(&text).is_none()
        && read_rating(&text).is_none();
    if !plausible {
        return None;
    }
    if (k + 1..rows.len().min(k + 4)).any(|j| headers[j].is_some()) {
        return Some((text, true));
    }
    let next_is_full_row = rows.get(k + 1).is_some_and(|r| r.filled() >= 3);
    (next_is_full_row && is_title_case(&text)).then_some((text, false))
}

/// "Quality Homes in Thriving Neighbourhoods": every word capitalised but the joining ones.
fn is_title_case(text: &str) -> bool {
    const JOINING: [&str; 10] = [
        "and", "of", "the", "for", "in", "to", "&", "a", "with", "our",
    ];
    text.split_whitespace().count() <= 10
        && text
            .split_whitespace()
            .all(|w| JOINING.contains(&w) || w.chars().next().is_some_and(char::is_uppercase))
}

impl Parser {
    fn finish(mut self, structure: Vec<StructureLine>, options: &ParseOptions) -> DocumentOutput {
        let mut out = DocumentOutput::new("", Family::CorporatePlanPerformance);
        let update_texts: Vec<String> = self
            .sections
            .iter()
            .flat_map(|s| s.entries.iter())
            .filter_map(|e| match e {
                Entry::Row(r) => r.update.clone(),
                Entry::Dump(d) => Some(
                    d.actions
                        .iter()
                        .filter_map(|a| a.update.clone())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            })
            .collect();
        let texts: Vec<&str> = update_texts.iter().map(String::as_str).collect();
        let quarter = self
            .header_text
            .as_deref()
            .and_then(|h| period::quarter(h, &texts));
        if quarter.is_none() {
            self.diagnostics.push(Diagnostic::warning(
                None,
                "reporting quarter not found in the table header and dates",
            ));
        }
        // A Q3 (October-December) report is written in the following weeks; its updates say
        // so ("Detailed update provided to Leadership Team on 20th Feb 2024"). The latest day an
        // update reports as past, never earlier than the quarter's end, is the document's date.
        let reported = govtrail_parse::reported::latest_reported_day(texts.iter().copied());
        let as_at = quarter
            .as_ref()
            .map(|q| reported.map_or(q.end, |day| day.max(q.end)));
        settle_as_at(&mut out, as_at, options);
        let period = quarter.map(|q| q.label);
        out.document.periods.extend(period.clone());

        let sections = std::mem::take(&mut self.sections);
        for section in sections {
            let units = self.units(section.entries);
            self.build_actions(&mut out, section.name.as_deref(), units, period.as_deref());
        }
        flag_repeated_refs(&mut out.actions, &mut self.diagnostics);
        warn_lonely_prefixes(&out.actions, &mut self.diagnostics);
        out.structure = structure;
        out.unparsed = self.unparsed;
        out.unparsed.sort_by_key(|u| u.line);
        out.diagnostics = self.diagnostics;
        out
    }
}

/// One directorate action being assembled from its rows.
#[derive(Debug, Default)]
struct Unit {
    line: usize,
    lines: Vec<usize>,
    bp: Option<PrintedRef>,
    key: Vec<String>,
    rating: Option<Rating>,
    rating_printed: Option<String>,
    update: Vec<String>,
    no_update: Option<(usize, String)>,
    duplicate_notes: Vec<(usize, String)>,
    slot: Slot,
    /// The CP group a column dump states outright: (cp ref, printed, deliverable).
    fixed_group: Option<(Option<String>, Option<String>, Option<String>)>,
    fragments: Vec<Fragment>,
}

impl Unit {
    fn from_row(read: &RowRead) -> Unit {
        let mut unit = Unit {
            line: read.line,
            ..Unit::default()
        };
        unit.absorb(read);
        unit
    }

    /// Adds what `read` carries to this unit.
    fn absorb(&mut self, read: &RowRead) {
        if !self.lines.contains(&read.line) {
            self.lines.push(read.line);
        }
        if self.bp.is_none() && read.bp.is_some() {
            self.bp = read.bp.clone();
            self.line = read.line;
        }
        self.key.extend(read.key.clone());
        if self.rating.is_none() {
            self.rating = read.rating.clone();
            self.rating_printed = read.rating_printed.clone();
        }
        self.update.extend(read.update.clone());
        if let Some(text) = &read.no_update {
            self.no_update = Some((read.line, text.clone()));
        }
        if let Some(note) = &read.duplicate_note {
            self.duplicate_notes.push((read.line, note.clone()));
        }
        self.slot.marks.extend(read.cp.clone());
        self.slot.fragments.extend(read.deliverable.clone());
        self.slot.height += row_height(read);
    }

    /// True when the update stops without closing punctuation.
    fn update_unfinished(&self) -> bool {
        self.update
            .last()
            .is_some_and(|u| !u.trim_end().ends_with(['.', '!', '?']))
    }

    /// True when the update stops on a joining word ("... compared to").
    fn update_hangs(&self) -> bool {
        const JOINING: [&str; 12] = [
            "to", "of", "and", "the", "with", "for", "in", "than", "a", "by", "or", "on",
        ];
        self.update
            .last()
            .and_then(|u| u.split_whitespace().last())
            .is_some_and(|w| JOINING.contains(&w))
    }

    fn is_open_key_row(&self) -> bool {
        self.lines.len() == 1
            && self.bp.is_none()
            && self.rating.is_none()
            && self
                .key
                .last()
                .is_some_and(|k| !k.trim_end().ends_with(['.', '!', '?']))
    }
}

/// Estimated printed height of a row, in lines of text.
fn row_height(read: &RowRead) -> f64 {
    let lines = |text: &Option<String>, per_line: f64| {
        text.as_deref()
            .map_or(0.0, |t| (t.chars().count() as f64 / per_line).ceil())
    };
    lines(&read.key, KEY_CHARS_PER_LINE)
        .max(lines(&read.update, UPDATE_CHARS_PER_LINE))
        .max(1.0)
}

fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(text: Option<&String>) -> bool {
    text.and_then(|t| t.chars().next())
        .is_some_and(char::is_lowercase)
}

impl Parser {
    /// Turns a section's rows into units: one per action row, with wrapped lines, update-only
    /// lines and placeholders attached to the action they belong to.
    fn units(&mut self, entries: Vec<Entry>) -> Vec<Unit> {
        let mut units: Vec<Unit> = Vec::new();
        let mut pending: Vec<RowRead> = Vec::new();
        let mut orphans: Vec<RowRead> = Vec::new();
        let mut iter = entries.into_iter().peekable();
        while let Some(entry) = iter.next() {
            let read = match entry {
                Entry::Dump(dump) => {
                    self.dump_units(dump, &mut units);
                    continue;
                }
                Entry::Row(read) => *read,
            };
            self.report_noise(&read);
            if read.is_noise() {
                self.unparsed.push(UnparsedLine::new(
                    read.line,
                    read.printed.clone(),
                    "noise: no ref, rating or text",
                ));
                continue;
            }
            if read.is_action() {
                // "A new Sandwell Safeguarding Adults Board Strategic Plan to be in place" /
                // "in 2024 and action plan to be reviewed ...": a key deliverable wrapped onto
                // the row that carries its BP ref.
                let wrapped = starts_lower(read.key.as_ref())
                    && units.last().is_some_and(Unit::is_open_key_row);
                let mut unit = match if wrapped { units.pop() } else { None } {
                    Some(mut previous) => {
                        previous.absorb(&read);
                        previous
                    }
                    None => Unit::from_row(&read),
                };
                for earlier in pending.drain(..) {
                    unit.absorb(&earlier);
                    unit.update
                        .rotate_right(usize::from(earlier.update.is_some()));
                }
                units.push(unit);
                continue;
            }
            // A line with only update text: the start of the next row's update when that one
            // starts mid-sentence ("... a community resource pack has been developed with" /
            // "a new carers section ..."), else more of the update above.
            let next_starts_lower = matches!(
                iter.peek(),
                Some(Entry::Row(next)) if next.is_action() && starts_lower(next.update.as_ref())
            );
            let orphan_tail = read.is_update_only()
                && !read.update.as_deref().is_some_and(starts_upper)
                && units.last().is_some_and(|u| !u.update_unfinished());
            match units.last_mut() {
                Some(_) if orphan_tail => orphans.push(read),
                Some(last) if !(next_starts_lower && read.duplicate_note.is_none()) => {
                    last.absorb(&read)
                }
                _ => pending.push(read),
            }
        }
        // "15.2 in the West Midlands Region ..." printed apart from the update it ends ("...
        // with the rate in Sandwell of 14.1 compared to"): the nearest update left hanging on
        // a joining word takes it, else the update above.
        for orphan in orphans {
            let hanging = units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.update_hangs())
                .min_by_key(|(_, u)| u.line.abs_diff(orphan.line))
                .map(|(i, _)| i);
            let before = units.iter().rposition(|u| u.line < orphan.line);
            if let Some(unit) = hanging.or(before).and_then(|i| units.get_mut(i)) {
                unit.absorb(&orphan);
            }
        }
        if !pending.is_empty() {
            match units.last_mut() {
                Some(last) => pending.iter().for_each(|r| last.absorb(r)),
                None => {
                    for read in pending {
                        self.unparsed.push(UnparsedLine::new(
                            read.line,
                            read.printed.clone(),
                            "text with no action in its section",
                        ));
                    }
                }
            }
        }
        units
    }

    fn report_noise(&mut self, read: &RowRead) {
        if read.is_noise() {
            return;
        }
        for label in &read.sidebar {
            self.unparsed.push(UnparsedLine::new(
                read.line,
                label.clone(),
                "sidebar label leaked into the first column",
            ));
        }
        for noise in &read.noise {
            self.unparsed.push(UnparsedLine::new(
                read.line,
                noise.clone(),
                "stray characters in a row",
            ));
        }
    }

    fn dump_units(&mut self, dump: Dump, units: &mut Vec<Unit>) {
        if dump.actions.is_empty() {
            for line in &dump.lines {
                self.unparsed.push(UnparsedLine::new(
                    *line,
                    String::new(),
                    "line-by-line text with no BP ref",
                ));
            }
            return;
        }
        self.diagnostics.push(Diagnostic::warning(
            dump.lines.first().copied(),
            format!(
                "lines {}-{} printed one cell per line; {} actions paired back in order",
                dump.lines.first().copied().unwrap_or_default(),
                dump.lines.last().copied().unwrap_or_default(),
                dump.actions.len()
            ),
        ));
        let cp = dump.cp.as_ref();
        let group = (
            cp.and_then(|c| c.canonical.clone()),
            cp.map(|c| c.raw.clone())
                .filter(|raw| Some(raw) != cp.and_then(|c| c.canonical.as_ref())),
            dump.deliverable.clone(),
        );
        let first_unit = units.len();
        for action in dump.actions {
            let mut lines = action.lines;
            lines.extend(dump.group_lines.iter().copied());
            lines.sort_unstable();
            units.push(Unit {
                line: action.line,
                lines,
                bp: Some(action.bp),
                key: action.key.into_iter().collect(),
                rating: action.rating,
                update: action.update.into_iter().collect(),
                fixed_group: Some(group.clone()),
                ..Unit::default()
            });
        }
        // Text left over after pairing is kept verbatim in the first action of the dump.
        for (lines, text) in dump.leftovers {
            if let Some(unit) = units.get_mut(first_unit) {
                unit.lines.extend(lines.iter().copied());
                unit.lines.sort_unstable();
                let line = lines.first().copied().unwrap_or(unit.line);
                unit.fragments.push(Fragment { line, text });
            }
        }
    }

    fn build_actions(
        &mut self,
        out: &mut DocumentOutput,
        section: Option<&str>,
        units: Vec<Unit>,
        period: Option<&str>,
    ) {
        let free: Vec<usize> = (0..units.len())
            .filter(|&i| units[i].fixed_group.is_none())
            .collect();
        let slots: Vec<Slot> = free.iter().map(|&i| units[i].slot.clone()).collect();
        let groups = groups::assign(&slots);
        let mut group_of: BTreeMap<usize, &Group> = BTreeMap::new();
        for group in &groups {
            for &member in &group.members {
                group_of.insert(free[member], group);
            }
            if let (Some(cp), true) = (&group.cp_ref, group.inferred) {
                let line = group.members.first().map(|&m| units[free[m]].line);
                let message = match &group.printed {
                    Some(raw) => {
                        format!("CP ref {raw:?} unreadable; {cp} inferred from the sequence")
                    }
                    None => format!(
                        "no CP ref printed for a deliverable; {cp} inferred from the sequence"
                    ),
                };
                self.diagnostics.push(Diagnostic::info(line, message));
            }
        }
        for (i, unit) in units.into_iter().enumerate() {
            let (cp_ref, deliverable) = match (&unit.fixed_group, group_of.get(&i)) {
                (Some((cp, _, text)), _) => (cp.clone(), text.clone()),
                (None, Some(group)) => (group.cp_ref.clone(), group.deliverable.clone()),
                (None, None) => (None, None),
            };
            let action = self.action(unit, section, cp_ref, deliverable, period);
            out.actions.push(action);
        }
    }

    fn action(
        &mut self,
        unit: Unit,
        section: Option<&str>,
        cp_ref: Option<String>,
        deliverable: Option<String>,
        period: Option<&str>,
    ) -> Action {
        let reference = unit.bp.as_ref().and_then(|b| b.canonical.clone());
        let mut action = Action::new(reference.clone(), ActionKind::Deliverable, unit.line);
        for &line in &unit.lines {
            action.add_line(line);
        }
        match &unit.bp {
            Some(bp) if Some(&bp.raw) != reference.as_ref() => {
                action.raw_ref = Some(bp.raw.clone());
                self.diagnostics.push(Diagnostic::info(
                    unit.line,
                    format!(
                        "BP ref {:?} read as {}",
                        bp.raw,
                        reference.as_deref().unwrap_or("?")
                    ),
                ));
            }
            Some(_) => {}
            None => self.diagnostics.push(Diagnostic::warning(
                unit.line,
                "no BP ref printed for this directorate action",
            )),
        }
        action.text = fold_whitespace(&unit.key.join(" "));
        match &unit.rating {
            Some(rating) => {
                if let Some(printed) = &unit.rating_printed {
                    self.diagnostics.push(Diagnostic::info(
                        unit.line,
                        format!("rating {printed:?} read as {:?}", rating.raw),
                    ));
                }
                action.status.push(Status {
                    period: period.map(str::to_owned),
                    raw: rating.raw.clone(),
                    rag: Some(rating.rag),
                });
            }
            None => self
                .diagnostics
                .push(Diagnostic::warning(unit.line, "no rating printed")),
        }
        let update = fold_whitespace(&unit.update.join(" "));
        if !update.is_empty() {
            action.updates.push(Update {
                period: period.map(str::to_owned),
                text: update,
            });
        }
        if let Some((line, text)) = &unit.no_update {
            action.flags.push(Flag::NoUpdate);
            self.diagnostics.push(Diagnostic::info(
                *line,
                format!("update cell reads {text:?}; no update recorded"),
            ));
        }
        for (line, note) in &unit.duplicate_notes {
            if !action.flags.contains(&Flag::Duplicate) {
                action.flags.push(Flag::Duplicate);
            }
            self.diagnostics.push(Diagnostic::info(
                *line,
                format!("marked as a duplicate: {note:?}"),
            ));
        }
        action.context.section = section.map(str::to_owned);
        action.context.cp_ref = cp_ref;
        action.context.deliverable = deliverable;
        action.fragments = unit.fragments;
        action
    }
}

/// Actions listed under several CP refs (BE15 under C16–C19) are kept once per appearance,
/// each with its own context, and flagged so a reader can tell.
fn flag_repeated_refs(actions: &mut [Action], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, action) in actions.iter().enumerate() {
        if let Some(r) = &action.reference {
            seen.entry(r.clone()).or_default().push(i);
        }
    }
    for (reference, at) in seen.into_iter().filter(|(_, at)| at.len() > 1) {
        let lines: Vec<String> = at
            .iter()
            .map(|&i| actions[i].source.line.to_string())
            .collect();
        for &i in &at {
            if !actions[i].flags.contains(&Flag::Duplicate) {
                actions[i].flags.push(Flag::Duplicate);
            }
        }
        diagnostics.push(Diagnostic::info(
            at.first().map(|&i| actions[i].source.line),
            format!(
                "BP ref {reference} appears {} times (lines {}); kept once per appearance",
                at.len(),
                lines.join(", ")
            ),
        ));
    }
}

/// A BP ref whose letters no other ref of the document carries (`II G5` among `LG6`, `LG7`,
/// `LG8`) was probably misread; the ref is kept as printed and a warning says so.
fn warn_lonely_prefixes(actions: &[Action], diagnostics: &mut Vec<Diagnostic>) {
    let prefix = |r: &str| -> String { r.chars().take_while(char::is_ascii_uppercase).collect() };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in actions.iter().filter_map(|a| a.reference.as_deref()) {
        *counts.entry(prefix(r)).or_default() += 1;
    }
    if counts.values().sum::<usize>() < 10 {
        return;
    }
    for action in actions {
        let Some(r) = action.reference.as_deref() else {
            continue;
        };
        if counts.get(&prefix(r)) == Some(&1) {
            diagnostics.push(Diagnostic::warning(
                action.source.line,
                format!(
                    "BP ref {r}: no other ref starts with {:?}; it may be misread",
                    prefix(r)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::StructureRole;

    const HEAD: &str = "\tCP Ref\tDeliverable\tBP Ref.\tKey deliverables (Directorate Action)\tQ3 Rating - RAG\tQ3 October - December";

    fn parse(body: &str) -> DocumentOutput {
        let text = format!("People Live Well and Age Well\n\n{HEAD}\n{body}");
        CorporatePlanParser.parse(
            &govtrail_table::read_text_dump(&text),
            &ParseOptions::default(),
        )
    }

    #[test]
    fn sections_headers_and_the_quarter() {
        let doc = parse("\tL2\tWe will invest in the community.\tPH15\tEngagement of faith sector\tOn Track\tThe Faith Sector met in November 2023.\n");
        assert_eq!(doc.document.periods, vec!["2023/24 Q3"]);
        assert_eq!(doc.document.year, Some(2023));
        let a = &doc.actions[0];
        assert_eq!(a.kind, ActionKind::Deliverable);
        assert_eq!(
            a.context.section.as_deref(),
            Some("People Live Well and Age Well")
        );
        assert_eq!(a.context.cp_ref.as_deref(), Some("L2"));
        assert_eq!(a.status[0].rag, Some(govtrail_model::Rag::Green));
        assert_eq!(a.updates[0].period.as_deref(), Some("2023/24 Q3"));
        let roles: Vec<_> = doc.structure.iter().map(|s| (s.line, s.role)).collect();
        assert_eq!(
            roles,
            vec![(1, StructureRole::Section), (3, StructureRole::Header)]
        );
    }

    #[test]
    fn a_heading_without_a_repeated_header_starts_a_section() {
        let doc = parse("\tL2\tWe will invest in the community.\tPH15\tEngagement of faith sector\tOn Track\tMet.\nStrong Resilient Communities\n\tC1\tWe will fund the voluntary sector.\tACE5\tBring together governance\tComplete\tDone.\n");
        let sections: Vec<_> = doc
            .actions
            .iter()
            .map(|a| a.context.section.as_deref())
            .collect();
        assert_eq!(
            sections,
            vec![
                Some("People Live Well and Age Well"),
                Some("Strong Resilient Communities")
            ]
        );
        assert_eq!(doc.actions[1].context.cp_ref.as_deref(), Some("C1"));
    }

    #[test]
    fn no_update_duplicates_and_wrapped_rows() {
        let doc = parse(concat!(
            "\tL3\tWe will prepare for Health Protection risks.\tPH7\tOutbreak Management\t\tNo update available\n",
            "\tL6\tWe will develop a Stronger Sandwell.\tASC17a\tRefresh existing market position statement.\tOn Track\tDraft MPS now complete\n",
            "\t\t\t\tDuplicate - see ASC17a\t\n",
            "\t\t\t\tA new Strategic Plan to be in place\t\tThe current Strategic Plan is until March 2024.\n",
            "\t\t\tASC18\tin 2024 and action plan to be reviewed.\tOn Track\tBoard members attended.\n",
            "\t\t\tPH7\tOutbreak Management\tOn Track\tDone.\n",
        ));
        let refs: Vec<_> = doc.actions.iter().map(|a| a.reference.as_deref()).collect();
        assert_eq!(
            refs,
            vec![Some("PH7"), Some("ASC17a"), Some("ASC18"), Some("PH7")]
        );
        let no_update = &doc.actions[0];
        assert!(no_update.updates.is_empty());
        assert!(no_update.flags.contains(&Flag::NoUpdate));
        assert!(
            no_update.flags.contains(&Flag::Duplicate),
            "PH7 is listed twice"
        );
        assert!(
            doc.actions[1].flags.contains(&Flag::Duplicate),
            "placeholder row"
        );
        let wrapped = &doc.actions[2];
        assert_eq!(
            wrapped.text,
            "A new Strategic Plan to be in place in 2024 and action plan to be reviewed."
        );
        assert_eq!(wrapped.source.line, 8);
        assert_eq!(wrapped.source.lines, vec![7, 8]);
        assert!(doc.unparsed.is_empty());
    }

    #[test]
    fn every_line_is_accounted_for() {
        let body = "Idren & Young People\tB10\tWe will work with partners.\tCH2\tWork collaboratively\tMedium Issue/Slippage\tUnder our programme\n_\t1\t1\tT\t\t\n\t\t\t\t\t\tMore of the update.\n";
        let doc = parse(body);
        let lines = doc.accounted_lines();
        for line in [1, 3, 4, 5, 6] {
            assert!(lines.contains(&line), "line {line} lost");
        }
        assert!(doc
            .unparsed
            .iter()
            .any(|u| u.text == "Idren & Young People" && u.reason.is_some()));
        assert_eq!(doc.actions[0].text, "Work collaboratively");
        assert_eq!(
            doc.actions[0].updates[0].text,
            "Under our programme More of the update."
        );
    }

    /// From a property-test case: the table header printed again inside a column dump.
    #[test]
    fn a_header_repeated_inside_a_column_dump_loses_no_line() {
        let doc = parse(&format!(
            "Lead on the Early Help Strategy\nwith Sandwell Children's Trust\nRelationship and Sex Education\nCH12\n{HEAD}\nPH17\nMedium\nIssue/Slippage\nOn Track\ntook place in January 2024.\nThe pace of change has been slow.\n"
        ));
        let accounted = doc.accounted_lines();
        for line in 3..=14 {
            assert!(accounted.contains(&line), "line {line} lost");
        }
        let on_track = doc.actions.iter().flat_map(|a| &a.fragments);
        assert!(on_track
            .into_iter()
            .any(|f| f.line == 12 && f.text == "On Track"));
    }

    /// Cells of every kind the reports print, damaged ones included.
    const CELLS: [&str; 16] = [
        "",
        "CP Ref",
        "BP Ref.",
        "Q3 Rating - RAG",
        "B4",
        "СН9",
        "ACE 27",
        "010",
        "ı",
        "On Track",
        "Medium",
        "Issue/Slippage",
        "We will work with our partners.",
        "ASC2 Prioritisation and delivery of Discharge 2 Assess.",
        "No update available",
        "Duplicate - see ASC17a",
    ];

    proptest::proptest! {
        #[test]
        fn any_mix_of_cells_parses_and_loses_no_line(
            rows in proptest::collection::vec(
                proptest::collection::vec(0..CELLS.len(), 1..8),
                0..30,
            )
        ) {
            let text: String = rows
                .iter()
                .map(|cells| cells.iter().map(|&c| CELLS[c]).collect::<Vec<_>>().join("\t"))
                .collect::<Vec<_>>()
                .join("\n");
            let table = govtrail_table::read_text_dump(&text);
            let doc = CorporatePlanParser.parse(&table, &ParseOptions::default());
            let accounted = doc.accounted_lines();
            for row in &table.rows {
                proptest::prop_assert!(accounted.contains(&row.line), "line {} lost", row.line);
            }
        }
    }
}
