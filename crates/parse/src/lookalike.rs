//! Refs damaged by look-alike characters, repaired by rule.
//!
//! PDF text extraction (and OCR behind it) prints refs with characters that merely look like
//! the intended ones: Cyrillic or Greek capitals for Latin (`СН9` for `CH9`, `В3` for `B3`,
//! `Н1` for `H1`), a small Cyrillic en for `H` (`н15`), digit zero for a leading letter O
//! (`010` for `O10`), and inner spaces or dots (`ACE 27`, `PH.6`). These functions fold such
//! refs to their canonical form. They are for refs only: free text is never folded.
//!
//! ```
//! use govtrail_parse::lookalike::fold_ref;
//! assert_eq!(fold_ref("СН9").as_deref(), Some("CH9"));
//! assert_eq!(fold_ref("ACE 27").as_deref(), Some("ACE27"));
//! assert_eq!(fold_ref("010").as_deref(), Some("O10"));
//! assert_eq!(fold_ref("ASC17b").as_deref(), Some("ASC17b"));
//! assert_eq!(fold_ref("School Nursing"), None);
//! ```

use regex::Regex;
use std::sync::LazyLock;

/// The canonical shape of a ref: one to four capital letters, a number that does not start
/// with zero, and an optional lower-case letter (`B1`, `CH15`, `ASC17b`).
static CANONICAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z]{1,4}[1-9][0-9]{0,2}[a-z]?$").expect("ref pattern"));

/// The longest printed ref worth repairing, in bytes: four two-byte look-alike letters, three
/// digits and a suffix, with room for inner spaces and dots.
const MAX_REF_BYTES: usize = 24;

/// The Latin letter a non-Latin character is printed like, for the characters that are
/// indistinguishable from Latin capitals in the fonts plans use.
pub fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic capitals
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'І' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ѕ' => 'S',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        // Cyrillic small letters printed like small capitals or Latin lower case
        'н' => 'H',
        'в' => 'B',
        'к' => 'K',
        'м' => 'M',
        'т' => 'T',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'х' => 'x',
        'у' => 'y',
        // Greek capitals
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        _ => return None,
    })
}

/// Replaces Cyrillic and Greek look-alikes with the Latin letters they are printed like.
/// ASCII text is returned unchanged.
///
/// ```
/// use govtrail_parse::lookalike::fold_lookalikes;
/// assert_eq!(fold_lookalikes("РН9"), "PH9");
/// assert_eq!(fold_lookalikes("CH9"), "CH9");
/// ```
pub fn fold_lookalikes(text: &str) -> String {
    text.chars()
        .map(|c| latin_lookalike(c).unwrap_or(c))
        .collect()
}

/// True when `text` already has the canonical shape of a ref (`CH15`, `ASC17b`, `O10`).
pub fn is_canonical_ref(text: &str) -> bool {
    CANONICAL.is_match(text)
}

/// The canonical form of a printed ref, or `None` when `text` is not a ref even after
/// repair. Repairs, in order: look-alike letters (`СН9` → `CH9`), inner spaces and dots
/// (`ACE 27` → `ACE27`, `PH.6` → `PH6`), and a leading digit zero standing for the letter O
/// (`01` → `O1`, `010` → `O10`). A ref that is already canonical is returned as it is.
pub fn fold_ref(text: &str) -> Option<String> {
    let trimmed = text.trim();
    // Every ref holds a digit and is short, even damaged ("С Н 9", "ACE 27"): the words of
    // free text this is asked about ("School", "Nursing …") are turned away before any work.
    if trimmed.len() > MAX_REF_BYTES || !trimmed.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if is_canonical_ref(trimmed) {
        return Some(trimmed.to_owned());
    }
    let folded: String = fold_lookalikes(trimmed)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    // "01", "010": digits only, so the leading zero is the letter O.
    let folded = match folded.strip_prefix('0') {
        Some(rest) if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) => {
            format!("O{rest}")
        }
        _ => folded,
    };
    // A look-alike small letter in the prefix ("Рh9") is upper-cased; a lower-case suffix
    // after the number ("ASC17b") is kept.
    let digits_at = folded.find(|c: char| c.is_ascii_digit())?;
    let (prefix, rest) = folded.split_at(digits_at);
    let candidate = format!("{}{rest}", prefix.to_uppercase());
    is_canonical_ref(&candidate).then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_refs_fold_to_canonical() {
        let cases: [(&str, Option<&str>); 15] = [
            ("СН9", Some("CH9")),      // Cyrillic Es and En
            ("В3", Some("B3")),        // Cyrillic Ve
            ("РН9", Some("PH9")),      // Cyrillic Er and En
            ("Н1", Some("H1")),        // Cyrillic capital En
            ("н15", Some("H15")),      // Cyrillic small en, printed like a small capital H
            ("ACE 27", Some("ACE27")), // inner space
            ("PH.6", Some("PH6")),     // inner dot
            ("ASC 19", Some("ASC19")),
            ("01", Some("O1")),   // digit zero for letter O
            ("010", Some("O10")), // digit zero for letter O, two-digit number
            ("00", None),         // no number after the O
            ("20", None),         // digits only, no zero to read as O
            ("ASC17b", Some("ASC17b")),
            ("School Nursing", None),
            ("ı", None),
        ];
        for (input, expected) in cases {
            assert_eq!(fold_ref(input).as_deref(), expected, "input {input:?}");
        }
    }

    #[test]
    fn greek_capitals_fold_too() {
        assert_eq!(fold_ref("Β12").as_deref(), Some("B12"));
        assert_eq!(fold_lookalikes("ΗΟ"), "HO");
    }

    proptest::proptest! {
        #[test]
        fn plain_ascii_refs_are_never_changed(ref_text in "[A-Z]{1,4}[1-9][0-9]{0,2}[a-z]?") {
            proptest::prop_assert_eq!(fold_ref(&ref_text), Some(ref_text.clone()));
            proptest::prop_assert_eq!(fold_lookalikes(&ref_text), ref_text);
        }

        #[test]
        fn ascii_text_is_never_folded(text in "[ -~]{0,40}") {
            proptest::prop_assert_eq!(fold_lookalikes(&text), text);
        }

        #[test]
        fn repair_is_idempotent(text in "[A-Z0 .СНВРн]{1,3}[0-9]{1,2}") {
            if let Some(once) = fold_ref(&text) {
                proptest::prop_assert_eq!(fold_ref(&once), Some(once.clone()));
            }
        }
    }
}
