//! HTML escaping. Document text arrives with markup left over from the PDF extraction
//! (`<ul style="list-style-type: none"> •ensure …`, `<b>Update</b>`); none of it may become
//! markup in the report, in element content or in attribute values.

use std::fmt;

/// Text that displays HTML-escaped: `&`, `<`, `>`, `"` and `'` become character references,
/// so the result is safe both between tags and inside a double- or single-quoted attribute.
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        let cases = [
            ("plain text", "plain text"),
            ("<b>Update</b>", "&lt;b&gt;Update&lt;/b&gt;"),
            (
                r#"<ul style="list-style-type: none">"#,
                "&lt;ul style=&quot;list-style-type: none&quot;&gt;",
            ),
            ("Finance & ICT", "Finance &amp; ICT"),
            ("Children's Trust", "Children&#39;s Trust"),
            ("&lt; already", "&amp;lt; already"),
            ("• £5m – “quoted”", "• £5m – “quoted”"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(Escaped(input).to_string(), expected, "{input:?}");
        }
    }
}
