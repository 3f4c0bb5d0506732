//! The `links.json` shapes of the output contract: declared once, beside the model, in
//! [`govtrail_model::links`]; the report reads them as plain data (only its search data
//! comes from the linker's crate, so that it finds what `trace` finds). An empty title or ref
//! is shown as absent.

pub use govtrail_model::links::{ItemRef, Link, Links, Member, Thread};

/// `text`, or `None` when it is blank: a linker may write `"title": ""` for an item without a
/// heading.
pub(crate) fn given(text: &str) -> Option<&str> {
    Some(text).filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_links_file_of_the_contract_with_blank_titles() {
        let json = r#"{"schema_version": 1, "threads": [{"id": "t1", "title": "",
            "members": [{"document": "a.txt", "ref": "2", "year": null, "title": " "}]}],
            "links": []}"#;
        let links: Links = serde_json::from_str(json).unwrap();
        assert_eq!(given(&links.threads[0].title), None);
        assert_eq!(given(&links.threads[0].members[0].title), None);
        assert_eq!(links.threads[0].members[0].reference, "2");
    }
}
