//! Readable highlighting: syntect's themes colour comments and a few other scopes below the
//! 4.5:1 contrast WCAG asks of text (InspiredGitHub's comments are 2.9:1 on white). Every
//! foreground is moved towards black or white, just far enough, before the stylesheet is
//! written.

use syntect::highlighting::{Color, Theme};

/// The contrast aimed for: WCAG AA for body text, with a little room for rounding.
const TARGET: f64 = 4.6;

fn channel(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.03928 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn luminance(c: Color) -> f64 {
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// The WCAG contrast ratio of two opaque colours.
pub fn ratio(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn mix(a: Color, b: Color, t: f64) -> Color {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    Color {
        r: m(a.r, b.r),
        g: m(a.g, b.g),
        b: m(a.b, b.b),
        a: 0xFF,
    }
}

/// `fg` over `bg`, moved towards black (light backgrounds) or white (dark ones) until it
/// reads at [`TARGET`].
pub fn readable(fg: Color, bg: Color) -> Color {
    let bg = Color { a: 0xFF, ..bg };
    // A translucent foreground is seen blended with the background.
    let fg = mix(bg, fg, f64::from(fg.a) / 255.0);
    if ratio(fg, bg) >= TARGET {
        return fg;
    }
    let towards = if luminance(bg) > 0.18 {
        Color::BLACK
    } else {
        Color::WHITE
    };
    (1..=20)
        .map(|step| mix(fg, towards, f64::from(step) / 20.0))
        .find(|c| ratio(*c, bg) >= TARGET)
        .unwrap_or(towards)
}

/// A theme whose every foreground reads on its background.
pub fn readable_theme(theme: &Theme) -> Theme {
    let mut theme = theme.clone();
    let bg = theme.settings.background.unwrap_or(Color::WHITE);
    if let Some(fg) = theme.settings.foreground {
        theme.settings.foreground = Some(readable(fg, bg));
    }
    for item in &mut theme.scopes {
        if let Some(fg) = item.style.foreground {
            let under = item.style.background.unwrap_or(bg);
            item.style.foreground = Some(readable(fg, under));
        }
    }
    theme
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 0xFF }
    }

    #[test]
    fn pale_comments_are_darkened_just_enough() {
        let white = rgb(0xFF, 0xFF, 0xFF);
        let comment = rgb(0x96, 0x98, 0x96);
        assert!(ratio(comment, white) < 3.0);
        let fixed = readable(comment, white);
        assert!(ratio(fixed, white) >= 4.5);
        assert!(ratio(fixed, white) < 6.0, "not more than needed");
        let dark = rgb(0x2b, 0x30, 0x3b);
        let fixed = readable(rgb(0x65, 0x73, 0x7e), dark);
        assert!(ratio(fixed, dark) >= 4.5);
        // Already readable: unchanged.
        assert_eq!(
            readable(rgb(0x20, 0x20, 0x20), white),
            rgb(0x20, 0x20, 0x20)
        );
    }

    #[test]
    fn every_scope_of_the_default_themes_reads() {
        let themes = syntect::highlighting::ThemeSet::load_defaults();
        for name in ["InspiredGitHub", "base16-ocean.dark"] {
            let theme = readable_theme(&themes.themes[name]);
            let bg = theme.settings.background.unwrap();
            for item in &theme.scopes {
                if let Some(fg) = item.style.foreground {
                    let under = item.style.background.unwrap_or(bg);
                    assert!(
                        ratio(fg, Color { a: 0xFF, ..under }) >= 4.5,
                        "{name}: {:?}",
                        item.scope
                    );
                }
            }
        }
    }
}
