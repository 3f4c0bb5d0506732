//! Table header rows, recognised wherever they repeat.
//!
//! Printed tables repeat their header at every page break, sometimes damaged: a lost first
//! cell (`\t\t(responsibility and date of implementation)\tUpdate on ...`), a stray letter
//! (`Issue K`), shifted or padded with empty cells. A [`HeaderSpec`] names each column by the
//! words its header holds and finds the columns of any row that matches enough of them.

use aho_corasick::AhoCorasick;
use govtrail_table::{Row, Table};
use std::sync::OnceLock;

/// The longest header cell worth reading, in bytes ("Actions to be taken (responsibility and
/// date of implementation)" is 66).
const MAX_HEADER_CELL: usize = 200;

/// One column: its key and the lower-case phrases its header cell may contain.
#[derive(Clone, Copy, Debug)]
pub struct ColumnSpec {
    /// The name the parser uses for the column.
    pub key: &'static str,
    /// Phrases, any of which marks a header cell of this column.
    pub phrases: &'static [&'static str],
}

/// The columns of a family's table. Declared as a `static`, so that the phrase matcher built
/// on first use serves every later row.
#[derive(Debug)]
pub struct HeaderSpec {
    /// The columns, in printed order.
    pub columns: &'static [ColumnSpec],
    /// How many columns a row must name to count as a header.
    pub min_matches: usize,
    matcher: OnceLock<PhraseMatcher>,
}

/// Every phrase of a spec in one automaton: a cell is read once, whatever the number of
/// phrases, where a substring search per phrase would read it once each.
#[derive(Debug)]
struct PhraseMatcher {
    automaton: AhoCorasick,
    /// The column of each phrase, by pattern index.
    column_of: Vec<usize>,
}

impl PhraseMatcher {
    fn new(columns: &[ColumnSpec]) -> PhraseMatcher {
        assert!(
            columns.len() <= 64,
            "a header spec names at most 64 columns"
        );
        let (column_of, phrases): (Vec<usize>, Vec<&str>) = columns
            .iter()
            .enumerate()
            .flat_map(|(c, column)| column.phrases.iter().map(move |p| (c, *p)))
            .unzip();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(phrases)
            .expect("header phrases build an automaton");
        PhraseMatcher {
            automaton,
            column_of,
        }
    }

    /// The columns with a phrase in `cell`, as bits in spec order.
    fn columns_in(&self, cell: &str) -> u64 {
        self.automaton
            .find_overlapping_iter(cell)
            .fold(0, |bits, m| {
                bits | 1 << self.column_of[m.pattern().as_usize()]
            })
    }
}

/// Which cell index holds which column, as found in one header row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    found: Vec<(&'static str, usize)>,
}

impl ColumnMap {
    /// The cell index of column `key`, if the header named it.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.found.iter().find(|(k, _)| *k == key).map(|&(_, i)| i)
    }

    /// How many columns were named.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    /// True when no column was named.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The cell index of `key`, else `fallback` (its usual position).
    pub fn or(&self, key: &str, fallback: usize) -> usize {
        self.get(key).unwrap_or(fallback)
    }

    /// This map with the columns of `previous` it does not name: a header repeated at a page
    /// break, damaged (`Issue K`, a lost cell), keeps the columns the first header named.
    pub fn keeping(mut self, previous: &ColumnMap) -> ColumnMap {
        for &(key, index) in &previous.found {
            if self.get(key).is_none() {
                self.found.push((key, index));
            }
        }
        self
    }
}

impl HeaderSpec {
    /// A spec of `columns`, of which a header row names at least `min_matches`.
    pub const fn new(columns: &'static [ColumnSpec], min_matches: usize) -> HeaderSpec {
        HeaderSpec {
            columns,
            min_matches,
            matcher: OnceLock::new(),
        }
    }

    /// The columns `row` names, when it names at least `min_matches` of them.
    pub fn match_row(&self, row: &Row) -> Option<ColumnMap> {
        self.match_row_naming(row, self.min_matches)
    }

    /// The columns `row` names, when it names at least `min_matches` of them (not the
    /// spec's own).
    pub fn match_row_naming(&self, row: &Row, min_matches: usize) -> Option<ColumnMap> {
        let map = self.columns_named(row);
        (map.len() >= min_matches).then_some(map)
    }

    /// Each cell names the first column in spec order that one of its phrases belongs to and
    /// no earlier cell named.
    fn columns_named(&self, row: &Row) -> ColumnMap {
        let matcher = self
            .matcher
            .get_or_init(|| PhraseMatcher::new(self.columns));
        let mut map = ColumnMap::default();
        for (i, cell) in row.cells.iter().enumerate() {
            let cell = cell.trim();
            // Header cells are short labels; a long cell is content, and reading every long
            // cell of every row would be the costliest step of reading a plan.
            if cell.is_empty() || cell.len() > MAX_HEADER_CELL {
                continue;
            }
            let named = matcher.columns_in(cell);
            if named == 0 {
                continue;
            }
            if let Some(col) = self
                .columns
                .iter()
                .enumerate()
                .find(|(c, col)| named & 1 << c != 0 && map.get(col.key).is_none())
                .map(|(_, col)| col)
            {
                map.found.push((col.key, i));
            }
        }
        map
    }

    /// How much of this header `table` shows in its first rows, from 0 to 1: the largest
    /// share of columns one row names.
    pub fn score(&self, table: &Table) -> f32 {
        let mut best = 0;
        for row in table.rows.iter().take(60) {
            best = best.max(self.columns_named(row).len());
            // A row naming every column is a full header: no later row can score higher.
            if best == self.columns.len() {
                break;
            }
        }
        best as f32 / self.columns.len() as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SPEC: HeaderSpec = HeaderSpec::new(
        &[
            ColumnSpec {
                key: "ref",
                phrases: &["issue"],
            },
            ColumnSpec {
                key: "area",
                phrases: &["key improvement area"],
            },
            ColumnSpec {
                key: "actions",
                phrases: &["actions to be taken", "responsibility and date"],
            },
            ColumnSpec {
                key: "update",
                phrases: &["update on implementation"],
            },
        ],
        2,
    );

    fn row(s: &str) -> Row {
        Row::new(1, s.split('\t').map(str::to_owned).collect())
    }

    #[test]
    fn a_damaged_repeat_keeps_the_columns_it_does_not_name() {
        let first = SPEC
            .match_row(&row(
                "Issue\tKey improvement area\tActions to be taken\tUpdate on implementation",
            ))
            .expect("first header");
        let damaged = SPEC
            .match_row(&row(
                "Issue K\t\tActions to be taken\tUpdate on implementation",
            ))
            .expect("damaged repeat");
        assert_eq!(damaged.get("area"), None);
        let repaired = damaged.keeping(&first);
        assert_eq!(repaired.get("area"), Some(1));
        assert_eq!(repaired.get("actions"), Some(2));
        assert_eq!(repaired.len(), 4);
    }

    #[test]
    fn a_cell_names_the_first_column_its_phrases_belong_to() {
        static KEY_FIRST: HeaderSpec = HeaderSpec::new(
            &[
                ColumnSpec {
                    key: "key",
                    phrases: &["key deliverable", "directorate action"],
                },
                ColumnSpec {
                    key: "deliverable",
                    phrases: &["deliverable"],
                },
            ],
            2,
        );
        let map = KEY_FIRST
            .match_row(&row("Key deliverables (Directorate Action)\tDELIVERABLE"))
            .expect("header");
        assert_eq!((map.get("key"), map.get("deliverable")), (Some(0), Some(1)));
        // A column is named once: a second "key" cell names nothing.
        let map = KEY_FIRST.match_row_naming(&row("Key deliverable\tDirectorate action"), 1);
        assert_eq!(map.map(|m| m.len()), Some(1));
    }

    #[test]
    fn damaged_headers_still_match() {
        let full = SPEC.match_row(&row("Issue K\tKey improvement area\tActions to be taken\tUpdate on implementation as at 1 May 2019"));
        assert_eq!(full.map(|m| m.len()), Some(4));
        // first two cells lost at a page break: the columns keep their positions
        let lost = SPEC
            .match_row(&row(
                "\t\t(responsibility and date of implementation)\tUpdate on implementation",
            ))
            .expect("header");
        assert_eq!(
            (lost.get("actions"), lost.get("update"), lost.get("ref")),
            (Some(2), Some(3), None)
        );
        assert!(SPEC
            .match_row(&row("1\tChildren's Trust The council"))
            .is_none());
    }
}
