//! The theme's templates parsed on a thread of their own while the content loads and its
//! Markdown renders. Parsing is serial inside Tera and takes as long as rendering a few
//! dozen posts (7 ms for the default theme), so a small site's build otherwise waits for it
//! with a core idle.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::thread::JoinHandle;

use tera::Tera;

use super::{Base, templates};
use crate::error::Errors;
use crate::theme::Theme;

/// A parse under way, or none. [`Templates::new`](super::render::Templates::new) takes it.
#[derive(Default)]
pub struct Parsing(Mutex<Option<JoinHandle<Result<Tera, Errors>>>>);

impl Parsing {
    /// Starts parsing the templates of `theme` as [`templates::load`] does.
    pub fn start(
        theme: &Theme,
        base: &Base,
        language: &str,
        timezone: &str,
        labels: &BTreeMap<String, String>,
    ) -> Parsing {
        let theme = Theme {
            templates: theme.templates.clone(),
            statics: BTreeMap::new(),
        };
        let (base, language, timezone, labels) = (
            base.clone(),
            language.to_string(),
            timezone.to_string(),
            labels.clone(),
        );
        let handle = std::thread::Builder::new()
            .name("templates".into())
            .spawn(move || {
                let _t = crate::timings::phase("templates (beside)");
                templates::load(&theme, &base, &language, &timezone, &labels)
            })
            // No thread to be had: the templates are parsed when they are needed.
            .ok();
        Parsing(Mutex::new(handle))
    }

    /// The parsed templates, if a parse was started and has not been taken; waits for it to
    /// finish. `None` also when the parsing thread died: the caller parses in place.
    pub fn take(&self) -> Option<Result<Tera, Errors>> {
        let handle = self.0.lock().unwrap_or_else(|e| e.into_inner()).take()?;
        handle.join().ok()
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
    fn the_parse_is_taken_once_with_its_templates_or_its_errors() {
        let base = Base::new("https://example.com/");
        let labels = BTreeMap::new();
        let good = Parsing::start(&theme("{{ 1 + 1 }}"), &base, "ko", "UTC", &labels);
        let tera = good.take().expect("started").expect("parses");
        assert_eq!(
            tera.render("index.html", &tera::Context::new()).unwrap(),
            "2"
        );
        assert!(good.take().is_none(), "taken once");
        let bad = Parsing::start(&theme("{% if %}"), &base, "ko", "UTC", &labels);
        let errors = bad.take().expect("started").expect_err("fails");
        assert!(errors.0[0].path.ends_with("index.html"), "{errors:?}");
        assert!(Parsing::default().take().is_none());
    }
}
