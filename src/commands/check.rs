//! `hoego check`: builds the site in memory and reports every link that would be broken once
//! it is published.

use std::time::Instant;

use crate::check::{self, external};
use crate::error::Errors;
use crate::site::BuildOptions;

pub struct CheckArgs {
    pub options: BuildOptions,
    /// Fetch links to other sites.
    pub external: bool,
    /// Fetch at most this many external URLs.
    pub max_external: usize,
    /// List every external link, and every repeat of a warning.
    pub verbose: bool,
}

/// Prints the report. `Ok(false)` when a link is broken; `Err` when the site does not build.
pub fn run(args: &CheckArgs) -> Result<bool, Errors> {
    let start = Instant::now();
    let (site, files) = super::build::render(&args.options)?;
    super::build::print_warnings(&site, args.verbose);
    let built_ms = start.elapsed().as_millis();
    let report = check::check(&site, &files);
    if std::env::var_os("HOEGO_TIMINGS").is_some() {
        eprintln!(
            "timings: build {built_ms} ms, links {} ms",
            start.elapsed().as_millis() - built_ms
        );
    }
    let mut broken = report.broken.clone();

    let mut fetched = None;
    if args.external && !report.external.is_empty() {
        let take = report.external.len().min(args.max_external);
        let urls: Vec<String> = report.external[..take]
            .iter()
            .map(|e| e.url.clone())
            .collect();
        eprintln!("fetching {take} external links…");
        let outcomes = external::fetch_all(&urls, &external::FetchOptions::default());
        let mut failed = 0;
        for (link, outcome) in report.external.iter().zip(&outcomes) {
            if outcome.is_broken() {
                failed += 1;
                broken.push(check::Broken {
                    source: link.source.clone(),
                    output: link.output.clone(),
                    url: link.url.clone(),
                    reason: outcome.to_string(),
                });
            } else if args.verbose || *outcome == external::Outcome::RateLimited {
                println!("{}: {} ({outcome})", link.url, link.source);
            }
        }
        fetched = Some((take, failed));
    } else if args.verbose {
        for link in &report.external {
            println!(
                "external: {} ({}, in {}{})",
                link.url,
                link.source,
                link.output,
                if link.count > 1 {
                    format!(" and {} more", link.count - 1)
                } else {
                    String::new()
                }
            );
        }
    }

    for b in &broken {
        println!("{b}");
    }
    // Two pages that wanted one URL: the build moved one, but its old links may point to
    // the other.
    for c in &site.collisions {
        println!("{c}");
    }
    let links = |n: usize| format!("{n} external link{}", if n == 1 { "" } else { "s" });
    let external = match fetched {
        Some((n, failed)) if n < report.external.len() => format!(
            "{}, {n} fetched ({failed} broken; raise --max-external to fetch the rest)",
            links(report.external.len())
        ),
        Some((n, failed)) => format!("{} fetched, {failed} broken", links(n)),
        None => format!(
            "{} not fetched (--external fetches them{})",
            links(report.external.len()),
            if args.verbose {
                ""
            } else {
                ", --verbose lists them"
            }
        ),
    };
    let status = if broken.is_empty() {
        "no broken links".to_string()
    } else {
        format!(
            "{} broken link{}",
            broken.len(),
            if broken.len() == 1 { "" } else { "s" }
        )
    };
    println!(
        "checked {} pages: {} internal links ({} with #anchors), {external}; {status} in {} ms",
        report.pages,
        report.internal,
        report.anchors,
        start.elapsed().as_millis()
    );
    if !site.collisions.is_empty() {
        println!(
            "{} URL collision{} (see above)",
            site.collisions.len(),
            if site.collisions.len() == 1 { "" } else { "s" }
        );
    }
    Ok(broken.is_empty() && site.collisions.is_empty())
}
