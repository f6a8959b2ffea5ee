//! "숫자로 보는 2025년" in a new retrospective: the period's posts, words, reading time, days
//! written on, longest streak, busiest month, top tags and longest posts as a Markdown list
//! the writer can edit. A year's heading is the site's `retro_numbers` label, the one the
//! theme's numbers box has (the theme leaves its box out when the post has the heading).

use std::fmt::Write as _;

use super::draft::Draft;
use super::period::{Kind, Period};
use super::template::Texts;
use crate::i18n;
use crate::markdown::plain::inline;

pub(super) fn write(out: &mut String, d: &Draft, t: &Texts) {
    let heading = match d.period {
        Period::Year(y) => d.label("retro_numbers").replace("{year}", &y.to_string()),
        _ => t.numbers.replace("{period}", &d.period_label()),
    };
    let _ = write!(out, "## {heading}\n\n");
    let Some(y) = d.numbers.filter(|y| y.posts > 0) else {
        let _ = write!(out, "{}\n\n", t.no_posts);
        return;
    };
    let unit = |key: &str, n: usize| {
        i18n::plural(d.labels, key, Some(n as f64))
            .map_or("", String::as_str)
            .replace("{n}", &thousands(n))
    };
    let mut lines: Vec<(String, String)> = vec![
        (
            d.label("retro_numbers_posts").into(),
            unit("retro_unit_posts", y.posts),
        ),
        (d.label("retro_numbers_words").into(), thousands(y.words)),
        (
            d.label("retro_numbers_minutes").into(),
            unit("retro_unit_minutes", y.reading_minutes),
        ),
        (
            d.label("retro_numbers_days").into(),
            unit("retro_unit_days", y.days.len()),
        ),
    ];
    let s = y.longest_streak;
    if s.days > 1 {
        lines.push((
            d.label("retro_numbers_streak").into(),
            format!(
                "{} ({} – {})",
                unit("retro_unit_days", s.days),
                s.start,
                s.end
            ),
        ));
    }
    if matches!(d.period.kind(), Kind::Year | Kind::Half | Kind::Quarter) {
        let (month, posts) = y.busiest_month;
        lines.push((
            d.label("retro_numbers_busiest").into(),
            format!(
                "{} ({})",
                i18n::month_name(month, d.language),
                unit("retro_unit_posts", posts)
            ),
        ));
    }
    let mut links = 0;
    if !y.top_tags.is_empty() {
        let tags: Vec<String> = y
            .top_tags
            .iter()
            .map(|tag| format!("{} ({})", inline(&tag.name, &mut links), tag.count))
            .collect();
        lines.push((d.label("retro_numbers_tags").into(), tags.join(", ")));
    }
    if !d.longest.is_empty() {
        let posts: Vec<String> = d
            .longest
            .iter()
            .map(|p| {
                format!(
                    "[{}]({}) ({})",
                    inline(&p.title, &mut links),
                    p.link,
                    thousands(p.words)
                )
            })
            .collect();
        lines.push((t.longest.into(), posts.join(", ")));
    }
    for (name, value) in lines {
        let _ = writeln!(out, "- {name}: {value}");
    }
    out.push('\n');
}

/// `12345` → `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
