//! Liquid in post bodies, as Jekyll blogs use it: a small evaluator, not a template engine.
//!
//! - `{% raw %}…{% endraw %}`: the markers go everywhere (in code too), the inside is kept
//!   as written; `{% comment %}…{% endcomment %}` is dropped;
//! - `{% post_url NAME %}`, `{% link PATH %}`, `{% include NAME k=v %}` (with `include.k`),
//!   `{% highlight LANG [linenos] %}…{% endhighlight %}` (a fenced code block), and in
//!   includes `{% if %}`/`{% unless %}`/`{% elsif %}`/`{% else %}` and `{% assign %}`;
//! - `{{ site.url }}`, `{{ site.baseurl }}`, `{{ page.* }}`, `{{ include.* }}` with the
//!   filters blogs use (`relative_url`, `absolute_url`, `default`, `escape`, …).
//!
//! Unlike Jekyll, braces inside fenced and indented code and inline code stay literal
//! (`${{ secrets.TOKEN }}` in a workflow example is not eaten). Unknown tags stay as text
//! with a warning.

use serde_json::{Map, Value};

use super::liquid_expr::{self, Scope};

/// What the body's Liquid can see and reach.
pub struct Context<'a> {
    pub site: &'a Map<String, Value>,
    pub page: &'a Map<String, Value>,
    /// `{% post_url NAME %}` → the post's URL.
    pub post_url: &'a dyn Fn(&str) -> Option<String>,
    /// `{% link PATH %}` → the URL of the file at PATH (relative to the site).
    pub link: &'a dyn Fn(&str) -> Option<String>,
    /// `{% include NAME %}` → the text of `_includes/NAME`.
    pub include: &'a dyn Fn(&str) -> Option<String>,
}

/// A warning at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub offset: usize,
    pub message: String,
}

/// Whether the body has any Liquid at all (a cheap test first).
pub fn wanted(body: &str) -> bool {
    memchr::memmem::find(body.as_bytes(), b"{%").is_some()
        || memchr::memmem::find(body.as_bytes(), b"{{").is_some()
}

/// Evaluates the Liquid of a post body.
pub fn render(body: &str, ctx: &Context) -> (String, Vec<Warning>) {
    let mut r = Renderer {
        ctx,
        out: String::with_capacity(body.len()),
        warnings: Vec::new(),
        depth: 0,
        markdown: true,
        steps: 0,
        no_tag: ((0, 0), usize::MAX),
        no_out: ((0, 0), usize::MAX),
        including: Vec::new(),
        includes_left: std::rc::Rc::new(std::cell::Cell::new(MAX_INCLUDES)),
    };
    let mut scope = Scope::new(ctx.site, ctx.page);
    r.body(body, 0, &mut scope);
    (r.out, r.warnings)
}

struct Renderer<'c, 'a> {
    ctx: &'c Context<'a>,
    out: String,
    warnings: Vec<Warning>,
    /// Include nesting, to stop an include that includes itself.
    depth: usize,
    /// Markdown (a post body): code blocks are left alone. An include is a template: no
    /// line of it is code.
    markdown: bool,
    /// Tags and block ends looked at so far, against [`MAX_STEPS`].
    steps: usize,
    /// The text (by address and length) where no tag, or no `}}`, follows these offsets.
    no_tag: ((usize, usize), usize),
    no_out: ((usize, usize), usize),
    /// The includes being rendered, outermost first: one may not include itself again.
    including: Vec<String>,
    /// Includes this post may still render, shared by every nested renderer.
    includes_left: std::rc::Rc<std::cell::Cell<usize>>,
}

/// Includes one post may render in all.
const MAX_INCLUDES: usize = 500;

/// A `{% tag args %}` found in the text: where it starts and ends, its name and arguments.
struct TagAt<'t> {
    start: usize,
    end: usize,
    name: &'t str,
    args: &'t str,
}

/// The longest tag read: `{%` with no `%}` within this many bytes is text.
const MAX_TAG: usize = 4096;

/// The first tag at or after `from`.
fn find_tag(text: &str, from: usize) -> Option<TagAt<'_>> {
    let mut from = from;
    loop {
        let start = from + text.get(from..)?.find("{%")?;
        // The first `%}` after the opener (`{%}` is not a tag).
        let close = start + 2 + text[start + 2..].find("%}")?;
        if close - start > MAX_TAG {
            // Openers this far before the closer cannot reach it either.
            from = (close - MAX_TAG).max(start + 2);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            continue;
        }
        let inner = text[start + 2..close].trim_matches('-').trim();
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        return Some(TagAt {
            start,
            end: close + 2,
            name,
            args: args.trim(),
        });
    }
}

/// Searches a post's Liquid may make, in all: past this, block tags count as unclosed (a
/// post built to make the evaluator scan forever does not).
const MAX_STEPS: usize = 2_000_000;

impl<'c, 'a> Renderer<'c, 'a> {
    fn warn(&mut self, offset: usize, message: String) {
        self.warnings.push(Warning { offset, message });
    }

    /// A renderer for a part of the text (a branch, a capture, an include), writing apart.
    fn nested(&self, markdown: bool) -> Renderer<'c, 'a> {
        Renderer {
            ctx: self.ctx,
            out: String::new(),
            warnings: Vec::new(),
            depth: self.depth,
            markdown,
            steps: self.steps,
            no_tag: ((0, 0), usize::MAX),
            no_out: ((0, 0), usize::MAX),
            including: self.including.clone(),
            includes_left: std::rc::Rc::clone(&self.includes_left),
        }
    }

    /// [`find_tag`], remembering where none is left, so a post of unclosed `{%` is read in
    /// linear time.
    fn next_tag<'t>(&mut self, text: &'t str, from: usize) -> Option<TagAt<'t>> {
        let key = (text.as_ptr() as usize, text.len());
        if self.no_tag.0 == key && from >= self.no_tag.1 {
            return None;
        }
        self.steps += 1;
        let found = find_tag(text, from);
        if found.is_none() {
            self.no_tag = (
                key,
                from.min(if self.no_tag.0 == key {
                    self.no_tag.1
                } else {
                    from
                }),
            );
        }
        found
    }

    /// The `}}` closing an output at `at`, remembering where none is left.
    fn out_close(&mut self, text: &str, at: usize) -> Option<usize> {
        let key = (text.as_ptr() as usize, text.len());
        if self.no_out.0 == key && at >= self.no_out.1 {
            return None;
        }
        let found = text[at + 2..].find("}}").map(|i| at + 2 + i);
        if found.is_none() {
            self.no_out = (key, at);
        }
        found
    }

    /// Where the block opened by `open` (nesting counted) ends: the start of its closing tag
    /// and the offset after it. Counts against [`MAX_STEPS`].
    fn block_end(
        &mut self,
        text: &str,
        from: usize,
        open: &str,
        close: &str,
    ) -> Option<(usize, usize)> {
        let mut depth = 0;
        let mut pos = from;
        while let Some(t) = self.next_tag(text, pos) {
            if self.steps > MAX_STEPS {
                return None;
            }
            if t.name == open && open != "raw" {
                depth += 1;
            } else if t.name == close {
                if depth == 0 {
                    return Some((t.start, t.end));
                }
                depth -= 1;
            }
            pos = t.end;
        }
        None
    }

    /// Renders `text` (which starts at `base` in the body) line by line, leaving code alone.
    fn body(&mut self, text: &str, base: usize, scope: &mut Scope) {
        if !self.markdown {
            let mut pos = 0;
            while pos < text.len() {
                pos = self
                    .line(text, pos, text.len(), base, scope)
                    .unwrap_or(text.len());
            }
            return;
        }
        let mut pos = 0;
        let mut fence: Option<(u8, usize)> = None;
        let mut prev_blank = true;
        let mut prev_code = false;
        let mut in_list = false;
        while pos < text.len() {
            let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
            let line = &text[pos..line_end];
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            let is_fence = |t: &str| {
                let b = t.bytes().take_while(|b| *b == b'`').count();
                let tl = t.bytes().take_while(|b| *b == b'~').count();
                (b >= 3)
                    .then_some((b'`', b))
                    .or((tl >= 3).then_some((b'~', tl)))
            };
            if let Some((ch, len)) = fence {
                let run = trimmed.bytes().take_while(|b| *b == ch).count();
                if run >= len && trimmed[run..].trim().is_empty() {
                    fence = None;
                }
                self.code_line(line);
                pos = line_end;
                continue;
            }
            if indent < 4
                && let Some(f) = is_fence(trimmed)
            {
                fence = Some(f);
                self.code_line(line);
                pos = line_end;
                prev_blank = false;
                continue;
            }
            let blank = trimmed.trim().is_empty();
            if indent < 4 && super::kramdown::is_list_item(trimmed) {
                in_list = true;
            } else if !blank && indent == 0 && prev_blank {
                in_list = false;
            }
            // An indented line after a blank line is code, unless it continues a list item.
            let code = !blank && indent >= 4 && (prev_blank || prev_code) && !in_list;
            if code {
                self.code_line(line);
                prev_code = true;
                prev_blank = false;
                pos = line_end;
                continue;
            }
            prev_code = false;
            prev_blank = blank;
            // Block tags may span lines: hand the rest of the text over from here.
            match self.line(text, pos, line_end, base, scope) {
                Some(next) => pos = next,
                None => pos = line_end,
            }
        }
    }

    /// A line of code: only `{% raw %}` markers go.
    fn code_line(&mut self, line: &str) {
        let mut rest = line;
        while let Some(t) = find_tag(rest, 0) {
            if matches!(t.name, "raw" | "endraw") {
                self.out.push_str(&rest[..t.start]);
                rest = &rest[t.end..];
            } else {
                self.out.push_str(&rest[..t.end]);
                rest = &rest[t.end..];
            }
        }
        self.out.push_str(rest);
    }

    /// Renders from `pos` to the end of its line; a block tag that runs past the line
    /// returns where rendering goes on.
    fn line(
        &mut self,
        text: &str,
        mut pos: usize,
        line_end: usize,
        base: usize,
        scope: &mut Scope,
    ) -> Option<usize> {
        while pos < line_end {
            let rest = &text[pos..line_end];
            let next_tag = rest.find("{%").map(|i| pos + i);
            let next_out = rest.find("{{").map(|i| pos + i);
            let next_code = rest.find('`').filter(|_| self.markdown).map(|i| pos + i);
            let first = [next_tag, next_out, next_code].into_iter().flatten().min();
            let Some(at) = first else {
                self.out.push_str(rest);
                return None;
            };
            self.out.push_str(&text[pos..at]);
            if Some(at) == next_code {
                // Inline code: copied as written up to the closing run of backticks.
                let ticks = text[at..].bytes().take_while(|b| *b == b'`').count();
                let after = at + ticks;
                let close = text[after..line_end]
                    .find(&"`".repeat(ticks))
                    .map(|i| after + i + ticks)
                    .unwrap_or(after);
                self.out.push_str(&text[at..close]);
                pos = close;
            } else if Some(at) == next_out {
                let Some(close) = self.out_close(text, at) else {
                    self.out.push_str(&text[at..line_end]);
                    return None;
                };
                let expr = text[at + 2..close].trim_matches('-').trim();
                let value = liquid_expr::output(expr, scope, &mut |name| {
                    self.warnings.push(Warning {
                        offset: base + at,
                        message: format!("unknown Liquid filter `{name}`: left out"),
                    })
                });
                self.out.push_str(&value);
                pos = close + 2;
                if close + 2 > line_end {
                    return Some(close + 2);
                }
            } else {
                let Some(tag) = self.next_tag(text, at) else {
                    self.out.push_str(&text[at..line_end]);
                    return None;
                };
                if tag.start != at {
                    // This `{%` opens no tag (no `%}` near it): it is text.
                    self.out.push_str("{%");
                    pos = at + 2;
                    continue;
                }
                let next = self.tag(text, &tag, base, scope);
                if next > line_end {
                    return Some(next);
                }
                pos = next;
            }
        }
        None
    }

    /// Handles one tag; returns where rendering goes on.
    fn tag(&mut self, text: &str, tag: &TagAt, base: usize, scope: &mut Scope) -> usize {
        let at = base + tag.start;
        match tag.name {
            "raw" => match self.block_end(text, tag.end, "raw", "endraw") {
                Some((inner_end, after)) => {
                    self.out.push_str(&text[tag.end..inner_end]);
                    after
                }
                None => tag.end,
            },
            "endraw" => tag.end,
            "comment" => self
                .block_end(text, tag.end, "comment", "endcomment")
                .map_or(tag.end, |e| e.1),
            "highlight" => {
                let mut words = tag.args.split_whitespace();
                let lang = words.next().unwrap_or("");
                match self.block_end(text, tag.end, "highlight", "endhighlight") {
                    Some((inner_end, after)) => {
                        // Jekyll renders the block's Liquid before highlighting it: its
                        // `{% raw %}` markers go, its variables are filled in.
                        let mut inner = self.nested(false);
                        inner.body(&text[tag.end..inner_end], base + tag.end, scope);
                        self.warnings.append(&mut inner.warnings);
                        let code = inner.out.trim_matches('\n');
                        self.out.push_str(&format!("```{lang}\n{code}\n```"));
                        after
                    }
                    None => tag.end,
                }
            }
            "post_url" => {
                let name = tag.args.trim();
                match (self.ctx.post_url)(name) {
                    Some(url) => self.out.push_str(&url),
                    None => {
                        self.warn(at, format!("{{% post_url {name} %}}: no such post"));
                        self.out.push_str(&text[tag.start..tag.end]);
                    }
                }
                tag.end
            }
            "link" => {
                let path = liquid_expr::output(tag.args, scope, &mut |_| {});
                let path = if path.is_empty() {
                    tag.args.to_string()
                } else {
                    path
                };
                match (self.ctx.link)(path.trim_start_matches('/')) {
                    Some(url) => self.out.push_str(&url),
                    None => {
                        self.warn(at, format!("{{% link {path} %}}: no such file"));
                        self.out.push_str(&text[tag.start..tag.end]);
                    }
                }
                tag.end
            }
            "gist" => {
                let mut words = tag.args.split_whitespace();
                let first = words.next().unwrap_or("");
                // A variable's value, as jekyll-gist reads `{% gist page.gist %}`.
                let id = match liquid_expr::value(first, scope, &mut |_| {}) {
                    Value::String(s) => s,
                    _ => first.to_string(),
                };
                match super::gist::html(&id, words.next()) {
                    Some(html) => self.out.push_str(&html),
                    None => {
                        self.warn(
                            at,
                            format!("{{% gist {} %}}: not a gist id", tag.args.trim()),
                        );
                        self.out.push_str(&text[tag.start..tag.end]);
                    }
                }
                tag.end
            }
            "include" | "include_relative" | "include_cached" => {
                self.include(tag, at, scope);
                tag.end
            }
            "assign" => {
                if let Some((name, expr)) = tag.args.split_once('=') {
                    let v = liquid_expr::value(expr.trim(), scope, &mut |_| {});
                    scope.assign(name.trim(), v);
                }
                tag.end
            }
            "for" => self.for_loop(text, tag, base, scope),
            "capture" => match self.block_end(text, tag.end, "capture", "endcapture") {
                Some((inner_end, after)) => {
                    let mut inner = self.nested(self.markdown);
                    inner.body(&text[tag.end..inner_end], base + tag.end, scope);
                    self.warnings.append(&mut inner.warnings);
                    scope.assign(tag.args.trim(), Value::String(inner.out));
                    after
                }
                None => tag.end,
            },
            "if" | "unless" => self.conditional(text, tag, base, scope),
            _ => {
                self.warn(
                    at,
                    format!(
                        "Liquid tag `{}` is not supported in posts: left as text",
                        tag.name
                    ),
                );
                self.out.push_str(&text[tag.start..tag.end]);
                tag.end
            }
        }
    }

    /// `{% if %}` / `{% unless %}` with `elsif` and `else`: the first branch whose condition
    /// holds is rendered.
    fn conditional(&mut self, text: &str, tag: &TagAt, base: usize, scope: &mut Scope) -> usize {
        let Some((_, after)) = self.block_end(text, tag.end, tag.name, &format!("end{}", tag.name))
        else {
            self.out.push_str(&text[tag.start..tag.end]);
            return tag.end;
        };
        // Branches at this nesting level.
        let mut branches: Vec<(Option<String>, usize, usize)> = Vec::new();
        let mut cond = Some(if tag.name == "unless" {
            format!("not ({})", tag.args)
        } else {
            tag.args.to_string()
        });
        let mut start = tag.end;
        let mut pos = tag.end;
        let mut depth = 0;
        while let Some(t) = self.next_tag(text, pos) {
            if t.start >= after {
                break;
            }
            match t.name {
                "if" | "unless" | "case" | "for" => depth += 1,
                "endif" | "endunless" | "endcase" | "endfor" if depth > 0 => depth -= 1,
                "elsif" | "else" if depth == 0 => {
                    branches.push((cond.take(), start, t.start));
                    cond = Some(if t.name == "else" {
                        "true".into()
                    } else {
                        t.args.to_string()
                    });
                    start = t.end;
                }
                "endif" | "endunless" if depth == 0 => {
                    branches.push((cond.take(), start, t.start));
                    break;
                }
                _ => {}
            }
            pos = t.end;
        }
        for (cond, from, to) in branches {
            let cond = cond.unwrap_or_default();
            if liquid_expr::condition(&cond, scope) {
                self.body(&text[from..to], base + from, scope);
                break;
            }
        }
        after
    }

    /// `{% for x in list [limit: n] [offset: n] [reversed] %}…{% else %}…{% endfor %}`, with
    /// `forloop.index`, `index0`, `first`, `last` and `length`.
    fn for_loop(&mut self, text: &str, tag: &TagAt, base: usize, scope: &mut Scope) -> usize {
        let Some((inner_end, after)) = self.block_end(text, tag.end, "for", "endfor") else {
            self.out.push_str(&text[tag.start..tag.end]);
            return tag.end;
        };
        let Some((var, rest)) = tag.args.split_once(" in ") else {
            self.out.push_str(&text[tag.start..after]);
            return after;
        };
        let mut words = rest.split_whitespace();
        let list_expr = words.next().unwrap_or("");
        let (mut limit, mut offset, mut reversed) = (usize::MAX, 0, false);
        let rest: Vec<&str> = words.collect();
        for (i, w) in rest.iter().enumerate() {
            let number = |w: &str, next: Option<&&str>| {
                w.split_once(':')
                    .map(|(_, v)| v)
                    .filter(|v| !v.is_empty())
                    .or(next.copied())
                    .and_then(|v| v.parse::<usize>().ok())
            };
            if w.starts_with("limit") {
                limit = number(w, rest.get(i + 1)).unwrap_or(limit);
            } else if w.starts_with("offset") {
                offset = number(w, rest.get(i + 1)).unwrap_or(0);
            } else if *w == "reversed" {
                reversed = true;
            }
        }
        // The `{% else %}` of this loop (not of a nested tag) splits off the empty branch.
        let mut split = inner_end;
        let mut else_end = inner_end;
        let (mut pos, mut depth) = (tag.end, 0);
        while let Some(t) = self.next_tag(text, pos) {
            if t.start >= inner_end {
                break;
            }
            match t.name {
                "for" | "if" | "unless" | "case" => depth += 1,
                "endfor" | "endif" | "endunless" | "endcase" => depth -= 1,
                "else" if depth == 0 => {
                    split = t.start;
                    else_end = t.end;
                    break;
                }
                _ => {}
            }
            pos = t.end;
        }
        let mut items = match liquid_expr::value(list_expr, scope, &mut |_| {}) {
            Value::Array(items) => items,
            Value::Object(map) => map
                .into_iter()
                .map(|(k, v)| Value::Array(vec![Value::String(k), v]))
                .collect(),
            Value::Null => Vec::new(),
            other => vec![other],
        };
        if reversed {
            items.reverse();
        }
        let items: Vec<Value> = items.into_iter().skip(offset).take(limit).collect();
        if items.is_empty() {
            if else_end < inner_end {
                self.body(&text[else_end..inner_end], base + else_end, scope);
            }
            return after;
        }
        let n = items.len();
        for (i, item) in items.into_iter().enumerate() {
            scope.assign(var.trim(), item);
            scope.assign(
                "forloop",
                serde_json::json!({
                    "index": i + 1, "index0": i, "first": i == 0, "last": i + 1 == n,
                    "length": n, "rindex": n - i, "rindex0": n - i - 1,
                }),
            );
            self.body(&text[tag.end..split], base + tag.end, scope);
        }
        after
    }

    fn include(&mut self, tag: &TagAt, at: usize, scope: &mut Scope) {
        let mut words = tag.args.splitn(2, char::is_whitespace);
        let name = words.next().unwrap_or("").trim();
        let params = words.next().unwrap_or("");
        if self.depth >= 10 || self.including.iter().any(|n| n == name) {
            self.warn(
                at,
                format!("{{% include {name} %}} includes itself: stopped"),
            );
            return;
        }
        if self.includes_left.get() == 0 {
            self.warn(
                at,
                format!("{{% include {name} %}}: more than {MAX_INCLUDES} includes in one post: left out"),
            );
            return;
        }
        self.includes_left.set(self.includes_left.get() - 1);
        let Some(source) = (self.ctx.include)(name) else {
            self.warn(
                at,
                format!("{{% include {name} %}}: no _includes/{name} in this site: left out"),
            );
            return;
        };
        let mut include = Map::new();
        for (k, v) in liquid_expr::params(params) {
            include.insert(k.to_string(), liquid_expr::value(v, scope, &mut |_| {}));
        }
        let mut inner_scope = scope.with_include(include);
        self.depth += 1;
        let mut inner = self.nested(false);
        inner.including.push(name.to_string());
        // Warnings inside the include point at the tag that included it.
        inner.body(&source, 0, &mut inner_scope);
        self.depth -= 1;
        self.warnings.extend(
            inner
                .warnings
                .into_iter()
                .map(|w| Warning { offset: at, ..w }),
        );
        self.out.push_str(inner.out.trim_end_matches('\n'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Map<String, Value> {
        serde_json::from_str(r#"{"url":"https://me.github.io","baseurl":"/blog","title":"블로그"}"#)
            .unwrap()
    }

    fn run(body: &str) -> (String, Vec<Warning>) {
        let site = site();
        let page: Map<String, Value> =
            serde_json::from_str(r#"{"title":"글 제목","tags":["a","b"],"gist":"me/abc"}"#)
                .unwrap();
        let post_url = |name: &str| {
            (name.ends_with("2023-01-01-hello") || name == "hello")
                .then(|| "/blog/2023/hello/".to_string())
        };
        let link = |path: &str| (path == "about.md").then(|| "/blog/about/".to_string());
        let include = |name: &str| match name {
            "video" => {
                Some("<iframe src=\"https://youtu.be/{{ include.id }}\"></iframe>\n".to_string())
            }
            "note.html" => Some(
                "{% if include.title %}<b>{{ include.title }}</b>{% else %}<b>메모</b>{% endif %}"
                    .to_string(),
            ),
            "loop" => Some("{% include loop %}".to_string()),
            _ => None,
        };
        let ctx = Context {
            site: &site,
            page: &page,
            post_url: &post_url,
            link: &link,
            include: &include,
        };
        render(body, &ctx)
    }

    #[test]
    fn urls_and_variables() {
        let (out, w) = run(
            "[앞 글]({% post_url 2023-01-01-hello %}) [소개]({% link about.md %})\n![x]({{ site.baseurl }}/img/a.png) {{ \"/x/\" | relative_url }} {{ '/y' | absolute_url }} {{ page.title }}\n",
        );
        assert_eq!(
            out,
            "[앞 글](/blog/2023/hello/) [소개](/blog/about/)\n![x](/blog/img/a.png) /blog/x/ https://me.github.io/blog/y 글 제목\n"
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn code_is_left_alone_and_raw_markers_go_everywhere() {
        let body = "```yaml\ntoken: ${{ secrets.TOKEN }}\n{% raw %}\n{{ kept }}\n{% endraw %}\n```\n\n    {{ indented }}\n\n본문 `{{ inline }}` 그리고 {% raw %}{{ literal }}{% endraw %}\n";
        let (out, w) = run(body);
        assert_eq!(
            out,
            "```yaml\ntoken: ${{ secrets.TOKEN }}\n\n{{ kept }}\n\n```\n\n    {{ indented }}\n\n본문 `{{ inline }}` 그리고 {{ literal }}\n"
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn a_list_items_indented_paragraph_is_not_code() {
        let (out, _) =
            run("1. 단계\n\n    ![그림]({{ site.baseurl }}/a.png)\n\n글\n\n    {{ code }}\n");
        assert!(out.contains("![그림](/blog/a.png)"), "{out}");
        assert!(out.contains("    {{ code }}"), "{out}");
    }

    #[test]
    fn includes_highlight_and_unknown_tags() {
        let (out, w) = run(
            "{% include video id=\"abc\" %}\n{% include note.html title=page.title %}\n{% include note.html %}\n{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n{% include missing.html %}\n{% gist 123 %}\n{% gist page.gist a.rb %}\n{% gist ../x %}\n{% include loop %}\n{% comment %}숨김{% endcomment %}끝\n",
        );
        assert!(
            out.contains("<iframe src=\"https://youtu.be/abc\"></iframe>"),
            "{out}"
        );
        assert!(out.contains("<b>글 제목</b>"), "{out}");
        assert!(out.contains("<b>메모</b>"), "{out}");
        assert!(out.contains("```ruby\nputs 1\n```"), "{out}");
        // jekyll-gist's script tag, the id also from a variable; a path that is not an id
        // stays as text with a warning.
        assert!(
            out.contains("<script src=\"https://gist.github.com/123.js\"> </script>"),
            "{out}"
        );
        assert!(
            out.contains("<script src=\"https://gist.github.com/me/abc.js?file=a.rb\">"),
            "{out}"
        );
        assert!(out.contains("{% gist ../x %}"), "{out}");
        assert!(out.contains("\n끝\n"), "{out}");
        let messages: Vec<&str> = w.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("missing.html"));
        assert!(messages[1].contains("not a gist id"));
        assert!(messages[2].contains("includes itself"));
    }

    #[test]
    fn a_highlight_blocks_liquid_is_rendered_first_as_jekyll_does() {
        // The way theme documentation shows Liquid: `{% raw %}` inside the block.
        let (out, w) = run(
            "{% highlight html %}\n{% raw %}<a href=\"{{ page.url }}\">{% if x %}{% endif %}</a>{% endraw %}\n{% endhighlight %}\n\
             {% highlight text %}\n{{ site.baseurl }}/a.png\n{% endhighlight %}\n",
        );
        assert!(
            out.contains("```html\n<a href=\"{{ page.url }}\">{% if x %}{% endif %}</a>\n```"),
            "{out}"
        );
        assert!(out.contains("```text\n/blog/a.png\n```"), "{out}");
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn loops_in_includes_and_indented_template_lines() {
        let site = site();
        let page: Map<String, Value> = serde_json::from_str(
            r#"{"gallery":[{"url":"a.png","alt":"가"},{"url":"b.png","alt":"나"}]}"#,
        )
        .unwrap();
        let none = |_: &str| None;
        let include = |name: &str| {
            (name == "gallery").then(|| {
                "<figure>\n\n    {% for img in page.gallery %}\n    <img src=\"{{ img.url | relative_url }}\" alt=\"{{ img.alt }}\">{% if forloop.last %}.{% endif %}\n    {% endfor %}\n    {% for x in page.none %}x{% else %}없음{% endfor %}\n</figure>".to_string()
            })
        };
        let ctx = Context {
            site: &site,
            page: &page,
            post_url: &none,
            link: &none,
            include: &include,
        };
        let (out, w) = render("{% include gallery %}\n", &ctx);
        assert!(
            out.contains("<img src=\"/blog/a.png\" alt=\"가\">"),
            "{out}"
        );
        assert!(
            out.contains("<img src=\"/blog/b.png\" alt=\"나\">."),
            "{out}"
        );
        assert!(out.contains("없음"), "{out}");
        assert!(!out.contains("{%"), "{out}");
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn adversarial_liquid_ends_quickly_and_never_panics() {
        let site = site();
        let page = Map::new();
        let none = |_: &str| None;
        // Six includes of itself at every level would be 6^10 renders.
        let include = |name: &str| (name == "a").then(|| "{% include a %}".repeat(6));
        let ctx = Context {
            site: &site,
            page: &page,
            post_url: &none,
            link: &none,
            include: &include,
        };
        let started = std::time::Instant::now();
        let (_, w) = render("{% include a %}\n{%}\n가{%}나\n", &ctx);
        assert!(w.iter().any(|w| w.message.contains("includes itself")));
        let or_chain = format!(
            "{{% if {} or true %}}x{{% endif %}}",
            vec!["a"; 700].join(" or ")
        );
        let (out, _) = render(&or_chain, &ctx);
        assert_eq!(out, "x");
        let too_long = format!(
            "{{% if {} %}}x{{% endif %}}",
            vec!["a"; 20_000].join(" or ")
        );
        let (out, _) = render(&too_long, &ctx);
        assert!(out.starts_with("{% if a or a"), "a tag this long is text");
        let unclosed = "{% x\n{{ y\n{% if a %}\n".repeat(20_000);
        let (out, _) = render(&unclosed, &ctx);
        assert!(out.starts_with("{% x\n{{ y\n"));
        // Not a timed assertion of speed: a guard against the quadratic scans coming back,
        // generous enough for any machine.
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
    }

    #[test]
    fn a_post_url_that_does_not_exist_is_a_warning() {
        let (out, w) = run("[x]({% post_url 2020-01-01-nope %})\n");
        assert_eq!(out, "[x]({% post_url 2020-01-01-nope %})\n");
        assert_eq!(w[0].offset, 4);
    }
}
