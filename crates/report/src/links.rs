//! The `links.json` shapes of the output contract, read as plain data so that the report does
//! not depend on the linker's own types.

use serde::{Deserialize, Deserializer, Serialize};

/// The contents of `links.json`: recurring issues traced across documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Links {
    /// The contract version of the file.
    #[serde(default)]
    pub schema_version: u32,
    /// Connected groups of linked items.
    #[serde(default)]
    pub threads: Vec<Thread>,
    /// The pairwise links the threads were built from.
    #[serde(default)]
    pub links: Vec<Link>,
}

/// One recurring issue: the items of several documents that were linked together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thread {
    /// A stable id such as `t0007`.
    pub id: String,
    /// A short name for the issue.
    #[serde(default, deserialize_with = "non_empty")]
    pub title: Option<String>,
    /// The linked items, oldest first.
    #[serde(default)]
    pub members: Vec<Member>,
}

/// One item of a thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// The document id.
    pub document: String,
    /// The item's ref in that document.
    #[serde(rename = "ref", default, deserialize_with = "non_empty")]
    pub reference: Option<String>,
    /// The document's year.
    #[serde(default)]
    pub year: Option<i32>,
    /// The item's title.
    #[serde(default, deserialize_with = "non_empty")]
    pub title: Option<String>,
}

/// A link between items of two documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// One end.
    pub a: ItemRef,
    /// The other end.
    pub b: ItemRef,
    /// How sure the linker is, 0 to 1.
    #[serde(default)]
    pub score: f64,
    /// The evidence, in words.
    #[serde(default)]
    pub why: String,
}

/// An item named by its document and ref.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ItemRef {
    /// The document id.
    pub document: String,
    /// The item's ref.
    #[serde(rename = "ref", default, deserialize_with = "non_empty")]
    pub reference: Option<String>,
}

/// An optional text where an empty string means none: a linker may write `"title": ""` for an
/// item without a heading.
fn non_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let value: Option<String> = Option::deserialize(deserializer)?;
    Ok(value.filter(|s| !s.trim().is_empty()))
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(links.threads[0].members[0].reference.as_deref(), Some("2"));
        assert_eq!(links.threads[0].members[0].year, Some(2017));
        assert_eq!(links.links[0].b.reference.as_deref(), Some("1"));
        assert!((links.links[0].score - 0.91).abs() < 1e-9);
    }

    #[test]
    fn empty_titles_and_refs_read_as_none() {
        let json = r#"{"threads": [{"id": "t1", "title": "",
            "members": [{"document": "a.txt", "ref": "", "year": null, "title": " "}]}]}"#;
        let links: Links = serde_json::from_str(json).unwrap();
        assert_eq!(links.threads[0].title, None);
        assert_eq!(links.threads[0].members[0].reference, None);
        assert_eq!(links.threads[0].members[0].title, None);
    }

    #[test]
    fn tolerates_missing_optional_parts() {
        let links: Links = serde_json::from_str(r#"{"threads": [{"id": "t1"}]}"#).unwrap();
        assert!(links.threads[0].members.is_empty());
        assert!(links.links.is_empty());
    }
}
