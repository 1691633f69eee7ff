extension Workbook {
    /// The text of `bytes` (UTF-8 of a cell, a shared string or a sheet name).
    static func text(_ bytes: [UInt8], lineEnds: Bool) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
