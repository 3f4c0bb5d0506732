//! Action plans in other councils' layouts, for the general reader (family `action-plan`).
//!
//! Each document draws its column headings from the synonyms councils use (No. / Ref / Rec
//! No.; Agreed Action / What we will do; Responsible Officer / By Whom ...), in one of a few
//! column orders, sometimes without a ref column. Damage: page footers and repeated headers
//! at page breaks, an update cell continued on the next page, a date run into the owner cell.

use crate::vocab::{owner, progress, MONTHS};
use crate::{DocBuilder, Item};

/// Synonyms per column, in the printed order of the default layout.
const REFS: [&str; 3] = ["No.", "Ref", "Rec No."];
const TITLES: [&str; 3] = ["Governance Issue", "Area of Focus", "Theme"];
const ACTIONS: [&str; 3] = ["Agreed Action", "What we will do", "Key Action"];
const OWNERS: [&str; 3] = ["Responsible Officer", "By Whom", "Lead Officer"];
const DUES: [&str; 3] = ["Target Date", "By When", "Deadline"];
const STATUSES: [&str; 3] = ["RAG", "Status", "Progress Rating"];
const UPDATES: [&str; 3] = ["Progress", "Update", "Comments"];
const RATINGS: [&str; 6] = [
    "Green",
    "Amber",
    "Red",
    "Complete",
    "On target",
    "Not started",
];

pub(crate) fn build(doc: &mut DocBuilder, items: &[Item]) {
    let year = doc.year;
    let pick = |rng: &mut fastrand::Rng, words: &[&'static str]| words[rng.usize(..words.len())];
    let with_ref = doc.rng.u8(..4) != 0;
    let header: Vec<&str> = [
        with_ref.then(|| pick(&mut doc.rng, &REFS)),
        Some(pick(&mut doc.rng, &TITLES)),
        Some(pick(&mut doc.rng, &ACTIONS)),
        Some(pick(&mut doc.rng, &OWNERS)),
        Some(pick(&mut doc.rng, &DUES)),
        Some(pick(&mut doc.rng, &STATUSES)),
        Some(pick(&mut doc.rng, &UPDATES)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let header: Vec<String> = header.into_iter().map(str::to_owned).collect();
    doc.row(vec![format!(
        "Governance Action Plan {year}/{}",
        (year + 1) % 100
    )]);
    doc.row(vec![format!("Position as at 31 March {year}")]);
    doc.blank();
    doc.row(header.clone());
    let mut page = 1;
    for (i, item) in items.iter().enumerate() {
        let number = (i + 1).to_string();
        let due = format!(
            "{} {}",
            MONTHS[doc.rng.usize(..MONTHS.len())],
            year + doc.rng.i32(0..2)
        );
        let lead = owner(&mut doc.rng).to_owned();
        let (lead, due) = if doc.rng.u8(..12) == 0 {
            (format!("{lead} {due}"), String::new())
        } else {
            (lead, due)
        };
        let action = format!(
            "Deliver the {} improvements and report progress to the committee.",
            item.word
        );
        let update = item.update_text(progress(
            &item.word,
            year,
            doc.rng.usize(2..6),
            &mut doc.rng,
        ));
        let rating = pick(&mut doc.rng, &RATINGS).to_owned();
        doc.record(Some(item), &number);
        let mut cells = vec![item.name.clone(), action, lead, due, rating, update];
        if with_ref {
            cells.insert(0, number);
        }
        let break_here = i + 1 < items.len() && doc.rng.u8(..6) == 0;
        if break_here {
            let last = cells.len() - 1;
            let tail = format!("Next steps for the {} work are agreed.", item.word);
            doc.row(cells);
            doc.blank();
            doc.row(vec![format!("Page {page}")]);
            doc.row(vec!["OFFICIAL".into()]);
            doc.blank();
            page += 1;
            doc.row(header.clone());
            let mut continued = vec![String::new(); last];
            continued.push(tail);
            doc.row(continued);
        } else {
            doc.row(cells);
        }
    }
    doc.blank();
    doc.row(vec![format!("Page {page}")]);
}
