//! Write: the only code that touches the output folder.
//!
//! - [`guard`] refuses output folders that would swallow the site;
//! - [`lock`] keeps a second hoego out while one writes;
//! - [`staging`] writes a build beside the old output and moves it in ([`movein`]) only when
//!   everything rendered, deleting only what an earlier build made ([`owned`]);
//! - [`sync`] updates the folder in place for `serve`;
//! - [`confine`] keeps every path inside the folder;
//! - [`manifest`] remembers in the cache folder what each file held, to skip rereading it.

use std::collections::BTreeMap;
use std::path::Path;

pub mod confine;
pub mod guard;
pub mod lock;
mod manifest;
pub mod movein;
pub mod owned;
pub mod staging;
pub mod sync;

use crate::theme::Asset;
pub use guard::check_output_dir;
pub use lock::OutputLock;
pub use staging::{Outcome, Staging, write_atomically, write_atomically_with};
pub use sync::{Fingerprint, State, Synced, state_of, sync};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators, Unicode as on disk.
    pub path: String,
    pub data: Vec<u8>,
}

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

/// The last error of a build that failed while moving its files into place: the only
/// failure that leaves the output changed.
pub const PARTLY_UPDATED: &str =
    "the output folder is partly updated: fix the errors above and build again";
