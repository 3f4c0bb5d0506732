//! Status ratings: the document's own legend and the RAG scale they map to.
//!
//! A tracker opens with its rating vocabulary ("On Track", "Medium progress", "Significant
//! issues / slippage", "Not due to start", "Complete", "Closed", "N/A", "On hold", each with a
//! definition), then prints longer or damaged variants in its status columns ("On Track- little
//! or no slippage", "Medium Progress- actual/ projected", "Action on Hold", "N/a"). Each legend
//! label is mapped to the RAG scale by the status vocabulary every family shares
//! ([`govtrail_parse::status`]; by its definition when the label says nothing); each printed
//! status is matched to a legend label first, then by the same vocabulary.

use govtrail_model::{LegendEntry, Rag};

/// Lower-case words of `s`, punctuation except `/` dropped ("N/a" → `n/a`, "On Track-" →
/// `on track`).
fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty() && *w != "/")
        .map(str::to_owned)
        .collect()
}

/// A legend row: the label as printed, its definition and the rating they describe.
///
/// ```
/// use govtrail_model::Rag;
/// let entry = govtrail_tracker::status::legend_entry("Medium progress", Some("slippage of 1-2 months"));
/// assert_eq!(entry.rag, Some(Rag::Amber));
/// ```
pub fn legend_entry(label: &str, definition: Option<&str>) -> LegendEntry {
    let rag = govtrail_parse::status::rag_of(label)
        .or_else(|| definition.and_then(govtrail_parse::status::rag_of));
    LegendEntry {
        label: label.trim().to_owned(),
        definition: definition.map(|d| d.trim().to_owned()),
        rag,
    }
}

/// The rating a printed status maps to, by the document's legend, then by keywords.
///
/// A status matches a legend label when it contains the label's words in order ("Action on
/// Hold" ⊃ "on hold"), or opens with at least two of them ("Significant issues / actual/
/// projected slippage" opens like "Significant issues / slippage"). The longest match wins.
///
/// ```
/// use govtrail_model::Rag;
/// use govtrail_tracker::status::{legend_entry, rag_of};
/// let legend = [legend_entry("On Track", None), legend_entry("On hold", None)];
/// assert_eq!(rag_of("On Track- little or no slippage", &legend), Some(Rag::Green));
/// assert_eq!(rag_of("Action on Hold", &legend), Some(Rag::OnHold));
/// assert_eq!(rag_of("Assurance Action", &legend), None);
/// ```
pub fn rag_of(status: &str, legend: &[LegendEntry]) -> Option<Rag> {
    let status_words = words(status);
    let by_legend = legend
        .iter()
        .filter_map(|entry| {
            let label = words(&entry.label);
            let rag = entry.rag?;
            if label.is_empty() {
                return None;
            }
            let contained = status_words
                .windows(label.len())
                .any(|w| w == label.as_slice());
            let prefix = status_words
                .iter()
                .zip(&label)
                .take_while(|(a, b)| a == b)
                .count();
            let strength = if contained {
                label.len() + 1
            } else if prefix >= 2 {
                prefix
            } else {
                return None;
            };
            Some((strength, rag))
        })
        .max_by_key(|&(strength, _)| strength)
        .map(|(_, rag)| rag);
    by_legend.or_else(|| govtrail_parse::status::rag_of(status))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_legend() -> Vec<LegendEntry> {
        [
            ("On Track", "Progress against the action is good"),
            (
                "Medium progress",
                "a medium level of issues and/or slippage",
            ),
            (
                "Significant issues / slippage",
                "a significant level of issues",
            ),
            ("Not due to start", "Work on the action is not due to start"),
            ("Complete", "Action is complete"),
            ("Closed", "Action is complete and there is evidence"),
            ("N/A", "Update not required at this time"),
            ("On hold", "Action placed on hold"),
        ]
        .into_iter()
        .map(|(l, d)| legend_entry(l, Some(d)))
        .collect()
    }

    #[test]
    fn legend_labels_map_to_the_rag_scale() {
        let rags: Vec<_> = seed_legend().iter().map(|e| e.rag).collect();
        use Rag::*;
        assert_eq!(
            rags,
            [Green, Amber, Red, NotStarted, Complete, Complete, Na, OnHold].map(Some)
        );
        // a label that says nothing is placed by its definition
        assert_eq!(
            legend_entry("Blue", Some("Action is complete and closed")).rag,
            Some(Complete)
        );
    }

    #[test]
    fn printed_statuses_map_through_the_legend() {
        let legend = seed_legend();
        use Rag::*;
        let cases: [(&str, Option<Rag>); 13] = [
            ("On Track- little or no slippage", Some(Green)),
            (
                "Medium Progress- actual/ projected slippage of 1-2 months",
                Some(Amber),
            ),
            // truncated at a page edge
            ("Medium Progress- actual/ projected", Some(Amber)),
            (
                "Significant issues / actual/projected slippage more than 2 months",
                Some(Red),
            ),
            (
                "Significant issues / actual/projected slippage- more than 2 months",
                Some(Red),
            ),
            ("Action on Hold", Some(OnHold)),
            ("N/a", Some(Na)),
            ("n/a", Some(Na)),
            ("Complete", Some(Complete)),
            ("Not due to start", Some(NotStarted)),
            ("Assurance Action", None),
            ("New Action Added", None),
            ("", None),
        ];
        for (status, expected) in cases {
            assert_eq!(rag_of(status, &legend), expected, "{status:?}");
        }
    }

    #[test]
    fn without_a_legend_keywords_decide() {
        assert_eq!(rag_of("Amber", &[]), Some(Rag::Amber));
        assert_eq!(rag_of("RED - off track", &[]), Some(Rag::Red));
        assert_eq!(rag_of("Not started", &[]), Some(Rag::NotStarted));
        assert_eq!(rag_of("Redesign", &[]), None);
    }
}
