//! `govtrail report` on the seeds: the page lists every document, every thread of
//! `links.json` (when the linker is built in), rating badges, the search box and a source
//! citation for every action, and none of the documents' markup is rendered.

mod common;

use common::seed_report;

/// The elements the report itself writes; anything else is markup leaking from a document.
const REPORT_TAGS: [&str; 36] = [
    "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
    "div", "label", "input", "span", "noscript", "nav", "a", "main", "section", "table", "thead",
    "tbody", "tr", "th", "td", "details", "summary", "ol", "ul", "li", "article", "cite", "code",
    "script",
];

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// `html` without the contents of its `<style>` and `<script>` elements.
fn without_style_and_script(html: &str) -> String {
    let mut kept = String::new();
    let mut rest = html;
    let style = rest.find("<style>").expect("the page has its own style");
    let stop = rest[style..].find("</style>").expect("closed") + style;
    kept.push_str(&rest[..style + "<style>".len()]);
    rest = &rest[stop..];
    assert!(rest.contains("<script>"), "the page has its own script");
    while let Some(start) = rest.find("<script") {
        let body = rest[start..].find('>').expect("a start tag") + start + 1;
        let stop = rest[body..].find("</script>").expect("closed") + body;
        kept.push_str(&rest[..body]);
        rest = &rest[stop..];
    }
    kept.push_str(rest);
    kept
}

/// The names of every tag in `html`, lower-cased.
fn tag_names(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|after| {
            after
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect::<String>()
                .to_lowercase()
        })
        .collect()
}

#[test]
fn seed_report_shows_documents_threads_badges_search_and_sources() {
    let work = tempfile::tempdir().expect("temp dir");
    let report = seed_report::build(work.path());
    let html = std::fs::read_to_string(&report.html).expect("report written");
    let documents = seed_report::documents(&report.dir);
    assert!(!documents.is_empty(), "no seed converted");

    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains(r#"<input type="search" id="q""#),
        "search box"
    );
    assert_eq!(
        html.matches(r#"<details class="doc-actions""#).count(),
        documents.len(),
        "one action list per document"
    );
    // Each document's action cards are drawn from the page's action data (documents.rs,
    // `action_data`): every action is there with its source line and every rating.
    let data = seed_report::action_data(&html);
    let listed = data["documents"].as_array().expect("documents");
    assert_eq!(listed.len(), documents.len(), "one data entry per document");
    for entry in listed {
        let doc = documents
            .iter()
            .find(|d| entry[0] == d.document.id.as_str())
            .unwrap_or_else(|| panic!("{} is not a converted document", entry[0]));
        let id = escaped(&doc.document.id);
        assert!(
            html.contains(&format!(">{id}</a>")),
            "{id} in the documents table"
        );
        let actions = entry[1].as_array().expect("actions");
        assert_eq!(actions.len(), doc.actions.len(), "{id}: every action");
        for (action, card) in doc.actions.iter().zip(actions) {
            assert_eq!(card[3], action.text.as_str(), "{id}: the text");
            assert_eq!(card[11], action.source.line, "{id}: the source line");
            let ratings = card[8].as_array().map_or(0, Vec::len);
            assert_eq!(ratings, action.status.len(), "{id}: every rating");
        }
    }
    for rag in documents
        .iter()
        .flat_map(|d| &d.actions)
        .flat_map(|a| &a.status)
        .filter_map(|s| s.rag)
    {
        assert!(html.contains(&format!(r#"class="seg rag-{}""#, rag.as_str())));
    }

    if report.linked {
        let links: serde_json::Value = serde_json::from_slice(
            &std::fs::read(report.dir.join("links.json")).expect("links.json"),
        )
        .expect("links.json is JSON");
        let threads = links["threads"].as_array().cloned().unwrap_or_default();
        assert_eq!(
            html.matches(r#"<article class="thread""#).count(),
            threads.len(),
            "one timeline per thread"
        );
        for thread in &threads {
            let id = escaped(thread["id"].as_str().unwrap_or_default());
            assert!(html.contains(&format!(r#"<span class="tid">{id}</span>"#)));
        }
    } else {
        assert!(
            html.contains("govtrail link DIR"),
            "says how to get threads"
        );
    }

    let markup = without_style_and_script(&html);
    for name in tag_names(&markup) {
        assert!(
            REPORT_TAGS.contains(&name.as_str()),
            "<{name}> is not the report's markup"
        );
    }
    for leak in ["<b>", "<i>", "<br", "<ul style", "<img"] {
        assert!(
            !markup.contains(leak),
            "{leak} from a document rendered as markup"
        );
    }
    let text_with_markup = documents.iter().any(|d| {
        d.actions
            .iter()
            .any(|a| a.text.contains('<') || a.updates.iter().any(|u| u.text.contains('<')))
            || d.unparsed.iter().any(|u| u.text.contains('<'))
    });
    if text_with_markup {
        // Escaped as markup in the timelines, as JSON in the action data the cards are drawn
        // from (and escaped again by the script that draws them).
        assert!(
            markup.contains("&lt;") || html.contains("\\u003c"),
            "document '<' shown escaped"
        );
    }
}

#[test]
fn report_refuses_a_directory_without_documents() {
    let work = tempfile::tempdir().expect("temp dir");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_govtrail"))
        .args(["report", "--in"])
        .arg(work.path())
        .arg("--out")
        .arg(work.path().join("report.html"))
        .output()
        .expect("runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no converted documents"));
    assert!(!work.path().join("report.html").exists());
}
