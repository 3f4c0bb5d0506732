//! Theme headings: the lines that group a tracker's workstreams.
//!
//! Printed with every spacing around the dash ("Theme 2- Corporate Oversight", "Theme 3
//! -Strategic Direction", "Theme 6-Partnerships & Relationships"), sometimes with a colon or
//! no separator at all ("THEME 4: Decision Making", "Theme5 Procurement").

use govtrail_parse::clean::fold_whitespace;
use regex::Regex;
use std::sync::LazyLock;

/// A theme heading: its number and name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// The number after "Theme".
    pub number: u32,
    /// The name after the number and separator, if any.
    pub name: Option<String>,
}

static THEME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^#*\s*theme\s*(\d{1,3})\s*[-–—:.)]*\s*(.*)$").expect("theme pattern")
});

/// The theme a heading line names.
///
/// ```
/// let theme = govtrail_tracker::theme::parse_theme("Theme 3 -Strategic Direction").unwrap();
/// assert_eq!((theme.number, theme.name.as_deref()), (3, Some("Strategic Direction")));
/// ```
pub fn parse_theme(text: &str) -> Option<Theme> {
    let text = fold_whitespace(text);
    let cap = THEME.captures(&text)?;
    let number = cap[1].parse().ok()?;
    let name = cap[2]
        .trim()
        .trim_start_matches(['-', '–', '—', ':'])
        .trim();
    Some(Theme {
        number,
        name: (!name.is_empty()).then(|| name.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A heading and the (number, name) it should give.
    type Case<'a> = (&'a str, Option<(u32, Option<&'a str>)>);

    #[test]
    fn theme_headings_in_every_spacing() {
        let cases: [Case; 9] = [
            (
                "Theme 1 - Organisational Culture",
                Some((1, Some("Organisational Culture"))),
            ),
            (
                "Theme 2- Corporate Oversight",
                Some((2, Some("Corporate Oversight"))),
            ),
            (
                "Theme 3 -Strategic Direction",
                Some((3, Some("Strategic Direction"))),
            ),
            (
                "Theme 6-Partnerships & Relationships",
                Some((6, Some("Partnerships & Relationships"))),
            ),
            (
                "THEME 4: Decision Making",
                Some((4, Some("Decision Making"))),
            ),
            (
                "Theme5  Procurement   & Commercial",
                Some((5, Some("Procurement & Commercial"))),
            ),
            ("Theme 7 – – Place", Some((7, Some("Place")))),
            ("Theme 8", Some((8, None))),
            ("Themes of the plan", None),
        ];
        for (text, expected) in cases {
            let got = parse_theme(text).map(|t| (t.number, t.name));
            let expected = expected.map(|(n, name)| (n, name.map(str::to_owned)));
            assert_eq!(got, expected, "{text:?}");
        }
    }
}
