//! Converted synthetic corpora, shared by the linking tests and benches (each uses some).
#![allow(dead_code)]

use govtrail_convert::{convert, ConvertOptions};
use govtrail_model::{DocumentOutput, ExpectedLinks};
use govtrail_synth::{generate, SynthOptions};

/// `documents` synthetic documents of every family over `years` years, converted.
pub fn synthetic_documents(documents: usize, years: u32) -> Vec<DocumentOutput> {
    let corpus = generate(&SynthOptions {
        documents,
        years,
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

/// The one-council restatement archive of `seed` (`govtrail synth --restatements`, ten
/// documents over ten years), converted, with the links planted in it.
pub fn restatement_archive(seed: u64) -> (Vec<DocumentOutput>, ExpectedLinks) {
    let corpus = generate(&SynthOptions {
        documents: 10,
        years: 10,
        seed,
        restatements: true,
        ..SynthOptions::default()
    });
    let docs = corpus
        .documents
        .iter()
        .flat_map(|d| {
            convert(
                &d.name,
                d.text_dump().as_bytes(),
                &ConvertOptions::default(),
            )
            .unwrap_or_else(|e| panic!("{} does not convert: {e}", d.name))
        })
        .collect();
    (docs, corpus.expected)
}
