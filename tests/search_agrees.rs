//! `govtrail trace` and the report's search box find the same things: the seeds' report is
//! built with the real binary, the search script and data it embeds are run in `node` for a
//! set of queries, and each answer must be the set of threads and unthreaded actions `trace`
//! gives for the same query. `node` is required: without it the test fails.

mod common;

use common::seed_report::{self, script_body};
use govtrail_link::{trace, Links};
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

/// One kind of query each, over the seeds.
const QUERIES: &[&str] = &[
    // Words in thread titles, in another case.
    "oracle fusion",
    "Children's Services",
    // A stem variant of a title's word ("Programme"), and one in look-alike Cyrillic letters.
    "programmes",
    "Сontinuous Improvement",
    // Abbreviations the seeds define ("Medium Term Financial Strategy (MTFS)") or imply.
    "MTFS",
    "HRA",
    "Regen",
    // A ref in another case, and a ref printed in several documents.
    "co.a1.0",
    "1",
    // Words in no title, only in the texts of thread members or of actions in no thread.
    "refocused",
    "milestones",
    "libraries",
    "safeguarding",
    // A stop word only, a word no seed prints, and a known word beside an unknown one.
    "the",
    "zeppelin",
    "oracle zeppelin",
];

/// The threads (ids) and unthreaded actions (document, ref) one query finds.
type Answer = (BTreeSet<String>, BTreeSet<(String, String)>);

/// Runs each query through the search script the page carries, on the data it carries.
const NODE_PROGRAM: &str = r#"
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const govtrailSearch = new Function(input.script + "\nreturn govtrailSearch;")();
const documents = input.actions.documents;
const search = govtrailSearch(input.search, documents);
const answers = input.queries.map(function (q) {
  const found = search.find(q);
  return {
    threads: found.threads.map(function (t) { return search.threads[t].id; }),
    items: found.items.map(function (i) { return [documents[search.items[i].d][0], search.items[i].ref]; })
  };
});
process.stdout.write(JSON.stringify(answers));
"#;

fn page_answers(html: &str, queries: &[&str]) -> Vec<Answer> {
    let parse = |open: &str| -> serde_json::Value {
        serde_json::from_str(script_body(html, open)).expect("the page's data is JSON")
    };
    let input = serde_json::json!({
        "script": script_body(html, r#"<script id="search-script">"#),
        "search": parse(r#"<script type="application/json" id="search-data">"#),
        "actions": seed_report::action_data(html),
        "queries": queries,
    });
    let mut child = Command::new("node")
        .args(["-e", NODE_PROGRAM])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node is installed (the report's search is checked with it)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.to_string().as_bytes())
        .expect("node reads the input");
    let output = child.wait_with_output().expect("node ran");
    assert!(output.status.success(), "node failed: {}", output.status);
    let answers: Vec<serde_json::Value> =
        serde_json::from_slice(&output.stdout).expect("node printed JSON");
    answers
        .iter()
        .map(|a| {
            let text = |v: &serde_json::Value| v.as_str().expect("a string").to_owned();
            let threads = a["threads"].as_array().expect("threads");
            let items = a["items"].as_array().expect("items");
            (
                threads.iter().map(text).collect(),
                items.iter().map(|i| (text(&i[0]), text(&i[1]))).collect(),
            )
        })
        .collect()
}

fn trace_answer(links: &Links, docs: &[govtrail_model::DocumentOutput], query: &str) -> Answer {
    let mut answer = Answer::default();
    for timeline in trace(links, docs, query) {
        match timeline.id {
            Some(id) => {
                answer.0.insert(id);
            }
            None => {
                for m in timeline.members {
                    answer.1.insert((m.document, m.reference));
                }
            }
        }
    }
    answer
}

#[test]
fn trace_and_the_report_search_find_the_same_threads_and_actions() {
    let work = tempfile::tempdir().expect("temp dir");
    let report = seed_report::build(work.path());
    assert!(report.linked, "the seeds are linked");
    let html = std::fs::read_to_string(&report.html).expect("the report");
    let docs = seed_report::documents(&report.dir);
    let links: Links = serde_json::from_str(
        &std::fs::read_to_string(report.dir.join("links.json")).expect("links.json"),
    )
    .expect("links.json parses");
    let thread_id = links.threads[0].id.clone();
    let mut queries = QUERIES.to_vec();
    queries.push(&thread_id);
    let page = page_answers(&html, &queries);
    for (query, from_page) in queries.iter().zip(&page) {
        let from_trace = trace_answer(&links, &docs, query);
        assert_eq!(
            &from_trace, from_page,
            "{query:?}: trace (left) and the report's search (right) disagree"
        );
    }
    // The queries test what they say: each finds something except the last four, and the
    // look-alike letters and the stem find what their plain forms find.
    let answer = |q: &str| &page[queries.iter().position(|x| *x == q).expect("a query")];
    for query in &queries {
        let empty = ["the", "zeppelin", "oracle zeppelin"].contains(query);
        let (threads, items) = answer(query);
        assert_eq!(
            threads.is_empty() && items.is_empty(),
            empty,
            "{query:?} finds {threads:?} and {items:?}"
        );
    }
    assert_eq!(
        trace_answer(&links, &docs, "continuous improvement"),
        answer("Сontinuous Improvement").clone()
    );
    assert_eq!(
        trace_answer(&links, &docs, "programme"),
        answer("programmes").clone()
    );
    assert_eq!(answer(&thread_id).0, BTreeSet::from([thread_id.clone()]));
    assert!(
        !answer("refocused").0.is_empty(),
        "a word of a member's text finds its thread"
    );
}
