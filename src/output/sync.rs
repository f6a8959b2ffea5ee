//! `serve`'s writes: bring the output folder up to date in place, file by file, after an
//! incremental rebuild. Each file is written beside the output (in its staging folder) and
//! renamed over the old one, so a reader never sees half a file; the folder's manifest always
//! lists at least every file hoego made in it, so a later build can clean up after a kill.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use super::confine;
use super::owned::{Ledger, MANIFEST, STAGING};
use super::{Plan, Source, manifest};
use crate::error::{Diagnostic, Errors};

/// What a file in the output was last written from, to skip rewriting unchanged files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fingerprint {
    Hash(u64),
    Copy {
        source: PathBuf,
        modified: Option<std::time::SystemTime>,
        len: u64,
    },
}

/// Output path → what it holds now, for [`sync`].
pub type State = HashMap<String, Fingerprint>;

fn fingerprint(src: &Source) -> Fingerprint {
    match src {
        Source::Bytes(b) => Fingerprint::Hash(manifest::hash(b)),
        Source::File(p) => {
            let meta = fs::metadata(p).ok();
            Fingerprint::Copy {
                source: p.to_path_buf(),
                modified: meta.as_ref().and_then(|m| m.modified().ok()),
                len: meta.map_or(0, |m| m.len()),
            }
        }
    }
}

/// The state of an output folder just written from `plan`.
pub fn state_of(plan: &Plan) -> State {
    plan.iter()
        .map(|(path, src)| (path.to_string(), fingerprint(src)))
        .collect()
}

#[derive(Debug, Default)]
pub struct Synced {
    pub written: Vec<String>,
    pub removed: Vec<String>,
}

/// Brings `dir` up to date in place: writes the files of `changed` whose content differs from
/// what `state` says is there, and removes files hoego made that are no longer in `keep`.
pub fn sync(
    dir: &Path,
    changed: &Plan,
    keep: &BTreeSet<String>,
    state: &mut State,
) -> Result<Synced, Errors> {
    let mut synced = Synced::default();
    let mut errors = Vec::new();
    let todo: Vec<(&str, &Source, Fingerprint)> = changed
        .iter()
        .map(|(path, src)| (*path, src, fingerprint(src)))
        .filter(|(path, _, fp)| state.get(*path) != Some(fp) || !confine::join(dir, path).exists())
        .collect();
    let gone: Vec<String> = state
        .keys()
        .filter(|k| !keep.contains(*k))
        .cloned()
        .collect();
    let added = keep.iter().any(|k| !state.contains_key(k));
    if added {
        // Listed before they exist: a kill from here on leaves nothing unaccounted for.
        let mut owned: BTreeSet<String> = state.keys().cloned().collect();
        owned.extend(keep.iter().cloned());
        write_manifest(dir, owned, &mut errors);
    }
    // A fresh, real folder every time: whatever is at its name (a link planted while serve
    // runs) is removed first, never written through.
    let staging = dir.join(STAGING);
    if !todo.is_empty() {
        super::movein::clear_staging(dir).map_err(Errors::from)?;
        fs::create_dir(&staging)
            .map_err(|e| Errors::from(Diagnostic::io(&staging, "create", &e)))?;
    }
    let mut checked = std::collections::HashSet::new();
    for (n, (path, src, fp)) in todo.into_iter().enumerate() {
        let owned = |rel: &str| state.contains_key(rel);
        if let Err(why) = confine::in_the_way(dir, path, &owned, false, &mut checked) {
            errors.push(Diagnostic::new(dir, why));
            continue;
        }
        match write_one(dir, &staging.join(n.to_string()), path, src) {
            Ok(()) => {
                state.insert(path.to_string(), fp);
                synced.written.push(path.to_string());
            }
            Err(d) => errors.push(d),
        }
    }
    let _ = super::movein::clear_staging(dir);
    // Folders of what the output keeps: a file that became one is already gone.
    let kept_folders: std::collections::HashSet<&str> = keep
        .iter()
        .flat_map(|k| k.match_indices('/').map(move |(i, _)| &k[..i]))
        .collect();
    for path in gone {
        let removed = if kept_folders.contains(path.as_str()) {
            Ok(false)
        } else {
            confine::remove_file(dir, &path)
        };
        match removed {
            Ok(deleted) => {
                if deleted {
                    confine::prune_empty_parents(dir, &path);
                }
                state.remove(&path);
                synced.removed.push(path);
            }
            Err(e) if fs::symlink_metadata(confine::join(dir, &path)).is_ok_and(|m| m.is_dir()) => {
                // A folder now: not the file hoego made any more.
                let _ = e;
                state.remove(&path);
                synced.removed.push(path);
            }
            Err(e) => errors.push(Diagnostic::io(&confine::join(dir, &path), "remove", &e)),
        }
    }
    if added || !synced.removed.is_empty() {
        write_manifest(dir, state.keys().cloned().collect(), &mut errors);
    }
    if errors.is_empty() {
        Ok(synced)
    } else {
        Err(Errors(errors))
    }
}

fn write_manifest(dir: &Path, files: BTreeSet<String>, errors: &mut Vec<Diagnostic>) {
    if let Err(e) = Ledger::new(files, BTreeSet::new()).write(dir, MANIFEST) {
        errors.push(Diagnostic::io(&dir.join(MANIFEST), "write", &e));
    }
}

/// Writes one file as `tmp`, a name of its own in the staging folder (flat: no folders to
/// make there), and renames it into place.
fn write_one(dir: &Path, tmp: &Path, rel: &str, src: &Source) -> Result<(), Diagnostic> {
    let target = confine::join(dir, rel);
    confine::check_rel(rel).map_err(|why| {
        Diagnostic::new(rel, format!("refusing to write this output file: {why}"))
    })?;
    let io = |e: std::io::Error| Diagnostic::io(&target, "write", &e);
    match src {
        Source::Bytes(b) => {
            use std::io::Write;
            // A new file: never through something planted at the name.
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(tmp)
                .map_err(io)?;
            f.write_all(b).map_err(io)?;
        }
        Source::File(from) => {
            fs::copy(from, tmp).map_err(|e| Diagnostic::io(from, "copy", &e))?;
        }
    }
    let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
    confine::ensure_dir(dir, parent).map_err(io)?;
    if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(&target).map_err(io)?;
    }
    confine::rename_or_copy(tmp, &target).map_err(io)
}
