//! The seed output validates against the JSON Schemas shipped in `schema/`, so other systems
//! can rely on them.

mod common;

#[test]
fn seed_and_layout_documents_and_action_lines_match_the_schemas() {
    let document = common::schema("document.schema.json");
    let action_line = common::schema("action-line.schema.json");
    let mut converted = 0;
    let layouts = common::files_in(&common::root().join("fixtures").join("layouts").join("docs"));
    for seed in common::seeds().into_iter().chain(layouts) {
        for doc in common::convert_file(&seed).unwrap_or_default() {
            converted += 1;
            let value = serde_json::to_value(&doc).expect("serialises");
            let errs = common::schema_errors(&document, &value);
            assert!(errs.is_empty(), "{}: {}", doc.document.id, errs.join("; "));
            for action in &doc.actions {
                let line = govtrail_model::ActionLine {
                    document: &doc.document.id,
                    family: doc.document.family,
                    year: doc.document.year,
                    action,
                };
                let value = serde_json::to_value(&line).expect("serialises");
                let errs = common::schema_errors(&action_line, &value);
                assert!(
                    errs.is_empty(),
                    "{} {:?}: {}",
                    doc.document.id,
                    action.reference,
                    errs.join("; ")
                );
            }
        }
    }
    assert!(converted > 0, "no seed converted");
}

#[test]
fn the_schema_rejects_a_broken_document() {
    let document = common::schema("document.schema.json");
    let bad = serde_json::json!({
        "schema_version": 1,
        "document": {"id": "x", "family": "minutes", "title": null, "as_at": "30 November 2017", "year": 2017},
        "actions": [], "unparsed": [], "diagnostics": []
    });
    let errs = common::schema_errors(&document, &bad);
    assert!(
        errs.len() >= 2,
        "family and as_at must both be rejected: {errs:?}"
    );
}

#[test]
fn the_schemas_accept_added_fields() {
    // The contract lets fields be added within a schema version: a reader written today must
    // keep validating tomorrow's output.
    let document = common::schema("document.schema.json");
    let action_line = common::schema("action-line.schema.json");
    let seed = common::seeds().into_iter().next().expect("a seed");
    let doc = common::convert_file(&seed)
        .expect("the first seed converts")
        .remove(0);
    let mut value = serde_json::to_value(&doc).expect("serialises");
    value["added_later"] = serde_json::json!(true);
    value["document"]["added_later"] = serde_json::json!("x");
    value["actions"][0]["added_later"] = serde_json::json!(1);
    value["actions"][0]["source"]["added_later"] = serde_json::json!([]);
    let errs = common::schema_errors(&document, &value);
    assert!(errs.is_empty(), "{}", errs.join("; "));
    let mut line = value["actions"][0].clone();
    line["document"] = serde_json::json!(doc.document.id);
    line["family"] = serde_json::json!(doc.document.family);
    line["year"] = serde_json::json!(doc.document.year);
    let errs = common::schema_errors(&action_line, &line);
    assert!(errs.is_empty(), "{}", errs.join("; "));
}
