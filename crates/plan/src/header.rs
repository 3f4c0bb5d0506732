//! Finding the table's header: the row naming the most roles, with the rows under it that
//! finish its cells ("Current" / "Implementation" / "Date"), and recognising it again where
//! a page break repeats it, whole or damaged.

use govtrail_model::{ColumnRole, Layout};
use govtrail_parse::clean::fold_whitespace;
use govtrail_parse::layout::{looks_like_ref, name_header, read_header, LayoutOverride};
use govtrail_table::{Row, Table};

/// How far into a table its header is looked for.
const HEADER_SEARCH_ROWS: usize = 80;

/// The fewest roles a header row names.
pub(crate) const MIN_HEADER_ROLES: usize = 3;

/// The longest cell of a header row's continuation ("Implementation", "(January 2023)").
const MAX_CONTINUATION_BYTES: usize = 32;
const MAX_CONTINUATION_WORDS: usize = 4;

/// The header block found in a table: its rows (indices into `table.rows`) and the layout
/// they name.
#[derive(Clone, Debug)]
pub(crate) struct HeaderBlock {
    /// Indices of the header's rows in `table.rows`, top first.
    pub rows: Vec<usize>,
    /// The columns as the header names them.
    pub layout: Layout,
    /// Each header row's cells, folded, for recognising the header where it repeats.
    pub printed: Vec<Vec<String>>,
}

/// The roles a row names as a header, counting the user's layout file.
fn roles_of(row: &Row, user: &LayoutOverride) -> Vec<ColumnRole> {
    let mut roles: Vec<ColumnRole> = row
        .cells
        .iter()
        .filter_map(|c| {
            let c = c.trim();
            user.role_of(c).or_else(|| name_header(c).map(|n| n.role))
        })
        .filter(|r| *r != ColumnRole::Other)
        .collect();
    roles.sort_by_key(|r| r.as_str());
    roles.dedup();
    roles
}

/// A row can head an action table when it names enough roles, one of them a text of some
/// kind (an action, a recommendation, a topic).
fn header_strength(row: &Row, user: &LayoutOverride) -> usize {
    let roles = roles_of(row, user);
    let has_text = roles.iter().any(|r| {
        matches!(
            r,
            ColumnRole::Text | ColumnRole::Recommendation | ColumnRole::Title
        )
    });
    if has_text && roles.len() >= MIN_HEADER_ROLES {
        roles.len()
    } else {
        0
    }
}

/// The strongest header in the first rows of `table`, if any row qualifies; the earliest
/// row wins a tie (a repeat lower down names the same roles).
pub(crate) fn find_header(table: &Table, user: &LayoutOverride) -> Option<HeaderBlock> {
    let (first, strength) = table
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(i, row)| (i, header_strength(row, user)))
        .filter(|&(_, s)| s > 0)
        .fold(None, |best: Option<(usize, usize)>, (i, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((i, s)),
        })?;
    debug_assert!(strength >= MIN_HEADER_ROLES);
    let mut rows = vec![first];
    while let Some(&last) = rows.last() {
        let next = last + 1;
        let Some(row) = table.rows.get(next) else {
            break;
        };
        let adjacent = row.line == table.rows[last].line + 1;
        if !adjacent || !continues_header(row, &table.rows[first]) {
            break;
        }
        rows.push(next);
    }
    let header_rows: Vec<&Row> = rows.iter().map(|&i| &table.rows[i]).collect();
    let mut layout = read_header(&header_rows);
    user.apply(&mut layout);
    let printed = header_rows.iter().map(|r| printed_cells(r)).collect();
    Some(HeaderBlock {
        rows,
        layout,
        printed,
    })
}

/// Whether `row`, right under the header row `top`, finishes its cells rather than opening
/// the data: short words only, each under a header cell, fewer cells than the header has,
/// and no ref where the data's first column would print one.
///
/// ```text
/// No.   Audit   Recommendation   Original         Current          %
///       Title                    Implementation   Implementation   Complete
///                                Date             Date
/// ```
fn continues_header(row: &Row, top: &Row) -> bool {
    let filled: Vec<usize> = row.filled_indices().collect();
    if filled.is_empty() || filled.len() >= top.filled() {
        return false;
    }
    filled.iter().all(|&i| {
        let cell = row.cell(i);
        cell.len() <= MAX_CONTINUATION_BYTES
            && cell.split_whitespace().count() <= MAX_CONTINUATION_WORDS
            && !top.cell(i).is_empty()
            && !(i == 0 && looks_like_ref(cell))
    })
}

/// A row's cells folded, trailing empty cells dropped: how a repeated header is compared.
pub(crate) fn printed_cells(row: &Row) -> Vec<String> {
    let mut cells: Vec<String> = row.cells.iter().map(|c| fold_whitespace(c)).collect();
    while cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells
}

impl HeaderBlock {
    /// Whether `row` is this header printed again at a page break: one of its rows as
    /// printed, or a row naming at least [`MIN_HEADER_ROLES`] roles each in the column the
    /// header gave it (a repeat whose cells were damaged or shifted: `Issue K`, a lost first
    /// cell).
    pub(crate) fn repeats_in(&self, row: &Row, user: &LayoutOverride) -> bool {
        let printed = printed_cells(row);
        if self.printed.contains(&printed) {
            return true;
        }
        let in_place = row
            .cells
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                let named = user
                    .role_of(c.trim())
                    .or_else(|| name_header(c.trim()).map(|n| n.role));
                named.is_some_and(|role| {
                    role != ColumnRole::Other
                        && self.layout.columns.get(*i).is_some_and(|col| {
                            col.role == role
                                || name_header(&col.header).is_some_and(|n| n.role == role)
                        })
                })
            })
            .count();
        in_place >= MIN_HEADER_ROLES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        Table::new(
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| Row::new(i + 1, l.split('\t').map(str::to_owned).collect()))
                .collect(),
        )
    }

    #[test]
    fn the_header_and_its_continuation_rows() {
        let t = table("Action plan\nRef\tItem\tLed by\tImport-\tStatus\n\t\t\tance\t\n1.1\tReview the scheme\tMonitoring Officer\tV\tComplete\n");
        let block = find_header(&t, &LayoutOverride::default()).expect("header");
        assert_eq!(block.rows, vec![1, 2]);
        assert_eq!(block.layout.columns[3].header, "Importance");
    }

    #[test]
    fn a_data_row_does_not_continue_the_header() {
        let t = table("No.\tAction\tOwner\tDue\n1\tPatch servers\tHead of IT\tMay\n");
        let block = find_header(&t, &LayoutOverride::default()).expect("header");
        assert_eq!(block.rows, vec![0]);
    }

    #[test]
    fn damaged_repeats_are_recognised() {
        let t = table("Ref\tAction\tResponsible Officer\tTarget Date\tUpdate\n");
        let block = find_header(&t, &LayoutOverride::default()).expect("header");
        let user = LayoutOverride::default();
        let lost_first = Row::new(
            9,
            "\tAction\tResponsible Officer\tTarget Date\tUpdate"
                .split('\t')
                .map(str::to_owned)
                .collect(),
        );
        assert!(block.repeats_in(&lost_first, &user));
        let data = Row::new(
            10,
            "3\tUpdate the register\tMonitoring Officer\tMay 2024\tDone"
                .split('\t')
                .map(str::to_owned)
                .collect(),
        );
        assert!(!block.repeats_in(&data, &user));
    }
}
