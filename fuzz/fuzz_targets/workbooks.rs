//! The workbook readers on arbitrary parts: the fuzzed bytes are a worksheet of an `.xlsx`,
//! the `content.xml` of an `.ods`, the workbook stream of an `.xls`, and the whole file, each
//! in a container built around them, so the fuzzer reaches the cell readers rather than
//! stopping at the container. `read_tables` never panics, and every sheet it reads keeps its
//! rows in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Write};

const XLSX_PARTS: [(&str, &str); 4] = [
    ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#),
    ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
    ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
    ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
];
const SHARED_STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Issue</t></si><si><t>Cyber</t></si></sst>"#;
const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";
const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

fn zip_of(parts: &[(&str, &[u8])]) -> Option<Vec<u8>> {
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(*name, stored).ok()?;
        zip.write_all(bytes).ok()?;
    }
    Some(zip.finish().ok()?.into_inner())
}

fn ole_of(stream: &[u8]) -> Option<Vec<u8>> {
    let mut ole = cfb::CompoundFile::create(Cursor::new(Vec::new())).ok()?;
    ole.create_stream("Workbook").ok()?.write_all(stream).ok()?;
    ole.flush().ok()?;
    Some(ole.into_inner().into_inner())
}

fn check(bytes: &[u8]) {
    if let Ok(tables) = govtrail_table::read_tables(bytes) {
        for table in &tables.tables {
            assert!(table.rows.windows(2).all(|w| w[0].line < w[1].line));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut xlsx: Vec<(&str, &[u8])> = XLSX_PARTS
        .iter()
        .map(|(name, text)| (*name, text.as_bytes()))
        .collect();
    xlsx.push(("xl/sharedStrings.xml", SHARED_STRINGS.as_bytes()));
    xlsx.push(("xl/worksheets/sheet1.xml", data));
    let ods: [(&str, &[u8]); 3] = [
        ("mimetype", ODS_MIMETYPE.as_bytes()),
        ("META-INF/manifest.xml", ODS_MANIFEST.as_bytes()),
        ("content.xml", data),
    ];
    for bytes in [zip_of(&xlsx), zip_of(&ods), ole_of(data)].into_iter().flatten() {
        check(&bytes);
    }
    check(data);
});
