//! A corporate plan whose merged CP Ref / Deliverable cells are printed at the top of their
//! group (ref and the deliverable's first line on the group's first row, the group's last rows
//! empty in both columns): every action keeps its own group's ref and deliverable, rather than
//! the last rows taking the next group's.

use govtrail_parse::{FamilyParser, ParseOptions};

const HEADER: &str = "\tCP Ref\tDeliverable\tBP Ref.\tKey deliverables (Directorate Action)\tQ3 Rating - RAG\tQ3 October - December";

/// One action row: CP ref and deliverable fragment (either may be empty), BP ref, key
/// deliverable, rating, update.
fn row(cp: &str, fragment: &str, bp: &str, key: &str) -> String {
    format!("\t{cp}\t{fragment}\t{bp}\t{key}\tOn Track\tWork began in the quarter.")
}

#[test]
fn the_last_rows_of_a_top_aligned_group_keep_its_ref_and_deliverable() {
    let lines = [
        "A Thriving Local Economy".to_owned(),
        HEADER.to_owned(),
        row(
            "E1",
            "We will help local firms to grow by opening a",
            "ED1",
            "Open the advice hub",
        ),
        row(
            "",
            "business advice service in every town centre and",
            "ED2",
            "Train the advisers",
        ),
        row(
            "",
            "by running regular supplier events.",
            "ED3",
            "Hold supplier fairs",
        ),
        row("", "", "ED4", "Publish a directory"),
        row(
            "E2",
            "We will bring empty shops back into use.",
            "ED5",
            "Launch shop grants",
        ),
        row("", "", "ED6", "Survey vacant units"),
        row(
            "E3",
            "We will improve adult skills with colleges.",
            "ED7",
            "Fund evening courses",
        ),
        row("", "", "ED8", "Track course places"),
        row("", "", "ED9", "Report on outcomes"),
    ];
    let table = govtrail_table::read_text_dump(&lines.join("\n"));
    let doc = govtrail_corporate::CorporatePlanParser.parse(&table, &ParseOptions::default());
    let first = "We will help local firms to grow by opening a business advice service in every town centre and by running regular supplier events.";
    let shops = "We will bring empty shops back into use.";
    let skills = "We will improve adult skills with colleges.";
    let expected = [
        ("ED1", "E1", first),
        ("ED2", "E1", first),
        ("ED3", "E1", first),
        ("ED4", "E1", first),
        ("ED5", "E2", shops),
        ("ED6", "E2", shops),
        ("ED7", "E3", skills),
        ("ED8", "E3", skills),
        ("ED9", "E3", skills),
    ];
    let read: Vec<(Option<&str>, Option<&str>, Option<&str>)> = doc
        .actions
        .iter()
        .map(|a| {
            (
                a.reference.as_deref(),
                a.context.cp_ref.as_deref(),
                a.context.deliverable.as_deref(),
            )
        })
        .collect();
    let expected: Vec<(Option<&str>, Option<&str>, Option<&str>)> = expected
        .iter()
        .map(|&(bp, cp, text)| (Some(bp), Some(cp), Some(text)))
        .collect();
    assert_eq!(read, expected);
}
