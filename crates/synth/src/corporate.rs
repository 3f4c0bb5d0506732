//! Corporate plan performance reports, laid out like seed 004.
//!
//! Sections headed by a corporate outcome line, each with a 7-column header (an empty first
//! cell, CP Ref, Deliverable, BP Ref., Key deliverables, Q3 Rating - RAG, Q3 update); CP
//! deliverables group several directorate actions, the CP ref and deliverable printed on the
//! group's first row only. Damage: CP refs printed with Cyrillic look-alike letters (`В3`,
//! `Н1`) or a digit zero for the letter O (`01`), and "No update available" updates.

use crate::vocab::{progress, pseudo_word};
use crate::{DocBuilder, Item};

const SECTIONS: [(&str, char); 7] = [
    ("The Best Start in Life for Children and Young People", 'B'),
    ("People Live Well and Age Well", 'L'),
    ("Strong Resilient Communities", 'C'),
    ("Quality Homes in Thriving Neighbourhoods", 'H'),
    ("A Strong and Inclusive Economy", 'E'),
    ("A Connected and Accessible Borough", 'A'),
    ("One Council One Team", 'O'),
];

const PREFIXES: [&str; 8] = ["CH", "PH", "BE", "ASC", "R", "ACE", "F", "LG"];

const RATINGS: [&str; 5] = [
    "On Track",
    "Medium Issue/Slippage",
    "Significant issues/risks/slippage",
    "Complete",
    "",
];

/// The character a PDF extraction prints for a CP letter: its Cyrillic twin, or a digit zero.
fn look_alike(letter: char) -> Option<char> {
    match letter {
        'B' => Some('В'),
        'H' => Some('Н'),
        'C' => Some('С'),
        'E' => Some('Е'),
        'A' => Some('А'),
        'O' => Some('0'),
        _ => None,
    }
}

pub(crate) fn build(doc: &mut DocBuilder, items: &[Item]) {
    let year = doc.year;
    let header: Vec<String> = [
        "",
        "CP Ref",
        "Deliverable",
        "BP Ref.",
        "Key deliverables (Directorate Action)",
        "Q3 Rating - RAG",
        "Q3 October - December",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let sections = doc.rng.usize(3..8).min(items.len().max(1));
    let per_section = items.len().div_ceil(sections).max(1);
    let mut bp_numbers = [0usize; PREFIXES.len()];
    for (s, section_items) in items.chunks(per_section).enumerate() {
        let (title, letter) = SECTIONS[s % SECTIONS.len()];
        doc.row(vec![title.to_owned()]);
        doc.blank();
        doc.row(header.clone());
        let mut rest = section_items;
        let mut cp = 0;
        while !rest.is_empty() {
            let size = doc.rng.usize(1..5).min(rest.len());
            let (group, tail) = rest.split_at(size);
            rest = tail;
            cp += 1;
            let printed_letter = match look_alike(letter) {
                Some(twin) if doc.rng.u8(..6) == 0 => twin,
                _ => letter,
            };
            let cp_ref = format!("{printed_letter}{cp}");
            let deliverable = format!(
                "We will work with partners to improve the {} offer for residents.",
                pseudo_word(doc.rng.u64(..))
            );
            for (k, item) in group.iter().enumerate() {
                let p = doc.rng.usize(..PREFIXES.len());
                bp_numbers[p] += 1;
                let bp = format!("{}{}", PREFIXES[p], bp_numbers[p]);
                doc.record(Some(item), &bp);
                let update = if item.update.is_none() && doc.rng.u8(..8) == 0 {
                    "No update available".to_owned()
                } else {
                    item.update_text(progress(
                        &item.word,
                        year,
                        doc.rng.usize(1..5),
                        &mut doc.rng,
                    ))
                };
                let rating = if update.starts_with("No update") {
                    String::new()
                } else {
                    RATINGS[doc.rng.usize(..RATINGS.len())].to_owned()
                };
                let (cp_cell, deliverable_cell) = if k == 0 {
                    (cp_ref.clone(), deliverable.clone())
                } else {
                    (String::new(), String::new())
                };
                doc.row(vec![
                    String::new(),
                    cp_cell,
                    deliverable_cell,
                    bp,
                    format!("Deliver the {}", item.name),
                    rating,
                    update,
                ]);
            }
        }
        doc.blank();
    }
}
