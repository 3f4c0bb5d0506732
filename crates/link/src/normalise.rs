//! Turning a title or action text into comparable tokens.
//!
//! Two documents name the same issue differently: "Organisational Culture" and
//! "organizational culture", "HRA 30 year Business Plan" and "30-year Housing Revenue Account
//! Strategy", "СН9" typed with Cyrillic letters. The [`Normaliser`] folds those differences
//! away: look-alike letters, case, punctuation, stop words, British/American spellings,
//! plurals, and abbreviations expanded from what the corpus itself defines (see
//! [`crate::abbrev`]).

/// Words too common to say anything about which issue a text is about.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "do",
    "does",
    "each",
    "for",
    "from",
    "has",
    "have",
    "how",
    "i",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "may",
    "more",
    "most",
    "must",
    "new",
    "no",
    "not",
    "of",
    "on",
    "or",
    "other",
    "our",
    "out",
    "over",
    "per",
    "re",
    "s",
    "same",
    "should",
    "so",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "under",
    "up",
    "upon",
    "us",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "will",
    "with",
    "within",
    "would",
];

/// Whether `word` (lower case) is a stop word. (A hash set rather than a binary search of
/// the list: the abbreviation learner asks this of every word of the corpus many times.)
pub fn is_stop_word(word: &str) -> bool {
    is_stop_word_bytes(word.as_bytes())
}

/// [`is_stop_word`] for a word's bytes: a word lower-cased on the stack is looked up without
/// checking again that it is UTF-8.
fn is_stop_word_bytes(word: &[u8]) -> bool {
    static STOP: std::sync::LazyLock<std::collections::HashSet<&[u8], ahash::RandomState>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().map(|w| w.as_bytes()).collect());
    word.len() <= LONGEST_STOP_WORD && STOP.contains(word)
}

/// Words that end the opening clause of an action: what follows is where its object goes,
/// what qualifies it or what it includes, not what the action is about ("Build benchmarking
/// of financial performance into the performance management framework" is about
/// benchmarking; "Develop a behaviour framework that is aligned with performance management"
/// about the framework).
const CLAUSE_ENDS: [&str; 5] = ["into", "within", "which", "including", "that"];

/// Verbs that "that" completes rather than opens a clause after ("The Council should ensure
/// that the review of the member development programme is appropriate" is about the review).
const COMPLETED_BY_THAT: [&str; 14] = [
    "agree",
    "confirm",
    "consider",
    "demonstrate",
    "ensure",
    "ensures",
    "ensuring",
    "evidence",
    "note",
    "recognise",
    "satisfy",
    "show",
    "so",
    "such",
];

/// Finds where the opening clause of an action text ends, fed its words in order.
#[derive(Default)]
pub struct OpeningClause {
    /// Whether the last word was one "that" completes.
    completing: bool,
}

impl OpeningClause {
    /// Whether `word` as printed ("Into", "that"), coming next, ends the opening clause.
    pub fn ends_at(&mut self, word: &str) -> bool {
        let is = |list: &[&str]| list.iter().any(|w| word.eq_ignore_ascii_case(w));
        let ends = is(&CLAUSE_ENDS) && !(self.completing && word.eq_ignore_ascii_case("that"));
        self.completing = is(&COMPLETED_BY_THAT);
        ends
    }
}

/// The longest stop word, in bytes ("including").
const LONGEST_STOP_WORD: usize = 9;

/// Whether `word` as printed ("Of", "AND") is a stop word once lower-cased. Called for every
/// word the abbreviation learner walks, so an ASCII word is lower-cased on the stack.
pub fn is_printed_stop_word(word: &str) -> bool {
    if !word.is_ascii() {
        return is_stop_word(&word.to_lowercase());
    }
    if word.len() > LONGEST_STOP_WORD {
        return false;
    }
    let mut lower = [0u8; LONGEST_STOP_WORD];
    for (to, from) in lower.iter_mut().zip(word.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    is_stop_word_bytes(&lower[..word.len()])
}

/// The Latin letter a Cyrillic or Greek look-alike stands for, so that a ref or word typed
/// with the wrong keyboard layout (`СН9` in Cyrillic for `CH9`) compares equal; curly quotes
/// become straight ones.
pub fn fold_char(c: char) -> char {
    match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' | 'Ϲ' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'У' | 'Υ' => 'Y',
        'Ζ' => 'Z',
        'Ν' => 'N',
        'а' | 'α' => 'a',
        'с' | 'ϲ' => 'c',
        'е' | 'ε' => 'e',
        'һ' => 'h',
        'і' | 'ι' | 'ı' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'ν' => 'v',
        'á' | 'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '´' => '\'',
        other => other,
    }
}

/// The words of `text` with their case kept, look-alike letters folded: runs of letters and
/// digits, apostrophes kept inside words ("Children's").
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |word| out.push(word.to_owned()));
    out
}

/// Calls `each` with the words of `text` in order, as [`words`] gives them, without
/// allocating one string per word: the linker reads every word of the corpus this way, and
/// a plain ASCII text (most of them) gives its words as slices of itself.
pub fn each_word(text: &str, each: impl FnMut(&str)) {
    // "`" is folded to an apostrophe, so a text holding one goes the general way.
    if text.is_ascii() && !text.contains('`') {
        each_ascii_word(text, each);
    } else {
        each_folded_word(text, each);
    }
}

/// [`each_word`] for an ASCII text without "`": its words are slices of it.
fn each_ascii_word(text: &str, mut each: impl FnMut(&str)) {
    let mut start = None;
    for (at, b) in text.bytes().enumerate() {
        if b.is_ascii_alphanumeric() || (b == b'\'' && start.is_some()) {
            start.get_or_insert(at);
        } else if let Some(from) = start.take() {
            each(text[from..at].trim_end_matches('\''));
        }
    }
    if let Some(from) = start {
        each(text[from..].trim_end_matches('\''));
    }
}

/// [`each_word`] for any text: characters folded one by one into a reused buffer.
fn each_folded_word(text: &str, mut each: impl FnMut(&str)) {
    let mut current = String::new();
    for c in text.chars().map(fold_char) {
        if c.is_alphanumeric() || (c == '\'' && !current.is_empty()) {
            current.push(c);
        } else if !current.is_empty() {
            // A word opens with a letter or digit, so it is never all apostrophes.
            each(current.trim_end_matches('\''));
            current.clear();
        }
    }
    if !current.is_empty() {
        each(current.trim_end_matches('\''));
    }
}

/// Whether a word as printed looks like an abbreviation: 2 to 6 capital letters ("SCT",
/// "HRA", "SEND").
pub fn is_abbreviation_shape(word: &str) -> bool {
    // All ASCII, so its bytes are its letters: no character count over every word.
    (2..=6).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// One lower-case word reduced to the form both spellings share: "programmes" and
/// "program" become "program", "organisational" and "organizational" become
/// "organizational", "Children's" becomes "children", "centre" becomes "center".
pub fn fold_word(word: &str) -> String {
    let mut w: String = word.to_lowercase();
    if let Some(stem) = w.strip_suffix("'s") {
        w = stem.to_owned();
    }
    w.retain(|c| c != '\'');
    if w.len() <= 3 || w.chars().any(|c| c.is_ascii_digit()) {
        return w;
    }
    // programme/programmes -> program
    if let Some(stem) = w.strip_suffix("programmes") {
        w = format!("{stem}program");
    } else if let Some(stem) = w.strip_suffix("programme") {
        w = format!("{stem}program");
    }
    // plurals: "services" -> "service", "authorities" -> "authority"; not "business"
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 3) {
        w = format!("{stem}y");
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    // -isation/-ise/-ised/-ising -> -iz...: "organisation", "prioritise", "modernising"
    if holds(&w, "isation") {
        w = w.replace("isation", "ization");
    }
    for (british, american) in [("ised", "ized"), ("ising", "izing"), ("ise", "ize")] {
        if w.len() >= 6 {
            if let Some(stem) = w.strip_suffix(british) {
                w = format!("{stem}{american}");
                break;
            }
        }
    }
    // -our -> -or inside longer words: "behaviour", "neighbourhood", "favourable"
    if w.len() >= 6 {
        if let Some(at) = first_at(&w.as_bytes()[1..], b"our").map(|i| i + 1) {
            w.replace_range(at..at + 3, "or");
        }
    }
    // -tre -> -ter: "centre", "theatre"
    if let Some(stem) = w.strip_suffix("tre") {
        w = format!("{stem}ter");
    }
    w
}

/// Whether `word` holds `part`. (A word is a few bytes long: comparing at each place is
/// quicker than setting up `str::contains`' searcher, once for every word folded.)
fn holds(word: &str, part: &str) -> bool {
    first_at(word.as_bytes(), part.as_bytes()).is_some()
}

/// Where `part` first occurs in `word`, in bytes.
fn first_at(word: &[u8], part: &[u8]) -> Option<usize> {
    word.windows(part.len()).position(|at| at == part)
}

/// Normalises texts into tokens, expanding the abbreviations it was taught.
#[derive(Clone, Debug, Default)]
pub struct Normaliser {
    /// Abbreviation as printed ("HRA") -> the folded tokens of its expansion.
    expansions: ahash::AHashMap<String, Vec<String>>,
}

impl Normaliser {
    /// A normaliser that expands the given abbreviations (abbreviation, phrase).
    pub fn with_abbreviations<'a>(
        abbreviations: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Normaliser {
        let mut expansions = ahash::AHashMap::new();
        for (abbreviation, phrase) in abbreviations {
            let tokens = Normaliser::default().tokens(phrase);
            if !tokens.is_empty() {
                expansions.insert(abbreviation.to_owned(), tokens);
            }
        }
        Normaliser { expansions }
    }

    /// The expansion learnt for `abbreviation`, as folded tokens.
    pub fn expansion(&self, abbreviation: &str) -> Option<&[String]> {
        self.expansions.get(abbreviation).map(Vec::as_slice)
    }

    /// How many abbreviations this normaliser expands.
    pub fn abbreviation_count(&self) -> usize {
        self.expansions.len()
    }

    /// The comparable tokens of `text`, in order, stop words dropped, abbreviations printed in
    /// capitals replaced by their expansion.
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, |word| self.word_tokens(word, &mut out));
        out
    }

    /// Appends the comparable tokens of one word of [`words`] to `out`: its expansion, its
    /// folded form, or nothing for a stop word. A text's tokens are its words' in turn, so a
    /// caller meeting the same word again may reuse what this gave the first time.
    pub fn word_tokens(&self, word: &str, out: &mut Vec<String>) {
        if let Some(expansion) = self.expansions.get(word) {
            out.extend(expansion.iter().cloned());
            return;
        }
        let folded = fold_word(word);
        if !folded.is_empty() && !is_stop_word(&folded) {
            out.push(folded);
        }
    }

    /// The tokens of `text` joined by single spaces, for character-level measures.
    pub fn normalise(&self, text: &str) -> String {
        self.tokens(text).join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn printed_stop_words_are_found_in_any_case() {
        for word in ["Of", "AND", "the", "Including"] {
            assert!(is_printed_stop_word(word), "{word}");
        }
        for word in ["Oracle", "Inclusions", "", "Équipe"] {
            assert!(!is_printed_stop_word(word), "{word}");
        }
        let longest = STOP_WORDS.iter().map(|w| w.len()).max();
        assert_eq!(longest, Some(LONGEST_STOP_WORD));
    }

    #[test]
    fn spellings_fold_to_one_form() {
        for (a, b) in [
            ("Organisational", "organizational"),
            ("programme", "program"),
            ("Programmes", "programs"),
            ("centre", "center"),
            ("behaviours", "behavior"),
            ("Neighbourhoods", "neighborhood"),
            ("prioritise", "prioritize"),
            ("modernising", "modernizing"),
            ("Children's", "children"),
            ("services", "service"),
            ("authorities", "authority"),
        ] {
            assert_eq!(fold_word(a), fold_word(b), "{a} vs {b}");
        }
    }

    #[test]
    fn a_word_opening_with_a_letter_of_several_bytes_folds_like_any_other() {
        // The -our rule looks past the first letter, which here is two bytes long.
        assert_eq!(fold_word("Ñourished"), "ñorished");
        assert_eq!(fold_word("Ñationalisation"), "ñationalization");
    }

    #[test]
    fn words_that_merely_look_alike_stay_apart() {
        for word in ["business", "status", "analysis", "four", "hour"] {
            assert_ne!(fold_word(word), "", "{word}");
        }
        assert_eq!(fold_word("business"), "business");
        assert_eq!(fold_word("status"), "status");
        assert_ne!(fold_word("revise"), fold_word("review"));
    }

    #[test]
    fn ascii_words_are_read_as_the_general_way_reads_them() {
        for text in [
            "Review of the Children's Services - (Phase 2)!",
            "'quoted' words'' and o'clock's, 30-year HRA",
            "''' '' x' 'y",
            "",
            "trailing apostrophe'",
        ] {
            let mut ascii = Vec::new();
            each_ascii_word(text, |w| ascii.push(w.to_owned()));
            let mut general = Vec::new();
            each_folded_word(text, |w| general.push(w.to_owned()));
            assert_eq!(ascii, general, "{text:?}");
        }
        assert_eq!(words("It`s Oracle's"), vec!["It's", "Oracle's"]);
    }

    #[test]
    fn look_alike_letters_fold_to_latin() {
        // "СН9" typed with Cyrillic Es and En.
        assert_eq!(words("\u{0421}\u{041d}9 Ѕеrvісе"), vec!["CH9", "Service"]);
        assert_eq!(
            Normaliser::default().normalise("Οrganisation"),
            "organization"
        );
    }

    #[test]
    fn case_punctuation_and_stop_words_go() {
        let n = Normaliser::default();
        assert_eq!(
            n.normalise("Review of the Children's Services – (Phase 2)!"),
            "review children service phase 2"
        );
        assert_eq!(n.normalise("30-year strategy"), "30 year strategy");
    }

    #[test]
    fn only_capitalised_abbreviations_expand() {
        let n = Normaliser::with_abbreviations([(
            "SEND",
            "Special Educational Needs and Disabilities",
        )]);
        assert_eq!(
            n.normalise("SEND Transport"),
            "special educational need disability transport"
        );
        assert_eq!(n.normalise("send the report"), "send report");
    }
}
