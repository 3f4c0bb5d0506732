//! A byte search for the checks that run over every byte of an input.
//!
//! Finding the first byte of a kind (a control byte, a digit, anything but plain ASCII) one
//! byte at a time costs a branch per byte; testing a whole chunk without stopping early lets
//! the compiler use vector compares, and only a chunk that holds such a byte is searched.

/// Bytes tested together before the search stops at a chunk that holds a match.
const CHUNK: usize = 32;

/// The offset of the first byte of `bytes` for which `is_match` holds.
///
/// ```
/// use govtrail_table::first_byte_where;
/// assert_eq!(first_byte_where(b"Sept 23", |b| b.is_ascii_digit()), Some(5));
/// assert_eq!(first_byte_where(b"In place", |b| b.is_ascii_digit()), None);
/// ```
pub fn first_byte_where(bytes: &[u8], is_match: impl Fn(u8) -> bool) -> Option<usize> {
    bytes.chunks(CHUNK).enumerate().find_map(|(k, chunk)| {
        let any = chunk.iter().fold(false, |any, &b| any | is_match(b));
        any.then(|| chunk.iter().position(|&b| is_match(b)))
            .flatten()
            .map(|i| k * CHUNK + i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_match_is_found_in_any_chunk() {
        let mut bytes = vec![b'a'; 300];
        assert_eq!(first_byte_where(&bytes, |b| b == b'x'), None);
        bytes[200] = b'x';
        bytes[250] = b'x';
        assert_eq!(first_byte_where(&bytes, |b| b == b'x'), Some(200));
        bytes[31] = b'x';
        assert_eq!(first_byte_where(&bytes, |b| b == b'x'), Some(31));
        assert_eq!(first_byte_where(b"", |_| true), None);
    }
}
