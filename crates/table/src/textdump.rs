//! The tab-separated text dump reader: one line a row, one tab between cells.
//!
//! PDF-to-text extraction writes each table row on one line with cells separated by tabs,
//! and ends lines with `\n` or `\r\n`. Blank lines are dropped from the table; every other
//! line keeps its 1-based line number.

use crate::{Row, Table};

/// Reads a tab-separated text dump. Never fails: any text is rows of cells.
pub fn read_text_dump(text: &str) -> Table {
    let rows = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            let line_text = line.strip_suffix('\r').unwrap_or(line);
            Row::new(i + 1, line_text.split('\t').map(str::to_owned).collect())
        })
        .filter(|row| !row.is_blank())
        .collect();
    Table::new(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_blank_lines() {
        let t = read_text_dump("a\tb\r\n\r\n \t \nc\n");
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 4]);
        assert_eq!(t.rows[0].cells, vec!["a", "b"]);
    }

    #[test]
    fn last_line_without_newline_is_kept() {
        let t = read_text_dump("x\n019\tR20");
        assert_eq!(t.rows.last().map(|r| r.line), Some(2));
    }
}
