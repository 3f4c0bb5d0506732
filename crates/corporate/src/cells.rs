//! What each cell of a row is, judged by its content rather than its position.
//!
//! The extraction shifted cells left and right (`L6\tWe will ...\tASC10` where the CP ref
//! should be the second cell), ran cells together (`ASC2 Prioritisation and delivery of
//! Discharge 2 Assess.`, a deliverable ending in `... ASC17b Dynamic market position
//! statement.`), and leaked the rotated sidebar labels into the first cell (`Idren & Young
//! People that need more support`, `nnecte`). A row is therefore read as a sequence of
//! classified items, sidebar, ref, rating, text, and the roles follow from their order:
//! CP ref, deliverable, BP ref, key deliverable, rating, update.

use crate::rating::{read_rating, Rating};
use govtrail_parse::clean::fold_whitespace;
use govtrail_parse::lookalike::fold_ref;
use govtrail_table::Row;
use regex::Regex;
use std::sync::LazyLock;

/// A ref as printed and, when it could be read, its canonical form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PrintedRef {
    /// As printed (`СН9`, `ACE 27`, `ı`).
    pub raw: String,
    /// Canonical form (`CH9`, `ACE27`), or `None` when the print is unreadable.
    pub canonical: Option<String>,
}

impl PrintedRef {
    fn read(raw: &str) -> PrintedRef {
        PrintedRef {
            raw: raw.to_owned(),
            canonical: fold_ref(raw),
        }
    }

    /// True for a corporate-plan style ref: one letter and a number (`B1`, `O10`).
    pub fn is_single_letter(&self) -> bool {
        self.canonical
            .as_deref()
            .is_some_and(|c| c.chars().take_while(char::is_ascii_uppercase).count() == 1)
    }
}

/// Where the header put the BP ref and rating columns; used only to tell how far a row was
/// shifted, so that a short label in the sidebar column is not taken for content.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Layout {
    pub cp: usize,
    pub bp: usize,
    pub rating: usize,
    pub update: usize,
}

/// One table row read into the report's fields; everything is optional because any cell
/// may be lost or carried on another row.
#[derive(Clone, Debug, Default)]
pub(crate) struct RowRead {
    pub line: usize,
    /// The row as printed (cells joined by tabs).
    pub printed: String,
    /// Rotated sidebar labels leaked into the row (`nnecte`, `А Но`).
    pub sidebar: Vec<String>,
    /// The printed CP ref, readable or not.
    pub cp: Option<PrintedRef>,
    /// A fragment of the CP deliverable text (the merged cell's lines are spread over rows).
    pub deliverable: Option<String>,
    pub bp: Option<PrintedRef>,
    pub key: Option<String>,
    pub rating: Option<Rating>,
    /// The rating cell as printed, when noise was removed from it.
    pub rating_printed: Option<String>,
    pub update: Option<String>,
    /// The update cell says there is no update.
    pub no_update: Option<String>,
    /// A placeholder such as "Duplicate - see ASC17a".
    pub duplicate_note: Option<String>,
    /// Cells that are neither text nor ref (`_`, `1`, `---`).
    pub noise: Vec<String>,
}

impl RowRead {
    /// True when the row carries a directorate action of its own.
    pub fn is_action(&self) -> bool {
        self.bp.is_some() || self.key.is_some() || self.rating.is_some()
    }

    /// True when the row carries part of its CP group's merged cells.
    pub fn has_cp_content(&self) -> bool {
        self.cp.is_some() || self.deliverable.is_some()
    }

    /// True when the row holds only update text.
    pub fn is_update_only(&self) -> bool {
        self.update.is_some()
            && !self.is_action()
            && !self.has_cp_content()
            && self.duplicate_note.is_none()
    }

    /// True when nothing but noise was read.
    pub fn is_noise(&self) -> bool {
        !self.is_action()
            && !self.has_cp_content()
            && self.update.is_none()
            && self.no_update.is_none()
            && self.duplicate_note.is_none()
    }
}

/// Classified cells with the index of the cell they came from.
type Items = Vec<(usize, Item)>;

#[derive(Clone, Debug, PartialEq)]
enum Item {
    Sidebar(String),
    Ref(PrintedRef),
    /// A short token where a ref should be, unreadable (`ı`, `CO`, `88`).
    Unreadable(String),
    Rating(Rating, String),
    NoUpdate(String),
    Duplicate(String),
    Noise(String),
    Text(String),
}

static NO_UPDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^no\s+(further\s+)?update(s)?(\s+(available|provided))?\.?$")
        .expect("no-update pattern")
});
static DUPLICATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^duplicate\b").expect("duplicate pattern"));

/// The longest a sidebar label runs (`Idren & Young People that need more support`).
const SIDEBAR_MAX_CHARS: usize = 45;

/// Reads one content row.
pub(crate) fn read_row(row: &Row, layout: Layout) -> RowRead {
    let cells: Vec<(usize, String)> = row
        .filled_indices()
        .map(|i| (i, fold_whitespace(&row.cells[i])))
        .collect();
    let shift = row_shift(&cells, layout);
    let mut items: Vec<(usize, Item)> = Vec::new();
    let mut after_rating = false;
    for (i, text) in &cells {
        // A row as wide as the header keeps the sidebar column first, however its content
        // shifted ("E\t88 We will work with ...\tLG6\t...").
        let full_width = *i == 0 && row.cells.len() > layout.update;
        let item = if after_rating {
            classify_after_rating(text)
        } else {
            classify(
                *i,
                text,
                if full_width { 0 } else { shift },
                cells.len() > 1,
                layout,
            )
        };
        if matches!(item, Item::Rating(..)) {
            after_rating = true;
        }
        items.push((*i, item));
    }
    let items = split_run_together(items);
    let mut read = assign_roles(row.line, items, layout);
    read.printed = row.text();
    read
}

/// How many cells the row is shifted right of the header (negative: left), judged from the
/// rating cell, else from the BP ref (the second ref-shaped cell, or the only one).
fn row_shift(cells: &[(usize, String)], layout: Layout) -> isize {
    if let Some((i, _)) = cells.iter().find(|(_, t)| read_rating(t).is_some()) {
        return *i as isize - layout.rating as isize;
    }
    let refs: Vec<usize> = cells
        .iter()
        .filter(|(_, t)| fold_ref(t).is_some())
        .map(|(i, _)| *i)
        .collect();
    match refs.as_slice() {
        [bp] | [_, bp, ..] => *bp as isize - layout.bp as isize,
        [] => 0,
    }
}

fn classify(index: usize, text: &str, shift: isize, others: bool, layout: Layout) -> Item {
    if let Some(rating) = read_rating(text) {
        return Item::Rating(rating, text.to_owned());
    }
    if NO_UPDATE.is_match(text) {
        return Item::NoUpdate(text.to_owned());
    }
    if DUPLICATE.is_match(text) {
        return Item::Duplicate(text.to_owned());
    }
    let reference = PrintedRef::read(text);
    if reference.canonical.is_some() {
        return Item::Ref(reference);
    }
    let column = index as isize - shift;
    let starts_with_ref = text
        .split_whitespace()
        .next()
        .is_some_and(|w| fold_ref(w).is_some());
    // Rotated sidebar labels sit in the column before the CP ref: "First 1000 Days",
    // "nnecte", "-". They never end a sentence.
    if others
        && column < layout.cp as isize
        && !text.ends_with('.')
        && !starts_with_ref
        && text.chars().count() <= SIDEBAR_MAX_CHARS
        && !text.contains('(')
    {
        return Item::Sidebar(text.to_owned());
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Item::Noise(text.to_owned());
    }
    if !text.contains(' ') && text.chars().count() <= 3 {
        return Item::Unreadable(text.to_owned());
    }
    Item::Text(text.to_owned())
}

fn classify_after_rating(text: &str) -> Item {
    if NO_UPDATE.is_match(text) {
        Item::NoUpdate(text.to_owned())
    } else {
        Item::Text(text.to_owned())
    }
}

/// Splits cells that the extraction ran together:
/// - a ref opening a cell: `ASC2 Prioritisation and delivery of Discharge 2 Assess.`;
/// - an unreadable ref opening a deliverable: `88 We will work with Sandwell Children's Trust`;
/// - a BP ref inside or closing a deliverable: `... vulnerable groups PH2`,
///   `... organisations. ASC17b Dynamic market position statement.`;
/// - ref letters whose digits were lost closing a deliverable: `... children and families CH CH`.
///
/// Only cells before the BP ref and the rating are split; key deliverables and updates are
/// free text and stay as printed.
fn split_run_together(items: Vec<(usize, Item)>) -> Vec<(usize, Item)> {
    let mut out = Vec::with_capacity(items.len());
    let mut before_rating = true;
    let mut bp_seen = false;
    for (i, item) in items {
        if matches!(item, Item::Rating(..)) {
            before_rating = false;
        }
        if let Item::Ref(r) = &item {
            bp_seen |= !r.is_single_letter();
        }
        match item {
            // After the BP ref comes the key deliverable, whose own words may look like refs
            // ("Deliver the KS2 programme").
            Item::Text(text) if before_rating && !bp_seen => {
                for piece in split_text(&text) {
                    out.push((i, piece));
                }
            }
            other => out.push((i, other)),
        }
    }
    out
}

fn split_text(text: &str) -> Vec<Item> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut start = 0;
    if let Some(first) = words.first() {
        if words.len() > 1 {
            if fold_ref(first).is_some() {
                out.push(Item::Ref(PrintedRef::read(first)));
                start = 1;
            } else if first.chars().count() <= 3
                && first.chars().any(|c| c.is_ascii_digit())
                && words.get(1).is_some_and(|w| *w == "We")
            {
                out.push(Item::Unreadable((*first).to_owned()));
                start = 1;
            }
        }
    }
    // A BP ref (two or more letters) later in the cell ends the deliverable text.
    let inner = (start + 1..words.len()).find(|&k| {
        fold_ref(words[k])
            .is_some_and(|r| r.chars().take_while(char::is_ascii_uppercase).count() >= 2)
    });
    let end = inner.unwrap_or(words.len());
    let mut body_end = end;
    // "... children and families CH CH": ref letters whose digits were lost.
    let lost_from = (start..end)
        .rev()
        .take_while(|&k| {
            let w = words[k];
            (1..=3).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
        })
        .last();
    if let Some(from) = lost_from.filter(|&f| end - f >= 2 && f > start) {
        body_end = from;
    }
    if body_end > start {
        out.push(Item::Text(words[start..body_end].join(" ")));
    }
    if body_end < end {
        out.push(Item::Noise(words[body_end..end].join(" ")));
    }
    if let Some(k) = inner {
        out.push(Item::Ref(PrintedRef::read(words[k])));
        if k + 1 < words.len() {
            out.push(Item::Text(words[k + 1..].join(" ")));
        }
    }
    out
}

/// Gives each item its role from the order of items: sidebar, CP ref, deliverable, BP ref,
/// key deliverable, rating, update.
fn assign_roles(line: usize, items: Vec<(usize, Item)>, layout: Layout) -> RowRead {
    let mut read = RowRead {
        line,
        ..RowRead::default()
    };
    let rating_at = items
        .iter()
        .position(|(_, item)| matches!(item, Item::Rating(..)));
    let (mut before, after): (Items, Items) = match rating_at {
        Some(r) => {
            let mut items = items;
            let after = items.split_off(r);
            (items, after)
        }
        None => (items, Vec::new()),
    };
    let mut update: Vec<String> = Vec::new();
    for (_, item) in after {
        match item {
            Item::Rating(rating, printed) if read.rating.is_none() => {
                if printed != rating.raw {
                    read.rating_printed = Some(printed);
                }
                read.rating = Some(rating);
            }
            Item::Rating(_, printed) | Item::Text(printed) => update.push(printed),
            Item::NoUpdate(text) => read.no_update = Some(text),
            Item::Duplicate(text) => read.duplicate_note = Some(text),
            Item::Sidebar(text) | Item::Noise(text) | Item::Unreadable(text) => {
                read.noise.push(text)
            }
            Item::Ref(r) => update.push(r.raw),
        }
    }
    if rating_at.is_none() {
        take_trailing_update(&mut before, &mut read, &mut update, layout);
    }
    if !update.is_empty() {
        read.update = Some(update.join(" "));
    }

    // Sidebar labels and noise come out first; what stays is refs and text in print order.
    let mut seq: Vec<Item> = Vec::new();
    for (_, item) in before {
        match item {
            Item::Sidebar(text) => read.sidebar.push(text),
            Item::Noise(text) => read.noise.push(text),
            Item::NoUpdate(text) => read.no_update = Some(text),
            Item::Duplicate(text) => read.duplicate_note = Some(text),
            other => seq.push(other),
        }
    }
    let texts_after = |from: usize, seq: &[Item]| {
        seq[from + 1..]
            .iter()
            .filter(|i| matches!(i, Item::Text(_)))
            .count()
    };
    let refs: Vec<usize> = seq
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i, Item::Ref(_)))
        .map(|(k, _)| k)
        .collect();
    let (cp_at, bp_at) = match refs.as_slice() {
        [] => (None, None),
        [only] => {
            // A lone one-letter ref opening the row's texts is the CP ref ("B11 We will ensure
            // ... | To work across agencies ..."); otherwise it is the BP ref.
            let single_letter = matches!(&seq[*only], Item::Ref(r) if r.is_single_letter());
            let text_before = seq[..*only].iter().any(|i| matches!(i, Item::Text(_)));
            if single_letter && !text_before && texts_after(*only, &seq) >= 2 {
                (Some(*only), None)
            } else {
                (None, Some(*only))
            }
        }
        [first, .., last] => (Some(*first), Some(*last)),
    };
    // An unreadable token before the deliverable text is the CP ref ("ı", "CO", "88").
    let cp_at = cp_at.or_else(|| {
        seq.iter()
            .position(|i| matches!(i, Item::Unreadable(_)))
            .filter(|&u| {
                bp_at.is_none_or(|b| u < b)
                    && matches!(seq.get(u + 1), Some(Item::Text(t)) if t.split_whitespace().count() >= 4)
            })
    });
    let mut deliverable = Vec::new();
    let mut key = Vec::new();
    for (k, item) in seq.into_iter().enumerate() {
        match item {
            Item::Ref(r) if Some(k) == cp_at => read.cp = Some(r),
            Item::Unreadable(raw) if Some(k) == cp_at => {
                read.cp = Some(PrintedRef {
                    raw,
                    canonical: None,
                })
            }
            Item::Ref(r) if Some(k) == bp_at => read.bp = Some(r),
            Item::Text(text) => {
                let before_bp = bp_at.is_some_and(|b| k < b);
                let after_cp = cp_at.is_some_and(|c| k > c);
                if before_bp
                    || (bp_at.is_none() && after_cp && key.is_empty() && deliverable.is_empty())
                {
                    deliverable.push(text);
                } else {
                    key.push(text);
                }
            }
            Item::Ref(r) => read.noise.push(r.raw),
            Item::Unreadable(text) => read.noise.push(text),
            _ => {}
        }
    }
    // Without a BP ref the texts read as [deliverable, key]; a lone text is the key unless
    // the CP ref introduced it ("L6 We will develop ...").
    if bp_at.is_none() {
        if cp_at.is_none() && key.len() >= 2 {
            deliverable.push(key.remove(0));
        } else if cp_at.is_some() && key.is_empty() && deliverable.len() == 1 {
            let text = &deliverable[0];
            if !looks_like_deliverable(text) {
                key.push(deliverable.remove(0));
            }
        }
    }
    read.deliverable = (!deliverable.is_empty()).then(|| deliverable.join(" "));
    read.key = merge_key_texts(key);
    read
}

/// True for the wording of a corporate-plan deliverable ("We will ...") or a fragment of one
/// carried on from another row (starts lower case).
pub(crate) fn looks_like_deliverable(text: &str) -> bool {
    text.starts_with("We ")
        || text.starts_with("Through ")
        || text.chars().next().is_some_and(char::is_lowercase)
}

/// Several texts after the BP ref: the key deliverable printed twice ("Dynamic market position
/// statement." in the run-together cell and again in its own), or wrapped over two cells.
fn merge_key_texts(texts: Vec<String>) -> Option<String> {
    let mut merged: Vec<String> = Vec::new();
    for text in texts {
        if let Some(dup) = merged.iter_mut().find(|m| {
            let (a, b) = (m.trim_end_matches('.'), text.trim_end_matches('.'));
            a.starts_with(b) || b.starts_with(a) || common_start_words(a, b) >= 4
        }) {
            if text.len() > dup.len() {
                *dup = text;
            }
        } else {
            merged.push(text);
        }
    }
    (!merged.is_empty()).then(|| merged.join(" "))
}

fn common_start_words(a: &str, b: &str) -> usize {
    a.split_whitespace()
        .zip(b.split_whitespace())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Without a rating, the update is the last text when an empty cell (the rating's) separates
/// it from the key deliverable, or the only text of a row that starts in the update column.
fn take_trailing_update(
    before: &mut Vec<(usize, Item)>,
    read: &mut RowRead,
    update: &mut Vec<String>,
    layout: Layout,
) {
    let content: Vec<usize> = before
        .iter()
        .enumerate()
        .filter(|(_, (_, item))| !matches!(item, Item::Sidebar(_) | Item::Noise(_)))
        .map(|(k, _)| k)
        .collect();
    let Some(&last) = content.last() else {
        return;
    };
    let last_index = before[last].0;
    let is_update = match content.len() {
        1 => last_index + 1 >= layout.update,
        _ => {
            let previous_index = before[content[content.len() - 2]].0;
            last_index >= previous_index + 2
        }
    };
    if !is_update {
        return;
    }
    match before.remove(last).1 {
        Item::Text(text) => update.push(text),
        Item::NoUpdate(text) => read.no_update = Some(text),
        other => before.insert(last, (last_index, other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAYOUT: Layout = Layout {
        cp: 1,
        bp: 3,
        rating: 5,
        update: 6,
    };

    /// (cp, deliverable start, bp, key start, rating, update start, sidebar)
    type Expected<'a> = (
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        &'a [&'a str],
    );

    fn read(cells: &str) -> RowRead {
        let row = Row::new(7, cells.split('\t').map(str::to_owned).collect());
        read_row(&row, LAYOUT)
    }

    fn start(text: &Option<String>) -> Option<String> {
        text.as_deref()
            .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
    }

    #[test]
    fn damaged_rows_read_by_content() {
        let cases: [(&str, Expected); 9] = [
            // plain row
            (
                "\tB4\tWe will work with our partners.\tCH5\tAttendance is Everybody's Business\tOn Track\tDfE Advisor to step down",
                (Some("B4"), Some("We will work"), Some("CH5"), Some("Attendance is Everybody's"), Some("On Track"), Some("DfE Advisor to"), &[]),
            ),
            // Cyrillic refs and a rotated sidebar label in the first cell
            (
                "First 1000 Days\tB2\tWe will seek additional support.\tСН9\tTo ensure that all children\tMedium Issue/Slippage\tParticipation campaign shows",
                (Some("B2"), Some("We will seek"), Some("CH9"), Some("To ensure that"), Some("Medium Issue/Slippage"), Some("Participation campaign shows"), &["First 1000 Days"]),
            ),
            // row shifted left: the CP ref in the first cell
            (
                "L6\tWe will develop a strength-based approach.\tASC10\tEmbedding Strengths Based Practice Project.\tComplete\tProject Plan with milestones in place.",
                (Some("L6"), Some("We will develop"), Some("ASC10"), Some("Embedding Strengths Based"), Some("Complete"), Some("Project Plan with"), &[]),
            ),
            // BP ref run into its key deliverable
            (
                "\tASC2 Prioritisation and delivery of Discharge 2 Assess.\t\tPrioritisation and delivery of Discharge 2 Assess Action Plan.\tMedium Issue/Slippage\tPathway 2 recovery plan",
                (None, None, Some("ASC2"), Some("Prioritisation and delivery"), Some("Medium Issue/Slippage"), Some("Pathway 2 recovery"), &[]),
            ),
            // BP ref and key deliverable run into the end of the CP deliverable
            (
                "L6\tWe will develop a Stronger Sandwell. ASC17b Dynamic market position statement.\t\tDynamic market position statement.\tMedium Issue/Slippage\tNo further update to that provided",
                (Some("L6"), Some("We will develop"), Some("ASC17b"), Some("Dynamic market position"), Some("Medium Issue/Slippage"), Some("No further update"), &[]),
            ),
            // a BP ref closing the deliverable, the BP cell empty
            (
                "\tL1\tWe will identify and tackle health inequalities PH2\t\tStop Smoking Support\tOn Track\tOur quit rate",
                (Some("L1"), Some("We will identify"), Some("PH2"), Some("Stop Smoking Support"), Some("On Track"), Some("Our quit rate"), &[]),
            ),
            // unreadable CP ref run into the deliverable; sidebar glyph "E"
            (
                "E\t88 We will work with Sandwell Children's Trust.\tLG6\tLegal and Assurance will provide advice\tOn Track\tRegular meetings taking place\t",
                (Some("88"), Some("We will work"), Some("LG6"), Some("Legal and Assurance"), Some("On Track"), Some("Regular meetings taking"), &["E"]),
            ),
            // unreadable CP ref printed as a stray glyph; rating with a leaked glyph
            (
                "Clean & Green\tı\tWe will enable people to get around in a healthy way.\tR16\tWe will continue to develop projects\tı On Track\tBus service reductions",
                (Some("ı"), Some("We will enable"), Some("R16"), Some("We will continue"), Some("On Track"), Some("Bus service reductions"), &["Clean & Green"]),
            ),
            // no rating: the update is the cell after the empty rating cell
            (
                "\t\t\tPH6\tInvestment and support of community mental health\t\tNo update available",
                (None, None, Some("PH6"), Some("Investment and support"), None, None, &[]),
            ),
        ];
        for (cells, (cp, deliverable, bp, key, rating, update, sidebar)) in cases {
            let r = read(cells);
            let cp_read =
                r.cp.as_ref()
                    .map(|c| c.canonical.clone().unwrap_or(c.raw.clone()));
            assert_eq!(cp_read.as_deref(), cp, "cp of {cells:?}");
            assert_eq!(
                start(&r.deliverable).as_deref(),
                deliverable,
                "deliverable of {cells:?}"
            );
            let bp_read = r.bp.as_ref().and_then(|b| b.canonical.as_deref());
            assert_eq!(bp_read, bp, "bp of {cells:?}");
            assert_eq!(start(&r.key).as_deref(), key, "key of {cells:?}");
            let rating_read = r.rating.as_ref().map(|x| x.raw.as_str());
            assert_eq!(rating_read, rating, "rating of {cells:?}");
            assert_eq!(start(&r.update).as_deref(), update, "update of {cells:?}");
            assert_eq!(r.sidebar, sidebar, "sidebar of {cells:?}");
        }
    }

    #[test]
    fn words_like_refs_in_a_key_deliverable_stay_text() {
        let r =
            read("\tB4\tWe will raise standards.\tCH8\tDeliver the KS2 programme\tOn Track\tDone");
        assert_eq!(r.bp.and_then(|b| b.canonical).as_deref(), Some("CH8"));
        assert_eq!(r.key.as_deref(), Some("Deliver the KS2 programme"));
    }

    #[test]
    fn ref_letters_without_digits_are_cut_from_the_deliverable() {
        let r = read("\tB11\tWe will ensure a local offer available to children and families CH CH\t\tTo work across agencies\tMedium Issue/Slippage\tCollaborative efforts");
        assert_eq!(
            r.deliverable.as_deref(),
            Some("We will ensure a local offer available to children and families")
        );
        assert_eq!(r.noise, vec!["CH CH"]);
    }

    #[test]
    fn placeholders_update_only_rows_and_noise() {
        let r = read("\t\t\t\tDuplicate - see ASC17a\t");
        assert_eq!(r.duplicate_note.as_deref(), Some("Duplicate - see ASC17a"));
        assert!(!r.is_action());
        let r = read("ence\t\t\t\t\t\tAll carers grants have been reviewed.");
        assert_eq!(
            r.update.as_deref(),
            Some("All carers grants have been reviewed.")
        );
        assert_eq!(r.sidebar, vec!["ence"]);
        assert!(!r.is_action());
        assert!(read("_\t1\t1\tT\t\t").is_noise());
        assert!(read("---\t----------\t---").is_noise());
    }
}
