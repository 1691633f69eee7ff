/// A 64-bit hash that is the same in every run and on every machine (Swift's `Hasher` is seeded per
/// process), for deciding whether an output file's inputs changed since the previous build.
package struct StableHasher: Sendable {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    package init() {}

    package mutating func combine(_ value: UInt64) {
        state = (state ^ value) &* 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 31
    }

    package mutating func combine(_ flag: Bool) { combine(flag ? 0x5BD1_E995 : 0x1B87_3593) }

    /// The text's length, then its bytes eight at a time.
    package mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    package mutating func combine(bytes: UnsafeRawBufferPointer) {
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

    package mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine(bytes: $0) }
    }

    /// The hash, with its bits mixed once more.
    package var value: UInt64 {
        var hash = state
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}

/// 64-bit FNV-1a: the short content hash of asset names, the fingerprint of a content folder, and the
/// hash of the search index's word table. Like `StableHasher`, the same in every run.
package struct FNV1a: Sendable {
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package init() {}

    @inline(__always)
    package mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    package mutating func combine<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        for byte in bytes { combine(byte) }
    }

    /// `bytes`, then a separator byte (0xFF, which UTF-8 never holds), so that a stream of texts hashes
    /// differently from their concatenation.
    package mutating func combine<Bytes: Sequence<UInt8>>(field bytes: Bytes) {
        combine(bytes)
        combine(0xFF)
    }

    /// The hash of `bytes`.
    package static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hasher = FNV1a()
        hasher.combine(bytes)
        return hasher.value
    }
}

extension UInt64 {
    /// The value in 16 hexadecimal digits, leading zeros kept.
    package var hex16: String { zeroPadded(16, radix: 16) }
}
