//! What a one-off build prepares beside the content loading and its Markdown rendering:
//! everything that depends on the theme and the config alone. Parsing the templates is
//! serial inside Tera and takes as long as rendering a few dozen posts (7 ms for the default
//! theme); which fields listings need ([`RowMasks`]) and the highlighting stylesheet take
//! about 0.8 ms each. Made where they are needed, a small site's build would wait for each
//! with a core idle.
//!
//! The work is one task of rayon's pool, not a thread of its own: a third busy thread on two
//! cores let the scheduler leave a pool thread that held part of the reading waiting for
//! 5 ms while the other core idled. In the pool, one worker takes the task and the others
//! share the rest. The parts are taken from outside the pool (the build's main thread), so
//! waiting for them never holds a worker the task needs.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::mpsc::Receiver;

use tera::Tera;

use super::row::RowMasks;
use super::{Base, Site, templates};
use crate::config::Config;
use crate::error::Errors;
use crate::markdown::highlight;
use crate::theme::Theme;

/// What the task made. Each part is taken once.
#[derive(Default)]
struct Prepared {
    tera: Option<Result<Tera, Errors>>,
    masks: Option<RowMasks>,
    stylesheet: Option<Result<String, String>>,
}

/// Work under way beside the build, or none (`serve`, which makes each part as it needs it).
#[derive(Default)]
pub struct Beside {
    receive: Mutex<Option<Receiver<Prepared>>>,
    prepared: Mutex<Prepared>,
}

impl Beside {
    /// Starts parsing the templates of `theme` as [`templates::load`] does, then finding the
    /// fields its listings read and making the stylesheet of the config's highlight themes.
    pub fn start(
        theme: &Theme,
        base: &Base,
        config: &Config,
        labels: &BTreeMap<String, String>,
    ) -> Beside {
        let theme = Theme {
            templates: theme.templates.clone(),
            statics: BTreeMap::new(),
        };
        let (base, config, labels) = (base.clone(), config.clone(), labels.clone());
        let (send, receive) = std::sync::mpsc::sync_channel(1);
        rayon::spawn(move || {
            let _t = crate::timings::phase("beside");
            // A panic leaves the parts to be made in place (where it surfaces again).
            let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Prepared {
                tera: Some(parse(&theme, &base, &config, &labels)),
                masks: Some(RowMasks::of(&theme)),
                stylesheet: Some(stylesheet(&config)),
            }));
            if let Ok(made) = made {
                let _ = send.send(made);
            }
        });
        Beside {
            receive: Mutex::new(Some(receive)),
            prepared: Mutex::default(),
        }
    }

    /// One part of the work, if it was started and the part has not been taken; waits for
    /// the task to finish. `None` also when the task panicked: the caller makes it in place.
    fn take<T>(&self, part: impl FnOnce(&mut Prepared) -> Option<T>) -> Option<T> {
        debug_assert!(
            rayon::current_thread_index().is_none(),
            "taken inside the pool"
        );
        let mut prepared = self.prepared.lock().unwrap_or_else(|e| e.into_inner());
        let receive = self
            .receive
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(done) = receive.and_then(|r| r.recv().ok()) {
            *prepared = done;
        }
        part(&mut prepared)
    }

    /// The parsed templates.
    pub fn templates(&self) -> Option<Result<Tera, Errors>> {
        self.take(|p| p.tera.take())
    }

    /// The fields each template's listings read ([`RowMasks::of`]).
    pub fn masks(&self) -> Option<RowMasks> {
        self.take(|p| p.masks.take())
    }

    /// The highlighting stylesheet ([`highlight::stylesheet`]).
    pub fn stylesheet(&self) -> Option<Result<String, String>> {
        self.take(|p| p.stylesheet.take())
    }
}

/// The theme's templates parsed, as the task parses them.
fn parse(
    theme: &Theme,
    base: &Base,
    config: &Config,
    labels: &BTreeMap<String, String>,
) -> Result<Tera, Errors> {
    templates::load(theme, base, &config.language, &config.timezone, labels)
}

/// The stylesheet of the config's highlight themes, as the task makes it.
fn stylesheet(config: &Config) -> Result<String, String> {
    let markdown = &config.markdown;
    highlight::stylesheet(&markdown.highlight_theme, &markdown.highlight_theme_dark)
}

/// Each part from the task when it made it, else made now.
impl Site {
    /// The theme's templates, parsed.
    pub fn parsed_templates(&self) -> Result<Tera, Errors> {
        self.beside
            .templates()
            .unwrap_or_else(|| parse(&self.theme, &self.base, &self.config, &self.labels))
    }

    /// The fields each template's listings read.
    pub fn row_masks(&self) -> RowMasks {
        self.beside
            .masks()
            .unwrap_or_else(|| RowMasks::of(&self.theme))
    }

    /// The highlighting stylesheet (`css/syntax.css`).
    pub fn highlight_stylesheet(&self) -> Result<String, String> {
        self.beside
            .stylesheet()
            .unwrap_or_else(|| stylesheet(&self.config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::TemplateFile;

    fn theme(text: &str) -> Theme {
        let mut theme = Theme::default();
        theme.templates.insert(
            "index.html".into(),
            TemplateFile {
                origin: "themes/t/templates/index.html".into(),
                text: text.into(),
            },
        );
        theme
    }

    #[test]
    fn each_part_is_taken_once_as_it_would_be_made_in_place() {
        let base = Base::new("https://example.com/");
        let labels = BTreeMap::new();
        let config = Config::default();
        let text = "{% for p in posts %}{{ p.title }}{% endfor %}";
        let good = Beside::start(&theme(text), &base, &config, &labels);
        let tera = good.templates().expect("started").expect("parses");
        let mut context = tera::Context::new();
        context.insert("posts", &[serde_json::json!({"title": "첫 글"})]);
        assert_eq!(tera.render("index.html", &context).unwrap(), "첫 글");
        assert!(good.templates().is_none(), "taken once");
        let masks = good.masks().expect("made");
        let in_place = RowMasks::of(&theme(text));
        assert_eq!(masks.get("index.html"), in_place.get("index.html"));
        assert!(good.masks().is_none(), "taken once");
        let css = good.stylesheet().expect("made").expect("known themes");
        let dark = &config.markdown.highlight_theme_dark;
        assert_eq!(
            css,
            highlight::stylesheet(&config.markdown.highlight_theme, dark).unwrap()
        );
        assert!(good.stylesheet().is_none(), "taken once");

        let mut odd = Config::default();
        odd.markdown.highlight_theme = "no-such-theme".into();
        let bad = Beside::start(&theme("{% if %}"), &base, &odd, &labels);
        let errors = bad.templates().expect("started").expect_err("fails");
        assert!(errors.0[0].path.ends_with("index.html"), "{errors:?}");
        let why = bad.stylesheet().expect("made").expect_err("unknown theme");
        assert!(why.contains("no-such-theme"), "{why}");
        assert!(Beside::default().templates().is_none());
        assert!(Beside::default().stylesheet().is_none());
    }
}
