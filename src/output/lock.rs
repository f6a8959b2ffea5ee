//! One hoego at a time writes an output folder: `hoego build` and `hoego serve` take an
//! exclusive lock on the folder itself (no lock file is left behind) for as long as they
//! write it.

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;

#[derive(Debug)]
pub struct OutputLock {
    pub dir: PathBuf,
    /// The folder did not exist before: a first build that fails removes it again.
    pub created: bool,
    _file: Option<File>,
}

impl OutputLock {
    /// Creates the output folder if needed and locks it. Fails when another hoego holds it.
    pub fn acquire(dir: &Path) -> Result<OutputLock, Diagnostic> {
        let created = match fs::symlink_metadata(dir) {
            Ok(m) if m.is_dir() || dir.is_dir() => false,
            Ok(_) => {
                return Err(Diagnostic::new(
                    dir,
                    "the output path exists and is not a folder",
                ));
            }
            Err(_) => {
                fs::create_dir_all(dir)
                    .map_err(|e| Diagnostic::io(dir, "create the output folder", &e))?;
                true
            }
        };
        // Folders open as files on Unix; where they do not, the lock is skipped.
        let file = File::open(dir).ok();
        if let Some(f) = &file {
            match f.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(Diagnostic::new(
                        dir,
                        "another hoego (a `hoego serve`?) is writing this output folder; stop it or choose another --output",
                    ));
                }
                // File systems without locks: go on unlocked.
                Err(TryLockError::Error(_)) => {}
            }
        }
        Ok(OutputLock {
            dir: dir.to_path_buf(),
            created,
            _file: file,
        })
    }
}
