//! Write: the only code that touches the output folder. A build writes the files that
//! changed into a fresh folder beside the output and moves them into place only when every
//! file was rendered and written, so a failed build leaves the previous site exactly as it
//! was, and a rebuild touches only what changed.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use walkdir::WalkDir;

mod manifest;

use crate::error::{Diagnostic, Errors};
use crate::site::render::OutputFile;
use crate::theme::Asset;
use manifest::{Manifest, Record};

/// Where the bytes of one output file come from.
pub enum Source<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

/// Every file of a build, by relative output path.
pub type Plan<'a> = BTreeMap<&'a str, Source<'a>>;

pub fn plan<'a>(
    rendered: &'a [OutputFile],
    statics: &'a [crate::content::StaticFile],
    theme: &'a BTreeMap<String, Asset>,
) -> Plan<'a> {
    let mut plan: Plan = BTreeMap::new();
    for (path, asset) in theme {
        let src = match asset {
            Asset::Embedded(b) => Source::Bytes(b),
            Asset::File(p) => Source::File(p),
        };
        plan.insert(path, src);
    }
    for s in statics {
        plan.insert(&s.output, Source::File(&s.source));
    }
    for f in rendered {
        plan.insert(&f.path, Source::Bytes(&f.data));
    }
    plan
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

impl Written {
    pub fn add(&mut self, bytes: u64) {
        self.files += 1;
        self.bytes += bytes;
    }
}

/// Refuses outputs that would swallow the site itself.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, output) = (abs(root), abs(output));
    if root.starts_with(&output) {
        return Err(Diagnostic::new(
            &output,
            "the output folder contains the site itself; choose another --output",
        ));
    }
    for dir in ["content", "themes", "templates", "static", "_posts"] {
        if output.starts_with(root.join(dir)) {
            return Err(Diagnostic::new(
                &output,
                format!("the output folder is inside `{dir}/`; choose another --output"),
            ));
        }
    }
    Ok(())
}

pub fn write_atomically(output: &Path, plan: &Plan) -> Result<Written, Errors> {
    write_atomically_with(output, |staging| staging.write_plan(plan))
}

/// A fresh folder beside the output that a build writes into; see [`write_atomically_with`].
pub struct Staging {
    dir: PathBuf,
    /// The output folder when it already exists: files it holds byte for byte are not
    /// staged again.
    previous: Option<PathBuf>,
    made: Mutex<HashSet<PathBuf>>,
    /// Every path of this build, and the ones that differ from the previous output.
    produced: Mutex<HashSet<String>>,
    staged: Mutex<Vec<String>>,
    /// What the last build wrote, and what this one leaves: see [`manifest`].
    manifest: Manifest,
    records: Mutex<Vec<(String, Record)>>,
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Staging {
    /// Writes one file (`rel` with `/` separators) into the staging folder, creating its
    /// folder. A file the previous output already holds byte for byte is left where it is:
    /// nothing is written for it, now or when the build is applied.
    pub fn write(&self, rel: &str, src: &Source) -> Result<u64, Diagnostic> {
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
            let old = prev.join(rel);
            let meta = hash.and_then(|_| fs::symlink_metadata(&old).ok());
            if let (Some(h), Some(meta)) = (hash, &meta)
                && self.manifest.unchanged(rel, meta, h)
            {
                self.record(rel, meta, h);
                return Ok(len);
            }
            if unchanged(&old, src) {
                if let (Some(h), Some(meta)) = (hash, &meta) {
                    self.record(rel, meta, h);
                }
                return Ok(len);
            }
        }
        let target = self.dir.join(rel);
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
        locked(&self.staged).push(rel.to_string());
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

/// Writes a build without risking the previous one: `fill` writes every file through a
/// [`Staging`] folder beside `output`, which holds only the files that differ from what
/// `output` has. If `fill` fails, the staging folder is removed and `output` is left exactly
/// as it was. If it succeeds, the staged files are moved into `output` (each by a rename,
/// so no reader sees half a file) and files the build no longer makes are removed. A first
/// build moves the whole staging folder into place.
pub fn write_atomically_with(
    output: &Path,
    fill: impl FnOnce(&Staging) -> Result<Written, Errors>,
) -> Result<Written, Errors> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let previous = match fs::symlink_metadata(output) {
        Err(_) => None,
        Ok(meta) if meta.is_dir() => Some(output.to_path_buf()),
        Ok(_) => {
            return Err(
                Diagnostic::new(output, "the output path exists and is not a folder").into(),
            );
        }
    };
    fs::create_dir_all(&parent)
        .map_err(|e| Diagnostic::io(&parent, "create the output's parent folder", &e))?;
    let dir = parent.join(format!(".hoego-new-{name}-{}", std::process::id()));
    if dir.exists() {
        fs::remove_dir_all(&dir)
            .map_err(|e| Diagnostic::io(&dir, "remove a stale staging folder", &e))?;
    }
    fs::create_dir_all(&dir).map_err(|e| Diagnostic::io(&dir, "create the staging folder", &e))?;
    let manifest = Manifest::open(&parent.join(&name));
    // What the previous output holds, listed while the build renders: the files this build
    // no longer makes are removed at the end.
    let listing = previous.as_ref().map(|prev| {
        let prev = prev.clone();
        std::thread::spawn(move || list(&prev))
    });
    let staging = Staging {
        previous,
        made: Mutex::new([dir.clone()].into_iter().collect()),
        dir: dir.clone(),
        produced: Mutex::new(HashSet::new()),
        staged: Mutex::new(Vec::new()),
        manifest,
        records: Mutex::new(Vec::new()),
    };
    let written = match fill(&staging) {
        Ok(w) => w,
        Err(e) => {
            let _ = fs::remove_dir_all(&dir);
            return Err(e);
        }
    };
    let result = match listing {
        None => fs::rename(&dir, output)
            .map_err(|e| Diagnostic::io(output, "move the new output into place", &e).into()),
        Some(listing) => {
            apply(&staging, output, listing.join().unwrap_or_default()).map_err(|mut e| {
                e.0.push(Diagnostic::new(output, PARTLY_UPDATED));
                e
            })
        }
    };
    let _ = fs::remove_dir_all(&dir);
    match &result {
        Ok(()) => {
            let mut records = std::mem::take(&mut *locked(&staging.records));
            records.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            staging.manifest.save(&records);
        }
        Err(_) => staging.manifest.remove(),
    }
    result.map(|()| written)
}

/// The last error of a build that failed while moving its files into place: the only
/// failure that leaves the output changed.
pub const PARTLY_UPDATED: &str =
    "the output folder is partly updated: fix the errors above and build again";

/// Every file and folder below `dir` (relative, `/` separators), children before their
/// folder, folders marked `true`.
fn list(dir: &Path) -> Vec<(String, bool)> {
    WalkDir::new(dir)
        .min_depth(1)
        .contents_first(true)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| (slash_rel(dir, e.path()), e.file_type().is_dir()))
        .collect()
}

/// Moves the staged files into the existing output and removes what the build no longer
/// makes, folders left empty included.
fn apply(staging: &Staging, output: &Path, listing: Vec<(String, bool)>) -> Result<(), Errors> {
    let staged = std::mem::take(&mut *locked(&staging.staged));
    let errors: Vec<Diagnostic> = staged
        .par_iter()
        .filter_map(|rel| {
            let target = output.join(rel);
            move_into_place(&staging.dir.join(rel), output, &target)
                .err()
                .map(|e| Diagnostic::io(&target, "move the new file into place", &e))
        })
        .collect();
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let produced = locked(&staging.produced);
    let mut folders: HashSet<&str> = HashSet::new();
    for path in produced.iter() {
        let mut rest = path.as_str();
        while let Some((dir, _)) = rest.rsplit_once('/') {
            if !folders.insert(dir) {
                break;
            }
            rest = dir;
        }
    }
    let mut errors = Vec::new();
    // Children before their folder, so a folder emptied here is removed too.
    for (rel, is_dir) in listing {
        let path = output.join(&rel);
        if is_dir {
            if !folders.contains(rel.as_str()) {
                let _ = fs::remove_dir(&path);
            }
        } else if !produced.contains(&rel) && !folders.contains(rel.as_str()) {
            match fs::remove_file(&path) {
                Ok(()) => {}
                // Gone with a folder a file of the new output replaced.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => errors.push(Diagnostic::io(
                    &path,
                    "remove a file the build no longer makes",
                    &e,
                )),
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Errors(errors))
    }
}

/// Renames `from` to `target` inside `output`, clearing whatever of the previous output is in
/// the way: a file where the new output has a folder, or a folder where it has a file.
fn move_into_place(from: &Path, output: &Path, target: &Path) -> std::io::Result<()> {
    if fs::rename(from, target).is_ok() {
        return Ok(());
    }
    let parent = target.parent().unwrap_or(output);
    if fs::create_dir_all(parent).is_err() {
        let mut dir = output.to_path_buf();
        for part in parent.strip_prefix(output).unwrap_or(parent).components() {
            dir.push(part);
            if fs::symlink_metadata(&dir).is_ok_and(|m| !m.is_dir()) {
                fs::remove_file(&dir)?;
            }
        }
        fs::create_dir_all(parent)?;
    }
    if fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(target)?;
    }
    fs::rename(from, target)
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
    let Ok(meta) = fs::metadata(old) else {
        return false;
    };
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
pub type State = std::collections::HashMap<String, Fingerprint>;

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
/// what `state` says is there (each through a temporary file and a rename, so a reader never
/// sees half a file), and removes files that are no longer in `keep`.
pub fn sync(
    dir: &Path,
    changed: &Plan,
    keep: &BTreeSet<String>,
    state: &mut State,
) -> Result<Synced, Errors> {
    let mut synced = Synced::default();
    let mut errors = Vec::new();
    for (path, src) in changed {
        let fp = fingerprint(src);
        if state.get(*path) == Some(&fp) && dir.join(path).exists() {
            continue;
        }
        let target = dir.join(path);
        let result = (|| -> std::io::Result<()> {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            let tmp = target.with_file_name(format!(
                ".hoego-tmp-{}",
                target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ));
            match src {
                Source::Bytes(b) => fs::write(&tmp, b)?,
                Source::File(from) => {
                    fs::copy(from, &tmp)?;
                }
            }
            fs::rename(&tmp, &target)
        })();
        match result {
            Ok(()) => {
                state.insert(path.to_string(), fp);
                synced.written.push(path.to_string());
            }
            Err(e) => errors.push(Diagnostic::io(&target, "write", &e)),
        }
    }
    let gone: Vec<String> = state
        .keys()
        .filter(|k| !keep.contains(*k))
        .cloned()
        .collect();
    for path in gone {
        let target = dir.join(&path);
        match fs::remove_file(&target) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                errors.push(Diagnostic::io(&target, "remove", &e));
                continue;
            }
        }
        state.remove(&path);
        prune_empty_parents(dir, &target);
        synced.removed.push(path);
    }
    if errors.is_empty() {
        Ok(synced)
    } else {
        Err(Errors(errors))
    }
}

fn prune_empty_parents(dir: &Path, file: &Path) {
    let mut current = file.parent();
    while let Some(p) = current {
        if p == dir || !p.starts_with(dir) || fs::remove_dir(p).is_err() {
            break;
        }
        current = p.parent();
    }
}
