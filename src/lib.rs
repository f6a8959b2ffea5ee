//! hoego: Markdown posts with front matter → a complete static blog.
//!
//! The pipeline reads top to bottom: load ([`content`]), render ([`markdown`], then
//! [`site`] applies the [`theme`]'s templates), write ([`output`]). [`retro`] knows
//! retrospectives: their periods, goals and next goals, the chain from one to the next, and
//! each year in numbers.

pub mod cache;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod error;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod retro;
pub mod serve;
pub mod site;
pub mod theme;
pub mod value;

use cli::{Cli, Command};
use error::Errors;

/// Runs one command line. `Ok(false)` means the command ran and found problems (`check`).
pub fn run(cli: Cli) -> Result<bool, Errors> {
    match cli.command {
        Command::Build(flags) => {
            let (options, output) = build_options(flags);
            commands::build::run(&commands::build::BuildArgs { options, output })?;
            Ok(true)
        }
        Command::Serve(flags) => {
            let (build, output) = build_options(flags.build);
            serve::run(serve::ServeOptions {
                build,
                output,
                bind: flags.bind,
                port: flags.port,
                watch: flags.watch,
                open: flags.open,
                debounce: std::time::Duration::from_millis(flags.debounce),
            })?;
            Ok(true)
        }
        Command::Init(flags) => {
            commands::init::run(&commands::init::InitArgs {
                dir: flags.dir,
                force: flags.force,
            })?;
            Ok(true)
        }
        Command::New(flags) => {
            commands::new::run(&commands::new::NewArgs {
                root: flags.root,
                title: flags.title,
                date: flags.date,
                draft: flags.draft,
            })?;
            Ok(true)
        }
        Command::Check(flags) => {
            let clean = commands::check::run(&commands::check::CheckArgs {
                options: site_options(flags.site),
                external: flags.external,
                max_external: flags.max_external,
                verbose: flags.verbose,
            })?;
            Ok(clean)
        }
    }
}

fn site_options(flags: cli::SiteFlags) -> site::BuildOptions {
    site::BuildOptions {
        root: flags.root,
        base_url: flags.base_url,
        drafts: flags.drafts,
        future: flags.future,
    }
}

fn build_options(flags: cli::BuildFlags) -> (site::BuildOptions, std::path::PathBuf) {
    let output = if flags.output.is_absolute() {
        flags.output
    } else {
        flags.site.root.join(flags.output)
    };
    (site_options(flags.site), output)
}
