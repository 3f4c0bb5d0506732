//! Refs as review plans print them, and the damage PDF extraction does to them.
//!
//! A ref is a series of letters naming the kind of recommendation (`S` statutory, `K` key,
//! `I` improvement), a recommendation number, action numbers and an optional action letter:
//! `S1`, `S1.1`, `S1.1.A`, `K4.3`, `I22`. Cross-references may name a range of actions
//! (`S1.5.A-D`). [`Ref::parse`] reads the printed text and repairs what the context does not
//! need: a stray dot after the series (`S.1.1.C`), a missing dot before the letter
//! (`S1.5A-D`), spaces (`S1. 2`), lower case and Cyrillic look-alike letters (`СН9`). The
//! repair that needs the context, a leading `I` read as `1` (`14` for `I4`), is
//! [`i_for_one`]: the parser decides whether it fits.

use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// A canonical ref: series letters, numbers, an optional action letter and an optional range.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ref {
    series: String,
    numbers: Vec<u32>,
    letter: Option<char>,
    range_end: Option<RangeEnd>,
}

/// Where a range ref ends: `S1.5.A-D` ends at letter `D`, `S1.1-3` at number 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum RangeEnd {
    Letter(char),
    Number(u32),
}

/// A repair [`Ref::parse`] made to the printed text, for the diagnostic that reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repair {
    /// Cyrillic letters that look like Latin ones (`СН9` → `CH9`).
    LookAlikeLetters,
    /// Lower-case series or action letters (`s1.1.a` → `S1.1.A`).
    LowerCase,
    /// White space inside the ref (`S1. 2` → `S1.2`).
    Spaces,
    /// A dot between the series and its number, or after the ref (`S.1.1.C` → `S1.1.C`).
    StrayDot,
    /// No dot before the action letter (`S1.5A-D` → `S1.5.A-D`).
    MissingDot,
    /// A leading `I` read as the digit `1` (`14.1` → `I4.1`).
    IReadAsOne,
    /// A lower-case `l` read for the digit `1` inside a ref (`Sl.1` → `S1.1`).
    LReadAsOne,
}

impl Repair {
    /// What the repair did, for a diagnostic.
    pub fn describe(self) -> &'static str {
        match self {
            Repair::LookAlikeLetters => "Cyrillic look-alike letters read as Latin",
            Repair::LowerCase => "lower-case letters raised",
            Repair::Spaces => "spaces removed",
            Repair::StrayDot => "stray dot removed",
            Repair::MissingDot => "missing dot before the action letter added",
            Repair::IReadAsOne => "leading '1' read as the series letter 'I'",
            Repair::LReadAsOne => "letter 'l' read as the digit '1'",
        }
    }
}

/// The groups of [`GRAMMAR`], by index: looking a group up by name costs a search of the
/// names on every ref read.
const SERIES: usize = 1;
const DOT: usize = 2;
const NUMS: usize = 3;
const SEP: usize = 4;
const LETTER: usize = 5;
const END: usize = 6;
const TRAIL: usize = 7;

static GRAMMAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<series>[A-Z]{0,3})(?P<dot>\.)?(?P<nums>\d{1,3}(?:\.\d{1,3}){0,3})(?:(?P<sep>\.)?(?P<letter>[A-Z]))?(?:[-–](?P<end>.+?))?(?P<trail>\.)?$",
    )
    .expect("ref grammar")
});

impl Ref {
    /// Reads a printed ref, returning it with the repairs made, or `None` when the text is no
    /// ref at all ("Waste Contract", "", "1.A.B").
    ///
    /// ```
    /// use govtrail_review::refs::{Ref, Repair};
    /// let (r, repairs) = Ref::parse("S.1.1.C").unwrap();
    /// assert_eq!(r.to_string(), "S1.1.C");
    /// assert_eq!(repairs, vec![Repair::StrayDot]);
    /// ```
    pub fn parse(printed: &str) -> Option<(Ref, Vec<Repair>)> {
        let mut repairs = Vec::new();
        let mut text = String::with_capacity(printed.len());
        let chars: Vec<char> = printed.trim().chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let after_series = prev.is_some_and(|p| p.is_ascii_uppercase());
            let before_number =
                prev.is_some() && next.is_some_and(|n| n.is_ascii_digit() || n == '.');
            if c == 'l' && (after_series || before_number) {
                // "Sl.1", "S1.l.2": a lower-case L inside the ref is the digit one.
                push_once(&mut repairs, Repair::LReadAsOne);
                text.push('1');
            } else if let Some(latin) = govtrail_parse::lookalike::latin_lookalike(c) {
                push_once(&mut repairs, Repair::LookAlikeLetters);
                text.push(latin);
            } else if c.is_whitespace() {
                push_once(&mut repairs, Repair::Spaces);
            } else if c.is_ascii_lowercase() {
                push_once(&mut repairs, Repair::LowerCase);
                text.push(c.to_ascii_uppercase());
            } else {
                text.push(c);
            }
        }
        let cap = GRAMMAR.captures(&text)?;
        let series = cap.get(SERIES).map_or("", |m| m.as_str()).to_owned();
        if cap.get(DOT).is_some() {
            if series.is_empty() {
                return None;
            }
            repairs.push(Repair::StrayDot);
        }
        if cap.get(TRAIL).is_some() {
            push_once(&mut repairs, Repair::StrayDot);
        }
        let numbers = cap[NUMS]
            .split('.')
            .map(str::parse)
            .collect::<Result<Vec<u32>, _>>()
            .ok()?;
        let letter = cap.get(LETTER).and_then(|m| m.as_str().chars().next());
        if letter.is_some() && cap.get(SEP).is_none() {
            repairs.push(Repair::MissingDot);
        }
        let mut reference = Ref {
            series,
            numbers,
            letter,
            range_end: None,
        };
        if let Some(end) = cap.get(END) {
            reference.range_end = Some(reference.range_end_from(end.as_str())?);
        }
        Some((reference, repairs))
    }

    /// Reads the text after the dash of a range: a letter (`A-D`), a number (`1.1-3`) or the
    /// whole last member (`S1.5.A-S1.5.D`).
    fn range_end_from(&self, end: &str) -> Option<RangeEnd> {
        let single = |s: &str| -> Option<RangeEnd> {
            if self.letter.is_some() {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if c.is_ascii_uppercase() => Some(RangeEnd::Letter(c)),
                    _ => None,
                }
            } else {
                s.parse().ok().map(RangeEnd::Number)
            }
        };
        let range_end = single(end).or_else(|| {
            // The whole last member: it must differ from the first only in its last part.
            let (last, _) = Ref::parse(end)?;
            let same_stem = last.series == self.series
                && last.range_end.is_none()
                && last.letter.is_some() == self.letter.is_some()
                && match self.letter {
                    Some(_) => last.numbers == self.numbers,
                    None => {
                        last.numbers.len() == self.numbers.len()
                            && last.numbers[..last.numbers.len() - 1]
                                == self.numbers[..self.numbers.len() - 1]
                    }
                };
            if !same_stem {
                return None;
            }
            match last.letter {
                Some(c) => Some(RangeEnd::Letter(c)),
                None => last.numbers.last().copied().map(RangeEnd::Number),
            }
        })?;
        let ascending = match (range_end, self.letter) {
            (RangeEnd::Letter(end), Some(start)) => end > start,
            (RangeEnd::Number(end), None) => self.numbers.last().is_some_and(|&n| end > n),
            _ => false,
        };
        ascending.then_some(range_end)
    }

    /// The series letters (`"I"` for `I22.1`; empty for plain numbered refs).
    pub fn series(&self) -> &str {
        &self.series
    }

    /// The recommendation number (`22` for `I22.4`).
    pub fn number(&self) -> u32 {
        self.numbers.first().copied().unwrap_or_default()
    }

    /// True for a top-level ref, a recommendation's own number (`S1`, `K4`, `I22`).
    pub fn is_top_level(&self) -> bool {
        self.numbers.len() == 1 && self.letter.is_none() && self.range_end.is_none()
    }

    /// True for a range (`S1.5.A-D`).
    pub fn is_range(&self) -> bool {
        self.range_end.is_some()
    }

    /// The recommendation this ref sits under: series and first number (`S1` for `S1.1.A`).
    pub fn root(&self) -> String {
        format!("{}{}", self.series, self.number())
    }

    /// The enclosing ref, derived from the ref itself: `S1.1.A` → `S1.1` → `S1` → none. A
    /// range's parent is its members' parent.
    pub fn parent(&self) -> Option<String> {
        if self.letter.is_some() {
            return Some(self.stem(&self.numbers));
        }
        (self.numbers.len() > 1).then(|| self.stem(&self.numbers[..self.numbers.len() - 1]))
    }

    /// Every ref a range covers (`S1.5.A-D` → `S1.5.A`, …, `S1.5.D`); a plain ref covers itself.
    pub fn members(&self) -> Vec<String> {
        match (self.range_end, self.letter) {
            (Some(RangeEnd::Letter(end)), Some(start)) => (start..=end)
                .map(|c| format!("{}.{c}", self.stem(&self.numbers)))
                .collect(),
            (Some(RangeEnd::Number(end)), None) => {
                let (last, head) = match self.numbers.split_last() {
                    Some(split) => split,
                    None => return Vec::new(),
                };
                (*last..=end)
                    .map(|n| {
                        let mut numbers = head.to_vec();
                        numbers.push(n);
                        self.stem(&numbers)
                    })
                    .collect()
            }
            _ => vec![self.to_string()],
        }
    }

    fn stem(&self, numbers: &[u32]) -> String {
        let numbers: Vec<String> = numbers.iter().map(u32::to_string).collect();
        format!("{}{}", self.series, numbers.join("."))
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.stem(&self.numbers))?;
        if let Some(c) = self.letter {
            write!(f, ".{c}")?;
        }
        match self.range_end {
            Some(RangeEnd::Letter(c)) => write!(f, "-{c}"),
            Some(RangeEnd::Number(n)) => write!(f, "-{n}"),
            None => Ok(()),
        }
    }
}

fn push_once(repairs: &mut Vec<Repair>, repair: Repair) {
    if !repairs.contains(&repair) {
        repairs.push(repair);
    }
}

/// The ref a plain number would be if its leading `1` were the series letter `I`, which PDF
/// text extraction reads as the digit one: `14` → `I4`, `14.1` → `I4.1`, `137` → `I37`,
/// `11.1` → `I1.1`. `None` when the number cannot be such a misreading (`7`, `1`, `10`,
/// `S1.1`). Whether the reading fits the document is the caller's decision.
///
/// ```
/// use govtrail_review::refs::i_for_one;
/// assert_eq!(i_for_one("137.1").map(|r| r.to_string()).as_deref(), Some("I37.1"));
/// assert_eq!(i_for_one("7"), None);
/// ```
pub fn i_for_one(printed: &str) -> Option<Ref> {
    let rest = printed.trim().strip_prefix('1')?;
    if !rest.starts_with(|c: char| matches!(c, '1'..='9')) {
        return None;
    }
    let (reference, _) = Ref::parse(&format!("I{rest}"))?;
    Some(reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_indices_name_the_grammar_groups() {
        let names: Vec<Option<&str>> = GRAMMAR.capture_names().collect();
        let expected = [
            (SERIES, "series"),
            (DOT, "dot"),
            (NUMS, "nums"),
            (SEP, "sep"),
            (LETTER, "letter"),
            (END, "end"),
            (TRAIL, "trail"),
        ];
        for (index, name) in expected {
            assert_eq!(names.get(index).copied().flatten(), Some(name));
        }
    }

    #[test]
    fn printed_refs_and_their_repairs() {
        let cases: [(&str, &str, &[Repair]); 17] = [
            ("S1", "S1", &[]),
            ("S1.1.A", "S1.1.A", &[]),
            ("K4.3", "K4.3", &[]),
            ("I22", "I22", &[]),
            ("S.1.1.C", "S1.1.C", &[Repair::StrayDot]),
            ("S1.5A-D", "S1.5.A-D", &[Repair::MissingDot]),
            ("S1.1A-C", "S1.1.A-C", &[Repair::MissingDot]),
            ("S1.4.A-D", "S1.4.A-D", &[]),
            ("S1.5.A – D", "S1.5.A-D", &[Repair::Spaces]),
            ("S1.5.A-S1.5.D", "S1.5.A-D", &[]),
            ("СН9", "CH9", &[Repair::LookAlikeLetters]),
            ("s2.1.c", "S2.1.C", &[Repair::LowerCase]),
            ("S1. 2", "S1.2", &[Repair::Spaces]),
            ("2.1.", "2.1", &[Repair::StrayDot]),
            ("Sl.1", "S1.1", &[Repair::LReadAsOne]),
            ("S1.l.A", "S1.1.A", &[Repair::LReadAsOne]),
            // a lower-case action letter at the end stays a letter
            ("S1.1.l", "S1.1.L", &[Repair::LowerCase]),
        ];
        for (printed, canonical, repairs) in cases {
            let (r, found) = Ref::parse(printed).unwrap_or_else(|| panic!("{printed}"));
            assert_eq!(r.to_string(), canonical, "printed: {printed}");
            assert_eq!(found, repairs, "printed: {printed}");
        }
    }

    #[test]
    fn text_that_is_no_ref() {
        for printed in [
            "",
            "Waste Contract",
            "Ref",
            ".1",
            "S1.5.D-A",
            "S1.5-D",
            "S1.1.A-S2.1.D",
            "1.2.3.4.5",
        ] {
            assert!(Ref::parse(printed).is_none(), "printed: {printed}");
        }
    }

    #[test]
    fn parents_come_from_the_ref_itself() {
        let parent = |s: &str| Ref::parse(s).and_then(|(r, _)| r.parent());
        assert_eq!(parent("S1.1.A").as_deref(), Some("S1.1"));
        assert_eq!(parent("S1.1").as_deref(), Some("S1"));
        assert_eq!(parent("S1"), None);
        assert_eq!(parent("S1.5.A-D").as_deref(), Some("S1.5"));
        assert_eq!(parent("2.1-3").as_deref(), Some("2"));
        let root = |s: &str| Ref::parse(s).map(|(r, _)| r.root());
        assert_eq!(root("I22.4").as_deref(), Some("I22"));
    }

    #[test]
    fn ranges_expand_to_their_members() {
        let members = |s: &str| Ref::parse(s).map(|(r, _)| r.members()).unwrap_or_default();
        assert_eq!(
            members("S1.5A-D"),
            vec!["S1.5.A", "S1.5.B", "S1.5.C", "S1.5.D"]
        );
        assert_eq!(members("I2.1-3"), vec!["I2.1", "I2.2", "I2.3"]);
        assert_eq!(members("K6.1"), vec!["K6.1"]);
    }

    #[test]
    fn leading_one_read_for_i() {
        let cases: [(&str, Option<&str>); 8] = [
            ("14", Some("I4")),
            ("14.1", Some("I4.1")),
            ("137", Some("I37")),
            ("137.1", Some("I37.1")),
            ("11.1", Some("I1.1")),
            ("7", None),
            ("1", None),
            ("10", None),
        ];
        for (printed, expected) in cases {
            assert_eq!(
                i_for_one(printed).map(|r| r.to_string()).as_deref(),
                expected,
                "printed: {printed}"
            );
        }
    }
}
