use super::*;
use govtrail_model::StructureRole;

fn table(text: &str) -> Table {
    Table::new(
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| Row::new(i + 1, l.split('\t').map(str::to_owned).collect()))
            .collect(),
    )
}

fn parse(text: &str) -> DocumentOutput {
    ActionPlanParser.parse(&table(text), &ParseOptions::default())
}

fn role_at(doc: &DocumentOutput, line: usize) -> Option<StructureRole> {
    doc.structure
        .iter()
        .find(|s| s.line == line)
        .map(|s| s.role)
}

const PLAN: &str = "Appendix A
Action Plan Update – position as at 30 November 2023

Governance Issue\tAction\tUpdate\tBy When\tBy Whom
Risk Appetite\tAgree a risk appetite statement.\tA workshop was held in July.\tMarch 2024\tCorporate Leadership Team

Page 1 of 3
OFFICIAL

Governance Issue\tAction\tUpdate\tBy When\tBy Whom
\t\tMembers will be briefed in January.\t\t
Cyber Security\tImplement multi-factor authentication.\tLive for 92% of accounts.\t\tHead of Digital Services March 2024
";

#[test]
fn a_plan_without_refs_is_read_by_its_header_words() {
    let doc = parse(PLAN);
    assert_eq!(doc.actions.len(), 2);
    let first = &doc.actions[0];
    assert_eq!(first.reference.as_deref(), Some("1"));
    assert_eq!(first.title.as_deref(), Some("Risk Appetite"));
    assert_eq!(first.owners, vec!["Corporate Leadership Team"]);
    assert_eq!(first.source.lines, vec![5, 11]);
    assert!(first.updates[0].text.ends_with("briefed in January."));
    let second = &doc.actions[1];
    assert_eq!(second.owners, vec!["Head of Digital Services"]);
    assert_eq!(
        second.due.as_ref().map(|d| d.raw.as_str()),
        Some("March 2024")
    );
    assert_eq!(
        doc.document.as_at.map(|d| d.to_string()).as_deref(),
        Some("2023-11-30")
    );
    assert_eq!(role_at(&doc, 7), Some(StructureRole::Footer));
    assert_eq!(role_at(&doc, 8), Some(StructureRole::Footer));
    assert_eq!(role_at(&doc, 10), Some(StructureRole::Header));
    assert!(doc.unparsed.is_empty());
    let layout = doc.document.layout.as_ref().expect("layout recorded");
    let roles: Vec<&str> = layout.columns.iter().map(|c| c.role.as_str()).collect();
    assert_eq!(roles, ["title", "text", "update", "due", "owner"]);
}

#[test]
fn numbered_headings_group_their_actions_and_banners_are_sections() {
    let doc = parse(
        "Ref\tItem\tLed by\tFinish by\tStatus
1\tGovernance and Decision Making\t\t\t
1.1\tReview the scheme of delegation\tMonitoring Officer\tEnd July\tOn schedule
Aim B: Safe communities
2\tFinance\t\t\t
2.1\tRebuild reserves\tSection 151 Officer\tMar-19\tBehind schedule
",
    );
    let refs: Vec<_> = doc
        .actions
        .iter()
        .map(|a| a.reference.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(refs, ["1", "1.1", "2", "2.1"]);
    assert_eq!(doc.actions[1].parent.as_deref(), Some("1"));
    assert_eq!(doc.actions[0].kind, govtrail_model::ActionKind::Objective);
    assert_eq!(role_at(&doc, 4), Some(StructureRole::Section));
    assert_eq!(
        doc.actions[3].context.section.as_deref(),
        Some("Aim B: Safe communities")
    );
}

#[test]
fn rows_of_a_merged_group_share_its_ref_and_topic() {
    let doc = parse(
        "No.\tPeer Recommendation\tWhat we will do\tWho\tWhen\tStatus
R2\tStrengthen financial planning\tExtend the strategy to five years.\tDirector of Finance\tFebruary 2025\tOn track
\t\tStart a transformation programme.\tChief Executive\tApril 2025\tIn progress
",
    );
    assert_eq!(doc.actions.len(), 2);
    assert_eq!(doc.actions[1].reference.as_deref(), Some("R2"));
    assert_eq!(
        doc.actions[1]
            .context
            .other
            .get("Peer Recommendation")
            .map(String::as_str),
        Some("Strengthen financial planning")
    );
    assert_eq!(
        doc.actions[1].status[0].rag,
        Some(govtrail_model::Rag::Green)
    );
}

#[test]
fn an_unknown_status_keeps_its_words_and_says_so() {
    let doc = parse("Ref\tAction\tOwner\tStatus\n1\tDo it\tHead of IT\tWobbly\n");
    assert_eq!(doc.actions[0].status[0].raw, "Wobbly");
    assert_eq!(doc.actions[0].status[0].rag, None);
    assert!(doc.diagnostics.iter().any(|d| d.message.contains("Wobbly")));
}

#[test]
fn a_table_with_no_header_is_all_unparsed() {
    let doc = parse("Minutes of the meeting\nPresent: Councillor A\n");
    assert!(doc.actions.is_empty());
    assert_eq!(doc.unparsed.len(), 2);
    assert_eq!(ActionPlanParser.score(&table("Minutes\nPresent")), 0.0);
}
