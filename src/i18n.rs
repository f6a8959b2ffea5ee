//! Labels and dates in the site's language: Korean and English built in, any label
//! overridable from `[labels]` in config.toml.

use std::collections::BTreeMap;

use jiff::ZonedDateTime;

const KO: &[(&str, &str)] = &[
    ("home", "홈"),
    ("posts", "글"),
    ("archive", "보관함"),
    ("tags", "태그"),
    ("search", "검색"),
    ("search_placeholder", "검색어를 입력하세요"),
    ("search_no_results", "검색 결과가 없습니다"),
    ("search_results", "{n}개의 결과"),
    ("search_results_one", "{n}개의 결과"),
    ("read_more", "더 읽기"),
    ("toc", "목차"),
    ("previous_post", "이전 글"),
    ("next_post", "다음 글"),
    ("newer_posts", "최신 글"),
    ("older_posts", "지난 글"),
    ("page_not_found", "페이지를 찾을 수 없습니다"),
    (
        "page_not_found_body",
        "주소가 바뀌었거나 삭제된 페이지입니다.",
    ),
    ("go_home", "홈으로 가기"),
    ("feed", "RSS 피드"),
    ("all_tags", "모든 태그"),
    ("draft", "초안"),
    ("skip_to_content", "본문으로 건너뛰기"),
    ("theme_toggle", "테마 바꾸기"),
    ("powered_by", "만든 도구:"),
    ("reading_time", "{n}분 분량"),
    ("post_count", "{n}개의 글"),
    ("post_count_one", "{n}개의 글"),
    ("page_of", "{n} / {total}"),
    ("tagged", "‘{tag}’ 태그의 글"),
    ("year_posts", "{n}개"),
    ("year_posts_one", "{n}개"),
    ("updated", "{date} 수정"),
];

const EN: &[(&str, &str)] = &[
    ("home", "Home"),
    ("posts", "Posts"),
    ("archive", "Archive"),
    ("tags", "Tags"),
    ("search", "Search"),
    ("search_placeholder", "Search posts"),
    ("search_no_results", "No results"),
    ("search_results", "{n} results"),
    ("search_results_one", "{n} result"),
    ("read_more", "Read more"),
    ("toc", "Contents"),
    ("previous_post", "Previous post"),
    ("next_post", "Next post"),
    ("newer_posts", "Newer posts"),
    ("older_posts", "Older posts"),
    ("page_not_found", "Page not found"),
    (
        "page_not_found_body",
        "The page may have moved or been removed.",
    ),
    ("go_home", "Go to the home page"),
    ("feed", "RSS feed"),
    ("all_tags", "All tags"),
    ("draft", "Draft"),
    ("skip_to_content", "Skip to content"),
    ("theme_toggle", "Toggle theme"),
    ("powered_by", "Powered by"),
    ("reading_time", "{n} min read"),
    ("post_count", "{n} posts"),
    ("post_count_one", "{n} post"),
    ("page_of", "{n} of {total}"),
    ("tagged", "Posts tagged “{tag}”"),
    ("year_posts", "{n} posts"),
    ("year_posts_one", "{n} post"),
    ("updated", "Updated {date}"),
];

/// Whether `language` (a BCP 47 tag such as `ko`, `ko-KR`, `en-US`) is Korean.
pub fn is_korean(language: &str) -> bool {
    language
        .split(['-', '_'])
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("ko"))
}

/// The label table for a language, with the site's overrides applied.
pub fn labels(language: &str, overrides: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let table = if is_korean(language) { KO } else { EN };
    let mut map: BTreeMap<String, String> = table
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    map.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
    map
}

/// The label for `key`, or its `KEY_one` form when `n` is 1 and the table has one.
pub fn plural<'a>(
    labels: &'a BTreeMap<String, String>,
    key: &str,
    n: Option<f64>,
) -> Option<&'a String> {
    if n == Some(1.0)
        && let Some(one) = labels.get(&format!("{key}_one"))
    {
        return Some(one);
    }
    labels.get(key)
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}", name = name), value);
    }
    out
}

const KO_WEEKDAYS: [&str; 7] = ["월", "화", "수", "목", "금", "토", "일"];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats a date: `long` (`2023년 12월 31일 (일)` / `December 31, 2023`), `short`
/// (`2023. 12. 31.` / `Dec 31, 2023`), `month_day` (`12월 31일` / `Dec 31`), `iso`
/// (`2023-12-31`), `rfc3339`, or any strftime pattern.
pub fn format_date(date: &ZonedDateTime, format: &str, language: &str) -> String {
    let ko = is_korean(language);
    let (y, m, d) = (date.year(), date.month(), date.day());
    let month = EN_MONTHS[(m - 1) as usize];
    match format {
        "long" if ko => {
            let wd = KO_WEEKDAYS[date.weekday().to_monday_zero_offset() as usize];
            format!("{y}년 {m}월 {d}일 ({wd})")
        }
        "long" => format!("{month} {d}, {y}"),
        "short" if ko => format!("{y}. {m}. {d}."),
        "short" => format!("{} {d}, {y}", &month[..3]),
        "month_day" if ko => format!("{m}월 {d}일"),
        "month_day" => format!("{} {d}", &month[..3]),
        "iso" => date.strftime("%Y-%m-%d").to_string(),
        "rfc3339" => rfc3339(date),
        pattern => date.strftime(pattern).to_string(),
    }
}

/// `2023-12-31T23:00:00+09:00`, without sub-second digits.
pub fn rfc3339(date: &ZonedDateTime) -> String {
    date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> ZonedDateTime {
        "2023-12-31T23:00:00+09:00[Asia/Seoul]".parse().unwrap()
    }

    #[test]
    fn korean_dates() {
        assert_eq!(format_date(&date(), "long", "ko"), "2023년 12월 31일 (일)");
        assert_eq!(format_date(&date(), "short", "ko-KR"), "2023. 12. 31.");
        assert_eq!(format_date(&date(), "month_day", "ko"), "12월 31일");
    }

    #[test]
    fn english_dates() {
        assert_eq!(format_date(&date(), "long", "en"), "December 31, 2023");
        assert_eq!(format_date(&date(), "short", "en-US"), "Dec 31, 2023");
        assert_eq!(format_date(&date(), "iso", "en"), "2023-12-31");
        assert_eq!(
            format_date(&date(), "rfc3339", "en"),
            "2023-12-31T23:00:00+09:00"
        );
        assert_eq!(format_date(&date(), "%Y/%m", "en"), "2023/12");
    }

    #[test]
    fn both_tables_have_the_same_keys() {
        let ko: Vec<_> = KO.iter().map(|(k, _)| k).collect();
        let en: Vec<_> = EN.iter().map(|(k, _)| k).collect();
        assert_eq!(ko, en);
    }

    #[test]
    fn overrides_win() {
        let mut o = BTreeMap::new();
        o.insert("read_more".to_string(), "계속 읽기".to_string());
        assert_eq!(labels("ko", &o)["read_more"], "계속 읽기");
        assert_eq!(labels("en", &BTreeMap::new())["read_more"], "Read more");
        assert_eq!(fill("{n}분 분량", &[("n", "3".into())]), "3분 분량");
    }
}
