//! Conversions from TOML values into the JSON values handed to templates.

use serde_json::{Map, Value};

pub fn toml_to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
        }
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(table_to_json(t)),
    }
}

pub fn table_to_json(t: &toml::Table) -> Map<String, Value> {
    t.iter()
        .map(|(k, v)| (k.clone(), toml_to_json(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_become_strings() {
        let t: toml::Table = toml::from_str("d = 2024-12-30T21:00:00+09:00\nn = [1, 2]").unwrap();
        let j = table_to_json(&t);
        assert_eq!(j["d"], "2024-12-30T21:00:00+09:00");
        assert_eq!(j["n"], serde_json::json!([1, 2]));
    }
}
