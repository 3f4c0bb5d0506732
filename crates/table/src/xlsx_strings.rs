//! Shared-string indices checked before calamine reads an `.xlsx` sheet.
//!
//! A text cell names its text by an index into the workbook's shared strings
//! (`<c r="B3" t="s"><v>12</v></c>`). calamine reads an index that is no number as 0, so a
//! damaged cell (`<v>abc</v>`) silently shows the first string of the workbook. Each worksheet
//! part is read here first, event by event, and a sheet holding such a cell fails alone,
//! naming the cell. (An index past the end of the strings calamine refuses itself.)

use crate::workbook::corrupt;
use crate::TableError;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor, Read, Seek};

const WORKBOOK: &str = "xl/workbook.xml";
const WORKBOOK_RELS: &str = "xl/_rels/workbook.xml.rels";

/// For each sheet (by name) holding a text cell whose shared-string index is no number, what
/// is wrong with its first such cell.
pub(crate) fn bad_indices(bytes: &[u8]) -> Result<HashMap<String, String>, TableError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    // calamine names a missing workbook part itself.
    let Some(sheets) = read_part(&mut archive, WORKBOOK, sheet_ids)? else {
        return Ok(HashMap::new());
    };
    let targets = read_part(&mut archive, WORKBOOK_RELS, relationship_targets)?.unwrap_or_default();
    let mut bad = HashMap::new();
    for (name, id) in sheets {
        let Some(target) = targets.get(&id) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("xl/{target}"),
        };
        if let Some(Some(problem)) = read_part(&mut archive, &path, first_bad_index)? {
            bad.insert(name, problem);
        }
    }
    Ok(bad)
}

/// Reads the member `path` with `read`, or `None` when the archive has no such member.
fn read_part<R: Read + Seek, T>(
    archive: &mut zip::ZipArchive<R>,
    path: &str,
    read: impl Fn(&mut dyn BufRead) -> Result<T, TableError>,
) -> Result<Option<T>, TableError> {
    match archive.by_name(path) {
        Ok(member) => read(&mut BufReader::new(member)).map(Some),
        Err(_) => Ok(None),
    }
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

/// The workbook's sheets: (name, relationship id), in order.
fn sheet_ids(part: &mut dyn BufRead) -> Result<Vec<(String, String)>, TableError> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut sheets = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(corrupt)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                if let (Some(name), Some(id)) = (attribute(&e, "name"), attribute(&e, "r:id")) {
                    sheets.push((name, id));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(sheets)
}

/// The workbook's relationships: id → target part.
fn relationship_targets(part: &mut dyn BufRead) -> Result<HashMap<String, String>, TableError> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut targets = HashMap::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(corrupt)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attribute(&e, "Id"), attribute(&e, "Target")) {
                    targets.insert(id, target);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(targets)
}

/// What is wrong with the first text cell of a worksheet part whose shared-string index is
/// no number, if any.
fn first_bad_index(part: &mut dyn BufRead) -> Result<Option<String>, TableError> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    // The open text cell's reference, and the index read so far once inside its `<v>`.
    let mut cell: Option<String> = None;
    let mut index: Option<String> = None;
    loop {
        match reader.read_event_into(&mut buf).map_err(corrupt)? {
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                cell = (attribute(&e, "t").as_deref() == Some("s"))
                    .then(|| attribute(&e, "r").unwrap_or_default());
            }
            Event::Start(e) if e.local_name().as_ref() == "v" && cell.is_some() => {
                index = Some(String::new());
            }
            Event::Text(t) => {
                if let Some(index) = index.as_mut() {
                    index.push_str(&t);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "v" => {
                if let (Some(reference), Some(read)) = (cell.as_deref(), index.take()) {
                    let read = read.trim();
                    if read.is_empty() || !read.bytes().all(|b| b.is_ascii_digit()) {
                        return Ok(Some(format!(
                            "cell {reference}: shared-string index {read:?} is not a number"
                        )));
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "c" => {
                cell = None;
                index = None;
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(None)
}
