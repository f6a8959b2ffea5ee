//! hoego: Markdown posts with front matter → a complete static blog.
//!
//! The pipeline reads top to bottom: load ([`content`]), render ([`markdown`], then
//! [`site`] applies the [`theme`]'s templates and [`search`] indexes the posts), write
//! ([`output`]). [`retro`] knows
//! retrospectives: their periods, goals and next goals, the chain from one to the next, and
//! each year in numbers. [`import`] turns posts copied as plain text into Markdown.

pub mod cache;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod error;
pub mod i18n;
pub mod import;
pub mod jekyll;
pub mod markdown;
pub mod output;
pub mod retro;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod timings;
pub mod tz;
pub mod utf8;
pub mod value;
pub mod warnings;

use cli::{Cli, Command, ImportKind};
use error::Errors;

/// Runs one command line. `Ok(false)` means the command ran and found problems (`check`).
pub fn run(cli: Cli) -> Result<bool, Errors> {
    if let Some(root) = existing_root(&cli.command) {
        check_root(root)?;
    }
    match cli.command {
        Command::Build(flags) => {
            let (clean, strict, verbose) = (flags.clean, flags.strict, flags.verbose);
            let (options, output) = build_options(flags);
            commands::build::run(&commands::build::BuildArgs {
                options,
                output,
                clean,
                strict,
                verbose,
            })?;
            Ok(true)
        }
        Command::Serve(flags) => {
            let clean = flags.build.clean;
            let (build, output) = build_options(flags.build);
            serve::run(serve::ServeOptions {
                build,
                output,
                clean,
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
                url: flags.url,
            })?;
            Ok(true)
        }
        Command::New(flags) if flags.retro.is_some() => {
            commands::retro_new::run(&commands::retro_new::RetroNewArgs {
                root: flags.root,
                period: flags.retro,
                template: flags.template.map(|t| match t {
                    cli::Template::Goals => retro::template::Template::Goals,
                    cli::Template::Kpt => retro::template::Template::Kpt,
                    cli::Template::FourL => retro::template::Template::FourL,
                    cli::Template::FiveF => retro::template::Template::FiveF,
                }),
                draft: flags.draft,
            })?;
            Ok(true)
        }
        Command::New(flags) => {
            commands::new::run(&commands::new::NewArgs {
                root: flags.root,
                title: flags.title.unwrap_or_default(),
                date: flags.date,
                draft: flags.draft,
            })?;
            Ok(true)
        }
        Command::Import(flags) => match flags.kind {
            ImportKind::Text(t) => {
                commands::import::run(&commands::import::ImportArgs {
                    root: t.root,
                    paths: t.paths,
                    date: t.date,
                })?;
                Ok(true)
            }
        },
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

/// The site folder a command reads, for the commands that need one to exist.
fn existing_root(command: &Command) -> Option<&std::path::Path> {
    match command {
        Command::Build(f) => Some(&f.site.root),
        Command::Serve(f) => Some(&f.build.site.root),
        Command::Check(f) => Some(&f.site.root),
        Command::New(f) => Some(&f.root),
        Command::Import(f) => match &f.kind {
            ImportKind::Text(t) => Some(&t.root),
        },
        Command::Init(_) => None,
    }
}

/// A site folder that is missing (a typo in `--root`) is an error, not an empty site.
fn check_root(root: &std::path::Path) -> Result<(), Errors> {
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(error::Diagnostic::new(
            root,
            "the site folder (--root) is a file, not a folder",
        )
        .into()),
        Err(e) => Err(error::Diagnostic::io(root, "open the site folder (--root)", &e).into()),
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
