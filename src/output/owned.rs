//! What hoego made in an output folder, kept in the folder itself (`.hoego-manifest.json`):
//! a build deletes only files listed there, never anything else a user or a deploy tool put
//! in the folder. The same format serves as the journal of a move-in under way
//! (`.hoego-journal.json`): the files the new output holds and the old ones to delete.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::confine::{self, RESERVED_PREFIX};

pub const MANIFEST: &str = crate::content::OUTPUT_RECORD;
pub const JOURNAL: &str = ".hoego-journal.json";
pub const STAGING: &str = ".hoego-staging";

const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Ledger {
    pub version: u32,
    /// Every file of the output hoego made, sorted.
    pub files: BTreeSet<String>,
    /// For a journal: files of the previous output to delete.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub remove: BTreeSet<String>,
}

impl Ledger {
    pub fn new(files: BTreeSet<String>, remove: BTreeSet<String>) -> Ledger {
        Ledger {
            version: VERSION,
            files,
            remove,
        }
    }

    /// Reads `out/name`; `None` when missing, damaged or written by another version. Paths
    /// that could lead outside the folder are dropped.
    pub fn read(out: &Path, name: &str) -> Option<Ledger> {
        let bytes = fs::read(out.join(name)).ok()?;
        let mut ledger: Ledger = serde_json::from_slice(&bytes).ok()?;
        if ledger.version != VERSION {
            return None;
        }
        ledger.files.retain(|p| confine::check_rel(p).is_ok());
        ledger.remove.retain(|p| confine::check_rel(p).is_ok());
        Some(ledger)
    }

    /// Replaces `out/name` through a temporary file and a rename: a reader (or a build that
    /// starts after a kill) sees the old ledger or the new one, never half of one.
    pub fn write(&self, out: &Path, name: &str) -> std::io::Result<()> {
        use std::io::Write;
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        let target = out.join(name);
        let (mut file, tmp) = confine::create_new_beside(&target, "tmp")?;
        let written = file.write_all(&bytes);
        drop(file);
        written
            .and_then(|()| fs::rename(&tmp, &target))
            .inspect_err(|_| {
                let _ = fs::remove_file(&tmp);
            })
    }
}

pub fn remove(out: &Path, name: &str) {
    let _ = fs::remove_file(out.join(name));
}

/// Bookkeeping files left by a hoego that was killed (temporary ledgers and copies), and
/// anything else under hoego's reserved names — a link planted there included (the link is
/// removed, never followed).
pub fn remove_leftovers(out: &Path) {
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with(RESERVED_PREFIX)
            && name != MANIFEST
            && name != JOURNAL
            && name != STAGING;
        if ours && entry.file_type().is_ok_and(|t| !t.is_dir()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ledger_round_trips_and_drops_paths_leading_out() {
        let dir = tempfile::tempdir().unwrap();
        let files: BTreeSet<String> = ["index.html", "2023/회고/index.html", "../victim.txt"]
            .map(String::from)
            .into();
        Ledger::new(files, BTreeSet::new())
            .write(dir.path(), MANIFEST)
            .unwrap();
        let read = Ledger::read(dir.path(), MANIFEST).unwrap();
        assert_eq!(
            read.files.iter().collect::<Vec<_>>(),
            ["2023/회고/index.html", "index.html"]
        );
        fs::write(dir.path().join(MANIFEST), b"{\"version\":1,\"files\":[").unwrap();
        assert!(Ledger::read(dir.path(), MANIFEST).is_none());
        assert!(Ledger::read(dir.path(), JOURNAL).is_none());
    }
}
