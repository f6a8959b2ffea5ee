//! Reading ahead for a site whose posts are not in memory yet. A post the OS has not cached
//! is mostly a wait for the disk, and with one read in flight per core the disk idles
//! between them: on the 10,000-post benchmark, reading took 1.3 s at 1.1 cores busy. Posts
//! the OS has cached (any build after the first since the machine started) gain nothing
//! from it, and the extra opens and threads cost a 10,000-post build 2.5% of its CPU time,
//! so the read-ahead runs only when a sample of the posts shows they are not cached.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Sites with fewer files than this are read without [`with_prefetch`]'s threads.
const PREFETCH_MIN_FILES: usize = 256;
/// Reads in flight at once while prefetching.
const PREFETCH_THREADS: usize = 16;
/// Files, spread over the list, that must all be cached for the read-ahead to be skipped.
const SAMPLE: usize = 16;

/// Runs `read` (which reads `paths` on the rayon threads) while a few more threads ask the
/// OS for the same files, first to last, unless the files are cached already. Each
/// prefetch reads one byte into a buffer on the stack, which makes the kernel load the
/// whole (small) file; nothing is allocated, so memory use does not change.
pub fn with_prefetch<T: Send>(paths: &[PathBuf], read: impl FnOnce() -> T + Send) -> T {
    if paths.len() < PREFETCH_MIN_FILES || cached(paths) {
        return read();
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..PREFETCH_THREADS {
            // Only a shortcut: if the system has no thread to spare, the reading goes on
            // without it.
            let _ = std::thread::Builder::new().spawn_scoped(scope, || {
                let mut byte = [0u8; 1];
                while let Some(path) = paths.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Ok(mut file) = std::fs::File::open(path) {
                        let _ = file.read(&mut byte);
                    }
                }
            });
        }
        let result = read();
        // Stop prefetchers that are still behind.
        next.store(paths.len(), Ordering::Relaxed);
        result
    })
}

/// Whether every one of [`SAMPLE`] files spread evenly over `paths` is in the page cache.
fn cached(paths: &[PathBuf]) -> bool {
    let step = (paths.len() / SAMPLE).max(1);
    paths
        .iter()
        .step_by(step)
        .all(|p| residency(p) == Some(true))
}

/// Whether the start of the file at `path` can be read without waiting for the disk: a
/// one-byte read that the kernel refuses (`EAGAIN`) instead of going to the disk
/// (`RWF_NOWAIT`, Linux 4.14). `None` when that cannot be asked (another system, a file
/// system without it, a file that does not open).
#[cfg(target_os = "linux")]
fn residency(path: &Path) -> Option<bool> {
    use std::os::fd::AsRawFd;
    let file = std::fs::File::open(path).ok()?;
    let mut byte = [0u8; 1];
    let iov = libc::iovec {
        iov_base: byte.as_mut_ptr().cast(),
        iov_len: byte.len(),
    };
    // The system call itself, not glibc's or musl's wrapper (musl's release binaries):
    // preadv2(fd, iov, iovcnt, offset low, offset high, flags), each argument a full
    // register wide, as the kernel reads them.
    // SAFETY: one iovec over a live one-byte buffer, and a descriptor `file` holds open.
    let n = unsafe {
        libc::syscall(
            libc::SYS_preadv2,
            file.as_raw_fd() as libc::c_long,
            &iov as *const libc::iovec,
            1 as libc::c_long,
            0 as libc::c_long,
            0 as libc::c_long,
            libc::RWF_NOWAIT as libc::c_long,
        )
    };
    if n >= 0 {
        return Some(true);
    }
    match std::io::Error::last_os_error().raw_os_error() {
        Some(libc::EAGAIN) => Some(false),
        _ => None,
    }
}

#[cfg(not(target_os = "linux"))]
fn residency(_: &Path) -> Option<bool> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posts(dir: &Path, n: usize) -> Vec<PathBuf> {
        (0..n)
            .map(|i| {
                let p = dir.join(format!("{i}.md"));
                std::fs::write(&p, format!("post {i}\n")).unwrap();
                p
            })
            .collect()
    }

    #[test]
    fn files_just_written_are_cached_and_a_missing_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let paths = posts(dir.path(), 40);
        match residency(&paths[0]) {
            None => eprintln!("skipped: this system cannot say what is in the page cache"),
            Some(_) => assert!(cached(&paths)),
        }
        let mut with_missing = paths.clone();
        with_missing[16] = dir.path().join("missing.md");
        assert!(!cached(&with_missing));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_the_os_dropped_from_memory_is_not_cached() {
        use std::os::fd::AsRawFd;
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let paths = posts(dir.path(), 40);
        let mut fs = std::mem::MaybeUninit::<libc::statfs>::uninit();
        let name = std::ffi::CString::new(dir.path().as_os_str().as_bytes()).unwrap();
        // SAFETY: a NUL-terminated path and room for one `statfs`.
        let tmpfs = unsafe { libc::statfs(name.as_ptr(), fs.as_mut_ptr()) } == 0
            // SAFETY: `statfs` filled it in.
            && unsafe { fs.assume_init() }.f_type == libc::TMPFS_MAGIC;
        if tmpfs {
            // tmpfs keeps its files in memory whatever one advises.
            eprintln!("skipped: the temporary folder is on tmpfs");
            return;
        }
        let file = std::fs::File::open(&paths[16]).unwrap();
        file.sync_all().unwrap();
        // SAFETY: a descriptor `file` holds open.
        unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
        // One file of the sample dropped: the read-ahead runs. (Asking starts loading the
        // file, so this is the first question after the drop.)
        assert!(!cached(&paths));
    }
}
