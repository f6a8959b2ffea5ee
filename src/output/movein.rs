//! Moving a finished build into the output folder, and finishing one that a kill
//! interrupted.
//!
//! A build stages the files that changed in `.hoego-staging/` inside the output folder (so
//! every move is a rename on one file system), then writes a journal — the files the new
//! output holds and the old ones to delete — and only then moves the staged files in and
//! deletes. A hoego that starts and finds a journal finishes that move-in first; one that
//! finds staged files without a journal (killed while rendering) throws them away. Either
//! way the folder ends up as one build made it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::confine;
use super::owned::{self, JOURNAL, Ledger, MANIFEST, STAGING};
use crate::error::{Diagnostic, Errors};

/// Moves everything under `staging` into `out`, folder by folder: a folder the output does
/// not have yet moves as a whole; a file replaces the old one with a rename, so a reader
/// sees the old file or the new one, never half of either. Whatever of the old output is in
/// the way (a file where a folder goes, a folder or link where a file goes) is removed —
/// a link itself, never what it points to.
pub fn merge(staging: &Path, out: &Path) -> Result<(), Errors> {
    let errors = Mutex::new(Vec::new());
    merge_dir(staging, out, &errors);
    let errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Errors(errors))
    }
}

fn merge_dir(from: &Path, to: &Path, errors: &Mutex<Vec<Diagnostic>>) {
    let fail = |path: &Path, e: io::Error| {
        errors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Diagnostic::io(path, "move the new file into place", &e));
    };
    let entries: Vec<(PathBuf, bool, std::ffi::OsString)> = match fs::read_dir(from) {
        Ok(rd) => rd
            .flatten()
            .map(|e| {
                let dir = e.file_type().is_ok_and(|t| t.is_dir());
                (e.path(), dir, e.file_name())
            })
            .collect(),
        Err(e) => return fail(from, e),
    };
    entries.par_iter().for_each(|(src, src_dir, name)| {
        let dst = to.join(name);
        let moved = match fs::symlink_metadata(&dst) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => confine::rename_or_copy(src, &dst),
            Err(e) => Err(e),
            Ok(m) if m.is_dir() && *src_dir => return merge_dir(src, &dst, errors),
            Ok(m) if m.is_dir() => {
                fs::remove_dir_all(&dst).and_then(|_| confine::rename_or_copy(src, &dst))
            }
            Ok(_) if *src_dir => {
                fs::remove_file(&dst).and_then(|_| confine::rename_or_copy(src, &dst))
            }
            Ok(_) => confine::rename_or_copy(src, &dst),
        };
        if let Err(e) = moved {
            fail(&dst, e);
        }
    });
}

/// Deletes what the journal says the new output no longer has, then records the new
/// output as hoego's and drops the journal. Hidden files are never deleted.
pub fn finish(out: &Path, journal: &Ledger) -> Result<(), Errors> {
    let mut errors = Vec::new();
    for rel in &journal.remove {
        if confine::is_hidden(rel) || journal.files.contains(rel) {
            continue;
        }
        match confine::remove_file(out, rel) {
            Ok(true) => confine::prune_empty_parents(out, rel),
            Ok(false) => {}
            Err(e) => errors.push(Diagnostic::io(
                &confine::join(out, rel),
                "remove a file the build no longer makes",
                &e,
            )),
        }
    }
    let manifest = Ledger::new(journal.files.clone(), Default::default());
    if let Err(e) = manifest.write(out, MANIFEST) {
        errors.push(Diagnostic::io(&out.join(MANIFEST), "write", &e));
    }
    if errors.is_empty() {
        owned::remove(out, JOURNAL);
        Ok(())
    } else {
        Err(Errors(errors))
    }
}

/// Brings an output folder back to one build's state after a hoego was killed in it:
/// finishes a move-in that had its journal written, throws away staged files that had not,
/// and removes temporary bookkeeping files. Nothing to do in a clean folder.
pub fn recover(out: &Path) -> Result<bool, Errors> {
    owned::remove_leftovers(out);
    let staging = out.join(STAGING);
    // Only a real folder is hoego's staging folder: a link there is removed, not followed.
    let real_staging = fs::symlink_metadata(&staging).is_ok_and(|m| m.is_dir());
    let journal = Ledger::read(out, JOURNAL)
        .filter(|_| real_staging || fs::symlink_metadata(&staging).is_err());
    let had_journal = journal.is_some();
    if let Some(journal) = journal {
        if real_staging {
            merge(&staging, out)?;
        }
        finish(out, &journal)?;
    } else {
        // Missing, or damaged by something other than hoego: a journal is only ever
        // replaced whole.
        owned::remove(out, JOURNAL);
    }
    clear_staging(out)?;
    Ok(had_journal)
}

/// Removes whatever is at the staging folder's name: the folder hoego left, or a file or
/// link put there (the link itself).
pub fn clear_staging(out: &Path) -> Result<(), Diagnostic> {
    let staging = out.join(STAGING);
    let Ok(meta) = fs::symlink_metadata(&staging) else {
        return Ok(());
    };
    let removed = if meta.is_dir() {
        fs::remove_dir_all(&staging)
    } else {
        fs::remove_file(&staging)
    };
    removed.map_err(|e| Diagnostic::io(&staging, "remove an unfinished build", &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_interrupted_move_in_is_finished_by_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        // The old output, half replaced: a.html was moved in already, b.html was not.
        fs::write(out.join("a.html"), "new a").unwrap();
        fs::write(out.join("b.html"), "old b").unwrap();
        fs::write(out.join("gone.html"), "old").unwrap();
        fs::write(out.join("mine.txt"), "a user's file").unwrap();
        fs::create_dir_all(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        fs::create_dir_all(out.join(STAGING).join("c")).unwrap();
        fs::write(out.join(STAGING).join("b.html"), "new b").unwrap();
        fs::write(out.join(STAGING).join("c/index.html"), "new c").unwrap();
        Ledger::new(
            set(&["a.html", "b.html", "c/index.html"]),
            set(&["gone.html", ".git/HEAD"]),
        )
        .write(out, JOURNAL)
        .unwrap();

        assert!(recover(out).unwrap());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "new b");
        assert_eq!(
            fs::read_to_string(out.join("c/index.html")).unwrap(),
            "new c"
        );
        assert!(!out.join("gone.html").exists());
        assert!(out.join("mine.txt").exists(), "a file hoego never made");
        assert!(
            out.join(".git/HEAD").exists(),
            "hidden files are never deleted"
        );
        assert!(!out.join(STAGING).exists());
        assert!(!out.join(JOURNAL).exists());
        let manifest = Ledger::read(out, MANIFEST).unwrap();
        assert_eq!(manifest.files, set(&["a.html", "b.html", "c/index.html"]));
        assert!(!recover(out).unwrap(), "nothing left to do");
    }

    #[cfg(unix)]
    #[test]
    fn a_staging_folder_that_is_a_link_is_never_merged_from() {
        let dir = tempfile::tempdir().unwrap();
        let (out, outside) = (dir.path().join("public"), dir.path().join("outside"));
        fs::create_dir_all(&out).unwrap();
        fs::create_dir_all(outside.join("sub")).unwrap();
        fs::write(outside.join("a.txt"), "mine").unwrap();
        std::os::unix::fs::symlink(&outside, out.join(STAGING)).unwrap();
        Ledger::new(set(&[]), set(&[]))
            .write(&out, JOURNAL)
            .unwrap();
        std::os::unix::fs::symlink(outside.join("a.txt"), out.join(".hoego-tmp-1")).unwrap();
        recover(&out).unwrap();
        assert_eq!(fs::read_to_string(outside.join("a.txt")).unwrap(), "mine");
        assert!(outside.join("sub").is_dir());
        assert!(!out.join("a.txt").exists());
        assert!(
            fs::symlink_metadata(out.join(STAGING)).is_err(),
            "the link is gone"
        );
        assert!(fs::symlink_metadata(out.join(".hoego-tmp-1")).is_err());
        // Writing a ledger never goes through a link planted at a temporary name.
        Ledger::new(set(&["x.html"]), set(&[]))
            .write(&out, MANIFEST)
            .unwrap();
        assert_eq!(fs::read_to_string(outside.join("a.txt")).unwrap(), "mine");
    }

    #[test]
    fn staged_files_without_a_journal_are_thrown_away() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::write(out.join("a.html"), "old a").unwrap();
        fs::create_dir_all(out.join(STAGING)).unwrap();
        fs::write(out.join(STAGING).join("a.html"), "half-built").unwrap();
        fs::write(out.join(".hoego-tmp-123"), "torn").unwrap();
        assert!(!recover(out).unwrap());
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "old a");
        assert!(!out.join(STAGING).exists());
        assert!(!out.join(".hoego-tmp-123").exists());
    }
}
