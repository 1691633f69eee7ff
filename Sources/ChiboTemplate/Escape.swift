import ChiboSupport

/// HTML escaping, byte by byte: `&`, `<`, `>`, `"` and `'` (`HTMLEntity`), the theme's content type
/// (`{{% CONTENT_TYPE: HTML }}`). Tests give it to swift-mustache as the same content type.
package func escapeHTML(_ text: String) -> String {
    var bytes: [UInt8] = []
    appendEscaped(text, .byteHTML, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends `text` escaped as `escaping` says. swift-mustache's own HTML type compares whole
/// `Character`s, so a special character that begins a longer grapheme (a quote and a combining accent)
/// stays as it is there; text that is all ASCII or has no special byte needs no graphemes.
func appendEscaped(_ text: String, _ escaping: Escaping, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
        guard escaping != .none, bytes.contains(where: HTMLEntity.isSpecial) else {
            out.append(contentsOf: bytes)
            return
        }
        if escaping == .characterHTML, bytes.contains(where: { $0 >= 0x80 }) { return }
        var start = 0
        for index in bytes.indices where HTMLEntity.isSpecial(bytes[index]) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            HTMLEntity.append(bytes[index], to: &out)
            start = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
    if escaping == .characterHTML, text.utf8.contains(where: HTMLEntity.isSpecial),
        text.utf8.contains(where: { $0 >= 0x80 })
    {
        for character in text {
            if character.utf8.count == 1, let byte = character.utf8.first, HTMLEntity.isSpecial(byte) {
                HTMLEntity.append(byte, to: &out)
            } else {
                out.append(contentsOf: character.utf8)
            }
        }
    }
}
