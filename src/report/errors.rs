//! File-level errors for people, in the language of `--lang`.
//!
//! A document that cannot be processed keeps one English `error` string and a stable
//! `error_code` in its record (the JSON and CSV contract). What a person reads — the
//! stderr line, the text report, report.html — goes through [`localize`], which under
//! `--lang zh` rewrites the message in Chinese from its code and its fixed English wording
//! (the wordings of [`crate::ingest::IngestError`] and of the corpus runner). Known phrases
//! inside (what a file looks like, which limit, what to do) are translated too; technical
//! details that come from a parser (an xref offset, a zip library's message) and commands
//! are kept as they are.

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
            Some(format!(
                "超出限制：{}（{}）；可用 {flag} 调高",
                phrases(what),
                phrases(detail)
            ))
        }),
        "corrupt" => after("corrupt ").and_then(|rest| {
            let (format, detail) = rest.split_once(" file: ")?;
            Some(format!(
                "{} 文件已损坏：{}",
                format.to_uppercase(),
                phrases(detail)
            ))
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
            format!("无法读取文件（{}）", phrases(detail))
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
    // A wording this module does not know (a new error): the English text as it is (every
    // place that shows it leads with a Chinese "无法处理").
    out.unwrap_or_else(|| m.to_string())
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
        // Unknown wording: kept as it is.
        assert_eq!(
            localize("new", "something else", Lang::Zh),
            "something else"
        );
    }
}
