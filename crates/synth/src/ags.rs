//! Annual governance statement action plan updates, laid out like seeds 000 and 002.
//!
//! Four columns (Issue, Key improvement area, Actions to be taken, Update on implementation
//! as at a date); the area opens with a `<b>` or plain title-case title; owners and target
//! date close the actions cell. Damage: a page break splits an issue into a continuation row
//! after a `[IL0: UNCLASSIFIED]` footer and a repeated (sometimes truncated) header, and
//! rotated sidebar text sometimes replaces the issue number.

use crate::vocab::{finding, owner, progress, related_word, MONTHS};
use crate::{DocBuilder, Item};

const HEADER: [&str; 3] = [
    "Issue",
    "Key improvement area",
    "Actions to be taken (responsibility and date of implementation)",
];

/// Parts of an action sentence, combined at random ("To agree a risk register for the
/// Drounaveth estate and brief members."), so that background actions rarely share one.
const ACTION_VERBS: [&str; 6] = [
    "To establish",
    "To agree",
    "To deliver",
    "To publish",
    "To commission",
    "To complete",
];
const ACTION_OBJECTS: [&str; 8] = [
    "a recovery plan",
    "a refreshed policy",
    "a training programme",
    "a performance dashboard",
    "a contract review",
    "a risk register",
    "a business case",
    "a staffing review",
];
const ACTION_SCOPES: [&str; 6] = [
    "service",
    "function",
    "project",
    "partnership",
    "estate",
    "programme",
];
const ACTION_FOLLOW_UPS: [&str; 6] = [
    "report progress to Cabinet",
    "monitor it monthly",
    "consult staff",
    "check compliance quarterly",
    "brief members",
    "track milestones",
];

fn action_sentence(word: &str, rng: &mut fastrand::Rng) -> String {
    format!(
        "{} {} for the {word} {} and {}. The {} team will lead it.",
        ACTION_VERBS[rng.usize(..ACTION_VERBS.len())],
        ACTION_OBJECTS[rng.usize(..ACTION_OBJECTS.len())],
        ACTION_SCOPES[rng.usize(..ACTION_SCOPES.len())],
        ACTION_FOLLOW_UPS[rng.usize(..ACTION_FOLLOW_UPS.len())],
        related_word(word, 3)
    )
}

/// Rotated sidebar text the extraction prints over the issue number.
const SIDEBAR: [&str; 3] = ["P of TI au W G S ar co", "N co re ac", "G S ar co N"];

pub(crate) fn build(doc: &mut DocBuilder, items: &[Item]) {
    let year = doc.year;
    let update_header = format!(
        "Update on implementation of actions as at {}",
        if doc.rng.bool() {
            format!("30 November {year}")
        } else {
            format!("31 January {year}")
        }
    );
    let header: Vec<String> = HEADER
        .iter()
        .map(|s| s.to_string())
        .chain([update_header.clone()])
        .collect();
    if doc.rng.bool() {
        doc.row(vec![format!(
            "## Governance Statement Action Plan Update – {}/{}",
            year - 2,
            (year - 1) % 100
        )]);
        doc.blank();
        doc.row(vec!["Appendix A".into()]);
        doc.blank();
    }
    doc.row(header.clone());
    for (i, item) in items.iter().enumerate() {
        let number = (i + 1).to_string();
        let title = &item.name;
        let area = if item.planted || doc.rng.bool() {
            format!("<b>{title}</b> {}", finding(&item.word, &mut doc.rng))
        } else {
            format!("{title} {}", finding(&item.word, &mut doc.rng))
        };
        let step = action_sentence(&item.word, &mut doc.rng);
        let due = format!(
            "{} {}",
            MONTHS[doc.rng.usize(..MONTHS.len())],
            year + doc.rng.i32(0..2)
        );
        let actions = format!("{step} {} {due}", owner(&mut doc.rng));
        let sentences = doc.rng.usize(4..12);
        let mut update = item.update_text(progress(&item.word, year, sentences, &mut doc.rng));
        if doc.rng.u8(..4) == 0 {
            update = format!("<ul><li>{update}</li><li>Further work is planned.</li></ul>");
        }
        let issue_cell = if i > 0 && doc.rng.u8(..20) == 0 {
            SIDEBAR[doc.rng.usize(..SIDEBAR.len())].to_owned()
        } else {
            number.clone()
        };
        doc.record(Some(item), &number);
        if i + 1 < items.len() && doc.rng.u8(..3) == 0 {
            // Page break inside the issue: "... dealt with separately by the" / footer /
            // header / "\t\tStandards Committee. Chief Executive March 2018\tto be addressed."
            let (actions_head, actions_tail) = split_words(&actions, &mut doc.rng);
            let (update_head, update_tail) = split_words(&update, &mut doc.rng);
            doc.row(vec![issue_cell, area, actions_head, update_head]);
            doc.blank();
            if doc.rng.bool() {
                doc.row(vec!["[IL0: UNCLASSIFIED]".into()]);
                doc.blank();
            }
            if doc.rng.u8(..4) == 0 {
                doc.row(vec![
                    String::new(),
                    String::new(),
                    HEADER[2].into(),
                    update_header.clone(),
                ]);
            } else {
                doc.row(header.clone());
            }
            doc.row(vec![
                String::new(),
                String::new(),
                actions_tail,
                update_tail,
            ]);
        } else {
            doc.row(vec![issue_cell, area, actions, update]);
        }
    }
    if doc.rng.bool() {
        doc.blank();
        doc.row(vec!["[IL0: UNCLASSIFIED]".into()]);
    }
}

/// Splits text at a word boundary somewhere in its middle, both halves non-empty.
fn split_words(text: &str, rng: &mut fastrand::Rng) -> (String, String) {
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    if spaces.len() < 2 {
        return (text.to_owned(), "continues.".to_owned());
    }
    let cut = spaces[rng.usize(spaces.len() / 4..spaces.len() * 3 / 4)];
    (text[..cut].to_owned(), text[cut + 1..].to_owned())
}
