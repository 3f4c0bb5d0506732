//! What a query finds: one rule for `trace` and the report's search box (which applies it to
//! the vocabulary this module gives the page), so the two never disagree about "Oracles",
//! "HR" or a ref.
//!
//! A query is a thread id, a ref (any ASCII case), or words. Each word is looked up in the
//! corpus's [`Vocabulary`] (every word form the documents print, mapped to the normaliser's
//! token ids: folding, stemming, learnt abbreviations); a word no document prints matches
//! nothing. A thread matches when every token is among one title's (its own or a member's);
//! when no title matches, the members' texts are searched; items outside any thread whose
//! title or text holds every token are found too.

use crate::abbrev;
use crate::normalise::{fold_char, fold_word, is_stop_word, words, Normaliser};
use govtrail_model::{ActionKind, DocumentOutput, Links};
use std::collections::{HashMap, HashSet};

/// Every word form of a corpus, mapped to comparable token ids.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    normaliser: Normaliser,
    ids: HashMap<String, u32>,
    /// A word as [`words`] prints it ("HR") -> the ids of its learnt expansion.
    expansions: HashMap<String, Vec<u32>>,
    /// A word lower-cased ("programmes") -> the id of its folded form; `None` for a stop word.
    forms: HashMap<String, Option<u32>>,
}

impl Vocabulary {
    /// The vocabulary of `texts`, with the abbreviations they define learnt.
    pub fn learn<'a>(texts: impl IntoIterator<Item = &'a str> + Clone) -> Vocabulary {
        let mut vocabulary = Vocabulary {
            normaliser: abbrev::learn(texts.clone()),
            ..Vocabulary::default()
        };
        for text in texts {
            for word in words(text) {
                vocabulary.add(word);
            }
        }
        vocabulary
    }

    fn add(&mut self, word: String) {
        if !self.expansions.contains_key(&word) {
            if let Some(expansion) = self.normaliser.expansion(&word) {
                let expansion = expansion.to_vec();
                let ids = expansion.iter().map(|t| self.intern(t)).collect();
                self.expansions.insert(word.clone(), ids);
            }
        }
        let lower = word.to_lowercase();
        if !self.forms.contains_key(&lower) {
            let folded = fold_word(&lower);
            let id = (!folded.is_empty() && !is_stop_word(&folded)).then(|| self.intern(&folded));
            self.forms.insert(lower, id);
        }
    }

    fn intern(&mut self, token: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(token.to_owned()).or_insert(next)
    }

    /// The token ids of `word` (one word of [`words`]): its expansion when printed as an
    /// abbreviation the corpus defines, else its folded form (none for a stop word); `None`
    /// when no document prints the word in any case.
    pub fn word(&self, word: &str) -> Option<&[u32]> {
        if let Some(ids) = self.expansions.get(word) {
            return Some(ids);
        }
        self.forms
            .get(&word.to_lowercase())
            .map(|id| id.as_ref().map_or(&[][..], std::slice::from_ref))
    }

    /// The token ids every word of `query` asks for, or `None` when a word is unknown.
    pub fn query(&self, query: &str) -> Option<Vec<u32>> {
        let mut ids = Vec::new();
        for word in words(query) {
            ids.extend_from_slice(self.word(&word)?);
        }
        Some(ids)
    }

    /// The sorted token ids of `text` that a query can ask for.
    pub fn text(&self, text: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = self
            .normaliser
            .tokens(text)
            .iter()
            .filter_map(|t| self.ids.get(t).copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// How many distinct tokens the word forms and expansions stand for (ids are below this).
    pub fn token_count(&self) -> usize {
        self.ids.len()
    }

    /// Every word form, lower-cased, with its token id (`None` for a stop word).
    pub fn forms(&self) -> impl Iterator<Item = (&str, Option<u32>)> {
        self.forms.iter().map(|(w, id)| (w.as_str(), *id))
    }

    /// Every abbreviation as printed with the token ids it expands to.
    pub fn expansions(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.expansions
            .iter()
            .map(|(w, ids)| (w.as_str(), ids.as_slice()))
    }
}

/// The characters [`words`] reads as another (`С` in Cyrillic as `C`), for a caller that
/// must split a query exactly as the normaliser does without calling it.
pub fn folded_characters() -> Vec<(char, char)> {
    (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter_map(|c| Some((c, fold_char(c))).filter(|(c, f)| c != f))
        .collect()
}

/// One item: the row that defines a (document, ref) pair, and the tokens of its title and
/// text.
#[derive(Clone, Debug)]
pub struct Item {
    /// The index of its document in the documents given.
    pub document: usize,
    /// Its row among the document's actions.
    pub row: usize,
    /// Its ref.
    pub reference: String,
    title: Vec<u32>,
    text: Vec<u32>,
    threaded: bool,
}

/// One thread's titles as tokens, and its members among the items.
#[derive(Clone, Debug)]
pub struct ThreadTerms {
    /// The tokens of the thread's title.
    pub title: Vec<u32>,
    /// Each member: its item (when its document is given), ref and title tokens.
    pub members: Vec<(Option<usize>, String, Vec<u32>)>,
}

/// What a query found: threads (indexes into `links.threads`, in that order) and items
/// outside any thread (indexes into [`Index::items`], in document order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// The threads found.
    pub threads: Vec<usize>,
    /// The items outside any thread found.
    pub items: Vec<usize>,
}

/// The threads and items of an archive, ready to answer queries.
#[derive(Clone, Debug)]
pub struct Index {
    /// The corpus's word forms.
    pub vocabulary: Vocabulary,
    /// Every (document, ref) item, in document order.
    pub items: Vec<Item>,
    /// Every thread of the links, in order.
    pub threads: Vec<ThreadTerms>,
    thread_ids: Vec<String>,
}

impl Index {
    /// The index of `docs` and the threads of `links`.
    pub fn new(links: &Links, docs: &[DocumentOutput]) -> Index {
        let texts = docs
            .iter()
            .flat_map(|d| d.actions.iter())
            .flat_map(|a| [a.title.as_deref(), Some(a.text.as_str())])
            .flatten();
        let vocabulary = Vocabulary::learn(texts);
        let mut at: HashMap<(&str, &str), usize> = HashMap::new();
        let mut items: Vec<Item> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (row, action) in doc.actions.iter().enumerate() {
                let Some(reference) = action.reference.as_deref() else {
                    continue;
                };
                let key = (doc.document.id.as_str(), reference);
                let i = *at.entry(key).or_insert_with(|| {
                    items.push(Item {
                        document: d,
                        row,
                        reference: reference.to_owned(),
                        title: Vec::new(),
                        text: Vec::new(),
                        threaded: false,
                    });
                    items.len() - 1
                });
                // The row that defines an item outranks an earlier row that only cites it.
                let current = &docs[items[i].document].actions[items[i].row];
                if current.kind == ActionKind::CrossReference
                    && action.kind != ActionKind::CrossReference
                {
                    items[i].row = row;
                }
            }
        }
        for item in &mut items {
            let action = &docs[item.document].actions[item.row];
            item.title = action
                .title
                .as_deref()
                .map_or_else(Vec::new, |t| vocabulary.text(t));
            item.text = vocabulary.text(&action.text);
        }
        let threads: Vec<ThreadTerms> = links
            .threads
            .iter()
            .map(|thread| ThreadTerms {
                title: vocabulary.text(&thread.title),
                members: thread
                    .members
                    .iter()
                    .map(|m| {
                        let item = at
                            .get(&(m.document.as_str(), m.reference.as_str()))
                            .copied();
                        (item, m.reference.clone(), vocabulary.text(&m.title))
                    })
                    .collect(),
            })
            .collect();
        for thread in &threads {
            for &(item, _, _) in &thread.members {
                if let Some(i) = item {
                    items[i].threaded = true;
                }
            }
        }
        Index {
            vocabulary,
            items,
            threads,
            thread_ids: links.threads.iter().map(|t| t.id.clone()).collect(),
        }
    }

    /// What `query` finds.
    pub fn find(&self, query: &str) -> Found {
        let query = query.trim();
        if let Some(t) = self.thread_ids.iter().position(|id| id == query) {
            return Found {
                threads: vec![t],
                items: Vec::new(),
            };
        }
        let is_ref = |r: &str| r.eq_ignore_ascii_case(query);
        if self.items.iter().any(|item| is_ref(&item.reference)) {
            return Found {
                threads: self.threads_where(|t| t.members.iter().any(|m| is_ref(&m.1))),
                items: self.unthreaded_where(|item| is_ref(&item.reference)),
            };
        }
        let wanted = match self.vocabulary.query(query) {
            Some(wanted) if !wanted.is_empty() => wanted,
            _ => return Found::default(),
        };
        let names = |ids: &[u32]| wanted.iter().all(|w| ids.binary_search(w).is_ok());
        let mut threads = self.threads_where(|t| {
            names(&t.title) || t.members.iter().any(|(_, _, title)| names(title))
        });
        if threads.is_empty() {
            threads = self.threads_where(|t| {
                t.members
                    .iter()
                    .any(|(item, _, _)| item.is_some_and(|i| names(&self.items[i].text)))
            });
        }
        Found {
            threads,
            items: self.unthreaded_where(|item| names(&item.title) || names(&item.text)),
        }
    }

    fn threads_where(&self, keep: impl Fn(&ThreadTerms) -> bool) -> Vec<usize> {
        (0..self.threads.len())
            .filter(|&t| keep(&self.threads[t]))
            .collect()
    }

    fn unthreaded_where(&self, keep: impl Fn(&Item) -> bool) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| !self.items[i].threaded && keep(&self.items[i]))
            .collect()
    }
}

/// The rows of `docs` that hold a ref but are not the row defining its item (a repeated row,
/// a cross-reference before the row it cites), as (document, row) pairs.
pub fn repeated_rows(index: &Index, docs: &[DocumentOutput]) -> Vec<(usize, usize)> {
    let defining: HashSet<(usize, usize)> =
        index.items.iter().map(|i| (i.document, i.row)).collect();
    docs.iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            doc.actions
                .iter()
                .enumerate()
                .filter(|(_, a)| a.reference.is_some())
                .map(move |(row, _)| (d, row))
        })
        .filter(|at| !defining.contains(at))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::learn([
            "Human Resources (HR) system replacement",
            "Oracle Programmes and the Services review",
        ])
    }

    #[test]
    fn words_map_to_the_tokens_of_their_forms() {
        let v = vocabulary();
        assert_eq!(v.query("HR"), v.query("human resources"));
        assert!(
            v.query("hr").is_some_and(|hr| Some(hr) != v.query("HR")),
            "only the printed capitals expand"
        );
        assert_eq!(v.query("ORACLE"), v.query("oracle"));
        assert_eq!(v.query("programmes"), v.query("PROGRAMMES"));
        assert_eq!(
            v.query("the"),
            Some(Vec::new()),
            "a stop word asks for nothing"
        );
        assert_eq!(v.query("payroll"), None, "a word no document prints");
        assert_eq!(v.query("Оracle"), v.query("oracle"), "Cyrillic O folds");
    }

    #[test]
    fn texts_keep_only_tokens_a_query_can_ask_for() {
        let v = vocabulary();
        let review = v.query("review").unwrap_or_default();
        assert!(v.text("Service review of payroll").contains(&review[0]));
        assert_eq!(v.text("payroll"), Vec::<u32>::new());
    }

    #[test]
    fn look_alike_letters_are_listed() {
        let folded = folded_characters();
        assert!(folded.contains(&('\u{0421}', 'C')));
        assert!(folded.iter().all(|(c, f)| fold_char(*c) == *f && c != f));
    }
}
