//! What the last build wrote into an output folder: for each file its length, modification
//! time, inode and a hash of its bytes. A rebuild that would write the same bytes to a file
//! whose length, time and inode are still what the manifest says can leave it alone without
//! reading it back. A file changed since (by hand, by `serve`) no longer matches, and is
//! compared byte for byte instead. The manifest lives in the cache folder, not the output.

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"hoegoOM1";

/// One file as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    len: u64,
    secs: i64,
    nanos: u32,
    ino: u64,
    hash: u64,
}

pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

impl Record {
    pub fn new(meta: &Metadata, hash: u64) -> Record {
        let (secs, nanos, ino) = stamp(meta);
        Record {
            len: meta.len(),
            secs,
            nanos,
            ino,
            hash,
        }
    }
}

#[cfg(unix)]
fn stamp(meta: &Metadata) -> (i64, u32, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.mtime(), meta.mtime_nsec() as u32, meta.ino())
}

#[cfg(not(unix))]
fn stamp(meta: &Metadata) -> (i64, u32, u64) {
    match meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
    {
        Some(d) => (d.as_secs() as i64, d.subsec_nanos(), 0),
        None => (-1, 0, 0),
    }
}

#[derive(Debug, Default)]
pub struct Manifest {
    path: Option<PathBuf>,
    records: HashMap<String, Record>,
}

impl Manifest {
    /// The manifest of the output folder `output`; empty when caching is off or there is
    /// none yet.
    pub fn open(output: &Path) -> Manifest {
        let path = crate::cache::file_for("output", output);
        let records = path
            .as_deref()
            .and_then(|p| std::fs::read(p).ok())
            .map(|b| decode(&b))
            .unwrap_or_default();
        Manifest { path, records }
    }

    pub fn enabled(&self) -> bool {
        self.path.is_some()
    }

    /// Whether the file at `rel`, as `meta` describes it now, is what the last build wrote
    /// and holds bytes with this hash.
    pub fn unchanged(&self, rel: &str, meta: &Metadata, hash: u64) -> bool {
        self.records
            .get(rel)
            .is_some_and(|r| *r == Record::new(meta, hash))
    }

    /// Replaces the manifest with the records of the build just applied.
    pub fn save(&self, records: &[(String, Record)]) {
        let Some(path) = &self.path else { return };
        let mut out =
            Vec::with_capacity(records.iter().map(|(p, _)| p.len() + 44).sum::<usize>() + 8);
        out.extend_from_slice(MAGIC);
        for (rel, r) in records {
            out.extend_from_slice(&(rel.len() as u32).to_le_bytes());
            out.extend_from_slice(rel.as_bytes());
            out.extend_from_slice(&r.len.to_le_bytes());
            out.extend_from_slice(&r.secs.to_le_bytes());
            out.extend_from_slice(&r.nanos.to_le_bytes());
            out.extend_from_slice(&r.ino.to_le_bytes());
            out.extend_from_slice(&r.hash.to_le_bytes());
        }
        crate::cache::write(path, &out);
    }

    /// Forgets the manifest, for when the output was changed in a way it does not describe.
    pub fn remove(&self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn decode(bytes: &[u8]) -> HashMap<String, Record> {
    let mut map = HashMap::new();
    let Some(mut rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return map;
    };
    fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, tail) = (rest.get(..n)?, rest.get(n..)?);
        *rest = tail;
        Some(head)
    }
    fn u64_of(rest: &mut &[u8]) -> Option<u64> {
        Some(u64::from_le_bytes(take(rest, 8)?.try_into().ok()?))
    }
    let mut one = |rest: &mut &[u8]| -> Option<()> {
        let n = u32::from_le_bytes(take(rest, 4)?.try_into().ok()?) as usize;
        let rel = std::str::from_utf8(take(rest, n)?).ok()?.to_string();
        let len = u64_of(rest)?;
        let secs = u64_of(rest)? as i64;
        let nanos = u32::from_le_bytes(take(rest, 4)?.try_into().ok()?);
        let ino = u64_of(rest)?;
        let hash = u64_of(rest)?;
        map.insert(
            rel,
            Record {
                len,
                secs,
                nanos,
                ino,
                hash,
            },
        );
        Some(())
    };
    while !rest.is_empty() {
        if one(&mut rest).is_none() {
            // A torn or foreign file: whatever was not read is compared byte for byte.
            break;
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_matches_only_the_file_it_was_made_from() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.html");
        std::fs::write(&file, "가나다").unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        let h = hash("가나다".as_bytes());
        let records = vec![("a.html".to_string(), Record::new(&meta, h))];
        let m = Manifest {
            path: Some(dir.path().join("m.bin")),
            records: HashMap::new(),
        };
        m.save(&records);
        let loaded = decode(&std::fs::read(dir.path().join("m.bin")).unwrap());
        assert_eq!(loaded.get("a.html"), Some(&records[0].1));
        let m = Manifest {
            path: None,
            records: loaded,
        };
        assert!(m.unchanged("a.html", &meta, h));
        assert!(!m.unchanged("a.html", &meta, hash(b"other")));
        assert!(!m.unchanged("b.html", &meta, h));
        // Same length, rewritten: another modification time.
        std::thread::sleep(std::time::Duration::from_millis(10));
        std::fs::write(&file, "다나가").unwrap();
        assert!(!m.unchanged("a.html", &std::fs::metadata(&file).unwrap(), h));
        // Damage loses only what follows it.
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&[1, 0, 0]);
        assert!(decode(&bytes).is_empty());
        assert!(decode(b"something else").is_empty());
    }
}
