//! Writes the XLSX workbooks that `scripts/make-xls-fixtures.sh` converts to XLS (BIFF8) with
//! LibreOffice for the XLS formula tests: a sheet 支出表 with three amounts, a SUM and a +/−
//! chain over them, cached right (`formulas-good.xlsx`) or wrong (`formulas-bad.xlsx`: the
//! sum cached as 45.50 instead of 35.50, the chain as 30.50 instead of 24.50); and a sheet
//! 宽表 whose amounts sit past column Z (AA2:AC2), summed in AD2 over a range with an
//! absolute start (`SUM($AA$2:AC2)`), cached right or wrong (16 instead of 6).
//!
//! Also `formats.xlsx` for the XLS number-format test: a sheet 格式 with numbers under
//! "#,##0.00", "0.00%", "0" and General, a date, a text cell and a row of integers under
//! "#,##0" (LibreOffice stores adjacent integers as one MULRK record of RK numbers).
//!
//! Usage: cargo run --example xls_fixture -- OUT_DIR

use rust_xlsxwriter::{Format, Formula, Workbook};

fn build(
    sum_result: &str,
    chain_result: &str,
    wide_result: &str,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("支出表")?;
    let money = Format::new().set_num_format("#,##0.00");
    ws.write_string(0, 0, "项目")?;
    ws.write_string(0, 1, "金额")?;
    for (r, v) in [(1u32, 10.004), (2, 20.0), (3, 5.5)] {
        ws.write_string(r, 0, format!("项{r}"))?;
        ws.write_number_with_format(r, 1, v, &money)?;
    }
    ws.write_string(4, 0, "合计")?;
    ws.write_formula_with_format(
        4,
        1,
        Formula::new("=SUM(B2:B4)").set_result(sum_result),
        &money,
    )?;
    ws.write_string(5, 0, "差额")?;
    ws.write_formula_with_format(
        5,
        1,
        Formula::new("=B2+B3-B4").set_result(chain_result),
        &money,
    )?;
    let wide = wb.add_worksheet();
    wide.set_name("宽表")?;
    for c in 0..26u16 {
        wide.write_string(0, c, format!("列{}", c + 1))?;
    }
    for (c, v) in [(26u16, 1.0), (27, 2.0), (28, 3.0)] {
        wide.write_string(0, c, format!("列{}", c + 1))?;
        wide.write_number(1, c, v)?;
    }
    wide.write_string(0, 29, "合计")?;
    wide.write_formula(
        1,
        29,
        Formula::new("=SUM($AA$2:AC2)").set_result(wide_result),
    )?;
    wb.save_to_buffer()
}

fn formats() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("格式")?;
    let money = Format::new().set_num_format("#,##0.00");
    let percent = Format::new().set_num_format("0.00%");
    let whole = Format::new().set_num_format("0");
    let thousands = Format::new().set_num_format("#,##0");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(0, 0, "项目")?;
    ws.write_string(0, 1, "值")?;
    ws.write_string(1, 0, "金额")?;
    ws.write_number_with_format(1, 1, 1000.5, &money)?;
    ws.write_string(2, 0, "大额")?;
    ws.write_number_with_format(2, 1, 14348853.335, &money)?;
    ws.write_string(3, 0, "比例")?;
    ws.write_number_with_format(3, 1, 0.2345, &percent)?;
    ws.write_string(4, 0, "取整")?;
    ws.write_number_with_format(4, 1, 3.6, &whole)?;
    ws.write_string(5, 0, "常规")?;
    ws.write_number(5, 1, 0.1 + 0.2)?;
    ws.write_string(6, 0, "日期")?;
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 3, 15)?;
    ws.write_datetime_with_format(6, 1, &day, &date)?;
    ws.write_string(7, 0, "文本")?;
    ws.write_string(7, 1, "一千")?;
    ws.write_string(8, 0, "整数")?;
    for (c, v) in [(1u16, 1234567.0), (2, 2000.0), (3, -35.0)] {
        ws.write_number_with_format(8, c, v, &thousands)?;
    }
    wb.save_to_buffer()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: xls_fixture OUT_DIR")?;
    let out = std::path::Path::new(&out);
    std::fs::create_dir_all(out)?;
    std::fs::write(
        out.join("formulas-good.xlsx"),
        build("35.504", "24.504", "6")?,
    )?;
    std::fs::write(out.join("formulas-bad.xlsx"), build("45.5", "30.5", "16")?)?;
    std::fs::write(out.join("formats.xlsx"), formats()?)?;
    Ok(())
}
