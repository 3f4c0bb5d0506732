//! The converted documents and the threads linking them as one self-contained HTML page, for
//! auditors who would rather look than read JSON.
//!
//! The page needs no server and no network: styles and the small script are inline, every
//! piece of document text is escaped, the inputs that failed to convert are listed so an
//! auditor sees what is missing, each document's action cards are drawn from data embedded in
//! the page when they are first looked at (a 300-document archive stays a page of a few
//! megabytes that opens at once), and `?q=<text>` (or `#q=<text>`) in its address
//! pre-fills the search so a filtered view can be shared. The search finds what `govtrail
//! trace` finds for the same query: the rule is [`govtrail_link::search`]'s, the page carries
//! its vocabulary as token ids and `search.js` applies it.
//!
//! ```
//! use govtrail_model::{Action, ActionKind, DocumentOutput, Family};
//! let mut doc = DocumentOutput::new("000_plan.txt", Family::AgsActionPlanUpdate);
//! let mut action = Action::new(Some("1".into()), ActionKind::Action, 38);
//! action.title = Some("<b>Cyber Security</b>".into());
//! doc.actions.push(action);
//! let failed = [govtrail_model::FailedInput {
//!     input: "minutes.txt".into(),
//!     error: "minutes.txt: not a governance action plan".into(),
//! }];
//! let html = govtrail_report::render(&[doc], None, &failed);
//! // The action's card is drawn from the page's data, its text escaped there.
//! assert!(html.contains(r#""000_plan.txt",[["1",0,"\u003cb>Cyber Security\u003c/b>""#));
//! assert!(html.contains("minutes.txt: not a governance action plan"));
//! ```
#![deny(missing_docs)]

mod action;
mod documents;
mod escape;
mod links;
mod search;
mod threads;

pub use links::{ItemRef, Link, Links, Member, Thread};

use govtrail_model::{DocumentOutput, FailedInput};
use std::collections::HashMap;
use std::fmt::{self, Write};

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");
const SEARCH_SCRIPT: &str = include_str!("search.js");

/// Renders the report page for `documents` (in the order given), the inputs that `failed` to
/// convert and, when the linker has run, its threads.
pub fn render(
    documents: &[DocumentOutput],
    links: Option<&Links>,
    failed: &[FailedInput],
) -> String {
    let mut out = String::with_capacity(64 * 1024);
    page(&mut out, documents, links, failed).expect("writing to a String cannot fail");
    out
}

/// Where each thread member is among the documents, and which threads each action is in.
pub(crate) struct Index<'a> {
    actions: HashMap<(&'a str, &'a str), (usize, usize)>,
    threads_of: HashMap<(usize, usize), Vec<usize>>,
    thread_ids: Vec<&'a str>,
}

impl<'a> Index<'a> {
    fn new(documents: &'a [DocumentOutput], links: Option<&'a Links>) -> Index<'a> {
        let mut actions = HashMap::new();
        for (d, doc) in documents.iter().enumerate() {
            for (a, act) in doc.actions.iter().enumerate() {
                if let Some(reference) = act.reference.as_deref() {
                    // A ref printed twice (a duplicated row) is cited by its first row.
                    actions
                        .entry((doc.document.id.as_str(), reference))
                        .or_insert((d, a));
                }
            }
        }
        let mut threads_of: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        let threads = links.map(|l| l.threads.as_slice()).unwrap_or_default();
        for (t, thread) in threads.iter().enumerate() {
            for member in &thread.members {
                let found = links::given(&member.reference)
                    .and_then(|r| actions.get(&(member.document.as_str(), r)));
                if let Some(&at) = found {
                    let list = threads_of.entry(at).or_default();
                    if !list.contains(&t) {
                        list.push(t);
                    }
                }
            }
        }
        Index {
            actions,
            threads_of,
            thread_ids: threads.iter().map(|t| t.id.as_str()).collect(),
        }
    }

    /// The (document, action) position of the item `reference` of `document`.
    pub(crate) fn action(&self, document: &str, reference: &str) -> Option<(usize, usize)> {
        self.actions.get(&(document, reference)).copied()
    }

    /// The threads the action at (`d`, `a`) is a member of.
    pub(crate) fn threads_of(&self, d: usize, a: usize) -> &[usize] {
        self.threads_of.get(&(d, a)).map_or(&[], Vec::as_slice)
    }

    /// The contract id of thread `t`.
    pub(crate) fn thread_id(&self, t: usize) -> &str {
        self.thread_ids.get(t).copied().unwrap_or_default()
    }
}

fn page(
    out: &mut String,
    documents: &[DocumentOutput],
    links: Option<&Links>,
    failed: &[FailedInput],
) -> fmt::Result {
    let index = Index::new(documents, links);
    let actions: usize = documents.iter().map(|d| d.actions.len()).sum();
    let threads = links.map_or(0, |l| l.threads.len());
    write!(
        out,
        r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>govtrail report</title>
<style>{STYLE}</style></head>
<body><header class="top"><h1>govtrail report</h1><p class="totals">{} documents · {actions} actions · {threads} threads{}</p>
<div class="search"><label for="q">Search</label> <input type="search" id="q" placeholder="Filter threads and actions, e.g. Oracle" autocomplete="off" spellcheck="false"> <span id="match-count" aria-live="polite"></span></div>
<noscript><p class="none">The search box needs JavaScript; everything else is on the page.</p></noscript>
<nav><a href="#documents">Documents</a> <a href="#threads">Threads</a> <a href="#actions">Actions by document</a></nav></header>
<main>"##,
        documents.len(),
        match failed.len() {
            0 => String::new(),
            n => format!(
                r##" · <a href="#failed">{n} failed input{}</a>"##,
                if n == 1 { "" } else { "s" }
            ),
        }
    )?;
    documents::failed(out, failed)?;
    documents::table(out, documents)?;
    threads::section(out, documents, links, &index)?;
    documents::action_lists(out, documents, &index)?;
    write!(
        out,
        r#"<script type="application/json" id="search-data">{}</script>"#,
        search::data(documents, links)
    )?;
    write!(
        out,
        "</main>\n<script id=\"search-script\">{SEARCH_SCRIPT}</script><script>{SCRIPT}</script></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::{Action, ActionKind, DueDate, Family, Rag, Status, Update};

    const HOSTILE: [&str; 4] = [
        "<script>alert(1)</script>",
        r#""><img src=x onerror=alert(1)>"#,
        "'><svg onload=alert(1)>",
        r#"<ul style="list-style-type: none"><b>Update</b>"#,
    ];

    fn hostile_document() -> (DocumentOutput, Links) {
        let mut doc = DocumentOutput::new(HOSTILE[1], Family::ImprovementPlanTracker);
        doc.document.title = Some(HOSTILE[0].into());
        doc.document.periods = vec![HOSTILE[2].into(), HOSTILE[3].into()];
        let mut action = Action::new(Some(HOSTILE[1].into()), ActionKind::Action, 38);
        action.title = Some(HOSTILE[0].into());
        action.text = HOSTILE.join(" ");
        action.owners = HOSTILE.iter().map(|s| s.to_string()).collect();
        action.due = Some(DueDate::new(HOSTILE[2], None));
        action.measure = Some(HOSTILE[3].into());
        action.context.theme = Some(HOSTILE[0].into());
        for (period, rag) in [(HOSTILE[0], Rag::Amber), (HOSTILE[1], Rag::Red)] {
            action.status.push(Status {
                period: Some(period.into()),
                raw: HOSTILE[3].into(),
                rag: Some(rag),
            });
        }
        action.updates.push(Update {
            period: Some(HOSTILE[2].into()),
            text: HOSTILE.join(" ").repeat(10),
        });
        doc.actions.push(action);
        doc.unparsed.push(govtrail_model::UnparsedLine {
            line: 40,
            text: HOSTILE[3].into(),
            reason: Some(HOSTILE[0].into()),
        });
        doc.diagnostics
            .push(govtrail_model::Diagnostic::warning(40, HOSTILE[1]));
        let member = Member {
            document: HOSTILE[1].into(),
            reference: HOSTILE[1].into(),
            year: Some(2019),
            title: HOSTILE[0].into(),
            score: Some(0.9),
        };
        let links = Links {
            schema_version: 1,
            threads: vec![Thread {
                id: HOSTILE[2].into(),
                title: HOSTILE[0].into(),
                members: vec![member.clone(), member.clone()],
            }],
            links: vec![Link {
                a: member.item(),
                b: member.item(),
                score: 0.9,
                confidence: 0.9,
                why: HOSTILE[1].into(),
            }],
            duplicates: Vec::new(),
        };
        (doc, links)
    }

    #[test]
    fn hostile_document_text_is_never_markup() {
        let (doc, links) = hostile_document();
        let html = render(&[doc], Some(&links), &[]);
        assert_eq!(
            html.matches("<script").count(),
            4,
            "only the report's own scripts and data"
        );
        for tag in ["<img", "<svg", "<b>", "<ul style"] {
            assert!(!html.contains(tag), "{tag} left unescaped");
        }
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("&#39;&gt;&lt;svg onload=alert(1)&gt;"));
        assert!(html.contains("&lt;b&gt;Update&lt;/b&gt;"));
    }

    #[test]
    fn shows_the_thread_the_badges_the_move_and_the_source() {
        let (doc, links) = hostile_document();
        let html = render(&[doc], Some(&links), &[]);
        assert_eq!(html.matches(r#"<article class="thread""#).count(), 1);
        assert!(
            html.contains(r##"<a class="ref" href="#a-0-0">"##),
            "member links to its action"
        );
        assert!(
            html.contains(r#"[[0,"'>\u003csvg onload=alert(1)>"]]"#),
            "the action's data names its thread, for its card to link to"
        );
        assert!(html.contains(r#"class="badge rag-amber""#));
        assert!(html.contains(r#"class="badge rag-red""#));
        assert!(html.contains(r#"class="change worsened""#));
        assert!(
            html.contains(r##"<a href="#moved=worsened">1 worsened</a>"##),
            "the document's moves link to their search"
        );
        assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;:38"));
        assert!(
            html.contains(r##"… <a class="more" href="#a-0-0">whole text</a>"##),
            "the long update is cut, linking to the card"
        );
        assert!(html.contains(r#"<input type="search" id="q""#));
    }

    #[test]
    fn without_links_the_page_says_how_to_get_threads() {
        let (doc, _) = hostile_document();
        let html = render(&[doc], None, &[]);
        assert!(!html.contains(r#"<article class="thread""#));
        assert!(html.contains("govtrail link DIR"));
        assert!(html.contains(r#"class="doc-actions""#));
    }

    #[test]
    fn failed_inputs_are_listed_with_their_reason() {
        let (doc, _) = hostile_document();
        let failed = [FailedInput {
            input: HOSTILE[0].into(),
            error: format!("{}: the workbook is password-protected", HOSTILE[0]),
        }];
        let html = render(std::slice::from_ref(&doc), None, &failed);
        assert!(html.contains(r##"<a href="#failed">1 failed input</a>"##));
        assert!(html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;: the workbook is password-protected"));
        assert!(!render(&[doc], None, &[]).contains(r#"id="failed""#));
    }

    #[test]
    fn action_data_cannot_end_its_script_element() {
        let (doc, links) = hostile_document();
        let html = render(&[doc], Some(&links), &[]);
        let start = html
            .find(r#"<script type="application/json" id="action-data">"#)
            .expect("data");
        let data = &html[start..];
        let end = data.find("</script>").expect("closed");
        let json: serde_json::Value =
            serde_json::from_str(&data[data.find('>').expect("tag") + 1..end]).expect("JSON");
        let action = &json["documents"][0][1][0];
        assert_eq!(
            action[3],
            HOSTILE.join(" "),
            "the text, whole and unescaped once parsed"
        );
        assert_eq!(
            json["strings"][action[1].as_u64().expect("kind id") as usize],
            "action"
        );
    }

    #[test]
    fn a_member_missing_from_the_documents_is_shown_not_dropped() {
        let links = Links {
            schema_version: 1,
            threads: vec![Thread {
                id: "t0001".into(),
                title: "Cyber Security".into(),
                members: vec![Member {
                    document: "gone.txt".into(),
                    reference: "7".into(),
                    year: Some(2018),
                    title: String::new(),
                    score: None,
                }],
            }],
            links: Vec::new(),
            duplicates: Vec::new(),
        };
        let html = render(&[], Some(&links), &[]);
        assert!(html.contains("Cyber Security"));
        assert!(html.contains(r#"<span class="doc">gone.txt</span>"#));
        assert!(html.contains("not among the converted documents"));
    }
}
