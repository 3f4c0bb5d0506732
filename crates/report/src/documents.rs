//! The per-document parts of the report: the table of documents converted (with counts and a
//! stacked bar of latest ratings) and each document's collapsible list of every action, so
//! that actions in no thread can still be found.

use crate::action::{self, latest_change, rag_class, rag_label, Change};
use crate::escape::Escaped;
use crate::Index;
use govtrail_model::{ActionKind, DocumentOutput, FailedInput, Level, Rag};
use std::fmt::{self, Write};

/// The order of a ratings bar's segments: done, then good to bad, then ratings that say
/// nothing about progress.
const BAR_ORDER: [Option<Rag>; 8] = [
    Some(Rag::Complete),
    Some(Rag::Green),
    Some(Rag::Amber),
    Some(Rag::Red),
    Some(Rag::OnHold),
    Some(Rag::NotStarted),
    Some(Rag::Na),
    None,
];

fn kind_name(kind: ActionKind, count: usize) -> &'static str {
    let one = count == 1;
    match kind {
        ActionKind::Recommendation if one => "recommendation",
        ActionKind::Recommendation => "recommendations",
        ActionKind::Action if one => "action",
        ActionKind::Action => "actions",
        ActionKind::CrossReference if one => "cross-reference",
        ActionKind::CrossReference => "cross-references",
        ActionKind::Objective if one => "objective",
        ActionKind::Objective => "objectives",
        ActionKind::Deliverable if one => "deliverable",
        ActionKind::Deliverable => "deliverables",
    }
}

/// Short name of a kind, for an action's heading.
pub(crate) fn kind_label(kind: ActionKind) -> &'static str {
    kind_name(kind, 1)
}

/// `count things` joined with ` · `, leaving out zero counts.
fn counts<T: Copy>(items: &[(T, usize)], name: impl Fn(T, usize) -> String) -> String {
    items
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|&(item, n)| format!("{n} {}", name(item, n)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn kind_counts(doc: &DocumentOutput) -> String {
    let kinds = [
        ActionKind::Recommendation,
        ActionKind::Objective,
        ActionKind::Deliverable,
        ActionKind::Action,
        ActionKind::CrossReference,
    ];
    let tally: Vec<(ActionKind, usize)> = kinds
        .iter()
        .map(|&k| (k, doc.actions.iter().filter(|a| a.kind == k).count()))
        .collect();
    counts(&tally, |k, n| kind_name(k, n).to_string())
}

fn diagnostic_counts(doc: &DocumentOutput) -> String {
    let tally: Vec<(Level, usize)> = [Level::Error, Level::Warning, Level::Info]
        .iter()
        .map(|&l| (l, doc.diagnostics.iter().filter(|d| d.level == l).count()))
        .collect();
    counts(&tally, |level, n| {
        let name = match level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        };
        if n == 1 || level == Level::Info {
            name.to_string()
        } else {
            format!("{name}s")
        }
    })
}

/// How many actions have each latest rating, in [`BAR_ORDER`].
pub(crate) fn latest_ratings(doc: &DocumentOutput) -> Vec<(Option<Rag>, usize)> {
    BAR_ORDER
        .iter()
        .map(|&rag| {
            let n = doc
                .actions
                .iter()
                .filter(|a| a.latest_status().is_some_and(|s| s.rag == rag))
                .count();
            (rag, n)
        })
        .collect()
}

/// A stacked bar of the latest ratings, pure CSS, with its legend in words.
fn ratings_bar(out: &mut String, doc: &DocumentOutput) -> fmt::Result {
    let ratings = latest_ratings(doc);
    let total: usize = ratings.iter().map(|(_, n)| n).sum();
    if total == 0 {
        out.push_str(r#"<span class="none">no ratings</span>"#);
        return Ok(());
    }
    out.push_str(r#"<div class="bar" role="img" aria-label="latest ratings">"#);
    for &(rag, n) in ratings.iter().filter(|(_, n)| *n > 0) {
        write!(
            out,
            r#"<span class="seg rag-{}" style="width:{:.2}%" title="{}: {n}"></span>"#,
            rag_class(rag),
            100.0 * n as f64 / total as f64,
            rag_label(rag)
        )?;
    }
    out.push_str(r#"</div><div class="legend">"#);
    for &(rag, n) in ratings.iter().filter(|(_, n)| *n > 0) {
        write!(
            out,
            r#"<span><span class="dot rag-{}"></span>{n} {}</span> "#,
            rag_class(rag),
            rag_label(rag)
        )?;
    }
    out.push_str("</div>");
    Ok(())
}

/// For documents rating several periods (a tracker's monthly status), how the ratings moved
/// between the last two.
fn rating_moves(out: &mut String, doc: &DocumentOutput) -> fmt::Result {
    let moves = [Change::Worsened, Change::Improved, Change::Changed];
    let tally: Vec<(Change, usize)> = moves
        .iter()
        .map(|&m| {
            let n = doc
                .actions
                .iter()
                .filter(|a| latest_change(&a.status) == Some(m))
                .count();
            (m, n)
        })
        .collect();
    if doc.actions.iter().all(|a| a.status.len() < 2) {
        return Ok(());
    }
    let periods = match doc.document.periods.as_slice() {
        [.., before, after] => format!("{before} → {after}: "),
        _ => String::new(),
    };
    // Each count links to the view of the moves of its kind (`#moved=worsened`).
    let text = tally
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(m, n)| format!(r##"<a href="#moved={0}">{n} {0}</a>"##, m.as_str()))
        .collect::<Vec<_>>()
        .join(" · ");
    write!(
        out,
        r#"<div class="moves">{}{}</div>"#,
        Escaped(&periods),
        if text.is_empty() {
            "no rating changed".to_string()
        } else {
            text
        }
    )
}

/// The inputs `govtrail convert` could not convert, with the reason it gave, before the
/// documents: what the archive holds that the report cannot show.
pub(crate) fn failed(out: &mut String, failed: &[FailedInput]) -> fmt::Result {
    if failed.is_empty() {
        return Ok(());
    }
    write!(
        out,
        r#"<section id="failed"><h2>Inputs that failed to convert</h2><p class="small">{} input{} of the run (from <code>report.json</code>) could not be read as action plans; nothing of them is in this report.</p><ul class="failed">"#,
        failed.len(),
        if failed.len() == 1 { "" } else { "s" }
    )?;
    for input in failed {
        write!(
            out,
            r#"<li><span class="doc">{}</span> <span class="error">{}</span></li>"#,
            Escaped(&input.input),
            Escaped(&input.error)
        )?;
    }
    out.push_str("</ul></section>");
    Ok(())
}

/// The table of documents converted.
pub(crate) fn table(out: &mut String, documents: &[DocumentOutput]) -> fmt::Result {
    out.push_str(
        r#"<section id="documents"><h2>Documents converted</h2><table class="docs"><thead><tr><th>Document</th><th>Family</th><th>Year</th><th>As at</th><th>Actions</th><th>Unparsed lines</th><th>Diagnostics</th><th>Latest ratings</th></tr></thead><tbody>"#,
    );
    for (d, doc) in documents.iter().enumerate() {
        let document = &doc.document;
        write!(
            out,
            r##"<tr><td><a href="#doc-{d}">{}</a>"##,
            Escaped(&document.id)
        )?;
        if let Some(title) = &document.title {
            write!(out, r#"<div class="small">{}</div>"#, Escaped(title))?;
        }
        write!(
            out,
            r#"</td><td class="family">{}</td><td>{}</td><td>{}</td><td class="num">{}<div class="small">{}</div></td><td class="num">{}</td><td class="num">{}<div class="small">{}</div></td><td class="ratings">"#,
            document.family,
            document.year.map(|y| y.to_string()).unwrap_or_default(),
            document.as_at.map(|d| d.to_string()).unwrap_or_default(),
            doc.actions.len(),
            kind_counts(doc),
            doc.unparsed.len(),
            doc.diagnostics.len(),
            diagnostic_counts(doc),
        )?;
        ratings_bar(out, doc)?;
        rating_moves(out, doc)?;
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></section>");
    Ok(())
}

/// Every document's actions, each document a collapsible group, with its diagnostics and
/// unparsed lines.
///
/// The actions themselves are not markup: at a few hundred documents, every action's card
/// written out made a page of 40 MB and more that a browser took long to open. Each action
/// goes in the page's action data ([`action_data`]) instead, and the script draws a
/// document's cards when its group is opened or a search finds something in it.
pub(crate) fn action_lists(
    out: &mut String,
    documents: &[DocumentOutput],
    index: &Index,
) -> fmt::Result {
    out.push_str(r#"<section id="actions"><h2>Actions by document</h2>"#);
    for (d, doc) in documents.iter().enumerate() {
        let id = &doc.document.id;
        write!(
            out,
            r#"<details class="doc-actions" id="doc-{d}" data-doc="{d}"><summary><span class="doc-id">{}</span> <span class="small">{} · {} · {} actions</span> <span class="group-count"></span></summary><ol class="actions"></ol>"#,
            Escaped(id),
            doc.document.family,
            doc.document.year.map(|y| y.to_string()).unwrap_or_default(),
            doc.actions.len(),
        )?;
        if !doc.diagnostics.is_empty() {
            write!(
                out,
                r#"<details class="diagnostics"><summary>{} diagnostics</summary><ul>"#,
                doc.diagnostics.len()
            )?;
            for diagnostic in &doc.diagnostics {
                let at = diagnostic
                    .line
                    .map(|l| format!("{id}:{l}"))
                    .unwrap_or_else(|| id.clone());
                write!(
                    out,
                    r#"<li class="level-{level:?}"><cite>{}</cite> {level:?}: {}</li>"#,
                    Escaped(&at),
                    Escaped(&diagnostic.message),
                    level = diagnostic.level
                )?;
            }
            out.push_str("</ul></details>");
        }
        if !doc.unparsed.is_empty() {
            write!(
                out,
                r#"<details class="unparsed"><summary>{} unparsed lines</summary><ul>"#,
                doc.unparsed.len()
            )?;
            for line in &doc.unparsed {
                write!(
                    out,
                    r#"<li><cite>{}:{}</cite> <code>{}</code>"#,
                    Escaped(id),
                    line.line,
                    Escaped(&line.text)
                )?;
                if let Some(reason) = &line.reason {
                    write!(out, r#" <span class="small">({})</span>"#, Escaped(reason))?;
                }
                out.push_str("</li>");
            }
            out.push_str("</ul></details>");
        }
        out.push_str("</details>");
    }
    out.push_str("</section>");
    out.push_str(r#"<script type="application/json" id="action-data">"#);
    out.push_str(&action_data(documents, index));
    out.push_str("</script>");
    Ok(())
}

/// The actions of every document as the script draws them: `{"strings": [...], "documents":
/// [[id, [action, ...]], ...]}`, each action an array of the fields a card shows (in the order
/// `report.js` reads them), so that no field name is repeated 40,000 times. Short texts that
/// recur across actions (kinds, owners, places, ratings and periods as printed, due dates) are
/// numbers into `strings`: a tracker prints "On Track- little or no slippage" for every action
/// and month.
///
/// The JSON sits in a `<script type="application/json">`, which ends at the first `</script`
/// whatever the quoting: every `<` (only ever inside strings) is written `\u003c`.
pub(crate) fn action_data(documents: &[DocumentOutput], index: &Index) -> String {
    use serde_json::{json, Value};
    let mut strings = Strings::default();
    let data: Vec<Value> = documents
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let actions: Vec<Value> = doc
                .actions
                .iter()
                .enumerate()
                .map(|(a, act)| {
                    let statuses: Vec<Value> = act
                        .status
                        .iter()
                        .enumerate()
                        .map(|(at, s)| {
                            let moved = at
                                .checked_sub(1)
                                .and_then(|b| action::change(act.status[b].rag, s.rag))
                                .map(|m| m.as_str());
                            json!([
                                s.period.as_deref().map(|p| strings.id(p)),
                                strings.id(&s.raw),
                                s.rag.map(Rag::as_str),
                                moved
                            ])
                        })
                        .collect();
                    let context = &act.context;
                    let place = [&context.theme, &context.workstream, &context.section]
                        .into_iter()
                        .flatten()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(" › ");
                    let threads: Vec<Value> = index
                        .threads_of(d, a)
                        .iter()
                        .map(|&t| json!([t, index.thread_id(t)]))
                        .collect();
                    let update = act.latest_update();
                    json!([
                        act.reference,
                        strings.id(kind_label(act.kind)),
                        act.title,
                        act.text,
                        strings.id(&act.owners.join("; ")),
                        act.due.as_ref().map(|due| strings.id(&due.raw)),
                        act.due
                            .as_ref()
                            .and_then(|due| due.date)
                            .map(|date| date.to_string()),
                        act.measure,
                        statuses,
                        update
                            .and_then(|u| u.period.as_deref())
                            .map(|p| strings.id(p)),
                        update.map(|u| &u.text),
                        act.source.line,
                        action::line_ranges(&act.source.lines),
                        act.source.lines.len(),
                        u8::from(act.source.sheet.is_some()),
                        strings.id(&place),
                        threads,
                        latest_change(&act.status).map(|m| m.as_str()),
                    ])
                })
                .collect();
            json!([doc.document.id, actions])
        })
        .collect();
    json!({"strings": strings.list, "documents": data})
        .to_string()
        .replace('<', "\\u003c")
}

/// Texts numbered in the order first met.
#[derive(Default)]
struct Strings {
    list: Vec<String>,
    ids: std::collections::HashMap<String, usize>,
}

impl Strings {
    fn id(&mut self, text: &str) -> usize {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        self.list.push(text.to_owned());
        self.ids.insert(text.to_owned(), self.list.len() - 1);
        self.list.len() - 1
    }
}
