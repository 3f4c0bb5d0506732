//! The row engine: the one loop that walks a table's rows for every family.
//!
//! Every family reads rows the same way — footer, repeated header, title lines before the
//! header, section banner, record or continuation, else unparsed — and only the answers
//! differ. The engine asks those questions in that fixed order and records each structure
//! and unparsed line itself; a family is a [`RowProfile`] that answers them, as ripgrep's
//! searcher owns the line loop and its matchers only say whether a line matches.
//!
//! ```
//! use govtrail_parse::rows::{read_rows, Banner, RowProfile};
//! use govtrail_table::{read_text_dump, Row};
//!
//! /// Actions numbered in the first column; a row with no number continues the one above.
//! struct Numbered;
//! impl RowProfile for Numbered {
//!     type Record = Vec<usize>;
//!     fn is_header(&mut self, row: &Row) -> bool {
//!         row.cell(0) == "No."
//!     }
//!     fn preamble(&mut self, _row: &Row) -> Result<Banner, String> {
//!         Ok(Banner::Title)
//!     }
//!     fn open(&mut self, row: &Row, _current: Option<&Vec<usize>>) -> Option<Vec<usize>> {
//!         row.cell(0).parse::<u32>().is_ok().then(|| vec![row.line])
//!     }
//!     fn extend(&mut self, record: &mut Vec<usize>, row: &Row) {
//!         record.push(row.line);
//!     }
//! }
//! let table = read_text_dump("Action plan\nNo.\tAction\n1\tAgree the plan\n\tby March\nPage 1 of 2\n");
//! let reading = read_rows(&table.rows, &mut Numbered);
//! assert_eq!(reading.records, vec![vec![3, 4]]);
//! assert_eq!(reading.structure.len(), 3);
//! assert!(reading.unparsed.is_empty());
//! ```

use crate::{is_footer_row, unparsed_row};
use govtrail_model::{StructureLine, StructureRole, UnparsedLine};
use govtrail_table::Row;

/// Why the engine leaves a continuation row unparsed when no record has been opened yet.
pub const BEFORE_FIRST_RECORD: &str = "continues no action: it comes before the first one";

/// A line of the document's structure that belongs to no record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Banner {
    /// The document's title or caption ("Appendix A – Action Plan Update").
    Title,
    /// A key to the document's codes or ratings ("RAG key: Green – on target").
    Legend,
    /// A banner over the records below it ("Theme 2- Corporate Oversight", "Aim A: ...").
    Section,
}

impl Banner {
    fn role(self) -> StructureRole {
        match self {
            Banner::Title => StructureRole::Title,
            Banner::Legend => StructureRole::Legend,
            Banner::Section => StructureRole::Section,
        }
    }
}

/// A family's answers to the engine's questions about a row, and the family's state while a
/// table is read. Each method answers one question; the engine decides the order and keeps
/// the account of every line.
pub trait RowProfile {
    /// A record being assembled from its rows (an issue, an action and its continuations).
    type Record;

    /// The engine is about to ask about the row at `index` of the rows it walks. A profile
    /// that judges a row by the rows after it (a heading is one when a header follows) keeps
    /// its place from this; most ignore it.
    fn at(&mut self, _index: usize) {}

    /// Whether `row` is a line every page prints (a running title or footer), asked after
    /// the engine's own footer test. Most families know none.
    fn is_running_line(&mut self, _row: &Row) -> bool {
        false
    }

    /// Whether `row` is the table's header, first or repeated at a page break. The profile
    /// takes the columns it names from it.
    fn is_header(&mut self, row: &Row) -> bool;

    /// What a row above the first header is; `Err` gives the reason it is unparsed.
    fn preamble(&mut self, row: &Row) -> Result<Banner, String>;

    /// Whether `row`, after the first header, is structure rather than a record's: mostly a
    /// section banner over the records below it (a theme, an aim), which the profile keeps
    /// for the records it opens; in some families a legend between tables. By default none.
    fn banner(&mut self, _row: &Row) -> Option<Banner> {
        None
    }

    /// The record `row` opens, if it opens one; `current` is the record being assembled.
    fn open(&mut self, row: &Row, current: Option<&Self::Record>) -> Option<Self::Record>;

    /// Whether `row`, which opens nothing, can carry on a record; `Err` gives the reason it
    /// is unparsed instead. By default every such row continues.
    fn continues(&self, _row: &Row, _current: Option<&Self::Record>) -> Result<(), String> {
        Ok(())
    }

    /// Adds the continuation `row` to `record`.
    fn extend(&mut self, record: &mut Self::Record, row: &Row);
}

/// A table as read: the records in print order, and every other line with what it was.
#[derive(Debug)]
pub struct Reading<R> {
    /// The records opened, each with its continuations.
    pub records: Vec<R>,
    /// Footers, headers, titles, legends and sections, in print order.
    pub structure: Vec<StructureLine>,
    /// Rows no question claimed, each with its reason.
    pub unparsed: Vec<UnparsedLine>,
}

/// What the engine made of one row.
enum Outcome<R> {
    Structure(StructureRole),
    Opens(R),
    Continues,
    Unparsed(String),
}

/// Walks `rows` asking `profile`, for each (after telling it the row's index), in this
/// order: footer (asked by the engine) → running line → header → before the first header:
/// title, legend, section or unparsed → section banner (or legend) → opens a record →
/// continues one → unparsed with the profile's reason.
pub fn read_rows<P: RowProfile>(rows: &[Row], profile: &mut P) -> Reading<P::Record> {
    let mut reading = Reading {
        records: Vec::new(),
        structure: Vec::new(),
        unparsed: Vec::new(),
    };
    let mut seen_header = false;
    for (index, row) in rows.iter().enumerate() {
        profile.at(index);
        match classify(row, profile, &mut seen_header, reading.records.last()) {
            Outcome::Structure(role) => reading.structure.push(StructureLine {
                line: row.line,
                role,
            }),
            Outcome::Opens(record) => reading.records.push(record),
            Outcome::Continues => match reading.records.last_mut() {
                Some(record) => profile.extend(record, row),
                None => reading
                    .unparsed
                    .push(unparsed_row(row, BEFORE_FIRST_RECORD)),
            },
            Outcome::Unparsed(reason) => reading.unparsed.push(unparsed_row(row, &reason)),
        }
    }
    reading
}

/// The questions of [`read_rows`] for one row, in their order.
fn classify<P: RowProfile>(
    row: &Row,
    profile: &mut P,
    seen_header: &mut bool,
    current: Option<&P::Record>,
) -> Outcome<P::Record> {
    if is_footer_row(row) || profile.is_running_line(row) {
        return Outcome::Structure(StructureRole::Footer);
    }
    if profile.is_header(row) {
        *seen_header = true;
        return Outcome::Structure(StructureRole::Header);
    }
    if !*seen_header {
        return match profile.preamble(row) {
            Ok(banner) => Outcome::Structure(banner.role()),
            Err(reason) => Outcome::Unparsed(reason),
        };
    }
    if let Some(banner) = profile.banner(row) {
        return Outcome::Structure(banner.role());
    }
    if let Some(record) = profile.open(row, current) {
        return Outcome::Opens(record);
    }
    match profile.continues(row, current) {
        Ok(()) => Outcome::Continues,
        Err(reason) => Outcome::Unparsed(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_table::read_text_dump;

    /// A toy family: header `Ref\tAction`, refs are digits, `==` opens a section, a row whose
    /// first cell is `?` is noise; it logs every question it is asked.
    #[derive(Default)]
    struct Toy {
        asked: Vec<(usize, &'static str)>,
        indices: Vec<usize>,
    }

    impl RowProfile for Toy {
        type Record = Vec<usize>;

        fn at(&mut self, index: usize) {
            self.indices.push(index);
        }

        fn is_running_line(&mut self, row: &Row) -> bool {
            self.asked.push((row.line, "running"));
            row.cell(0) == "COUNCIL PLAN"
        }

        fn is_header(&mut self, row: &Row) -> bool {
            self.asked.push((row.line, "header"));
            row.cell(0) == "Ref"
        }

        fn preamble(&mut self, row: &Row) -> Result<Banner, String> {
            self.asked.push((row.line, "preamble"));
            if row.cell(0).starts_with("Key") {
                Ok(Banner::Legend)
            } else if row.filled() == 1 {
                Ok(Banner::Title)
            } else {
                Err("before the toy header".to_owned())
            }
        }

        fn banner(&mut self, row: &Row) -> Option<Banner> {
            self.asked.push((row.line, "section"));
            row.cell(0).starts_with("==").then_some(Banner::Section)
        }

        fn open(&mut self, row: &Row, _current: Option<&Vec<usize>>) -> Option<Vec<usize>> {
            self.asked.push((row.line, "open"));
            row.cell(0).parse::<u32>().is_ok().then(|| vec![row.line])
        }

        fn continues(&self, row: &Row, _current: Option<&Vec<usize>>) -> Result<(), String> {
            if row.cell(0) == "?" {
                Err("toy noise".to_owned())
            } else {
                Ok(())
            }
        }

        fn extend(&mut self, record: &mut Vec<usize>, row: &Row) {
            self.asked.push((row.line, "extend"));
            record.push(row.line);
        }
    }

    fn read(text: &str) -> (Reading<Vec<usize>>, Toy) {
        let table = read_text_dump(text);
        let mut toy = Toy::default();
        let reading = read_rows(&table.rows, &mut toy);
        (reading, toy)
    }

    fn roles(reading: &Reading<Vec<usize>>) -> Vec<(usize, StructureRole)> {
        reading.structure.iter().map(|s| (s.line, s.role)).collect()
    }

    #[test]
    fn questions_are_asked_in_the_engines_order() {
        let (_, toy) = read("Plan\nRef\tAction\n1\tAgree\n\tmore\n");
        assert_eq!(
            toy.asked,
            [
                (1, "running"),
                (1, "header"),
                (1, "preamble"),
                (2, "running"),
                (2, "header"),
                (3, "running"),
                (3, "header"),
                (3, "section"),
                (3, "open"),
                (4, "running"),
                (4, "header"),
                (4, "section"),
                (4, "open"),
                (4, "extend"),
            ]
        );
    }

    #[test]
    fn the_footer_is_the_engines_and_comes_before_every_profile_question() {
        let (reading, toy) = read("Ref\tAction\n1\tAgree\nPage 2 of 9\n[OFFICIAL]\n\tmore\n");
        assert!(toy.asked.iter().all(|&(line, _)| line != 3 && line != 4));
        assert_eq!(
            roles(&reading),
            [
                (1, StructureRole::Header),
                (3, StructureRole::Footer),
                (4, StructureRole::Footer)
            ]
        );
        assert_eq!(reading.records, vec![vec![2, 5]]);
        assert_eq!(toy.indices, [0, 1, 2, 3, 4], "footers have their place too");
    }

    #[test]
    fn every_line_ends_in_a_record_in_structure_or_in_unparsed() {
        let text = "Action plan\nKey: R = late\nstray\tcells\nRef\tAction\n== Theme 1\n1\tAgree\n\tmore\nCOUNCIL PLAN\n?\tnoise\nRef\tAction\n2\tTrain\n";
        let (reading, _) = read(text);
        let mut lines: Vec<usize> = reading.records.iter().flatten().copied().collect();
        lines.extend(reading.structure.iter().map(|s| s.line));
        lines.extend(reading.unparsed.iter().map(|u| u.line));
        lines.sort_unstable();
        assert_eq!(lines, (1..=11).collect::<Vec<_>>());
        assert_eq!(
            roles(&reading),
            [
                (1, StructureRole::Title),
                (2, StructureRole::Legend),
                (4, StructureRole::Header),
                (5, StructureRole::Section),
                (8, StructureRole::Footer),
                (10, StructureRole::Header),
            ]
        );
        let reasons: Vec<(usize, &str)> = reading
            .unparsed
            .iter()
            .map(|u| (u.line, u.reason.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(reasons, [(3, "before the toy header"), (9, "toy noise")]);
    }

    #[test]
    fn a_continuation_before_any_record_is_unparsed_with_its_reason() {
        let (reading, toy) = read("Ref\tAction\n\torphan\n1\tAgree\n");
        assert_eq!(reading.records, vec![vec![3]]);
        assert_eq!(reading.unparsed.len(), 1);
        assert_eq!(reading.unparsed[0].line, 2);
        assert_eq!(
            reading.unparsed[0].reason.as_deref(),
            Some(BEFORE_FIRST_RECORD)
        );
        assert!(!toy.asked.contains(&(2, "extend")));
    }

    #[test]
    fn sections_are_only_asked_after_the_first_header() {
        let (reading, _) = read("== Not a section\nRef\tAction\n== Theme\n");
        assert_eq!(
            roles(&reading),
            [
                (1, StructureRole::Title),
                (2, StructureRole::Header),
                (3, StructureRole::Section)
            ]
        );
    }
}
