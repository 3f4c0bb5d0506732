//! Scores converted documents against the gold extractions, as the project's scorer does.
//!
//! The rules mirror `tools/score_extraction.py` exactly (same normalisation, same greedy
//! matching of records by ref and nearest line, same checks per family), so the Rust accuracy
//! test and the published scorer agree. On top of the scorer's per-field accuracy it reports
//! per-field recall: correct values over every gold record that carries the field, matched or
//! not. Works on parsed JSON values; reading the files is the caller's business.
//!
//! ```
//! use serde_json::json;
//! let gold = json!({"document": "d.txt", "family": "ags-action-plan-update", "records": [
//!     {"line": 2, "ref": "1", "title": "Cyber Security", "text_start": "A plan", "owners": ["Chief Executive"],
//!      "due": "March 2019", "progress_start": "Done"}]});
//! let out = json!({"document": {"family": "ags-action-plan-update"}, "actions": [
//!     {"ref": "1", "title": "Cyber Security", "text": "A plan.", "owners": ["Chief Executive"],
//!      "due": {"raw": "March 2019"}, "updates": [{"text": "Done"}], "source": {"line": 2}}]});
//! let score = govtrail_eval::score_document(&gold, Some(&out));
//! assert_eq!(score.ref_f1, 1.0);
//! assert_eq!(score.field_accuracy(), 1.0);
//! ```
#![deny(missing_docs)]

use govtrail_model::Family;
use regex::Regex;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The accuracy a family must reach: ref F1 and overall field accuracy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bars {
    /// Lowest acceptable ref F1.
    pub min_ref_f1: f64,
    /// Lowest acceptable field accuracy.
    pub min_field: f64,
}

/// The bars each family's issue sets.
pub fn bars_for(family: Family) -> Bars {
    match family {
        Family::AgsActionPlanUpdate => Bars {
            min_ref_f1: 1.0,
            min_field: 0.95,
        },
        Family::GovernanceReviewPlan => Bars {
            min_ref_f1: 0.99,
            min_field: 0.95,
        },
        Family::ImprovementPlanTracker => Bars {
            min_ref_f1: 0.99,
            min_field: 0.95,
        },
        Family::CorporatePlanPerformance => Bars {
            min_ref_f1: 0.95,
            min_field: 0.90,
        },
        Family::ActionPlan => Bars {
            min_ref_f1: 0.95,
            min_field: 0.90,
        },
    }
}

/// The gold family name of a layout govtrail was not written for: the output may name any
/// family, and the generic fields of the model are checked.
pub const ANY_FAMILY: &str = "any";

/// The bars for a gold file's family name: a family's own, or the general reader's for
/// [`ANY_FAMILY`].
pub fn bars_for_gold(family: &str) -> Option<Bars> {
    if family == ANY_FAMILY {
        return Some(bars_for(Family::ActionPlan));
    }
    Family::from_name(family).map(bars_for)
}

/// Counts for one field of one document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldTally {
    /// Checks that passed.
    pub correct: usize,
    /// Checks made (on gold records matched to an output record).
    pub checked: usize,
    /// Checks the gold asks for (on every gold record, matched or not).
    pub expected: usize,
}

impl FieldTally {
    /// Correct over checked: how often a value the output gives is right (the scorer's figure).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.checked)
    }

    /// Correct over expected: how much of the gold the output gets right.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.expected)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The score of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocScore {
    /// The gold's document id.
    pub document: String,
    /// The gold's family name.
    pub family: String,
    /// False when there was no output for the document.
    pub has_output: bool,
    /// True when the output names the gold's family.
    pub family_ok: bool,
    /// Matched records over output records that carry a ref.
    pub ref_precision: f64,
    /// Matched records over gold records.
    pub ref_recall: f64,
    /// Harmonic mean of the two.
    pub ref_f1: f64,
    /// Per field name.
    pub fields: BTreeMap<String, FieldTally>,
    /// The family the output names (reported for gold family `any`).
    pub output_family: Option<String>,
    /// For gold family `any`: whether the output's `as_at` agrees (informational).
    pub as_at_ok: Option<Result<(), Option<String>>>,
}

impl DocScore {
    /// All checks passed over all checks made.
    pub fn field_accuracy(&self) -> f64 {
        let (c, n) = self
            .fields
            .values()
            .fold((0, 0), |(c, n), t| (c + t.correct, n + t.checked));
        ratio(c, n)
    }

    /// True when the document reaches `bars` and names the right family.
    pub fn passes(&self, bars: Bars) -> bool {
        self.has_output
            && self.family_ok
            && self.ref_f1 >= bars.min_ref_f1 - 1e-9
            && self.field_accuracy() >= bars.min_field - 1e-9
    }

    /// The scorer's one-line summary.
    pub fn summary(&self) -> String {
        if !self.has_output {
            return format!("{}: no output {}.json", self.document, self.document);
        }
        let per: Vec<String> = self
            .fields
            .iter()
            .map(|(k, t)| format!("{k}={}/{}", t.correct, t.checked))
            .collect();
        let got = if self.family == ANY_FAMILY {
            format!(" ({})", self.output_family.as_deref().unwrap_or("None"))
        } else {
            String::new()
        };
        let as_at = match &self.as_at_ok {
            None => String::new(),
            Some(Ok(())) => " as_at=ok".to_owned(),
            Some(Err(got)) => format!(" as_at=WRONG({})", got.as_deref().unwrap_or("None")),
        };
        format!(
            "{}: family {}{got} refs P={:.3} R={:.3} F1={:.3} fields={:.3} ({}){as_at}",
            self.document,
            if self.family_ok { "ok" } else { "WRONG" },
            self.ref_precision,
            self.ref_recall,
            self.ref_f1,
            self.field_accuracy(),
            per.join(" ")
        )
    }

    /// One line per field: precision (correct over checked) and recall (correct over gold).
    pub fn field_table(&self) -> String {
        let mut s = String::new();
        for (k, t) in &self.fields {
            s.push_str(&format!(
                "    {k:<12} precision {:.3} ({}/{})  recall {:.3} ({}/{})\n",
                t.precision(),
                t.correct,
                t.checked,
                t.recall(),
                t.correct,
                t.expected
            ));
        }
        s
    }
}

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]+>").expect("tag"));
static NON_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\w&'/-]+").expect("non-word"));

/// The scorer's normalisation: NFKC, tags removed, dashes and quotes unified, lower case,
/// punctuation other than `& ' / -` to spaces, white space folded.
pub fn norm(s: Option<&str>) -> String {
    let Some(s) = s else { return String::new() };
    let s: String = s.nfkc().collect();
    let s = TAG.replace_all(&s, " ");
    let s = s
        .replace(['\u{2013}', '\u{2014}'], "-")
        .replace(['\u{2019}', '\u{2018}'], "'");
    let s = NON_WORD.replace_all(&s.to_lowercase(), " ").into_owned();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

fn starts(actual: Option<&str>, expected: Option<&str>) -> bool {
    let a = norm(actual);
    let e = norm(expected);
    let a: Vec<&str> = a.split_whitespace().collect();
    let e: Vec<&str> = e.split_whitespace().collect();
    if e.is_empty() {
        return a.is_empty();
    }
    let k = e.len().min(5);
    let hay = a[..a.len().min(40)].join(" ");
    hay.contains(&e[..k].join(" "))
}

fn same(a: Option<&str>, b: Option<&str>) -> bool {
    norm(a) == norm(b)
}

fn owners_ok(actual: Option<&Value>, expected: Option<&Value>) -> bool {
    let set = |v: Option<&Value>| -> HashSet<String> {
        v.and_then(Value::as_array)
            .map(|a| a.iter().map(|x| norm(x.as_str())).collect())
            .unwrap_or_default()
    };
    set(actual) == set(expected)
}

fn status_of<'a>(action: &'a Value, period: &str) -> Option<&'a str> {
    action["status"]
        .as_array()?
        .iter()
        .find(|s| s["period"].as_str() == Some(period))
        .and_then(|s| s["raw"].as_str())
}

fn latest_update(action: &Value) -> Option<&str> {
    action["updates"].as_array()?.last()?["text"].as_str()
}

fn ctx<'a>(action: &'a Value, key: &str) -> Option<&'a str> {
    action["context"].get(key).and_then(Value::as_str)
}

fn due_raw(action: &Value) -> Option<&str> {
    action
        .get("due")
        .and_then(|d| d.get("raw"))
        .and_then(Value::as_str)
}

fn opt_str(v: &Value) -> Option<&str> {
    v.as_str().filter(|s| !s.is_empty())
}

/// The (field, passed) checks for one matched gold/output record, per family.
fn checks(family: &str, g: &Value, a: &Value) -> Vec<(&'static str, bool)> {
    let mut out = Vec::new();
    match family {
        "ags-action-plan-update" => {
            out.push(("title", same(text(a.get("title")), text(g.get("title")))));
            out.push(("owners", owners_ok(a.get("owners"), g.get("owners"))));
            out.push(("due", same(due_raw(a), text(g.get("due")))));
            out.push((
                "text",
                starts(text(a.get("text")), text(g.get("text_start"))),
            ));
            out.push((
                "update",
                starts(latest_update(a), text(g.get("progress_start"))),
            ));
        }
        "governance-review-plan" => {
            out.push(("kind", a["kind"] == g["kind"]));
            out.push(("parent", opt_str(&a["parent"]) == g["parent"].as_str()));
            if g["kind"].as_str() != Some("cross_reference") {
                out.push(("title", same(text(a.get("title")), text(g.get("title")))));
                out.push(("owners", owners_ok(a.get("owners"), g.get("lead"))));
                out.push(("due", same(due_raw(a), text(g.get("due")))));
                let sorted = |v: &Value| -> Vec<String> {
                    let mut l: Vec<String> = v
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| x.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default();
                    l.sort();
                    l
                };
                out.push(("links", sorted(&a["links"]) == sorted(&g["links"])));
            }
            out.push((
                "text",
                starts(text(a.get("text")), text(g.get("text_start"))),
            ));
        }
        "improvement-plan-tracker" => {
            out.push(("parent", opt_str(&a["parent"]) == g["parent"].as_str()));
            out.push(("theme", same(ctx(a, "theme"), text(g.get("theme")))));
            out.push((
                "workstream",
                same(ctx(a, "workstream"), text(g.get("workstream"))),
            ));
            out.push((
                "text",
                starts(text(a.get("text")), text(g.get("action_start"))),
            ));
            out.push(("due", same(due_raw(a), text(g.get("due")))));
            if let Some(lead) = opt_str(&g["director_lead"]) {
                let owners: HashSet<String> = a["owners"]
                    .as_array()
                    .map(|o| o.iter().map(|x| norm(x.as_str())).collect())
                    .unwrap_or_default();
                out.push(("owners", owners.contains(&norm(Some(lead)))));
            }
            if let Some(statuses) = g["status"].as_object() {
                for (period, v) in statuses {
                    out.push(("status", same(status_of(a, period), v.as_str())));
                }
            }
        }
        "corporate-plan-performance" => {
            out.push((
                "cp_ref",
                ctx(a, "cp_ref").filter(|s| !s.is_empty()) == g["cp_ref"].as_str(),
            ));
            out.push(("section", same(ctx(a, "section"), text(g.get("section")))));
            out.push((
                "text",
                starts(text(a.get("text")), text(g.get("deliverable_start"))),
            ));
            let rating = a["status"]
                .as_array()
                .and_then(|s| s.last())
                .and_then(|s| s["raw"].as_str());
            out.push(("rating", same(rating, text(g.get("rating")))));
        }
        ANY_FAMILY => {
            if !g["title"].is_null() {
                out.push(("title", same(text(a.get("title")), text(g.get("title")))));
            }
            out.push(("owners", owners_ok(a.get("owners"), g.get("owners"))));
            out.push(("due", same(due_raw(a), text(g.get("due")))));
            out.push((
                "text",
                starts(text(a.get("text")), text(g.get("text_start"))),
            ));
            let status = a["status"]
                .as_array()
                .and_then(|s| s.last())
                .and_then(|s| s["raw"].as_str());
            out.push(("status", same(status, text(g.get("status")))));
            out.push((
                "update",
                starts(latest_update(a), text(g.get("update_start"))),
            ));
        }
        _ => {}
    }
    out
}

fn gold_ref<'a>(family: &str, g: &'a Value) -> Option<&'a str> {
    if family == "corporate-plan-performance" {
        g["bp_ref"].as_str()
    } else {
        g["ref"].as_str()
    }
}

/// Scores one gold file against its output (`None` when there is none).
pub fn score_document(gold: &Value, out: Option<&Value>) -> DocScore {
    let family = gold["family"].as_str().unwrap_or_default().to_owned();
    let mut score = DocScore {
        document: gold["document"].as_str().unwrap_or_default().to_owned(),
        family: family.clone(),
        ..DocScore::default()
    };
    let records: Vec<&Value> = gold["records"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter(|g| gold_ref(&family, g).is_some())
                .collect()
        })
        .unwrap_or_default();
    let Some(out) = out else { return score };
    score.has_output = true;
    let got = out["document"]["family"].as_str();
    score.output_family = got.map(str::to_owned);
    score.family_ok = if family == ANY_FAMILY {
        got.is_some_and(|g| {
            !matches!(
                g.trim().to_lowercase().as_str(),
                "" | "error" | "unknown" | "none"
            )
        })
    } else {
        got == Some(family.as_str())
    };
    if family == ANY_FAMILY {
        let as_at = out["document"]["as_at"].as_str();
        score.as_at_ok = Some(if as_at == gold["as_at"].as_str() {
            Ok(())
        } else {
            Err(as_at.map(str::to_owned))
        });
    }
    let empty = Vec::new();
    let actions = out["actions"].as_array().unwrap_or(&empty);

    let mut by_ref: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in actions.iter().enumerate() {
        if let Some(r) = a["ref"].as_str() {
            by_ref.entry(r).or_default().push(i);
        }
    }
    let mut used = HashSet::new();
    let mut matched = 0;
    for g in &records {
        let r = gold_ref(&family, g).unwrap_or_default();
        let line = g["line"].as_i64().unwrap_or(0);
        let candidate = by_ref
            .get(r)
            .into_iter()
            .flatten()
            .copied()
            .filter(|i| !used.contains(i))
            .min_by_key(|&i| (actions[i]["source"]["line"].as_i64().unwrap_or(0) - line).abs());
        // A record the output misses still counts towards every field's recall.
        let phantom = Value::Null;
        let a = match candidate {
            Some(i) => {
                used.insert(i);
                matched += 1;
                &actions[i]
            }
            None => &phantom,
        };
        for (field, ok) in checks(&family, g, a) {
            let tally = score.fields.entry(field.to_owned()).or_default();
            tally.expected += 1;
            if candidate.is_some() {
                tally.checked += 1;
                tally.correct += usize::from(ok);
            }
        }
    }
    let with_ref = actions
        .iter()
        .filter(|a| a["ref"].as_str().is_some_and(|r| !r.is_empty()))
        .count();
    score.ref_recall = if records.is_empty() {
        1.0
    } else {
        ratio(matched, records.len())
    };
    score.ref_precision = ratio(matched, with_ref);
    let (p, r) = (score.ref_precision, score.ref_recall);
    score.ref_f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    score.fields.retain(|_, t| t.expected > 0);
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn norm_matches_the_scorer() {
        assert_eq!(norm(Some("Director – Finance")), "director - finance");
        assert_eq!(
            norm(Some("<b>Children’s</b>  Services.")),
            "children's services"
        );
        assert_eq!(norm(None), "");
    }

    #[test]
    fn starts_looks_near_the_beginning() {
        assert!(starts(
            Some("Commenced. Link to I18"),
            Some("Commenced Link to I18")
        ));
        assert!(!starts(Some("Link to I18"), Some("Commenced Link to I18")));
        assert!(starts(None, None));
        assert!(!starts(Some("x"), None));
    }

    #[test]
    fn a_wrong_field_lowers_accuracy_and_a_missing_record_lowers_recall() {
        let gold = json!({"document": "d", "family": "improvement-plan-tracker", "records": [
            {"line": 1, "ref": "A.1", "parent": null, "theme": "T", "workstream": "W", "action_start": "Do it", "due": "TBC", "director_lead": "Chief Executive", "status": {"2023-09": "On Track"}},
            {"line": 2, "ref": "A.2", "parent": null, "theme": "T", "workstream": "W", "action_start": "Do", "due": null, "director_lead": null, "status": {}}]});
        let out = json!({"document": {"family": "improvement-plan-tracker"}, "actions": [
            {"ref": "A.1", "parent": null, "text": "Do it now", "owners": ["Chief Executive"], "due": {"raw": "TBC"},
             "context": {"theme": "T", "workstream": "X"}, "status": [{"period": "2023-09", "raw": "On Track"}], "source": {"line": 1}}]});
        let s = score_document(&gold, Some(&out));
        assert_eq!((s.ref_precision, s.ref_recall), (1.0, 0.5));
        assert_eq!(
            s.fields["workstream"],
            FieldTally {
                correct: 0,
                checked: 1,
                expected: 2
            }
        );
        assert_eq!(
            s.fields["status"],
            FieldTally {
                correct: 1,
                checked: 1,
                expected: 1
            }
        );
        assert!((s.field_accuracy() - 6.0 / 7.0).abs() < 1e-9);
        assert!(!s.passes(bars_for(Family::ImprovementPlanTracker)));
    }
}
