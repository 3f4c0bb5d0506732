//! What reaches the user's terminal: document text made harmless, colour only where it can
//! be seen, `--quiet`, and the progress bar of long batches.
//!
//! Document text is hostile input: a workbook cell can hold an ESC sequence that retitles the
//! terminal or rewrites the lines above it, so every message quoting an input goes through
//! [`escape`]. JSON output needs none of this (serde escapes control characters itself).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::borrow::Cow;
use std::io::IsTerminal;
use std::sync::OnceLock;

/// `text` with every character a terminal would act on written as an escape instead:
/// control characters (C0, DEL, C1: `"\u{1b}]0;pwned\u{7}"` → `\u{1b}]0;pwned\u{7}` as
/// text) and the bidirectional overrides that make a line read otherwise than it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Writes a command's output to standard output; a reader that stops early (`| head`) is
/// not an error.
pub fn write_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Whether `--quiet` was given: only errors and warnings are printed.
pub fn quiet() -> bool {
    QUIET.get().copied().unwrap_or(false)
}

static QUIET: OnceLock<bool> = OnceLock::new();

/// Records `--quiet` for the rest of the run (the first call wins).
pub fn set_quiet(quiet: bool) {
    let _ = QUIET.set(quiet);
}

/// Whether to colour what goes to standard error: only when it is a terminal and `NO_COLOR`
/// is unset or empty (<https://no-color.org>), so that `-v 2> log` holds plain text.
pub fn stderr_in_colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Batches shorter than this finish before a progress bar would tell anyone anything.
const PROGRESS_FROM: u64 = 20;

/// A progress bar over `len` inputs with the rate, the time left and the input being read
/// ([`ProgressBar::set_message`]); drawn on standard error only when it is a terminal, the
/// batch is long and `--quiet` was not given.
pub fn progress(len: u64) -> ProgressBar {
    let bar = ProgressBar::new(len).with_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} inputs, {per_sec}, {eta} left  {wide_msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if quiet() || len < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_overrides_are_written_as_text() {
        assert_eq!(
            escape("Oracle \u{1b}]0;pwned\u{7} Fusion"),
            "Oracle \\u{1b}]0;pwned\\u{7} Fusion"
        );
        assert_eq!(escape("a\u{9b}31mb"), "a\\u{9b}31mb");
        assert_eq!(escape("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(escape("two\nlines\tand tab"), "two\\u{a}lines\\u{9}and tab");
        assert!(matches!(
            escape("Children’s Services – 2019"),
            Cow::Borrowed(_)
        ));
    }
}
