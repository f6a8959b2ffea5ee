//! Detection measured on titles written the ways Korean and English blogs name their posts:
//! every retrospective found (recall), nothing else (precision), and the right kind. The
//! list is ours; the forms follow what real blogs write.

use super::detect::{Verdict, title_verdict};
use super::period::Kind;

/// (title, the kind it is, or `None` for a post that is not a retrospective).
const CASES: &[(&str, Option<Kind>)] = &[
    ("2023년 회고", Some(Kind::Year)),
    ("2024 회고", Some(Kind::Year)),
    ("23년 회고", Some(Kind::Year)),
    ("[Yearly] 25년 연간회고", Some(Kind::Year)),
    ("2023 Retrospective", Some(Kind::Year)),
    ("Reflection on 2025", Some(Kind::Year)),
    ("2024 Year in Review", Some(Kind::Year)),
    ("조금 빠른 2023 회고", Some(Kind::Year)),
    ("2024 회고 ( 우테코를 마무리하며 )", Some(Kind::Year)),
    ("Diary - 2023년 회고", Some(Kind::Year)),
    ("2022년을 돌아보며", Some(Kind::Year)),
    ("2024년을 보내며", Some(Kind::Year)),
    ("개발자 3년차, 2024년 회고", Some(Kind::Year)),
    ("신입 개발자의 2023년 회고", Some(Kind::Year)),
    ("2023년 연말 결산", Some(Kind::Year)),
    ("연말 결산", Some(Kind::Year)),
    ("회고: 2023년을 정리하며", Some(Kind::Year)),
    ("한 해를 돌아보며", Some(Kind::Year)),
    ("2023년을 회고하며", Some(Kind::Year)),
    ("Looking back at 2023", Some(Kind::Year)),
    ("My 2024 in review", Some(Kind::Year)),
    ("2025년 상반기 회고", Some(Kind::Half)),
    ("2024 하반기 회고", Some(Kind::Half)),
    ("2025 H1 retrospective", Some(Kind::Half)),
    ("2024년 3분기 회고", Some(Kind::Quarter)),
    ("Q2 2025 회고", Some(Kind::Quarter)),
    ("[회고] 2024년 2분기", Some(Kind::Quarter)),
    ("2024년 7월 회고", Some(Kind::Month)),
    ("[Monthly] 26/02 월간회고", Some(Kind::Month)),
    ("3월 회고", Some(Kind::Month)),
    ("월간 회고 - 2025년 9월", Some(Kind::Month)),
    ("March 2025 retrospective", Some(Kind::Month)),
    ("[Weekly] 26/02 1주차 주간회고", Some(Kind::Week)),
    ("2025년 3월 2주차 주간 회고", Some(Kind::Week)),
    ("주간 회고", Some(Kind::Week)),
    ("2025-W14 회고", Some(Kind::Week)),
    ("[Daily] 26/03/30 일간회고", Some(Kind::Day)),
    ("2026년 3월 30일 하루 회고", Some(Kind::Day)),
    ("우테코 레벨1 회고", Some(Kind::Project)),
    ("글또 9기 회고", Some(Kind::Project)),
    ("[BE] 4주차 미션 회고", Some(Kind::Project)),
    ("CS224W 짧은 회고", Some(Kind::Project)),
    ("결제 서버 장애 이슈 회고", Some(Kind::Project)),
    ("사이드 프로젝트 회고 (1)", Some(Kind::Project)),
    ("해커톤 참가 회고", Some(Kind::Project)),
    ("부트캠프 수료 회고", Some(Kind::Project)),
    ("Project Atlas retrospective", Some(Kind::Project)),
    ("첫 이직 6개월 회고", Some(Kind::Project)),
    ("[회고] 우아한테크코스 레벨2", Some(Kind::Project)),
    ("Sprint 14 retrospective", Some(Kind::Project)),
    ("2025년 11월 셋째 주 회고", Some(Kind::Week)),
    ("[WIL] 11월 2주차 회고", Some(Kind::Week)),
    ("월간 회고 (2025.10)", Some(Kind::Month)),
    ("2분기 OKR 회고", Some(Kind::Quarter)),
    ("2023: A Year in Review", Some(Kind::Year)),
    ("2024년 결산 및 2025년 계획", Some(Kind::Year)),
    ("짧은 회고", Some(Kind::Year)),
    ("회고록", None),
    ("『회고록』을 읽고", None),
    ("할머니의 회고록", None),
    ("피카소 회고전 다녀온 날", None),
    ("2023년 여행기", None),
    ("Rust 1.75 release notes", None),
    ("회고 잘하는 법", None),
    ("KPT 회고 템플릿 공유", None),
    ("회고를 쓰는 이유", None),
    ("좋은 회고란 무엇인가", None),
    ("팀 회고 문화 만들기", None),
    ("스프린트 회고 진행 가이드", None),
    ("How to run a sprint retrospective", None),
    ("Agile Retrospectives 책 리뷰", None),
    ("회계 결산 자동화", None),
    ("월말 결산 배치 장애 대응기", None),
    ("Rust 비동기 돌아보기", None),
    ("Retro gaming on a Raspberry Pi", None),
    ("2024년 읽은 책 정리", None),
    ("Spring Boot 3.2 마이그레이션", None),
    ("React 18 새 기능 정리", None),
    ("2023 개발자 연봉 협상 후기", None),
    ("Kubernetes 1.29 업그레이드", None),
    ("Python 3.12 release notes", None),
    ("WWDC 2024 키노트 요약", None),
    ("2024 AWS re:Invent 참관기", None),
    ("회고의 힘", None),
    ("Notes on writing retrospectives", None),
    ("Year 2038 problem 정리", None),
    ("레트로 감성 블로그 테마 만들기", None),
    ("이번 주 장보기 목록", None),
    ("회고 모임 후기", None),
    ("2023 회고록", None),
    ("[TIL] 2025-11-20 Rust 라이프타임", None),
    // Hard ones, kept to measure honestly (the first three are missed without a 회고 tag, the
    // last is found though it is about writing one).
    ("2023, 안녕", Some(Kind::Year)),
    ("나의 2024년", Some(Kind::Year)),
    ("Goodbye 2023", Some(Kind::Year)),
    ("2023년 회고 작성 팁", None),
];

#[test]
fn precision_recall_and_kinds_on_titles() {
    let date = Some(jiff::civil::Date::constant(2025, 11, 20));
    let (mut tp, mut fp, mut fn_, mut kind_ok) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for (title, want) in CASES {
        let got = match title_verdict(title, date) {
            Verdict::Retro(p) => Some(p.kind()),
            _ => None,
        };
        match (want, got) {
            (Some(w), Some(g)) => {
                tp += 1;
                if *w == g {
                    kind_ok += 1;
                } else {
                    misses.push(format!("{title}: kind {g:?}, want {w:?}"));
                }
            }
            (None, Some(g)) => {
                fp += 1;
                misses.push(format!("{title}: found ({g:?}), is not one"));
            }
            (Some(_), None) => {
                fn_ += 1;
                misses.push(format!("{title}: missed"));
            }
            (None, None) => {}
        }
    }
    let precision = f64::from(tp) / f64::from(tp + fp);
    let recall = f64::from(tp) / f64::from(tp + fn_);
    eprintln!(
        "{} titles: precision {precision:.3}, recall {recall:.3}, kinds right {kind_ok}/{tp}",
        CASES.len()
    );
    eprintln!("{}", misses.join("\n"));
    assert!(CASES.len() >= 60);
    assert!(precision >= 0.95 && recall >= 0.95, "{}", misses.join("\n"));
    assert!(
        f64::from(kind_ok) / f64::from(tp) >= 0.95,
        "{}",
        misses.join("\n")
    );
}
