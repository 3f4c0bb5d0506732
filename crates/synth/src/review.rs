//! Governance review improvement plans, laid out like seed 001.
//!
//! Six columns (Ref, Action, Responsible Lead, Delivery Date, Measure of Success, Commentary /
//! Progress); strategic blocks `S1` with actions `S1.1` and sub-actions `S1.1.A` written as
//! `<ul>` fragments, and recommendation blocks `I4` with actions `I4.1`. Damage: page breaks
//! repeat the header and continue a row with an empty Ref; OCR reads the `I` of a ref as `1`
//! (`14.1` for `I4.1`) and adds stray dots (`S.1.1.C`); leads run together in one cell.

use crate::vocab::{owner, progress, MONTHS};
use crate::{block_len, DocBuilder, Item};

const HEADER: [&str; 6] = [
    "Ref",
    "Action",
    "Responsible Lead",
    "Delivery Date",
    "Measure of Success",
    "Commentary / Progress",
];

const VERBS: [&str; 8] = [
    "Continue with robust oversight of",
    "Establish a corporate approach to",
    "Develop and embed a plan for",
    "Implement the approved actions for",
    "Strengthen contract monitoring of",
    "Refresh the governance arrangements for",
    "Deliver the agreed outcomes of",
    "Maintain regular reporting on",
];

const MEASURES: [&str; 5] = [
    "Clear audit trail of decisions",
    "Improved performance against agreed indicators",
    "Cabinet approval of way forward",
    "Arrangements in place and reviewed annually",
    "Minimal errors reported by external audit",
];

pub(crate) fn build(doc: &mut DocBuilder, items: &[Item]) {
    let header: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
    doc.blank();
    doc.blank();
    doc.row(vec!["Appendix 2: Governance Review Improvement Plan".into()]);
    doc.blank();
    doc.row(header.clone());
    let strategic = items.len() / 2;
    let mut rest = items;
    let mut block = 0;
    let mut recommendations = 0;
    while !rest.is_empty() {
        block += 1;
        let size = block_len(rest, doc.rng.usize(3..7));
        let (chunk, tail) = rest.split_at(size);
        // A parent planted with its sub-actions is written as a recommendation and its
        // numbered actions (I4, I4.1, I4.2).
        let is_strategic = items.len() - rest.len() < strategic && chunk[0].group.is_none();
        rest = tail;
        if is_strategic {
            strategic_block(doc, block, chunk, &header);
        } else {
            recommendations += 1;
            recommendation_block(doc, recommendations, chunk, &header);
        }
    }
}

fn strategic_block(doc: &mut DocBuilder, block: usize, chunk: &[Item], header: &[String]) {
    let Some((first, actions)) = chunk.split_first() else {
        return;
    };
    let reference = format!("S{block}");
    doc.record(Some(first), &reference);
    doc.row(pad(vec![
        reference,
        format!(
            "It is imperative that senior officers and members take effective grip of the {} and prioritise corporate effort on the {} findings.",
            first.name, first.word
        ),
    ]));
    let mut number = 0;
    let mut i = 0;
    while i < actions.len() {
        number += 1;
        let item = &actions[i];
        i += 1;
        let parent = format!("S{block}.{number}");
        let text = format!(
            "{} {} the {} work",
            item.name,
            VERBS[doc.rng.usize(..VERBS.len())],
            item.word
        );
        action_row(doc, &parent, &parent, Some(item), text, header);
        // Sub-actions as list fragments: "<ul style=...> Governance processes refreshed".
        let subs = if doc.rng.u8(..3) == 0 {
            doc.rng.usize(1..3).min(actions.len() - i)
        } else {
            0
        };
        for s in 0..subs {
            let item = &actions[i];
            i += 1;
            let letter = char::from(b'A' + s as u8);
            let reference = format!("{parent}.{letter}");
            let printed = if doc.rng.u8(..8) == 0 {
                format!("S.{}", &reference[1..])
            } else {
                reference.clone()
            };
            let text = format!(
                "<ul style=\"list-style-type: none\"> {} {} ",
                VERBS[doc.rng.usize(..VERBS.len())],
                item.name
            );
            action_row(doc, &reference, &printed, Some(item), text, header);
        }
    }
}

fn recommendation_block(doc: &mut DocBuilder, number: usize, chunk: &[Item], header: &[String]) {
    let Some((first, actions)) = chunk.split_first() else {
        return;
    };
    // OCR reads the leading I as a digit one: "14" for I4, "14.1" for I4.1.
    let misread = doc.rng.u8(..8) == 0;
    let print = |r: &str| {
        if misread {
            format!("1{}", &r[1..])
        } else {
            r.to_owned()
        }
    };
    let reference = format!("I{number}");
    doc.record(Some(first), &reference);
    doc.row(pad(vec![
        print(&reference),
        format!(
            "{} The Council should ensure that the {} findings are addressed and reported to members.",
            first.name, first.word
        ),
    ]));
    for (k, item) in actions.iter().enumerate() {
        let child = format!("{reference}.{}", k + 1);
        let text = format!(
            "{} {} the {} work",
            item.name,
            VERBS[doc.rng.usize(..VERBS.len())],
            item.word
        );
        action_row(doc, &child, &print(&child), Some(item), text, header);
    }
}

fn action_row(
    doc: &mut DocBuilder,
    reference: &str,
    printed: &str,
    item: Option<&Item>,
    text: String,
    header: &[String],
) {
    doc.record(item, reference);
    let year = doc.year;
    let lead = match doc.rng.u8(..4) {
        0 => String::new(),
        1 => format!("{} {}", owner(&mut doc.rng), owner(&mut doc.rng)),
        _ => owner(&mut doc.rng).to_owned(),
    };
    let month = MONTHS[doc.rng.usize(..MONTHS.len())];
    let due = match doc.rng.u8(..5) {
        0 => "In place and Ongoing".to_owned(),
        1 => format!("End {month} {year}"),
        2 => format!("Commission exercise – {month} {year} Completion – December {year}"),
        _ => format!("{month} {year}"),
    };
    let measure = MEASURES[doc.rng.usize(..MEASURES.len())].to_owned();
    let word = item.map_or("programme", |i| i.word.as_str()).to_owned();
    let progress = match doc.rng.u8(..5) {
        0 => "Complete".to_owned(),
        1 => format!("Commenced Link to I{}", doc.rng.usize(1..6)),
        _ => progress(&word, year, doc.rng.usize(1..4), &mut doc.rng),
    };
    let mut progress = match item {
        Some(item) => item.update_text(progress),
        None => progress,
    };
    // Review plans print no as-at date; the days their notes report date them
    // ("Cabinet decision 15/12/21").
    if doc.refs.len() <= 2 || doc.rng.u8(..3) == 0 {
        progress.push_str(&format!(
            " Cabinet decision {}/{:02}/{:02}.",
            doc.rng.u8(1..29),
            doc.rng.u8(1..13),
            year % 100
        ));
    }
    if doc.rng.u8(..6) == 0 {
        // Page break: the row continues after a repeated header with an empty Ref.
        let cut = text.rfind(' ').unwrap_or(0);
        let (head, tail) = text.split_at(cut);
        doc.row(vec![
            printed.to_owned(),
            head.to_owned(),
            lead,
            due,
            measure,
            String::new(),
        ]);
        doc.blank();
        doc.row(header.to_vec());
        doc.row(pad(vec![
            String::new(),
            tail.trim().to_owned(),
            String::new(),
            String::new(),
            String::new(),
            progress,
        ]));
    } else {
        doc.row(vec![printed.to_owned(), text, lead, due, measure, progress]);
    }
}

/// The row with empty cells up to the six columns, as the extraction prints them.
fn pad(mut cells: Vec<String>) -> Vec<String> {
    cells.resize(HEADER.len(), String::new());
    cells
}
