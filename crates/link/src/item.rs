//! The linkable items of a corpus: one per (document, ref), with its tokens interned and
//! weighted by rarity.
//!
//! What an item's "title" is differs by family. An annual governance statement gives a topic
//! heading ("Children's Services") and a governance review often prefixes its action with one
//! ("Waste Contract"); trackers and corporate-plan reports give none, so the action text
//! carries the meaning and the workstream, theme, section or enclosing objective add context.
//! An item therefore has a *headline* (the heading where there is one, else the opening of the
//! text) for character-level measures, *core* tokens (heading and text) for the main token
//! measure, and *evidence* tokens (core plus context) for the supporting one.

use crate::abbrev;

use crate::normalise::{each_word, Normaliser, OpeningClause};
use ahash::AHashMap;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use govtrail_model::{ActionKind, DocumentOutput};
use hashbrown::HashTable;
use rayon::prelude::*;

/// How many documents are tokenised at a time.
const TOKENISED_BATCH: usize = 256;

/// How many words of the action text make the headline of an item without a heading.
const HEADLINE_WORDS: usize = 12;

/// One linkable item.
#[derive(Clone, Debug)]
pub struct Item {
    /// Index of its document in the input slice.
    pub doc: usize,
    /// Its ref.
    pub reference: String,
    /// The document's year.
    pub year: Option<i32>,
    /// What a reader calls it: the heading, else the whole text.
    pub label: String,
    /// Whether the document gave a heading.
    pub has_heading: bool,
    /// Whether the item is a step of an enclosing item (it names a parent).
    pub has_parent: bool,
    /// Token ids of the heading in order; empty without one.
    pub heading_sequence: Box<[u32]>,
    /// Token ids of the headline in order.
    pub headline_sequence: Box<[u32]>,
    /// Token ids, in order, of what its updates say it replaces ("replacing the arrangements
    /// that supported the Early Help Hub"); empty when they say nothing of the kind.
    pub bridge_sequence: Box<[u32]>,
    /// The normalised headline (heading, else the first words of the text).
    pub headline: String,
    /// Token ids of heading and text, sorted, unique.
    pub core: Box<[u32]>,
    /// Token ids of the first [`HEADLINE_WORDS`] core tokens (heading, then the opening of
    /// the text), sorted, unique.
    pub opening: Box<[u32]>,
    /// Token ids of core and context (workstream, theme, section, deliverable, description,
    /// the enclosing item's heading and text), sorted, unique.
    pub evidence: Box<[u32]>,
    /// Token ids of the opening (the first [`HEADLINE_WORDS`] core tokens) in order.
    pub opening_sequence: Box<[u32]>,
    /// How many of `opening_sequence` make the opening clause: the heading and the text up
    /// to a word that sends its object elsewhere ("into", "within", "that").
    pub opening_clause: u8,
    /// Index of the enclosing item (its `parent`) among the corpus items, when it has a ref.
    pub parent: Option<u32>,
    /// Indices of the items of the same document this one says it serves: its `links`
    /// ("Link to I22, I23") and the recommendations whose cross-reference rows cite it.
    pub stated: Box<[u32]>,
    /// The family of its document, ref and the tracker workstream it sits in, normalised: an
    /// item of the next edition of one tracker keeps all three. (A corporate plan's section
    /// is a broad priority that every council's plan may share, not an issue's name.)
    pub edition_key: Option<(govtrail_model::Family, String, String)>,
}

/// All items of a corpus with the shared vocabulary.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The items, grouped by document in input order.
    pub items: Vec<Item>,
    /// Token text by id.
    pub vocabulary: Vec<String>,
    /// Inverse document frequency by token id (documents here are items).
    pub idf: Vec<f32>,
}

impl Corpus {
    /// Whether items `a` and `b` share a core word rare enough to block on (held by at most
    /// [`LinkConfig::rare_document_frequency`] items): a word that names their issue rather
    /// than the wording many rows share ("Continue with robust oversight of the … work").
    pub fn share_a_rare_word(&self, a: u32, b: u32, config: &crate::LinkConfig) -> bool {
        self.rare_words_shared(a, b, config).next().is_some()
    }

    /// The core words items `a` and `b` share that are rare enough to block on, by id in
    /// ascending order.
    pub fn rare_words_shared<'c>(
        &'c self,
        a: u32,
        b: u32,
        config: &crate::LinkConfig,
    ) -> impl Iterator<Item = u32> + 'c {
        // The bar is the IDF of a word held by exactly that many items, so that such a word
        // is rare however the floats round.
        let n = self.items.len();
        let rare = idf(n, config.rare_document_frequency(n));
        let (x, y) = (&self.items[a as usize], &self.items[b as usize]);
        crate::score::common(&x.core, &y.core).filter(move |&t| self.idf[t as usize] >= rare)
    }

    /// Builds the items of `docs`. Rows without a ref cannot be named in a link and are left
    /// out; a ref printed twice in one document (a cross-reference row repeating an action)
    /// is one item whose texts are pooled, the defining row naming it.
    pub fn build(docs: &[DocumentOutput]) -> Corpus {
        Corpus::build_without(docs, &std::collections::HashSet::new())
    }

    /// Builds the items of `docs` except those of the documents in `skipped` (repeats of
    /// another document).
    pub fn build_without(
        docs: &[DocumentOutput],
        skipped: &std::collections::HashSet<usize>,
    ) -> Corpus {
        let kept: Vec<usize> = (0..docs.len()).filter(|i| !skipped.contains(i)).collect();
        // The texts are gathered in parallel, in order: seven million of them at a million
        // actions were a serial wait before the learner started.
        let texts: Vec<&str> = kept
            .par_iter()
            .flat_map_iter(|&d| {
                docs[d].actions.iter().flat_map(|a| {
                    [
                        a.title.as_deref(),
                        Some(a.text.as_str()),
                        a.description.as_deref(),
                        a.context.workstream.as_deref(),
                        a.context.theme.as_deref(),
                        a.context.section.as_deref(),
                        a.context.deliverable.as_deref(),
                    ]
                    .into_iter()
                    .flatten()
                })
            })
            .collect();
        let normaliser = abbrev::learn(texts);
        tracing::debug!(
            abbreviations = normaliser.abbreviation_count(),
            "abbreviations learnt"
        );
        // Tokenising is the costly part: each document's items are tokenised on their own, in
        // parallel, with ids local to the document. The documents' words then get corpus-wide
        // ids in input order, each distinct word once per document, so the ids are the same
        // whatever the number of threads; the items of each document are then made in
        // parallel. Documents go through in batches, so that only one batch's tokenised
        // texts are held beside the items (at a million actions, 0.3 GB less at the peak).
        let mut vocabulary = Vocabulary::new();
        // At most one item per action: room for all of them at once rather than the items
        // copied each time the list doubles.
        let mut items: Vec<Item> =
            Vec::with_capacity(kept.iter().map(|&d| docs[d].actions.len()).sum());
        for batch in kept.chunks(TOKENISED_BATCH) {
            let tokenised: Vec<TokenisedDocument> = batch
                .par_iter()
                .map(|&doc_index| tokenise_document(doc_index, &docs[doc_index], &normaliser))
                .collect();
            let (mut words, tokenised): (Vec<Vec<String>>, Vec<Vec<TokenisedItem>>) = tokenised
                .into_iter()
                .map(|document| (document.words, document.items))
                .unzip();
            let global = vocabulary.ids(&mut words);
            words.into_par_iter().for_each(drop);
            let mut first = items.len();
            let documents: Vec<(Vec<TokenisedItem>, Vec<u32>, usize)> = tokenised
                .into_iter()
                .zip(global)
                .map(|(document_items, global)| {
                    let at = first;
                    first += document_items.len();
                    (document_items, global, at)
                })
                .collect();
            items.par_extend(
                documents
                    .into_par_iter()
                    .flat_map_iter(|(items, global, first)| document_items(items, &global, first)),
            );
        }
        let mut df = vec![0u32; vocabulary.words.len()];
        for item in &items {
            for &token in &item.evidence {
                df[token as usize] += 1;
            }
        }
        let idf = df.iter().map(|&d| idf(items.len(), d as usize)).collect();
        Corpus {
            items,
            vocabulary: vocabulary.words,
            idf,
        }
    }
}

/// The items of one document, its local word ids replaced by the corpus-wide `global` ones,
/// its parents and stated refs resolved to indices; its first item is corpus item `first`.
fn document_items(tokenised: Vec<TokenisedItem>, global: &[u32], first: usize) -> Vec<Item> {
    let sequence =
        |local: &[u32]| -> Vec<u32> { local.iter().map(|&l| global[l as usize]).collect() };
    let set = |local: &[u32]| -> Vec<u32> {
        let mut ids = sequence(local);
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let mut items = Vec::with_capacity(tokenised.len());
    // Parents and stated refs by name, resolved to indices once the document's items are in.
    let mut kin: Vec<(Option<String>, Vec<String>)> = Vec::with_capacity(tokenised.len());
    for item in tokenised {
        let opening = &item.core[..item.core.len().min(HEADLINE_WORDS)];
        let heading_sequence = sequence(&item.heading);
        let opening_sequence = sequence(opening);
        let headline_sequence = match item.has_heading {
            true => heading_sequence.clone(),
            false => opening_sequence.clone(),
        };
        let mut opening = opening_sequence.clone();
        opening.sort_unstable();
        opening.dedup();
        let core = set(&item.core);
        let mut evidence = Vec::with_capacity(core.len() + item.context.len());
        evidence.extend_from_slice(&core);
        evidence.extend(item.context.iter().map(|&l| global[l as usize]));
        evidence.sort_unstable();
        evidence.dedup();
        kin.push((item.parent, item.stated));
        items.push(Item {
            opening_clause: item.clause.min(opening_sequence.len()) as u8,
            opening_sequence: opening_sequence.into(),
            parent: None,
            stated: Box::default(),
            edition_key: item.edition_key,
            doc: item.doc,
            reference: item.reference,
            year: item.year,
            label: item.label,
            has_heading: item.has_heading,
            has_parent: item.has_parent,
            headline: item.headline,
            heading_sequence: heading_sequence.into(),
            headline_sequence: headline_sequence.into(),
            bridge_sequence: sequence(&item.bridge).into(),
            opening: opening.into(),
            core: core.into(),
            evidence: evidence.into(),
        });
    }
    let by_ref: AHashMap<&str, u32> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.reference.as_str(), (first + i) as u32))
        .collect();
    let resolved: Vec<(Option<u32>, Vec<u32>)> = kin
        .into_iter()
        .enumerate()
        .map(|(i, (parent, stated))| {
            let me = (first + i) as u32;
            let mut stated: Vec<u32> = stated
                .iter()
                .filter_map(|r| by_ref.get(r.as_str()).copied())
                .filter(|&other| other != me)
                .collect();
            stated.sort_unstable();
            stated.dedup();
            (parent.and_then(|p| by_ref.get(p.as_str()).copied()), stated)
        })
        .collect();
    for (item, (parent, stated)) in items.iter_mut().zip(resolved) {
        item.parent = parent;
        item.stated = stated.into();
    }
    items
}

/// One document's items, tokenised, with word ids local to the document.
struct TokenisedDocument {
    /// The document's words by local id, in order of first use (heading, core, context of
    /// each item in turn).
    words: Vec<String>,
    items: Vec<TokenisedItem>,
}

/// An item with its texts tokenised into local word ids, in text order.
struct TokenisedItem {
    parent: Option<String>,
    stated: Vec<String>,
    edition_key: Option<(govtrail_model::Family, String, String)>,
    doc: usize,
    reference: String,
    year: Option<i32>,
    label: String,
    has_heading: bool,
    has_parent: bool,
    headline: String,
    heading: Vec<u32>,
    /// How many of `core`'s tokens make its opening clause.
    clause: usize,
    core: Vec<u32>,
    context: Vec<u32>,
    bridge: Vec<u32>,
}

/// The items of one document, tokenised; which rows make an item is told at
/// [`Corpus::build`].
fn tokenise_document(
    doc_index: usize,
    doc: &DocumentOutput,
    normaliser: &Normaliser,
) -> TokenisedDocument {
    let mut by_ref: AHashMap<&str, Draft> = AHashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for action in &doc.actions {
        let Some(reference) = action.reference.as_deref().filter(|r| !r.is_empty()) else {
            continue;
        };
        let draft = by_ref.entry(reference).or_insert_with(|| {
            order.push(reference);
            Draft::default()
        });
        let defining = action.kind != ActionKind::CrossReference;
        let title = action.title.as_deref().filter(|t| !t.trim().is_empty());
        if draft.heading.is_none() || (defining && !draft.defined) {
            if let Some(title) = title {
                draft.heading = Some(title.to_owned());
            }
        }
        if defining && !draft.defined {
            draft.defined = true;
            draft.text.insert(0, ' ');
            draft.text.insert_str(0, &action.text);
        } else {
            draft.text.push_str(&action.text);
            draft.text.push(' ');
        }
        let c = &action.context;
        for extra in [
            action.description.as_deref(),
            c.workstream.as_deref(),
            c.theme.as_deref(),
            c.section.as_deref(),
            c.deliverable.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            draft.context.push_str(extra);
            draft.context.push(' ');
        }
        // A cross-reference row repeats an action under the recommendation it serves:
        // "S3.2 Member Development Programme" printed again under K7 says S3.2 serves K7.
        if defining {
            if draft.parent.is_none() {
                draft.parent = action.parent.clone();
            }
        } else if let Some(parent) = &action.parent {
            draft.stated.push(parent.clone());
        }
        draft.stated.extend(action.links.iter().cloned());
        if draft.place.is_none() {
            draft.place = c.workstream.clone();
        }
        for update in &action.updates {
            if let Some(named) = replaced_name(&update.text) {
                draft.bridge.push_str(named);
                draft.bridge.push(' ');
            }
        }
    }
    // The enclosing item's heading and text are context for its children: its tokens are
    // made once, when it or its first child needs them, and reused for every other child.
    let mut document_words = DocumentWords::new(normaliser);
    let mut own: AHashMap<&str, OwnTokens> = AHashMap::new();
    // A tracker prints its workstream on every row: each is normalised once per document.
    let mut places: AHashMap<&str, String> = AHashMap::new();
    let mut items = Vec::with_capacity(order.len());
    for reference in order {
        let draft = &by_ref[reference];
        let text = draft.text.trim();
        let own_item = own_tokens(&mut own, &mut document_words, &by_ref, reference);
        let mut core = Vec::with_capacity(own_item.heading.len() + own_item.text.len());
        core.extend_from_slice(&own_item.heading);
        core.extend_from_slice(&own_item.text);
        let clause = own_item.heading.len() + own_item.clause;
        let heading = own_item.heading.clone();
        let mut context = document_words.tokens(&draft.context);
        if let Some((&parent, _)) = draft
            .parent
            .as_deref()
            .and_then(|p| by_ref.get_key_value(p))
        {
            let parent = own_tokens(&mut own, &mut document_words, &by_ref, parent);
            context.extend_from_slice(&parent.heading);
            context.extend_from_slice(&parent.text);
        }
        let spelt = |ids: &[u32]| -> String {
            let mut spelt = String::new();
            for (at, &id) in ids.iter().enumerate() {
                if at > 0 {
                    spelt.push(' ');
                }
                spelt.push_str(&document_words.interner.vocabulary[id as usize]);
            }
            spelt
        };
        let headline = match draft.heading {
            Some(_) => spelt(&heading),
            None => spelt(&core[..core.len().min(HEADLINE_WORDS)]),
        };
        items.push(TokenisedItem {
            parent: draft.parent.clone(),
            stated: draft.stated.clone(),
            edition_key: draft.place.as_deref().map(|place| {
                (
                    doc.document.family,
                    reference.to_owned(),
                    places
                        .entry(place)
                        .or_insert_with(|| normaliser.normalise(place))
                        .clone(),
                )
            }),
            doc: doc_index,
            reference: reference.to_owned(),
            year: doc.document.year,
            label: label(draft.heading.as_deref(), text),
            has_heading: draft.heading.is_some(),
            has_parent: draft.parent.is_some(),
            headline,
            heading,
            clause,
            core,
            context,
            bridge: {
                let mut bridge = document_words.tokens(&draft.bridge);
                bridge.truncate(BRIDGE_WORDS);
                bridge
            },
        });
    }
    TokenisedDocument {
        words: document_words.interner.vocabulary,
        items,
    }
}

/// The inverse document frequency of a word held by `held_by` of `items` items (documents
/// here are items).
fn idf(items: usize, held_by: usize) -> f32 {
    (1.0 + items.max(1) as f32 / held_by.max(1) as f32).ln()
}

/// The heading and text token ids of the item `reference` of one document, made the first
/// time they are asked for and lent out after (an item and each of its children read them).
fn own_tokens<'o, 'd>(
    own: &'o mut AHashMap<&'d str, OwnTokens>,
    words: &mut DocumentWords,
    drafts: &AHashMap<&'d str, Draft>,
    reference: &'d str,
) -> &'o OwnTokens {
    own.entry(reference).or_insert_with(|| {
        let draft = &drafts[reference];
        let heading = words.tokens(draft.heading.as_deref().unwrap_or(""));
        let mut opening = OpeningClause::default();
        let (text, clause) = words.tokens_until(&draft.text, |word| opening.ends_at(word));
        OwnTokens {
            heading,
            text,
            clause,
        }
    })
}

/// An item's own tokens: its heading's and its text's, and how many of the text's come
/// before its opening clause ends.
struct OwnTokens {
    heading: Vec<u32>,
    text: Vec<u32>,
    clause: usize,
}

/// One document's words by local id, and the ids each word as printed stands for: a
/// document repeats its words (a workstream on every row, a recommendation's name in its
/// actions), and folding each again is most of the cost of tokenising.
struct DocumentWords<'n> {
    normaliser: &'n Normaliser,
    interner: Interner,
    printed: AHashMap<String, Vec<u32>>,
    folded: Vec<String>,
}

impl<'n> DocumentWords<'n> {
    fn new(normaliser: &'n Normaliser) -> DocumentWords<'n> {
        DocumentWords {
            normaliser,
            interner: Interner::default(),
            printed: AHashMap::new(),
            folded: Vec::new(),
        }
    }

    /// The local ids of the tokens of `text` in order, as [`Normaliser::tokens`] gives them;
    /// each new token gets the next id.
    fn tokens(&mut self, text: &str) -> Vec<u32> {
        self.tokens_until(text, |_| false).0
    }

    /// [`tokens`](Self::tokens), and how many of them come before the first word for which
    /// `ends` holds (all of them when none does).
    fn tokens_until(
        &mut self,
        text: &str,
        mut ends: impl FnMut(&str) -> bool,
    ) -> (Vec<u32>, usize) {
        let mut ids = Vec::new();
        let mut before_end = None;
        each_word(text, |word| {
            if before_end.is_none() && ends(word) {
                before_end = Some(ids.len());
            }
            if let Some(known) = self.printed.get(word) {
                ids.extend_from_slice(known);
                return;
            }
            self.normaliser.word_tokens(word, &mut self.folded);
            let interner = &mut self.interner;
            let own: Vec<u32> = self.folded.drain(..).map(|t| interner.id(t)).collect();
            ids.extend_from_slice(&own);
            self.printed.insert(word.to_owned(), own);
        });
        let before_end = before_end.unwrap_or(ids.len());
        (ids, before_end)
    }
}

#[derive(Default)]
struct Draft {
    heading: Option<String>,
    text: String,
    context: String,
    parent: Option<String>,
    defined: bool,
    /// Refs of the same document this item says it serves.
    stated: Vec<String>,
    /// The tracker workstream, as printed.
    place: Option<String>,
    /// What its updates say it replaces.
    bridge: String,
}

/// The most words of a bridge kept.
const BRIDGE_WORDS: usize = 24;

/// Words with which an update says what an issue was called before, or what it gave way to.
const RENAME_CUES: [&str; 14] = [
    "replacing",
    "replaces",
    "replaced",
    "in place of",
    "formerly",
    "previously known as",
    "previously called",
    "renamed",
    "supersedes",
    "superseding",
    "superseded",
    "successor to",
    "took over from",
    "taking over from",
];

/// The words after a rename cue in `update`, to the end of its sentence: "Launched in June
/// 2019, replacing the arrangements that supported the Early Help Hub. Take-up ..." names
/// "the arrangements that supported the Early Help Hub". A renamed programme is often tied to
/// its old name only there.
fn replaced_name(update: &str) -> Option<&str> {
    static CUES: std::sync::LazyLock<Option<AhoCorasick>> = std::sync::LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::DFA))
            .build(RENAME_CUES)
            .ok()
    });
    let cues = CUES.as_ref()?;
    let whole_word = |start: usize, end: usize| {
        !update[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && !update[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    };
    let cue = cues
        .find_iter(update)
        .find(|m| whole_word(m.start(), m.end()))?;
    let rest = &update[cue.end()..];
    let end = rest.find(['.', ';', '\n']).unwrap_or(rest.len());
    Some(rest[..end].trim()).filter(|named| !named.is_empty())
}

/// Word ids in order of first use. (Its map, like the printed words', is a fast-hashing one:
/// it is looked up for every word of the corpus and never iterated.)
#[derive(Default)]
struct Interner {
    ids: AHashMap<String, u32>,
    vocabulary: Vec<String>,
}

impl Interner {
    /// The id of `word`, a new one when it is first seen (the word hashed once either way).
    fn id(&mut self, word: String) -> u32 {
        let next = self.vocabulary.len() as u32;
        match self.ids.entry(word) {
            std::collections::hash_map::Entry::Occupied(known) => *known.get(),
            std::collections::hash_map::Entry::Vacant(new) => {
                self.vocabulary.push(new.key().clone());
                new.insert(next);
                next
            }
        }
    }
}

/// How many parts the corpus vocabulary's map is cut into.
const VOCABULARY_SHARDS: usize = 16;

/// The corpus-wide word ids, in order of first use. A million actions hold millions of
/// distinct words; giving each document's words their ids on one thread, in one map of
/// millions, was the longest wait of building the items. So the map is cut into shards by
/// the word's hash: a batch's words are looked up, and its new words inserted, in parallel,
/// and only the new words' ids are handed out on one thread. A shard holds each word's id
/// and hash, not a copy of the word (compared in `words` instead): 2.3 million words at a
/// million actions were copied into the shards and hashed again each time a shard grew.
struct Vocabulary {
    /// (hash, id) of each word, found by its hash.
    shards: Vec<HashTable<(u64, u32)>>,
    /// The words by id.
    words: Vec<String>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        Vocabulary {
            shards: (0..VOCABULARY_SHARDS).map(|_| HashTable::new()).collect(),
            words: Vec::new(),
        }
    }

    /// The hash of `word` (by [`crate::fixed_hash`], so every thread agrees), hashed once for
    /// both its shard and its place in the shard.
    fn hash_of(word: &str) -> u64 {
        crate::fixed_hash(word)
    }

    /// The shard of a word of hash `hash`: taken from bits the shard's table does not place
    /// by (its low bits and its top seven).
    fn shard_of(hash: u64) -> usize {
        (hash >> 32) as usize % VOCABULARY_SHARDS
    }

    /// The corpus ids of the words of each of `documents` (each document's distinct words),
    /// in order; a word not seen before gets the next id, in input order, so the ids do not
    /// depend on the number of threads. The new words are moved out of `documents` into the
    /// vocabulary.
    fn ids(&mut self, documents: &mut [Vec<String>]) -> Vec<Vec<u32>> {
        let (shards, words) = (&self.shards, &self.words);
        // Each document's ids, a word not in the vocabulary left as `NEW` and listed (place,
        // hash) for numbering.
        const NEW: u32 = u32::MAX;
        type LookedUp = (Vec<u32>, Vec<(u32, u64)>);
        let known: Vec<LookedUp> = documents
            .par_iter()
            .map(|document| {
                let mut unknown = Vec::new();
                let ids = document
                    .iter()
                    .enumerate()
                    .map(|(at, word)| {
                        let hash = Vocabulary::hash_of(word);
                        shards[Vocabulary::shard_of(hash)]
                            .find(hash, |&(h, id)| h == hash && words[id as usize] == *word)
                            .map_or_else(
                                || {
                                    unknown.push((at as u32, hash));
                                    NEW
                                },
                                |&(_, id)| id,
                            )
                    })
                    .collect();
                (ids, unknown)
            })
            .collect();
        // The new words are numbered, in input order, on one thread, through a table of this
        // batch's new words alone: a small table, quick to probe, unlike the corpus's. Only
        // the words the vocabulary lacks are visited (in a large corpus's later batches, few
        // of a document's words). The table holds where each was first seen (document,
        // place, hash).
        let first_new = self.words.len();
        let mut fresh: HashTable<u32> = HashTable::new();
        let mut new_words: Vec<(usize, usize, u64)> = Vec::new();
        let numbered: Vec<Vec<u32>> = known
            .iter()
            .enumerate()
            .map(|(d, (_, unknown))| {
                unknown
                    .iter()
                    .map(|&(at, hash)| {
                        let word = &documents[d][at as usize];
                        let entry = fresh.entry(
                            hash,
                            |&n| {
                                let (d, at, h) = new_words[n as usize];
                                h == hash && documents[d][at] == *word
                            },
                            |&n| new_words[n as usize].2,
                        );
                        let n = match entry {
                            hashbrown::hash_table::Entry::Occupied(seen) => *seen.get(),
                            hashbrown::hash_table::Entry::Vacant(new) => {
                                new_words.push((d, at as usize, hash));
                                *new.insert((new_words.len() - 1) as u32).get()
                            }
                        };
                        (first_new + n as usize) as u32
                    })
                    .collect()
            })
            .collect();
        let ids = known
            .into_par_iter()
            .zip(numbered)
            .map(|((mut ids, unknown), numbered)| {
                for ((at, _), id) in unknown.into_iter().zip(numbered) {
                    ids[at as usize] = id;
                }
                ids
            })
            .collect();
        // Each shard takes its own new words, in order, into room made for them at once.
        let mut by_shard: Vec<Vec<u32>> = vec![Vec::new(); VOCABULARY_SHARDS];
        for (n, &(_, _, hash)) in new_words.iter().enumerate() {
            by_shard[Vocabulary::shard_of(hash)].push(n as u32);
        }
        self.shards
            .par_iter_mut()
            .zip(by_shard)
            .for_each(|(table, new)| {
                table.reserve(new.len(), |&(h, _)| h);
                for n in new {
                    let hash = new_words[n as usize].2;
                    let id = (first_new + n as usize) as u32;
                    table.insert_unique(hash, (hash, id), |&(h, _)| h);
                }
            });
        self.words.reserve(new_words.len());
        for &(d, at, _) in &new_words {
            self.words.push(std::mem::take(&mut documents[d][at]));
        }
        ids
    }
}

/// The heading, else the whole text: JSON output cuts no text.
fn label(heading: Option<&str>, text: &str) -> String {
    heading.unwrap_or(text).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::{Action, Family};

    fn doc(id: &str, actions: Vec<Action>) -> DocumentOutput {
        let mut d = DocumentOutput::new(id, Family::GovernanceReviewPlan);
        d.actions = actions;
        d
    }

    fn action(reference: &str, kind: ActionKind, title: Option<&str>, text: &str) -> Action {
        let mut a = Action::new(Some(reference.into()), kind, 1);
        a.title = title.map(str::to_owned);
        a.text = text.into();
        a
    }

    #[test]
    fn a_cross_reference_row_pools_into_the_defining_item() {
        let d = doc(
            "a",
            vec![
                action("S1.3.C", ActionKind::Action, Some("Waste Contract"), ""),
                action(
                    "S1.3.C",
                    ActionKind::CrossReference,
                    None,
                    "A focused framework",
                ),
            ],
        );
        let corpus = Corpus::build(&[d]);
        assert_eq!(corpus.items.len(), 1);
        assert_eq!(corpus.items[0].label, "Waste Contract");
        assert_eq!(
            corpus.items[0].core.len(),
            4,
            "waste contract focused framework"
        );
    }

    #[test]
    fn an_update_names_what_the_item_replaced() {
        assert_eq!(
            replaced_name("Launched in June 2019, replacing the Early Help Hub. Take-up is up."),
            Some("the Early Help Hub")
        );
        assert_eq!(
            replaced_name("The Family Hub (formerly the Children's Centre; see annex)"),
            Some("the Children's Centre")
        );
        // A cue inside a longer word is no cue, and an update without one names nothing.
        assert_eq!(replaced_name("Irreplaceable staff were retained"), None);
        assert_eq!(replaced_name("On track for March"), None);
    }

    #[test]
    fn vocabulary_ids_follow_first_use_across_batches() {
        let owned = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let mut vocabulary = Vocabulary::new();
        let mut first = vec![
            owned(&["waste", "contract"]),
            owned(&["contract", "oracle"]),
        ];
        assert_eq!(vocabulary.ids(&mut first), vec![vec![0, 1], vec![1, 2]]);
        let mut second = vec![owned(&["oracle", "fusion", "waste"]), owned(&["fusion"])];
        assert_eq!(vocabulary.ids(&mut second), vec![vec![2, 3, 0], vec![3]]);
        assert_eq!(vocabulary.words, ["waste", "contract", "oracle", "fusion"]);
    }

    #[test]
    fn items_are_labelled_by_their_heading_else_their_whole_text() {
        let text = "Continue with robust governance arrangements in place ensuring the accountability of SCT to deliver improved outcomes";
        assert_eq!(label(None, text), text);
        assert_eq!(
            label(Some(" Children's Services "), text),
            "Children's Services"
        );
    }
}
