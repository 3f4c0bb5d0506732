//! Generated documents convert as planted: every action found with its ref, nothing unclaimed.

use govtrail_convert::{convert, ConvertOptions, UNCLAIMED};
use govtrail_model::Family;
use govtrail_synth::{generate, Form, SynthOptions};

fn corpus(families: &[Family]) -> govtrail_synth::Corpus {
    generate(&SynthOptions {
        documents: 6,
        years: 3,
        seed: 7,
        families: families.to_vec(),
        ..SynthOptions::default()
    })
}

/// Converts every document of `family` and checks refs and the absence of unclaimed rows.
fn converts_as_planted(family: Family) {
    corpus_converts_as_planted(&corpus(&[family]));
}

fn corpus_converts_as_planted(corpus: &govtrail_synth::Corpus) {
    for doc in &corpus.documents {
        let out = convert(
            &doc.name,
            doc.text_dump().as_bytes(),
            &ConvertOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.len(), 1, "{}", doc.name);
        let out = &out[0];
        assert_eq!(out.document.family, doc.family, "{}", doc.name);
        assert_eq!(out.document.year, Some(doc.year), "{}", doc.name);
        let unclaimed: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.message == UNCLAIMED)
            .collect();
        assert!(unclaimed.is_empty(), "{}: {unclaimed:?}", doc.name);
        let refs: Vec<&str> = out
            .actions
            .iter()
            .filter_map(|a| a.reference.as_deref())
            .collect();
        assert_eq!(refs, doc.refs, "{}", doc.name);
    }
}

#[test]
fn ags_documents_convert_as_planted() {
    converts_as_planted(Family::AgsActionPlanUpdate);
}

#[test]
fn review_documents_convert_as_planted() {
    converts_as_planted(Family::GovernanceReviewPlan);
}

#[test]
fn tracker_documents_convert_as_planted() {
    converts_as_planted(Family::ImprovementPlanTracker);
}

#[test]
fn corporate_documents_convert_as_planted() {
    converts_as_planted(Family::CorporatePlanPerformance);
}

#[test]
fn restated_documents_convert_as_planted() {
    corpus_converts_as_planted(&generate(&SynthOptions {
        documents: 6,
        years: 6,
        seed: 7,
        families: Family::ALL.to_vec(),
        restatements: true,
        ..SynthOptions::default()
    }));
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let options = SynthOptions {
        documents: 3,
        seed: 11,
        ..SynthOptions::default()
    };
    let a = generate(&options);
    let b = generate(&options);
    assert_eq!(a, b);
    let texts = |c: &govtrail_synth::Corpus| -> Vec<String> {
        c.documents.iter().map(|d| d.text_dump()).collect()
    };
    assert_eq!(texts(&a), texts(&b));
    let c = generate(&SynthOptions {
        seed: 12,
        ..options
    });
    assert_ne!(texts(&a), texts(&c));
}

#[test]
fn expected_links_name_existing_refs_in_different_years() {
    let corpus = corpus(&Family::ALL);
    assert!(corpus.expected.must.len() > 20);
    for [(doc_a, ref_a), (doc_b, ref_b)] in corpus.expected.must.iter().map(|p| &p.pair) {
        let find = |name: &str| corpus.documents.iter().find(|d| d.name == name);
        let (Some(a), Some(b)) = (find(doc_a), find(doc_b)) else {
            panic!("unknown document in {doc_a} / {doc_b}");
        };
        assert!(a.refs.contains(ref_a), "{doc_a} has no {ref_a}");
        assert!(b.refs.contains(ref_b), "{doc_b} has no {ref_b}");
        assert!(a.year < b.year, "{doc_a} -> {doc_b}");
        assert_eq!(a.family, b.family);
    }
}

#[test]
fn ags_titles_owners_and_dates_are_read() {
    let corpus = corpus(&[Family::AgsActionPlanUpdate]);
    for doc in &corpus.documents {
        let out = convert(
            &doc.name,
            doc.text_dump().as_bytes(),
            &ConvertOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        for action in &out[0].actions {
            assert!(action.title.is_some(), "{}: {action:?}", doc.name);
            assert_eq!(action.owners.len(), 1, "{}: {action:?}", doc.name);
            assert!(
                action.due.as_ref().and_then(|d| d.date).is_some(),
                "{}: {action:?}",
                doc.name
            );
        }
    }
}

#[test]
fn csv_and_xlsx_forms_convert_like_the_text_dump() {
    let corpus = generate(&SynthOptions {
        documents: 1,
        years: 1,
        seed: 5,
        ..SynthOptions::default()
    });
    for doc in &corpus.documents {
        for form in [Form::Csv, Form::Xlsx] {
            let (name, bytes) = doc.file(form).unwrap_or_else(|e| panic!("{e}"));
            let out = convert(&name, &bytes, &ConvertOptions::default())
                .unwrap_or_else(|e| panic!("{e}"));
            let refs: Vec<&str> = out[0]
                .actions
                .iter()
                .filter_map(|a| a.reference.as_deref())
                .collect();
            assert_eq!(refs, doc.refs, "{name}");
            assert!(
                out[0].diagnostics.iter().all(|d| d.message != UNCLAIMED),
                "{name}"
            );
        }
    }
}
