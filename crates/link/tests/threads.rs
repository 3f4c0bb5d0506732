//! Linking gives the same links and threads whatever the number of threads: items are
//! tokenised and abbreviations learnt in parallel, but word ids and sightings must not depend
//! on how the work was shared out.

use govtrail_convert::{convert, ConvertOptions};
use govtrail_link::{link, LinkConfig, Links};
use govtrail_model::DocumentOutput;
use govtrail_synth::{generate, SynthOptions};

fn documents() -> Vec<DocumentOutput> {
    let corpus = generate(&SynthOptions {
        documents: 6,
        years: 4,
        ..SynthOptions::default()
    });
    corpus
        .documents
        .iter()
        .filter_map(|d| {
            convert(
                &d.name,
                d.text_dump().as_bytes(),
                &ConvertOptions::default(),
            )
            .ok()
        })
        .flatten()
        .collect()
}

fn link_with(threads: usize, docs: &[DocumentOutput]) -> Links {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
        .install(|| link(docs, &LinkConfig::default()))
}

#[test]
fn one_thread_and_four_link_alike() {
    let docs = documents();
    let one = link_with(1, &docs);
    let four = link_with(4, &docs);
    assert!(!one.links.is_empty(), "the corpus plants recurring issues");
    assert_eq!(
        serde_json::to_string(&one).expect("links serialise"),
        serde_json::to_string(&four).expect("links serialise")
    );
}
