//! CSV datasets of a corpus run: facts.csv (every number read, one row per fact) and
//! findings.csv (one row per finding), built from per-document records, plus a small
//! RFC 4180 reader for the manifest.
//!
//! Fields are quoted when they contain a comma, a quote, CR or LF (quotes doubled), so a
//! quote spanning lines stays one field. Rows are UTF-8. The files written with `--out`
//! start with a UTF-8 byte order mark ([`BOM`]) unless `--no-bom` is given: without it,
//! Excel and WPS on Chinese Windows read a CSV as GBK and show the Chinese garbled.

use crate::corpus::record as rec;
use serde_json::Value;

/// The UTF-8 byte order mark that starts facts.csv and findings.csv (unless `--no-bom`).
pub const BOM: &str = "\u{feff}";

/// The first bytes of a CSV: the BOM if wanted, then the header line.
pub fn start(header: &str, bom: bool) -> String {
    if bom {
        format!("{BOM}{header}")
    } else {
        header.to_string()
    }
}

/// facts.csv header.
pub const FACTS_HEADER: &str = "sha256,path,department,year,fact_id,kind,label,concept,value,stated,unit,value_wan,project,page,block,row,col,line,sheet,cell,quote\n";

/// findings.csv header.
pub const FINDINGS_HEADER: &str = "sha256,path,department,year,finding_id,rule,severity,message,values,expected,project,page,block,row,col,line,sheet,cell,quote\n";

/// Quotes a field if needed.
pub fn field(s: &str) -> String {
    let mut out = String::new();
    push_field(&mut out, s);
    out
}

/// Appends a field to `out`, quoted if needed.
fn push_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// Appends a scalar JSON value as a field (strings as they are, numbers and booleans as
/// JSON prints them, null or absent as empty).
fn push_scalar(out: &mut String, v: Option<&Value>) {
    match v {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => push_field(out, s),
        Some(other) => push_field(out, &other.to_string()),
    }
}

/// One CSV line from fields.
pub fn line(fields: &[String]) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(&mut out, f);
    }
    out.push('\n');
    out
}

/// The document columns (sha256, path, department, year), quoted, without a separator.
fn doc_prefix(r: &Value) -> String {
    let mut out = String::new();
    push_field(&mut out, rec::sha256(r));
    out.push(',');
    push_field(&mut out, rec::path(r));
    out.push(',');
    push_field(&mut out, rec::department(r).unwrap_or(""));
    out.push(',');
    if let Some(y) = rec::year(r) {
        out.push_str(&y.to_string());
    }
    out
}

/// Appends ",page,block,row,col,line,sheet,cell" of a location (sheet and cell: in a
/// workbook).
fn push_location(out: &mut String, loc: Option<&Value>) {
    for k in ["page", "block", "row", "col", "line", "sheet", "cell"] {
        out.push(',');
        push_scalar(out, loc.and_then(|l| l.get(k)));
    }
}

/// Ends a fact or finding row: its location columns, its quote, the line end.
fn push_where_and_quote(out: &mut String, f: &Value) {
    push_location(out, f.get("location"));
    out.push(',');
    push_field(out, rec::str_of(f, "quote"));
    out.push('\n');
}

/// facts.csv rows of one document record.
pub fn fact_rows(r: &Value) -> String {
    let doc = doc_prefix(r);
    let mut out = String::new();
    for f in rec::facts(r) {
        out.push_str(&doc);
        for k in [
            "id",
            "kind",
            "label",
            "concept",
            "value",
            "stated",
            "unit",
            "value_wan",
            "project",
        ] {
            out.push(',');
            push_scalar(&mut out, f.get(k));
        }
        push_where_and_quote(&mut out, f);
    }
    out
}

/// findings.csv rows of one document record.
pub fn finding_rows(r: &Value) -> String {
    let doc = doc_prefix(r);
    let mut out = String::new();
    for f in rec::findings(r) {
        out.push_str(&doc);
        for k in ["id", "rule", "severity", "message"] {
            out.push(',');
            push_scalar(&mut out, f.get(k));
        }
        let values = f
            .get("values")
            .and_then(Value::as_array)
            .map(|v| {
                v.iter()
                    .map(|x| rec::scalar(Some(x)))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        out.push(',');
        push_field(&mut out, &values);
        for k in ["expected", "project"] {
            out.push(',');
            push_scalar(&mut out, f.get(k));
        }
        push_where_and_quote(&mut out, f);
    }
    out
}

/// Parses CSV text (RFC 4180: quoted fields with doubled quotes and embedded newlines).
/// Returns rows of fields, or an error naming the line of an unterminated quote.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    parse_csv_lines(text).map_err(|line| format!("line {line}: unterminated quoted field"))
}

/// [`parse_csv`], its error the line where the quoted field that is never closed starts.
pub fn parse_csv_lines(text: &str) -> Result<Vec<Vec<String>>, usize> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut fieldbuf = String::new();
    let mut in_quotes = false;
    let mut line = 1usize;
    let mut quote_line = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    fieldbuf.push('"');
                }
                '"' => in_quotes = false,
                _ => {
                    if c == '\n' {
                        line += 1;
                    }
                    fieldbuf.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if fieldbuf.is_empty() => {
                in_quotes = true;
                quote_line = line;
            }
            ',' => row.push(std::mem::take(&mut fieldbuf)),
            '\r' => {}
            '\n' => {
                line += 1;
                row.push(std::mem::take(&mut fieldbuf));
                rows.push(std::mem::take(&mut row));
            }
            _ => fieldbuf.push(c),
        }
    }
    if in_quotes {
        return Err(quote_line);
    }
    if !fieldbuf.is_empty() || !row.is_empty() {
        row.push(fieldbuf);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Commas, quotes and newlines are quoted; the reader gets the same fields back.
    #[test]
    fn quoting_round_trips() {
        let fields = vec![
            "a,b".to_string(),
            "say \"hi\"".to_string(),
            "两行\n文字".to_string(),
            "plain".to_string(),
        ];
        let l = line(&fields);
        assert_eq!(l, "\"a,b\",\"say \"\"hi\"\"\",\"两行\n文字\",plain\n");
        assert_eq!(parse_csv(&l).unwrap(), vec![fields]);
        assert!(parse_csv("\"open\n").unwrap_err().contains("line 1"));
    }

    // A record's facts become one row each, with department, year and location columns.
    #[test]
    fn fact_rows_from_record() {
        let r: Value = serde_json::from_str(
            r#"{"type":"document","sha256":"ab","path":"x.txt","extraction":{"department":"青山州财政局","year":2023,
            "facts":[{"id":"F0001","kind":"amount","label":"收入总计","concept":"income.total","value":"2405.59",
            "stated":"2,405.59","unit":"万元","value_wan":"2405.59","quote":"收入总计2,405.59万元，其中","location":{"block":3,"line":40}}]}}"#,
        )
        .unwrap();
        assert_eq!(
            fact_rows(&r),
            "ab,x.txt,青山州财政局,2023,F0001,amount,收入总计,income.total,2405.59,\"2,405.59\",万元,2405.59,,,3,,,40,,,\"收入总计2,405.59万元，其中\"\n"
        );
        let header = parse_csv(FACTS_HEADER).unwrap();
        let rows = parse_csv(&fact_rows(&r)).unwrap();
        assert_eq!(header[0].len(), 21);
        assert_eq!(rows[0].len(), 21);
    }
}
