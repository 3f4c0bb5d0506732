//! The `links.json` file of the contract and the expected-links files that score it.
//!
//! The linker writes these types, the report and `trace` read them, the synthetic corpus and
//! the judged sets in `fixtures/` describe what they should hold: one declaration for all.

use serde::{Deserialize, Serialize};

/// The `links.json` file of the contract.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Links {
    /// Always [`crate::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Connected groups of linked items.
    #[serde(default)]
    pub threads: Vec<Thread>,
    /// The links, best first.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Documents that repeat an earlier one (the same plan converted from its .txt, .csv and
    /// .xlsx forms, or one file reached twice): left out of linking, named here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<Duplicate>,
}

/// A document left out of linking because it repeats another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The repeating document's id.
    pub document: String,
    /// The id of the document it repeats, which was linked.
    pub same_as: String,
}

/// A connected group of linked items: one recurring issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thread {
    /// Derived from the thread's oldest member (document and ref), so that it stays the same
    /// when documents are added: `t` and 8 hex digits.
    pub id: String,
    /// What the thread is about, told apart from the other threads' titles.
    #[serde(default)]
    pub title: String,
    /// The members, oldest first.
    #[serde(default)]
    pub members: Vec<Member>,
}

/// One item of a thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// The document id.
    pub document: String,
    /// The item's ref.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The document's year.
    #[serde(default)]
    pub year: Option<i32>,
    /// The item's heading, else its whole text.
    #[serde(default)]
    pub title: String,
    /// The best score of the links that joined this member to the thread (`null` in files
    /// written before it was recorded).
    #[serde(default)]
    pub score: Option<f64>,
}

impl Member {
    /// The member as an [`ItemRef`].
    pub fn item(&self) -> ItemRef {
        ItemRef {
            document: self.document.clone(),
            reference: self.reference.clone(),
        }
    }
}

/// One end of a link: an item named by its document and ref.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ItemRef {
    /// The document id.
    pub document: String,
    /// The item's ref.
    #[serde(rename = "ref")]
    pub reference: String,
}

/// Two items judged to be the same issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The end in the older (or first-named) document.
    pub a: ItemRef,
    /// The other end.
    pub b: ItemRef,
    /// How alike the two are, in [0, 1]: what `--min-score` is compared with.
    #[serde(default)]
    pub score: f64,
    /// The chance the link is right, in [0, 1]: the score through the linker's fitted
    /// calibration curve.
    #[serde(default)]
    pub confidence: f64,
    /// Which evidence gave the score.
    #[serde(default)]
    pub why: String,
}

/// A file of expected links (`fixtures/gold/links_sample.json`, `fixtures/links/*.json`, the
/// `expected_links.json` of `govtrail synth`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExpectedLinks {
    /// What the file is.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Pairs naming one recurring issue in two items.
    pub must: Vec<ExpectedPair>,
    /// Near-misses judged to be different issues.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub must_not: Vec<ExpectedPair>,
}

/// One judged pair of `[document, ref]` items, written either bare
/// (`[["a.txt", "1"], ["b.txt", "2"]]`) or with the judge's note
/// (`{"pair": [...], "note": "renamed"}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "PairForm", into = "PairForm")]
pub struct ExpectedPair {
    /// The two items.
    pub pair: [(String, String); 2],
    /// Why the judge decided so.
    pub note: Option<String>,
}

impl ExpectedPair {
    /// A pair without a note.
    pub fn new(a: (String, String), b: (String, String)) -> ExpectedPair {
        ExpectedPair {
            pair: [a, b],
            note: None,
        }
    }
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum PairForm {
    Bare([(String, String); 2]),
    Noted {
        pair: [(String, String); 2],
        note: String,
    },
}

impl From<PairForm> for ExpectedPair {
    fn from(form: PairForm) -> ExpectedPair {
        match form {
            PairForm::Bare(pair) => ExpectedPair { pair, note: None },
            PairForm::Noted { pair, note } => ExpectedPair {
                pair,
                note: Some(note),
            },
        }
    }
}

impl From<ExpectedPair> for PairForm {
    fn from(p: ExpectedPair) -> PairForm {
        match p.note {
            None => PairForm::Bare(p.pair),
            Some(note) => PairForm::Noted { pair: p.pair, note },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_pairs_read_bare_or_with_a_note() {
        let json = r#"{"must": [[["a","1"],["b","2"]], {"pair": [["a","3"],["b","4"]], "note": "renamed"}],
                       "must_not": [{"pair": [["a","5"],["b","6"]], "note": "decoy"}]}"#;
        let e: ExpectedLinks = serde_json::from_str(json).unwrap();
        assert_eq!(e.must[0].note, None);
        assert_eq!(e.must[1].note.as_deref(), Some("renamed"));
        assert_eq!(e.must_not[0].pair[1], ("b".to_owned(), "6".to_owned()));
        let again: ExpectedLinks =
            serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(again, e);
    }

    #[test]
    fn reads_the_contract_example() {
        let json = r#"{
          "schema_version": 1,
          "threads": [ { "id": "t0007", "title": "Children's Services",
              "members": [ { "document": "000_84d6cfeb77468bda.txt", "ref": "2", "year": 2017,
                             "title": "Children's Services" } ] } ],
          "links": [ { "a": { "document": "a.txt", "ref": "2" }, "b": { "document": "b.txt", "ref": "1" },
                       "score": 0.91, "why": "title jaro-winkler 0.93" } ]
        }"#;
        let links: Links = serde_json::from_str(json).unwrap();
        assert_eq!(links.threads[0].members[0].reference, "2");
        assert_eq!(links.threads[0].members[0].score, None);
        assert_eq!(links.links[0].b.reference, "1");
    }
}
