//! JSON Schemas of the output contracts (`crossfoot schema`), hand-written in schemas/ and
//! embedded in the binary, plus a small validator for the subset of JSON Schema they use
//! (`type`, `const`, `enum`, `required`, `properties`, `items`, `oneOf`, local `$ref`).
//!
//! A small validator instead of a crate: the schemas are ours and use few keywords, and the
//! tests only need "does real output have every required field, of the right type".

use serde_json::Value;

/// (name, schema text), in the order `crossfoot schema` prints them.
pub const SCHEMAS: [(&str, &str); 4] = [
    (
        "extract-document",
        include_str!("../schemas/extract-document.json"),
    ),
    (
        "check-document",
        include_str!("../schemas/check-document.json"),
    ),
    ("summary", include_str!("../schemas/summary.json")),
    (
        "corpus-finding",
        include_str!("../schemas/corpus-finding.json"),
    ),
];

/// One schema's text by name.
pub fn get(name: &str) -> Option<&'static str> {
    SCHEMAS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// Every schema as one JSON object `{name: schema}` (pretty-printed).
pub fn all() -> String {
    let mut m = serde_json::Map::new();
    for (name, text) in SCHEMAS {
        m.insert(
            name.to_string(),
            serde_json::from_str(text).unwrap_or(Value::Null),
        );
    }
    serde_json::to_string_pretty(&Value::Object(m)).unwrap_or_default()
}

/// Validates `instance` against `schema`; returns the violations as "path: problem".
pub fn validate(schema: &Value, instance: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, instance, "$", 0, &mut errors);
    errors
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => true,
    }
}

fn check(root: &Value, s: &Value, v: &Value, path: &str, depth: usize, errors: &mut Vec<String>) {
    if depth > 32 {
        return;
    }
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let target = r
            .strip_prefix("#/")
            .and_then(|p| p.split('/').try_fold(root, |acc, k| acc.get(k)));
        match target {
            Some(t) => check(root, t, v, path, depth + 1, errors),
            None => errors.push(format!("{path}: unresolved $ref {r}")),
        }
        return;
    }
    if let Some(alts) = s.get("oneOf").and_then(Value::as_array) {
        let ok = alts.iter().any(|a| {
            let mut e = Vec::new();
            check(root, a, v, path, depth + 1, &mut e);
            e.is_empty()
        });
        if !ok {
            errors.push(format!("{path}: matches no alternative of oneOf"));
        }
    }
    match s.get("type") {
        Some(Value::String(t)) if !type_ok(t, v) => {
            errors.push(format!("{path}: expected {t}, found {v}"));
            return;
        }
        Some(Value::Array(ts)) if !ts.iter().filter_map(Value::as_str).any(|t| type_ok(t, v)) => {
            errors.push(format!("{path}: expected one of {ts:?}, found {v}"));
            return;
        }
        _ => {}
    }
    if let Some(c) = s.get("const") {
        if c != v {
            errors.push(format!("{path}: expected {c}, found {v}"));
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{path}: {v} not in {}", Value::Array(e.clone())));
        }
    }
    if let Value::Object(obj) = v {
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !obj.contains_key(r) {
                errors.push(format!("{path}: missing required field `{r}`"));
            }
        }
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, ps) in props {
                if let Some(x) = obj.get(k) {
                    check(root, ps, x, &format!("{path}.{k}"), depth + 1, errors);
                }
            }
        }
    }
    if let (Value::Array(items), Some(is)) = (v, s.get("items")) {
        for (i, x) in items.iter().enumerate() {
            check(root, is, x, &format!("{path}[{i}]"), depth + 1, errors);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Every embedded schema parses; the validator reports missing fields and wrong types.
    #[test]
    fn schemas_parse_and_validator_reports() {
        for (name, text) in SCHEMAS {
            assert!(
                serde_json::from_str::<Value>(text).is_ok(),
                "{name} is not JSON"
            );
        }
        let s: Value = serde_json::from_str(get("corpus-finding").unwrap()).unwrap();
        let errs = validate(&s, &json!({"type": "corpus_finding", "year": "2024"}));
        assert!(errs.contains(&"$: missing required field `rule`".to_string()));
        assert!(errs.contains(&"$.year: expected integer, found \"2024\"".to_string()));
    }
}
