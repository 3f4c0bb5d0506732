//! Column dumps: a table row the extraction printed one cell line at a time.
//!
//! Where a row did not fit the page the extraction gave up on cells and wrote each line of
//! text on its own line, column by column: the key deliverables, then the BP refs, the ratings
//! (a rating may be split: `Medium` / `Issue/Slippage`), the updates, the CP ref and the
//! deliverable, with lines of a paragraph sometimes out of order (`adult lives.` printed
//! before `We will work with partners to make sure that`):
//!
//! ```text
//! Lead on the implementation of the Early Help Strategy in partnership
//! with Sandwell Children's Trust, SCVO and Krunch
//! Relationship and Sex Education
//! CH12
//! PH17
//! Medium
//! Issue/Slippage
//! On Track
//! ...
//! ```
//!
//! The pieces are paired back in order: the n-th key text, ref, rating and update form the
//! n-th action.

use crate::cells::PrintedRef;
use crate::rating::{joins_rating, read_rating, Rating};
use govtrail_parse::clean::fold_whitespace;
use govtrail_parse::lookalike::fold_ref;

/// One action recovered from a column dump.
#[derive(Clone, Debug)]
pub(crate) struct DumpAction {
    pub bp: PrintedRef,
    pub line: usize,
    /// The lines of its key deliverable, ref, rating and update.
    pub lines: Vec<usize>,
    pub key: Option<String>,
    pub rating: Option<Rating>,
    pub update: Option<String>,
}

/// What a column dump holds.
#[derive(Clone, Debug, Default)]
pub(crate) struct Dump {
    pub actions: Vec<DumpAction>,
    pub cp: Option<PrintedRef>,
    pub deliverable: Option<String>,
    /// Every line of the dump.
    pub lines: Vec<usize>,
    /// The lines of the CP ref and deliverable, shared by every action of the dump.
    pub group_lines: Vec<usize>,
    /// Text that could not be paired with an action.
    pub leftovers: Vec<(Vec<usize>, String)>,
}

enum Piece {
    Ref(PrintedRef),
    /// A rating and the lines it was printed on ("Medium" / "Issue/Slippage").
    Rating(Rating, Vec<usize>),
    Text(String),
}

/// Reads a run of single-cell lines, given as (line, text).
pub(crate) fn read_dump(lines: &[(usize, String)]) -> Dump {
    let mut pieces: Vec<(usize, Piece)> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let (line, text) = (&lines[k].0, fold_whitespace(&lines[k].1));
        if let Some(joined) = lines.get(k + 1).and_then(|(_, next)| {
            read_rating(&text)
                .is_none()
                .then(|| joins_rating(&text, next))
                .flatten()
        }) {
            pieces.push((*line, Piece::Rating(joined, vec![*line, lines[k + 1].0])));
            k += 2;
            continue;
        }
        let piece = if fold_ref(&text).is_some() {
            Piece::Ref(PrintedRef {
                canonical: fold_ref(&text),
                raw: text,
            })
        } else if let Some(rating) = read_rating(&text) {
            Piece::Rating(rating, vec![*line])
        } else {
            Piece::Text(text)
        };
        pieces.push((*line, piece));
        k += 1;
    }

    let mut dump = Dump {
        lines: lines.iter().map(|(l, _)| *l).collect(),
        ..Dump::default()
    };
    // Texts before the first ref are key deliverables; between the ratings and the CP ref,
    // updates; after the CP ref, the deliverable.
    let mut keys: Vec<(usize, String)> = Vec::new();
    let mut updates: Vec<(usize, String)> = Vec::new();
    let mut deliverable: Vec<(usize, String)> = Vec::new();
    let mut bps: Vec<(usize, PrintedRef)> = Vec::new();
    let mut ratings: Vec<(Rating, Vec<usize>)> = Vec::new();
    for (line, piece) in pieces {
        match piece {
            Piece::Ref(r) if r.is_single_letter() => {
                dump.cp = Some(r);
                dump.group_lines.push(line);
            }
            Piece::Ref(r) => bps.push((line, r)),
            Piece::Rating(r, at) => ratings.push((r, at)),
            Piece::Text(t) if bps.is_empty() => keys.push((line, t)),
            Piece::Text(t) if dump.cp.is_none() => updates.push((line, t)),
            Piece::Text(t) => deliverable.push((line, t)),
        }
    }
    let keys = paragraphs(&keys);
    let updates = paragraphs(&updates);
    dump.group_lines
        .extend(deliverable.iter().map(|(line, _)| *line));
    dump.deliverable = paragraphs(&deliverable)
        .into_iter()
        .map(|(_, t)| t)
        .reduce(|a, b| format!("{a} {b}"));
    let mut keys = keys.into_iter();
    let mut updates = updates.into_iter();
    let mut ratings = ratings.into_iter();
    for (line, bp) in bps {
        let key = keys.next();
        let rating = ratings.next();
        let update = updates.next();
        let mut lines = vec![line];
        lines.extend(key.iter().flat_map(|(l, _)| l.iter().copied()));
        lines.extend(rating.iter().flat_map(|(_, l)| l.iter().copied()));
        lines.extend(update.iter().flat_map(|(l, _)| l.iter().copied()));
        dump.actions.push(DumpAction {
            bp,
            line,
            lines,
            key: key.map(|(_, t)| t),
            rating: rating.map(|(r, _)| r),
            update: update.map(|(_, t)| t),
        });
    }
    dump.leftovers.extend(keys);
    dump.leftovers.extend(updates);
    // More ratings than refs (a ref printed elsewhere or lost): the spare ratings are kept as
    // text rather than dropped.
    dump.leftovers
        .extend(ratings.map(|(rating, at)| (at, rating.raw)));
    dump
}

/// Joins lines into paragraphs, a new one at each line that starts in upper case; lines that
/// start in lower case before any paragraph (`took place in January 2024.`, a paragraph's
/// tail printed first) go to the end of the first paragraph left unfinished.
fn paragraphs(lines: &[(usize, String)]) -> Vec<(Vec<usize>, String)> {
    let mut out: Vec<(Vec<usize>, String)> = Vec::new();
    let mut orphans: Vec<&str> = Vec::new();
    let mut orphan_lines: Vec<usize> = Vec::new();
    for (line, text) in lines {
        let upper = !text.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(last) if !upper => {
                last.0.push(*line);
                last.1.push(' ');
                last.1.push_str(text);
            }
            None if !upper => {
                orphans.push(text);
                orphan_lines.push(*line);
            }
            _ => out.push((vec![*line], text.clone())),
        }
    }
    if !orphans.is_empty() {
        let tail = orphans.join(" ");
        let open = out
            .iter()
            .position(|(_, t)| !t.trim_end().ends_with(['.', '!', '?']));
        match open.or(out.len().checked_sub(1)) {
            Some(at) => {
                out[at].0.extend(orphan_lines);
                out[at].1.push(' ');
                out[at].1.push_str(&tail);
            }
            None => out.push((orphan_lines, tail)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header repeated inside a dump cuts off its first ref: two ratings follow one ref.
    #[test]
    fn spare_ratings_are_kept_as_leftovers() {
        let lines: Vec<(usize, String)> = ["PH17", "Medium", "Issue/Slippage", "On Track"]
            .iter()
            .enumerate()
            .map(|(i, t)| (i + 30, t.to_string()))
            .collect();
        let dump = read_dump(&lines);
        assert_eq!(dump.actions.len(), 1);
        assert_eq!(dump.actions[0].lines, vec![30, 31, 32]);
        assert_eq!(dump.leftovers, vec![(vec![33], "On Track".to_string())]);
    }

    #[test]
    fn a_column_dump_pairs_back_in_order() {
        let lines: Vec<(usize, String)> = [
            "Lead on the implementation of the Early Help Strategy in partnership",
            "with Sandwell Children's Trust, SCVO and Krunch",
            "Relationship and Sex Education",
            "CH12",
            "PH17",
            "Medium",
            "Issue/Slippage",
            "On Track",
            "took place in January 2024.",
            "The pace of change has not been as swift. Meetings of both groups",
            "Brook has now completed the first quarter.",
            "В6",
            "adult lives.",
            "We will work with partners to make sure that",
            "vulnerable children thrive and have successful",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| (2 * i + 23, t.to_string()))
        .collect();
        let dump = read_dump(&lines);
        assert_eq!(dump.actions.len(), 2);
        let first = &dump.actions[0];
        assert_eq!(first.bp.canonical.as_deref(), Some("CH12"));
        assert_eq!(
            first.key.as_deref(),
            Some("Lead on the implementation of the Early Help Strategy in partnership with Sandwell Children's Trust, SCVO and Krunch")
        );
        assert_eq!(
            first.rating.as_ref().map(|r| r.raw.as_str()),
            Some("Medium Issue/Slippage")
        );
        assert!(first
            .update
            .as_deref()
            .is_some_and(|u| u.ends_with("groups took place in January 2024.")));
        assert_eq!(
            dump.actions[1].rating.as_ref().map(|r| r.raw.as_str()),
            Some("On Track")
        );
        assert_eq!(dump.cp.and_then(|c| c.canonical).as_deref(), Some("B6"));
        assert_eq!(
            dump.deliverable.as_deref(),
            Some("We will work with partners to make sure that vulnerable children thrive and have successful adult lives.")
        );
    }
}
