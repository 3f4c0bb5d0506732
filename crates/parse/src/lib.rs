//! The toolkit every family parser shares, so each quirk of the archive is handled once.
//!
//! Family crates (`govtrail-ags`, `govtrail-review`, ...) implement [`FamilyParser`] over a
//! [`Table`] and use the pieces here: HTML and whitespace clean-up ([`clean`]), due dates in
//! their many printed shapes ([`dates`]), owners run together in one cell ([`owners`]), topic
//! headings that open a cell ([`heading`]), header rows repeated at page breaks ([`header`])
//! and refs printed with look-alike characters ([`lookalike`]).
//!
//! ```
//! use govtrail_parse::dates::parse_due;
//! let due = parse_due("Commission exercise – March 2022 Completion – July 2022");
//! assert_eq!(due.date.map(|d| d.to_string()).as_deref(), Some("2022-07-31"));
//! ```
#![deny(missing_docs)]

pub mod clean;
pub mod dates;
pub mod header;
pub mod heading;
pub mod layout;
pub mod lookalike;
pub mod owners;
pub mod reported;
pub mod rows;
pub mod status;

use chrono::NaiveDate;
use govtrail_model::{DocumentOutput, Family, UnparsedLine};
use govtrail_table::{Row, Table};

/// Choices the user makes that parsers must honour.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// The date the document reports at, overriding what the parser infers (`--as-at`).
    pub as_at: Option<NaiveDate>,
    /// The user's word on which column is which (`--layout FILE`, `--column HEADER=ROLE`),
    /// honoured by the general reader.
    pub layout: layout::LayoutOverride,
}

/// A parser for one document family.
pub trait FamilyParser: Sync + Send {
    /// The family this parser reads.
    fn family(&self) -> Family;

    /// How strongly `table` looks like this family, from 0 (not at all) to 1, judged from
    /// content (header words, ref shapes), never from a file name.
    fn score(&self, table: &Table) -> f32;

    /// Parses `table` into a document. `document.id` is left empty for the caller to fill.
    /// Every non-blank row must end up in an action's `source.lines`, in `unparsed` or in
    /// `structure`; problems are diagnostics, never panics.
    fn parse(&self, table: &Table, options: &ParseOptions) -> DocumentOutput;
}

/// Sets `document.as_at` and `document.year` from what the parser found, unless the user fixed
/// the date with [`ParseOptions::as_at`].
pub fn settle_as_at(out: &mut DocumentOutput, found: Option<NaiveDate>, options: &ParseOptions) {
    use chrono::Datelike;
    let as_at = options.as_at.or(found);
    out.document.as_at = as_at;
    if let Some(date) = as_at {
        out.document.year = Some(date.year());
    }
}

/// True for a row a page break printed: one value (a workbook's merged footer fills every
/// cell it covers) that is a page number or a protective marking ([`clean::is_page_footer`]).
/// The row engine ([`rows::read_rows`]) asks this first of every row, so an inserted footer
/// reads the same in every family.
pub fn is_footer_row(row: &Row) -> bool {
    row.sole_value().is_some_and(clean::is_page_footer)
}

/// `row`, whole, as an unparsed line left out because of `reason`.
pub fn unparsed_row(row: &Row, reason: &str) -> UnparsedLine {
    UnparsedLine::new(row.line, row.text(), reason)
}
