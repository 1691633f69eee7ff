/// HTML escaping, byte by byte: `&`, `<`, `>`, `"` and `'` (as `&#39;`), the theme's content type
/// (`{{% CONTENT_TYPE: HTML }}`). Tests give it to swift-mustache as the same content type.
package func escapeHTML(_ text: String) -> String {
    var bytes: [UInt8] = []
    appendEscaped(text, .byteHTML, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

@inline(__always) func isSpecial(_ byte: UInt8) -> Bool {
    byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
}

@inline(__always) func appendEntity(_ byte: UInt8, to out: inout [UInt8]) {
    switch byte {
    case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
    case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
    case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
    case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
    default: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
    }
}

/// Appends `text` escaped as `escaping` says. swift-mustache's own HTML type compares whole
/// `Character`s, so a special character that begins a longer grapheme (a quote and a combining accent)
/// stays as it is there; text that is all ASCII or has no special byte needs no graphemes.
func appendEscaped(_ text: String, _ escaping: Escaping, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
        guard escaping != .none, bytes.contains(where: isSpecial) else {
            out.append(contentsOf: bytes)
            return
        }
        if escaping == .characterHTML, bytes.contains(where: { $0 >= 0x80 }) { return }
        var start = 0
        for index in bytes.indices where isSpecial(bytes[index]) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            appendEntity(bytes[index], to: &out)
            start = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
    if escaping == .characterHTML, text.utf8.contains(where: isSpecial), text.utf8.contains(where: { $0 >= 0x80 }) {
        for character in text {
            if character.utf8.count == 1, let byte = character.utf8.first, isSpecial(byte) {
                appendEntity(byte, to: &out)
            } else {
                out.append(contentsOf: character.utf8)
            }
        }
    }
}
