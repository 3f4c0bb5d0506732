//! Italic Action cells: how a plan marks a row that lists an action defined elsewhere.
//!
//! Under each later recommendation the plan repeats, in italics, the actions that answer it:
//! `S3.2\t<i>Member Development Programme</i>`, with list markup or bullets outside the
//! italics (`<p><i>Refresh key corporate governance documents including:</i></p> <ul ...> •
//! <i>Scheme of Delegations</i>`), and sometimes a plain topic heading in front
//! (`Sandwell Children's Trust <i>Continue with robust governance ...</i>`).

use govtrail_parse::clean::strip_tags;
use govtrail_parse::heading::heading_only;
use regex::Regex;
use std::sync::LazyLock;

static ITALIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<i\b[^<>]*>.*?</i\s*>").expect("italic pattern"));

/// List markers left as text between list items.
const BULLETS: [&str; 6] = ["•", "·", "-", "–", "o", "▪"];

/// The words of `cell` outside its italic spans, bullets dropped.
fn outside_italics(cell: &str) -> String {
    let outside = strip_tags(&ITALIC.replace_all(cell, " "));
    outside
        .split_whitespace()
        .filter(|w| !BULLETS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when the cell's text is in italics, apart from list markup, bullets and at most a
/// plain topic heading in front of it.
///
/// ```
/// use govtrail_review::italic::is_italic_listing;
/// assert!(is_italic_listing("Sandwell Children's Trust <i>Continue with robust governance</i>"));
/// assert!(!is_italic_listing("Deliver the Communications Strategy"));
/// ```
pub fn is_italic_listing(cell: &str) -> bool {
    if !ITALIC.is_match(cell) {
        return false;
    }
    let outside = outside_italics(cell);
    outside.is_empty() || heading_only(&outside)
}

/// The plain topic heading printed before the italics, if any.
pub fn heading_before_italics(cell: &str) -> Option<String> {
    let first = ITALIC.find(cell)?;
    let before = strip_tags(&cell[..first.start()]);
    (!before.is_empty() && heading_only(&before)).then_some(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italic_listings_in_the_archive() {
        let cases: [(&str, bool, Option<&str>); 6] = [
            ("<i>Member Development Programme</i>", true, None),
            (
                r#"<p><i>Refresh key corporate governance documents including:</i></p> <ul style="list-style-type: none"> • <i>Scheme of Delegations</i> "#,
                true,
                None,
            ),
            (
                r#"<p><i>Develop Improvement Plan:</i></p> <ul style="list-style-type: none"> - <i>Leadership Team - monthly</i> - <i>Cabinet - quarterly</i> "#,
                true,
                None,
            ),
            (
                "Sandwell Children's Trust <i>Continue with robust governance arrangements</i>",
                true,
                Some("Sandwell Children's Trust"),
            ),
            (
                "Introduction of a more focused framework for contract monitoring",
                false,
                None,
            ),
            // italics inside a sentence do not make a listing
            (
                "Continue to adopt the <i>Star Chamber</i> approach for budget setting",
                false,
                None,
            ),
        ];
        for (cell, listing, heading) in cases {
            assert_eq!(is_italic_listing(cell), listing, "cell: {cell}");
            assert_eq!(
                heading_before_italics(cell).as_deref(),
                heading,
                "cell: {cell}"
            );
        }
    }
}
