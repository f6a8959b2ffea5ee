//! Retrospectives end to end: a site of retrospectives over several years and kinds, written
//! the ways people write them (task lists, plain lists with a stated "N개 중 M개", KPT,
//! bracketed headings, numbered next goals), built by the real binary; and the seed posts.

mod common;

use common::*;
use serde_json::Value;

const CONFIG: &str =
    "title = \"회고 모음\"\nbase_url = \"https://example.com/\"\nlanguage = \"ko\"\n";

/// Prints `page.retro` as JSON for posts with `layout: retro-json`.
const DEBUG_TEMPLATE: &str =
    "{% if page.retro %}{{ page.retro | json_encode() | safe }}{% endif %}";

fn post(date: &str, title: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date} 21:00:00 +0900\nlayout: retro-json\n{extra}---\n\n{body}"
    )
}

/// The fixture: every kind, and posts that are not retrospectives.
fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.write("templates/retro-json.html", DEBUG_TEMPLATE);
    site.write(
        "content/posts/2022-12-31-22년-회고.md",
        &post(
            "2022-12-31",
            "22년 회고",
            "",
            "첫 직장에서 보낸 1년을 정리한다.\n\n\
             ## 올해 세운 목표\n\n\
             - 운전면허 따기\n- 매주 일기 쓰기\n- 수영 배우기\n- 토이 프로젝트 하나 완성\n- 책 10권 읽기\n\n\
             다섯 개를 세웠고 5개 중 3개를 달성했다. 나쁘지 않다.\n\n\
             < 23년도 계획 >\n\n\
             조금 더 욕심을 내 본다.\n\n\
             - 하프 마라톤 완주하기\n- 블로그에 글 12편 쓰기\n- 영어 회화 수업 듣기\n\n\
             < 그 밖의 다짐 >\n\n\
             - 일찍 자기\n",
        ),
    );
    site.write(
        "content/posts/2023-12-30-2023-회고.md",
        &post(
            "2023-12-30",
            "2023 회고: 조용하지만 단단했던 해",
            "tags: [회고, 일상]\n",
            "작년 계획을 다시 꺼내 보았다.\n\n\
             ## 운동\n\n\
             - [x] 하프 마라톤 완주\n- [ ] 주 3회 헬스장 가기\n\n\
             ## 글쓰기\n\n\
             - [ ] 블로그에 글 12편 써 보기\n- [x] 회사 기술 블로그에 기고하기\n\n\
             2024년 목표는 아래 3개다. 무리하지 않기로 했다.\n\n\
             1. 사이드 프로젝트 출시하기\n2. 책 20권 읽기\n3. 매일 30분 걷기\n",
        ),
    );
    site.write(
        "content/posts/2024-12-28-24년-연간회고.md",
        &post(
            "2024-12-28",
            "[Yearly] 24년 연간회고",
            "",
            "올해는 KPT로 정리한다.\n\n\
             ## 목표 점검\n\n\
             - [x] 사이드 프로젝트를 출시하기\n- [x] 책 20권 읽기\n- [ ] 매일 30분씩 걷기\n\n\
             ## Keep\n\n- 아침 독서\n\n\
             ## Problem\n\n- 늦게 자는 습관\n- 주말 과로\n\n\
             ## 🔁 Try(시도할 것)\n\n- 자정 전에 잠들기: 알람을 맞춘다\n- 주말에는 노트북 닫기\n",
        ),
    );
    site.write(
        "content/posts/2025-07-02-상반기.md",
        &post(
            "2025-07-02",
            "2025년 상반기 회고",
            "",
            "- [x] 이사 마치기\n- [ ] 자격증 시험 보기\n\n## 하반기 목표\n\n- 자격증 다시 도전\n",
        ),
    );
    site.write(
        "content/posts/2025-10-03-3분기.md",
        &post(
            "2025-10-03",
            "2025년 3분기 회고",
            "",
            "석 달 동안 이사와 적응에 바빴다.\n",
        ),
    );
    site.write(
        "content/posts/2025-10-31-월간.md",
        &post(
            "2025-10-31",
            "[Monthly] 25/10 월간회고",
            "",
            "## 📌 Fact(사실)\n\n- 발표 준비\n\n## 💭 Feeling(느낌)\n\n- 긴장\n\n\
             ## 🎯 Future action(향후 행동)\n\n- 리허설 두 번 하기\n",
        ),
    );
    site.write(
        "content/posts/2025-11-14-주간.md",
        &post(
            "2025-11-14",
            "[Weekly] 25/11 2주차 주간회고",
            "",
            "- 이번 주에 한 일\n  - 배포 두 번\n- 다음 주 계획은:\n  - 테스트 보강\n  - 문서 정리\n",
        ),
    );
    site.write(
        "content/posts/2025-11-20-일간.md",
        &post(
            "2025-11-20",
            "[Daily] 25/11/20 일간회고",
            "",
            "- [x] 코드 리뷰 세 건\n- [x] 운동\n",
        ),
    );
    site.write(
        "content/posts/2025-08-01-출시.md",
        &post(
            "2025-08-01",
            "사이드 프로젝트 출시 회고",
            "",
            "- [x] 베타 테스터 모집\n- [ ] 결제 붙이기\n- [ ] 랜딩 페이지\n\n## 앞으로의 계획\n\n- 결제 붙이기\n",
        ),
    );
    // Not retrospectives.
    site.write(
        "content/posts/2025-05-05-회고록.md",
        &post(
            "2025-05-05",
            "할머니의 회고록을 읽고",
            "tags: [독서]\n",
            "2023년 회고록이 아니라 평생의 회고록이었다.\n\n- [x] 끝까지 읽기\n",
        ),
    );
    site.write(
        "content/posts/2025-12-30-초안.md",
        &post(
            "2025-12-30",
            "2025년 회고 (초안)",
            "retro: false\ntags: [회고]\n",
            "- [ ] 다듬기\n",
        ),
    );
    site.write(
        "content/posts/2024-01-15-release.md",
        &post(
            "2024-01-15",
            "Rust 1.75 release notes",
            "",
            "async fn in traits.\n",
        ),
    );
    site
}

fn json(site: &TestSite, rel: &str) -> Value {
    serde_json::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn decoded(url: &Value) -> String {
    percent_encoding::percent_decode_str(url.as_str().unwrap())
        .decode_utf8_lossy()
        .into_owned()
}

fn by_title<'a>(list: &'a Value, title: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == title)
        .unwrap_or_else(|| panic!("no retrospective titled {title}"))
}

#[test]
fn every_retrospective_is_found_with_its_period_and_nothing_else() {
    let site = site();
    site.build(&[]).assert_ok();
    let data = json(&site, "retrospectives.json");
    let list = &data["retrospectives"];
    let found: Vec<(String, String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["title"].as_str().unwrap().to_string(),
                r["kind"].as_str().unwrap().to_string(),
                r["period"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    // Newest first: by the end of the period (a project by its date).
    assert_eq!(
        found,
        [
            s("[Daily] 25/11/20 일간회고", "day", "2025-11-20"),
            s("[Weekly] 25/11 2주차 주간회고", "week", "2025-W46"),
            s("[Monthly] 25/10 월간회고", "month", "2025-10"),
            s("2025년 3분기 회고", "quarter", "2025-Q3"),
            s("사이드 프로젝트 출시 회고", "project", "project"),
            s("2025년 상반기 회고", "half", "2025-H1"),
            s("[Yearly] 24년 연간회고", "year", "2024"),
            s("2023 회고: 조용하지만 단단했던 해", "year", "2023"),
            s("22년 회고", "year", "2022"),
        ]
    );
}

#[test]
fn a_retrospective_category_says_so_as_a_tag_does() {
    let site = TestSite::with_config(CONFIG);
    site.write("templates/retro-json.html", DEBUG_TEMPLATE);
    for (file, date, title, category) in [
        ("2024-12-30-a.md", "2024-12-30", "올해를 마치며", "회고"),
        (
            "2024-06-01-b.md",
            "2024-06-01",
            "서버를 옮긴 이야기",
            "회고",
        ),
        ("2024-06-02-c.md", "2024-06-02", "커피 이야기", "일상"),
    ] {
        let extra = format!("categories: [{category}]\n");
        site.write(
            &format!("content/posts/{file}"),
            &post(date, title, &extra, "본문.\n"),
        );
    }
    site.build(&[]).assert_ok();
    let list = json(&site, "retrospectives.json")["retrospectives"].clone();
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    let year = by_title(&list, "올해를 마치며");
    assert_eq!(
        (&year["kind"], &year["period"]),
        (&"year".into(), &"2024".into())
    );
    // Written in June with no period named: a project or an event, by its title.
    let project = by_title(&list, "서버를 옮긴 이야기");
    assert_eq!(project["kind"], "project");
    assert_eq!(project["label"], "서버를 옮긴 이야기");
}

#[test]
fn goals_next_goals_and_carry_over_are_exact() {
    let site = site();
    site.build(&[]).assert_ok();
    let list = json(&site, "retrospectives.json")["retrospectives"].clone();
    let goals = |title: &str| {
        let g = &by_title(&list, title)["goals"];
        (
            g["done"].as_u64().unwrap(),
            g["total"].as_u64().unwrap(),
            g["percent"].as_u64(),
            g["counted"].as_str().unwrap().to_string(),
        )
    };
    let next = |title: &str| by_title(&list, title)["next_goals"].clone();
    let carried = |title: &str| {
        let c = &by_title(&list, title)["carried"];
        (
            c["total"].as_u64(),
            c["reviewed"].as_u64(),
            c["achieved"].as_u64(),
        )
    };

    // A plain list with a stated "5개 중 3개", and bracketed next-year plans.
    assert_eq!(goals("22년 회고"), (3, 5, Some(60), "stated".into()));
    assert_eq!(
        next("22년 회고"),
        serde_json::json!([
            "하프 마라톤 완주하기",
            "블로그에 글 12편 쓰기",
            "영어 회화 수업 듣기"
        ])
    );
    // Task lists; a lead sentence and a numbered list; last year's plans reviewed.
    assert_eq!(
        goals("2023 회고: 조용하지만 단단했던 해"),
        (2, 4, Some(50), "items".into())
    );
    assert_eq!(
        next("2023 회고: 조용하지만 단단했던 해"),
        serde_json::json!(["사이드 프로젝트 출시하기", "책 20권 읽기", "매일 30분 걷기"])
    );
    assert_eq!(
        carried("2023 회고: 조용하지만 단단했던 해"),
        (Some(3), Some(2), Some(1))
    );
    // KPT: Try items are the next goals.
    assert_eq!(
        goals("[Yearly] 24년 연간회고"),
        (2, 3, Some(67), "items".into())
    );
    assert_eq!(
        next("[Yearly] 24년 연간회고"),
        serde_json::json!(["자정 전에 잠들기", "주말에는 노트북 닫기"])
    );
    assert_eq!(
        carried("[Yearly] 24년 연간회고"),
        (Some(3), Some(3), Some(2))
    );
    assert_eq!(carried("22년 회고"), (None, None, None));
    // Other kinds.
    assert_eq!(
        goals("2025년 상반기 회고"),
        (1, 2, Some(50), "items".into())
    );
    assert_eq!(
        next("2025년 상반기 회고"),
        serde_json::json!(["자격증 다시 도전"])
    );
    assert_eq!(goals("2025년 3분기 회고"), (0, 0, None, "none".into()));
    assert_eq!(
        next("[Monthly] 25/10 월간회고"),
        serde_json::json!(["리허설 두 번 하기"])
    );
    assert_eq!(
        next("[Weekly] 25/11 2주차 주간회고"),
        serde_json::json!(["테스트 보강", "문서 정리"])
    );
    assert_eq!(
        goals("[Daily] 25/11/20 일간회고"),
        (2, 2, Some(100), "items".into())
    );
    assert_eq!(
        goals("사이드 프로젝트 출시 회고"),
        (1, 3, Some(33), "items".into())
    );
    assert_eq!(
        next("사이드 프로젝트 출시 회고"),
        serde_json::json!(["결제 붙이기"])
    );
}

#[test]
fn page_retro_has_the_chain_sections_and_numbers() {
    let site = site();
    site.build(&[]).assert_ok();
    let y2024 = json(&site, "2024/24년-연간회고/index.html");
    assert_eq!(y2024["kind"], "year");
    assert_eq!(y2024["label"], "2024년");
    assert_eq!(y2024["title"], "2024년 회고");
    assert_eq!(y2024["detected_by"], "title");
    assert_eq!(y2024["format"], "kpt");
    let sections: Vec<(String, usize)> = y2024["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["items"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [("Keep".into(), 1), ("Problem".into(), 2), ("Try".into(), 2)]
    );
    assert_eq!(decoded(&y2024["previous"]["url"]), "/2023/2023-회고/");
    assert_eq!(y2024["previous"]["label"], "2023년");
    assert!(y2024["next"].is_null());
    let carried = &y2024["carried"];
    assert_eq!(
        carried["from"]["title"],
        "2023 회고: 조용하지만 단단했던 해"
    );
    let statuses: Vec<&str> = carried["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["achieved", "achieved", "not_achieved"]);
    assert_eq!(carried["items"][2]["goal"], "매일 30분씩 걷기");
    // Goals grouped under their headings; the year in numbers.
    assert_eq!(y2024["goals"]["sections"][0]["heading"], "목표 점검");
    let n = y2024["html"]["numbers"].as_str().unwrap();
    assert!(n.contains("숫자로 보는 2024년"), "{n}");
    assert!(n.contains("<dd>2편</dd>"), "{n}");
    assert!(
        y2024["html"]["card"]
            .as_str()
            .unwrap()
            .contains("retro-card")
    );

    let y2023 = json(&site, "2023/2023-회고/index.html");
    assert_eq!(y2023["detected_by"], "title");
    assert_eq!(decoded(&y2023["previous"]["url"]), "/2022/22년-회고/");
    assert_eq!(decoded(&y2023["next"]["url"]), "/2024/24년-연간회고/");
    let heads: Vec<&str> = y2023["goals"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["heading"].as_str().unwrap())
        .collect();
    assert_eq!(heads, ["운동", "글쓰기"]);
    // A half has no numbers box; its chain is its own kind.
    let h1 = json(&site, "2025/상반기/index.html");
    assert!(h1["html"]["numbers"] == "" && h1["previous"].is_null());
    let week = json(&site, "2025/주간/index.html");
    assert_eq!(
        (week["start"].as_str(), week["end"].as_str()),
        (Some("2025-11-10"), Some("2025-11-16"))
    );
    // Not retrospectives: no page.retro at all.
    assert_eq!(site.read("2025/회고록/index.html").trim(), "");
    assert_eq!(site.read("2025/초안/index.html").trim(), "");
}

#[test]
fn the_theme_shows_the_card_the_chain_and_the_timeline() {
    let site = site();
    site.write("templates/retro-json.html", "");
    // The default theme's post template for these checks.
    for entry in std::fs::read_dir(site.root().join("content/posts")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("layout: retro-json\n", "")).unwrap();
    }
    site.build(&[]).assert_ok();

    let doc = site.html("2024/24년-연간회고/index.html");
    let card = text(&select(&doc, ".retro-card")[0]);
    assert!(card.contains("67%"), "{card}");
    assert!(card.contains("목표 3개 중 2개 달성"), "{card}");
    assert!(
        card.contains("작년에 세운 목표 3개 중 3개를 점검, 2개 달성"),
        "{card}"
    );
    let chain: Vec<String> = select(&doc, ".retro-chain a").iter().map(text).collect();
    assert_eq!(chain.len(), 1);
    assert!(chain[0].contains("2023년 회고"), "{chain:?}");
    let numbers = text(&select(&doc, ".retro-numbers")[0]);
    assert!(numbers.contains("숫자로 보는 2024년"), "{numbers}");
    // Every task-list checkbox has a name.
    for input in select(&doc, "input[type=checkbox]") {
        let label = input.value().attr("aria-label").unwrap_or("");
        assert!(label == "달성" || label == "미달성", "{label:?}");
    }
    let other = site.html("2025/회고록/index.html");
    assert_eq!(
        select(&other, "input[type=checkbox]")[0]
            .value()
            .attr("aria-label"),
        Some("완료")
    );
    assert!(select(&other, ".retro-card").is_empty());

    // The menu links the timeline; the timeline's bars carry the JSON's values.
    let home = site.html("index.html");
    assert!(
        select(&home, ".site-nav a")
            .iter()
            .any(|a| a.value().attr("href") == Some("/retrospectives/")),
        "menu link"
    );
    let timeline = site.html("retrospectives/index.html");
    let data = json(&site, "retrospectives.json");
    let mut from_json = Vec::new();
    for chart in data["charts"].as_array().unwrap() {
        for bar in chart["bars"].as_array().unwrap() {
            from_json.push((
                chart["kind"].as_str().unwrap().to_string(),
                bar["period"].as_str().unwrap().to_string(),
                bar["done"].as_u64().unwrap(),
                bar["total"].as_u64().unwrap(),
                bar["percent"].as_u64().unwrap(),
            ));
        }
    }
    let mut from_svg = Vec::new();
    for svg in select(&timeline, "svg.bar-chart") {
        assert_eq!(svg.value().attr("role"), Some("img"));
        let section = svg
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .find(|e| e.value().name() == "section")
            .unwrap();
        let kind = section
            .value()
            .attr("aria-labelledby")
            .unwrap()
            .trim_start_matches("chart-")
            .trim_end_matches("-heading")
            .to_string();
        assert!(
            svg.select(&scraper::Selector::parse("title").unwrap())
                .next()
                .is_some()
        );
        assert!(
            svg.select(&scraper::Selector::parse("desc").unwrap())
                .next()
                .is_some()
        );
        for g in svg.select(&scraper::Selector::parse("g.bar").unwrap()) {
            let attr = |k: &str| g.value().attr(k).unwrap().to_string();
            let n = |k: &str| attr(k).parse::<u64>().unwrap();
            let value = g
                .select(&scraper::Selector::parse("text.bar-value").unwrap())
                .next()
                .map(|t| text(&t))
                .unwrap();
            assert_eq!(value, format!("{}%", n("data-percent")));
            from_svg.push((
                kind.clone(),
                attr("data-period"),
                n("data-done"),
                n("data-total"),
                n("data-percent"),
            ));
        }
    }
    assert_eq!(from_svg, from_json);
    assert_eq!(
        from_json
            .iter()
            .filter(|b| b.0 == "year")
            .map(|b| (b.1.as_str(), b.4))
            .collect::<Vec<_>>(),
        [("2022", 60), ("2023", 50), ("2024", 67)]
    );
    // The text table beside each chart has one row per bar.
    assert_eq!(
        select(&timeline, ".retro-chart-table tbody tr").len(),
        from_json.len()
    );
    let rows = select(&timeline, ".retro-row");
    assert_eq!(rows.len(), 9);
    assert!(text(&rows[0]).contains("[Daily] 25/11/20 일간회고"));

    // The archive draws a writing calendar per year.
    let archive = site.html("archive/index.html");
    let calendars = select(&archive, "svg.calendar");
    assert_eq!(calendars.len(), 4, "2025, 2024, 2023, 2022");
    // The days written on, each with its count; the rest of the grid is a pattern.
    let days: Vec<String> = calendars[0]
        .select(&scraper::Selector::parse("rect.cal > title").unwrap())
        .map(|t| text(&t))
        .collect();
    assert_eq!(
        days,
        [
            "2025-05-05: 글 1편",
            "2025-07-02: 글 1편",
            "2025-08-01: 글 1편",
            "2025-10-03: 글 1편",
            "2025-10-31: 글 1편",
            "2025-11-14: 글 1편",
            "2025-11-20: 글 1편",
            "2025-12-30: 글 1편",
        ]
    );
    assert!(
        site.read("sitemap.xml")
            .contains("https://example.com/retrospectives/")
    );
}

#[test]
fn a_site_without_retrospectives_has_no_timeline() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2025-01-01-a.md",
        "---\ntitle: 새해 첫 글\n---\n- [x] 청소\n",
    );
    site.build(&[]).assert_ok();
    assert!(!site.public("retrospectives.json").exists());
    assert!(!site.public("retrospectives/index.html").exists());
    assert!(!site.read("index.html").contains("/retrospectives/"));
    // The archive still has its calendar.
    assert_eq!(
        select(&site.html("archive/index.html"), "svg.calendar").len(),
        1
    );
}

#[test]
fn bad_retro_front_matter_names_file_and_line() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2025-01-01-a.md",
        "---\ntitle: a\nretro: {period: 2025-13}\ngoals: [{text: 책, done: maybe}]\n---\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    let err = run.stderr();
    assert!(err.contains("2025-01-01-a.md:3"), "{err}");
    assert!(err.contains("2025-01-01-a.md:4"), "{err}");
}

// ---------- The seed posts ----------

/// `../shared/corpus/seeds`, or `None` (skipped, with one line) when it is missing — but
/// never on CI.
fn seeds() -> Option<std::path::PathBuf> {
    require_shared().map(|shared| shared.join("corpus/seeds"))
}

fn seed(dir: &std::path::Path, prefix: &str) -> String {
    let entry = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}_* in {}", dir.display()));
    std::fs::read_to_string(entry).unwrap()
}

/// A plain-text seed as a post: its first line as the title, `•` bullets as `-` items (the
/// one conversion the analyzer needs; a real importer is another issue).
fn seed_post(text: &str, extra: &str) -> String {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or("").trim();
    let body: Vec<String> = lines
        .map(|l| {
            let indent = l.len() - l.trim_start().len();
            match l.trim_start().strip_prefix("• ") {
                Some(rest) => format!("{}- {rest}", &l[..indent]),
                None => l.to_string(),
            }
        })
        .collect();
    format!(
        "---\ntitle: {}\ndate: 2023-12-31 12:00:00 +0900\nlayout: retro-json\n{extra}---\n{}\n",
        serde_json::to_string(title).unwrap(),
        body.join("\n")
    )
}

#[test]
fn the_jekyll_seed_is_the_2023_retrospective() {
    let Some(dir) = seeds() else { return };
    let site = TestSite::with_config(CONFIG);
    // Unchanged, under a Jekyll post name.
    site.write("_posts/2023-12-31-diary-2023.md", &seed(&dir, "004"));
    site.build(&[]).assert_ok();
    let list = json(&site, "retrospectives.json")["retrospectives"].clone();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let r = &list[0];
    assert_eq!(r["title"], "Diary - 2023년 회고");
    assert_eq!(
        (r["kind"].as_str(), r["period"].as_str()),
        (Some("year"), Some("2023"))
    );
    let doc = site.html("2023/diary-2023/index.html");
    assert!(!select(&doc, ".retro-card").is_empty());
}

#[test]
fn the_plain_text_seeds_give_their_goals_and_plans() {
    let Some(dir) = seeds() else { return };
    let site = TestSite::with_config(CONFIG);
    site.write("templates/retro-json.html", DEBUG_TEMPLATE);
    site.write(
        "content/posts/2023-12-31-s0.md",
        &seed_post(&seed(&dir, "000"), ""),
    );
    site.write(
        "content/posts/2023-12-31-s1.md",
        &seed_post(&seed(&dir, "001"), ""),
    );
    site.write(
        "content/posts/2023-12-31-s2.md",
        &seed_post(&seed(&dir, "002"), ""),
    );
    // 003's title did not survive the copy (its first line is the author): say it.
    site.write(
        "content/posts/2023-12-31-s3.md",
        &seed_post(&seed(&dir, "003"), "retro: 2023\n"),
    );
    site.build(&[]).assert_ok();
    let page = |n: u8| json(&site, &format!("2023/s{n}/index.html"));

    // "Adios 2023, Welcome 2024": the opening says it; 10개 중 6개; nine numbered goals.
    let s0 = page(0);
    assert_eq!(
        (s0["period"].as_str(), s0["detected_by"].as_str()),
        (Some("2023"), Some("opening"))
    );
    assert_eq!(
        (
            s0["stated"]["done"].as_u64(),
            s0["stated"]["total"].as_u64()
        ),
        (Some(6), Some(10))
    );
    assert_eq!(
        (s0["goals"]["done"].as_u64(), s0["goals"]["total"].as_u64()),
        (Some(6), Some(10))
    );
    assert_eq!(s0["goals"]["counted"], "stated");
    assert_eq!(s0["next_goals"].as_array().unwrap().len(), 9);
    // 001: "< 24년도 계획 >" and its five bullets, not the list after "< 그 밖의 다짐들 >".
    let s1 = page(1);
    assert_eq!(s1["period"], "2023");
    assert_eq!(s1["next_goals"].as_array().unwrap().len(), 5);
    // 002: "24년의 목표" and ten items.
    let s2 = page(2);
    assert_eq!(
        (s2["period"].as_str(), s2["detected_by"].as_str()),
        (Some("2023"), Some("title"))
    );
    assert_eq!(s2["next_goals"].as_array().unwrap().len(), 10);
    // 003: KPT written as "1) Keep" lines; its Try items are the next goals.
    let s3 = page(3);
    assert_eq!(s3["format"], "kpt");
    let names: Vec<&str> = s3["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Keep", "Problem", "Try"]);
    assert_eq!(s3["next_goals"].as_array().unwrap().len(), 3);
    assert_eq!(s3["sections"][2]["items"], s3["next_goals"]);
}
