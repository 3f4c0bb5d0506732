//! Every family parser on an arbitrary table (rows split on `\n`, cells on `\t`): never a
//! panic, and every non-blank row is accounted for by the parser itself, without the
//! conversion's safety net.
#![no_main]

use govtrail_convert::{parsers, unaccounted_rows};
use govtrail_table::{Row, Table};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let rows = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| Row::new(i + 1, line.split('\t').map(str::to_owned).collect()))
        .filter(|row| !row.is_blank())
        .collect();
    let table = Table::new(rows);
    for parser in parsers() {
        let _ = parser.score(&table);
        let doc = parser.parse(&table, &Default::default());
        let lost = unaccounted_rows(&table, &doc);
        assert!(
            lost.is_empty(),
            "{} lost rows {:?}",
            parser.family(),
            lost.iter().map(|r| r.line).collect::<Vec<_>>()
        );
    }
});
