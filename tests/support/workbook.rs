//! Writes a document model as a workbook (rust_xlsxwriter), the way departments publish
//! one: for the workbook tests and the extract bench.

use crossfoot::document::{BlockKind, Document};
use rust_xlsxwriter::{Format as XFormat, Workbook};

/// Writes a document as a workbook the way departments publish one: each run of
/// paragraphs a text sheet (a paragraph per row), each table its own sheet with its merged
/// cells. `numbers`: cells that are a plain printed number are stored as numbers under the
/// format that prints them so ("#,##0.00" for "1,234.56"); otherwise every cell is text.
pub fn workbook_of(doc: &Document, numbers: bool) -> Vec<u8> {
    let number_re = regex::Regex::new(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$").expect("regex");
    let mut wb = Workbook::new();
    let mut text_rows: Vec<&str> = Vec::new();
    let mut sheets = 0;
    let flush = |wb: &mut Workbook, rows: &mut Vec<&str>, sheets: &mut usize| {
        if rows.is_empty() {
            return;
        }
        *sheets += 1;
        let ws = wb.add_worksheet();
        ws.set_name(format!("说明{sheets}")).expect("name");
        for (r, t) in rows.iter().enumerate() {
            ws.write_string(r as u32, 0, *t).expect("write");
        }
        rows.clear();
    };
    for b in &doc.blocks {
        match &b.kind {
            BlockKind::Paragraph(p) => text_rows.push(&p.text),
            BlockKind::Table(t) => {
                flush(&mut wb, &mut text_rows, &mut sheets);
                sheets += 1;
                let ws = wb.add_worksheet();
                ws.set_name(format!("表{sheets}")).expect("name");
                for (r, row) in t.rows.iter().enumerate() {
                    for cell in row.cells.iter().filter(|c| !c.is_continuation()) {
                        let (r, c) = (r as u32, cell.col as u16);
                        if cell.row_span > 1 || cell.col_span > 1 {
                            let (r1, c1) = (r + cell.row_span - 1, c + cell.col_span as u16 - 1);
                            ws.merge_range(r, c, r1, c1, &cell.text, &XFormat::new())
                                .expect("merge");
                            continue;
                        }
                        let text = cell.text.trim();
                        if numbers && number_re.is_match(text) {
                            let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
                            let mut code =
                                if text.contains(',') { "#,##0" } else { "0" }.to_string();
                            if decimals > 0 {
                                code.push('.');
                                code.push_str(&"0".repeat(decimals));
                            }
                            let v: f64 = text.replace(',', "").parse().expect("number");
                            ws.write_number_with_format(
                                r,
                                c,
                                v,
                                &XFormat::new().set_num_format(code),
                            )
                            .expect("number");
                        } else if !cell.text.is_empty() {
                            ws.write_string(r, c, &cell.text).expect("write");
                        }
                    }
                }
            }
        }
    }
    flush(&mut wb, &mut text_rows, &mut sheets);
    wb.save_to_buffer().expect("xlsx")
}
