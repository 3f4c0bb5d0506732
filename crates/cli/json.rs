//! A converted document's two JSON forms, with each action serialised once.
//!
//! Every action goes out twice: pretty-printed in its document's JSON and as one compact line
//! of `actions.jsonl`. Serialising (escaping every string) is the costly part, so each action
//! is serialised once, compactly; its line is that text after the document's fields, and its
//! place in the pretty document is the same text re-indented, byte for byte what
//! `serde_json::to_vec_pretty` writes.

use govtrail_model::DocumentOutput;

/// A document as written: its pretty JSON and its `actions.jsonl` lines.
pub struct DocumentJson {
    /// The document's JSON, pretty-printed, with a final newline.
    pub pretty: Vec<u8>,
    /// One line per action: the document's id, family and year, then the action's fields.
    pub lines: Vec<u8>,
}

/// Where the pretty document holds its (emptied) action list: at the first level of
/// indentation, after a line break, which no JSON string can hold unescaped.
const EMPTY_ACTIONS: &[u8] = b"\n  \"actions\": []";

impl DocumentJson {
    /// Serialises `doc`; its actions are taken out while the rest is serialised and put back.
    pub fn new(doc: &mut DocumentOutput) -> serde_json::Result<DocumentJson> {
        // The compact text is scratch: each thread keeps one buffer from document to document
        // rather than growing a new one by doubling (and copying) for every document.
        thread_local! {
            static COMPACT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        COMPACT.with_borrow_mut(|compact| {
            compact.clear();
            DocumentJson::with_scratch(doc, compact)
        })
    }

    fn with_scratch(
        doc: &mut DocumentOutput,
        compact: &mut Vec<u8>,
    ) -> serde_json::Result<DocumentJson> {
        let mut ends = Vec::with_capacity(doc.actions.len());
        for action in &doc.actions {
            serde_json::to_writer(&mut *compact, action)?;
            ends.push(compact.len());
        }
        let actions = std::mem::take(&mut doc.actions);
        let rest = serde_json::to_vec_pretty(&*doc);
        doc.actions = actions;
        let rest = rest?;
        let starts = std::iter::once(0).chain(ends.iter().copied());
        let each: Vec<&[u8]> = starts
            .zip(ends.iter())
            .map(|(s, &e)| &compact[s..e])
            .collect();

        let mut pretty = Vec::with_capacity(rest.len() + compact.len() * 3 / 2);
        match memchr::memmem::find(&rest, EMPTY_ACTIONS).filter(|_| !each.is_empty()) {
            Some(at) => {
                let list_open = at + EMPTY_ACTIONS.len() - 1;
                pretty.extend_from_slice(&rest[..list_open]);
                for (i, action) in each.iter().enumerate() {
                    pretty.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
                    reindent(action, 2, &mut pretty);
                }
                pretty.extend_from_slice(b"\n  ");
                pretty.extend_from_slice(&rest[list_open..]);
            }
            None => pretty.extend_from_slice(&rest),
        }
        pretty.push(b'\n');

        Ok(DocumentJson {
            pretty,
            lines: action_lines(doc, &each)?,
        })
    }
}

/// `actions.jsonl` lines: the document's fields are serialised once and take the place of
/// each compact action's opening brace, giving the bytes of a flattened `ActionLine`.
fn action_lines(doc: &DocumentOutput, actions: &[&[u8]]) -> serde_json::Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct Fields<'a> {
        document: &'a str,
        family: govtrail_model::Family,
        year: Option<i32>,
    }
    let prefix = serde_json::to_vec(&Fields {
        document: &doc.document.id,
        family: doc.document.family,
        year: doc.document.year,
    })?;
    // `{"document":…,"year":2019}` without its closing brace, ready for the action's fields.
    let prefix = &prefix[..prefix.len() - 1];
    let mut lines = Vec::with_capacity(actions.iter().map(|a| a.len() + prefix.len() + 2).sum());
    for action in actions {
        lines.extend_from_slice(prefix);
        if action.len() > 2 {
            lines.push(b',');
        }
        lines.extend_from_slice(action.get(1..).unwrap_or_default());
        lines.push(b'\n');
    }
    Ok(lines)
}

/// Appends compact JSON `value` to `out` as serde_json's pretty printer writes it at nesting
/// `depth`: two spaces per level, a line per member, `": "` after keys, `{}` and `[]` when
/// empty. Compact JSON has no white space outside strings, so only structure is rewritten;
/// strings, most of the bytes, are copied whole.
fn reindent(value: &[u8], mut depth: usize, out: &mut Vec<u8>) {
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * depth, b' ');
    };
    let mut i = 0;
    while let Some(&b) = value.get(i) {
        match b {
            b'"' => {
                let end = string_end(value, i);
                out.extend_from_slice(&value[i..end]);
                i = end;
                continue;
            }
            b'{' | b'[' => {
                out.push(b);
                let close = if b == b'{' { b'}' } else { b']' };
                if value.get(i + 1) == Some(&close) {
                    out.push(close);
                    i += 1;
                } else {
                    depth += 1;
                    newline(out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
        i += 1;
    }
}

/// The end (after the closing quote) of the JSON string opening at `start`.
fn string_end(value: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(k) = memchr::memchr2(b'"', b'\\', &value[i..]) {
        i += k;
        if value[i] == b'"' {
            return i + 1;
        }
        // An escape: the backslash and the character it escapes.
        i += 2;
        if i >= value.len() {
            break;
        }
    }
    value.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_convert::{convert, ConvertOptions};
    use govtrail_model::ActionLine;
    use std::path::Path;

    #[test]
    fn reindent_writes_what_the_pretty_printer_writes() {
        let value = serde_json::json!({
            "a": [],
            "b": {},
            "c": [1, {"d": "x,y:{z}[\"]\\", "e": null}, [true, false]],
            "f": "ü – ’",
        });
        let mut out = Vec::new();
        reindent(&serde_json::to_vec(&value).unwrap(), 0, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

    #[test]
    fn seeds_serialise_as_serde_json_does() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut checked = 0;
        for entry in std::fs::read_dir(seeds).expect("seeds") {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("seed");
            let name = path.file_name().expect("name").to_string_lossy();
            let docs = convert(&name, &bytes, &ConvertOptions::default()).expect("converts");
            for mut doc in docs {
                let json = DocumentJson::new(&mut doc).expect("json");
                let mut pretty = serde_json::to_vec_pretty(&doc).expect("pretty");
                pretty.push(b'\n');
                assert_eq!(
                    String::from_utf8(json.pretty).unwrap(),
                    String::from_utf8(pretty).unwrap()
                );
                let mut lines = String::new();
                for action in &doc.actions {
                    let line = ActionLine {
                        document: &doc.document.id,
                        family: doc.document.family,
                        year: doc.document.year,
                        action,
                    };
                    lines += &serde_json::to_string(&line).expect("line");
                    lines.push('\n');
                    checked += 1;
                }
                assert_eq!(String::from_utf8(json.lines).unwrap(), lines);
            }
        }
        assert!(checked > 500, "only {checked} actions checked");
    }

    #[test]
    fn a_document_without_actions_keeps_its_empty_list() {
        let mut doc = DocumentOutput::new("empty.txt", govtrail_model::Family::AgsActionPlanUpdate);
        let json = DocumentJson::new(&mut doc).expect("json");
        let mut pretty = serde_json::to_vec_pretty(&doc).expect("pretty");
        pretty.push(b'\n');
        assert_eq!(json.pretty, pretty);
        assert!(json.lines.is_empty());
    }
}
