//! CSV text, and telling it apart from a tab-separated dump by its shape.
//!
//! Council CSV exports quote cells that hold the delimiter, quotes, tabs or line breaks:
//! `3,"Owner: Head of HR, Deputy Leader","Line one` / `line two"` is one record of three cells
//! spread over two lines. European Excel writes `;` instead of `,`. A PDF text dump, on the
//! other hand, has commas all through its prose, so "the text holds commas" says nothing:
//! the delimiter is the one that cuts the lines into the most regular records.

use crate::{read_text_dump, Row, Table, TableError, TableErrorKind};

/// The delimiters a CSV file may use; a tab-separated file is read as a text dump.
const CSV_DELIMITERS: [u8; 2] = [b',', b';'];

/// How much of the text the sniffer looks at: enough for a few hundred records.
const SNIFF_BYTES: usize = 256 * 1024;

/// Reads CSV text with `delimiter`. Each row's line is the 1-based line where its record
/// starts, so a record whose quoted cell spans lines 4 to 6 is line 4 and the next is line 7.
///
/// ```
/// let table = govtrail_table::read_csv("Ref,Action\nS1,\"Review, then\nreport\"\nS2,Close\n", b',').unwrap();
/// assert_eq!(table.rows[1].cells, vec!["S1", "Review, then\nreport"]);
/// assert_eq!(table.rows[2].line, 4);
/// ```
pub fn read_csv(text: &str, delimiter: u8) -> Result<Table, TableError> {
    let mut reader = csv_reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::new();
    let mut lines = LineCounter::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                let line = lines.line_of_record_at(text, start);
                let row = Row::new(line, record.iter().map(str::to_owned).collect());
                if !row.is_blank() {
                    rows.push(row);
                }
            }
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                return Err(TableError::new(TableErrorKind::Csv {
                    message: e.to_string(),
                })
                .at_line(line));
            }
        }
    }
    Ok(Table::new(rows))
}

/// Where records start. The csv crate reports a record's position from before the empty
/// lines it skips (`a\n\nb` puts `b` on line 2), so the line is counted here from the first
/// byte of the record itself.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: usize,
}

impl LineCounter {
    /// The 1-based line of the record whose scan starts at byte `start`; records come in
    /// order, so each call counts only the new stretch of text.
    fn line_of_record_at(&mut self, text: &str, start: usize) -> usize {
        let rest = text.get(start..).unwrap_or("");
        let start = start + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
        let stretch = text.get(self.byte..start).unwrap_or("");
        self.line += stretch.bytes().filter(|&b| b == b'\n').count();
        self.byte = start.max(self.byte);
        self.line + 1
    }
}

fn csv_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// The CSV delimiter of `text`, or `None` when it reads best as a tab-separated dump.
///
/// Each candidate cuts the first records into cells and the most table-like cut wins (see
/// `table_likeness`); a CSV delimiter must beat the tab dump outright, the plainer reading.
///
/// ```
/// use govtrail_table::sniff_delimiter;
/// assert_eq!(sniff_delimiter("Ref;Action\nS1;\"Review; report\"\n"), Some(b';'));
/// assert_eq!(sniff_delimiter("Issue\tArea\n1\tCyber, data and risk\n"), None);
/// ```
pub fn sniff_delimiter(text: &str) -> Option<u8> {
    sniff_delimiter_of_dump(text, &read_text_dump(sample_of(text)))
}

/// [`sniff_delimiter`] for `text` already read as a tab-separated `dump`: the tab cut of the
/// sample is the dump's rows on the sample's lines, so a text dump is cut into cells once.
pub(crate) fn sniff_delimiter_of_dump(text: &str, dump: &Table) -> Option<u8> {
    let sample = sample_of(text);
    // Lines are counted only when the sample is cut short of the whole text.
    let sample_lines = match sample {
        "" => 0,
        _ if sample.len() == text.len() => usize::MAX,
        _ => 1 + sample.bytes().filter(|&b| b == b'\n').count(),
    };
    let tab_cut = dump
        .rows
        .iter()
        .take_while(|row| row.line <= sample_lines)
        .map(|row| row.cells.iter().map(String::as_str).collect());
    let tab_score = table_likeness(tab_cut);
    // Most records cut by tabs: a text dump. No CSV has tabs between most of its cells, so
    // the two CSV parses below (the costliest step of reading a dump) cannot change the answer.
    if tab_score >= 0.5 {
        return None;
    }
    let mut best = (tab_score, None);
    let mut evenly_cut = None;
    for delimiter in CSV_DELIMITERS {
        let records: Vec<csv::StringRecord> = csv_reader(sample, delimiter)
            .records()
            .map_while(Result::ok)
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .collect();
        let score = table_likeness(records.iter().map(|r| r.iter().collect()));
        if score > best.0 {
            best = (score, Some(delimiter));
        }
        if evenly_cut.is_none() && is_evenly_cut(&records) {
            evenly_cut = Some(delimiter);
        }
    }
    // A hand-typed CSV puts a space after each comma (`S1, Review, CE`), like prose; it is
    // still a table when there is no tab at all and nearly every record has the same cells.
    best.1.or(evenly_cut.filter(|_| tab_score == 0.0))
}

/// True when at least 4 in 5 records share one cell count of two or more.
fn is_evenly_cut(records: &[csv::StringRecord]) -> bool {
    let mut tally = std::collections::BTreeMap::new();
    for record in records.iter().filter(|r| r.len() >= 2) {
        *tally.entry(record.len()).or_insert(0usize) += 1;
    }
    let commonest = tally.values().copied().max().unwrap_or(0);
    !records.is_empty() && commonest * 5 >= records.len() * 4
}

/// The start of `text`, cut at a line break so that no line is read half.
fn sample_of(text: &str) -> &str {
    if text.len() <= SNIFF_BYTES {
        return text;
    }
    let cut = text[..SNIFF_BYTES].rfind('\n').unwrap_or(0);
    &text[..cut]
}

/// How table-like a cut of the text is: the share of non-blank records cut into two or more
/// cells, times the share of cuts that do not fall before a space. A delimiter between cells
/// is followed by the next value (`S1,Review`), a comma in prose by a space
/// (`Cyber, data and risk`): so a text dump's commas score near 0 and a CSV's quoted prose,
/// one cell, does not count against it.
fn table_likeness<'a>(records: impl Iterator<Item = Vec<&'a str>>) -> f32 {
    let (mut total, mut multi, mut cuts, mut spaced) = (0usize, 0usize, 0usize, 0usize);
    for cells in records.filter(|r| r.iter().any(|c| !c.trim().is_empty())) {
        total += 1;
        if cells.len() < 2 {
            continue;
        }
        multi += 1;
        cuts += cells.len() - 1;
        spaced += cells[1..]
            .iter()
            .filter(|c| c.starts_with([' ', '\u{a0}']) && !c.trim().is_empty())
            .count();
    }
    if total == 0 || cuts == 0 {
        return 0.0;
    }
    multi as f32 / total as f32 * (1.0 - spaced as f32 / cuts as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sample_lines_of_a_long_text_are_weighed() {
        // Past the sample, a dump turns into many more comma-cut lines, or a CSV into many
        // more tab-cut lines: weighed, they would turn the verdict.
        let dump_row = "S1\tReview the contract\tChief Executive\n";
        let csv_row = "S1,Review,CE,2024\n";
        let mut text = dump_row.repeat(SNIFF_BYTES / dump_row.len() + 10);
        text.push_str(&csv_row.repeat(3 * SNIFF_BYTES / csv_row.len()));
        assert_eq!(sniff_delimiter(&text), None);
        let mut text = csv_row.repeat(SNIFF_BYTES / csv_row.len() + 10);
        text.push_str(&dump_row.repeat(3 * SNIFF_BYTES / dump_row.len()));
        assert_eq!(sniff_delimiter(&text), Some(b','));
    }

    #[test]
    fn delimiter_is_sniffed_from_the_shape() {
        let cases: &[(&str, &str, Option<u8>)] = &[
            ("comma", "Ref,Action,Lead\nS1,Do it,Chief Executive\n", Some(b',')),
            ("semicolon", "Ref;Action;Lead\nS1;Do it, now;CE\n", Some(b';')),
            (
                "hand-typed CSV with a space after each comma",
                "Ref, Action, Lead\nS1, Do it, CE\nS2, Close, CFO\n",
                Some(b','),
            ),
            (
                "tab dump with commas in prose",
                "Issue\tArea\tActions\n1\tCyber, data, risk, and more\tReview, then report\n2\tGDPR\tTrain, audit\n",
                None,
            ),
            (
                "prose alone",
                "Minutes of the meeting, held on 3 May\nPresent: A, B and C, D\nApologies.\nThe chair, Cllr X, opened the meeting, noting, in passing, the date.\n",
                None,
            ),
            (
                "CSV whose prose lines are quoted single cells",
                "Issue,Area\n\"A long paragraph, with commas, in one cell\"\n1,Cyber\n\"More prose, more commas\"\n2,GDPR\n",
                Some(b','),
            ),
            (
                "quoted tabs and line breaks inside CSV cells",
                "Ref,Action\nS1,\"a\tb\"\nS2,\"line one\nline two\"\nS3,c\n",
                Some(b','),
            ),
        ];
        for (name, text, expected) in cases {
            assert_eq!(sniff_delimiter(text), *expected, "{name}");
        }
    }

    #[test]
    fn records_keep_the_line_they_start_on() {
        let text = "Ref,Action\n\nS1,\"two\nlines\"\n,,\nS2,\"say \"\"hi\"\"\"\r\n";
        let table = read_csv(text, b',').unwrap();
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 3, 6]);
        assert_eq!(table.rows[1].cell(1), "two\nlines");
        assert_eq!(table.rows[2].cell(1), "say \"hi\"");
    }
}
