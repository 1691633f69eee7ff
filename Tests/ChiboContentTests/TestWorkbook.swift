import CDeflate

/// A workbook built in memory, part by part, and zipped by hand, so that a test can change any part
/// and break the zip itself (its offsets, counts and deflate streams) where it wants.
struct TestWorkbook {
    /// The parts in the zip's order: path and bytes.
    var parts: [(path: String, bytes: [UInt8])]

    /// A workbook of `sheets` (name and the XML of its `<sheetData>`'s rows), with `shared` as its
    /// shared strings and `styles` as its styles part when given.
    init(sheets: [(name: String, rows: String)], shared: [String]? = nil, styles: String? = nil) {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let package = "http://schemas.openxmlformats.org/package/2006/relationships"
        var workbook = "<?xml version=\"1.0\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets>"
        var links = "<?xml version=\"1.0\"?><Relationships xmlns=\"\(package)\">"
        var sheetParts: [(String, [UInt8])] = []
        for (index, sheet) in sheets.enumerated() {
            workbook += "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
            links +=
                "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationships)/worksheet\" "
                + "Target=\"worksheets/sheet\(index + 1).xml\"/>"
            sheetParts.append(
                ("xl/worksheets/sheet\(index + 1).xml", Self.sheet(sheet.rows)))
        }
        workbook += "</sheets></workbook>"
        if shared != nil {
            links += "<Relationship Id=\"rIdS\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        if styles != nil {
            links += "<Relationship Id=\"rIdT\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>"
        }
        links += "</Relationships>"
        parts = [
            ("[Content_Types].xml", Array("<?xml version=\"1.0\"?><Types/>".utf8)),
            (
                "_rels/.rels",
                Array(
                    ("<?xml version=\"1.0\"?><Relationships xmlns=\"\(package)\"><Relationship Id=\"rId1\" "
                        + "Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").utf8)
            ),
            ("xl/workbook.xml", Array(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(links.utf8)),
        ]
        parts += sheetParts
        if let shared {
            var xml = "<?xml version=\"1.0\"?><sst xmlns=\"\(main)\" count=\"\(shared.count)\">"
            for string in shared { xml += "<si><t xml:space=\"preserve\">\(string)</t></si>" }
            parts.append(("xl/sharedStrings.xml", Array((xml + "</sst>").utf8)))
        }
        if let styles { parts.append(("xl/styles.xml", Array(styles.utf8))) }
    }

    /// A sheet part around the XML of its rows.
    static func sheet(_ rows: String) -> [UInt8] {
        Array(
            ("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<sheetData>\(rows)</sheetData></worksheet>").utf8)
    }

    /// Replaces the bytes of the part at `path`, or adds it.
    mutating func set(_ path: String, _ bytes: [UInt8]) {
        if let index = parts.firstIndex(where: { $0.path == path }) {
            parts[index].bytes = bytes
        } else {
            parts.append((path, bytes))
        }
    }

    /// The zip: each part deflated (or stored), with its local header, then the central directory
    /// and its end record. `stream` may replace a part's compressed bytes (a broken deflate stream).
    func zip(deflate: Bool = true, stream: [String: [UInt8]] = [:]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for (path, bytes) in parts {
            let name = Array(path.utf8)
            let compressed = stream[path] ?? (deflate ? Self.deflate(bytes) : bytes)
            let crc = bytes.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
            let method: UInt16 = deflate || stream[path] != nil ? 8 : 0
            let offset = out.count
            out += Self.le32(0x0403_4B50) + Self.le16(20) + Self.le16(0) + Self.le16(method) + Self.le32(0)
            out += Self.le32(crc) + Self.le32(compressed.count) + Self.le32(bytes.count)
            out += Self.le16(name.count) + Self.le16(0) + name + compressed
            directory += Self.le32(0x0201_4B50) + Self.le16(20) + Self.le16(20) + Self.le16(0) + Self.le16(method)
            directory += Self.le32(0) + Self.le32(crc) + Self.le32(compressed.count) + Self.le32(bytes.count)
            directory += Self.le16(name.count) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0)
            directory += Self.le32(0) + Self.le32(offset) + name
        }
        let start = out.count
        out += directory
        out += Self.le32(0x0605_4B50) + Self.le16(0) + Self.le16(0) + Self.le16(parts.count) + Self.le16(parts.count)
        out += Self.le32(directory.count) + Self.le32(start) + Self.le16(0)
        return out
    }

    /// Where the end of central directory record starts in a zip `zip()` made (it has no comment).
    static func endRecord(_ zip: [UInt8]) -> Int { zip.count - 22 }

    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(6) else { return [] }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_deflate_compress_bound(compressor, bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let size = bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                libdeflate_deflate_compress(compressor, input.baseAddress, input.count, output.baseAddress, bound)
            }
        }
        return Array(out.prefix(size))
    }

    static func le16(_ value: some BinaryInteger) -> [UInt8] {
        let value = UInt16(truncatingIfNeeded: value)
        return [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    static func le32(_ value: some BinaryInteger) -> [UInt8] {
        let value = UInt32(truncatingIfNeeded: value)
        return (0..<4).map { UInt8((value >> ($0 * 8)) & 0xFF) }
    }

    /// Writes `value` as four little-endian bytes at `offset` of `zip`.
    static func patch32(_ zip: inout [UInt8], at offset: Int, _ value: UInt32) {
        zip.replaceSubrange(offset..<(offset + 4), with: le32(value))
    }
}
