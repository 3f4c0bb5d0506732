//! Synthetic archives of council action plans, for scale tests and linker evaluation.
//!
//! The seeds are a few hundred kilobytes; users convert a decade of appendices at once. This
//! crate writes any number of documents of every family, laid out like the seeds (headers,
//! ref shapes, page-break damage, HTML fragments, marking footers, look-alike letters), spread
//! over several years, with recurring issues planted across years under varied wording and the
//! links that must be found between them. Same seed, same bytes. No file system access.
//!
//! ```
//! use govtrail_synth::{generate, SynthOptions};
//! let corpus = generate(&SynthOptions { documents: 2, years: 2, ..SynthOptions::default() });
//! assert_eq!(corpus.documents.len(), 8); // 2 of each of the 4 families
//! assert!(!corpus.expected.must.is_empty());
//! assert_eq!(corpus, generate(&SynthOptions { documents: 2, years: 2, ..SynthOptions::default() }));
//! ```
#![deny(missing_docs)]

mod ags;
mod corporate;
mod plan;
mod restatements;
mod review;
mod tracker;
mod vocab;

use fastrand::Rng;
use govtrail_model::{ExpectedLinks, ExpectedPair, Family};
use restatements::{Group, Mark};
use std::collections::BTreeMap;
use vocab::{background_name, pseudo_word, Topic, Variant};

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthOptions {
    /// Documents of every family.
    pub documents: usize,
    /// Years the documents are spread over: document `i` is year `first_year + i % years` of
    /// council `i / years`.
    pub years: u32,
    /// The first year.
    pub first_year: i32,
    /// Everything random derives from this.
    pub seed: u64,
    /// The families to write (the four seed families by default; add
    /// [`Family::ActionPlan`] for other councils' layouts).
    pub families: Vec<Family>,
    /// Also plant restatements (renamed programmes, actions split or merged, initials used
    /// bare, clipped words, headings become actions, tracker editions) and decoys, each
    /// pair's note opening with its kind (`[renamed] ...`); off by default.
    pub restatements: bool,
}

impl Default for SynthOptions {
    fn default() -> SynthOptions {
        SynthOptions {
            documents: 4,
            years: 4,
            first_year: 2015,
            seed: 1,
            families: Family::SEEDS.to_vec(),
            restatements: false,
        }
    }
}

/// A generated corpus: the documents and the links planted between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Corpus {
    /// The documents, family by family, in index order.
    pub documents: Vec<SynthDocument>,
    /// The planted links.
    pub expected: ExpectedLinks,
}

impl Corpus {
    /// Total size of the documents as text dumps, in bytes.
    pub fn text_bytes(&self) -> usize {
        self.documents.iter().map(SynthDocument::text_len).sum()
    }

    /// Total number of actions the documents hold.
    pub fn actions(&self) -> usize {
        self.documents.iter().map(|d| d.refs.len()).sum()
    }
}

/// One generated document.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthDocument {
    /// The file name of its text dump, e.g. `ags_c0001_2017.txt`.
    pub name: String,
    /// Its family.
    pub family: Family,
    /// The year it reports on.
    pub year: i32,
    /// Its rows of cells, one per text line; an empty row is a blank line.
    pub rows: Vec<Vec<String>>,
    /// The refs of its actions, in order, as a correct parser reports them.
    pub refs: Vec<String>,
}

impl SynthDocument {
    /// The document as a tab-separated text dump.
    pub fn text_dump(&self) -> String {
        let mut out = String::with_capacity(self.text_len());
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    out.push('\t');
                }
                out.push_str(cell);
            }
            out.push('\n');
        }
        out
    }

    /// The document as CSV: the text dump's rows, one record each, blank lines kept blank.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = String::with_capacity(self.text_len() + self.text_len() / 8);
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if cell.contains([',', '"', '\n', '\r']) {
                    out.push('"');
                    out.push_str(&cell.replace('"', "\"\""));
                    out.push('"');
                } else {
                    out.push_str(cell);
                }
            }
            out.push('\n');
        }
        out.into_bytes()
    }

    /// The document as an Excel workbook of one sheet: the text dump's rows at the same row
    /// numbers, every cell a string.
    pub fn xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name("Action plan")?;
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, cell)?;
                }
            }
        }
        workbook.save_to_buffer()
    }

    /// The document's file in `form`: its name (the text dump's with the form's extension)
    /// and bytes.
    pub fn file(&self, form: Form) -> Result<(String, Vec<u8>), rust_xlsxwriter::XlsxError> {
        let stem = self.name.strip_suffix(".txt").unwrap_or(&self.name);
        Ok(match form {
            Form::Text => (self.name.clone(), self.text_dump().into_bytes()),
            Form::Csv => (format!("{stem}.csv"), self.csv()),
            Form::Xlsx => (format!("{stem}.xlsx"), self.xlsx()?),
        })
    }

    fn text_len(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.iter().map(String::len).sum::<usize>() + r.len().max(1))
            .sum()
    }
}

/// The file forms a document can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Tab-separated text dump (`.txt`).
    Text,
    /// Comma-separated values (`.csv`).
    Csv,
    /// Excel workbook (`.xlsx`).
    Xlsx,
}

impl Form {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Form::Text => "txt",
            Form::Csv => "csv",
            Form::Xlsx => "xlsx",
        }
    }
}

/// The same links naming the documents' files in `form`.
pub fn expected_in_form(expected: &ExpectedLinks, form: Form) -> ExpectedLinks {
    let rename = |(name, reference): &(String, String)| {
        let name = match name.strip_suffix(".txt") {
            Some(stem) if form != Form::Text => format!("{stem}.{}", form.extension()),
            _ => name.clone(),
        };
        (name, reference.clone())
    };
    let renamed = |pairs: &[ExpectedPair]| -> Vec<ExpectedPair> {
        pairs
            .iter()
            .map(|p| ExpectedPair {
                pair: [rename(&p.pair[0]), rename(&p.pair[1])],
                note: p.note.clone(),
            })
            .collect()
    };
    ExpectedLinks {
        notes: expected.notes.clone(),
        must: renamed(&expected.must),
        must_not: renamed(&expected.must_not),
    }
}

/// Generates the corpus `options` describe.
pub fn generate(options: &SynthOptions) -> Corpus {
    let mut documents = Vec::new();
    let mut occurrences: BTreeMap<u64, Vec<(i32, String, String)>> = BTreeMap::new();
    let mut marked: BTreeMap<Mark, (String, String)> = BTreeMap::new();
    for &family in &options.families {
        for index in 0..options.documents {
            let Written {
                doc,
                planted,
                marks,
            } = marked_document(options, family, index);
            for (mark, reference) in marks {
                marked.insert(mark, (doc.name.clone(), reference));
            }
            for (topic, reference) in planted {
                occurrences
                    .entry(topic)
                    .or_default()
                    .push((doc.year, doc.name.clone(), reference));
            }
            documents.push(doc);
        }
    }
    let mut must = Vec::new();
    for list in occurrences.values_mut() {
        list.sort();
        for pair in list.windows(2) {
            must.push(ExpectedPair::new(
                (pair[0].1.clone(), pair[0].2.clone()),
                (pair[1].1.clone(), pair[1].2.clone()),
            ));
        }
    }
    let mut notes = vec![format!(
        "Planted by govtrail synth (seed {}): each pair names one recurring issue in consecutive occurrences, phrased with variants (case, word order, spelling, abbreviation, look-alike letters). Background items use invented words and link to nothing.",
        options.seed
    )];
    let mut must_not = Vec::new();
    if options.restatements {
        notes.push(restatements::NOTE.to_owned());
        for planted in restatements::pairs(options) {
            let (Some(a), Some(b)) = (marked.get(&planted.a), marked.get(&planted.b)) else {
                continue;
            };
            let pair = ExpectedPair {
                pair: [a.clone(), b.clone()],
                note: Some(planted.note),
            };
            if planted.must {
                must.push(pair);
            } else {
                must_not.push(pair);
            }
        }
    }
    Corpus {
        documents,
        expected: ExpectedLinks {
            notes,
            must,
            must_not,
        },
    }
}

/// Recurring topics per council document, by family.
fn recurring_per_document(family: Family) -> usize {
    match family {
        Family::AgsActionPlanUpdate => 3,
        Family::GovernanceReviewPlan => 12,
        Family::ImprovementPlanTracker => 15,
        Family::CorporatePlanPerformance => 20,
        Family::ActionPlan => 8,
    }
}

fn family_number(family: Family) -> u64 {
    Family::ALL.iter().position(|&f| f == family).unwrap_or(0) as u64
}

fn short_name(family: Family) -> &'static str {
    match family {
        Family::AgsActionPlanUpdate => "ags",
        Family::GovernanceReviewPlan => "review",
        Family::ImprovementPlanTracker => "tracker",
        Family::CorporatePlanPerformance => "corporate",
        Family::ActionPlan => "plan",
    }
}

/// One document and the (topic, ref) of each recurring issue planted in it.
pub fn document(
    options: &SynthOptions,
    family: Family,
    index: usize,
) -> (SynthDocument, Vec<(u64, String)>) {
    let written = marked_document(options, family, index);
    (written.doc, written.planted)
}

/// A generated document and where its planted items ended up.
struct Written {
    doc: SynthDocument,
    /// (topic, ref) of each recurring issue.
    planted: Vec<(u64, String)>,
    /// (mark, ref) of each restatement or decoy.
    marks: Vec<(Mark, String)>,
}

/// One document and the recurring issues, restatements and decoys planted in it.
fn marked_document(options: &SynthOptions, family: Family, index: usize) -> Written {
    let years = options.years.max(1) as usize;
    let council = index / years;
    let slot = index % years;
    let year = options.first_year + slot as i32;
    let fam = family_number(family);
    let doc_seed = vocab::mix(options.seed ^ vocab::mix((fam << 48) ^ index as u64));
    let mut builder = DocBuilder {
        rng: Rng::with_seed(doc_seed),
        year,
        rows: Vec::new(),
        refs: Vec::new(),
        planted: Vec::new(),
        marks: Vec::new(),
    };

    // The council's recurring topics, and which of them this year's document mentions.
    let mut items = Vec::new();
    for t in 0..recurring_per_document(family) {
        let topic_id = (1 << 62) | (fam << 56) | ((council as u64) << 20) | t as u64;
        let topic_key = vocab::mix(options.seed ^ topic_id);
        let mut topic_rng = Rng::with_seed(topic_key);
        let topic = Topic::new(topic_key, &mut topic_rng);
        let mut seen = 0;
        let mut variant = None;
        for s in 0..=slot {
            if topic_rng.u8(..4) == 0 {
                continue;
            }
            let later = Variant::LATER[topic_rng.usize(..Variant::LATER.len())];
            if s == slot {
                variant = Some(if seen == 0 { Variant::Base } else { later });
            }
            seen += 1;
        }
        if let Some(variant) = variant {
            let name = topic.name(variant, &mut topic_rng);
            items.push(Item {
                word: pseudo_word(topic_key.wrapping_mul(2)),
                name,
                planted: true,
                topic: topic_key,
                update: None,
                group: None,
                mark: None,
            });
        }
    }
    let background = match family {
        Family::AgsActionPlanUpdate => builder.rng.usize(3..7),
        Family::GovernanceReviewPlan => builder.rng.usize(100..160),
        Family::ImprovementPlanTracker => builder.rng.usize(100..160),
        Family::CorporatePlanPerformance => builder.rng.usize(180..260),
        Family::ActionPlan => builder.rng.usize(10..40),
    };
    for b in 0..background {
        let id = (fam << 56) | ((index as u64) << 16) | b as u64;
        let id = vocab::mix(options.seed ^ id);
        let name = background_name(id, &mut builder.rng);
        items.push(Item {
            word: pseudo_word(id ^ 0x5EED_0000_0000_0000).to_lowercase(),
            name,
            planted: false,
            topic: 0,
            update: None,
            group: None,
            mark: None,
        });
    }
    builder.rng.shuffle(&mut items);
    if options.restatements {
        let mut placement = Rng::with_seed(vocab::mix(doc_seed ^ 0x7E57_A7ED));
        restatements::insert(
            &mut items,
            restatements::blocks(options, family, council, slot),
            &mut placement,
        );
    }
    match family {
        Family::AgsActionPlanUpdate => ags::build(&mut builder, &items),
        Family::GovernanceReviewPlan => review::build(&mut builder, &items),
        Family::ImprovementPlanTracker => tracker::build(&mut builder, &items),
        Family::CorporatePlanPerformance => corporate::build(&mut builder, &items),
        Family::ActionPlan => plan::build(&mut builder, &items),
    }
    let name = format!("{}_c{council:04}_{year}.txt", short_name(family));
    let doc = SynthDocument {
        name,
        family,
        year,
        rows: builder.rows,
        refs: builder.refs,
    };
    Written {
        doc,
        planted: builder.planted,
        marks: builder.marks,
    }
}

/// One item to write: a recurring topic's occurrence or a background item.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    /// Its name as printed in this document.
    pub name: String,
    /// A distinctive word to weave into its prose.
    pub word: String,
    /// True for a recurring topic.
    pub planted: bool,
    /// The recurring topic's key (0 for background items).
    pub topic: u64,
    /// A sentence its progress update opens with (a rename's bridge to the old name).
    pub update: Option<String>,
    /// The block of items it is written in: a parent and its sub-actions, kept together.
    pub group: Option<Group>,
    /// The restatement or decoy occurrence it is.
    pub mark: Option<Mark>,
}

impl Item {
    /// `update`, opened by the item's own update sentence when it has one.
    pub fn update_text(&self, update: String) -> String {
        match &self.update {
            Some(opening) => format!("{opening} {update}"),
            None => update,
        }
    }
}

/// How many of `rest`'s leading items the next block of a writer takes: a group whole,
/// otherwise up to `wanted` items that belong to no group.
pub(crate) fn block_len(rest: &[Item], wanted: usize) -> usize {
    let group = rest.first().and_then(|i| i.group.as_ref()).map(|g| g.id);
    let run = rest
        .iter()
        .take_while(|i| i.group.as_ref().map(|g| g.id) == group)
        .count();
    match group {
        Some(_) => run,
        None => run.min(wanted),
    }
}

/// True when a cut before `items[at]` would separate two items of one group.
pub(crate) fn inside_group(items: &[Item], at: usize) -> bool {
    let id = |i: usize| {
        items
            .get(i)
            .and_then(|item| item.group.as_ref())
            .map(|g| g.id)
    };
    at > 0 && id(at).is_some() && id(at) == id(at - 1)
}

/// `items` cut into runs of `size`, a run that would cut a group extended to its end.
pub(crate) fn runs(items: &[Item], size: usize) -> Vec<&[Item]> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let mut end = (start + size.max(1)).min(items.len());
        while inside_group(items, end) {
            end += 1;
        }
        out.push(&items[start..end]);
        start = end;
    }
    out
}

/// A document being written row by row.
pub(crate) struct DocBuilder {
    pub rng: Rng,
    pub year: i32,
    rows: Vec<Vec<String>>,
    refs: Vec<String>,
    planted: Vec<(u64, String)>,
    marks: Vec<(Mark, String)>,
}

impl DocBuilder {
    /// Appends a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Appends a blank line.
    pub fn blank(&mut self) {
        self.rows.push(Vec::new());
    }

    /// Records that `reference` is an action of the document, and a planted one if `item` is.
    pub fn record(&mut self, item: Option<&Item>, reference: &str) {
        self.refs.push(reference.to_owned());
        if let Some(item) = item.filter(|i| i.planted) {
            self.planted.push((item.topic, reference.to_owned()));
        }
        if let Some(mark) = item.and_then(|i| i.mark) {
            self.marks.push((mark, reference.to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a over every document's text dump and the expected pairs.
    fn digest(corpus: &Corpus) -> u64 {
        let mut text: String = corpus.documents.iter().map(|d| d.text_dump()).collect();
        for pair in &corpus.expected.must {
            text.push_str(&format!("{:?}", pair.pair));
        }
        text.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
        })
    }

    #[test]
    fn the_default_corpus_is_unchanged_with_restatements_off() {
        let default = generate(&SynthOptions::default());
        assert_eq!(
            default,
            generate(&SynthOptions {
                restatements: false,
                ..SynthOptions::default()
            })
        );
        assert_eq!(default.documents.len(), 16);
        assert_eq!(default.expected.must.len(), 94);
        assert!(default.expected.must_not.is_empty());
        assert!(default.expected.must.iter().all(|p| p.note.is_none()));
        assert_eq!(default.expected.notes.len(), 1);
        // The corpus as generated before restatements existed (commit 19cee44).
        assert_eq!(digest(&default), 0x72B6_C1A4_3B38_568D);
    }

    #[test]
    fn groups_are_never_cut_and_plain_runs_are_cut_as_chunks() {
        let item = |group: Option<u64>| Item {
            name: String::new(),
            word: String::new(),
            planted: false,
            topic: 0,
            update: None,
            group: group.map(|id| Group { id, pin: None }),
            mark: None,
        };
        let plain: Vec<Item> = (0..7).map(|_| item(None)).collect();
        let lens = |runs: Vec<&[Item]>| runs.iter().map(|r| r.len()).collect::<Vec<_>>();
        assert_eq!(lens(runs(&plain, 3)), vec![3, 3, 1]);
        assert_eq!(block_len(&plain, 4), 4);
        let mixed = vec![
            item(None),
            item(None),
            item(Some(1)),
            item(Some(1)),
            item(None),
        ];
        assert_eq!(lens(runs(&mixed, 3)), vec![4, 1]);
        assert_eq!(block_len(&mixed, 5), 2);
        assert_eq!(block_len(&mixed[2..], 1), 2);
    }
}
