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
pub mod site;
pub mod theme;
pub mod value;

use cli::{Cli, Command};
use error::Errors;

/// Runs one command line.
pub fn run(cli: Cli) -> Result<(), Errors> {
    match cli.command {
        Command::Build(flags) => {
            let options = site::BuildOptions {
                root: flags.root.clone(),
                base_url: flags.base_url,
                drafts: flags.drafts,
                future: flags.future,
            };
            let output = if flags.output.is_absolute() {
                flags.output
            } else {
                flags.root.join(flags.output)
            };
            commands::build::run(&commands::build::BuildArgs { options, output })
        }
    }
}
