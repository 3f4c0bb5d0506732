//! Tracing an issue through time: the threads a query names, as timelines.
//!
//! A query matches a thread when every normalised query word appears in the thread's title or
//! in one member's title ("Oracle Fusion" finds the thread whose 2023 member reads "Implement
//! Oracle Fusion"). When no title matches, the members' full action texts are searched.

use crate::{abbrev, Links, Thread};
use govtrail_model::{Action, ActionKind, DocumentOutput, Rag};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How many words of the latest update a timeline entry quotes.
const UPDATE_WORDS: usize = 20;

/// One thread as a timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    /// The thread id.
    pub thread: String,
    /// The thread title.
    pub title: String,
    /// The members, oldest first.
    pub entries: Vec<TimelineEntry>,
}

/// One member of a traced thread with where it stood.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// The document's year.
    pub year: Option<i32>,
    /// The document id.
    pub document: String,
    /// The item's ref.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The item's heading, else the start of its text.
    pub title: String,
    /// The latest status as printed.
    pub status: Option<String>,
    /// What the latest status maps to.
    pub rag: Option<Rag>,
    /// The first words of the latest update.
    pub update: Option<String>,
}

/// The threads of `links` that `query` names, as timelines with status and latest update
/// taken from `docs`.
pub fn trace(links: &Links, docs: &[DocumentOutput], query: &str) -> Vec<Timeline> {
    let normaliser = abbrev::learn(
        docs.iter()
            .flat_map(|d| d.actions.iter())
            .flat_map(|a| [a.title.as_deref(), Some(a.text.as_str())])
            .flatten(),
    );
    let wanted: Vec<String> = normaliser.tokens(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut actions: HashMap<(&str, &str), &Action> = HashMap::new();
    for doc in docs {
        for action in &doc.actions {
            let Some(reference) = action.reference.as_deref() else {
                continue;
            };
            let slot = actions
                .entry((doc.document.id.as_str(), reference))
                .or_insert(action);
            // The row that defines an item outranks a later row that only cites it.
            if slot.kind == ActionKind::CrossReference && action.kind != ActionKind::CrossReference
            {
                *slot = action;
            }
        }
    }
    let names = |text: &str| {
        let tokens: HashSet<String> = normaliser.tokens(text).into_iter().collect();
        wanted.iter().all(|w| tokens.contains(w))
    };
    let by_title = |t: &&Thread| names(&t.title) || t.members.iter().any(|m| names(&m.title));
    let by_text = |t: &&Thread| {
        t.members.iter().any(|m| {
            actions
                .get(&(m.document.as_str(), m.reference.as_str()))
                .is_some_and(|a| names(&a.text))
        })
    };
    let mut matched: Vec<&Thread> = links.threads.iter().filter(by_title).collect();
    if matched.is_empty() {
        matched = links.threads.iter().filter(by_text).collect();
    }
    matched
        .into_iter()
        .map(|thread| Timeline {
            thread: thread.id.clone(),
            title: thread.title.clone(),
            entries: thread
                .members
                .iter()
                .map(|m| {
                    let action = actions.get(&(m.document.as_str(), m.reference.as_str()));
                    let status = action.and_then(|a| a.latest_status());
                    TimelineEntry {
                        year: m.year,
                        document: m.document.clone(),
                        reference: m.reference.clone(),
                        title: m.title.clone(),
                        status: status.map(|s| s.raw.clone()),
                        rag: status.and_then(|s| s.rag),
                        update: action
                            .and_then(|a| a.latest_update())
                            .map(|u| first_words(&u.text, UPDATE_WORDS)),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The first `n` words of `text`, with "…" when cut.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} …", words[..n].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{link, LinkConfig};
    use govtrail_model::{Family, Status, Update};

    fn doc(id: &str, year: i32, reference: &str, text: &str, rag: Rag) -> DocumentOutput {
        let mut d = DocumentOutput::new(id, Family::ImprovementPlanTracker);
        d.document.year = Some(year);
        let mut a = Action::new(Some(reference.into()), ActionKind::Action, 1);
        a.text = text.into();
        a.status.push(Status {
            period: None,
            raw: format!("{rag:?}"),
            rag: Some(rag),
        });
        a.updates.push(Update {
            period: None,
            text: "Go live still planned from April 2024 for finance and procurement modules"
                .into(),
        });
        d.actions.push(a);
        d
    }

    #[test]
    fn a_query_finds_its_thread_oldest_first() {
        let docs = [
            doc(
                "b",
                2024,
                "F2",
                "Implement Oracle Fusion and achieve savings",
                Rag::Green,
            ),
            doc("a", 2023, "CO.A1.0", "Implement Oracle Fusion", Rag::Amber),
        ];
        let links = link(&docs, &LinkConfig::default());
        let timelines = trace(&links, &docs, "oracle fusion");
        assert_eq!(timelines.len(), 1);
        let years: Vec<_> = timelines[0].entries.iter().map(|e| e.year).collect();
        assert_eq!(years, vec![Some(2023), Some(2024)]);
        assert_eq!(timelines[0].entries[0].rag, Some(Rag::Amber));
        assert!(timelines[0].entries[0]
            .update
            .as_deref()
            .unwrap_or("")
            .starts_with("Go live"));
        assert!(trace(&links, &docs, "waste contract").is_empty());
    }

    #[test]
    fn long_updates_are_cut() {
        assert_eq!(first_words("a b c", 2), "a b …");
        assert_eq!(first_words(" a  b ", 2), "a b");
    }
}
