//! A converted synthetic corpus, shared by the linking tests and benches.

use govtrail_convert::{convert, ConvertOptions};
use govtrail_model::DocumentOutput;
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
