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
    ("task_done", "완료"),
    ("task_open", "미완료"),
    ("goal_done", "달성"),
    ("goal_open", "미달성"),
    ("retrospectives", "회고"),
    ("retrospectives_intro", "지금까지 쓴 회고 {n}편"),
    ("retro_period_year", "{year}년"),
    ("retro_period_half_1", "{year}년 상반기"),
    ("retro_period_half_2", "{year}년 하반기"),
    ("retro_period_quarter", "{year}년 {quarter}분기"),
    ("retro_period_month", "{year}년 {month}월"),
    ("retro_period_week", "{year}년 {week}주차"),
    ("retro_period_day", "{year}년 {month}월 {day}일"),
    ("retro_period_project", "프로젝트"),
    ("retro_title", "{period} 회고"),
    ("retro_kind_year", "연간 회고"),
    ("retro_kind_half", "반기 회고"),
    ("retro_kind_quarter", "분기 회고"),
    ("retro_kind_month", "월간 회고"),
    ("retro_kind_week", "주간 회고"),
    ("retro_kind_day", "일간 회고"),
    ("retro_kind_project", "프로젝트 회고"),
    ("retro_goals", "목표 {total}개 중 {done}개 달성"),
    ("retro_stated", "본문에 적힌 결과: {total}개 중 {done}개"),
    ("retro_no_goals", "점검한 목표 없음"),
    (
        "retro_carried_year",
        "작년에 세운 목표 {total}개 중 {reviewed}개를 점검, {achieved}개 달성",
    ),
    (
        "retro_carried",
        "지난 회고에서 세운 목표 {total}개 중 {reviewed}개를 점검, {achieved}개 달성",
    ),
    ("retro_next_goals", "다음 목표"),
    ("retro_previous", "이전 회고"),
    ("retro_next", "다음 회고"),
    ("retro_achieved", "달성"),
    ("retro_not_achieved", "미달성"),
    ("retro_not_reviewed", "점검 안 함"),
    ("retro_numbers", "숫자로 보는 {year}년"),
    ("retro_numbers_posts", "쓴 글"),
    ("retro_numbers_words", "글자·단어"),
    ("retro_numbers_minutes", "읽는 시간"),
    ("retro_numbers_days", "글 쓴 날"),
    ("retro_numbers_streak", "최장 연속"),
    ("retro_numbers_busiest", "가장 많이 쓴 달"),
    ("retro_numbers_tags", "많이 쓴 태그"),
    ("retro_unit_posts", "{n}편"),
    ("retro_unit_minutes", "{n}분"),
    ("retro_unit_days", "{n}일"),
    ("retro_unit_days_one", "{n}일"),
    ("retro_chart", "{kind} 달성률"),
    (
        "retro_chart_desc",
        "기간마다 목표를 몇 퍼센트 달성했는지 보여 주는 막대그래프입니다. 같은 값이 옆의 표에 있습니다.",
    ),
    ("retro_col_period", "기간"),
    ("retro_col_title", "제목"),
    ("retro_col_goals", "목표"),
    ("retro_col_percent", "달성률"),
    ("writing_calendar", "{year}년 글쓰기 달력"),
    (
        "writing_calendar_desc",
        "{year}년에 {days}일 동안 글 {posts}편을 썼습니다. 가장 길게 이어 쓴 기간은 {streak}일입니다.",
    ),
    ("calendar_day", "{date}: 글 {n}편"),
    ("categories", "카테고리"),
    ("all_categories", "모든 카테고리"),
    ("in_category", "‘{category}’ 카테고리의 글"),
    ("category_feed", "이 카테고리의 RSS 피드"),
    ("tag_feed", "이 태그의 RSS 피드"),
    ("series", "시리즈"),
    ("all_series", "모든 시리즈"),
    ("series_count", "{n}편"),
    ("series_count_one", "{n}편"),
    ("series_part", "{total}편 중 {n}번째"),
    ("series_previous", "이전 편"),
    ("series_next", "다음 편"),
    ("series_start", "처음부터 읽기: {title}"),
    ("related_posts", "관련 글"),
    ("comments", "댓글"),
    ("comments_noscript", "댓글을 보려면 JavaScript를 켜 주세요."),
    ("copy_code", "복사"),
    ("copy_code_label", "코드 복사"),
    ("copied", "복사됨"),
    ("code_block", "코드 블록 {n}"),
    ("dark_mode", "다크 모드"),
    ("pinned", "고정됨"),
    ("about_author", "글쓴이"),
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
    ("task_done", "Done"),
    ("task_open", "Not done"),
    ("goal_done", "Achieved"),
    ("goal_open", "Not achieved"),
    ("retrospectives", "Retrospectives"),
    ("retrospectives_intro", "{n} retrospectives so far"),
    ("retro_period_year", "{year}"),
    ("retro_period_half_1", "{year} H1"),
    ("retro_period_half_2", "{year} H2"),
    ("retro_period_quarter", "{year} Q{quarter}"),
    ("retro_period_month", "{month_name} {year}"),
    ("retro_period_week", "{year} W{week}"),
    ("retro_period_day", "{month_name} {day}, {year}"),
    ("retro_period_project", "Project"),
    ("retro_title", "{period} retrospective"),
    ("retro_kind_year", "Yearly retrospectives"),
    ("retro_kind_half", "Half-year retrospectives"),
    ("retro_kind_quarter", "Quarterly retrospectives"),
    ("retro_kind_month", "Monthly retrospectives"),
    ("retro_kind_week", "Weekly retrospectives"),
    ("retro_kind_day", "Daily retrospectives"),
    ("retro_kind_project", "Project retrospectives"),
    ("retro_goals", "{done} of {total} goals achieved"),
    ("retro_stated", "As written in the post: {done} of {total}"),
    ("retro_no_goals", "No goals reviewed"),
    (
        "retro_carried_year",
        "Last year's goals: {reviewed} of {total} reviewed, {achieved} achieved",
    ),
    (
        "retro_carried",
        "Goals from the last retrospective: {reviewed} of {total} reviewed, {achieved} achieved",
    ),
    ("retro_next_goals", "Next goals"),
    ("retro_previous", "Previous retrospective"),
    ("retro_next", "Next retrospective"),
    ("retro_achieved", "Achieved"),
    ("retro_not_achieved", "Not achieved"),
    ("retro_not_reviewed", "Not reviewed"),
    ("retro_numbers", "{year} in numbers"),
    ("retro_numbers_posts", "Posts"),
    ("retro_numbers_words", "Words and characters"),
    ("retro_numbers_minutes", "Reading time"),
    ("retro_numbers_days", "Days written on"),
    ("retro_numbers_streak", "Longest streak"),
    ("retro_numbers_busiest", "Busiest month"),
    ("retro_numbers_tags", "Top tags"),
    ("retro_unit_posts", "{n}"),
    ("retro_unit_minutes", "{n} min"),
    ("retro_unit_days", "{n} days"),
    ("retro_unit_days_one", "{n} day"),
    ("retro_chart", "{kind}: goals achieved"),
    (
        "retro_chart_desc",
        "A bar chart of the share of goals achieved in each period. The table beside it has the same values.",
    ),
    ("retro_col_period", "Period"),
    ("retro_col_title", "Title"),
    ("retro_col_goals", "Goals"),
    ("retro_col_percent", "Achieved"),
    ("writing_calendar", "Writing calendar {year}"),
    (
        "writing_calendar_desc",
        "In {year}, {posts} posts on {days} days. The longest streak of writing days was {streak} days.",
    ),
    ("calendar_day", "{date}: {n} posts"),
    ("categories", "Categories"),
    ("all_categories", "All categories"),
    ("in_category", "Posts in ‘{category}’"),
    ("category_feed", "Feed of this category"),
    ("tag_feed", "Feed of this tag"),
    ("series", "Series"),
    ("all_series", "All series"),
    ("series_count", "{n} parts"),
    ("series_count_one", "{n} part"),
    ("series_part", "Part {n} of {total}"),
    ("series_previous", "Previous in series"),
    ("series_next", "Next in series"),
    ("series_start", "Start from the beginning: {title}"),
    ("related_posts", "Related posts"),
    ("comments", "Comments"),
    ("comments_noscript", "Comments need JavaScript."),
    ("copy_code", "Copy"),
    ("copy_code_label", "Copy code"),
    ("copied", "Copied"),
    ("code_block", "Code block {n}"),
    ("dark_mode", "Dark mode"),
    ("pinned", "Pinned"),
    ("about_author", "About the author"),
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

const KO_MONTHS_SHORT: [&str; 12] = [
    "1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월",
];
const EN_WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A month's name (1-based): `3월` / `March`.
pub fn month_name(month: u8, language: &str) -> String {
    let i = usize::from(month.clamp(1, 12) - 1);
    if is_korean(language) {
        KO_MONTHS_SHORT[i].to_string()
    } else {
        EN_MONTHS[i].to_string()
    }
}

/// A month's short label for calendars: `3월` / `Mar`.
pub fn month_short(month: u8, language: &str) -> String {
    let name = month_name(month, language);
    if is_korean(language) {
        name
    } else {
        name.chars().take(3).collect()
    }
}

/// A weekday's short label, Monday first (0 = Monday): `월` / `Mon`.
pub fn weekday_short(monday_zero: usize, language: &str) -> &'static str {
    let i = monday_zero.min(6);
    if is_korean(language) {
        KO_WEEKDAYS[i]
    } else {
        EN_WEEKDAYS[i]
    }
}

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
