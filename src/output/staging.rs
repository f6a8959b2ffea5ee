//! A build's writes: files that changed are staged inside the output folder and moved in
//! only when every file was rendered, so a failed build leaves the previous output exactly
//! as it was and a rebuild touches only what changed. Files an earlier build made that this
//! one no longer makes are deleted; files hoego never made are left and counted.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::confine;
use super::lock::OutputLock;
use super::manifest::{self, Manifest, Record};
use super::movein;
use super::owned::{JOURNAL, Ledger, MANIFEST, STAGING};
use super::{PARTLY_UPDATED, Plan, Source, Written};
use crate::error::{Diagnostic, Errors};

/// What a build did to its output folder.
#[derive(Debug, Default, Clone, Copy)]
pub struct Outcome {
    pub written: Written,
    /// Files of the previous build deleted because this one no longer makes them.
    pub removed: usize,
    /// Files hoego did not make, left where they are (deleted with `--clean`).
    pub unknown: usize,
}

/// The staging folder a build writes into; see [`write_atomically_with`].
pub struct Staging {
    dir: PathBuf,
    /// The output folder when it already existed: files it holds byte for byte are not
    /// staged again.
    previous: Option<PathBuf>,
    made: Mutex<HashSet<PathBuf>>,
    /// Every path of this build.
    produced: Mutex<BTreeSet<String>>,
    /// What the last build wrote, and what this one leaves: see [`manifest`].
    manifest: Manifest,
    records: Mutex<Vec<(String, Record)>>,
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Staging {
    /// Writes one file (`rel` with `/` separators) into the staging folder. A file the
    /// previous output already holds byte for byte is left where it is: nothing is written
    /// for it, now or when the build is applied.
    pub fn write(&self, rel: &str, src: &Source) -> Result<u64, Diagnostic> {
        confine::check_rel(rel).map_err(|why| {
            Diagnostic::new(rel, format!("refusing to write this output file: {why}"))
        })?;
        let len = match src {
            Source::Bytes(b) => b.len() as u64,
            Source::File(_) => 0,
        };
        locked(&self.produced).insert(rel.to_string());
        let hash = match src {
            Source::Bytes(b) if self.manifest.enabled() => Some(manifest::hash(b)),
            _ => None,
        };
        if let Some(prev) = &self.previous {
            let old = confine::join(prev, rel);
            let meta = hash.and_then(|_| fs::symlink_metadata(&old).ok());
            if let (Some(h), Some(meta)) = (hash, &meta)
                && self.manifest.unchanged(rel, meta, h)
            {
                self.record(rel, meta, h);
                return Ok(len);
            }
            if confine::real_parents(prev, rel) && unchanged(&old, src) {
                if let (Some(h), Some(meta)) = (hash, &meta) {
                    self.record(rel, meta, h);
                }
                return Ok(len);
            }
        }
        let target = confine::join(&self.dir, rel);
        if let Some(parent) = target.parent()
            && !locked(&self.made).contains(parent)
        {
            fs::create_dir_all(parent).map_err(|e| Diagnostic::io(parent, "create folder", &e))?;
            locked(&self.made).insert(parent.to_path_buf());
        }
        let n = match src {
            Source::Bytes(b) => fs::write(&target, b)
                .map(|_| len)
                .map_err(|e| Diagnostic::io(&target, "write", &e))?,
            Source::File(from) => {
                fs::copy(from, &target).map_err(|e| Diagnostic::io(from, "copy", &e))?
            }
        };
        if let Some(h) = hash
            && let Ok(meta) = fs::symlink_metadata(&target)
        {
            // A rename into the output keeps the inode and the modification time.
            self.record(rel, &meta, h);
        }
        Ok(n)
    }

    fn record(&self, rel: &str, meta: &fs::Metadata, hash: u64) {
        locked(&self.records).push((rel.to_string(), Record::new(meta, hash)));
    }

    /// Writes every file of a plan, in parallel.
    pub fn write_plan(&self, plan: &Plan) -> Result<Written, Errors> {
        let results: Vec<Result<u64, Diagnostic>> = plan
            .par_iter()
            .map(|(path, src)| self.write(path, src))
            .collect();
        let mut written = Written::default();
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(n) => written.add(n),
                Err(d) => errors.push(d),
            }
        }
        if errors.is_empty() {
            Ok(written)
        } else {
            Err(Errors(errors))
        }
    }
}

pub fn write_atomically(lock: &OutputLock, plan: &Plan) -> Result<Outcome, Errors> {
    write_atomically_with(lock, false, |staging| staging.write_plan(plan))
}

/// Writes a build without risking the previous one. `fill` writes every file through a
/// [`Staging`] folder inside the output, which receives only the files that differ from
/// what the output has. If `fill` fails, the staging folder is removed and the output is
/// left exactly as it was. If it succeeds, a journal is written, the staged files are moved
/// in and the files of the previous build that this one no longer makes are deleted (see
/// [`movein`]). Files hoego did not make stay unless `clean`; hidden files always stay.
pub fn write_atomically_with(
    lock: &OutputLock,
    clean: bool,
    fill: impl FnOnce(&Staging) -> Result<Written, Errors>,
) -> Result<Outcome, Errors> {
    let output = lock.dir.as_path();
    fs::create_dir_all(output)
        .map_err(|e| Diagnostic::io(output, "create the output folder", &e))?;
    movein::recover(output)?;
    let old_owned = Ledger::read(output, MANIFEST)
        .map(|l| l.files)
        .unwrap_or_default();
    // An empty folder (a first build) has nothing to compare with or delete.
    let empty = fs::read_dir(output).is_ok_and(|mut rd| rd.next().is_none());
    let previous = (!empty).then(|| output.to_path_buf());
    let dir = output.join(STAGING);
    fs::create_dir(&dir).map_err(|e| Diagnostic::io(&dir, "create the staging folder", &e))?;
    let manifest = Manifest::open(output);
    // What the previous output holds, listed while the build renders.
    let listing = previous.as_ref().map(|prev| {
        let prev = prev.clone();
        std::thread::spawn(move || list(&prev))
    });
    let staging = Staging {
        previous,
        made: Mutex::new([dir.clone()].into_iter().collect()),
        dir: dir.clone(),
        produced: Mutex::new(BTreeSet::new()),
        manifest,
        records: Mutex::new(Vec::new()),
    };
    let written = match fill(&staging) {
        Ok(w) => w,
        Err(e) => {
            let _ = fs::remove_dir_all(&dir);
            if lock.created {
                let _ = fs::remove_dir(output);
            }
            return Err(e);
        }
    };
    let listing = {
        let _t = crate::timings::phase("listing wait");
        listing
            .map(|l| l.join().unwrap_or_default())
            .unwrap_or_default()
    };
    let produced = std::mem::take(&mut *locked(&staging.produced));
    let folders = folders_of(&produced);
    let mut remove = BTreeSet::new();
    let mut unknown = 0;
    for rel in listing {
        // Made again, or in the way of what is (a file where a folder goes, a file inside a
        // folder where a file goes): the move-in replaces it.
        if produced.contains(&rel)
            || folders.contains(rel.as_str())
            || under_a_file(&rel, &produced)
        {
            continue;
        }
        if old_owned.contains(&rel) || clean {
            remove.insert(rel);
        } else {
            unknown += 1;
        }
    }
    // What the move-in would replace must be hoego's (or --clean): a user's folder where a
    // page now goes is not deleted behind their back.
    if staging.previous.is_some() {
        let owned = |rel: &str| old_owned.contains(rel);
        let mut checked = HashSet::new();
        let mut errors = Vec::new();
        for entry in WalkDir::new(&dir).min_depth(1).into_iter().flatten() {
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = slash_rel(&dir, entry.path());
            if let Err(why) = confine::in_the_way(output, &rel, &owned, clean, &mut checked) {
                errors.push(Diagnostic::new(output, why));
            }
        }
        if !errors.is_empty() {
            let _ = fs::remove_dir_all(&dir);
            return Err(Errors(errors));
        }
    }
    let outcome = Outcome {
        written,
        removed: remove.len(),
        unknown,
    };
    let journal = Ledger::new(produced, remove);
    if let Err(e) = journal.write(output, JOURNAL) {
        let _ = fs::remove_dir_all(&dir);
        return Err(Diagnostic::io(&output.join(JOURNAL), "write", &e).into());
    }
    // From here on the build is committed: a kill leaves the journal, and the next hoego
    // to start in this folder finishes the move-in.
    let result = {
        let _t = crate::timings::phase("move in");
        movein::merge(&dir, output).and_then(|()| movein::finish(output, &journal))
    };
    let _ = fs::remove_dir_all(&dir);
    match result {
        Ok(()) => {
            let mut records = std::mem::take(&mut *locked(&staging.records));
            records.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            staging.manifest.save(&records);
            Ok(outcome)
        }
        Err(mut e) => {
            // Whatever was moved in is hoego's: keep it listed, so a later build can
            // delete it.
            let mut files = old_owned;
            files.extend(journal.files.iter().cloned());
            let _ = Ledger::new(files, BTreeSet::new()).write(output, MANIFEST);
            super::owned::remove(output, JOURNAL);
            staging.manifest.remove();
            e.0.push(Diagnostic::new(output, PARTLY_UPDATED));
            Err(e)
        }
    }
}

/// Every folder the files of a build are in.
fn folders_of(files: &BTreeSet<String>) -> HashSet<&str> {
    let mut folders = HashSet::new();
    for path in files {
        let mut rest = path.as_str();
        while let Some((dir, _)) = rest.rsplit_once('/') {
            if !folders.insert(dir) {
                break;
            }
            rest = dir;
        }
    }
    folders
}

/// Whether a folder that holds `rel` is a file of the build.
fn under_a_file(rel: &str, files: &BTreeSet<String>) -> bool {
    let mut rest = rel;
    while let Some((dir, _)) = rest.rsplit_once('/') {
        if files.contains(dir) {
            return true;
        }
        rest = dir;
    }
    false
}

/// Every file below `dir` that is not hidden (relative, `/` separators), without following
/// links: what the previous output holds.
fn list(dir: &Path) -> Vec<String> {
    WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| slash_rel(dir, e.path()))
        .collect()
}

/// `path` under `root` with `/` separators.
fn slash_rel(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut s = String::new();
    for (i, part) in rel.iter().enumerate() {
        if i > 0 {
            s.push('/');
        }
        s.push_str(&part.to_string_lossy());
    }
    s
}

/// Whether `old` (a file of the previous output) already holds what `src` would write.
fn unchanged(old: &Path, src: &Source) -> bool {
    let Ok(meta) = fs::symlink_metadata(old) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    match src {
        Source::Bytes(b) => {
            meta.len() == b.len() as u64 && fs::read(old).is_ok_and(|have| have == *b)
        }
        // A copy made after the source was last changed, of the same size, is that source.
        Source::File(from) => fs::metadata(from).is_ok_and(|m| {
            m.len() == meta.len()
                && matches!((m.modified(), meta.modified()), (Ok(a), Ok(b)) if a <= b)
        }),
    }
}
