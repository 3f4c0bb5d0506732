use super::*;
use chrono::NaiveDate;
use govtrail_model::{Action, Level, StructureRole};

const HEAD: &str =
    "Ref\tAction\tResponsible Lead\tDelivery Date\tMeasure of Success\tCommentary / Progress";

fn parse_with(body: &str, options: &ParseOptions) -> DocumentOutput {
    let text = format!("Appendix 2: Governance Review Improvement Plan\n\n{HEAD}\n{body}");
    ReviewPlanParser.parse(&govtrail_table::read_text_dump(&text), options)
}

fn parse(body: &str) -> DocumentOutput {
    parse_with(body, &ParseOptions::default())
}

/// The action printed at `line` (the title is line 1, the header line 3).
fn at(doc: &DocumentOutput, line: usize) -> &Action {
    doc.actions
        .iter()
        .find(|a| a.source.line == line)
        .unwrap_or_else(|| panic!("no action at line {line}"))
}

fn every_line_accounted(doc: &DocumentOutput, body: &str) {
    let text = format!("Appendix 2: Governance Review Improvement Plan\n\n{HEAD}\n{body}");
    let accounted = doc.accounted_lines();
    for row in govtrail_table::read_text_dump(&text).rows {
        assert!(
            accounted.contains(&row.line),
            "line {} unaccounted",
            row.line
        );
    }
}

#[test]
fn page_break_continuation_rows_merge_cell_by_cell() {
    let body = format!(
        "S1\tIt is imperative that senior officers act.\t\t\t\t\n\
         S1.5\tLion Farm\t\t\t\tLink to I25, I26\n\n\
         {HEAD}\n\
         \tAction plan to agree way forward\tDirector - Regeneration & Growth\t\tAction plan in place\t\n\
         S1.6\tDevelop and publish Regeneration Pipeline\tChief Executive Leader\tMarch 2022\tPipeline published, and\tCommenced\n\n\
         {HEAD}\n\
         \t\tCabinet Members & Leadership Team\t\timplementation of Phase 2.\t\n"
    );
    let doc = parse(&body);
    assert_eq!(doc.actions.len(), 3);
    let lion = at(&doc, 5);
    assert_eq!(lion.title.as_deref(), Some("Lion Farm"));
    assert_eq!(lion.text, "Action plan to agree way forward");
    assert_eq!(lion.owners, vec!["Director - Regeneration & Growth"]);
    assert_eq!(lion.links, vec!["I25", "I26"]);
    assert_eq!(lion.source.lines, vec![5, 8]);
    let pipeline = at(&doc, 9);
    assert_eq!(pipeline.title, None);
    assert_eq!(
        pipeline.owners,
        vec![
            "Chief Executive",
            "Leader",
            "Cabinet Members & Leadership Team"
        ]
    );
    assert_eq!(
        pipeline.measure.as_deref(),
        Some("Pipeline published, and implementation of Phase 2.")
    );
    let roles: Vec<StructureRole> = doc.structure.iter().map(|s| s.role).collect();
    assert_eq!(
        roles,
        vec![
            StructureRole::Title,
            StructureRole::Header,
            StructureRole::Header,
            StructureRole::Header
        ]
    );
    assert_eq!(
        doc.document.title.as_deref(),
        Some("Appendix 2: Governance Review Improvement Plan")
    );
    every_line_accounted(&doc, &body);
}

#[test]
fn cross_references_cite_the_action_without_touching_it() {
    let body = "S3\tSenior leadership must work together.\t\t\t\t\n\
                S3.2\tDevelop and implement Member Development Programme\tHead of Leader's Office\tApril 2022\tMDP in place\tCommenced\n\
                I31\tComplaints The Council's senior leadership must act.\t\t\t\t\n\
                S3.2\t<i>Member Development Programme</i>\t\t\t\t\n\
                I32\tStandards Committee Member training must play a key role\t\t\t\t\n\
                S3.2\t<p><i>Member Development Programme:</i></p> <ul style=\"list-style-type: none\"> • <i>Induction programme</i> \t\t\t\t\n";
    let doc = parse(body);
    assert_eq!(doc.actions.len(), 6);
    let defined = at(&doc, 5);
    assert_eq!(defined.kind, ActionKind::Action);
    assert_eq!(
        defined.text,
        "Develop and implement Member Development Programme"
    );
    assert_eq!(defined.cited_by, vec!["I31", "I32"]);
    for (line, parent) in [(7, "I31"), (9, "I32")] {
        let cross = at(&doc, line);
        assert_eq!(cross.kind, ActionKind::CrossReference);
        assert_eq!(cross.reference.as_deref(), Some("S3.2"));
        assert_eq!(cross.parent.as_deref(), Some(parent));
    }
    assert_eq!(
        at(&doc, 9).text,
        "Member Development Programme: Induction programme"
    );
    assert_eq!(at(&doc, 6).title.as_deref(), Some("Complaints"));
    assert_eq!(at(&doc, 8).title.as_deref(), Some("Standards Committee"));
}

#[test]
fn a_repeated_ref_out_of_place_is_a_cross_reference_without_italics() {
    // A CSV export loses the italics; the ref's block was left long ago.
    let body = "S1\tThe Council must act.\t\t\t\t\n\
                S1.2\tEstablish a board\tDirector - Finance\tMay 2022\t\t\n\
                I4\tWaste Service The Council should prioritise.\t\t\t\t\n\
                S1.2\tEstablish a board\t\t\t\t\n\
                S1.9\tReview the protocol\t\t\t\t\n";
    let doc = parse(body);
    assert_eq!(at(&doc, 7).kind, ActionKind::CrossReference);
    assert_eq!(at(&doc, 7).parent.as_deref(), Some("I4"));
    // S1.9 was never defined, but its recommendation's block is closed: still a listing.
    assert_eq!(at(&doc, 8).kind, ActionKind::CrossReference);
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.line == Some(8) && d.message.contains("names no action")));
    assert_eq!(at(&doc, 5).cited_by, vec!["I4"]);
}

/// An action's ref, raw ref, kind and parent.
type RefKindParent<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    ActionKind,
    Option<&'a str>,
);

#[test]
fn leading_i_read_as_one_is_repaired_where_the_i_series_fits() {
    let body = "I3\tOfficer and Member Relationships The Council should agree KPIs.\t\t\t\t\n\
                I1.1\tContinue to adopt Star Chamber approach\tDirector - Finance\tSummer 2022\t\t\n\
                14\tOfficer and Member Relationships The forward plan should be shared.\t\t\t\t\n\
                14.1\tImplement sharing of the Cabinet Forward Plan\tDirector - Law & Governance\tImmediate\t\t\n\
                11.1\t<i>Continue to adopt \"Star Chamber\" approach</i>\t\t\t\t\n\
                137\tFinancial Reporting Management should ensure the team has skills.\t\t\t\t\n";
    let doc = parse(body);
    let refs: Vec<RefKindParent> = doc
        .actions
        .iter()
        .map(|a| {
            (
                a.reference.as_deref(),
                a.raw_ref.as_deref(),
                a.kind,
                a.parent.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        refs,
        vec![
            (Some("I3"), None, ActionKind::Recommendation, None),
            (Some("I1.1"), None, ActionKind::Action, Some("I1")),
            (Some("I4"), Some("14"), ActionKind::Recommendation, None),
            (Some("I4.1"), Some("14.1"), ActionKind::Action, Some("I4")),
            (
                Some("I1.1"),
                Some("11.1"),
                ActionKind::CrossReference,
                Some("I4")
            ),
            (Some("I37"), Some("137"), ActionKind::Recommendation, None),
        ]
    );
    let repairs = doc
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Info && d.message.contains("read as the series letter"))
        .count();
    assert_eq!(repairs, 4);
    let inferred: Vec<&str> = doc
        .actions
        .iter()
        .filter(|a| a.flags.contains(&Flag::RefInferred))
        .filter_map(|a| a.raw_ref.as_deref())
        .collect();
    assert_eq!(inferred, vec!["14", "14.1", "11.1", "137"]);
    assert_eq!(at(&doc, 9).title.as_deref(), Some("Financial Reporting"));
}

#[test]
fn plain_numbers_stay_plain_outside_the_i_series() {
    // Numbered plans ("1", "1.1") have no series letter to restore.
    let doc = parse("1\tThe Council should review its plan.\t\t\t\t\n1.1\tReview the plan\tDirector - Finance\tMarch 2022\t\t\n12\tThe Council should agree.\t\t\t\t\n");
    let refs: Vec<&str> = doc
        .actions
        .iter()
        .filter_map(|a| a.reference.as_deref())
        .collect();
    assert_eq!(refs, vec!["1", "1.1", "12"]);
    assert!(doc.actions.iter().all(|a| a.raw_ref.is_none()));
    // In the S series a bare number fits no repair: kept as printed, with a warning.
    let doc = parse("S1\tThe Council must act.\t\t\t\t\n14\tThe Council should agree.\t\t\t\t\n");
    assert_eq!(at(&doc, 5).reference.as_deref(), Some("14"));
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.level == Level::Warning && d.line == Some(5)));
}

#[test]
fn ranges_stay_ranges_and_expand_into_links() {
    let body = "S1\tThe Council must act.\t\t\t\t\n\
                S1.5.A\tBrief Cabinet on options\t\tDecember 2021\t\tCompleted\n\
                S1.5.B\tPresent the proposal\t\tDecember 2021\t\tCompleted\n\
                I25\tLion Farm The Council must agree a way forward.\t\t\t\t\n\
                S1.5A-B\t<i>Action plan to agree way forward and resolve matter</i>\t\t\t\t\n";
    let doc = parse(body);
    let range = at(&doc, 8);
    assert_eq!(range.reference.as_deref(), Some("S1.5.A-B"));
    assert_eq!(range.raw_ref.as_deref(), Some("S1.5A-B"));
    assert_eq!(range.kind, ActionKind::CrossReference);
    assert_eq!(range.links, vec!["S1.5.A", "S1.5.B"]);
    assert_eq!(at(&doc, 5).cited_by, vec!["I25"]);
    assert_eq!(at(&doc, 6).cited_by, vec!["I25"]);
    assert_eq!(at(&doc, 7).title.as_deref(), Some("Lion Farm"));
}

#[test]
fn sibling_rows_share_their_topic_heading() {
    let body = "S1\tThe Council must act.\t\t\t\t\n\
                S1.3.A\tWaste Contract Refocused and strengthened contract management meetings\tDirector - Borough Economy\tIn place\t\t\n\
                S1.3.E\tWaste Contract Resolution of Industrial Relations issues\t\tDecember 2021\t\tResolved\n\
                S1.4\tERP System Implement Cabinet approved action plan\tDirector - Finance Director - Business Strategy & Change\t\t\tCabinet decision 15/12/21\n\
                S1.4.A\tTerminate implementation partner contract\t\tIn progress\t\t\n";
    let doc = parse(body);
    let title_text = |line| {
        let a = at(&doc, line);
        (a.title.as_deref(), a.text.split(' ').next().unwrap_or(""))
    };
    assert_eq!(title_text(5), (Some("Waste Contract"), "Refocused"));
    assert_eq!(title_text(6), (Some("Waste Contract"), "Resolution"));
    assert_eq!(title_text(7), (Some("ERP System"), "Implement"));
    assert_eq!(title_text(8), (None, "Terminate"));
    assert_eq!(
        at(&doc, 7).owners,
        vec![
            "Director - Finance",
            "Director - Business Strategy & Change"
        ]
    );
}

#[test]
fn due_dates_keep_their_printed_text() {
    // Delivery Date cells as the seed prints them: raw kept, date the last day they allow.
    let cases: [(&str, Option<&str>); 14] = [
        ("End December 2021", Some("2021-12-31")),
        ("Completed December 2021", Some("2021-12-31")),
        ("12 January 2022", Some("2022-01-12")),
        ("1 April 2023", Some("2023-04-01")),
        ("March-May 2022", Some("2022-05-31")),
        ("Summer 2022", Some("2022-08-31")),
        (
            "Commission exercise – March 2022 Completion – July 2022",
            Some("2022-07-31"),
        ),
        // printed as is, implausible year included: the latest date named wins
        (
            "PM methodology agreed - December 2022 Implementation of training - February 2022",
            Some("2022-12-31"),
        ),
        (
            "February 2022 to review Refresh – timescale TBD",
            Some("2022-02-28"),
        ),
        (
            "By the proposed revised date of end January 2022",
            Some("2022-01-31"),
        ),
        (
            "Delivery of actions to be undertaken during the period from March to August 2022",
            Some("2022-08-31"),
        ),
        // no year, no date
        ("End December", None),
        (
            "In place – Measure quarterly through reporting framework to ensure embedded",
            None,
        ),
        ("Informal Cabinet every Wednesday", None),
    ];
    let mut body = String::from("S1\tThe Council must act.\t\t\t\t\n");
    for (i, (raw, _)) in cases.iter().enumerate() {
        body.push_str(&format!("S1.{}\tAgree the plan\t\t{raw}\t\t\n", i + 1));
    }
    let doc = parse(&body);
    for (i, (raw, date)) in cases.iter().enumerate() {
        let due = at(&doc, 5 + i).due.clone().expect("due");
        assert_eq!(due.raw, *raw);
        assert_eq!(
            due.date.map(|d| d.to_string()).as_deref(),
            *date,
            "raw: {raw}"
        );
    }
    assert_eq!(at(&doc, 4).due, None, "an empty cell is no due date");
}

#[test]
fn links_come_only_from_link_to_phrases() {
    let body = "K6\tThe Council should agree a framework.\t\t\t\t\n\
                K6.1\tDevelop a framework\tChief Executive\tMarch 2022\tClear lines of accountability,\tInitial discussions Link to I3, I6, I8, I22 I36\n\
                K6.4\tEnsure consultation results are used\tLeadership Team\tMarch 2022\t\tI8\n\
                S3.5\tEngage LGA to support officers. (Linked to values/behaviours/codes review)\t\tFebruary 2022\t\t\n\
                S2.1.A\tProcurement Rules\tDirector - Finance\tApril 2022\t\t<p>Commenced</p> <p>Link to I18</p>\n";
    let doc = parse(body);
    assert_eq!(at(&doc, 5).links, vec!["I3", "I6", "I8", "I22", "I36"]);
    assert!(at(&doc, 6).links.is_empty());
    assert!(at(&doc, 7).links.is_empty());
    assert_eq!(at(&doc, 8).links, vec!["I18"]);
    assert_eq!(
        at(&doc, 8).updates[0].text,
        "Commenced. Link to I18",
        "the progress text keeps its link phrase"
    );
}

#[test]
fn as_at_comes_from_the_latest_reported_day_unless_the_user_sets_it() {
    let body = "S1\tThe Council must act.\t\t\t\t\n\
                S1.1\tBrief Cabinet\t\tMarch 2022\t\tCabinet decision 15/12/21\n\
                S1.2\tReview the plan\t\tFebruary 2022\t\tThe plan was received on 4 th January 2022. Date of next Board is 27 th Jan 2022\n";
    let doc = parse(body);
    assert_eq!(doc.document.as_at, NaiveDate::from_ymd_opt(2022, 1, 4));
    assert_eq!(doc.document.year, Some(2022));
    assert_eq!(doc.document.periods, vec!["2022-01"]);
    assert_eq!(at(&doc, 5).updates[0].period.as_deref(), Some("2022-01"));

    let options = ParseOptions {
        as_at: NaiveDate::from_ymd_opt(2022, 3, 31),
        ..ParseOptions::default()
    };
    let doc = parse_with(body, &options);
    assert_eq!(doc.document.as_at, options.as_at);
    assert_eq!(at(&doc, 5).updates[0].period.as_deref(), Some("2022-03"));
}

#[test]
fn rows_without_a_readable_ref_are_kept() {
    let body = "S1\tThe Council must act.\t\t\t\t\n\
                \t\tDirector - Finance\t\t\t\n\
                Statutory Recommendations\t\t\t\t\t\n\
                ??\tAgree the protocol\tDirector - Finance\tMay 2022\t\t\n\
                [IL0: UNCLASSIFIED]\n";
    let doc = parse(body);
    assert_eq!(doc.actions.len(), 2);
    // a lone lead without a header before it still continues the record
    assert_eq!(at(&doc, 4).owners, vec!["Director - Finance"]);
    let orphan = at(&doc, 7);
    assert_eq!(orphan.reference, None);
    assert_eq!(orphan.raw_ref.as_deref(), Some("??"));
    assert_eq!(orphan.parent.as_deref(), Some("S1"));
    assert!(doc
        .structure
        .iter()
        .any(|s| s.line == 6 && s.role == StructureRole::Section));
    assert!(doc
        .structure
        .iter()
        .any(|s| s.line == 8 && s.role == StructureRole::Footer));
    every_line_accounted(&doc, body);
}

#[test]
fn a_misprinted_cross_reference_is_matched_by_its_text() {
    let body = "S2\tThe Council must learn.\t\t\t\t\n\
                S2.1.F\tReview the Sale of Land and Buildings Protocol in the Council's Constitution and enhance content\tDirector - Regeneration & Growth\tAugust 2022\t\tLink to I27\n\
                S2.1.G\tDesign and deliver Corporate Governance training for officers\tDirector - Finance\tJuly 2022\t\t\n\
                I27\tLion Farm The Council should review its procurement regulations.\t\t\t\t\n\
                S1.2.F\t<i>Review the Sale of Land and Buildings Protocol in the Council's Constitution</i>\t\t\t\t\n";
    let doc = parse(body);
    let cross = at(&doc, 8);
    assert_eq!(
        cross.reference.as_deref(),
        Some("S1.2.F"),
        "the printed ref is kept"
    );
    assert_eq!(cross.links, vec!["S2.1.F"]);
    assert_eq!(at(&doc, 5).cited_by, vec!["I27"]);
    assert!(at(&doc, 6).cited_by.is_empty());
}

#[test]
fn a_status_column_is_read_where_a_header_names_it() {
    let text = "Ref\tAction\tResponsible Lead\tDelivery Date\tMeasure of Success\tProgress as at 31 March 2022\tRAG Status\n\
                S1\tThe Council must act.\t\t\t\t\t\n\
                S1.1\tBrief Cabinet\tDirector - Finance\tMarch 2022\t\tDone\tAmber - some slippage\n";
    let doc = ReviewPlanParser.parse(
        &govtrail_table::read_text_dump(text),
        &ParseOptions::default(),
    );
    assert_eq!(doc.document.as_at, NaiveDate::from_ymd_opt(2022, 3, 31));
    let status = &at(&doc, 3).status;
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].raw, "Amber - some slippage");
    assert_eq!(status[0].rag, Some(govtrail_model::Rag::Amber));
    assert_eq!(status[0].period.as_deref(), Some("2022-03"));
    assert!(at(&doc, 3).fragments.is_empty());
    assert_eq!(
        ReviewPlanParser.score(&govtrail_table::read_text_dump(text)),
        1.0
    );
}

#[test]
fn a_ref_cell_that_swallowed_the_action_start_is_split() {
    let doc = parse("S1\tThe Council must act.\t\t\t\t\n\
                     S1.1 Sandwell Leisure Trust\tGovernance arrangements in place\tDirector - Finance\t\t\t\n");
    let action = at(&doc, 5);
    assert_eq!(action.reference.as_deref(), Some("S1.1"));
    assert_eq!(action.raw_ref, None);
    assert_eq!(action.title.as_deref(), Some("Sandwell Leisure Trust"));
    assert_eq!(action.text, "Governance arrangements in place");
}

#[test]
fn a_short_cell_continued_in_lower_case_is_no_heading() {
    let doc = parse(&format!(
        "S2\tThe Council must learn.\t\t\t\t\nS2.1.B\tFinancial Regulations\tDirector - Finance\tApril 2022\t\t\n\n{HEAD}\n\t(including contract procedure rules)\t\t\t\t\n"
    ));
    let action = at(&doc, 5);
    assert_eq!(action.title, None);
    assert_eq!(
        action.text,
        "Financial Regulations (including contract procedure rules)"
    );
}

#[test]
fn family_score_tells_review_plans_from_trackers_and_ags_updates() {
    let score = |header: &str| {
        ReviewPlanParser.score(&govtrail_table::read_text_dump(&format!("{header}\n")))
    };
    assert_eq!(score(HEAD), 1.0);
    assert!(score("Workstream\tRef\tAction\tDirector Lead\tCabinet Member\tOther Leads\tStart date\tDue date\tMain Action Risk\tStatus (September 2023)\tUpdate (Initial and Date)(September 2023)") < 0.5);
    assert!(score("Issue\tKey improvement area\tActions to be taken (responsibility and date of implementation)\tUpdate on implementation of actions as at 30 November 2017") < 0.5);
    // a data row that names columns in its text is no header
    assert_eq!(score("S1.2\tReview the action plan and the measure of success\tLead officer\tDelivery date to be agreed with progress reported monthly to the board"), 0.0);
}

/// Every row of `text` is in an action, in `unparsed` or in `structure`.
fn assert_nothing_lost(text: &str) {
    let table = govtrail_table::read_text_dump(text);
    let doc = ReviewPlanParser.parse(&table, &ParseOptions::default());
    let accounted = doc.accounted_lines();
    for row in &table.rows {
        assert!(
            accounted.contains(&row.line),
            "line {} unaccounted: {:?}",
            row.line,
            row.text()
        );
    }
}

#[test]
fn nothing_is_lost_from_other_families_documents() {
    for text in [
        include_str!("../../../seeds/000_84d6cfeb77468bda.txt"),
        include_str!("../../../seeds/001_94b889d3001a20f1.txt"),
        include_str!("../../../seeds/003_c094e79ec819f942.txt"),
        include_str!("../../../seeds/004_d5ed9f58c1909d3e.txt"),
    ] {
        assert_nothing_lost(text);
    }
}

#[test]
fn nothing_is_lost_from_scrambled_rows() {
    // Rows assembled from the seed's pieces in a pseudo-random order: headers, refs damaged
    // and whole, italics, lone headings, empty Ref cells, footers.
    const PIECES: [&str; 16] = [
        HEAD,
        "S1\tThe Council must act.\t\t\t\t",
        "S1.1.A\t<ul style=\"list-style-type: none\"> Governance processes ",
        "14\tOfficer and Member Relationships\t\t\t\t",
        "11.1\t<i>Continue to adopt \"Star Chamber\"</i>\t\t\t\t",
        "\tAction plan to agree way forward\tDirector - Finance\t\t\t",
        "S1.5A-D\t<i>Action plan</i>",
        "\t\t\t\tLink to I22 I36\t",
        "Waste Contract",
        "[IL0: UNCLASSIFIED]",
        "Page 3 of 12",
        "??\t\tDirector - Finance Director - Law & Governance\tEnd December\t",
        "K4.3\t<p><i>Develop</i></p> <ul>\tChief Executive\t<b>March 2022</b>\t\t",
        "\t",
        "S.1.1.C\tFollowing receipt\t\tFebruary 2022\tClear audit trail\tReceived on 4 th January 2022",
        "137.1\tComprehensive training\tDirector - Finance\tMarch 2022\t\t",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..200 {
        let mut text = String::new();
        for _ in 0..12 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            text.push('\n');
        }
        assert_nothing_lost(&text);
    }
}
