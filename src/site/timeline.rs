//! The timeline of retrospectives: the bar charts of achievement per period that
//! `retrospectives.html` draws, and `retrospectives.json`, which carries the same numbers for
//! other tools.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Site;
use super::retro::{Summary, summaries};
use crate::i18n::{self, is_korean};
use crate::retro::{Kind, Period, percent};

/// The most bars a chart shows: the latest periods.
pub const MAX_BARS: usize = 36;

const BAR: u32 = 32;
const GAP: u32 = 24;
const PAD: u32 = 12;
const PLOT: u32 = 120;
const TOP: u32 = 24;
const BOTTOM: u32 = 40;

/// One bar: a period's goals achieved (all retrospectives of that period together).
#[derive(Serialize, Clone)]
pub struct Bar {
    pub period: String,
    pub label: String,
    /// The label in two short lines, for the axis: `2025` / `상반기`.
    pub line1: String,
    pub line2: String,
    pub done: usize,
    pub total: usize,
    pub percent: u32,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// Centre of the bar, and where its value and axis label go.
    pub cx: u32,
    pub value_y: u32,
    pub label_y: u32,
}

/// A chart per kind of retrospective that has goals.
#[derive(Serialize, Clone)]
pub struct Chart {
    pub kind: &'static str,
    pub kind_label: String,
    pub width: u32,
    pub height: u32,
    pub baseline: u32,
    pub bars: Vec<Bar>,
}

fn axis_lines(period: &Period, title: &str, language: &str) -> (String, String) {
    let ko = is_korean(language);
    match period {
        Period::Year(y) => (y.to_string(), String::new()),
        Period::Half(y, h) => (
            y.to_string(),
            match (ko, h) {
                (true, 1) => "상반기".into(),
                (true, _) => "하반기".into(),
                (false, h) => format!("H{h}"),
            },
        ),
        Period::Quarter(y, q) => (
            y.to_string(),
            if ko {
                format!("{q}분기")
            } else {
                format!("Q{q}")
            },
        ),
        Period::Month(y, m) => (y.to_string(), i18n::month_short(*m, language)),
        Period::Week(y, w) => (
            y.to_string(),
            if ko {
                format!("{w}주차")
            } else {
                format!("W{w}")
            },
        ),
        Period::Day(d) => (d.year().to_string(), format!("{}/{}", d.month(), d.day())),
        Period::Project(_) => {
            let short: String = title.chars().take(8).collect();
            let more = title.chars().count() > 8;
            (
                if more { format!("{short}…") } else { short },
                String::new(),
            )
        }
    }
}

/// A bar's place: (order, key) and, for projects, the source path.
type BarKey = ((i32, String), String);
/// A bar: its period, title, goals done and total.
type BarValue = (Period, String, usize, usize);

/// The charts, one per kind that has retrospectives with goals, in the order year, half,
/// quarter, month, week, day, project.
pub fn charts(site: &Site) -> Vec<Chart> {
    let language = &site.config.language;
    let mut out = Vec::new();
    for kind in Kind::ALL {
        // (order, key) → (period, title, done, total); projects one bar each.
        let mut bars: BTreeMap<BarKey, BarValue> = BTreeMap::new();
        for &i in &site.retro.index.order {
            let page = &site.pages[i];
            let Some(r) = page.retro.as_deref() else {
                continue;
            };
            if r.period.kind() != kind {
                continue;
            }
            let (done, total, _) = r.done_total();
            if total == 0 {
                continue;
            }
            let key = if kind == Kind::Project {
                let when = page.date.as_ref().map(|d| d.timestamp().as_second());
                (
                    (
                        i32::try_from(when.unwrap_or(0) / 86_400).unwrap_or(0),
                        String::new(),
                    ),
                    page.source.to_string_lossy().into_owned(),
                )
            } else {
                (r.period.order(), r.period.key())
            };
            let e = bars
                .entry(key)
                .or_insert_with(|| (r.period.clone(), page.title.clone(), 0, 0));
            e.2 += done;
            e.3 += total;
        }
        if bars.is_empty() {
            continue;
        }
        let skip = bars.len().saturating_sub(MAX_BARS);
        let bars: Vec<Bar> = bars
            .into_values()
            .skip(skip)
            .enumerate()
            .map(|(n, (period, title, done, total))| {
                let pct = percent(done, total).unwrap_or(0);
                let height = (PLOT * pct).div_ceil(100).max(1);
                let x = PAD + n as u32 * (BAR + GAP);
                let (line1, line2) = axis_lines(&period, &title, language);
                let label = match &period {
                    Period::Project(_) => title.clone(),
                    p => p.label(&site.labels, language),
                };
                Bar {
                    period: period.key(),
                    label,
                    line1,
                    line2,
                    done,
                    total,
                    percent: pct,
                    x,
                    y: TOP + PLOT - height,
                    width: BAR,
                    height,
                    cx: x + BAR / 2,
                    value_y: TOP + PLOT - height - 6,
                    label_y: TOP + PLOT + 16,
                }
            })
            .collect();
        let width = PAD * 2 + bars.len() as u32 * (BAR + GAP) - GAP;
        out.push(Chart {
            kind: kind.as_str(),
            kind_label: site
                .labels
                .get(&format!("retro_kind_{}", kind.as_str()))
                .cloned()
                .unwrap_or_default(),
            width,
            height: TOP + PLOT + BOTTOM,
            baseline: TOP + PLOT,
            bars,
        });
    }
    out
}

/// The list of every retrospective as the default theme shows it (`list_html`): made here
/// because a site may have thousands, and Tera looks each variable up anew.
pub fn list_html(site: &Site) -> String {
    use std::fmt::Write;
    let esc = crate::markdown::escape_html;
    let no_goals = site.labels.get("retro_no_goals").map_or("", String::as_str);
    let list = summaries(site);
    let mut h = String::with_capacity(list.len() * 400 + 64);
    h.push_str("<ol class=\"retro-list\">");
    for r in list {
        let _ = write!(
            h,
            "\n  <li class=\"retro-row\">\n    <p class=\"retro-row-period\"><span class=\"retro-row-kind\">{}</span> {}</p>\n    <h2 class=\"retro-row-title\"><a href=\"{}\">{}</a></h2>\n    <p class=\"retro-row-goals\">",
            esc(&r.kind_label),
            esc(&r.label),
            crate::markdown::escape_attr(&r.url),
            esc(&r.title)
        );
        match r.goals.percent {
            Some(p) => {
                let _ = write!(
                    h,
                    "<span class=\"retro-row-figure\">{} · <strong>{p}%</strong></span><span class=\"meter\" aria-hidden=\"true\"><span class=\"meter-fill\" style=\"width: {p}%\"></span></span>",
                    esc(&r.goals.text)
                );
            }
            None => {
                let _ = write!(
                    h,
                    "<span class=\"retro-row-figure\">{}</span>",
                    esc(no_goals)
                );
            }
        }
        h.push_str("</p>");
        if let Some(c) = &r.carried {
            let _ = write!(
                h,
                "\n    <p class=\"retro-row-carried\">{}</p>",
                esc(&c.text)
            );
        }
        h.push_str("\n  </li>");
    }
    h.push_str("\n</ol>");
    h
}

#[derive(Serialize)]
struct JsonBar<'a> {
    period: &'a str,
    label: &'a str,
    done: usize,
    total: usize,
    percent: u32,
}

#[derive(Serialize)]
struct JsonChart<'a> {
    kind: &'a str,
    bars: Vec<JsonBar<'a>>,
}

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    retrospectives: &'a [Summary],
    charts: Vec<JsonChart<'a>>,
}

/// `retrospectives.json`: every retrospective (as `site.retrospectives` has them) and the
/// charts' bars.
pub fn json(site: &Site) -> Vec<u8> {
    let list = summaries(site);
    let charts = charts(site);
    let data = Json {
        version: 1,
        retrospectives: list,
        charts: charts
            .iter()
            .map(|c| JsonChart {
                kind: c.kind,
                bars: c
                    .bars
                    .iter()
                    .map(|b| JsonBar {
                        period: &b.period,
                        label: &b.label,
                        done: b.done,
                        total: b.total,
                        percent: b.percent,
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec(&data).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
