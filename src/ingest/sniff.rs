//! Format sniffing: what the bytes are, whatever the file is called.
//!
//! Government sites serve many things under a `.pdf` or `.doc` name: HTML error and login
//! pages, Word "web pages" saved as `.doc`, legacy OLE documents from Word, Excel and
//! Kingsoft WPS, zipped attachments, OFD files, images of scans. A batch user needs to know
//! which one a file is and what to do about it, so every refusal says what the file looks
//! like and, where a tool exists, the command that converts it.
//!
//! Everything here is bounded: markers are looked for in the first KiB (or few KiB), zip
//! entry names are read from the central directory with a cap, and OLE stream names are
//! found with one literal-set scan (linear in the file size, which [`super::Limits`] caps).

use super::{find, IngestError};
use std::sync::OnceLock;

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// PDF.
    Pdf,
    /// A zip archive that may be a DOCX (the DOCX reader decides).
    Zip,
    /// Text of some encoding (decided by the text reader).
    Text,
    /// A zip holding `xl/` parts: an Excel or WPS 表格 workbook (.xlsx).
    Xlsx,
    /// An OLE compound file holding a `Workbook`/`Book` stream: Excel 97-2003 (.xls) or
    /// WPS Spreadsheets (.et), both BIFF.
    Xls,
}

/// How to convert a Word-like file to DOCX.
const TO_DOCX: &str = "convert it with `libreoffice --headless --convert-to docx FILE`";
/// How to convert a spreadsheet or slides: crossfoot reads the tables of the PDF.
const TO_PDF: &str = "convert it with `libreoffice --headless --convert-to pdf FILE` (crossfoot reads the PDF's tables)";
/// How to convert an HTML page that is itself the disclosure.
const HTML_TO_DOCX: &str =
    "convert it with `libreoffice --headless --convert-to 'docx:MS Word 2007 XML' FILE`";
/// What to do with a picture.
const OCR: &str = "run OCR first (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf` on a PDF of it)";

fn unsupported(looks_like: impl Into<String>, hint: Option<&str>) -> IngestError {
    IngestError::Unsupported {
        looks_like: looks_like.into(),
        hint: hint.map(str::to_string),
    }
}

/// Sniffs the format, or says what the bytes are instead.
pub fn sniff(bytes: &[u8]) -> Result<Sniffed, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    if bytes.iter().all(|&b| b == 0) {
        return Err(unsupported(
            format!(
                "{} zero bytes and nothing else (an unfinished download?)",
                bytes.len()
            ),
            Some("download it again"),
        ));
    }
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Ok(Sniffed::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return classify_zip(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return classify_ole(bytes);
    }
    if let Some(e) = sniff_binary_magic(bytes) {
        return Err(e);
    }
    if let Some(e) = sniff_markup(bytes) {
        return Err(e);
    }
    Ok(Sniffed::Text)
}

/// Images, archives, RTF, PostScript: recognised by their magic numbers.
fn sniff_binary_magic(bytes: &[u8]) -> Option<IngestError> {
    let starts = |m: &[u8]| bytes.starts_with(m);
    let image = |what: &str| {
        Some(unsupported(
            format!("{what} (a picture, not text)"),
            Some(OCR),
        ))
    };
    if starts(b"\x89PNG") {
        return image("a PNG image");
    }
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return image("a JPEG image");
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return image("a GIF image");
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return image("a TIFF image");
    }
    if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return image("a WebP image");
    }
    if starts(b"BM") && bytes.get(6..10) == Some(&[0, 0, 0, 0]) && bytes.len() > 26 {
        return image("a BMP image");
    }
    let archive = |what: &str| {
        Some(unsupported(
            format!("{what} (a compressed archive)"),
            Some("unpack it and process the files inside"),
        ))
    };
    if starts(b"Rar!\x1A\x07") {
        return archive("a RAR archive");
    }
    if starts(b"7z\xBC\xAF\x27\x1C") {
        return archive("a 7z archive");
    }
    if starts(&[0x1F, 0x8B]) {
        return archive("a gzip file");
    }
    if starts(b"BZh") && bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)) {
        return archive("a bzip2 file");
    }
    if starts(&[0xFD, b'7', b'z', b'X', b'Z', 0]) {
        return archive("an xz file");
    }
    if starts(&[0x28, 0xB5, 0x2F, 0xFD]) {
        return archive("a zstd file");
    }
    if starts(b"{\\rtf") {
        return Some(unsupported("an RTF document", Some(TO_DOCX)));
    }
    if starts(b"%!PS") {
        return Some(unsupported(
            "a PostScript file",
            Some("convert it with `ps2pdf FILE`"),
        ));
    }
    None
}

/// HTML pages, Word "web pages", Word 2003 XML, OFD XML parts, MHTML archives.
fn sniff_markup(bytes: &[u8]) -> Option<IngestError> {
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let head = &body[..body.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let l = &lower[start..];
    if l.starts_with(b"mime-version:") || find(&lower, b"content-type: multipart/related").is_some()
    {
        return Some(unsupported(
            "a saved web page archive (MHTML, often a Word \"single file web page\" named .doc)",
            Some(TO_DOCX),
        ));
    }
    if !l.starts_with(b"<") {
        return None;
    }
    if find(l, b"<?mso-application progid=\"word.document\"").is_some() {
        return Some(unsupported("a Word 2003 XML document", Some(TO_DOCX)));
    }
    if find(l, b"<ofd:").is_some() {
        return Some(unsupported(
            "a part of an OFD document (OFD XML)",
            Some("open the whole .ofd file in an OFD reader and export it as PDF"),
        ));
    }
    const HTML_TAGS: [&[u8]; 9] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<title",
        b"<meta",
        b"<script",
        b"<div",
        b"<table",
    ];
    if HTML_TAGS.iter().any(|t| find(l, t).is_some()) {
        let from_word = find(l, b"urn:schemas-microsoft-com:office:word").is_some();
        let title = html_title(head, &lower)
            .map(|t| format!(" titled \"{t}\""))
            .unwrap_or_default();
        return Some(if from_word {
            unsupported(
                format!("a Word \"web page\" (HTML{title}) saved under a document name"),
                Some(HTML_TO_DOCX),
            )
        } else {
            let hint = format!(
                "the server sent a web page (often an error or login page): download the real \
                 attachment; if the page itself is the disclosure, {HTML_TO_DOCX}"
            );
            IngestError::Unsupported {
                looks_like: format!("an HTML page{title}, not a document"),
                hint: Some(hint),
            }
        });
    }
    if l.starts_with(b"<?xml") {
        return Some(unsupported("an XML file", None));
    }
    None
}

/// The `<title>` of an HTML head, decoded (UTF-8, else GB18030), whitespace collapsed, at
/// most 60 characters.
fn html_title(head: &[u8], lower: &[u8]) -> Option<String> {
    let open = find(lower, b"<title")?;
    let gt = open + find(lower.get(open..)?, b">")? + 1;
    let end = gt + find(lower.get(gt..)?, b"</title")?;
    let raw = head.get(gt..end)?;
    let text = match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(raw).0.into_owned(),
    };
    let collapsed: Vec<&str> = text.split_whitespace().collect();
    let mut title = collapsed.join(" ");
    title.retain(|c| !c.is_control() && c != '"');
    if title.is_empty() {
        return None;
    }
    if title.chars().count() > 60 {
        title = title.chars().take(59).chain(['…']).collect();
    }
    Some(title)
}

/// Decides what kind of zip a file is from its entry names: DOCX goes to the DOCX reader,
/// XLSX to the workbook reader; PPTX, OFD, OpenDocument and plain archives get a message.
fn classify_zip(bytes: &[u8]) -> Result<Sniffed, IngestError> {
    let names = zip_entry_names(bytes, 4096);
    if names.is_empty() {
        // Unreadable directory: let the DOCX reader say what is wrong.
        return Ok(Sniffed::Zip);
    }
    let has_prefix = |p: &str| names.iter().any(|n| n.starts_with(p));
    let has = |p: &str| names.iter().any(|n| n == p);
    if has_prefix("word/") {
        return Ok(Sniffed::Zip);
    }
    if has("xl/workbook.bin") {
        return Err(unsupported(
            "an Excel binary workbook (.xlsb)",
            Some("save it as .xlsx"),
        ));
    }
    if has_prefix("xl/") {
        return Ok(Sniffed::Xlsx);
    }
    if has_prefix("ppt/") {
        return Err(unsupported(
            "a PowerPoint presentation (.pptx)",
            Some(TO_PDF),
        ));
    }
    if has("OFD.xml") {
        return Err(unsupported(
            "an OFD document (the Chinese fixed-layout format)",
            Some("open it in an OFD reader and export it as PDF"),
        ));
    }
    if has("content.xml") && has("META-INF/manifest.xml") {
        let head = &bytes[..bytes.len().min(200)];
        return Err(if find(head, b"opendocument.text").is_some() {
            unsupported("an OpenDocument text (.odt)", Some(TO_DOCX))
        } else if find(head, b"opendocument.spreadsheet").is_some() {
            unsupported("an OpenDocument spreadsheet (.ods)", Some(TO_PDF))
        } else {
            unsupported("an OpenDocument file (.odt/.ods/.odp)", Some(TO_PDF))
        });
    }
    if names
        .iter()
        .any(|n| n.ends_with(".fdseq") || n.ends_with(".fpage"))
    {
        return Err(unsupported(
            "an XPS document",
            Some("print it to PDF first"),
        ));
    }
    // Any other zip (another OOXML package, an archive of attachments): the DOCX reader
    // says what is missing.
    Ok(Sniffed::Zip)
}

/// Entry names of a zip archive, at most `cap` of them: from the central directory when
/// the end record is there, else (a truncated download) from the local headers in the
/// first MiB. Names are decoded as UTF-8 (GB18030 when that fails, as Chinese zip tools
/// write). Never allocates more than `cap` names.
pub(crate) fn zip_entry_names(bytes: &[u8], cap: usize) -> Vec<String> {
    let decode = |raw: &[u8]| match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(raw).0.into_owned(),
    };
    let u16_at = |at: usize| -> Option<usize> {
        let b = bytes.get(at..at + 2)?;
        Some(u16::from_le_bytes([b[0], b[1]]) as usize)
    };
    let u32_at = |at: usize| -> Option<usize> {
        let b = bytes.get(at..at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let mut names = Vec::new();
    // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the end.
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let eocd = bytes
        .get(tail_start..)
        .and_then(|tail| tail.windows(4).rposition(|w| w == b"PK\x05\x06"))
        .map(|p| tail_start + p);
    if let Some(eocd) = eocd {
        let entries = u16_at(eocd + 10).unwrap_or(0);
        let mut pos = u32_at(eocd + 16).unwrap_or(usize::MAX);
        for _ in 0..entries.min(cap) {
            if bytes.get(pos..pos + 4) != Some(b"PK\x01\x02") {
                break;
            }
            let (Some(n), Some(x), Some(c)) =
                (u16_at(pos + 28), u16_at(pos + 30), u16_at(pos + 32))
            else {
                break;
            };
            let Some(raw) = bytes.get(pos + 46..pos + 46 + n) else {
                break;
            };
            names.push(decode(raw));
            pos += 46 + n + x + c;
        }
        if !names.is_empty() {
            return names;
        }
    }
    // No readable central directory: scan local file headers near the start.
    let window = &bytes[..bytes.len().min(1 << 20)];
    let mut from = 0;
    while names.len() < cap {
        let Some(rel) = window.get(from..).and_then(|w| find(w, b"PK\x03\x04")) else {
            break;
        };
        let pos = from + rel;
        let (Some(n), Some(_)) = (u16_at(pos + 26), u16_at(pos + 28)) else {
            break;
        };
        if let Some(raw) = bytes.get(pos + 30..pos + 30 + n) {
            names.push(decode(raw));
        }
        from = pos + 4;
    }
    names
}

/// Says which legacy Office file an OLE compound document is, from its stream names
/// (UTF-16LE in the directory): Word/WPS Writer, Excel/WPS Spreadsheets, PowerPoint/WPS
/// Presentation, or a password-protected DOCX/XLSX (OOXML in an OLE `EncryptedPackage`).
/// Workbooks (Excel .xls, WPS .et) go to the workbook reader; the others get a message.
fn classify_ole(bytes: &[u8]) -> Result<Sniffed, IngestError> {
    let found = ole_markers(bytes);
    let has = |m: OleMarker| found.contains(&m);
    if has(OleMarker::EncryptedPackage) {
        return Err(IngestError::EncryptedOffice);
    }
    if has(OleMarker::Workbook) && !has(OleMarker::WordDocument) {
        return Ok(Sniffed::Xls);
    }
    Err(classify_other_ole(&found))
}

/// The refusal for an OLE file that is not a workbook.
fn classify_other_ole(found: &[OleMarker]) -> IngestError {
    let has = |m: OleMarker| found.contains(&m);
    let kingsoft = has(OleMarker::Kingsoft);
    if has(OleMarker::WordDocument) {
        let what = if kingsoft {
            "a legacy WPS Writer document (.wps, Word 97-2003 format)"
        } else {
            "a legacy Word 97-2003 document (.doc)"
        };
        return unsupported(what, Some(TO_DOCX));
    }
    if has(OleMarker::PowerPoint) {
        let what = if kingsoft {
            "a legacy WPS Presentation file (.dps, PowerPoint 97-2003 format)"
        } else {
            "a legacy PowerPoint 97-2003 presentation (.ppt)"
        };
        return unsupported(what, Some(TO_PDF));
    }
    unsupported(
        "a legacy Office file (OLE compound document: .doc/.wps/.xls/.et)",
        Some(
            "convert it with `libreoffice --headless --convert-to docx FILE` \
             (spreadsheets: --convert-to pdf)",
        ),
    )
}

/// Markers found in an OLE file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OleMarker {
    WordDocument,
    Workbook,
    PowerPoint,
    EncryptedPackage,
    Kingsoft,
}

/// One linear scan of the whole file for the stream names (as UTF-16LE directory entries)
/// and Kingsoft's property name (ASCII or UTF-16LE).
fn ole_markers(bytes: &[u8]) -> Vec<OleMarker> {
    const NAMES: [(&str, OleMarker); 8] = [
        ("WordDocument", OleMarker::WordDocument),
        ("Workbook", OleMarker::Workbook),
        ("Book", OleMarker::Workbook),
        ("PowerPoint Document", OleMarker::PowerPoint),
        ("EncryptedPackage", OleMarker::EncryptedPackage),
        ("KSOProductBuildVer", OleMarker::Kingsoft),
        ("WpsCustomData", OleMarker::Kingsoft),
        ("KSOTemplateDocerSaveRecord", OleMarker::Kingsoft),
    ];
    static SET: OnceLock<Option<regex::bytes::Regex>> = OnceLock::new();
    let Some(re) = SET.get_or_init(|| {
        let mut alts = Vec::new();
        for (name, _) in NAMES {
            let utf16: String = name.bytes().map(|b| format!("\\x{b:02X}\\x00")).collect();
            // A directory entry name ends in a UTF-16 NUL: "Book" must not match "Workbook"'s
            // tail nor a longer name.
            alts.push(format!("({utf16}\\x00\\x00)"));
        }
        alts.push("(KSOProductBuildVer)".to_string());
        regex::bytes::Regex::new(&format!("(?-u){}", alts.join("|"))).ok()
    }) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for caps in re.captures_iter(bytes) {
        for (i, (_, marker)) in NAMES.iter().enumerate() {
            if caps.get(i + 1).is_some() && !found.contains(marker) {
                found.push(*marker);
            }
        }
        if caps.get(NAMES.len() + 1).is_some() && !found.contains(&OleMarker::Kingsoft) {
            found.push(OleMarker::Kingsoft);
        }
        if found.len() == 5 {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn looks_like(bytes: &[u8]) -> String {
        match sniff(bytes) {
            Err(IngestError::Unsupported { looks_like, .. }) => looks_like,
            other => panic!("expected unsupported, got {other:?}"),
        }
    }

    /// A fake OLE file: the signature plus directory-entry names in UTF-16LE.
    fn ole(names: &[&str]) -> Vec<u8> {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.resize(512, 0);
        for n in names {
            let mut entry: Vec<u8> = n.encode_utf16().flat_map(u16::to_le_bytes).collect();
            entry.resize(128, 0);
            b.extend(entry);
        }
        b
    }

    /// A stored (uncompressed) zip with the given entries, written by hand.
    fn zip(names: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for n in names {
            let off = out.len() as u32;
            out.extend(b"PK\x03\x04");
            out.extend([
                20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            ]);
            out.extend((n.len() as u16).to_le_bytes());
            out.extend([0, 0]);
            out.extend(n.as_bytes());
            central.extend(b"PK\x01\x02");
            central.extend([0u8; 24]);
            central.extend((n.len() as u16).to_le_bytes());
            central.extend([0u8; 12]);
            central.extend(off.to_le_bytes());
            central.extend(n.as_bytes());
        }
        let cd_off = out.len() as u32;
        let cd_len = central.len() as u32;
        out.extend(&central);
        out.extend(b"PK\x05\x06");
        out.extend([0, 0, 0, 0]);
        out.extend((names.len() as u16).to_le_bytes());
        out.extend((names.len() as u16).to_le_bytes());
        out.extend(cd_len.to_le_bytes());
        out.extend(cd_off.to_le_bytes());
        out.extend([0, 0]);
        out
    }

    // Legacy OLE files are told apart by their stream names, Kingsoft's by its property.
    #[test]
    fn ole_files_are_named() {
        assert_eq!(
            looks_like(&ole(&["Root Entry", "WordDocument", "1Table"])),
            "a legacy Word 97-2003 document (.doc)"
        );
        assert_eq!(
            looks_like(&ole(&["Root Entry", "WordDocument", "KSOProductBuildVer"])),
            "a legacy WPS Writer document (.wps, Word 97-2003 format)"
        );
        // Workbooks (Excel .xls, WPS .et) are read.
        assert_eq!(sniff(&ole(&["Root Entry", "Workbook"])), Ok(Sniffed::Xls));
        assert_eq!(
            sniff(&ole(&["Root Entry", "Workbook", "WpsCustomData"])),
            Ok(Sniffed::Xls)
        );
        assert_eq!(sniff(&ole(&["Root Entry", "Book"])), Ok(Sniffed::Xls));
        assert_eq!(
            looks_like(&ole(&["Root Entry", "PowerPoint Document"])),
            "a legacy PowerPoint 97-2003 presentation (.ppt)"
        );
        assert_eq!(
            sniff(&ole(&["Root Entry", "EncryptionInfo", "EncryptedPackage"])),
            Err(IngestError::EncryptedOffice)
        );
        let unknown = sniff(&ole(&["Root Entry", "Contents"])).unwrap_err();
        assert!(
            unknown.to_string().contains("--convert-to docx"),
            "{unknown}"
        );
        // "Book" only as a whole name, not as the tail of another.
        assert_eq!(
            looks_like(&ole(&["Root Entry", "Notebook"])),
            "a legacy Office file (OLE compound document: .doc/.wps/.xls/.et)"
        );
    }

    // Zips are DOCX only when they hold word/; others are named.
    #[test]
    fn zips_are_classified_by_entries() {
        assert_eq!(
            sniff(&zip(&["[Content_Types].xml", "word/document.xml"])),
            Ok(Sniffed::Zip)
        );
        assert_eq!(
            sniff(&zip(&["[Content_Types].xml", "xl/workbook.xml"])),
            Ok(Sniffed::Xlsx)
        );
        assert_eq!(
            looks_like(&zip(&["[Content_Types].xml", "xl/workbook.bin"])),
            "an Excel binary workbook (.xlsb)"
        );
        assert_eq!(
            looks_like(&zip(&["[Content_Types].xml", "ppt/presentation.xml"])),
            "a PowerPoint presentation (.pptx)"
        );
        assert_eq!(
            looks_like(&zip(&["OFD.xml", "Doc_0/Document.xml"])),
            "an OFD document (the Chinese fixed-layout format)"
        );
        // Other zips go to the DOCX reader, which names what is missing.
        assert_eq!(
            sniff(&zip(&["2024决算.pdf", "附件/", "附件/表.xls"])),
            Ok(Sniffed::Zip)
        );
        // A download cut before the central directory still shows its first entries.
        let cut = zip(&["word/document.xml", "word/styles.xml"]);
        assert_eq!(sniff(&cut[..60]), Ok(Sniffed::Zip));
        let cut = zip(&["xl/workbook.xml", "xl/styles.xml"]);
        assert_eq!(sniff(&cut[..60]), Ok(Sniffed::Xlsx));
    }

    // HTML is recognised without a doctype and its title is quoted.
    #[test]
    fn html_pages_quote_their_title() {
        assert_eq!(
            looks_like(b"\n <head><title>404   Not Found</title></head><body>nginx</body>"),
            "an HTML page titled \"404 Not Found\", not a document"
        );
        let gbk = encoding_rs::GBK
            .encode("<html><title>页面不存在</title></html>")
            .0;
        assert_eq!(
            looks_like(&gbk),
            "an HTML page titled \"页面不存在\", not a document"
        );
        let word = b"<html xmlns:w=\"urn:schemas-microsoft-com:office:word\"><body>x</body></html>";
        assert_eq!(
            looks_like(word),
            "a Word \"web page\" (HTML) saved under a document name"
        );
        assert_eq!(
            looks_like(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x"),
            "a saved web page archive (MHTML, often a Word \"single file web page\" named .doc)"
        );
        // Text that merely mentions a tag is still text.
        assert_eq!(sniff("收入<html>总计".as_bytes()), Ok(Sniffed::Text));
    }

    // Pictures, archives and zero-filled downloads get their own words.
    #[test]
    fn binary_magic_is_named() {
        assert_eq!(
            looks_like(b"\x89PNG\r\n\x1a\n...."),
            "a PNG image (a picture, not text)"
        );
        assert_eq!(
            looks_like(&[0xFF, 0xD8, 0xFF, 0xE0]),
            "a JPEG image (a picture, not text)"
        );
        assert_eq!(
            looks_like(b"Rar!\x1A\x07\x00"),
            "a RAR archive (a compressed archive)"
        );
        assert_eq!(
            looks_like(&[0u8; 4096]),
            "4096 zero bytes and nothing else (an unfinished download?)"
        );
        assert_eq!(sniff(b"%PDF-1.7\n"), Ok(Sniffed::Pdf));
    }
}
