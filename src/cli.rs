//! Command-line definitions (clap) only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "hoego",
    version,
    about = "A static blog generator for retrospectives and everyday posts"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    Build(BuildFlags),
}

#[derive(Debug, Args)]
pub struct BuildFlags {
    /// The site folder (holding config.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site; relative paths are under --root.
    #[arg(long, short, default_value = "public")]
    pub output: PathBuf,
    /// Override base_url from config.toml, e.g. https://user.github.io/blog/.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include drafts (draft: true, published: false).
    #[arg(long)]
    pub drafts: bool,
    /// Include posts dated in the future.
    #[arg(long)]
    pub future: bool,
}
