//! Documents that repeat another: one plan converted from its .txt, .csv and .xlsx forms,
//! or one file reached twice through two folders. Linked as if they were distinct, each
//! would link to itself and count every issue two or three times in its thread.

use govtrail_model::{DocumentOutput, Duplicate};
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// The indices of the documents that repeat an earlier one, and each named with the one it
/// repeats. Two documents are one when family, year, reporting date and every action's ref,
/// kind, title and text agree (source lines differ between a text dump and a workbook).
pub fn find(docs: &[DocumentOutput]) -> (HashSet<usize>, Vec<Duplicate>) {
    let mut first_by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut repeats = HashSet::new();
    let mut named = Vec::new();
    for (index, doc) in docs.iter().enumerate() {
        let mut hasher = DefaultHasher::new();
        content(doc).hash(&mut hasher);
        let same = first_by_hash.entry(hasher.finish()).or_default();
        match same
            .iter()
            .find(|&&earlier| content(&docs[earlier]) == content(doc))
        {
            Some(&earlier) => {
                repeats.insert(index);
                named.push(Duplicate {
                    document: doc.document.id.clone(),
                    same_as: docs[earlier].document.id.clone(),
                });
            }
            None => same.push(index),
        }
    }
    (repeats, named)
}

/// What makes two documents one, in a form that hashes and compares.
fn content(doc: &DocumentOutput) -> impl Hash + PartialEq + '_ {
    (
        doc.document.family,
        doc.document.year,
        doc.document.as_at,
        doc.actions
            .iter()
            .map(|a| {
                (
                    a.reference.as_deref(),
                    a.kind,
                    a.title.as_deref(),
                    a.text.as_str(),
                )
            })
            .collect::<Vec<_>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::{Action, ActionKind, Family};

    fn doc(id: &str, text: &str, line: usize) -> DocumentOutput {
        let mut d = DocumentOutput::new(id, Family::ImprovementPlanTracker);
        let mut a = Action::new(Some("A1".into()), ActionKind::Action, line);
        a.text = text.into();
        d.actions.push(a);
        d
    }

    #[test]
    fn the_same_plan_in_another_form_is_a_duplicate_of_the_first() {
        let docs = [
            doc("plan.txt", "Implement Oracle Fusion", 4),
            doc("plan.csv", "Implement Oracle Fusion", 2),
            doc(
                "other.txt",
                "Implement Oracle Fusion and achieve savings",
                4,
            ),
        ];
        let (repeats, named) = find(&docs);
        assert_eq!(repeats, HashSet::from([1]));
        assert_eq!(named[0].document, "plan.csv");
        assert_eq!(named[0].same_as, "plan.txt");
    }
}
