//! Themes: the default theme is built into the binary; a site overrides it file by file
//! with `themes/<name>/` and then with its own `templates/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::content::{is_ignored_name, slash_path};
use crate::error::{Diagnostic, Errors};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// The built-in theme's text of template `name`.
pub fn default_template(name: &str) -> Option<&'static [u8]> {
    let rel = format!("templates/{name}");
    embedded::FILES
        .iter()
        .find(|(path, _)| *path == rel)
        .map(|(_, bytes)| *bytes)
}

/// The built-in theme's templates: (name, text).
#[cfg(test)]
pub fn default_templates() -> impl Iterator<Item = (&'static str, String)> {
    embedded::FILES.iter().filter_map(|(rel, bytes)| {
        let name = rel.strip_prefix("templates/")?;
        Some((name, String::from_utf8_lossy(bytes).into_owned()))
    })
}

#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// Where the template came from, for error messages.
    pub origin: PathBuf,
    pub text: String,
}

#[derive(Debug, Clone)]
pub enum Asset {
    Embedded(&'static [u8]),
    File(PathBuf),
}

#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (`post.html`) → file.
    pub templates: BTreeMap<String, TemplateFile>,
    /// Output path (`css/style.css`) → file.
    pub statics: BTreeMap<String, Asset>,
}

impl Theme {
    pub fn resolve(root: &Path, config: &Config) -> Result<Theme, Errors> {
        let mut theme = Theme::default();
        let mut errors = Vec::new();
        if config.theme == "default" {
            for (rel, bytes) in embedded::FILES {
                if let Some(name) = rel.strip_prefix("templates/") {
                    let text = String::from_utf8_lossy(bytes).into_owned();
                    let origin = PathBuf::from(format!("themes/default/{rel} (built in)"));
                    theme
                        .templates
                        .insert(name.to_string(), TemplateFile { origin, text });
                } else if let Some(out) = rel.strip_prefix("static/") {
                    theme
                        .statics
                        .insert(out.to_string(), Asset::Embedded(bytes));
                }
            }
        }
        let theme_dir = root.join("themes").join(&config.theme);
        if theme_dir.is_dir() {
            theme.overlay(
                root,
                &theme_dir.join("templates"),
                &theme_dir.join("static"),
                &mut errors,
            );
        } else if config.theme != "default" {
            let known: Vec<String> = std::fs::read_dir(root.join("themes"))
                .map(|rd| {
                    rd.flatten()
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            let line = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE))
                .ok()
                .and_then(|text| crate::config::key_line(&text, "theme"));
            let d = Diagnostic::new(
                "config.toml",
                format!(
                    "theme `{}` not found: expected a folder themes/{}/ (themes here: {}; `default` is built in)",
                    config.theme,
                    config.theme,
                    if known.is_empty() {
                        "none".into()
                    } else {
                        known.join(", ")
                    }
                ),
            );
            return Err(match line {
                Some(l) => d.at(l, None),
                None => d,
            }
            .into());
        }
        theme.overlay(root, &root.join("templates"), Path::new(""), &mut errors);
        if errors.is_empty() {
            Ok(theme)
        } else {
            Err(Errors(errors))
        }
    }

    fn overlay(
        &mut self,
        root: &Path,
        templates: &Path,
        statics: &Path,
        errors: &mut Vec<Diagnostic>,
    ) {
        for (rel, path) in files(templates) {
            let origin = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    self.templates.insert(rel, TemplateFile { origin, text });
                }
                Err(e) => errors.push(Diagnostic::io(&origin, "read template", &e)),
            }
        }
        if !statics.as_os_str().is_empty() {
            for (rel, path) in files(statics) {
                self.statics.insert(rel, Asset::File(path));
            }
        }
    }
}

fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(is_ignored_name))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = slash_path(e.path().strip_prefix(dir).unwrap_or(e.path()));
            (rel, e.into_path())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_matches_the_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = files(&dir)
            .into_iter()
            .map(|(rel, _)| rel)
            .filter(|rel| rel.starts_with("templates/") || rel.starts_with("static/"))
            .collect();
        let embedded: Vec<&str> = embedded::FILES.iter().map(|(rel, _)| *rel).collect();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn default_theme_has_every_template() {
        let theme = Theme::resolve(Path::new("/nonexistent"), &Config::default()).unwrap();
        for name in [
            "base.html",
            "index.html",
            "post.html",
            "page.html",
            "tag.html",
            "tags.html",
            "archive.html",
            "404.html",
            "feed.xml",
            "sitemap.xml",
        ] {
            assert!(theme.templates.contains_key(name), "{name} missing");
        }
        assert!(theme.statics.contains_key("css/style.css"));
    }
}
