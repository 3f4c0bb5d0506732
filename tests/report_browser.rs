//! The seed report in a real browser (headless Chromium): it renders (a screenshot of the
//! expected size and some substance) and its search filters on load from `?q=` and `#q=`,
//! showing what `govtrail trace` finds for the query.
//!
//! Needs Debian's `chromium` (`scripts/install-browser.sh`); set `GOVTRAIL_SKIP_BROWSER=1` to
//! skip on a machine without it.

mod common;

use common::seed_report;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one Chromium run may take before the test gives up on it.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(120);

/// The Chromium binary, or `None` when the test should be skipped; fails when Chromium is
/// missing and skipping was not asked for.
fn chromium() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("chromium"))
            .find(|p| p.is_file())
    });
    let found = on_path.or_else(|| {
        let debian = PathBuf::from("/usr/bin/chromium");
        debian.is_file().then_some(debian)
    });
    if found.is_none() && std::env::var("GOVTRAIL_SKIP_BROWSER").as_deref() == Ok("1") {
        eprintln!("skipped: no chromium and GOVTRAIL_SKIP_BROWSER=1");
        return None;
    }
    assert!(
        found.is_some(),
        "chromium is not installed: run scripts/install-browser.sh \
         (or set GOVTRAIL_SKIP_BROWSER=1 to skip the browser test)"
    );
    found
}

/// Runs headless Chromium on `url` with `extra` flags and a fresh profile under `work`; what
/// it prints on stdout goes to `stdout_file`.
fn run_chromium(browser: &Path, work: &Path, extra: &[String], url: &str, stdout_file: &Path) {
    let profile = tempfile::tempdir_in(work).expect("profile dir");
    let stderr_file = work.join("chromium.stderr");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(stdout_file).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr_file).expect("stderr file"))
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", browser.display()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if started.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {BROWSER_TIMEOUT:?} on {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stderr = std::fs::read_to_string(&stderr_file).unwrap_or_default();
    assert!(status.success(), "chromium {status} on {url}:\n{stderr}");
}

/// The page as Chromium has it after its scripts ran at load.
fn dump_dom(browser: &Path, work: &Path, url: &str) -> String {
    let dom = work.join("dom.html");
    run_chromium(browser, work, &["--dump-dom".to_string()], url, &dom);
    std::fs::read_to_string(&dom).expect("dumped DOM")
}

fn file_url(path: &Path) -> String {
    let absolute = path.canonicalize().expect("report path");
    format!("file://{}", absolute.display()).replace(' ', "%20")
}

/// `dom` without the text of its `<script>` elements: the page's script holds the markup of
/// the action cards it draws (`<li class="action"...`), which is not a card.
fn without_scripts(dom: &str) -> String {
    let mut kept = String::with_capacity(dom.len());
    let mut rest = dom;
    while let Some(open) = rest.find("<script") {
        let Some(body) = rest[open..].find('>') else {
            break;
        };
        kept.push_str(&rest[..open + body + 1]);
        rest = &rest[open + body + 1..];
        match rest.find("</script>") {
            Some(close) => rest = &rest[close..],
            None => rest = "",
        }
    }
    kept.push_str(rest);
    kept
}

/// The start tags of `dom`'s blocks opening with `start`, outside its scripts.
fn start_tags<'a>(dom: &'a str, start: &str) -> Vec<&'a str> {
    dom.match_indices(start)
        .map(|(at, _)| &dom[at..at + dom[at..].find('>').unwrap_or(dom.len() - at)])
        .collect()
}

/// The value of attribute `name` in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let open = format!(r#" {name}=""#);
    let at = tag.find(&open)? + open.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// Checks that after loading with `query` the visible threads and action cards are exactly
/// those `govtrail trace` finds for it (its threads with their members, and the actions in no
/// thread), and returns how many threads and cards were shown and hidden.
fn check_filter(dom: &str, report: &seed_report::SeedReport, query: &str) -> [(usize, usize); 2] {
    let documents = seed_report::documents(&report.dir);
    let links: govtrail_link::Links = if report.linked {
        let text = std::fs::read_to_string(report.dir.join("links.json")).expect("links.json");
        serde_json::from_str(&text).expect("links.json parses")
    } else {
        govtrail_link::Links::default()
    };
    let mut threads = std::collections::HashSet::new();
    let mut items = std::collections::HashSet::new();
    for timeline in govtrail_link::trace(&links, &documents, query) {
        if let Some(id) = &timeline.id {
            threads.insert(id.clone());
        }
        for m in timeline.members {
            items.insert((m.document, m.reference));
        }
    }
    let dom = without_scripts(dom);
    let html = std::fs::read_to_string(&report.html).expect("the report");
    let data = seed_report::action_data(&html);
    let mut counts = [(0, 0); 2];
    for (tag, text) in [r#"<article class="thread""#, r#"<li class="action"#]
        .iter()
        .enumerate()
    {
        for start in start_tags(&dom, text) {
            let hidden = start.contains(" hidden");
            let id = attribute(start, "id").expect("an id");
            let expected = if tag == 0 {
                let open = r#"<span class="tid">"#;
                let block = &dom[dom.find(start).unwrap_or_default()..];
                let tid = block.find(open).map(|at| &block[at + open.len()..]);
                let tid = tid.and_then(|t| t.split('<').next()).unwrap_or_default();
                threads.contains(tid)
            } else {
                let place: Vec<usize> = id[2..].split('-').filter_map(|n| n.parse().ok()).collect();
                let document = &data["documents"][place[0]];
                let reference = document[1][place[1]][0].as_str().map(str::to_owned);
                let name = document[0].as_str().unwrap_or_default().to_owned();
                reference.is_some_and(|r| items.contains(&(name, r)))
            };
            assert_eq!(
                !hidden,
                expected,
                "{id} for {query:?}: {} but trace {} it",
                if hidden { "hidden" } else { "shown" },
                if expected { "finds" } else { "does not find" }
            );
            if hidden {
                counts[tag].1 += 1;
            } else {
                counts[tag].0 += 1;
            }
        }
    }
    counts
}

#[test]
fn report_renders_and_filters_in_chromium() {
    let Some(browser) = chromium() else {
        return;
    };
    let work = tempfile::tempdir().expect("temp dir");
    let report = seed_report::build(work.path());
    let url = file_url(&report.html);

    let shot = work.path().join("report.png");
    run_chromium(
        &browser,
        work.path(),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".to_string(),
        ],
        &url,
        &work.path().join("screenshot.stdout"),
    );
    let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let dimension =
        |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    assert_eq!((dimension(16), dimension(20)), (1280, 2000), "window size");
    assert!(
        png.len() > 20_000,
        "a {}-byte screenshot is blank",
        png.len()
    );

    // The issue every seed year touches: the ERP replacement (Oracle Fusion).
    let dom = dump_dom(&browser, work.path(), &format!("{url}?q=Oracle"));
    assert!(
        dom.contains(r#"data-query="Oracle""#),
        "the script ran on load"
    );
    assert!(
        dom.contains(r#"value="Oracle""#),
        "the search box is pre-filled"
    );
    let [(threads_shown, threads_hidden), (actions_shown, actions_hidden)] =
        check_filter(&dom, &report, "Oracle");
    let mentions_oracle = seed_report::documents(&report.dir)
        .iter()
        .flat_map(|d| &d.actions)
        .any(|a| serde_json::to_string(a).is_ok_and(|j| j.to_lowercase().contains("oracle")));
    if mentions_oracle {
        assert!(actions_shown > 0, "the Oracle actions stay visible");
    }
    if report.linked && threads_shown + threads_hidden > 0 {
        assert!(threads_shown > 0, "the ERP/Oracle thread stays visible");
        assert!(threads_hidden > 0, "threads without Oracle are hidden");
    }
    assert!(actions_hidden > 0, "actions without Oracle are hidden");

    // The fragment form, with two words that must both appear: a title from the seeds.
    let documents = seed_report::documents(&report.dir);
    let title = documents
        .iter()
        .flat_map(|d| &d.actions)
        .filter_map(|a| a.title.as_deref())
        .find(|t| t.split_whitespace().count() >= 2)
        .expect("some seed action has a title of two words or more");
    let query: Vec<&str> = title.split_whitespace().take(2).collect();
    let query = query.join(" ");
    let fragment = query
        .replace('%', "%25")
        .replace(' ', "%20")
        .replace('#', "%23");
    let dom = dump_dom(&browser, work.path(), &format!("{url}#q={fragment}"));
    let [_, (shown, hidden)] = check_filter(&dom, &report, &query);
    assert!(
        shown > 0 && hidden > 0,
        "{query:?}: {shown} shown, {hidden} hidden"
    );
}
