//! Command-line definitions (clap) only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `hoego --version`: the crate version, and the commit with its date when built from a Git
/// checkout (`0.1.0 (abc1234 2026-11-27)`; see build.rs). The version alone should build.rs
/// not have run (cargo can keep an older copy of it after `cargo package`).
pub const VERSION: &str = match option_env!("HOEGO_BUILD_VERSION") {
    Some(v) => v,
    None => env!("CARGO_PKG_VERSION"),
};

#[derive(Debug, Parser)]
#[command(
    name = "hoego",
    version = VERSION,
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
    /// Create a new site: config.toml, a first post, an about page and a GitHub Pages workflow.
    Init(InitFlags),
    /// Create a new post in content/posts/, dated today in the site's time zone; with --retro,
    /// a retrospective that starts from the last one's goals.
    New(NewFlags),
    /// Turn posts from elsewhere into Markdown posts in content/posts/.
    Import(ImportFlags),
    /// Build in memory and check every internal link, image, stylesheet and #anchor.
    Check(CheckFlags),
}

/// Which site, and which of its posts: shared by build, serve and check.
#[derive(Debug, Args)]
pub struct SiteFlags {
    /// The site folder (holding config.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
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
pub struct BuildFlags {
    #[command(flatten)]
    pub site: SiteFlags,
    /// Where to write the site; relative paths are under --root.
    #[arg(long, short, default_value = "public")]
    pub output: PathBuf,
    /// Also delete files in the output folder that hoego did not make (hidden files such as
    /// .git/ always stay).
    #[arg(long)]
    pub clean: bool,
    /// Fail on URL collisions instead of moving the older page to a suffixed URL.
    #[arg(long)]
    pub strict: bool,
    /// Also list the _config.yml keys a Jekyll site has that hoego does not use, and every
    /// repeat of a warning (past three, a repeated warning is counted in one line).
    #[arg(long, short)]
    pub verbose: bool,
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

#[derive(Debug, Args)]
pub struct InitFlags {
    /// Folder for the new site; created when missing.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
    /// Where the site will be published, e.g. https://user.github.io/blog/ (written as
    /// base_url; asked on a terminal when omitted, with a guess from `git remote`).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewFlags {
    /// The post's title; the file is named after it (Hangul is kept).
    #[arg(required_unless_present = "retro", conflicts_with = "retro")]
    pub title: Option<String>,
    /// The post's date, YYYY-MM-DD (default: today in the site's time zone).
    #[arg(long, conflicts_with = "retro")]
    pub date: Option<String>,
    /// Mark the post as a draft (left out of builds without --drafts).
    #[arg(long)]
    pub draft: bool,
    /// Start a retrospective of PERIOD (2025, 2025-H2, 2025-Q4, 2025-12, 2025-W50 or
    /// 2025-12-31; default: this year, or last year in January) dated at its end: last
    /// time's next goals and unfinished goals to check off, the period in numbers, and the
    /// template's sections.
    #[arg(long, value_name = "PERIOD", num_args = 0..=1, default_missing_value = "")]
    pub retro: Option<String>,
    /// The retrospective's sections (default: the format of the last retrospective, else
    /// goals).
    #[arg(long, value_enum, requires = "retro", conflicts_with = "title")]
    pub template: Option<Template>,
    /// The site folder (holding config.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// The sections of a new retrospective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Template {
    /// 올해의 목표 점검, 잘한 것, 아쉬운 것, 내년 목표.
    Goals,
    /// Keep, Problem, Try.
    Kpt,
    /// Liked, Learned, Lacked, Longed for.
    #[value(name = "4l")]
    FourL,
    /// Facts, Feelings, Findings, Future action, Feedback.
    #[value(name = "5f")]
    FiveF,
}

#[derive(Debug, Args)]
pub struct ImportFlags {
    #[command(subcommand)]
    pub kind: ImportKind,
}

#[derive(Debug, Subcommand)]
pub enum ImportKind {
    /// Posts copied as plain text out of a blog platform's page: each FILE, and the .txt
    /// files in each DIR, become Markdown posts (an existing post is never overwritten).
    Text(ImportTextFlags),
}

#[derive(Debug, Args)]
pub struct ImportTextFlags {
    /// Text files, or folders of .txt files.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub paths: Vec<PathBuf>,
    /// The date of a text without a date line, YYYY-MM-DD (without either, a retrospective
    /// is dated at the end of the period it names).
    #[arg(long)]
    pub date: Option<String>,
    /// The site folder (holding config.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckFlags {
    #[command(flatten)]
    pub site: SiteFlags,
    /// Also fetch links to other sites (HEAD, then GET; 10 s timeout each).
    #[arg(long)]
    pub external: bool,
    /// Fetch at most this many external URLs.
    #[arg(long, default_value_t = 500)]
    pub max_external: usize,
    /// List every external link, and every repeat of a warning.
    #[arg(long, short)]
    pub verbose: bool,
}
