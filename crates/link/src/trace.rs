//! Tracing an issue through time: the threads a query names, as timelines.
//!
//! A query is a thread id (`t3f2a9c01`), a ref (`CO.A1.0`: every thread holding an item of
//! that ref, and the items of that ref outside any thread), or words; [`crate::search`] says
//! what it finds ("Oracle Fusion" finds the thread whose 2023 member reads "Implement Oracle
//! Fusion"), the same rule as the report's search box. Actions outside any thread that the
//! query names are returned too, each as a timeline of one member without a thread id, so
//! that a query never answers "nothing" for an action the documents hold.

use crate::calibration::FITTED;
use crate::search;
use govtrail_model::{Action, DocumentOutput, Links, Rag};
use serde::Serialize;
use std::collections::HashMap;

/// One thread as a timeline: the shape of a `links.json` thread with where each member stood.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    /// The thread id; `null` for an action outside any thread.
    pub id: Option<String>,
    /// The thread title (for an action outside any thread, its own title).
    pub title: String,
    /// The members, oldest first.
    pub members: Vec<TimelineMember>,
}

/// One member of a traced thread: the `links.json` member fields, then where it stood.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineMember {
    /// The document id.
    pub document: String,
    /// The item's ref.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The document's year.
    pub year: Option<i32>,
    /// The item's heading, else its whole text.
    pub title: String,
    /// The best score of the links that joined it to the thread.
    pub score: Option<f64>,
    /// The chance that link is right ([`crate::calibration`]).
    pub confidence: Option<f64>,
    /// The latest status as printed.
    pub status: Option<String>,
    /// What the latest status maps to.
    pub rag: Option<Rag>,
    /// The reporting period of the latest status.
    pub status_period: Option<String>,
    /// The latest update, whole.
    pub update: Option<String>,
    /// The reporting period of the latest update.
    pub update_period: Option<String>,
}

/// The threads of `links` that `query` names, and the actions outside any thread it names,
/// as timelines with status and latest update taken from `docs`; what a query names is
/// [`search::Index::find`]'s rule, the one the report's search box applies.
pub fn trace(links: &Links, docs: &[DocumentOutput], query: &str) -> Vec<Timeline> {
    let index = search::Index::new(links, docs);
    let found = index.find(query);
    let item_of: HashMap<(&str, &str), &search::Item> = index
        .items
        .iter()
        .map(|i| {
            (
                (docs[i.document].document.id.as_str(), i.reference.as_str()),
                i,
            )
        })
        .collect();
    let row = |item: &search::Item| &docs[item.document].actions[item.row];
    let mut out: Vec<Timeline> = found
        .threads
        .iter()
        .map(|&t| {
            let thread = &links.threads[t];
            Timeline {
                id: Some(thread.id.clone()),
                title: thread.title.clone(),
                members: thread
                    .members
                    .iter()
                    .map(|m| {
                        let action = item_of
                            .get(&(m.document.as_str(), m.reference.as_str()))
                            .map(|i| row(i));
                        member(&m.document, &m.reference, m.year, &m.title, m.score, action)
                    })
                    .collect(),
            }
        })
        .collect();
    out.extend(found.items.iter().map(|&i| {
        let item = &index.items[i];
        let action = row(item);
        let doc = &docs[item.document].document;
        let title = action.title.clone().unwrap_or_else(|| action.text.clone());
        Timeline {
            id: None,
            title: title.clone(),
            members: vec![member(
                &doc.id,
                &item.reference,
                doc.year,
                &title,
                None,
                Some(action),
            )],
        }
    }));
    out
}

fn member(
    document: &str,
    reference: &str,
    year: Option<i32>,
    title: &str,
    score: Option<f64>,
    action: Option<&Action>,
) -> TimelineMember {
    let status = action.and_then(|a| a.latest_status());
    let update = action.and_then(|a| a.latest_update());
    TimelineMember {
        document: document.to_owned(),
        reference: reference.to_owned(),
        year,
        title: title.to_owned(),
        score,
        confidence: score.map(|s| crate::rounded(FITTED.confidence(s))),
        status: status.map(|s| s.raw.clone()),
        rag: status.and_then(|s| s.rag),
        status_period: status.and_then(|s| s.period.clone()),
        update: update.map(|u| u.text.clone()),
        update_period: update.and_then(|u| u.period.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{link, LinkConfig};
    use govtrail_model::{ActionKind, Family, Status, Update};

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
            text: "Go live still planned from April 2024 for finance and procurement modules, with payroll following in the autumn once testing completes"
                .into(),
        });
        d.actions.push(a);
        d
    }

    fn docs() -> Vec<DocumentOutput> {
        let mut b = doc(
            "b",
            2024,
            "F2",
            "Implement Oracle Fusion and achieve savings",
            Rag::Green,
        );
        let mut lone = Action::new(Some("W9".into()), ActionKind::Action, 2);
        lone.text = "Waste contract monitoring".into();
        b.actions.push(lone);
        vec![
            b,
            doc("a", 2023, "CO.A1.0", "Implement Oracle Fusion", Rag::Amber),
        ]
    }

    #[test]
    fn a_query_finds_its_thread_oldest_first_with_scores_and_whole_updates() {
        let docs = docs();
        let links = link(&docs, &LinkConfig::default());
        let timelines = trace(&links, &docs, "oracle fusion");
        assert_eq!(timelines.len(), 1);
        let years: Vec<_> = timelines[0].members.iter().map(|e| e.year).collect();
        assert_eq!(years, vec![Some(2023), Some(2024)]);
        assert_eq!(timelines[0].members[0].rag, Some(Rag::Amber));
        let first = &timelines[0].members[0];
        assert!(first.score.is_some_and(|s| s > 0.45));
        assert_eq!(
            first.confidence,
            first.score.map(|s| crate::rounded(FITTED.confidence(s)))
        );
        assert!(timelines[0].members[0]
            .update
            .as_deref()
            .unwrap_or("")
            .ends_with("once testing completes"));
        assert!(trace(&links, &docs, "housing repairs").is_empty());
    }

    #[test]
    fn a_thread_id_or_a_ref_names_its_thread_and_unthreaded_actions_are_found() {
        let docs = docs();
        let links = link(&docs, &LinkConfig::default());
        let id = links.threads[0].id.clone();
        assert_eq!(
            trace(&links, &docs, &id)[0].id.as_deref(),
            Some(id.as_str())
        );
        assert_eq!(
            trace(&links, &docs, "co.a1.0")[0].id.as_deref(),
            Some(id.as_str())
        );
        let lone = trace(&links, &docs, "waste contract");
        assert_eq!(lone.len(), 1);
        assert_eq!(lone[0].id, None);
        assert_eq!(lone[0].members[0].reference, "W9");
        assert_eq!(trace(&links, &docs, "W9").len(), 1);
    }
}
