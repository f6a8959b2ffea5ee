//! Templates that would render forever: Tera follows `{% include %}` and macro calls without
//! a depth limit, so `post.html` including itself overflows the stack and kills the process.
//! Before anything renders, the includes, `extends` and macro calls of every template are
//! followed; a template that reaches itself through includes, or a macro that calls itself
//! with no `if` or `for` on the way (nothing that could ever stop it), is an error naming the
//! template and the line.

use std::collections::HashMap;

use tera::Tera;
use tera::ast::{Expr, ExprVal, Node};

use crate::error::Diagnostic;
use crate::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Unit {
    Template(String),
    /// A macro, by the template that defines it and its name.
    Macro(String, String),
}

/// One way a unit makes another render.
#[derive(Debug, Clone)]
struct Edge {
    to: Unit,
    /// What the source says, to find its line: the included name or the macro's name.
    needle: String,
}

/// The first template or macro that reaches itself, as an error.
pub fn check(tera: &Tera, theme: &Theme) -> Result<(), Diagnostic> {
    let mut graph: HashMap<Unit, Vec<Edge>> = HashMap::new();
    let names: Vec<String> = tera.get_template_names().map(String::from).collect();
    for name in &names {
        let Ok(t) = tera.get_template(name) else {
            continue;
        };
        let imports: HashMap<&str, &str> = t
            .imported_macro_files
            .iter()
            .map(|(file, ns)| (ns.as_str(), file.as_str()))
            .collect();
        let mut edges = Vec::new();
        if let Some(parent) = &t.parent {
            edges.push(Edge {
                to: Unit::Template(parent.clone()),
                needle: parent.clone(),
            });
        }
        let mut ctx = Walk {
            file: name,
            imports: &imports,
            edges: &mut edges,
        };
        ctx.nodes(&t.ast, false);
        graph.insert(Unit::Template(name.clone()), edges);
        for (mname, def) in &t.macros {
            let mut edges = Vec::new();
            Walk {
                file: name,
                imports: &imports,
                edges: &mut edges,
            }
            .nodes(&def.body, false);
            graph.insert(Unit::Macro(name.clone(), mname.clone()), edges);
        }
    }
    let mut state: HashMap<Unit, u8> = HashMap::new();
    let mut units: Vec<&Unit> = graph.keys().collect();
    units.sort_by_key(|u| format!("{u:?}"));
    for unit in units {
        let mut path = Vec::new();
        if let Some(cycle) = visit(unit, &graph, &mut state, &mut path) {
            return Err(report(&cycle, theme));
        }
    }
    Ok(())
}

/// Depth-first search; the cycle found, as the edges taken from its first unit back to it.
fn visit(
    unit: &Unit,
    graph: &HashMap<Unit, Vec<Edge>>,
    state: &mut HashMap<Unit, u8>,
    path: &mut Vec<(Unit, Edge)>,
) -> Option<Vec<(Unit, Edge)>> {
    match state.get(unit) {
        Some(2) => return None,
        Some(1) => {
            let start = path.iter().position(|(u, _)| u == unit).unwrap_or(0);
            return Some(path[start..].to_vec());
        }
        _ => {}
    }
    state.insert(unit.clone(), 1);
    for edge in graph.get(unit).map(Vec::as_slice).unwrap_or(&[]) {
        path.push((unit.clone(), edge.clone()));
        if let Some(cycle) = visit(&edge.to, graph, state, path) {
            return Some(cycle);
        }
        path.pop();
    }
    state.insert(unit.clone(), 2);
    None
}

fn report(cycle: &[(Unit, Edge)], theme: &Theme) -> Diagnostic {
    let describe = |u: &Unit| match u {
        Unit::Template(t) => format!("`{t}`"),
        Unit::Macro(t, m) => format!("macro `{m}` of `{t}`"),
    };
    let (first, edge) = &cycle[0];
    let chain: Vec<String> = cycle
        .iter()
        .map(|(u, _)| describe(u))
        .chain(std::iter::once(describe(first)))
        .collect();
    let file = match first {
        Unit::Template(t) | Unit::Macro(t, _) => t,
    };
    let message = if cycle.len() == 1 {
        format!(
            "template recursion: {} renders itself ({}), which never ends",
            describe(first),
            chain.join(" → ")
        )
    } else {
        format!(
            "template recursion: {} renders itself through {}, which never ends",
            describe(first),
            chain.join(" → ")
        )
    };
    let hint = match first {
        Unit::Macro(..) => "; put the recursive call under an `if` that can stop it",
        Unit::Template(_) => "; use a macro with a stopping `if` for recursive markup",
    };
    let (origin, text) = match theme.templates.get(file) {
        Some(f) => (f.origin.clone(), f.text.as_str()),
        None => (file.into(), ""),
    };
    let d = Diagnostic::new(origin, format!("{message}{hint}"));
    match line_of(text, &edge.needle) {
        Some(line) => d.at(line, None),
        None => d,
    }
}

/// The first line of a template's source inside a `{% … %}` or `{{ … }}` tag that names
/// `needle`.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.contains(needle) && (l.contains("{%") || l.contains("{{")))
        .map(|i| i + 1)
}

struct Walk<'a> {
    file: &'a str,
    imports: &'a HashMap<&'a str, &'a str>,
    edges: &'a mut Vec<Edge>,
}

impl Walk<'_> {
    /// Collects what `nodes` render. `guarded`: under an `if` or `for`, which may stop a
    /// macro's recursion; an include is followed either way, since it sees the same context
    /// at every depth.
    fn nodes(&mut self, nodes: &[Node], guarded: bool) {
        for node in nodes {
            match node {
                Node::Include(_, names, _) => {
                    for n in names {
                        self.edges.push(Edge {
                            to: Unit::Template(n.clone()),
                            needle: n.clone(),
                        });
                    }
                }
                Node::VariableBlock(_, e) => self.expr(e, guarded),
                Node::Set(_, set) => self.expr(&set.value, guarded),
                Node::FilterSection(_, f, _) => self.nodes(&f.body, guarded),
                Node::Block(_, b, _) => self.nodes(&b.body, guarded),
                Node::Forloop(_, f, _) => {
                    self.expr(&f.container, guarded);
                    self.nodes(&f.body, true);
                    if let Some(empty) = &f.empty_body {
                        self.nodes(empty, true);
                    }
                }
                Node::If(i, _) => {
                    for (n, (_, cond, body)) in i.conditions.iter().enumerate() {
                        // The first condition always runs; what follows it may not.
                        self.expr(cond, guarded || n > 0);
                        self.nodes(body, true);
                    }
                    if let Some((_, body)) = &i.otherwise {
                        self.nodes(body, true);
                    }
                }
                _ => {}
            }
        }
    }

    fn expr(&mut self, e: &Expr, guarded: bool) {
        match &e.val {
            ExprVal::MacroCall(call) => {
                let file = if call.namespace == "self" {
                    Some(self.file)
                } else {
                    self.imports.get(call.namespace.as_str()).copied()
                };
                if let (Some(file), false) = (file, guarded) {
                    self.edges.push(Edge {
                        to: Unit::Macro(file.to_string(), call.name.clone()),
                        needle: format!("{}::{}", call.namespace, call.name),
                    });
                }
                for arg in call.args.values() {
                    self.expr(arg, guarded);
                }
            }
            ExprVal::FunctionCall(f) => {
                for arg in f.args.values() {
                    self.expr(arg, guarded);
                }
            }
            ExprVal::Math(m) => {
                self.expr(&m.lhs, guarded);
                self.expr(&m.rhs, guarded);
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs, guarded);
                // `a and b`, `a or b`: the right side may never be evaluated.
                self.expr(&l.rhs, true);
            }
            ExprVal::Array(items) => {
                for item in items {
                    self.expr(item, guarded);
                }
            }
            ExprVal::In(i) => {
                self.expr(&i.lhs, guarded);
                self.expr(&i.rhs, guarded);
            }
            _ => {}
        }
        for filter in &e.filters {
            for arg in filter.args.values() {
                self.expr(arg, guarded);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::TemplateFile;

    fn setup(files: &[(&str, &str)]) -> (Tera, Theme) {
        let mut tera = Tera::default();
        tera.add_raw_templates(files.to_vec()).unwrap();
        let mut theme = Theme::default();
        for (name, text) in files {
            theme.templates.insert(
                name.to_string(),
                TemplateFile {
                    origin: format!("templates/{name}").into(),
                    text: text.to_string(),
                },
            );
        }
        (tera, theme)
    }

    #[test]
    fn a_template_that_includes_itself_is_an_error_with_its_line() {
        let (tera, theme) = setup(&[("post.html", "<p>\n{% include \"post.html\" %}\n</p>")]);
        let err = check(&tera, &theme).unwrap_err();
        assert_eq!(err.path, std::path::Path::new("templates/post.html"));
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("`post.html`"), "{}", err.message);
    }

    #[test]
    fn include_cycles_through_other_templates_and_conditions_are_found() {
        let (tera, theme) = setup(&[
            (
                "a.html",
                "{% if page.title %}{% include \"b.html\" %}{% endif %}",
            ),
            (
                "b.html",
                "{% for x in xs %}{% include \"a.html\" %}{% endfor %}",
            ),
        ]);
        let err = check(&tera, &theme).unwrap_err();
        assert!(err.message.contains("a.html"), "{}", err.message);
        assert!(err.message.contains("b.html"), "{}", err.message);
    }

    #[test]
    fn unconditional_macro_recursion_is_an_error_but_a_guarded_one_is_not() {
        let (tera, theme) = setup(&[
            (
                "m.html",
                "{% macro tree(items) %}{% for i in items %}{{ self::tree(items=i.children) }}{% endfor %}{% endmacro %}\n{% macro loop(n) %}\n{{ self::loop(n=n) }}{% endmacro %}",
            ),
            (
                "page.html",
                "{% import \"m.html\" as m %}{{ m::tree(items=[]) }}",
            ),
        ]);
        let err = check(&tera, &theme).unwrap_err();
        assert!(err.message.contains("macro `loop`"), "{}", err.message);
        assert_eq!(err.line, Some(3));

        let (tera, theme) = setup(&[(
            "m.html",
            "{% macro tree(items) %}{% for i in items %}{{ self::tree(items=i.children) }}{% endfor %}{% endmacro %}",
        )]);
        assert!(check(&tera, &theme).is_ok());
    }
}
