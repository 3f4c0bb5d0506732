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
}

/// Bytes Windows-1252 leaves undefined; their presence means the text is something else.
const CP1252_UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Decodes `bytes` as text, removing a UTF-8 byte-order mark.
///
/// Refuses binary input (NUL or other control bytes that text files never hold) and bytes
/// that are neither UTF-8 nor Windows-1252, naming the offset of the first offending byte.
pub fn decode_text(bytes: &[u8]) -> Result<(String, Encoding), TableError> {
    if let Some(offset) = first_control_byte(bytes) {
        let byte = bytes[offset];
        return Err(TableError::new(TableErrorKind::Binary { byte, offset }));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_owned(), Encoding::Utf8Bom)),
            Err(e) => Err(encoding_error(rest, e.valid_up_to(), 3)),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), Encoding::Utf8)),
        Err(_) => {
            if let Some(offset) = bytes.iter().position(|b| CP1252_UNDEFINED.contains(b)) {
                return Err(encoding_error(bytes, offset, 0));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), Encoding::Windows1252))
        }
    }
}

/// The offset of the first control byte no text file holds (anything below 0x20 but tab,
/// line feed, form feed and carriage return).
fn first_control_byte(bytes: &[u8]) -> Option<usize> {
    first_byte_where(bytes, |b| {
        b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)
    })
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
