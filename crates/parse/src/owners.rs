//! Owners: responsible leads run together in one cell, or closing an action cell.
//!
//! Lead cells list several post holders with no separator ("Director - Finance Director -
//! Business Strategy & Change"), and the annual-governance-statement family writes owners and
//! date at the end of the action text ("... of the project. Chief Executive Date to be agreed
//! with the Department for Education"). Both are read with one grammar of role openers.

use crate::clean::fold_whitespace;
use crate::dates::dates_in;
use regex::Regex;
use std::sync::LazyLock;

/// Words that open the name of a post holder; a new owner starts at each of them.
const PERSON_OPENERS: [&str; 12] = [
    "Chief Executive",
    "Chief Officer",
    "Executive Director",
    "Assistant Director",
    "Deputy Director",
    "Interim Director",
    "Strategic Director",
    "Service Director",
    "Director",
    "Head of",
    "Strategic Lead",
    "Service Manager",
];

/// Words that open the name of a body or elected role. A new owner starts at them too, but
/// not right after "and" / "&" ("Cabinet Members & Leadership Team" is one owner).
const BODY_OPENERS: [&str; 6] = [
    "Leadership Team",
    "Deputy Leader",
    "Leader",
    "Cabinet Member",
    "Cabinet",
    "Scrutiny",
];

/// Where a role opener starts in `s`, with its length and whether it names a person.
fn openers(s: &str) -> Vec<(usize, usize, bool)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        let alts: Vec<String> = PERSON_OPENERS
            .iter()
            .chain(BODY_OPENERS.iter())
            .map(|o| regex::escape(o).replace(' ', r"\s+"))
            .collect();
        // ASCII `\b`: role names are ASCII, and a Unicode one slows every cell holding "–".
        Regex::new(&format!(r"(?-u:\b)(?:{})", alts.join("|"))).expect("opener pattern")
    });
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(m) = RE.find_at(s, at) {
        at = m.end();
        let after = &s[m.end()..];
        // "Leader's Office", "Directorate", "Directors" are not openers.
        if after.starts_with(['\'', '’']) || after.starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let text = fold_whitespace(m.as_str());
        let person = PERSON_OPENERS.contains(&text.as_str());
        found.push((m.start(), m.end() - m.start(), person));
    }
    found
}

/// Words after which an opener continues the current owner rather than starting a new one
/// ("Head of Leader's Office", "Director for Children's Services", "Director - Finance").
fn binds_to_next(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "of" | "for" | "the" | "to" | "-" | "–" | "—" | "deputy" | "interim" | "acting"
    ) || word.ends_with(['-', '–'])
}

/// Nouns that close the name of a post or a body ("... Development Committee", "... Officer").
const ROLE_NOUNS: [&str; 16] = [
    "Committee",
    "Board",
    "Team",
    "Group",
    "Panel",
    "Council",
    "Cabinet",
    "Officer",
    "Manager",
    "Lead",
    "Executive",
    "Director",
    "Partnership",
    "Forum",
    "Leader",
    "Member",
];

/// Whether `owner` can stand as an owner before the next one starts: it opens with a role
/// ("Director - Finance") or a post's initials ("AD - HR"), or closes with a role noun
/// ("Ethical Standards Committee"); a lone qualifier ("Programme", "Interim Programme") does
/// not, and the next opener continues it.
fn ends_an_owner(owner: &str) -> bool {
    let owner = owner.trim().trim_end_matches([',', ';']);
    let first = owner.split(' ').next().unwrap_or_default();
    let initials = (2..=4).contains(&first.len()) && first.chars().all(|c| c.is_ascii_uppercase());
    let opens_with_role = initials || openers(owner).first().is_some_and(|&(at, _, _)| at == 0);
    let last = owner.rsplit(' ').next().unwrap_or_default();
    let last = last.trim_end_matches(')').trim_end_matches(['s', '\'']);
    opens_with_role || ROLE_NOUNS.contains(&last) || owner.ends_with(')')
}

/// Splits a cell of leads run together into one owner each.
///
/// ```
/// use govtrail_parse::owners::split_owners;
/// assert_eq!(
///     split_owners("Director - Finance Director - Business Strategy & Change"),
///     vec!["Director - Finance", "Director - Business Strategy & Change"]
/// );
/// assert_eq!(split_owners("Cabinet Members & Leadership Team"), vec!["Cabinet Members & Leadership Team"]);
/// assert_eq!(split_owners("Programme Director"), vec!["Programme Director"]);
/// ```
pub fn split_owners(cell: &str) -> Vec<String> {
    let cell = fold_whitespace(cell);
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of previous owner, start of next)
    for (start, _, person) in openers(&cell) {
        if start == 0 {
            continue;
        }
        let before = cell[..start].trim_end();
        let prev_word = before.rsplit(' ').next().unwrap_or("");
        if binds_to_next(prev_word) {
            continue;
        }
        // "Programme Director": a word that is no owner by itself does not end one.
        let from = cuts.last().map_or(0, |&(_, next)| next);
        if !ends_an_owner(&cell[from..start]) {
            continue;
        }
        let is_connector = matches!(prev_word.to_ascii_lowercase().as_str(), "and" | "&");
        if is_connector {
            if !person {
                continue;
            }
            let end = before.len() - prev_word.len();
            cuts.push((end, start));
        } else {
            cuts.push((start, start));
        }
    }
    let mut owners = Vec::new();
    let mut from = 0;
    for (end, next) in cuts {
        owners.push(cell[from..end].to_string());
        from = next;
    }
    owners.push(cell[from..].to_string());
    tidy(owners)
}

/// The owners cut from a cell, each trimmed of white space and a closing `,` or `;`, empty
/// ones dropped.
fn tidy(owners: Vec<String>) -> Vec<String> {
    owners
        .into_iter()
        .map(|o| o.trim().trim_end_matches([',', ';']).trim().to_owned())
        .filter(|o| !o.is_empty())
        .collect()
}

/// Splits an owner cell of a table whose owners the council separates itself: at ` / `,
/// `;` and cell line breaks, and where a second "Name Surname, Job title" starts after a
/// first, as a text dump prints two lines of one cell run together ("Colin Marsh, Head of HR
/// Sam Price, Head of Planning"). `&`, "and" and commas inside a job title separate nothing,
/// and job-title words do not ("Programme Director" is one owner).
///
/// ```
/// use govtrail_parse::owners::split_owner_list;
/// assert_eq!(split_owner_list("Leader / Chief Executive"), vec!["Leader", "Chief Executive"]);
/// assert_eq!(split_owner_list("Director of Law & Governance"), vec!["Director of Law & Governance"]);
/// assert_eq!(
///     split_owner_list("Colin Marsh, Head of HR and OD Sam Price, Head of Planning"),
///     vec!["Colin Marsh, Head of HR and OD", "Sam Price, Head of Planning"]
/// );
/// assert_eq!(split_owner_list("Programme Director"), vec!["Programme Director"]);
/// ```
pub fn split_owner_list(cell: &str) -> Vec<String> {
    static SEPARATOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s+/\s+|;|\n|\r").expect("owner separator pattern"));
    // "Name Surname," after other words: a second person's name opening their own line.
    static NAMED_PERSON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b\p{Lu}[\p{Ll}'’-]+ \p{Lu}[\p{Ll}'’-]+,").expect("named person pattern")
    });
    let mut owners = Vec::new();
    for part in SEPARATOR.split(cell) {
        let part = fold_whitespace(part);
        let starts: Vec<usize> = NAMED_PERSON.find_iter(&part).map(|m| m.start()).collect();
        let mut from = 0;
        // Where the first person's name opens the cell, each later one opens the next owner.
        if starts.first() == Some(&0) {
            for &start in &starts[1..] {
                owners.push(part[from..start].to_owned());
                from = start;
            }
        }
        owners.push(part[from..].to_owned());
    }
    tidy(owners)
}

/// The owner and the due date of an owner cell that a date was run into because its own
/// cell was empty ("Head of Digital Services March 2024", "Chief Executive Dec 2024",
/// "Head of Planning Policy Mar-17"); `None` when the cell does not end in a date.
///
/// ```
/// use govtrail_parse::owners::split_trailing_due;
/// assert_eq!(
///     split_trailing_due("Head of Digital Services March 2024"),
///     Some(("Head of Digital Services".to_owned(), "March 2024".to_owned()))
/// );
/// assert_eq!(split_trailing_due("Head of Planning Policy Mar-17").map(|(_, d)| d).as_deref(), Some("Mar-17"));
/// assert_eq!(split_trailing_due("Section 151 Officer"), None);
/// ```
pub fn split_trailing_due(cell: &str) -> Option<(String, String)> {
    let cell = fold_whitespace(cell);
    let words: Vec<&str> = cell.split(' ').collect();
    for take in (1..=3.min(words.len().saturating_sub(1))).rev() {
        let tail = &words[words.len() - take..];
        let opens_date = |w: &str| {
            let alpha: String = w.chars().take_while(|c| c.is_alphabetic()).collect();
            w.starts_with(|c: char| c.is_ascii_digit())
                || crate::dates::month_number(&alpha).is_some()
                || (w.len() == 2 && w.starts_with(['Q', 'q']))
        };
        let all_date_words = tail
            .iter()
            .all(|w| opens_date(w) || w.chars().all(|c| c.is_ascii_digit() || "/-".contains(c)));
        let tail_text = tail.join(" ");
        if opens_date(tail[0]) && all_date_words && !dates_in(&tail_text).is_empty() {
            let owner = words[..words.len() - take].join(" ");
            let owner = owner.trim_end_matches([',', '-', '–']).trim().to_owned();
            return (!owner.is_empty()).then_some((owner, tail_text));
        }
    }
    None
}

/// An owner block found inside running text: who, and the date or date phrase that follows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerBlock {
    /// Byte range of the whole block (owners and due) in the text.
    pub span: (usize, usize),
    /// The owners, split.
    pub owners: Vec<String>,
    /// The due date text that closes the block, if any.
    pub due: Option<String>,
}

/// Words that open a due-date phrase written after the owners instead of a date.
static DUE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:date\b|tbc\b|tba\b|tbd\b|to be (?:agreed|confirmed|determined)|ongoing\b|on-going\b|immediate|by\b|end\b|early\b|mid\b|late\b|q[1-4]\b|spring\b|summer\b|autumn\b|winter\b|annual|quarterly|monthly)")
        .expect("due phrase pattern")
});

/// Finds the owner blocks that close sentences of an action cell.
///
/// A block starts at a role opener that begins a sentence (start of text, or after `.`, `:`
/// or `;`), runs over the role's name (capitalised words joined by "of", "for", "and", "&",
/// "-"), and must end at the end of the text, at a date ("March 2019"), or at a due phrase
/// running to the end ("Date to be agreed with the Department for Education"). Anything else
/// after the name means the sentence merely starts with a title ("Director of X will ...").
pub fn owner_blocks(text: &str) -> Vec<OwnerBlock> {
    let mut blocks = Vec::new();
    let mut candidates: Vec<(usize, Start)> = openers(text)
        .into_iter()
        .map(|(start, _, _)| {
            let before = text[..start].trim_end();
            let at_sentence_start = before.is_empty() || before.ends_with(SENTENCE_ENDS);
            (
                start,
                if at_sentence_start {
                    Start::Opener
                } else {
                    Start::InnerOpener
                },
            )
        })
        .collect();
    candidates.extend(sentence_starts(text).map(|s| (s, Start::RoleNoun)));
    candidates.sort_by_key(|&(start, kind)| (start, kind));
    candidates.dedup_by_key(|c| c.0);
    let mut covered = 0;
    for (start, kind) in candidates {
        if start < covered {
            continue;
        }
        let name_end = role_name_end(text, start);
        let name = text[start..name_end].trim_end_matches(['.', ',', ';']);
        if kind == Start::RoleNoun && !ends_in_role_noun(name) {
            continue;
        }
        let rest = &text[name_end..];
        let rest_trim = rest.trim_start();
        let rest_at = name_end + (rest.len() - rest_trim.len());
        let (due, end) = if rest_trim.is_empty() {
            (None, text.len())
        } else if let Some(len) = leading_date_len(rest_trim) {
            (Some(rest_trim[..len].trim().to_string()), rest_at + len)
        } else if DUE_PHRASE.is_match(rest_trim) && !rest_trim.contains(". ") {
            (
                Some(rest_trim.trim_end_matches('.').trim().to_string()),
                text.len(),
            )
        } else {
            continue;
        };
        // An opener inside a sentence is an owner only where its block closes the text with
        // a date: the last item of an HTML list has no full stop before its owner
        // ("<li>Train all members Chief Executive June 2024</li>").
        let closes_text = text[end..].trim().trim_end_matches('.').is_empty();
        if kind == Start::InnerOpener && !(closes_text && due.is_some()) {
            continue;
        }
        blocks.push(OwnerBlock {
            span: (start, end),
            owners: split_owners(name),
            due,
        });
        covered = end;
    }
    blocks
}

/// Where an owner block may start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Start {
    /// A role opener ("Chief Executive", "Head of") opening a sentence.
    Opener,
    /// A role opener inside a sentence.
    InnerOpener,
    /// A capitalised word opening a sentence: an owner if its name ends in a role noun
    /// ("Monitoring Officer June 2024").
    RoleNoun,
}

/// The marks that end a sentence before an owner block.
const SENTENCE_ENDS: [char; 5] = ['.', ':', ';', '!', '?'];

/// Where the sentences of `text` start with a capitalised word.
fn sentence_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let ends = text
        .char_indices()
        .filter(|(_, c)| SENTENCE_ENDS.contains(c))
        .map(|(i, c)| i + c.len_utf8());
    std::iter::once(0).chain(ends).filter_map(move |at| {
        let rest = &text[at..];
        let start = at + (rest.len() - rest.trim_start().len());
        text[start..]
            .starts_with(|c: char| c.is_uppercase())
            .then_some(start)
    })
}

/// Whether a name closes with a role noun ("Monitoring Officer", "Audit Committee").
fn ends_in_role_noun(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or_default();
    name.contains(' ') && ROLE_NOUNS.contains(&last.trim_end_matches(['s', ')']))
}

/// The end of a role name starting at `start`: capitalised words and connectors, stopping at
/// a date ("March 2018"), at a due phrase ("Date to be agreed"), and at lower-case words.
fn role_name_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut pos = start;
    for word in text[start..].split_inclusive(' ') {
        let here = pos;
        pos += word.len();
        let w = word.trim();
        if w.is_empty() {
            continue;
        }
        let bare = w.trim_end_matches(['.', ',', ';', ':']);
        if matches!(bare, "of" | "for" | "and" | "&" | "-" | "–" | "the") {
            continue;
        }
        let opens_due =
            leading_date_len(&text[here..]).is_some() || DUE_PHRASE.is_match(&text[here..]);
        if here > start && opens_due {
            break;
        }
        // "Director of Finance (Section 151 Officer)": a parenthesis opened in the name runs
        // to its close, whatever its words.
        let in_parenthesis =
            text[start..here].matches('(').count() > text[start..here].matches(')').count();
        if !in_parenthesis && !bare.starts_with(|c: char| c.is_uppercase() || c == '(') {
            break;
        }
        end = here + w.len();
        if w.ends_with(['.', ';', ':']) {
            break;
        }
    }
    end
}

/// Length of a date at the very start of `s` ("March 2019 Outstanding ..." → 10).
fn leading_date_len(s: &str) -> Option<usize> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:end|early|mid|late)\s+)?(?:\d{1,2}\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|autumn|winter)\s+\d{4}\b|^\d{1,2}/\d{1,2}/\d{2,4}\b")
            .expect("leading date pattern")
    });
    let m = LEAD.find(s)?;
    (!dates_in(m.as_str()).is_empty()).then_some(m.end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_with_a_parenthesis_keep_it_and_their_date() {
        let blocks = owner_blocks(
            "Refresh the framework. Director of Finance (Section 151 Officer) March 2024",
        );
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            blocks[0].owners,
            vec!["Director of Finance (Section 151 Officer)"]
        );
        assert_eq!(blocks[0].due.as_deref(), Some("March 2024"));
    }

    #[test]
    fn run_together_leads() {
        let cases: [(&str, &[&str]); 8] = [
            (
                "Director - Finance Director - Business Strategy & Change Director – Legal & Governance",
                &["Director - Finance", "Director - Business Strategy & Change", "Director – Legal & Governance"],
            ),
            (
                "Chief Executive Director - Business Strategy & Change Director - Law & Governance Leadership Team",
                &["Chief Executive", "Director - Business Strategy & Change", "Director - Law & Governance", "Leadership Team"],
            ),
            (
                "Ethical Standards and Member Development Committee Executive Director - Law & Governance",
                &["Ethical Standards and Member Development Committee", "Executive Director - Law & Governance"],
            ),
            ("Head of Leader's Office", &["Head of Leader's Office"]),
            (
                "Chief Executive Leader Director - Law & Governance",
                &["Chief Executive", "Leader", "Director - Law & Governance"],
            ),
            (
                "Executive Director for Resources and Executive Director for Neighbourhoods",
                &["Executive Director for Resources", "Executive Director for Neighbourhoods"],
            ),
            (
                "Director of Law and Governance and Monitoring Officer",
                &["Director of Law and Governance and Monitoring Officer"],
            ),
            (
                "Director-Adult Social Care Director- Public Health",
                &["Director-Adult Social Care", "Director- Public Health"],
            ),
        ];
        for (cell, expected) in cases {
            assert_eq!(split_owners(cell), expected, "cell: {cell}");
        }
    }

    #[test]
    fn owner_blocks_close_action_cells() {
        let text = "A project is in progress. Chief Executive Date to be agreed with the Department for Education";
        let b = owner_blocks(text);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].owners, vec!["Chief Executive"]);
        assert_eq!(
            b[0].due.as_deref(),
            Some("Date to be agreed with the Department for Education")
        );
        assert_eq!(text[..b[0].span.0].trim(), "A project is in progress.");

        let text = "To continue. Director of Children's Services March 2018";
        let b = owner_blocks(text);
        assert_eq!(b[0].owners, vec!["Director of Children's Services"]);
        assert_eq!(b[0].due.as_deref(), Some("March 2018"));

        let text = "Committee. Executive Director for Resources and Executive Director for Neighbourhoods March 2019 Outstanding Member conduct matters will continue to be dealt with through the Committee. Director of Law and Governance and Monitoring Officer";
        let b = owner_blocks(text);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].owners.len(), 2);
        assert_eq!(b[0].due.as_deref(), Some("March 2019"));
        assert_eq!(
            b[1].owners,
            vec!["Director of Law and Governance and Monitoring Officer"]
        );
        assert_eq!(b[1].due, None);
    }

    #[test]
    fn a_sentence_that_opens_with_a_title_is_no_owner_block() {
        assert!(owner_blocks("Director of Finance will review the plan.").is_empty());
        assert!(owner_blocks("Reports go to the Director and Service Managers.").is_empty());
    }
}
