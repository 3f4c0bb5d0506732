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
            Some((d, a, x)) => action::body(out, &member.document, x, &format!("a-{d}-{a}"))?,
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

/// The links joining the thread's members, with the linker's score and reasons: for each
/// member the strongest link that brought it in, strongest first. A thread of many members
/// is joined by many more links than members (23 links for 7 members on average in a
/// 300-document archive), and listing them all made a third of such a page; the rest are in
/// `links.json`, and the summary says how many are shown.
fn evidence(out: &mut String, thread: &Thread, links: &[crate::links::Link]) -> fmt::Result {
    let members: HashSet<ItemRef> = thread.members.iter().map(|m| m.item()).collect();
    let mut joining: Vec<_> = links
        .iter()
        .filter(|l| members.contains(&l.a) && members.contains(&l.b))
        .collect();
    if joining.is_empty() {
        return Ok(());
    }
    joining.sort_by(|x, y| y.score.total_cmp(&x.score));
    let mut explained: HashSet<&ItemRef> = HashSet::new();
    let shown: Vec<_> = joining
        .iter()
        .copied()
        .filter(|l| {
            let new = !explained.contains(&l.a) || !explained.contains(&l.b);
            explained.insert(&l.a);
            explained.insert(&l.b);
            new
        })
        .collect();
    let plural = if joining.len() == 1 { "" } else { "s" };
    if shown.len() == joining.len() {
        write!(
            out,
            r#"<details class="why"><summary>why linked ({} link{plural})</summary><ul>"#,
            joining.len()
        )?;
    } else {
        write!(
            out,
            r#"<details class="why"><summary>why linked (the strongest link of each member: {} of {} link{plural}; all in links.json)</summary><ul>"#,
            shown.len(),
            joining.len()
        )?;
    }
    for link in shown {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::{Link, Member};

    fn member(document: &str) -> Member {
        Member {
            document: document.into(),
            reference: "1".into(),
            year: None,
            title: String::new(),
            score: None,
        }
    }

    fn link(a: &str, b: &str, score: f64) -> Link {
        Link {
            a: member(a).item(),
            b: member(b).item(),
            score,
            confidence: score,
            why: format!("{a}-{b}"),
        }
    }

    #[test]
    fn evidence_cites_the_strongest_link_of_each_member() {
        let thread = Thread {
            id: "t0001".into(),
            title: String::new(),
            members: ["a", "b", "c"].map(member).to_vec(),
        };
        // a-b and b-c bring every member in; a-c adds none; x-y is another thread's.
        let links = [
            link("a", "b", 0.9),
            link("a", "c", 0.5),
            link("b", "c", 0.7),
            link("x", "y", 1.0),
        ];
        let mut out = String::new();
        evidence(&mut out, &thread, &links).expect("writes");
        assert!(out.contains("2 of 3 links; all in links.json"), "{out}");
        let ab = out.find("a-b").expect("a-b shown");
        let bc = out.find("b-c").expect("b-c shown");
        assert!(ab < bc, "strongest first");
        assert!(!out.contains("a-c") && !out.contains("x-y"), "{out}");
    }
}
