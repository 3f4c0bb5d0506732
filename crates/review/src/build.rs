//! From a record's rows to an action: text and topic heading, owners, dates, links; then the
//! document-wide passes: which recommendations cite each action, and the as-at date.

use crate::italic::heading_before_italics;
use crate::links::links_in;
use crate::{Column, RecordRows};
use govtrail_model::{Action, ActionKind, Diagnostic, DocumentOutput, Status, Update};
use govtrail_parse::clean::{html_to_text, strip_tags};
use govtrail_parse::dates::{as_at_date, month_period, parse_due};
use govtrail_parse::heading::{heading_only, shared_heading, split_heading};
use govtrail_parse::owners::split_owners;
use govtrail_parse::reported::latest_reported_day;
use govtrail_parse::status::rag_of;
use govtrail_parse::{settle_as_at, ParseOptions};
use std::collections::{HashMap, HashSet};

/// Fills `out.actions` from the records, and the document's as-at date and periods.
pub(crate) fn build_document(
    out: &mut DocumentOutput,
    records: Vec<RecordRows>,
    header_texts: &[String],
    options: &ParseOptions,
) {
    let stated = header_texts
        .iter()
        .chain(&out.document.title)
        .find_map(|t| as_at_date(t));
    let found = stated.or_else(|| {
        let notes: Vec<String> = records
            .iter()
            .flat_map(|r| r.column(Column::Progress))
            .map(|c| html_to_text(c))
            .collect();
        let inferred = latest_reported_day(notes.iter().map(String::as_str))?;
        if options.as_at.is_none() {
            out.diagnostics.push(Diagnostic::info(
                None,
                format!(
                    "no as-at date printed; {inferred} is the latest day the progress notes report"
                ),
            ));
        }
        Some(inferred)
    });
    settle_as_at(out, found, options);
    let period = out.document.as_at.map(month_period);
    out.document.periods.extend(period.clone());

    let plain: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            r.column(Column::Action)
                .iter()
                .map(|c| html_to_text(c))
                .filter(|t| !t.is_empty())
                .collect()
        })
        .collect();
    let siblings = nearest_siblings(&records);
    for (i, record) in records.iter().enumerate() {
        let sibling_heading = sibling_heading(&records, &plain, i, siblings[i]);
        let (title, text) = title_and_text(record, &plain[i], sibling_heading);
        let action = build_action(record, title, text, period.as_deref());
        for status in action.status.iter().filter(|s| s.rag.is_none()) {
            out.diagnostics.push(Diagnostic::warning(
                action.source.line,
                format!("status {:?} is no rating this parser knows", status.raw),
            ));
        }
        out.actions.push(action);
    }
    cite(&mut out.actions, &mut out.diagnostics);
}

/// For each record, the nearest record before and after it of its kind under the same parent,
/// found in one pass each way (a plan of a million records whose parents all differ would
/// otherwise be searched to its start and end for every record).
fn nearest_siblings(records: &[RecordRows]) -> Vec<[Option<usize>; 2]> {
    let mut nearest = vec![[None, None]; records.len()];
    let mut last: HashMap<(ActionKind, Option<&str>), usize> = HashMap::new();
    for (i, record) in records.iter().enumerate() {
        nearest[i][0] = last.insert((record.kind, record.parent.as_deref()), i);
    }
    last.clear();
    for (i, record) in records.iter().enumerate().rev() {
        nearest[i][1] = last.insert((record.kind, record.parent.as_deref()), i);
    }
    nearest
}

/// The topic heading record `i` shares with the nearest record of its kind under the same
/// parent, before or after it ("Waste Contract" for S1.3.A–E, "Waste Service" for I22–I24).
fn sibling_heading(
    records: &[RecordRows],
    plain: &[Vec<String>],
    i: usize,
    siblings: [Option<usize>; 2],
) -> Option<String> {
    if records[i].kind == ActionKind::CrossReference {
        return None;
    }
    let first = |j: usize| plain[j].first().map(String::as_str).unwrap_or("");
    siblings
        .into_iter()
        .flatten()
        .filter_map(|j| shared_heading(first(i), first(j)))
        .max_by_key(|h| h.len())
}

/// The record's topic heading and its text without it.
///
/// - a cross-reference's heading is the plain text before its italics;
/// - a cell that is only a heading, whose sentence continues after a page break, is the
///   heading (`S1.5\tLion Farm` … `\tAction plan to agree way forward`), when what continues
///   opens a sentence;
/// - a heading shared with a sibling row is the heading (`Waste Contract Resolution of
///   Industrial Relations issues` → "Waste Contract");
/// - otherwise the title-case words before the first sentence, if any.
fn title_and_text(
    record: &RecordRows,
    plain: &[String],
    sibling_heading: Option<String>,
) -> (Option<String>, String) {
    let full = plain.join(" ");
    let title = match record.kind {
        ActionKind::CrossReference => record
            .column(Column::Action)
            .first()
            .and_then(|c| heading_before_italics(c)),
        _ if plain.len() >= 2 && heading_only(&plain[0]) && opens_sentence(&plain[1]) => {
            Some(plain[0].clone())
        }
        _ => sibling_heading.filter(|h| full.len() > h.len()),
    };
    match title {
        Some(title) => {
            let text = full
                .strip_prefix(title.as_str())
                .map_or(full.as_str(), str::trim_start)
                .to_owned();
            (Some(title), text)
        }
        None if record.kind == ActionKind::CrossReference => (None, full),
        None => split_heading(&full),
    }
}

/// True when `text` starts like a sentence, with a capital letter: "Action plan to agree …"
/// after a heading-only cell, not "(including delegated decision making)" continuing it.
fn opens_sentence(text: &str) -> bool {
    text.starts_with(|c: char| c.is_uppercase())
}

fn joined(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| html_to_text(c))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn build_action(
    record: &RecordRows,
    title: Option<String>,
    text: String,
    period: Option<&str>,
) -> Action {
    let canonical = record.reference.as_ref().map(ToString::to_string);
    let mut action = Action::new(canonical.clone(), record.kind, record.line);
    if canonical.as_deref() != Some(record.printed_ref.as_str()) {
        action.raw_ref = Some(record.printed_ref.clone());
    }
    action.parent = record.parent.clone();
    action.title = title;
    action.text = text;
    // Leads continued after a page break are split on their own and appended: "Chief
    // Executive Leader Director - Law & Governance" + "Cabinet Members & Leadership Team".
    action.owners = record
        .column(Column::Lead)
        .iter()
        .flat_map(|c| split_owners(&strip_tags(c)))
        .collect();
    // Each column's text is made once: it is both a field and where links are looked for.
    let due = joined(record.column(Column::Due));
    let measure = joined(record.column(Column::Measure));
    let progress = joined(record.column(Column::Progress));
    if record.kind == ActionKind::CrossReference {
        // A range points at each of its members; a single ref is itself the pointer.
        if let Some(r) = record.reference.as_ref().filter(|r| r.is_range()) {
            action.links = r.members();
        }
    } else {
        let action_text = joined(record.column(Column::Action));
        let lead = joined(record.column(Column::Lead));
        for text in [&action_text, &lead, &due, &measure, &progress] {
            for link in links_in(text) {
                if !action.links.contains(&link) {
                    action.links.push(link);
                }
            }
        }
    }
    action.due = (!due.is_empty()).then(|| parse_due(&due));
    action.measure = (!measure.is_empty()).then_some(measure);
    let status = joined(record.column(Column::Status));
    if !status.is_empty() {
        action.status.push(Status {
            period: period.map(str::to_owned),
            rag: rag_of(&status),
            raw: status,
        });
    }
    if !progress.is_empty() {
        action.updates.push(Update {
            period: period.map(str::to_owned),
            text: progress,
        });
    }
    for &line in &record.lines {
        action.add_line(line);
    }
    action.fragments = record.fragments.clone();
    action.flags = record.flags.clone();
    action
}

/// Records on each defined action the recommendations whose cross-references cite it, never
/// touching the action itself otherwise. A cross-reference naming no action of the document
/// (`S1.2.F` printed for `S2.1.F`) is matched by its text when one action clearly fits.
///
/// Actions are found by ref through an index and by text through an index of their words, so
/// a plan of a million rows of cross-references is read in linear time.
fn cite(actions: &mut [Action], diagnostics: &mut Vec<Diagnostic>) {
    let mut defined: HashMap<String, usize> = HashMap::new();
    for (j, action) in actions.iter().enumerate().rev() {
        if let (false, Some(reference)) = (
            action.kind == ActionKind::CrossReference,
            action.reference.as_ref(),
        ) {
            defined.insert(reference.clone(), j);
        }
    }
    let mut texts: Option<TextIndex> = None;
    for i in 0..actions.len() {
        if actions[i].kind != ActionKind::CrossReference {
            continue;
        }
        let Some(reference) = actions[i].reference.clone() else {
            continue;
        };
        let targets = if actions[i].links.is_empty() {
            vec![reference.clone()]
        } else {
            actions[i].links.clone()
        };
        let citing = actions[i].parent.clone();
        for target in targets {
            let found = match defined.get(&target) {
                Some(&j) => Some(j),
                None => {
                    let by_text = texts
                        .get_or_insert_with(|| TextIndex::new(actions))
                        .matching_text(&actions[i].text);
                    let message = match by_text {
                        Some(j) => format!(
                            "cross-reference {target} names no action of the document; its text matches {}",
                            actions[j].reference.as_deref().unwrap_or_default()
                        ),
                        None => format!("cross-reference {target} names no action of the document"),
                    };
                    diagnostics.push(Diagnostic::warning(actions[i].source.line, message));
                    if let Some(resolved) = by_text.and_then(|j| actions[j].reference.clone()) {
                        actions[i].links.push(resolved);
                    }
                    by_text
                }
            };
            if let (Some(j), Some(citing)) = (found, &citing) {
                if !actions[j].cited_by.contains(citing) {
                    actions[j].cited_by.push(citing.clone());
                }
            }
        }
    }
}

/// The words of a text that matching by text weighs: the first `limit` of four letters or
/// more, lower-cased.
fn words(text: &str, limit: usize) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4)
        .take(limit)
        .map(str::to_lowercase)
        .collect()
}

/// Which actions (of kind [`ActionKind::Action`]) open with each word, built once per
/// document when a cross-reference first needs matching by text. Texts do not change while
/// citations are recorded, so the index stays true.
struct TextIndex {
    actions_with_word: HashMap<String, Vec<usize>>,
}

impl TextIndex {
    fn new(actions: &[Action]) -> TextIndex {
        let mut actions_with_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (j, action) in actions.iter().enumerate() {
            if action.kind == ActionKind::Action {
                for word in words(&action.text, 60) {
                    actions_with_word.entry(word).or_default().push(j);
                }
            }
        }
        TextIndex { actions_with_word }
    }

    /// The one action whose text a cross-reference's `text` repeats: most of its words open
    /// the action, clearly more than for any other action (an action sharing no word scores
    /// 0, so only the actions sharing one are counted).
    fn matching_text(&self, text: &str) -> Option<usize> {
        let wanted = words(text, 30);
        if wanted.len() < 3 {
            return None;
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in &wanted {
            for &j in self.actions_with_word.get(word).into_iter().flatten() {
                *shared.entry(j).or_default() += 1;
            }
        }
        let score = |count: usize| count as f32 / wanted.len() as f32;
        // The best score, the earliest action on a tie, and the runner-up's score.
        let mut best: Option<(usize, f32)> = None;
        let mut runner_up = 0.0f32;
        for (&j, &count) in &shared {
            let s = score(count);
            match best {
                Some((b, bs)) if s > bs || (s == bs && j < b) => {
                    runner_up = bs;
                    best = Some((j, s));
                }
                Some((_, bs)) => runner_up = runner_up.max(s.min(bs)),
                None => best = Some((j, s)),
            }
        }
        best.filter(|&(_, s)| s >= 0.75 && s - runner_up >= 0.2)
            .map(|(j, _)| j)
    }
}
