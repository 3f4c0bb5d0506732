//! Helpers shared by the integration tests: the repository's paths and in-process conversion.
#![allow(dead_code)]

pub mod seed_report;

use govtrail_convert::{convert, ConvertOptions};
use govtrail_model::DocumentOutput;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, when it is there (CI and developer machines).
pub fn shared() -> Option<PathBuf> {
    let p = root().join("..").join("shared");
    p.is_dir().then_some(p)
}

/// Whether the tests run in CI (`CI` set to anything but `false` or `0`), where a test that
/// cannot run must fail rather than be ignored.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The JSON Schema `schema/<name>`, compiled.
pub fn schema(name: &str) -> jsonschema::Validator {
    let path = root().join("schema").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What `validator` finds wrong with `instance`, one message per error with its place.
pub fn schema_errors(
    validator: &jsonschema::Validator,
    instance: &serde_json::Value,
) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

/// The files of `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The bundled seed documents.
pub fn seeds() -> Vec<PathBuf> {
    files_in(&root().join("seeds"))
}

/// The seeds' gold extraction files (not the link samples), parsed.
pub fn gold_documents() -> Vec<serde_json::Value> {
    gold_documents_in(&root().join("fixtures").join("gold"))
}

/// The gold extraction files of `dir` (not the link samples), parsed.
pub fn gold_documents_in(dir: &Path) -> Vec<serde_json::Value> {
    files_in(dir)
        .into_iter()
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.ends_with(".json") && !name.starts_with("links")
        })
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

/// Converts one file in-process with default options.
pub fn convert_file(path: &Path) -> Result<Vec<DocumentOutput>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    convert(&name, &bytes, &ConvertOptions::default()).map_err(|e| e.to_string())
}
