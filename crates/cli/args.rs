//! Flags several subcommands share, so each is spelt and checked one way.

use std::path::{Path, PathBuf};

/// The folder of converted documents a command reads: `--in DIR`, as every command takes it;
/// a bare `DIR` is accepted too, as earlier versions took it.
#[derive(clap::Args, Debug)]
pub struct InDir {
    /// Folder of converted documents (the `--out` of `govtrail convert`).
    #[arg(
        long = "in",
        value_name = "DIR",
        required_unless_present = "in_dir_positional"
    )]
    in_dir: Option<PathBuf>,
    /// The same folder given without `--in`.
    #[arg(value_name = "DIR", conflicts_with = "in_dir", hide = true)]
    in_dir_positional: Option<PathBuf>,
}

impl InDir {
    /// The folder given.
    pub fn path(&self) -> &Path {
        self.in_dir
            .as_deref()
            .or(self.in_dir_positional.as_deref())
            .unwrap_or(Path::new("."))
    }
}
