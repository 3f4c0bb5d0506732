//! `fixtures/gold` and `seeds` are copies of `../shared/gold` and `../shared/seeds`, so a clone
//! tests without `../shared`. Where `../shared` is present, the copies must be current.

mod common;

use std::path::Path;

fn assert_same_files(shared: &Path, copy: &Path) {
    let names = |dir: &Path| -> Vec<String> {
        common::files_in(dir)
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect()
    };
    assert_eq!(
        names(shared),
        names(copy),
        "{} and {} list different files",
        shared.display(),
        copy.display()
    );
    for name in names(shared) {
        let a = std::fs::read(shared.join(&name)).expect("read shared");
        let b = std::fs::read(copy.join(&name)).expect("read copy");
        assert!(
            a == b,
            "{name} differs from {}: refresh the copy",
            shared.display()
        );
    }
}

#[test]
fn gold_and_seed_copies_are_current() {
    let Some(shared) = common::shared() else {
        println!("skipped: ../shared is not beside the repository");
        return;
    };
    assert_same_files(
        &shared.join("gold"),
        &common::root().join("fixtures").join("gold"),
    );
    assert_same_files(&shared.join("seeds"), &common::root().join("seeds"));
}
