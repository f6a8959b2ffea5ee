//! The sentences of a new retrospective, in Korean and in English: its title, the goals
//! carried over, the period in numbers, and each template's headings and prompts.

/// The sentences of a new retrospective in one language; `{…}` are filled in.
#[derive(Debug)]
pub struct Texts {
    /// The title: `{period} 회고`.
    pub title: &'static str,
    /// The tag it gets.
    pub tag: &'static str,
    /// The goals carried over, under `{last}` (`작년 목표 점검`) or, when the last
    /// retrospective is not of the period just before, [`Texts::review_older`].
    pub review: &'static str,
    pub review_older: &'static str,
    pub review_intro: &'static str,
    /// The last retrospective set nothing to carry over.
    pub review_empty: &'static str,
    /// Its Try (or Longed for, Future action) items: `지난 {section} 점검`.
    pub tries: &'static str,
    pub tries_intro: &'static str,
    /// After each carried goal: where it comes from, and how often it was left unchecked.
    pub from: &'static str,
    pub unfinished: &'static str,
    pub not_reviewed: &'static str,
    pub carried_twice: &'static str,
    pub carried_times: &'static str,
    /// `숫자로 보는 {period}`.
    pub numbers: &'static str,
    pub no_posts: &'static str,
    pub longest: &'static str,
    /// The goals template's sections.
    pub this_goals: &'static str,
    pub this_goals_prompt: &'static str,
    pub this_goals_prompt_more: &'static str,
    pub went_well: (&'static str, &'static str),
    pub went_badly: (&'static str, &'static str),
    pub next_goals_prompt: &'static str,
    pub kpt: [(&'static str, &'static str); 3],
    pub four_l: [(&'static str, &'static str); 4],
    pub five_f: [(&'static str, &'static str); 5],
}

const KO: Texts = Texts {
    title: "{period} 회고",
    tag: "회고",
    review: "{last} 목표 점검",
    review_older: "지난 회고의 목표 점검",
    review_intro: "{link}에서 이어지는 목표입니다. 이룬 것은 `[x]`로 체크하세요.",
    review_empty: "{link}에는 이어 갈 목표가 없었습니다.",
    tries: "지난 {section} 점검",
    tries_intro: "{link}에서 해 보기로 한 것입니다. 해 본 것은 `[x]`로 체크하세요.",
    from: "← {link}",
    unfinished: "못 이룬 목표",
    not_reviewed: "{link}에서 점검하지 않은 목표",
    carried_twice: "두 번 연속 이월 ({link}부터)",
    carried_times: "{n}번 연속 이월 ({link}부터)",
    numbers: "숫자로 보는 {period}",
    no_posts: "이 기간에 쓴 글이 아직 없습니다.",
    longest: "가장 긴 글",
    this_goals: "{this}의 목표 점검",
    this_goals_prompt: "{this} 세운 목표를 `- [ ]` 목록으로 적고, 이룬 것은 `[x]`로 체크하세요.",
    this_goals_prompt_more: "위 목록에 없는 목표가 있었다면 `- [ ]` 목록으로 더하고, 이룬 것은 `[x]`로 체크하세요.",
    went_well: ("잘한 것", "스스로 칭찬하고 싶은 일을 적어 보세요."),
    went_badly: ("아쉬운 것", "아쉬웠던 일과 그 까닭을 적어 보세요."),
    next_goals_prompt: "{next}에 이루고 싶은 목표를 목록으로 적어 보세요.",
    kpt: [
        ("Keep", "잘 되었고 앞으로도 이어 갈 것은 무엇인가요?"),
        ("Problem", "걸림돌이 된 것, 아쉬웠던 것은 무엇인가요?"),
        ("Try", "다음에 해 볼 것을 목록으로 적어 보세요."),
    ],
    four_l: [
        ("Liked", "좋았던 것은 무엇인가요?"),
        ("Learned", "새로 배운 것은 무엇인가요?"),
        ("Lacked", "부족했던 것은 무엇인가요?"),
        ("Longed for", "바랐던 것, 앞으로 바라는 것은 무엇인가요?"),
    ],
    five_f: [
        ("Facts", "있었던 일을 사실 그대로 적어 보세요."),
        ("Feelings", "그때 어떤 감정이 들었나요?"),
        ("Findings", "무엇을 깨달았나요?"),
        ("Future action", "앞으로 할 일을 목록으로 적어 보세요."),
        (
            "Feedback",
            "스스로에게, 함께한 사람들에게 줄 피드백은 무엇인가요?",
        ),
    ],
};

const EN: Texts = Texts {
    title: "{period} Retrospective",
    tag: "retrospective",
    review: "Goals from {last}",
    review_older: "Goals from the last retrospective",
    review_intro: "Carried over from {link}. Tick the ones you achieved with `[x]`.",
    review_empty: "{link} set no goals to carry over.",
    tries: "{section} from last time",
    tries_intro: "What {link} set out to try. Tick the ones you did with `[x]`.",
    from: "← {link}",
    unfinished: "not achieved",
    not_reviewed: "not reviewed in {link}",
    carried_twice: "carried twice (since {link})",
    carried_times: "carried {n} times (since {link})",
    numbers: "{period} in numbers",
    no_posts: "No posts in this period yet.",
    longest: "Longest posts",
    this_goals: "Goals for {this}",
    this_goals_prompt: "List the goals you set {this} as `- [ ]` items and tick the ones you achieved with `[x]`.",
    this_goals_prompt_more: "Add any goal missing above as a `- [ ]` item and tick the ones you achieved with `[x]`.",
    went_well: ("What went well", "What are you glad you did?"),
    went_badly: (
        "What could have gone better",
        "What would you do differently, and why?",
    ),
    next_goals_prompt: "List what you want to achieve {next}.",
    kpt: [
        ("Keep", "What worked, and should keep going?"),
        ("Problem", "What got in the way?"),
        ("Try", "What will you try next? List it."),
    ],
    four_l: [
        ("Liked", "What did you enjoy?"),
        ("Learned", "What did you learn?"),
        ("Lacked", "What was missing?"),
        ("Longed for", "What did you wish for, and still do?"),
    ],
    five_f: [
        ("Facts", "What happened, as plainly as you can put it?"),
        ("Feelings", "How did it feel?"),
        ("Findings", "What did you find out?"),
        ("Future action", "What will you do next? List it."),
        (
            "Feedback",
            "What feedback do you have, for yourself or for others?",
        ),
    ],
};

pub fn texts(korean: bool) -> &'static Texts {
    if korean { &KO } else { &EN }
}
