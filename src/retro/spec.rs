//! The front matter keys of a retrospective: `retro:` (a year, a period key, `true`/`false`,
//! or `{period, kind}`) and `goals:` (strings, or `{text, done}`). Errors are messages; the
//! front matter reader adds the file and line.

use serde_json::Value;

use super::period::{Kind, Period};

/// What `retro:` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    /// `retro: false`: never a retrospective, whatever the title says.
    Off,
    /// `retro: true`: a retrospective; its period is found as if detected.
    On,
    /// `retro: 2025`, `retro: 2025-H1`, `retro: {period: 2025-03}`.
    Period(Period),
    /// `retro: {kind: month}`: the period of that kind, from the title or the date.
    Kind(Kind),
}

/// A goal written in front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontGoal {
    pub text: String,
    pub done: bool,
}

/// Reads `retro:`.
pub fn parse_retro(value: &Value) -> Result<Spec, String> {
    match value {
        Value::Bool(true) => Ok(Spec::On),
        Value::Bool(false) => Ok(Spec::Off),
        Value::Number(n) => match n.as_i64() {
            Some(y) => Period::parse(&y.to_string())
                .map(Spec::Period)
                .map_err(retro_err),
            None => Err(retro_err(format!("`{n}` is not a year"))),
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" => Ok(Spec::On),
            "false" | "no" => Ok(Spec::Off),
            "project" => Ok(Spec::Period(Period::Project(None))),
            _ => Period::parse(s).map(Spec::Period).map_err(retro_err),
        },
        Value::Object(map) => {
            let mut period = None;
            let mut kind = None;
            for (key, v) in map {
                let text = match v {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    other => {
                        return Err(retro_err(format!("`{key}` must be a string, not {other}")));
                    }
                };
                match key.as_str() {
                    "period" => period = Some(Period::parse(&text).map_err(retro_err)?),
                    "kind" => {
                        kind = Some(Kind::parse(&text).ok_or_else(|| {
                            retro_err(format!(
                                "kind `{text}` is not one of year, half, quarter, month, week, day, project"
                            ))
                        })?)
                    }
                    other => {
                        return Err(retro_err(format!(
                            "unknown key `{other}` (valid keys: period, kind)"
                        )));
                    }
                }
            }
            match (period, kind) {
                (Some(p), Some(Kind::Project)) => Err(retro_err(format!(
                    "a project has no period: drop `period: {}` or the kind",
                    p.key()
                ))),
                (Some(p), Some(k)) if p.kind() != k => Err(retro_err(format!(
                    "period `{}` is a {}, not a {}",
                    p.key(),
                    p.kind().as_str(),
                    k.as_str()
                ))),
                (Some(p), _) => Ok(Spec::Period(p)),
                (None, Some(Kind::Project)) => Ok(Spec::Period(Period::Project(None))),
                (None, Some(k)) => Ok(Spec::Kind(k)),
                (None, None) => Ok(Spec::On),
            }
        }
        Value::Null => Ok(Spec::On),
        Value::Array(_) => Err(retro_err("a list is not a period".into())),
    }
}

fn retro_err(msg: String) -> String {
    format!(
        "`retro` {msg}; write a year (`retro: 2025`), a period (2025-H1, 2025-Q3, 2025-03, 2025-W14, 2025-03-30), `{{period: …, kind: …}}`, or `false`"
    )
}

/// Reads `goals:`: a list of strings (not yet achieved) or `{text, done}` mappings.
pub fn parse_goals(value: &Value) -> Result<Vec<FrontGoal>, String> {
    let items = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        _ => return Err("`goals` must be a list of strings or `{text, done}` mappings".into()),
    };
    let mut goals = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        match item {
            Value::String(s) if !s.trim().is_empty() => goals.push(FrontGoal {
                text: s.trim().to_string(),
                done: false,
            }),
            Value::Number(_) | Value::Bool(_) => goals.push(FrontGoal {
                text: item.to_string(),
                done: false,
            }),
            Value::Object(map) => {
                let mut text = None;
                let mut done = false;
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("text", Value::String(s)) => text = Some(s.trim().to_string()),
                        ("done", Value::Bool(b)) => done = *b,
                        ("done", Value::String(s)) if matches!(s.as_str(), "true" | "false") => {
                            done = s == "true"
                        }
                        ("text" | "done", other) => {
                            return Err(format!(
                                "goal {n}: `{key}` has the wrong type ({other}); `text` is a string, `done` is true or false"
                            ));
                        }
                        (other, _) => {
                            return Err(format!(
                                "goal {n}: unknown key `{other}` (valid keys: text, done)"
                            ));
                        }
                    }
                }
                match text.filter(|t| !t.is_empty()) {
                    Some(text) => goals.push(FrontGoal { text, done }),
                    None => return Err(format!("goal {n} has no `text`")),
                }
            }
            _ => {
                return Err(format!(
                    "goal {n} must be a string or a `{{text, done}}` mapping"
                ));
            }
        }
    }
    Ok(goals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_form_of_retro() {
        assert_eq!(
            parse_retro(&json!(2025)),
            Ok(Spec::Period(Period::Year(2025)))
        );
        assert_eq!(parse_retro(&json!(false)), Ok(Spec::Off));
        assert_eq!(parse_retro(&json!(true)), Ok(Spec::On));
        assert_eq!(
            parse_retro(&json!("2025-H1")),
            Ok(Spec::Period(Period::Half(2025, 1)))
        );
        assert_eq!(
            parse_retro(&json!({"period": "2025-W14", "kind": "week"})),
            Ok(Spec::Period(Period::Week(2025, 14)))
        );
        assert_eq!(
            parse_retro(&json!({"kind": "month"})),
            Ok(Spec::Kind(Kind::Month))
        );
        assert_eq!(
            parse_retro(&json!({"kind": "project"})),
            Ok(Spec::Period(Period::Project(None)))
        );
        assert_eq!(
            parse_retro(&json!({"period": 2024})),
            Ok(Spec::Period(Period::Year(2024)))
        );
    }

    #[test]
    fn wrong_retro_values_say_why() {
        let err = parse_retro(&json!({"period": "2025", "kind": "month"})).unwrap_err();
        assert!(err.contains("is a year, not a month"), "{err}");
        let err = parse_retro(&json!({"perod": "2025"})).unwrap_err();
        assert!(err.contains("valid keys: period, kind"), "{err}");
        let err = parse_retro(&json!("2025-H3")).unwrap_err();
        assert!(err.contains("2025-W14"), "{err}");
        assert!(parse_retro(&json!(25)).is_err());
        assert!(parse_retro(&json!(["2025"])).is_err());
        assert!(parse_retro(&json!({"kind": "decade"})).is_err());
    }

    #[test]
    fn goals_as_strings_or_mappings() {
        let goals = parse_goals(&json!([
            "책 12권 읽기",
            {"text": "하프 마라톤", "done": true},
            {"text": "일본어 공부"}
        ]))
        .unwrap();
        assert_eq!(goals.len(), 3);
        assert!(!goals[0].done && goals[1].done && !goals[2].done);
        assert!(parse_goals(&json!("책 읽기")).is_err());
        let err = parse_goals(&json!([{"txt": "a"}])).unwrap_err();
        assert!(
            err.contains("goal 1") && err.contains("text, done"),
            "{err}"
        );
        let err = parse_goals(&json!([{"text": "a", "done": "maybe"}])).unwrap_err();
        assert!(err.contains("wrong type"), "{err}");
        assert!(parse_goals(&json!([{"done": true}])).is_err());
    }
}
