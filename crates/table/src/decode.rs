//! Bytes to text: UTF-8 (with or without BOM) or Windows-1252, detected, never guessed blindly.
//!
//! Archived appendices were saved by many tools. A Windows-1252 file stores `£` as byte 0xA3
//! and `’` as 0x92, which are invalid UTF-8; decoding such a file as UTF-8 with replacement
//! would silently turn every pound sign into `�`. So: valid UTF-8 is UTF-8; otherwise the
//! bytes must be plausible Windows-1252 text, or the input is refused.

use crate::{first_byte_where, TableError, TableErrorKind};

/// The encoding a text input was decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (removed).
    Utf8Bom,
    /// Windows-1252 (code page 1252, a superset of Latin-1).
    Windows1252,
    /// UTF-8 with some lines in Windows-1252 (a line pasted in from an older file).
    Utf8WithWindows1252Lines,
    /// UTF-16, little-endian, with its byte-order mark (Excel's "Unicode Text").
    Utf16Le,
    /// UTF-16, big-endian, with its byte-order mark.
    Utf16Be,
}

/// Something reading the text repaired, at a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadWarning {
    /// The line.
    pub line: usize,
    /// What was repaired.
    pub message: String,
}

/// Text decoded from bytes, with what was repaired on the way.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text; line breaks are `\n` or `\r\n`.
    pub text: String,
    /// The encoding it was read from.
    pub encoding: Encoding,
    /// Lines decoded as Windows-1252 in a UTF-8 file, control bytes removed.
    pub warnings: Vec<ReadWarning>,
}

/// Bytes Windows-1252 leaves undefined; their presence means the text is something else.
const CP1252_UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Stray control bytes a text may hold: this many, and one in a hundred bytes more; past
/// that it is binary.
const STRAY_CONTROL_BYTES: usize = 16;
const TEXT_BYTES_PER_STRAY_CONTROL_BYTE: usize = 100;

/// Decodes `bytes` as text, removing a byte-order mark; see [`decode`].
pub fn decode_text(bytes: &[u8]) -> Result<(String, Encoding), TableError> {
    decode(bytes).map(|d| (d.text, d.encoding))
}

/// Decodes `bytes` as text: UTF-16 with a byte-order mark, UTF-8, or Windows-1252, the
/// last per line when a UTF-8 file holds a line that is not (each such line is warned of).
/// A line ending in a lone `\r` (old Mac files, or lines pasted into a Windows file) is a
/// line break like `\n`. Stray control bytes (a vertical tab in a cell) are removed with a
/// warning; NUL bytes, or more control bytes than a few and one in a hundred, are binary.
///
/// ```
/// let decoded = govtrail_table::decode(b"Ref\tAction\rS1\tReview\x0b it\r").unwrap();
/// assert_eq!(decoded.text, "Ref\tAction\nS1\tReview it\n");
/// assert_eq!(decoded.warnings[0].line, 2);
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, TableError> {
    let utf16 = if bytes.starts_with(b"\xFF\xFE") {
        Some((encoding_rs::UTF_16LE, Encoding::Utf16Le))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((encoding_rs::UTF_16BE, Encoding::Utf16Be))
    } else {
        None
    };
    let (text, encoding, mut warnings) = match utf16 {
        Some((coding, encoding)) => {
            let text = coding
                .decode_without_bom_handling_and_without_replacement(&bytes[2..])
                .ok_or_else(|| encoding_error(bytes, bytes.len(), 0))?;
            check_not_binary(text.as_bytes())?;
            (text.into_owned(), encoding, Vec::new())
        }
        None => {
            check_not_binary(bytes)?;
            decode_8bit(bytes)?
        }
    };
    let mut text = if text.contains('\r') {
        lone_carriage_returns_as_line_feeds(&text)
    } else {
        text
    };
    strip_control_chars(&mut text, &mut warnings);
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

/// UTF-8 (a byte-order mark removed), else Windows-1252: wholly when no line is UTF-8 with
/// letters beyond ASCII, else line by line, each line that is not UTF-8 warned of.
fn decode_8bit(bytes: &[u8]) -> Result<(String, Encoding, Vec<ReadWarning>), TableError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_owned(), Encoding::Utf8Bom, Vec::new())),
            Err(_) => decode_by_line(rest, 3),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), Encoding::Utf8, Vec::new())),
        Err(_) => decode_by_line(bytes, 0),
    }
}

/// Bytes that are not all UTF-8: Windows-1252 throughout, unless some line is UTF-8 beyond
/// ASCII (`£` as C2 A3), when only the lines that are not UTF-8 are read as Windows-1252.
fn decode_by_line(
    bytes: &[u8],
    shift: usize,
) -> Result<(String, Encoding, Vec<ReadWarning>), TableError> {
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let mixed = lines
        .iter()
        .any(|l| !l.is_ascii() && std::str::from_utf8(l).is_ok());
    if !mixed {
        if let Some(offset) = bytes.iter().position(|b| CP1252_UNDEFINED.contains(b)) {
            return Err(encoding_error(bytes, offset, shift));
        }
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        return Ok((text.into_owned(), Encoding::Windows1252, Vec::new()));
    }
    let mut text = String::with_capacity(bytes.len());
    let mut warnings = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match std::str::from_utf8(line) {
            Ok(utf8) => text.push_str(utf8),
            Err(_) => {
                if let Some(at) = line.iter().position(|b| CP1252_UNDEFINED.contains(b)) {
                    let offset = line.as_ptr() as usize - bytes.as_ptr() as usize + at;
                    return Err(encoding_error(bytes, offset, shift));
                }
                let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(line);
                text.push_str(&decoded);
                warnings.push(ReadWarning {
                    line: i + 1,
                    message:
                        "this line is not UTF-8 like the rest of the file; read as Windows-1252"
                            .into(),
                });
            }
        }
    }
    Ok((text, Encoding::Utf8WithWindows1252Lines, warnings))
}

/// Refuses binary input: a NUL byte, or more stray control bytes than a text may hold,
/// naming the first control byte.
fn check_not_binary(bytes: &[u8]) -> Result<(), TableError> {
    let Some(first) = first_control_byte(bytes) else {
        return Ok(());
    };
    let controls = bytes[first..].iter().filter(|&&b| is_control(b)).count();
    let allowed = STRAY_CONTROL_BYTES + bytes.len() / TEXT_BYTES_PER_STRAY_CONTROL_BYTE;
    if bytes.contains(&0) || controls > allowed {
        let byte = bytes[first];
        return Err(TableError::new(TableErrorKind::Binary {
            byte,
            offset: first,
        }));
    }
    Ok(())
}

/// Control bytes no text file holds: anything below 0x20 but tab, line feed, form feed and
/// carriage return.
fn is_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)
}

/// True for a character [`is_control`] would refuse as a byte (a stray `\x1b` in a cell).
pub(crate) fn is_control_char(c: char) -> bool {
    c.is_ascii() && is_control(c as u8)
}

/// The offset of the first control byte no text file holds.
fn first_control_byte(bytes: &[u8]) -> Option<usize> {
    first_byte_where(bytes, is_control)
}

/// Removes stray control characters (`Review\x0b it`: a vertical tab a cell's line break
/// was saved as), warning once per line they were removed from.
fn strip_control_chars(text: &mut String, warnings: &mut Vec<ReadWarning>) {
    if first_control_byte(text.as_bytes()).is_none() {
        return;
    }
    let mut line = 1;
    let mut warned = 0;
    text.retain(|c| {
        if c == '\n' {
            line += 1;
        }
        let control = is_control_char(c);
        if control && warned != line {
            warned = line;
            warnings.push(ReadWarning {
                line,
                message: format!("control character U+{:04X} removed", c as u32),
            });
        }
        !control
    });
    warnings.sort_by_key(|w| w.line);
}

/// Ends with `\n` every line that ends with a lone `\r`; `\r\n` stays as it is.
fn lone_carriage_returns_as_line_feeds(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

fn encoding_error(bytes: &[u8], offset: usize, shift: usize) -> TableError {
    let byte = bytes.get(offset).copied().unwrap_or(0);
    let line = 1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    TableError::new(TableErrorKind::Encoding {
        byte,
        offset: offset + shift,
    })
    .at_line(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let (t, e) = decode_text("£6.5m – council’s".as_bytes()).unwrap();
        assert_eq!((t.as_str(), e), ("£6.5m – council’s", Encoding::Utf8));
        let (t, e) = decode_text(b"\xEF\xBB\xBFIssue\t1").unwrap();
        assert_eq!((t.as_str(), e), ("Issue\t1", Encoding::Utf8Bom));
    }

    #[test]
    fn windows_1252_pound_dash_and_quote_survive() {
        // "£6.5m – council’s" saved by an old Office as code page 1252.
        let (t, e) = decode_text(b"\xA36.5m \x96 council\x92s").unwrap();
        assert_eq!(
            (t.as_str(), e),
            ("£6.5m – council’s", Encoding::Windows1252)
        );
    }

    #[test]
    fn the_first_control_byte_is_found_in_any_chunk() {
        let mut bytes = vec![b'a'; 300];
        bytes[7] = b'\t';
        bytes[64] = b'\n';
        assert_eq!(first_control_byte(&bytes), None);
        bytes[200] = 0x1B;
        bytes[250] = 0x00;
        assert_eq!(first_control_byte(&bytes), Some(200));
        assert_eq!(first_control_byte(b""), None);
    }

    #[test]
    fn line_endings_cr_lf_crlf_and_mixed_are_line_breaks() {
        let cases: &[(&[u8], &str)] = &[
            (b"a\rb\r", "a\nb\n"),
            (b"a\nb\r\nc\rd", "a\nb\r\nc\nd"),
            (b"a\r\r\nb", "a\n\r\nb"),
        ];
        for (bytes, text) in cases {
            assert_eq!(decode(bytes).unwrap().text, *text);
        }
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let text = "Ref\tAction\r\nS1\t£6.5m\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_text(&le).unwrap(), (text.into(), Encoding::Utf16Le));
        assert_eq!(decode_text(&be).unwrap(), (text.into(), Encoding::Utf16Be));
    }

    #[test]
    fn one_windows_1252_line_in_a_utf8_file_is_decoded_alone_and_named() {
        let decoded = decode(
            "Ref\tAction\nS1\t£6.5m\n"
                .bytes()
                .chain(*b"S2\t\xA34m\n")
                .collect::<Vec<u8>>()
                .as_slice(),
        )
        .unwrap();
        assert_eq!(decoded.text, "Ref\tAction\nS1\t£6.5m\nS2\t£4m\n");
        assert_eq!(decoded.encoding, Encoding::Utf8WithWindows1252Lines);
        assert_eq!(decoded.warnings.len(), 1);
        assert_eq!(decoded.warnings[0].line, 3);
    }

    #[test]
    fn stray_control_bytes_are_removed_and_warned_of() {
        let decoded =
            decode(b"Ref\tAction\nS1\tReview\x0b\x0b it\nS2\t\x1b]0;x\x07Close\n").unwrap();
        assert_eq!(decoded.text, "Ref\tAction\nS1\tReview it\nS2\t]0;xClose\n");
        let lines: Vec<usize> = decoded.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![2, 3]);
    }

    #[test]
    fn binary_and_undecodable_input_are_refused() {
        let err = decode_text(b"PK\x03\x04\x00\x00").unwrap_err();
        assert!(matches!(
            err.kind,
            TableErrorKind::Binary { byte: 3, offset: 2 }
        ));
        let err = decode_text(b"ok\nbad \x81 byte").unwrap_err();
        assert!(matches!(
            err.kind,
            TableErrorKind::Encoding { byte: 0x81, .. }
        ));
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().starts_with("line 2: "));
    }
}
