//! The text reader on arbitrary bytes: `decode_text` and `read_text_dump` never panic, every
//! non-blank line of the decoded text becomes a row at its own line number, and `read_tables`
//! agrees with them on text input.
#![no_main]

use govtrail_table::{decode_text, read_tables, read_text_dump, SourceFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let tables = read_tables(data);
    let Ok((text, _)) = decode_text(data) else {
        return;
    };
    let table = read_text_dump(&text);
    let non_blank: Vec<usize> = text
        .split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect();
    let rows: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(rows, non_blank, "a non-blank line is not a row at its line");
    if let Ok(tables) = tables {
        if tables.format == SourceFormat::TextDump {
            assert_eq!(tables.tables, vec![table]);
        }
    }
});
