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
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        let start = rest
            .find(open)
            .expect("the page has its own style and script");
        let stop = rest[start..].find(close).expect("closed") + start;
        kept.push_str(&rest[..start + open.len()]);
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
    let mut ratings = 0;
    for doc in &documents {
        let id = escaped(&doc.document.id);
        assert!(
            html.contains(&format!(">{id}</a>")),
            "{id} in the documents table"
        );
        for action in &doc.actions {
            let cite = format!("<cite>{id}:{}</cite>", action.source.line);
            assert!(html.contains(&cite), "{cite} missing");
            ratings += action.status.len();
        }
    }
    assert!(
        html.matches(r#"class="badge rag-"#).count() >= ratings,
        "every rating of every action is a badge"
    );
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
        assert!(markup.contains("&lt;"), "document '<' shown escaped");
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
