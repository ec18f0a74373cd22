//! File-level errors for people, in the language of `--lang`.
//!
//! A document that cannot be processed keeps one English `error` string and a stable
//! `error_code` in its record (the JSON and CSV contract). What a person reads — the
//! stderr line, the text report, report.html — goes through [`localize`], which under
//! `--lang zh` rewrites the message in Chinese from its code and its fixed English wording
//! (the wordings of [`crate::ingest::IngestError`] and of the corpus runner). Known phrases
//! inside (what a file looks like, which limit, what to do) are translated too. What a
//! third-party library said (lopdf, zip, quick-xml, calamine, the operating system) is not
//! shown in Chinese: the error is classified instead (不是有效的 PDF, 损坏的压缩包, 读取失败 …),
//! and the library's own text stays in the record's English `error`. Commands and flags are
//! kept as they are.

use crate::check::Lang;

/// The message of a file-level error in `lang` (English: unchanged).
pub fn localize(code: &str, message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => message.to_string(),
        Lang::Zh => zh(code, message),
    }
}

/// Chinese for a file-level error.
fn zh(code: &str, m: &str) -> String {
    let after = |prefix: &str| m.strip_prefix(prefix).map(str::to_string);
    let out = match code {
        "empty" => Some("空文件（没有任何文字）".to_string()),
        "unsupported" => after("not a PDF, DOCX, workbook or text file: looks like ").map(|rest| {
            let (what, hint) = match rest.rsplit_once(" (hint: ") {
                Some((w, h)) => (w, h.strip_suffix(')').unwrap_or(h)),
                None => (rest.as_str(), ""),
            };
            let mut s = format!(
                "不是 PDF、DOCX、工作簿或文本文件：看起来是{}",
                phrases(what)
            );
            if !hint.is_empty() {
                s.push_str(&format!("（建议：{}）", phrases(hint)));
            }
            s
        }),
        "limit" => after("limit exceeded: ").and_then(|rest| {
            let (head, flag) = rest.rsplit_once("; raise it with ")?;
            let (what, detail) = match head.split_once(" (") {
                Some((w, d)) => (w, d.strip_suffix(')').unwrap_or(d)),
                None => (head, ""),
            };
            // A part or sheet name is the file's own text: the limit and the numbers say it.
            let detail = limit_detail(detail);
            Some(format!(
                "超出限制：{}（{}）；可用 {flag} 调高",
                phrases(what),
                phrases(&detail)
            ))
        }),
        "corrupt" => after("corrupt ").and_then(|rest| {
            let (format, detail) = rest.split_once(" file: ")?;
            let format = match format {
                "txt" => "文本".to_string(),
                f => format!("{} ", f.to_uppercase()),
            };
            Some(format!("{format}文件已损坏：{}", corrupt_zh(detail)))
        }),
        "encrypted" if m.starts_with("encrypted PDF") => {
            Some("加密的 PDF：需要用户密码才能打开".to_string())
        }
        "encrypted" => Some(
            "加密的 Office 文档：需要密码才能打开（请用密码打开后另存一份不加密的 .docx）"
                .to_string(),
        ),
        "no_text_layer" => after("no text layer (scanned?) on pages ").map(|rest| {
            let pages = rest.strip_suffix(": run OCR first").unwrap_or(&rest);
            format!("第 {pages} 页没有文字层（扫描件？）：请先做 OCR 文字识别")
        }),
        "undecodable" => after("text layer undecodable: ")
            .map(|rest| format!("文字层无法解码：{}", phrases(&rest))),
        "timeout" => after("timed out after ").map(|rest| {
            let secs = rest.split(' ').next().unwrap_or("?");
            format!("处理超过 {secs} 秒仍未完成（超时）；可用 --timeout 调高")
        }),
        "io" => after("failed to read file (").map(|rest| {
            let detail = rest.strip_suffix(')').unwrap_or(&rest);
            format!("读取失败：{}", io_zh(detail))
        }),
        "panic" | "internal" => Some(
            [
                (
                    "internal error: panicked while processing",
                    "内部错误：处理时程序崩溃",
                ),
                (
                    "internal error while extracting or checking",
                    "内部错误：提取或核对时出错",
                ),
                (
                    "internal error: failed to start a worker thread",
                    "内部错误：无法启动工作线程",
                ),
                (
                    "internal error: the worker thread died",
                    "内部错误：工作线程意外结束",
                ),
                ("; please report this file", "；请报告此文件"),
                ("; please report it", "；请报告此问题"),
                ("internal error: ", "内部错误："),
            ]
            .iter()
            .fold(m.to_string(), |s, (en, zh)| s.replacen(en, zh, 1)),
        ),
        _ => None,
    };
    // A wording this module does not know (a new error): a Chinese line saying so; the
    // English text stays in the record.
    out.unwrap_or_else(|| "无法处理此文件（原因的英文说明保存在输出的记录中）".to_string())
}

/// A corrupt file's detail, classified in Chinese: what kind of damage, without the text a
/// parser library gave (which stays in the record's English `error`).
fn corrupt_zh(detail: &str) -> String {
    const KINDS: &[(&str, &str)] = &[
        ("no pages found", "找不到页面（页面树缺失或无法读取）"),
        (
            "failed to parse (xref)",
            "不是有效的 PDF（交叉引用表无法解析）",
        ),
        ("the PDF parser failed", "不是有效的 PDF（无法解析）"),
        ("failed to parse", "不是有效的 PDF（无法解析）"),
        (
            "failed to read the zip archive",
            "损坏的压缩包（无法读取 ZIP 目录）",
        ),
        ("failed to inflate", "损坏的压缩包（其中的部件无法解压）"),
        ("bad character reference", "文档正文含有无效的字符引用"),
        (
            "ends inside an open paragraph or table",
            "文档正文在未结束的段落或表格中截断（文件不完整？）",
        ),
        ("not well-formed XML", "文档部件不是格式正确的 XML"),
        ("is not valid", "文档正文的编码无效"),
        ("nested deeper than", "段落和表格嵌套过深"),
        ("malformed data", "工作簿数据格式错误"),
        ("failed to read the workbook", "无法读取工作簿"),
        (
            "invalid UTF-8",
            "UTF-8 字节顺序标记之后不是有效的 UTF-8 文字",
        ),
        ("invalid UTF-16", "不是有效的 UTF-16 文字"),
    ];
    let mut out = KINDS
        .iter()
        .find(|(en, _)| detail.contains(en))
        .map_or("无法解析", |(_, zh)| zh)
        .to_string();
    if detail.contains("the file looks truncated") {
        out.push_str("；文件看来不完整（下载未完成？）");
    }
    out
}

/// Operating-system errors in Chinese: the kind (when the standard library names it), the
/// OS's English wording (when only the text is left, as in a record's `error`), the Chinese.
const IO_KINDS: &[(Option<std::io::ErrorKind>, &str, &str)] = {
    use std::io::ErrorKind as K;
    &[
        (
            Some(K::NotFound),
            "No such file or directory",
            "文件或目录不存在",
        ),
        (Some(K::PermissionDenied), "Permission denied", "没有权限"),
        (Some(K::IsADirectory), "Is a directory", "是一个目录"),
        (Some(K::NotADirectory), "Not a directory", "不是目录"),
        (Some(K::AlreadyExists), "File exists", "已存在"),
        (
            Some(K::StorageFull),
            "No space left on device",
            "磁盘空间不足",
        ),
        (
            Some(K::ReadOnlyFilesystem),
            "Read-only file system",
            "文件系统只读",
        ),
        (
            None,
            "Too many levels of symbolic links",
            "符号链接层数过多",
        ),
        (
            Some(K::InvalidData),
            "stream did not contain valid UTF-8",
            "不是有效的 UTF-8 文字",
        ),
        (None, "Input/output error", "输入输出错误"),
    ]
};

/// `what` with the OS error number of `detail` ("… (os error 13)"), if any.
fn with_os_code(what: &str, code: Option<i32>) -> String {
    match code {
        Some(n) => format!("{what}（系统错误 {n}）"),
        None => what.to_string(),
    }
}

/// An operating-system read error, classified in Chinese (the OS's own words stay in the
/// record's English `error`).
fn io_zh(detail: &str) -> String {
    let what = IO_KINDS
        .iter()
        .find(|(_, en, _)| detail.contains(en))
        .map_or("无法读取文件", |(_, _, zh)| zh);
    let code = detail
        .split_once("os error ")
        .and_then(|(_, n)| n.trim_end_matches(')').parse::<i32>().ok());
    with_os_code(what, code)
}

/// An operating-system error that ends a run (an output file that cannot be written, a
/// manifest that cannot be read …) in Chinese: `failed` (读取失败, 写入失败 …), then its kind
/// when the standard library names one this module classifies (文件或目录不存在, 没有权限,
/// 磁盘空间不足 …), and the OS error number. The OS's English wording is not shown.
pub fn io_error_zh(e: &std::io::Error, failed: &str) -> String {
    let what = IO_KINDS
        .iter()
        .find(|(kind, en, _)| match kind {
            Some(k) => *k == e.kind(),
            None => e.raw_os_error().is_some() && e.to_string().contains(en),
        })
        .map_or(failed.to_string(), |(_, _, zh)| format!("{failed}：{zh}"));
    with_os_code(&what, e.raw_os_error())
}

/// A limit's detail without the name of a part, stream or sheet it may carry (the name is
/// the file's, and a zip part's or a PDF stream's is English): "word/document.xml inflates
/// past N bytes" → "一个部件解压后超过 N bytes", "page 3 has more than N operations" → "第 3
/// 页超过 N 个操作", "sheet 支出 has a filled cell in row 9 > 5" → "filled row 9 > 5"; the
/// rest is left to [`PHRASES`].
fn limit_detail(detail: &str) -> String {
    if let Some((_, rest)) = detail.split_once(" inflates past ") {
        return format!("一个部件解压后超过 {rest}");
    }
    if let Some((_, rest)) = detail.split_once(" brings the inflated total past ") {
        return format!("一个部件使解压总量超过 {rest}");
    }
    if let Some((_, rest)) = detail.split_once(" decompresses to more than ") {
        return format!("一个流解压后超过 {rest}");
    }
    if let Some((_, rest)) = detail.split_once(" would take the total past ") {
        return format!("一个流使解压总量超过 {rest}");
    }
    if let Some(rest) = detail.strip_prefix("page ") {
        if let Some((page, n)) = rest.split_once(" has more than ") {
            let n = n.trim_end_matches(" operations");
            return format!("第 {page} 页超过 {n} 个操作");
        }
        if let Some((page, n)) = rest.split_once(" nests forms deeper than ") {
            return format!("第 {page} 页的表单嵌套超过 {n} 层");
        }
    }
    if let Some((_, row)) = detail.split_once(" has a filled cell in row ") {
        return format!("filled row {row}");
    }
    if let Some(rest) = detail.strip_prefix("sheet ") {
        for verb in [" has ", " spans "] {
            if let Some((_, tail)) = rest.split_once(verb) {
                return format!("a sheet{verb}{tail}");
            }
        }
    }
    detail.to_string()
}

/// Known English phrases of error details and hints, with their Chinese. Longer phrases
/// come before the shorter ones they contain.
const PHRASES: &[(&str, &str)] = &[
    // What a file looks like.
    (" (a picture, not text)", "（图片，不是文字）"),
    (" (a compressed archive)", "（压缩包）"),
    ("a PNG image", "PNG 图片"),
    ("a JPEG image", "JPEG 图片"),
    ("a GIF image", "GIF 图片"),
    ("a TIFF image", "TIFF 图片"),
    ("a WebP image", "WebP 图片"),
    ("a BMP image", "BMP 图片"),
    ("a RAR archive", "RAR 压缩包"),
    ("a 7z archive", "7z 压缩包"),
    ("a gzip file", "gzip 压缩文件"),
    ("a bzip2 file", "bzip2 压缩文件"),
    ("an xz file", "xz 压缩文件"),
    ("a zstd file", "zstd 压缩文件"),
    ("an RTF document", "RTF 文档"),
    ("a PostScript file", "PostScript 文件"),
    (
        "a saved web page archive (MHTML, often a Word \"single file web page\" named .doc)",
        "保存的网页归档（MHTML，常见于以 .doc 命名的 Word“单个文件网页”）",
    ),
    ("a Word 2003 XML document", "Word 2003 XML 文档"),
    ("a part of an OFD document (OFD XML)", "OFD 文档的一部分（OFD XML）"),
    ("a Word \"web page\" (HTML", "Word“网页”（HTML"),
    (") saved under a document name", "），以文档的名字保存"),
    (", not a document", "，不是文档"),
    ("an HTML page", "HTML 网页"),
    (" titled ", "，标题为 "),
    ("an XML file", "XML 文件"),
    ("an Excel workbook (.xlsx)", "Excel 工作簿（.xlsx）"),
    ("a PowerPoint presentation (.pptx)", "PowerPoint 演示文稿（.pptx）"),
    (
        "an OFD document (the Chinese fixed-layout format)",
        "OFD 文档（版式文档格式）",
    ),
    ("an OpenDocument text (.odt)", "OpenDocument 文本（.odt）"),
    (
        "an OpenDocument spreadsheet (.ods)",
        "OpenDocument 电子表格（.ods）",
    ),
    (
        "an OpenDocument file (.odt/.ods/.odp)",
        "OpenDocument 文件（.odt/.ods/.odp）",
    ),
    ("an XPS document", "XPS 文档"),
    (
        "a legacy WPS Writer document (.wps, Word 97-2003 format)",
        "旧版 WPS 文字文档（.wps，Word 97-2003 格式）",
    ),
    ("a legacy Word 97-2003 document (.doc)", "旧版 Word 97-2003 文档（.doc）"),
    (
        "a legacy WPS Spreadsheets workbook (.et, Excel 97-2003 format)",
        "旧版 WPS 表格工作簿（.et，Excel 97-2003 格式）",
    ),
    ("a legacy Excel 97-2003 workbook (.xls)", "旧版 Excel 97-2003 工作簿（.xls）"),
    (
        "a legacy WPS Presentation file (.dps, PowerPoint 97-2003 format)",
        "旧版 WPS 演示文件（.dps，PowerPoint 97-2003 格式）",
    ),
    (
        "a legacy PowerPoint 97-2003 presentation (.ppt)",
        "旧版 PowerPoint 97-2003 演示文稿（.ppt）",
    ),
    (
        "a legacy Office file (OLE compound document: .doc/.wps/.xls/.et)",
        "旧版 Office 文件（OLE 复合文档：.doc/.wps/.xls/.et）",
    ),
    (" (spreadsheets: --convert-to pdf)", "（电子表格用 `--convert-to pdf`）"),
    ("binary data", "二进制数据"),
    ("neither UTF-8 nor GB18030 text, nor PDF/DOCX", "既不是 UTF-8 或 GB18030 文本，也不是 PDF/DOCX"),
    (" control characters in ", " 个控制字符，共 "),
    (
        " zero bytes and nothing else (an unfinished download?)",
        " 个零字节，没有其他内容（下载未完成？）",
    ),
    // What to do.
    (
        "(crossfoot reads the PDF's tables)",
        "（crossfoot 读取 PDF 中的表格）",
    ),
    ("convert it with ", "请转换："),
    (
        "the server sent a web page (often an error or login page): download the real attachment; if the page itself is the disclosure, ",
        "服务器返回的是网页（常为错误页或登录页）：请重新下载真正的附件；如果网页本身就是公开文件，",
    ),
    (
        "run OCR first (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf` on a PDF of it)",
        "请先做 OCR 文字识别（例如把它做成 PDF 后运行 `ocrmypdf -l chi_sim in.pdf out.pdf`）",
    ),
    (
        "unpack it and process the files inside",
        "请解压后处理其中的文件",
    ),
    (
        "open the whole .ofd file in an OFD reader and export it as PDF",
        "请用 OFD 阅读器打开整个 .ofd 文件并导出为 PDF",
    ),
    (
        "open it in an OFD reader and export it as PDF",
        "请用 OFD 阅读器打开并导出为 PDF",
    ),
    ("print it to PDF first", "请先打印为 PDF"),
    ("download it again", "请重新下载"),
    // Limits.
    ("input file size", "输入文件大小"),
    ("number of zip entries", "zip 条目数"),
    ("decompressed size of a zip part", "zip 部件解压后的大小"),
    ("decompressed size of the document", "文档解压后的总大小"),
    ("decompressed size of one stream", "单个流解压后的大小"),
    (
        "content-stream operations per page",
        "每页内容流操作数",
    ),
    ("form XObject nesting depth", "表单 XObject 嵌套深度"),
    ("text copied into merged table cells", "复制到合并单元格中的文字"),
    (" inflates past ", " 解压后超过 "),
    ("rows of a sheet", "工作表的行数"),
    ("filled cells of a workbook", "工作簿的非空单元格数"),
    ("table grid of a sheet", "工作表的表格网格"),
    ("merged cells of a sheet", "工作表的合并单元格"),
    ("filled row ", "有数据的行号 "),
    ("a sheet has merged ranges covering ", "工作表的合并区域覆盖 "),
    ("a sheet spans ", "工作表跨 "),
    (" rows × ", " 行 × "),
    (" columns > ", " 列 > "),
    (" cells > ", " 个单元格 > "),
    ("more than ", "超过 "),
    (" cells", " 个单元格"),
    (" would take the total past ", " 会使总量超过 "),
    // Corrupt and undecodable details.
    (
        "no pages found (page tree missing or unreadable)",
        "找不到页面（页面树缺失或无法读取）",
    ),
    ("failed to parse (xref)", "无法解析（交叉引用表 xref）"),
    ("the PDF parser failed", "PDF 解析失败"),
    ("failed to parse", "无法解析"),
    ("failed to read the zip archive", "无法读取 zip 压缩包"),
    ("failed to inflate ", "无法解压 "),
    (" is not valid ", " 不是有效的 "),
    (
        "ends inside an open paragraph or table (truncated?)",
        "在未结束的段落或表格中截断（文件不完整？）",
    ),
    ("the file ends early", "文件提前结束"),
    (
        "; the file looks truncated (an unfinished download?)",
        "；文件看来不完整（下载未完成？）",
    ),
    ("truncated", "文件不完整"),
    (
        " characters are unmapped glyphs, private-use or control characters (",
        " 个字符是无映射的字形、私用区或控制字符（",
    ),
    (
        "); the fonts lack a usable Unicode map: run OCR on the rendered pages instead",
        "）；字体缺少可用的 Unicode 映射：请对页面图像做 OCR 文字识别",
    ),
    (" glyphs (", " 个字形（"),
    (") are unmapped or private-use, on pages ", "）无映射或属私用区，所在页："),
    // Operating-system errors.
    ("No such file or directory", "文件或目录不存在"),
    ("Permission denied", "没有权限"),
    ("Is a directory", "是一个目录"),
    ("Not a directory", "不是目录"),
    ("Too many levels of symbolic links", "符号链接层数过多"),
    ("os error ", "系统错误 "),
    // Short words last, after the phrases that contain them.
    (" bytes", " 字节"),
    (" entries", " 个条目"),
    (" pages", " 页"),
    ("pages", "页数"),
    (" of ", " / "),
];

/// `s` with the known phrases of [`PHRASES`] in Chinese.
fn phrases(s: &str) -> String {
    let mut out = s.to_string();
    for (en, zh) in PHRASES {
        if out.contains(en) {
            out = out.replace(en, zh);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::IngestError;

    // An OS error that ends a run: classified by its kind, with the error number; a kind not
    // classified is the generic word given.
    #[test]
    fn io_errors_by_kind() {
        let os = std::io::Error::from_raw_os_error;
        assert_eq!(
            io_error_zh(&os(2), "读取失败"),
            "读取失败：文件或目录不存在（系统错误 2）"
        );
        assert_eq!(
            io_error_zh(&os(13), "写入失败"),
            "写入失败：没有权限（系统错误 13）"
        );
        assert_eq!(
            io_error_zh(&os(28), "写入失败"),
            "写入失败：磁盘空间不足（系统错误 28）"
        );
        assert_eq!(
            io_error_zh(&os(5), "写入失败"),
            "写入失败：输入输出错误（系统错误 5）"
        );
        assert_eq!(
            io_error_zh(&std::io::Error::other("boom"), "写入失败"),
            "写入失败"
        );
        // The record's English text of the same errors reads the same.
        assert_eq!(
            io_zh("Permission denied (os error 13)"),
            "没有权限（系统错误 13）"
        );
    }

    /// Names of formats and products, which Chinese text uses as they are.
    const NAMES: &[&str] = &[
        "PDF",
        "DOCX",
        "OCR",
        "UTF",
        "PNG",
        "FILE",
        "Office",
        "Word",
        "Excel",
        "WPS",
        "PowerPoint",
        "OpenDocument",
        "HTML",
        "XML",
        "MHTML",
        "JPEG",
        "GIF",
        "RAR",
        "gzip",
        "RTF",
        "PostScript",
        "OLE",
        "OFD",
        "XPS",
        "Unicode",
        "XObject",
        "zip",
        "TIFF",
        "WebP",
        "BMP",
        "zstd",
        "xref",
        "pdf",
        "docx",
    ];

    /// True if `s` still holds an English word of three letters or more outside backquoted
    /// commands, flags and file names.
    fn has_english_word(s: &str) -> bool {
        let mut in_code = false;
        let mut word = String::new();
        let mut prev = ' ';
        for c in s.chars().chain([' ']) {
            if c == '`' {
                in_code = !in_code;
            }
            if c.is_ascii_alphabetic() && !in_code {
                if word.is_empty() && (prev == '-' || prev == '.') {
                    word.push('#'); // a flag or an extension
                }
                word.push(c);
            } else {
                let w = std::mem::take(&mut word);
                if w.len() >= 3 && !w.starts_with('#') && !NAMES.contains(&w.as_str()) {
                    return true;
                }
            }
            prev = c;
        }
        false
    }

    // Every error wording the ingest layer and the runner produce reads as Chinese under
    // --lang zh, and English is left as it is.
    #[test]
    fn file_errors_in_chinese() {
        let errors = [
            IngestError::Empty,
            IngestError::Unsupported {
                looks_like: "a PNG image (a picture, not text)".into(),
                hint: Some(
                    "run OCR first (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf` on a PDF of it)"
                        .into(),
                ),
            },
            IngestError::Unsupported {
                looks_like: "binary data (neither UTF-8 nor GB18030 text, nor PDF/DOCX)".into(),
                hint: None,
            },
            IngestError::file_too_big(300, 200),
            IngestError::Limit {
                what: "pages",
                detail: "3000 pages > 2000".into(),
                flag: "--max-pages",
            },
            IngestError::Corrupt {
                format: "pdf",
                detail: "no pages found (page tree missing or unreadable)".into(),
            },
            IngestError::Encrypted,
            IngestError::EncryptedOffice,
            IngestError::NoTextLayer {
                pages: "1-12".into(),
            },
            IngestError::Undecodable {
                detail: "90 of 100 glyphs (90.0%) are unmapped or private-use, on pages 1-3".into(),
            },
            IngestError::Timeout { secs: 5 },
            IngestError::Io("Permission denied (os error 13)".into()),
        ];
        assert_eq!(
            localize(
                "panic",
                "internal error: panicked while processing (boom); please report it",
                Lang::Zh
            ),
            "内部错误：处理时程序崩溃 (boom)；请报告此问题"
        );
        for e in &errors {
            let en = e.to_string();
            let zh = localize(e.code(), &en, Lang::Zh);
            assert!(!has_english_word(&zh), "{en} → {zh}");
            assert_eq!(localize(e.code(), &en, Lang::En), en);
        }
        assert_eq!(
            localize(
                "timeout",
                "timed out after 5 s; raise it with --timeout",
                Lang::Zh
            ),
            "处理超过 5 秒仍未完成（超时）；可用 --timeout 调高"
        );
        assert_eq!(
            localize(
                "limit",
                &IngestError::file_too_big(300, 200).to_string(),
                Lang::Zh
            ),
            "超出限制：输入文件大小（300 字节 > 200 字节）；可用 --max-file-mb 调高"
        );
        // What the sniffer says of files that are not disclosures.
        let samples: [&[u8]; 16] = [
            b"\x89PNG\r\n\x1a\n....",
            &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0],
            b"GIF89a....",
            b"Rar!\x1A\x07\x00....",
            &[0x1F, 0x8B, 8, 0, 0, 0],
            b"{\\rtf1 hello}",
            b"%!PS-Adobe-3.0\n",
            b"<html><head><title>404 Not Found</title></head><body>nginx</body></html>",
            b"<html xmlns:w=\"urn:schemas-microsoft-com:office:word\"><body>x</body></html>",
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n",
            b"<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?><w/>",
            b"<?xml version=\"1.0\"?><data/>",
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
            &[0u8; 64],
            &[
                0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x10, 0x11, 0x12, 0x13,
            ],
            b"   \n",
        ];
        let limits = crate::ingest::Limits::default();
        for bytes in samples {
            let e = crate::ingest::ingest_bytes(bytes, &limits).unwrap_err();
            let en = e.to_string();
            let zh = localize(e.code(), &en, Lang::Zh);
            let shown = zh.replace("404 Not Found", "");
            assert!(!has_english_word(&shown), "{en} → {zh}");
        }
        // Unknown wording: a Chinese line; the English stays in the record.
        assert!(!has_english_word(&localize(
            "new",
            "something else",
            Lang::Zh
        )));
        // What a library said is classified, not shown.
        for (code, en, zh) in [
            (
                "corrupt",
                "corrupt pdf file: the PDF parser failed (Invalid file header); the file looks truncated (an unfinished download?)",
                "PDF 文件已损坏：不是有效的 PDF（无法解析）；文件看来不完整（下载未完成？）",
            ),
            (
                "corrupt",
                "corrupt docx file: failed to read the zip archive (invalid Zip archive: Could not find EOCD)",
                "DOCX 文件已损坏：损坏的压缩包（无法读取 ZIP 目录）",
            ),
            (
                "corrupt",
                "corrupt xlsx file: failed to read the workbook (Xlsx error: Zip error: invalid Zip archive)",
                "XLSX 文件已损坏：无法读取工作簿",
            ),
            (
                "io",
                "failed to read file (Input/output error (os error 5))",
                "读取失败：输入输出错误（系统错误 5）",
            ),
            (
                "io",
                "failed to read file (something new)",
                "读取失败：无法读取文件",
            ),
            (
                "limit",
                "limit exceeded: decompressed size of a zip part (word/document.xml inflates past 100 bytes); raise it with --max-stream-mb",
                "超出限制：zip 部件解压后的大小（一个部件解压后超过 100 字节）；可用 --max-stream-mb 调高",
            ),
            (
                "limit",
                "limit exceeded: rows of a sheet (sheet Sheet1 has a filled cell in row 500001 > 100000); raise it with --max-rows",
                "超出限制：工作表的行数（有数据的行号 500001 > 100000）；可用 --max-rows 调高",
            ),
        ] {
            assert_eq!(localize(code, en, Lang::Zh), zh);
            assert_eq!(localize(code, en, Lang::En), en);
        }
    }
}
