//! Micro-benchmarks of the hot stages: `cargo bench --bench stages`.
//!
//! They run on posts from the benchmark corpus generator in ../shared (200 posts, generated
//! once into a temp dir), so the inputs look like real blogs: Korean and English prose,
//! lists, tables and fenced code.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use hoego::config::MarkdownConfig;
use hoego::content::front_matter;
use hoego::markdown::{self, RenderOptions, highlight::Highlighter};
use hoego::site::render::{self, Templates};
use hoego::site::{BuildOptions, Site};

fn main() {
    divan::main();
}

struct Corpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
    files: Vec<String>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
        let status = std::process::Command::new("python3")
            .arg(&generator)
            .args(["--posts", "200", "--layout", "jekyll", "--out"])
            .arg(&root)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("python3 runs ../shared/bench/gen_corpus.py");
        assert!(status.success());
        std::fs::write(
            root.join("config.toml"),
            "title = \"bench\"\nbase_url = \"https://example.com/\"\n",
        )
        .unwrap();
        let mut files: Vec<String> = std::fs::read_dir(root.join("_posts"))
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        files.sort();
        Corpus {
            _dir: dir,
            root,
            files,
        }
    })
}

fn bodies() -> Vec<&'static str> {
    corpus()
        .files
        .iter()
        .map(|f| front_matter::parse(Path::new("p.md"), f).unwrap().body)
        .collect()
}

#[divan::bench]
fn front_matter_200_posts(b: Bencher) {
    let files = &corpus().files;
    b.bench(|| {
        for f in files {
            divan::black_box(front_matter::parse(Path::new("p.md"), f).unwrap());
        }
    });
}

fn render_all(bodies: &[&str], highlight: bool, highlighter: &Highlighter) {
    let config = MarkdownConfig {
        highlight,
        ..MarkdownConfig::default()
    };
    let resolve = |_: &str| None;
    let opts = RenderOptions {
        config: &config,
        highlighter,
        resolve_link: &resolve,
        take_title_from_h1: false,
        math: false,
        language: "ko",
        kramdown: false,
        media_subpath: None,
    };
    for body in bodies {
        divan::black_box(markdown::render(body, &opts));
    }
}

#[divan::bench]
fn markdown_200_posts_no_highlighting(b: Bencher) {
    let bodies = bodies();
    let h = Highlighter::default();
    b.bench(|| render_all(&bodies, false, &h));
}

#[divan::bench]
fn markdown_200_posts_with_highlighting(b: Bencher) {
    let bodies = bodies();
    let h = Highlighter::default();
    render_all(&bodies, true, &h); // grammars compiled once, as in a build
    b.bench(|| render_all(&bodies, true, &h));
}

#[divan::bench]
fn highlight_setup_first_rust_block() -> usize {
    // What a small site pays once: loading the grammars and compiling Rust's.
    match Highlighter::default().highlight("rust", "fn main() { println!(\"hi\"); }\n") {
        markdown::highlight::Highlighted::Html(h) => h.len(),
        _ => 0,
    }
}

fn options() -> BuildOptions {
    BuildOptions {
        root: corpus().root.clone(),
        base_url: None,
        drafts: false,
        future: false,
    }
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| Site::load(&options()).unwrap())
}

#[divan::bench]
fn load_and_render_markdown_200_posts() -> usize {
    Site::load(&options()).unwrap().pages.len()
}

#[divan::bench]
fn templates_200_posts(b: Bencher) {
    let site = site();
    let templates = Templates::new(site).unwrap();
    let summaries = render::summaries(site);
    let jobs = render::jobs(site);
    b.bench(|| {
        render::render_jobs(site, &templates, &summaries, &jobs)
            .unwrap()
            .len()
    });
}

#[divan::bench]
fn write_200_post_site(b: Bencher) {
    let site = site();
    let files = render::render_site(site).unwrap();
    let plan = hoego::output::plan(&files, &site.statics, &site.theme.statics);
    let out = tempfile::tempdir().unwrap();
    let mut n = 0;
    let lock = hoego::output::OutputLock::acquire(&out.path().join("public")).unwrap();
    b.bench_local(|| {
        n += 1;
        hoego::output::write_atomically(&lock, &plan)
            .unwrap()
            .written
            .files
    });
}
