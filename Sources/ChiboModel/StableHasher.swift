/// A 64-bit hash that is the same in every run and on every machine (Swift's `Hasher` is seeded per
/// process), for deciding whether an output file's inputs changed since the previous build.
public struct StableHasher: Sendable {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public mutating func combine(_ value: UInt64) {
        state = (state ^ value) &* 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 31
    }

    public mutating func combine(_ flag: Bool) { combine(flag ? 0x5BD1_E995 : 0x1B87_3593) }

    /// The text's length, then its bytes eight at a time.
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        combine(UInt64(bytes.count))
        var offset = 0
        while offset + 8 <= bytes.count {
            combine(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var last: UInt64 = 0
        for index in offset..<bytes.count { last = last << 8 | UInt64(bytes[index]) }
        combine(last)
    }

    public mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine(bytes: $0) }
    }

    /// The hash, with its bits mixed once more.
    public var value: UInt64 {
        var hash = state
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
