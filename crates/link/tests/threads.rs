//! Linking gives the same links and threads whatever the number of threads: items are
//! tokenised and abbreviations learnt in parallel, but word ids and sightings must not depend
//! on how the work was shared out.

mod support;

use govtrail_link::{link, LinkConfig, Links};
use govtrail_model::DocumentOutput;

fn link_with(threads: usize, docs: &[DocumentOutput]) -> Links {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
        .install(|| link(docs, &LinkConfig::default()))
}

#[test]
fn one_thread_and_four_link_alike() {
    let docs = support::synthetic_documents(6, 4);
    let one = link_with(1, &docs);
    let four = link_with(4, &docs);
    assert!(!one.links.is_empty(), "the corpus plants recurring issues");
    assert_eq!(
        serde_json::to_string(&one).expect("links serialise"),
        serde_json::to_string(&four).expect("links serialise")
    );
}
