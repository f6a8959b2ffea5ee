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
    /// Serve the site locally; with --watch, rebuild on save and reload the browser.
    Serve(ServeFlags),
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

#[derive(Debug, Args)]
pub struct ServeFlags {
    #[command(flatten)]
    pub build: BuildFlags,
    /// Rebuild on every change and reload the browser.
    #[arg(long, short)]
    pub watch: bool,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 4000)]
    pub port: u16,
    /// Address to listen on; 0.0.0.0 lets phones on the same network in.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Milliseconds of quiet after a change before rebuilding.
    #[arg(long, default_value_t = 30)]
    pub debounce: u64,
}
