//! The data the page's search box needs to find what `govtrail trace` finds
//! ([`govtrail_link::search`]) without a second normaliser in the script: the corpus's word
//! forms as token ids, the look-alike letters the normaliser folds, each thread's titles as
//! token ids, and the rows that do not define their item. Action texts are not repeated: the
//! script splits the texts of the action data and looks their words up.

use govtrail_link::search::{folded_characters, repeated_rows, Index};
use govtrail_model::{DocumentOutput, Links};
use serde_json::{json, Map, Value};

/// The search data as JSON for a `<script type="application/json">`: `{"fold": "СC…",
/// "tokens": ["the lower-cased forms of token 0", …], "stop": "forms that are stop words",
/// "expansions": {abbreviation: [id…]}, "threads": [[id, [title id…], [[document or -1, ref,
/// [title id…]]…]]…], "repeated": [[document, row]…]}`.
pub(crate) fn data(documents: &[DocumentOutput], links: Option<&Links>) -> String {
    let none = Links::default();
    let links = links.unwrap_or(&none);
    let index = Index::new(links, documents);
    let vocabulary = &index.vocabulary;
    let fold: String = folded_characters()
        .into_iter()
        .flat_map(|(c, f)| [c, f])
        .collect();
    // Forms grouped by token, space-separated (a form holds no space): at 80,000 forms a
    // fifth smaller than an object of form -> id.
    let mut by_token: Vec<Vec<&str>> = vec![Vec::new(); vocabulary.token_count()];
    let mut stop: Vec<&str> = Vec::new();
    for (form, id) in vocabulary.forms() {
        match id {
            Some(id) => by_token[id as usize].push(form),
            None => stop.push(form),
        }
    }
    let tokens: Vec<String> = by_token
        .iter_mut()
        .map(|forms| {
            forms.sort_unstable();
            forms.join(" ")
        })
        .collect();
    stop.sort_unstable();
    let mut expansions: Vec<(&str, &[u32])> = vocabulary.expansions().collect();
    expansions.sort_unstable();
    let expansions: Map<String, Value> = expansions
        .into_iter()
        .map(|(w, ids)| (w.to_owned(), json!(ids)))
        .collect();
    let threads: Vec<Value> = index
        .threads
        .iter()
        .zip(&links.threads)
        .map(|(terms, thread)| {
            let members: Vec<Value> = terms
                .members
                .iter()
                .map(|(item, reference, title)| {
                    let document = item.map_or(-1, |i| index.items[i].document as i64);
                    json!([document, reference, title])
                })
                .collect();
            json!([thread.id, terms.title, members])
        })
        .collect();
    let repeated: Vec<[usize; 2]> = repeated_rows(&index, documents)
        .into_iter()
        .map(|(d, row)| [d, row])
        .collect();
    json!({
        "fold": fold,
        "tokens": tokens,
        "stop": stop.join(" "),
        "expansions": expansions,
        "threads": threads,
        "repeated": repeated,
    })
    .to_string()
    .replace('<', "\\u003c")
}
