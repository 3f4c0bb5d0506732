//! The status-change view: which actions got worse between two reporting periods.
//!
//! Pure functions over a converted [`DocumentOutput`], so the CLI, a report or another system
//! reading the JSON all answer "what slipped since last month" the same way. Ratings compare by
//! [`Rag::severity`]; ratings that say nothing about progress (not started, on hold, n/a) or a
//! period without a status compare with nothing.
//!
//! [`Rag::severity`]: govtrail_model::Rag::severity

use govtrail_model::{Action, DocumentOutput, Status};

/// One action whose rating worsened between two periods.
#[derive(Clone, Debug, PartialEq)]
pub struct Worsening<'a> {
    /// The action.
    pub action: &'a Action,
    /// Its status in the earlier period.
    pub from: &'a Status,
    /// Its status in the later period.
    pub to: &'a Status,
}

/// The two latest reporting periods of `doc` (earlier, later), if it has two.
pub fn latest_pair(doc: &DocumentOutput) -> Option<(&str, &str)> {
    match doc.document.periods.as_slice() {
        [.., from, to] => Some((from.as_str(), to.as_str())),
        _ => None,
    }
}

/// The actions of `doc` whose rating in period `to` is more severe than in period `from`, in
/// document order.
///
/// ```
/// use govtrail_model::{Action, ActionKind, DocumentOutput, Family, Rag, Status};
/// let mut doc = DocumentOutput::new("t.txt", Family::ImprovementPlanTracker);
/// let mut action = Action::new(Some("CO.A1.1".into()), ActionKind::Action, 3);
/// for (period, rag) in [("2023-09", Rag::Green), ("2023-10", Rag::Amber)] {
///     action.status.push(Status { period: Some(period.into()), raw: rag.as_str().into(), rag: Some(rag) });
/// }
/// doc.actions.push(action);
/// let worse = govtrail_tracker::changes::worsened(&doc, "2023-09", "2023-10");
/// assert_eq!(worse[0].action.reference.as_deref(), Some("CO.A1.1"));
/// ```
pub fn worsened<'a>(doc: &'a DocumentOutput, from: &str, to: &str) -> Vec<Worsening<'a>> {
    doc.actions
        .iter()
        .filter_map(|action| {
            let before = status_in(action, from)?;
            let after = status_in(action, to)?;
            let was = before.rag?.severity()?;
            let is = after.rag?.severity()?;
            (is > was).then_some(Worsening {
                action,
                from: before,
                to: after,
            })
        })
        .collect()
}

fn status_in<'a>(action: &'a Action, period: &str) -> Option<&'a Status> {
    action
        .status
        .iter()
        .find(|s| s.period.as_deref() == Some(period))
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::{ActionKind, Family, Rag};

    fn action(reference: &str, ratings: &[(&str, Option<Rag>)]) -> Action {
        let mut a = Action::new(Some(reference.into()), ActionKind::Action, 1);
        for &(period, rag) in ratings {
            a.status.push(Status {
                period: Some(period.into()),
                raw: rag.map_or("Assurance Action", Rag::as_str).into(),
                rag,
            });
        }
        a
    }

    #[test]
    fn only_a_more_severe_rating_counts_as_worse() {
        use Rag::*;
        let mut doc = DocumentOutput::new("t", Family::ImprovementPlanTracker);
        doc.document.periods = vec!["2023-08".into(), "2023-09".into(), "2023-10".into()];
        let (s, o) = ("2023-09", "2023-10");
        doc.actions = vec![
            action("green-to-amber", &[(s, Some(Green)), (o, Some(Amber))]),
            action("amber-to-green", &[(s, Some(Amber)), (o, Some(Green))]),
            action("complete-to-red", &[(s, Some(Complete)), (o, Some(Red))]),
            action("green-to-green", &[(s, Some(Green)), (o, Some(Green))]),
            action(
                "not-started-to-red",
                &[(s, Some(NotStarted)), (o, Some(Red))],
            ),
            action("unmapped-to-red", &[(s, None), (o, Some(Red))]),
            action("no-october", &[(s, Some(Green))]),
        ];
        let (from, to) = latest_pair(&doc).expect("two periods");
        let refs: Vec<_> = worsened(&doc, from, to)
            .iter()
            .filter_map(|w| w.action.reference.as_deref())
            .collect();
        assert_eq!(refs, ["green-to-amber", "complete-to-red"]);
        assert!(worsened(&doc, "2023-08", "2023-09").is_empty());
    }

    #[test]
    fn a_single_period_has_no_pair() {
        let mut doc = DocumentOutput::new("t", Family::ImprovementPlanTracker);
        doc.document.periods = vec!["2023-10".into()];
        assert_eq!(latest_pair(&doc), None);
    }
}
