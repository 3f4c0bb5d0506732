//! Improvement plan trackers, laid out like seed 003.
//!
//! A status legend, then themes ("Theme 2- Corporate Oversight") each with a banner row
//! ("Static data ... Owners ... Dates"), a 14-column header naming two reporting months and
//! rows `OC.A2.0` (workstream parent) and `OC.A2.1`... Damage: banners and headers repeat at
//! page breaks, theme headings vary their dash spacing, some rows have trailing empty cells.

use crate::vocab::{owner, progress, pseudo_word, MONTHS};
use crate::{block_len, runs, DocBuilder, Item};

const LEGEND: [[&str; 3]; 9] = [
    ["Progress against Plan Status Rating", "Definition", "Leadership Team Action as a result"],
    ["On Track", "Progress against the action is good and there is i) a low level of issues; and/or ii) progress is in line with the delivery date with no/ minor slippage (e.g. less than 1 months)", "Leadership Team note progress and seek assurance that on track"],
    ["Medium progress", "Progress on the action is being made but there is i) a medium level of issues and/or ii) slippage (actual / projected) of 1-2 months", "Leadership Team watching brief and review impact on dependencies"],
    ["Significant issues / slippage", "There is a significant level of issues and/or slippage (e.g. more than 2 months)", "Leadership Team review and remedy"],
    ["Not due to start", "Work on the action is not due to start", "N/a"],
    ["Complete", "Action is complete", "N/a"],
    ["Closed", "Action is complete and there is evidence that the measures of success have been fulfilled", "Evidence to be provided"],
    ["N/A", "Update not required at this time", "N/a"],
    ["On hold", "Action placed on hold due to different approach being considered", ""],
];

const THEMES: [(&str, &str); 6] = [
    ("Organisational Culture", "OC"),
    ("Corporate Oversight", "CO"),
    ("Strategic Direction", "SD"),
    ("Decision Making", "DM"),
    ("Procurement & Commercial", "PC"),
    ("Partnerships & Relationships", "PR"),
];

const STATUSES: [&str; 6] = [
    "On Track- little or no slippage",
    "Medium Progress- actual/ projected slippage of 1-2 months",
    "Complete",
    "Not due to start",
    "New Action Added",
    "N/A",
];

const CABINET: [&str; 4] = [
    "Leader of the Council",
    "Deputy Leader",
    "Cabinet Member for Finance",
    "Ethical Standards and Member Development Committee",
];

const PHRASES: [&str; 6] = [
    "approved and launched",
    "delivered to the agreed plan",
    "reviewed and refreshed",
    "embedded in service plans",
    "scoped with costs agreed",
    "reported to members quarterly",
];

pub(crate) fn build(doc: &mut DocBuilder, items: &[Item]) {
    let year = doc.year;
    let first = doc.rng.usize(..11);
    let (m1, m2) = (MONTHS[first], MONTHS[first + 1]);
    let banner: Vec<String> = [
        "Static data",
        "",
        "",
        "Owners",
        "",
        "",
        "",
        "Dates",
        "",
        "Focus",
        "Progress against plan",
        "Evidence of status rating",
        &format!("{m2} Update Due"),
        "",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let header: Vec<String> = [
        "Workstream".to_owned(),
        "Ref".into(),
        "Action".into(),
        "Director Lead".into(),
        "Cabinet Member".into(),
        "Other Leads".into(),
        "Update Owner (if different)".into(),
        "Start date".into(),
        "Due date".into(),
        "Main Action Risk".into(),
        format!("Status ({m1} {year})"),
        format!("Update (Initial and Date)({m1} {year})"),
        format!("Status ({m2} {year})"),
        format!("Evidence of status rating ({m2} {year})"),
    ]
    .to_vec();
    for _ in 0..4 {
        doc.blank();
    }
    doc.row(vec!["# IMPROVEMENT PLAN".into()]);
    doc.blank();
    for row in LEGEND {
        doc.row(row.iter().map(|s| s.to_string()).collect());
    }
    doc.blank();
    let themes = doc.rng.usize(3..7).min(items.len().max(1));
    let per_theme = items.len().div_ceil(themes).max(1);
    for (t, theme_items) in runs(items, per_theme).into_iter().enumerate() {
        let (theme, code) = THEMES[t % THEMES.len()];
        let dash = ["-", " - ", "- ", " -"][doc.rng.usize(..4)];
        doc.row(vec![format!("Theme {}{dash}{theme}", t + 1)]);
        doc.blank();
        doc.row(banner.clone());
        doc.row(header.clone());
        let mut rows_on_page = 0;
        let mut rest = theme_items;
        let mut stream = 0u8;
        while !rest.is_empty() {
            let size = block_len(rest, doc.rng.usize(2..6));
            let (chunk, tail) = rest.split_at(size);
            rest = tail;
            let letter = char::from(b'A' + stream % 26);
            stream += 1;
            let digit = doc.rng.usize(1..6);
            let workstream = format!("{} Delivery", pseudo_word(doc.rng.u64(..)));
            // A workstream kept from one edition to the next keeps its name and refs; digit 9
            // is one the other workstreams never take.
            let pin = chunk[0].group.as_ref().and_then(|g| g.pin.as_ref());
            let (letter, digit, workstream) = match pin {
                Some(pin) => (pin.letter, 9, pin.workstream.clone()),
                None => (letter, digit, workstream),
            };
            let director = owner(&mut doc.rng).to_owned();
            let cabinet = CABINET[doc.rng.usize(..CABINET.len())].to_owned();
            for (n, item) in chunk.iter().enumerate() {
                if rows_on_page >= 12 {
                    doc.blank();
                    doc.row(banner.clone());
                    doc.row(header.clone());
                    rows_on_page = 0;
                }
                rows_on_page += 1;
                let reference = format!("{code}.{letter}{digit}.{n}");
                doc.record(Some(item), &reference);
                let action = format!("{} {}", item.name, PHRASES[doc.rng.usize(..PHRASES.len())]);
                let mut cells = if n == 0 {
                    vec![
                        workstream.clone(),
                        reference,
                        action,
                        director.clone(),
                        cabinet.clone(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        format!("Focus {}", doc.rng.usize(1..3)),
                        "N/A".into(),
                        "N/A".into(),
                        "N/A".into(),
                        "N/A".into(),
                    ]
                } else {
                    let start = doc.rng.usize(..12);
                    let due = doc.rng.usize(..12);
                    vec![
                        workstream.clone(),
                        reference,
                        action,
                        director.clone(),
                        cabinet.clone(),
                        String::new(),
                        if doc.rng.bool() {
                            owner(&mut doc.rng).to_owned()
                        } else {
                            String::new()
                        },
                        format!("{}-{:02}", &MONTHS[start][..3], (year - 1) % 100),
                        format!("{}-{:02}", &MONTHS[due][..3], (year + 1) % 100),
                        "N/A".into(),
                        STATUSES[doc.rng.usize(..STATUSES.len())].into(),
                        item.update_text(progress(
                            &item.word,
                            year,
                            doc.rng.usize(1..3),
                            &mut doc.rng,
                        )),
                        STATUSES[doc.rng.usize(..STATUSES.len())].into(),
                        progress(&item.word, year, doc.rng.usize(1..3), &mut doc.rng),
                    ]
                };
                // Rows of wider tables carry trailing empty cells.
                cells.resize(
                    cells.len() + doc.rng.usize(..3) * doc.rng.usize(..2),
                    String::new(),
                );
                doc.row(cells);
            }
        }
        doc.blank();
    }
}
