//! hoego: Markdown posts with front matter → a complete static blog.
//!
//! The pipeline reads top to bottom: load ([`content`]), render ([`markdown`], then
//! [`site`] applies the [`theme`]'s templates), write ([`output`]).

pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod error;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod serve;
pub mod site;
pub mod theme;
pub mod value;

use cli::{Cli, Command};
use error::Errors;

/// Runs one command line.
pub fn run(cli: Cli) -> Result<(), Errors> {
    match cli.command {
        Command::Build(flags) => {
            let (options, output) = build_options(flags);
            commands::build::run(&commands::build::BuildArgs { options, output })
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
            })
        }
    }
}

fn build_options(flags: cli::BuildFlags) -> (site::BuildOptions, std::path::PathBuf) {
    let output = if flags.output.is_absolute() {
        flags.output
    } else {
        flags.root.join(flags.output)
    };
    let options = site::BuildOptions {
        root: flags.root,
        base_url: flags.base_url,
        drafts: flags.drafts,
        future: flags.future,
    };
    (options, output)
}
