//! Site search: the index `hoego build` writes, and the default theme's search page in a real
//! browser (headless Chromium through ChromeDriver; skipped without them, except under CI=true).

mod common;

use common::browser::Browser;
use common::*;
use serde_json::Value;

fn site() -> TestSite {
    let site = TestSite::with_config(
        "title = \"검색 테스트\"\nlanguage = \"ko\"\nbase_url = \"https://example.com/\"\n",
    );
    site.write(
        "content/posts/2023-03-01-seoul.md",
        "---\ntitle: 서울 여행\ntags: [여행]\n---\n서울은 생각보다 추웠다. 광화문을 걸었다.\n",
    )
    .write(
        "content/posts/2023-05-01-spring.md",
        "---\ntitle: 봄 나들이\n---\n친구와 **서울**에서 만났다. 꽃이 많았다.\n",
    )
    .write(
        "content/posts/2023-12-31-retro.md",
        "---\ntitle: 2023년 회고\ntags: [회고]\n---\n한 해를 돌아본다. 부산에 다녀왔다.\n",
    )
    .write(
        "content/posts/2023-11-01-diary.md",
        "---\ntitle: 일기\n---\n짧은 회고를 남긴다. Trust the process.\n",
    )
    .write(
        "content/posts/2024-01-10-rust.md",
        "---\ntitle: Learning Rust properly\ntags: [dev]\n---\nThe borrow checker, again.\n",
    )
    .write(
        "content/posts/2024-02-01-xss.md",
        "---\ntitle: \"<img src=x onerror=alert(1)> 제목 태그\"\n---\n본문 <b>굵게</b> 대전.\n",
    )
    .write(
        "content/posts/2024-03-01-draft.md",
        "---\ntitle: 서울 초안\ndraft: true\n---\n아직 쓰는 중인 서울 이야기.\n",
    );
    site
}

/// The index of a small site: the manifest lists one shard, which holds every post.
fn index(site: &TestSite) -> Value {
    let manifest: Value =
        serde_json::from_str(&site.read("search-index.json")).expect("search-index.json is JSON");
    assert_eq!(manifest["version"], 2);
    let shards = manifest["shards"].as_array().unwrap();
    assert_eq!(shards.len(), 1, "{manifest}");
    let url = shards[0]["url"].as_str().unwrap();
    assert!(url.starts_with("search/shard-0.json?v="), "{url}");
    let shard: Value =
        serde_json::from_str(&site.read("search/shard-0.json")).expect("the shard is JSON");
    assert_eq!(shards[0]["posts"], shard["posts"].as_array().unwrap().len());
    assert_eq!(manifest["posts"], shards[0]["posts"]);
    shard
}

fn titles(index: &Value) -> Vec<&str> {
    index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["t"].as_str().unwrap())
        .collect()
}

#[test]
fn the_index_is_json_deterministic_and_leaves_drafts_out() {
    let site = site();
    site.build(&[]).assert_ok();
    let first = site.read("search-index.json");
    let first_shard = site.read("search/shard-0.json");
    let idx = index(&site);
    assert_eq!(idx["version"], 2);
    assert_eq!(
        (idx["shard"].as_u64(), idx["shards"].as_u64()),
        (Some(0), Some(1))
    );
    // Newest first; the draft is not there.
    assert_eq!(
        titles(&idx),
        [
            "<img src=x onerror=alert(1)> 제목 태그",
            "Learning Rust properly",
            "2023년 회고",
            "일기",
            "봄 나들이",
            "서울 여행"
        ]
    );
    assert!(!first_shard.contains("초안"), "{first_shard}");
    let seoul = &idx["posts"][5];
    assert_eq!(seoul["u"], "/2023/seoul/");
    assert_eq!(seoul["d"], "2023-03-01");
    assert_eq!(seoul["g"], serde_json::json!(["여행"]));
    assert_eq!(seoul["b"], "서울은 생각보다 추웠다. 광화문을 걸었다.");
    // Inline markup does not split words: 서울 and 에서 stay one word, so 울에 is a key.
    let tokens = idx["tokens"].as_object().unwrap();
    for key in [
        "서울", "울은", "울에", "회고", "2023", "년", "rust", "trust", "대전",
    ] {
        assert!(
            tokens.contains_key(key),
            "no key {key}: {:?}",
            tokens.keys()
        );
    }
    assert!(!tokens.contains_key("Rust"), "keys are lower-cased");
    let keys: Vec<&String> = tokens.keys().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "keys are sorted");

    // A second build writes the same bytes.
    site.build(&[]).assert_ok();
    assert_eq!(first, site.read("search-index.json"));
    assert_eq!(first_shard, site.read("search/shard-0.json"));

    // With --drafts the draft is searchable.
    site.build(&["--drafts"]).assert_ok();
    assert!(titles(&index(&site)).contains(&"서울 초안"));
}

#[test]
fn the_search_page_and_box_follow_the_base_path() {
    let site = site();
    site.build(&["--base-url", "https://user.github.io/blog/"])
        .assert_ok();
    let doc = site.html("search/index.html");
    let form = select(&doc, "#search-form")[0];
    assert_eq!(
        form.value().attr("data-index"),
        Some("/blog/search-index.json")
    );
    assert_eq!(form.value().attr("action"), Some("/blog/search/"));
    assert!(
        select(&doc, "title")
            .iter()
            .any(|t| text(t).starts_with("검색 · ")),
        "the search page has its own title"
    );
    assert!(select(&doc, "script[src='/blog/js/search.js']").len() == 1);
    assert!(!select(&doc, "noscript").is_empty());
    // The box in the header submits to the search page; the search page has its own box.
    let home = site.html("index.html");
    let header = select(&home, "header form[role=search]");
    assert_eq!(header[0].value().attr("action"), Some("/blog/search/"));
    assert_eq!(select(&home, "header input[name=q]").len(), 1);
    assert!(select(&doc, "header form[role=search]").is_empty());
    // Other pages do not load the script.
    assert!(!site.read("index.html").contains("search.js"));
    let idx = index(&site);
    assert_eq!(idx["posts"][0]["u"], "/blog/2024/xss/");
}

/// Result titles as the page shows them.
const RESULT_TITLES: &str = "return Array.from(document.querySelectorAll('#search-results .search-result-title')).map(e => e.textContent)";

#[track_caller]
fn wait_for_titles(browser: &Browser, expected: &[&str], what: &str) {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let got = browser.eval(RESULT_TITLES);
        if got == serde_json::json!(expected) {
            return;
        }
        assert!(
            std::time::Instant::now() < until,
            "{what}: expected {expected:?}, the page shows {got}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn the_search_page_finds_korean_words_in_a_browser() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = site();
    let server = Server::start(site.root(), &[]);

    // Pages other than the search page never fetch the index.
    browser.goto(&server.url);
    browser.wait_until(
        "return document.readyState === 'complete'",
        20,
        "the home page",
    );
    assert_eq!(
        browser.eval("return performance.getEntriesByType('resource').some(r => r.name.includes('search-index'))"),
        Value::Bool(false)
    );

    browser.goto(&format!("{}search/", server.url));
    let input = browser.find("#search-input");

    // 서울 finds 서울은 and 서울에서 (inside **서울**에서); the title match ranks first.
    browser.send_keys(&input, "서울");
    wait_for_titles(&browser, &["서울 여행", "봄 나들이"], "서울");
    assert_eq!(
        browser.eval("return document.getElementById('search-status').textContent"),
        "2개의 결과"
    );
    let marks = browser.eval(
        "return Array.from(document.querySelectorAll('#search-results mark')).map(m => m.textContent)",
    );
    assert!(
        marks.as_array().unwrap().iter().all(|m| m == "서울")
            && marks.as_array().unwrap().len() >= 3,
        "title and snippets highlight 서울: {marks}"
    );
    assert_eq!(
        browser.eval("return document.querySelector('.search-result-snippet').textContent"),
        "서울은 생각보다 추웠다. 광화문을 걸었다."
    );
    assert_eq!(
        browser.eval("return document.querySelector('.search-result time').textContent"),
        "2023년 3월 1일 (수)",
        "the date as every page of the theme shows it"
    );
    assert_eq!(
        browser.eval("return document.querySelector('.search-result time').dateTime"),
        "2023-03-01"
    );
    // The query is in the address, for sharing and for the back button.
    assert_eq!(
        browser.eval("return new URLSearchParams(location.search).get('q')"),
        "서울"
    );

    // 회고: the title (and tag) match first, then the post that says it in the body.
    browser.clear(&input);
    browser.send_keys(&input, "회고");
    wait_for_titles(&browser, &["2023년 회고", "일기"], "회고");
    assert_eq!(
        browser.eval("return document.querySelector('.search-result').querySelector('.search-result-snippet mark') === null"),
        Value::Bool(true),
        "the first post does not say 회고 in its body"
    );
    assert_eq!(
        browser
            .eval("return document.querySelectorAll('.search-result-snippet mark')[0].textContent"),
        "회고"
    );

    // 2023년 회고: digits and Hangul together.
    browser.clear(&input);
    browser.send_keys(&input, "2023년 회고");
    wait_for_titles(&browser, &["2023년 회고"], "2023년 회고");

    // rust: case-insensitive, at the start of a word (not "Trust").
    browser.clear(&input);
    browser.send_keys(&input, "rust");
    wait_for_titles(&browser, &["Learning Rust properly"], "rust");
    assert_eq!(
        browser.eval("return document.querySelector('.search-result-title mark').textContent"),
        "Rust"
    );
    assert_eq!(
        browser.eval("return document.getElementById('search-status').textContent"),
        "1개의 결과"
    );

    // Titles from the index are text, never markup.
    browser.clear(&input);
    browser.send_keys(&input, "제목");
    wait_for_titles(
        &browser,
        &["<img src=x onerror=alert(1)> 제목 태그"],
        "a title with markup",
    );
    assert_eq!(
        browser.eval("return document.querySelector('#search-results img') === null"),
        Value::Bool(true)
    );

    // Nothing found; drafts are not searchable.
    browser.clear(&input);
    browser.send_keys(&input, "초안");
    browser.wait_until(
        "return document.getElementById('search-status').textContent === '검색 결과가 없습니다'",
        20,
        "no results",
    );
    assert_eq!(browser.eval(&format!("{RESULT_TITLES}.length")), 0);

    // The box in the header of any page submits to the search page as ?q=.
    browser.goto(&server.url);
    let header_box = browser.find("header input[name=q]");
    browser.send_keys(&header_box, "서울\u{E007}");
    wait_for_titles(
        &browser,
        &["서울 여행", "봄 나들이"],
        "?q= from the header box",
    );
    assert_eq!(
        browser.eval("return document.getElementById('search-input').value"),
        "서울"
    );
}

/// The particle a word takes: the first form after a final consonant, the second after a
/// vowel (`빵집을`, `회고를`).
fn particle(word: &str, after_consonant: &str, after_vowel: &str) -> String {
    let last = word.chars().last().unwrap() as u32;
    let batchim = (0xAC00..=0xD7A3).contains(&last) && !(last - 0xAC00).is_multiple_of(28);
    format!(
        "{word}{}",
        if batchim {
            after_consonant
        } else {
            after_vowel
        }
    )
}

/// Every query's result titles, typed into the search page one after another.
fn results(browser: &Browser, query: &str) -> Vec<String> {
    let script = format!(
        "const list = document.getElementById('search-results'); list.replaceChildren(); \
         document.getElementById('search-status').textContent = ''; \
         const input = document.getElementById('search-input'); input.value = {}; \
         input.dispatchEvent(new Event('input')); return true;",
        serde_json::json!(query)
    );
    browser.eval(&script);
    browser.wait_until(
        "return document.getElementById('search-status').textContent !== ''",
        20,
        query,
    );
    serde_json::from_value(browser.eval(RESULT_TITLES)).unwrap()
}

#[test]
fn a_word_with_a_particle_finds_every_post_the_word_finds() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::with_config(
        "title = \"조사\"\nlanguage = \"ko\"\nbase_url = \"https://example.com/\"\n",
    );
    // Each word in other forms than the ones queried, across several posts.
    let posts = [
        ("빵집", "동네 빵집에서 아침을 샀다."),
        ("빵집 이야기", "새로 연 빵집은 줄이 길었다."),
        ("회고", "올해 회고와 내년 계획."),
        ("짧은 글", "회고도 습관이 된다."),
        ("커피", "커피의 향이 좋다."),
        ("프로젝트", "프로젝트까지 마감했다."),
        ("목표 점검", "목표부터 다시 세웠다."),
        ("여행기", "제주 여행으로 쉬었다."),
        ("독서", "책에서 배운 것."),
        ("블로그", "블로그만 꾸준히 썼다."),
        ("개발", "개발자들이 모였다."),
        ("나이", "나이가 들수록 시간이 빠르다."),
    ];
    for (i, (title, body)) in posts.iter().enumerate() {
        site.write(
            &format!("content/posts/2024-01-{:02}-p{i}.md", i + 1),
            &format!("---\ntitle: {title}\n---\n{body}\n"),
        );
    }
    site.build(&["--base-url", "/"]).assert_ok();
    let server = Server::start(site.root(), &[]);
    browser.goto(&format!("{}search/", server.url));
    browser.find("#search-input");

    let words = [
        "빵집",
        "회고",
        "커피",
        "프로젝트",
        "목표",
        "여행",
        "책",
        "블로그",
        "개발자",
        "나이",
    ];
    let forms: [(&str, &str); 9] = [
        ("을", "를"),
        ("은", "는"),
        ("이", "가"),
        ("에서", "에서"),
        ("으로", "로"),
        ("과", "와"),
        ("도", "도"),
        ("의", "의"),
        ("까지", "까지"),
    ];
    let (mut queries, mut kept) = (0, 0);
    let mut lost = Vec::new();
    for word in words {
        let bare = results(&browser, word);
        assert!(!bare.is_empty(), "{word} finds nothing");
        for (a, b) in forms {
            let query = particle(word, a, b);
            let with = results(&browser, &query);
            queries += 1;
            if bare.iter().all(|t| with.contains(t)) {
                kept += 1;
            } else {
                lost.push(format!("{query}: {with:?} lacks some of {bare:?}"));
            }
        }
    }
    eprintln!("particle recall: {kept} of {queries} queries find every post the bare word finds");
    assert!(lost.is_empty(), "{}", lost.join("\n"));

    // The word as typed ranks above its stem: the post saying 빵집은 comes first for 빵집은.
    assert_eq!(results(&browser, "빵집은")[0], "빵집 이야기");
    assert_eq!(results(&browser, "빵집에서")[0], "빵집");
}

/// A site of `n` small posts, two a day from 2020-01-01 on (`p0000` the oldest), and ten
/// about whales: four say 고래 in the title, two in a tag, four in the body; 10 and 11, 30
/// and 31 share a day.
fn big_site(n: usize) -> TestSite {
    let site = TestSite::with_config(
        "title = \"샤드\"\nlanguage = \"ko\"\nbase_url = \"https://example.com/\"\n",
    );
    let day0 = 18262; // 2020-01-01, in days since 1970
    for i in 0..n {
        site.write(&post_path(day0, i), &post_text(i, ""));
    }
    site
}

fn post_path(day0: i64, i: usize) -> String {
    let (y, m, d) = civil(day0 + i as i64 / 2);
    format!("content/posts/{y:04}-{m:02}-{d:02}-p{i:04}.md")
}

fn post_text(i: usize, extra: &str) -> String {
    let (title, tags, body) = match i {
        10 | 11 | 500 | 900 => (format!("고래 이야기 {i}"), "[]", "바다 이야기."),
        20 | 700 => (format!("글 {i}"), "[고래]", "오늘의 기록."),
        30 | 31 | 600 | 1100 => (format!("글 {i}"), "[]", "바다에서 고래를 봤다."),
        _ => (format!("글 {i}"), "[]", "평범한 하루."),
    };
    format!("---\ntitle: {title}\ntags: {tags}\n---\n{body} {i}번째 글.{extra}\n")
}

/// Year, month and day of a day since 1970 (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The whale posts in the order a search for 고래 lists them: title, tag, body matches, each
/// newest first (a shared day by file name).
const WHALES: [&str; 10] = [
    "고래 이야기 900",
    "고래 이야기 500",
    "고래 이야기 10",
    "고래 이야기 11",
    "글 700",
    "글 20",
    "글 1100",
    "글 600",
    "글 30",
    "글 31",
];

/// The manifest's shard URLs, and each shard's titles.
fn shards(site: &TestSite) -> (Vec<String>, Vec<Vec<String>>) {
    let manifest: Value = serde_json::from_str(&site.read("search-index.json")).unwrap();
    let urls: Vec<String> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap().to_string())
        .collect();
    let titles = (0..urls.len())
        .map(|n| {
            let shard: Value =
                serde_json::from_str(&site.read(&format!("search/shard-{n}.json"))).unwrap();
            shard["posts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["t"].as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    (urls, titles)
}

#[test]
fn an_edit_changes_one_shard_and_shards_of_a_bigger_site_go_away() {
    let site = big_site(1200);
    site.build(&[]).assert_ok();
    let (urls, titles) = shards(&site);
    assert_eq!(urls.len(), 2, "1,200 posts make two shards");
    assert_eq!(titles.iter().map(Vec::len).sum::<usize>(), 1200);
    // The whales are in both shards.
    let whale_shards: Vec<usize> = WHALES
        .iter()
        .map(|w| {
            titles
                .iter()
                .position(|t| t.iter().any(|x| x == w))
                .unwrap()
        })
        .collect();
    assert!(
        whale_shards.contains(&0) && whale_shards.contains(&1),
        "{whale_shards:?}"
    );
    let before: Vec<String> = (0..2)
        .map(|n| site.read(&format!("search/shard-{n}.json")))
        .collect();

    // One post edited: its shard and the manifest change, the other shard does not.
    site.write(&post_path(18262, 600), &post_text(600, " 고래가 또 왔다."));
    site.build(&[]).assert_ok();
    let (urls2, _) = shards(&site);
    let edited = whale_shards[WHALES.iter().position(|w| *w == "글 600").unwrap()];
    for n in 0..2 {
        let same = site.read(&format!("search/shard-{n}.json")) == before[n];
        assert_eq!(same, n != edited, "shard {n}");
        assert_eq!(urls[n] == urls2[n], n != edited, "the URL of shard {n}");
    }

    // Down to 900 posts: one shard, and the second goes from the output.
    for i in 900..1200 {
        std::fs::remove_file(site.root().join(post_path(18262, i))).unwrap();
    }
    site.build(&[]).assert_ok();
    assert_eq!(shards(&site).0.len(), 1);
    assert!(site.public("search/shard-0.json").exists());
    assert!(!site.public("search/shard-1.json").exists());
}

#[test]
fn a_page_cannot_take_a_shards_path() {
    let site = site();
    site.write("static/search/shard-0.json", "{}");
    let run = site.build(&[]);
    run.assert_failed();
    assert!(
        run.stderr().contains("search/shard-0.json"),
        "{}",
        run.stderr()
    );
}

#[test]
fn results_from_every_shard_come_in_the_sites_order() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = big_site(1200);
    site.build(&["--base-url", "/"]).assert_ok();
    let server = Server::start(site.root(), &[]);
    browser.goto(&format!("{}search/", server.url));
    let input = browser.find("#search-input");
    browser.send_keys(&input, "고래");
    wait_for_titles(&browser, &WHALES, "고래 across two shards");
    assert_eq!(
        browser.eval("return document.getElementById('search-status').textContent"),
        "10개의 결과"
    );
    // Both shards were fetched, by the URLs the manifest gives.
    let fetched = browser.eval(
        "return performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('/search/shard-')).sort()",
    );
    let (urls, _) = shards(&site);
    let expected: Vec<String> = urls.iter().map(|u| format!("{}{u}", server.url)).collect();
    assert_eq!(fetched, serde_json::json!(expected));
    // A word in every post: all 1,200, newest first.
    let all = browser.eval_async(
        "const done = arguments[arguments.length - 1]; \
         window.hoegoSearch('번째').then(r => done(r.posts.map(p => p.title)));",
    );
    let all: Vec<String> = serde_json::from_value(all).unwrap();
    assert_eq!(all.len(), 1200);
    let newest_first: Vec<String> = (0..1200)
        .rev()
        .map(|i| match i {
            10 | 11 | 500 | 900 => format!("고래 이야기 {i}"),
            _ => format!("글 {i}"),
        })
        .collect();
    // Two posts a day, the older file (lower number) first on a shared day.
    let mut expected = newest_first;
    for pair in expected.chunks_mut(2) {
        pair.swap(0, 1);
    }
    assert_eq!(all, expected);
}

#[test]
fn serve_rewrites_the_edited_posts_shard_and_follows_the_shard_count() {
    let site = big_site(1000);
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    assert_eq!(shards(&site).0.len(), 1);

    // The 1,001st post: two shards.
    site.write(&post_path(18262, 1000), &post_text(1000, ""));
    server.wait_for("/search-index.json", 60, "a second shard", |_, body| {
        body.contains("shard-1.json")
    });
    assert_same_as_clean_build(&site, &server);

    // An edit rewrites the manifest and the post's shard only.
    let manifest = site.read("search-index.json");
    let before: Vec<String> = (0..2)
        .map(|n| site.read(&format!("search/shard-{n}.json")))
        .collect();
    site.write(&post_path(18262, 600), &post_text(600, " 고래가 또 왔다."));
    server.wait_for("/search-index.json", 60, "the edit", |_, body| {
        body != manifest
    });
    settle(&server);
    let changed: Vec<usize> = (0..2)
        .filter(|n| site.read(&format!("search/shard-{n}.json")) != before[*n])
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(
        site.read(&format!("search/shard-{}.json", changed[0]))
            .contains("고래가 또")
    );
    assert_same_as_clean_build(&site, &server);

    // Back to 1,000 posts: one shard, and the other file goes.
    std::fs::remove_file(site.root().join(post_path(18262, 1000))).unwrap();
    server.wait_for("/search-index.json", 60, "one shard again", |_, body| {
        !body.contains("shard-1.json")
    });
    settle(&server);
    assert!(!site.public("search/shard-1.json").exists());
    assert_same_as_clean_build(&site, &server);
}
