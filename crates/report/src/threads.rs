//! The threads of `links.json` as timelines: each recurring issue's items oldest first, with
//! the year, document, ref, title, owners, due date, ratings and latest update of each, and
//! the evidence the linker gave for joining them.

use crate::action::{self, latest_change};
use crate::escape::Escaped;
use crate::links::{given, ItemRef, Links, Thread};
use crate::Index;
use govtrail_model::DocumentOutput;
use std::collections::HashSet;
use std::fmt::{self, Write};

/// The threads section; says how to get threads when there is no `links.json`.
pub(crate) fn section(
    out: &mut String,
    documents: &[DocumentOutput],
    links: Option<&Links>,
    index: &Index,
) -> fmt::Result {
    out.push_str(r#"<section id="threads"><h2>Threads across years</h2>"#);
    match links {
        None => out.push_str(
            r#"<p class="none">No links were given: run <code>govtrail link DIR</code> to trace recurring issues across documents, then make the report again.</p>"#,
        ),
        Some(links) if links.threads.is_empty() => {
            out.push_str(r#"<p class="none">The linker found no issue recurring across documents.</p>"#)
        }
        Some(links) => {
            for (t, thread) in links.threads.iter().enumerate() {
                article(out, t, thread, &links.links, documents, index)?;
            }
        }
    }
    out.push_str("</section>");
    Ok(())
}

fn article(
    out: &mut String,
    t: usize,
    thread: &Thread,
    links: &[crate::links::Link],
    documents: &[DocumentOutput],
    index: &Index,
) -> fmt::Result {
    let years: Vec<i32> = thread.members.iter().filter_map(|m| m.year).collect();
    let span = match (years.iter().min(), years.iter().max()) {
        (Some(first), Some(last)) if first != last => format!("{first}–{last}"),
        (Some(year), _) => year.to_string(),
        _ => String::new(),
    };
    let document_count = thread
        .members
        .iter()
        .map(|m| m.document.as_str())
        .collect::<HashSet<_>>()
        .len();
    let title = given(&thread.title)
        .or_else(|| thread.members.iter().find_map(|m| given(&m.title)))
        .unwrap_or("(untitled)");
    write!(
        out,
        r#"<article class="thread" id="th-{t}"><h3><span class="tid">{}</span> {} <span class="span">{} · {} item{} in {} document{}</span></h3><ol class="timeline">"#,
        Escaped(&thread.id),
        Escaped(title),
        span,
        thread.members.len(),
        if thread.members.len() == 1 { "" } else { "s" },
        document_count,
        if document_count == 1 { "" } else { "s" }
    )?;
    for member in &thread.members {
        let found = given(&member.reference).and_then(|r| index.action(&member.document, r));
        let act = found.and_then(|(d, a)| documents.get(d)?.actions.get(a).map(|x| (d, a, x)));
        let moved = act
            .and_then(|(_, _, x)| latest_change(&x.status))
            .map(|m| format!(" moved-{}", m.as_str()))
            .unwrap_or_default();
        write!(
            out,
            r#"<li class="member{moved}"><div class="year">{}</div><div class="card"><div class="head">"#,
            member.year.map(|y| y.to_string()).unwrap_or_default()
        )?;
        let reference = Escaped(given(&member.reference).unwrap_or("(no ref)"));
        match act {
            Some((d, a, _)) => write!(
                out,
                r##"<a class="ref" href="#a-{d}-{a}">{reference}</a> "##
            )?,
            None => write!(out, r#"<span class="ref">{reference}</span> "#)?,
        }
        let member_title =
            given(&member.title).or_else(|| act.and_then(|(_, _, x)| x.title.as_deref()));
        if let Some(member_title) = member_title {
            write!(
                out,
                r#"<span class="title">{}</span> "#,
                Escaped(member_title)
            )?;
        }
        write!(
            out,
            r#"<span class="doc">{}</span></div>"#,
            Escaped(&member.document)
        )?;
        match act {
            Some((_, _, x)) => action::body(out, &member.document, x)?,
            None => out.push_str(
                r#"<p class="none">This item is not among the converted documents given to the report.</p>"#,
            ),
        }
        out.push_str("</div></li>");
    }
    out.push_str("</ol>");
    evidence(out, thread, links)?;
    out.push_str("</article>");
    Ok(())
}

/// The links joining the thread's members, with the linker's score and reasons.
fn evidence(out: &mut String, thread: &Thread, links: &[crate::links::Link]) -> fmt::Result {
    let members: HashSet<ItemRef> = thread.members.iter().map(|m| m.item()).collect();
    let joining: Vec<_> = links
        .iter()
        .filter(|l| members.contains(&l.a) && members.contains(&l.b))
        .collect();
    if joining.is_empty() {
        return Ok(());
    }
    write!(
        out,
        r#"<details class="why"><summary>why linked ({} link{})</summary><ul>"#,
        joining.len(),
        if joining.len() == 1 { "" } else { "s" }
    )?;
    for link in joining {
        let item = |i: &ItemRef| {
            format!(
                "{} {}",
                i.document,
                given(&i.reference).unwrap_or("(no ref)")
            )
        };
        write!(
            out,
            r#"<li>{} ↔ {} <span class="score">{:.2}</span> {}</li>"#,
            Escaped(&item(&link.a)),
            Escaped(&item(&link.b)),
            link.score,
            Escaped(&link.why)
        )?;
    }
    out.push_str("</ul></details>");
    Ok(())
}
