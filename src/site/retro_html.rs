//! The default theme's parts of a retrospective, as HTML: the card at its top, the year in
//! numbers under it, and the links to the retrospectives before and after
//! (`page.retro.html.card`, `.numbers`, `.chain`). They are written here rather than in
//! Tera because they are on every retrospective and Tera looks every variable up anew: on a
//! site of thousands of retrospectives the template version cost a tenth of the build. A
//! theme can build its own from the rest of `page.retro`.

use std::borrow::Cow;
use std::fmt::Write;

use super::retro::{CarriedData, Goals, Numbers, RetroLink, StatedText};
use crate::markdown::{escape_attr, escape_html};

/// Text for HTML: borrowed as it is when it has nothing to escape (most text).
fn esc(s: &str) -> Cow<'_, str> {
    if s.contains(['&', '<', '>']) {
        Cow::Owned(escape_html(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// An attribute value for HTML, borrowed when it has nothing to escape.
fn esc_attr(s: &str) -> Cow<'_, str> {
    if s.contains(['&', '<', '>', '"', '\'']) {
        Cow::Owned(escape_attr(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// What the card shows.
pub struct CardParts<'a> {
    pub kind_label: &'a str,
    pub title: &'a str,
    /// The post's own title: the card's heading is only read out when it differs.
    pub page_title: &'a str,
    pub goals: &'a Goals,
    pub stated: Option<&'a StatedText>,
    pub carried: Option<&'a CarriedData>,
    pub previous: Option<&'a RetroLink>,
    pub next_goals: &'a [String],
    /// `t.retro_no_goals`, `t.retro_next_goals`.
    pub no_goals: &'a str,
    pub next_goals_label: &'a str,
}

pub fn card(p: &CardParts) -> String {
    let mut h = String::with_capacity(1024);
    let hidden = if p.title == p.page_title {
        " visually-hidden"
    } else {
        ""
    };
    let _ = write!(
        h,
        "<section class=\"retro-card\" aria-labelledby=\"retro-card-title\">\n  <p class=\"retro-card-kind\">{}</p>\n  <h2 class=\"retro-card-title{hidden}\" id=\"retro-card-title\">{}</h2>",
        esc(p.kind_label),
        esc(p.title)
    );
    match p.goals.percent {
        Some(percent) => {
            let _ = write!(
                h,
                "\n  <div class=\"retro-card-goals\">\n    <p class=\"retro-card-figure\"><strong class=\"retro-percent\">{percent}%</strong> <span>{}</span></p>\n    <span class=\"meter\" aria-hidden=\"true\"><span class=\"meter-fill\" style=\"width: {percent}%\"></span></span>",
                esc(&p.goals.text)
            );
            if let (Some(stated), "stated") = (p.stated, p.goals.counted) {
                let _ = write!(
                    h,
                    "\n    <p class=\"retro-card-note\">{}</p>",
                    esc(&stated.text)
                );
            }
            h.push_str("\n  </div>");
        }
        None => {
            let _ = write!(
                h,
                "\n  <p class=\"retro-card-note\">{}</p>",
                esc(p.no_goals)
            );
        }
    }
    if let Some(c) = p.carried {
        let _ = write!(
            h,
            "\n  <div class=\"retro-card-carried\">\n    <p>{} (<a href=\"{}\">{}</a>)</p>\n    <ul class=\"retro-carried-list\">",
            esc(&c.text),
            esc_attr(&c.from.url),
            esc(&c.from.name)
        );
        for item in &c.items {
            let _ = write!(
                h,
                "\n      <li class=\"is-{}\"><span class=\"status-badge\">{}</span> {}</li>",
                item.status,
                esc(&item.status_label),
                esc(&item.text)
            );
        }
        h.push_str("\n    </ul>\n  </div>");
    } else if let Some(prev) = p.previous {
        let _ = write!(
            h,
            "\n  <p class=\"retro-card-previous\"><span aria-hidden=\"true\">←</span> <a href=\"{}\">{}</a></p>",
            esc_attr(&prev.url),
            esc(&prev.name)
        );
    }
    if !p.next_goals.is_empty() {
        let _ = write!(
            h,
            "\n  <details class=\"retro-card-next\">\n    <summary>{} ({})</summary>\n    <ol>",
            esc(p.next_goals_label),
            p.next_goals.len()
        );
        for goal in p.next_goals {
            let _ = write!(h, "\n      <li>{}</li>", esc(goal));
        }
        h.push_str("\n    </ol>\n  </details>");
    }
    h.push_str("\n</section>");
    h
}

/// The labels of the numbers box, in the site's language.
pub struct NumberLabels<'a> {
    pub posts: &'a str,
    pub words: &'a str,
    pub minutes: &'a str,
    pub days: &'a str,
    pub streak: &'a str,
    pub busiest: &'a str,
    pub tags: &'a str,
}

pub fn numbers(n: &Numbers, l: &NumberLabels) -> String {
    let mut h = String::with_capacity(1024);
    let _ = write!(
        h,
        "<section class=\"retro-numbers\" aria-labelledby=\"retro-numbers-title\">\n  <h2 class=\"retro-numbers-title\" id=\"retro-numbers-title\">{}</h2>\n  <dl class=\"retro-numbers-grid\">",
        esc(&n.title)
    );
    let words = n.words.to_string();
    for (dt, dd) in [
        (l.posts, &n.posts_text),
        (l.words, &words),
        (l.minutes, &n.minutes_text),
        (l.days, &n.days_text),
        (l.streak, &n.streak_text),
        (l.busiest, &n.busiest_month.text),
    ] {
        let _ = write!(
            h,
            "\n    <div><dt>{}</dt><dd>{}</dd></div>",
            esc(dt),
            esc(dd)
        );
    }
    h.push_str("\n  </dl>");
    if !n.top_tags.is_empty() {
        let _ = write!(
            h,
            "\n  <p class=\"retro-numbers-tags\"><span>{}</span>",
            esc(l.tags)
        );
        for tag in &n.top_tags {
            let _ = write!(
                h,
                " <a class=\"tag\" href=\"{}\">{} <span class=\"tag-count\">{}</span></a>",
                esc_attr(&tag.url),
                esc(&tag.name),
                tag.count
            );
        }
        h.push_str("\n  </p>");
    }
    h.push_str("\n</section>");
    h
}

/// `← 2024년 회고 · 2026년 회고 →`, or nothing without neighbours.
pub fn chain(kind_label: &str, previous: Option<&RetroLink>, next: Option<&RetroLink>) -> String {
    if previous.is_none() && next.is_none() {
        return String::new();
    }
    let mut h = format!(
        "<nav class=\"retro-chain\" aria-label=\"{}\">",
        esc_attr(kind_label)
    );
    if let Some(p) = previous {
        let _ = write!(
            h,
            "\n  <a class=\"retro-chain-prev\" href=\"{}\" rel=\"prev\"><span aria-hidden=\"true\">←</span> {}</a>",
            esc_attr(&p.url),
            esc(&p.name)
        );
    }
    if previous.is_some() && next.is_some() {
        h.push_str("<span class=\"retro-chain-sep\" aria-hidden=\"true\">·</span>");
    }
    if let Some(n) = next {
        let _ = write!(
            h,
            "\n  <a class=\"retro-chain-next\" href=\"{}\" rel=\"next\">{} <span aria-hidden=\"true\">→</span></a>",
            esc_attr(&n.url),
            esc(&n.name)
        );
    }
    h.push_str("\n</nav>");
    h
}
