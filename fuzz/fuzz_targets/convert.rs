//! The whole conversion on arbitrary bytes: never a panic, and every document accounts for
//! every non-blank row of the table it came from.
#![no_main]

use govtrail_convert::{convert, unaccounted_rows, ConvertOptions};
use govtrail_table::read_tables;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(documents) = convert("fuzz.txt", data, &ConvertOptions::default()) else {
        return;
    };
    let Ok(tables) = read_tables(data) else {
        panic!("convert succeeded on input read_tables refuses");
    };
    for doc in &documents {
        let table = tables
            .tables
            .iter()
            .find(|t| t.sheet == doc.document.sheet)
            .expect("every document comes from a table of the input");
        let lost = unaccounted_rows(table, doc);
        assert!(lost.is_empty(), "rows lost: {lost:?}");
    }
});
