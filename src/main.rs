use clap::Parser;
use hoego::cli::{Cli, Command};

/// mimalloc (v3), built from C by the `cc` crate with the compiler Rust's linker already
/// needs: a 10,000-post build takes about 10% less time than with the system allocator, for
/// a few percent more peak memory (BENCHMARKS.md, "Allocator"). With `override` it also
/// serves the C code's `malloc` (Oniguruma's, for highlighting): glibc grew a thread's arena
/// with one `mprotect` per page, 391 calls in a 100-post build, against 10 now.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    // Only commands that write the site promise that a failure left the output alone.
    let builds = matches!(cli.command, Command::Build(_) | Command::Serve(_));
    match hoego::run(cli) {
        Ok(true) => {}
        Ok(false) => std::process::exit(1),
        Err(errors) => {
            eprintln!("{errors}");
            let n = errors.0.len();
            let plural = if n == 1 { "" } else { "s" };
            let partly = errors
                .0
                .iter()
                .any(|d| d.message == hoego::output::PARTLY_UPDATED);
            if builds && partly {
                eprintln!("build failed with {n} error{plural}");
            } else if builds {
                eprintln!(
                    "build failed with {n} error{plural}; the output folder was left as it was"
                );
            } else {
                eprintln!("failed with {n} error{plural}");
            }
            std::process::exit(1);
        }
    }
}
