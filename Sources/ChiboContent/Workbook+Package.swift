import CDeflate

/// The zip container of a workbook, read by chibo itself: its end record and central directory are
/// checked (every offset, size and count within the file) before any part is read, each part is
/// found through one dictionary built once, and parts are inflated whole by libdeflate into a buffer
/// of the size the directory declares, within what is left of the workbook's budget
/// (`Workbook.Limits.inflatedBytes`). A deflate stream that is cut short or runs past its declared
/// size is an error, never a loop; a part's CRC-32 is checked.
///
/// ZIPFoundation, which wrote and read workbooks before, cannot be made safe by checks made before
/// calling it: on Linux its inflate loop (`Data.decode`, Data+Compression.swift) spins for ever on a
/// stream without its final block, and nothing it calls back can stop it.
struct WorkbookPackage {
    /// Where one part's bytes stand in the file and how they are stored.
    struct Entry {
        var method: Int
        var crc: Int
        var start: Int
        var compressedSize: Int
        var size: Int
    }

    private let bytes: [UInt8]
    private let entries: [String: Entry]
    private let limits: Workbook.Limits
    /// The bytes inflated so far, across every part read.
    private(set) var inflated = 0

    /// deflate's best ratio: a stored size beyond 1,032 times the compressed one is a lie.
    static let deflateRatio = 1032

    init(_ bytes: [UInt8], limits: Workbook.Limits) throws(Workbook.Failure) {
        self.bytes = bytes
        self.limits = limits
        let end = try Self.endOfDirectory(bytes)
        guard end.count <= limits.parts else {
            throw Workbook.Failure(
                .workbookUnreadable("parts", [.count: .number(end.count), .limit: .number(limits.parts)]))
        }
        let reader = ByteReader(bytes: bytes, limit: end.directoryEnd)
        var position = end.directoryStart
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(end.count)
        for _ in 0..<end.count {
            let (name, entry, next) = try Self.directoryEntry(reader, at: position, dataEnd: end.directoryStart)
            position = next
            guard let name, let entry else { continue }
            guard entries.updateValue(entry, forKey: name) == nil else {
                throw Workbook.Failure(.workbookUnreadable("partTwice", [.value: .plain(name)]))
            }
        }
        self.entries = entries
    }

    /// Whether the package has a part at `path`.
    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// The bytes of a part, inflated; an error when it is missing, damaged or past what is left of
    /// the workbook's budget.
    mutating func part(_ path: String) throws(Workbook.Failure) -> [UInt8] {
        guard let entry = entries[path] else {
            throw Workbook.Failure(.workbookUnreadable("noPart", [.value: .plain(path)]))
        }
        guard entry.size <= limits.inflatedBytes - inflated else {
            throw Workbook.Failure(
                .workbookUnreadable(
                    "inflates", [.limit: .number(limits.inflatedBytes / 1024 / 1024), .value: .plain(path)]))
        }
        let damaged = Workbook.Failure(.workbookUnreadable("damagedPart", [.value: .plain(path)]))
        let data = bytes[entry.start..<(entry.start + entry.compressedSize)]
        let out: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.size else { throw damaged }
            out = Array(data)
        case 8:
            guard entry.size / Self.deflateRatio <= entry.compressedSize,
                let inflatedBytes = Self.inflate(data, entry.size)
            else { throw damaged }
            out = inflatedBytes
        default:
            throw Workbook.Failure(
                .workbookUnreadable("method", [.value: .plain(path), .other: .plain(String(entry.method))]))
        }
        let crc = out.withUnsafeBytes { Int(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
        guard crc == entry.crc else { throw damaged }
        inflated += out.count
        return out
    }

    /// The raw deflate stream `data` inflated into exactly `size` bytes; nil when it is damaged, cut
    /// short, or inflates to more or less than that.
    static func inflate(_ data: ArraySlice<UInt8>, _ size: Int) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var result = LIBDEFLATE_BAD_DATA
        let out = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
            var produced = 0
            result = data.withUnsafeBytes { input in
                libdeflate_deflate_decompress_ex(
                    decompressor, input.baseAddress, input.count, buffer.baseAddress, size, nil, &produced)
            }
            count = result == LIBDEFLATE_SUCCESS ? produced : 0
        }
        return result == LIBDEFLATE_SUCCESS && out.count == size ? out : nil
    }

    // MARK: - The directory

    /// What the end of central directory record (or its zip64 form) says.
    struct EndOfDirectory {
        var count: Int
        var directoryStart: Int
        var directoryEnd: Int
    }

    static let cutShort = Workbook.Failure(.workbookUnreadable("cutShort"))

    /// The end record: the last one in the file's final 64 KB whose comment ends at the file's end,
    /// checked against the file (one disk, the directory within the file and before the record).
    static func endOfDirectory(_ bytes: [UInt8]) throws(Workbook.Failure) -> EndOfDirectory {
        let reader = ByteReader(bytes: bytes, limit: bytes.count)
        guard bytes.count >= 22 else { throw cutShort }
        var found: Int?
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while position >= lowest {
            if reader.u32(position) == 0x0605_4B50, position + 22 + (reader.u16(position + 20) ?? 0) == bytes.count {
                found = position
                break
            }
            position -= 1
        }
        guard let record = found, let disk = reader.u16(record + 4), let directoryDisk = reader.u16(record + 6),
            var count = reader.u16(record + 10), var size = reader.u32(record + 12),
            var start = reader.u32(record + 16)
        else { throw cutShort }
        var directoryLimit = record
        if count == 0xFFFF || size == 0xFFFF_FFFF || start == 0xFFFF_FFFF {
            // zip64: the locator just before the record names the zip64 end record.
            guard record >= 20, reader.u32(record - 20) == 0x0706_4B50, let at = reader.u64(record - 12),
                at <= record - 20 - 56, reader.u32(at) == 0x0606_4B50, let count64 = reader.u64(at + 32),
                let size64 = reader.u64(at + 40), let start64 = reader.u64(at + 48)
            else { throw cutShort }
            (count, size, start, directoryLimit) = (count64, size64, start64, at)
        }
        guard disk == 0, directoryDisk == 0 else {
            throw Workbook.Failure(.workbookUnreadable("spanned"))
        }
        // Each entry of the directory takes at least 46 bytes.
        guard start <= directoryLimit, size <= directoryLimit - start, count <= size / 46 else { throw cutShort }
        return EndOfDirectory(count: count, directoryStart: start, directoryEnd: start + size)
    }

    /// The central directory entry at `position`: its path (nil for a folder) and where its data
    /// is, checked to lie before the directory (`dataEnd`), and where the next entry starts.
    static func directoryEntry(_ reader: ByteReader, at position: Int, dataEnd: Int) throws(Workbook.Failure)
        -> (String?, Entry?, Int)
    {
        guard reader.u32(position) == 0x0201_4B50, let flags = reader.u16(position + 8),
            let method = reader.u16(position + 10), let crc = reader.u32(position + 16),
            var compressedSize = reader.u32(position + 20), var size = reader.u32(position + 24),
            let nameLength = reader.u16(position + 28), let extraLength = reader.u16(position + 30),
            let commentLength = reader.u16(position + 32), var offset = reader.u32(position + 42),
            let name = reader.slice(position + 46, nameLength),
            let extra = reader.slice(position + 46 + nameLength, extraLength),
            reader.slice(position + 46 + nameLength + extraLength, commentLength) != nil
        else { throw cutShort }
        let next = position + 46 + nameLength + extraLength + commentLength
        // The zip64 extra field holds, in this order, the sizes and offset the entry marks with all ones.
        if size == 0xFFFF_FFFF || compressedSize == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            var fields = reader.zip64Fields(extra)
            if size == 0xFFFF_FFFF { size = try fields.next() }
            if compressedSize == 0xFFFF_FFFF { compressedSize = try fields.next() }
            if offset == 0xFFFF_FFFF { offset = try fields.next() }
        }
        let path = String(decoding: name, as: UTF8.self)
        if path.hasSuffix("/") { return (nil, nil, next) }
        if flags & 1 != 0 {
            throw Workbook.Failure(.workbookUnreadable("encrypted"))
        }
        // The local header: its own name and extra field lengths say where the data starts.
        let local = ByteReader(bytes: reader.bytes, limit: dataEnd)
        guard local.u32(offset) == 0x0403_4B50, let localName = local.u16(offset + 26),
            let localExtra = local.u16(offset + 28), local.slice(offset + 30, localName + localExtra) != nil,
            local.slice(offset + 30 + localName + localExtra, compressedSize) != nil
        else { throw cutShort }
        let entry = Entry(
            method: method, crc: crc, start: offset + 30 + localName + localExtra, compressedSize: compressedSize,
            size: size)
        return (path, entry, next)
    }
}

/// Little-endian numbers read from a file's bytes, each only when it lies before `limit`: every
/// value is an `Int` no larger than `largest` (the file's size), so sums of a few cannot overflow.
struct ByteReader {
    let bytes: [UInt8]
    let limit: Int
    var largest: Int

    init(bytes: [UInt8], limit: Int, largest: Int? = nil) {
        self.bytes = bytes
        self.limit = limit
        self.largest = largest ?? bytes.count
    }

    func u16(_ at: Int) -> Int? { value(at, 2) }
    func u32(_ at: Int) -> Int? { value(at, 4) }
    /// A 64-bit value, nil when it is larger than the file (no offset or size of it can be).
    func u64(_ at: Int) -> Int? { value(at, 8) }

    private func value(_ at: Int, _ width: Int) -> Int? {
        guard at >= 0, at <= limit, width <= limit - at else { return nil }
        var value: UInt64 = 0
        for index in (0..<width).reversed() { value = value << 8 | UInt64(bytes[at + index]) }
        return value <= UInt64(largest) || width < 8 ? Int(value) : nil
    }

    /// The bytes `at..<at + count`, when they lie before `limit`.
    func slice(_ at: Int, _ count: Int) -> ArraySlice<UInt8>? {
        guard at >= 0, count >= 0, at <= limit, count <= limit - at else { return nil }
        return bytes[at..<(at + count)]
    }

    /// The 64-bit values of the zip64 extra field (id 1) of a directory entry's extra bytes.
    func zip64Fields(_ extra: ArraySlice<UInt8>) -> Zip64Fields {
        let reader = ByteReader(bytes: Array(extra), limit: extra.count)
        var position = 0
        while let id = reader.u16(position), let length = reader.u16(position + 2) {
            if id == 1, let data = reader.slice(position + 4, length) {
                return Zip64Fields(reader: ByteReader(bytes: Array(data), limit: data.count, largest: largest))
            }
            position += 4 + length
        }
        return Zip64Fields(reader: ByteReader(bytes: [], limit: 0))
    }

    struct Zip64Fields {
        let reader: ByteReader
        var position = 0

        mutating func next() throws(Workbook.Failure) -> Int {
            guard let value = reader.u64(position) else { throw WorkbookPackage.cutShort }
            position += 8
            return value
        }
    }
}
