/// HTML's escapes, written one way everywhere chibo writes HTML: the templates (`&`, `<`, `>`, `"`
/// and `'` in every value, as swift-mustache does), the Markdown (`&`, `<`, `>` and `"` in text, as
/// libcmark does; `&` and `'` in URLs) and the charts.
package enum HTMLEntity {
    /// Whether `byte` is one of `&`, `<`, `>`, `"` and `'`.
    @inline(__always) package static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// The entity of a special byte as UTF-8: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`.
    @inline(__always) package static func append(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
        case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
        case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
        case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
        case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
        default: out.append(byte)
        }
    }

    /// The entity of a special byte as text; nil for any other byte.
    package static func text(_ byte: UInt8) -> String? {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        case 0x27: "&#39;"
        default: nil
        }
    }
}
