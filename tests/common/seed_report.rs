//! The seeds through the real binary, as a user would run it: `convert`, then `link` when the
//! linker is built in, then `report`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The output of [`build`].
pub struct SeedReport {
    /// The conversion directory (documents, `links.json` when linked, `report.html`).
    pub dir: PathBuf,
    /// The report page.
    pub html: PathBuf,
    /// Whether `govtrail link` ran, so the report has threads.
    pub linked: bool,
}

fn govtrail(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govtrail"))
        .args(args)
        .output()
        .expect("the govtrail binary runs")
}

fn describe(output: &Output) -> String {
    format!(
        "{}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Converts, links and reports the seeds under `work`.
pub fn build(work: &Path) -> SeedReport {
    let dir = work.join("out");
    let seeds = super::root().join("seeds");
    // `convert` exits non-zero while a seed's family has no parser yet; the documents that did
    // convert are enough for a report.
    govtrail(&[
        "convert".as_ref(),
        seeds.as_os_str(),
        "--out".as_ref(),
        dir.as_os_str(),
    ]);
    let link = govtrail(&["link".as_ref(), dir.as_os_str()]);
    let linked = if String::from_utf8_lossy(&link.stderr).contains("unrecognized subcommand") {
        false
    } else {
        assert!(link.status.success(), "govtrail link: {}", describe(&link));
        assert!(dir.join("links.json").is_file(), "link wrote no links.json");
        true
    };
    let html = dir.join("report.html");
    let report = govtrail(&[
        "report".as_ref(),
        "--in".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        html.as_os_str(),
    ]);
    assert!(
        report.status.success(),
        "govtrail report: {}",
        describe(&report)
    );
    SeedReport { dir, html, linked }
}

/// The converted documents of `dir`, as the report command reads them.
pub fn documents(dir: &Path) -> Vec<govtrail_model::DocumentOutput> {
    govtrail_store::read_documents(dir).unwrap_or_else(|e| panic!("{e}"))
}

/// The blocks of `html` that open with `start` (a start tag's beginning) up to the next
/// `end`, each with whether its start tag carries the `hidden` attribute and its text
/// (tags removed, lower-cased).
pub fn blocks(html: &str, start: &str, end: &str) -> Vec<(bool, String)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(start) {
        let block = &rest[at..];
        let tag_end = block.find('>').unwrap_or(block.len());
        let hidden = block[..tag_end].contains(" hidden");
        let stop = block.find(end).unwrap_or(block.len());
        found.push((hidden, text_of(&block[..stop]).to_lowercase()));
        rest = &block[start.len()..];
    }
    found
}

/// `html` with its tags removed.
pub fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The body of the page's first script that opens with `open` (a start tag), up to its
/// `</script>`.
pub fn script_body<'a>(html: &'a str, open: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("the page holds {open}"))
        + open.len();
    let end = start
        + html[start..]
            .find("</script>")
            .expect("the script is closed");
    &html[start..end]
}

/// The JSON of the page's `<script type="application/json" id="action-data">`.
pub fn action_data(html: &str) -> serde_json::Value {
    let open = r#"<script type="application/json" id="action-data">"#;
    serde_json::from_str(script_body(html, open)).expect("the action data is JSON")
}
