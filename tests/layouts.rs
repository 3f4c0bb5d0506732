//! Layouts written here, not read anywhere: one plan printed with its columns in any order,
//! each header in any of the synonyms councils use, with or without a ref column, headers
//! split over two rows, as a text dump or a CSV — every printing converts to the same actions.

use govtrail_convert::{convert, ConvertOptions};
use govtrail_model::DocumentOutput;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

/// The columns of the plan, with the header synonyms each may be printed under.
const COLUMNS: [(&str, &[&str]); 7] = [
    ("ref", &["No.", "Ref", "Rec No.", "ID", "Code"]),
    (
        "title",
        &[
            "Governance Issue",
            "Area of Focus",
            "Theme",
            "Key improvement area",
            "Topic",
        ],
    ),
    (
        "text",
        &[
            "Action",
            "Agreed Action",
            "Management Response",
            "Key Action",
            "What we will do",
            "Specific Tasks",
        ],
    ),
    (
        "owner",
        &[
            "Responsible Officer",
            "Lead Officer",
            "By Whom",
            "Action Owner",
            "Lead",
            "Accountable",
            "Who",
        ],
    ),
    (
        "due",
        &[
            "Target Date",
            "By When",
            "Deadline",
            "Timescale",
            "Completion Date",
            "Revised Date",
        ],
    ),
    (
        "status",
        &["RAG", "Status", "Progress Rating", "RAG Status"],
    ),
    (
        "update",
        &[
            "Progress",
            "Update",
            "Comments",
            "Latest Position",
            "Progress Update",
            "Commentary",
        ],
    ),
];

/// The plan's rows, one cell per column of [`COLUMNS`].
const ROWS: [[&str; 7]; 5] = [
    [
        "1",
        "Cyber Security",
        "Implement multi-factor authentication for remote access.",
        "Head of Digital Services",
        "March 2024",
        "Amber",
        "Live for most accounts; shared devices are being replaced.",
    ],
    [
        "2",
        "Procurement",
        "Tighten the contract procedure rules on waivers.",
        "Head of Finance",
        "September 2023",
        "Green",
        "Revised rules adopted by Council in September.",
    ],
    [
        "3",
        "Workforce",
        "Deliver the recruitment plan for hard to fill posts.",
        "Head of HR",
        "June 2024",
        "Red",
        "Two of the five vacant posts have been filled.",
    ],
    [
        "4",
        "Complaints",
        "Review the stage two complaint process.",
        "Customer Services Manager",
        "January 2024",
        "Complete",
        "Policy revised to a two stage process.",
    ],
    [
        "5",
        "Risk Appetite",
        "Agree a corporate risk appetite statement.",
        "Chief Executive",
        "Ongoing",
        "Not started",
        "A workshop is booked for July.",
    ],
];

/// How one printing lays the plan out.
#[derive(Clone, Debug)]
struct Printing {
    /// Column order: indices into [`COLUMNS`].
    order: Vec<usize>,
    /// Which synonym each column's header uses (modulo its synonyms).
    synonyms: Vec<usize>,
    /// Print the ref column.
    with_ref: bool,
    /// Print the first header word of this column on a row of its own above the rest.
    split: Option<usize>,
    /// As CSV rather than a tab-separated dump.
    csv: bool,
}

fn printing() -> impl Strategy<Value = Printing> {
    (
        Just((0..COLUMNS.len()).collect::<Vec<_>>()).prop_shuffle(),
        proptest::collection::vec(0usize..8, COLUMNS.len()),
        any::<bool>(),
        proptest::option::of(0usize..COLUMNS.len()),
        any::<bool>(),
    )
        .prop_map(|(order, synonyms, with_ref, split, csv)| Printing {
            order,
            synonyms,
            with_ref,
            split,
            csv,
        })
}

fn cell(text: &str, csv: bool) -> String {
    if csv && (text.contains(',') || text.contains('"')) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn render(p: &Printing) -> String {
    let columns: Vec<usize> = p
        .order
        .iter()
        .copied()
        .filter(|&c| p.with_ref || COLUMNS[c].0 != "ref")
        .collect();
    let sep = if p.csv { "," } else { "\t" };
    let header = |c: usize| {
        let synonyms = COLUMNS[c].1;
        synonyms[p.synonyms[c] % synonyms.len()]
    };
    let line = |cells: Vec<String>| cells.join(sep);
    let mut lines = vec![
        "Governance Action Plan".to_owned(),
        "Position as at 30 November 2023".to_owned(),
        String::new(),
    ];
    // A header split over two rows: the split column's first word above, the rest below.
    let split = p
        .split
        .filter(|c| columns.contains(c) && header(*c).contains(' '));
    let top: Vec<String> = columns
        .iter()
        .map(|&c| match (split == Some(c), header(c).split_once(' ')) {
            (true, Some((first, _))) => first.to_owned(),
            _ => header(c).to_owned(),
        })
        .map(|h| cell(&h, p.csv))
        .collect();
    lines.push(line(top));
    if let Some(c) = split {
        let second: Vec<String> = columns
            .iter()
            .map(|&k| {
                if k == c {
                    header(c)
                        .split_once(' ')
                        .map_or("", |(_, rest)| rest)
                        .to_owned()
                } else {
                    String::new()
                }
            })
            .collect();
        lines.push(line(second));
    }
    for row in ROWS {
        lines.push(line(columns.iter().map(|&c| cell(row[c], p.csv)).collect()));
    }
    lines.join("\n") + "\n"
}

/// The actions as comparable tuples: ref, title, text, owners, due, status, update.
fn actions(doc: &DocumentOutput) -> Vec<[String; 7]> {
    doc.actions
        .iter()
        .map(|a| {
            [
                a.reference.clone().unwrap_or_default(),
                a.title.clone().unwrap_or_default(),
                a.text.clone(),
                a.owners.join("; "),
                a.due.as_ref().map(|d| d.raw.clone()).unwrap_or_default(),
                a.status.last().map(|s| s.raw.clone()).unwrap_or_default(),
                a.updates.last().map(|u| u.text.clone()).unwrap_or_default(),
            ]
        })
        .collect()
}

fn expected() -> Vec<[String; 7]> {
    ROWS.iter().map(|r| r.map(str::to_owned)).collect()
}

fn convert_printing(p: &Printing) -> DocumentOutput {
    let name = if p.csv { "plan.csv" } else { "plan.txt" };
    let text = render(p);
    let mut docs = convert(name, text.as_bytes(), &ConvertOptions::default())
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    docs.remove(0)
}

#[test]
fn the_plain_printing_reads_as_the_plan() {
    let plain = Printing {
        order: (0..COLUMNS.len()).collect(),
        synonyms: vec![0; COLUMNS.len()],
        with_ref: true,
        split: None,
        csv: false,
    };
    let doc = convert_printing(&plain);
    assert_eq!(doc.document.family.as_str(), "action-plan");
    assert_eq!(actions(&doc), expected());
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        rng_seed: RngSeed::Fixed(15),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_printing_reads_as_the_same_plan(p in printing()) {
        let doc = convert_printing(&p);
        prop_assert_eq!(actions(&doc), expected(), "{}", render(&p));
        prop_assert!(doc.unparsed.is_empty(), "{:?}", doc.unparsed);
    }
}
