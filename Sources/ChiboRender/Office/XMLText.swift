/// Text for the XML chibo writes: the record workbooks, the review letter's Word document, the
/// sitemap. One function escapes it and holds it to XML 1.0's characters, so that no value of the
/// content can make a part malformed (Excel refuses the whole workbook then).
enum XMLText {
    /// XML 1.0's `Char` production (section 2.2): `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
    /// [#x10000-#x10FFFF]`. Everything else (the other C0 controls, the surrogates, U+FFFE and U+FFFF)
    /// cannot appear in a document, not even as a character reference.
    static func isChar(_ codePoint: UInt32) -> Bool {
        switch codePoint {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` for an element or an attribute value: `&`, `<`, `>` and `"` as entities, and any scalar
    /// that is no XML `Char` as U+FFFD. The content's readers refuse those scalars already (control
    /// characters and noncharacters, `Unicode.Scalar.isRefusedInText`), so this only keeps the
    /// document well-formed should one come from elsewhere.
    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        // Only bytes below 0x20 and EF (U+FFFE and U+FFFF are EF BF BE and EF BF BF) can begin a
        // scalar that is no Char; the markup is escaped as in HTML text.
        if text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x9 && $0 != 0xA && $0 != 0xD) || $0 == 0xEF }) {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: text.unicodeScalars.lazy.map { isChar($0.value) ? $0 : "\u{FFFD}" })
            HTML.appendEscaped(String(view), to: &out)
        } else {
            HTML.appendEscaped(text, to: &out)
        }
        return out
    }
}
