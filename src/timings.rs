//! `HOEGO_TIMINGS=1`: how long each phase of a build took, printed at the end. Off, a phase
//! costs one check of a flag.

use std::sync::Mutex;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

static ON: OnceLock<bool> = OnceLock::new();
static PHASES: Mutex<Vec<(&'static str, Duration)>> = Mutex::new(Vec::new());

pub fn enabled() -> bool {
    *ON.get_or_init(|| std::env::var_os("HOEGO_TIMINGS").is_some())
}

/// Times the rest of the scope as `name` (phases on several threads add up).
pub struct Phase {
    name: &'static str,
    start: Option<Instant>,
}

pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        start: enabled().then(Instant::now),
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some(start) = self.start {
            let mut phases = PHASES.lock().unwrap_or_else(|e| e.into_inner());
            match phases.iter_mut().find(|(n, _)| *n == self.name) {
                Some((_, d)) => *d += start.elapsed(),
                None => phases.push((self.name, start.elapsed())),
            }
        }
    }
}

/// The phases so far, in the order they first ran, as one line.
pub fn report() -> Option<String> {
    if !enabled() {
        return None;
    }
    let phases = PHASES.lock().unwrap_or_else(|e| e.into_inner());
    let parts: Vec<String> = phases
        .iter()
        .map(|(n, d)| format!("{n} {:.1}", d.as_secs_f64() * 1000.0))
        .collect();
    Some(format!("phases (ms): {}", parts.join(", ")))
}

/// [`report`], then forgets the phases: for `serve`, which reports each rebuild on its own.
pub fn take_report() -> Option<String> {
    let line = report();
    if line.is_some() {
        PHASES.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
    line
}
