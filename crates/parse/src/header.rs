//! Table header rows, recognised wherever they repeat.
//!
//! Printed tables repeat their header at every page break, sometimes damaged: a lost first
//! cell (`\t\t(responsibility and date of implementation)\tUpdate on ...`), a stray letter
//! (`Issue K`), shifted or padded with empty cells. A [`HeaderSpec`] names each column by the
//! words its header holds and finds the columns of any row that matches enough of them.

use govtrail_table::{Row, Table};

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

/// The columns of a family's table.
#[derive(Clone, Copy, Debug)]
pub struct HeaderSpec {
    /// The columns, in printed order.
    pub columns: &'static [ColumnSpec],
    /// How many columns a row must name to count as a header.
    pub min_matches: usize,
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

    /// The same map with `key` at cell `index` (replacing what it had).
    pub fn with(mut self, key: &'static str, index: usize) -> ColumnMap {
        self.found.retain(|(k, _)| *k != key);
        self.found.push((key, index));
        self
    }

    /// The cell index of `key`, else `fallback` (its usual position).
    pub fn or(&self, key: &str, fallback: usize) -> usize {
        self.get(key).unwrap_or(fallback)
    }
}

impl HeaderSpec {
    /// The columns `row` names, when it names at least `min_matches` of them.
    pub fn match_row(&self, row: &Row) -> Option<ColumnMap> {
        let mut map = ColumnMap::default();
        // One buffer for the row: this runs on every row of every plan.
        let mut lower = String::new();
        for (i, cell) in row.cells.iter().enumerate() {
            let cell = cell.trim();
            // Header cells are short labels; a long cell is content, and lower-casing every
            // long cell of every row would be the costliest step of reading a plan.
            if cell.is_empty() || cell.len() > MAX_HEADER_CELL {
                continue;
            }
            // The phrases are ASCII, so ASCII lower case is all a match needs.
            lower.clear();
            lower.push_str(cell);
            lower.make_ascii_lowercase();
            if let Some(col) = self
                .columns
                .iter()
                .find(|c| map.get(c.key).is_none() && c.phrases.iter().any(|p| lower.contains(p)))
            {
                map.found.push((col.key, i));
            }
        }
        (map.len() >= self.min_matches).then_some(map)
    }

    /// How much of this header `table` shows in its first rows, from 0 to 1: the largest
    /// share of columns one row names.
    pub fn score(&self, table: &Table) -> f32 {
        let spec = HeaderSpec {
            min_matches: 0,
            ..*self
        };
        let mut best = 0;
        for row in table.rows.iter().take(60) {
            best = best.max(spec.match_row(row).map_or(0, |m| m.len()));
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

    const SPEC: HeaderSpec = HeaderSpec {
        columns: &[
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
        min_matches: 2,
    };

    fn row(s: &str) -> Row {
        Row::new(1, s.split('\t').map(str::to_owned).collect())
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
