//! The default theme's templates as Tera's parser makes them, built when hoego is compiled
//! (`build/template_ast.rs`): a build with the built-in theme does not parse it again.

mod generated {
    include!(concat!(env!("OUT_DIR"), "/default_theme_ast.rs"));
}

use tera::Template;

/// The parsed template `name` when `text` is the built-in theme's text for it, whatever
/// folder it came from; `None` for a template a site or theme changed.
pub fn built_in(name: &str, text: &str) -> Option<Template> {
    if crate::theme::default_template(name)? != text.as_bytes() {
        return None;
    }
    generated::template(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in template's tree is what Tera's parser makes of its text now.
    #[test]
    fn built_trees_are_what_tera_parses() {
        let mut seen = 0;
        for (name, text) in crate::theme::default_templates() {
            let built = built_in(name, &text).expect("a built-in template");
            let parsed = Template::new(name, None, &text).unwrap();
            assert_eq!(built.name, parsed.name, "{name}");
            assert_eq!(built.ast, parsed.ast, "{name}");
            assert_eq!(built.macros, parsed.macros, "{name}");
            assert_eq!(
                built.imported_macro_files, parsed.imported_macro_files,
                "{name}"
            );
            assert_eq!(built.parent, parsed.parent, "{name}");
            assert_eq!(built.blocks, parsed.blocks, "{name}");
            seen += 1;
        }
        assert!(seen >= 19, "{seen} templates");
    }

    #[test]
    fn a_changed_template_is_not_built_in() {
        let (name, text) = crate::theme::default_templates().next().unwrap();
        assert!(built_in(name, &format!("{text} ")).is_none());
        assert!(built_in("no-such.html", "").is_none());
    }
}
