import ChiboSupport

/// The address `chibo serve` listens on: an IPv4 address (`127.0.0.1`, `192.168.1.10`) or an IPv6
/// one, bare or in brackets (`::1`, `[fe80::1]`), as `--listen` takes it.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address as written, without brackets (`::1`).
    public let text: String
    /// Its bytes: 4 for IPv4, 16 for IPv6.
    let bytes: [UInt8]

    /// The address `text` names, nil when it is none (a host name, a port after it, a zone such as
    /// `fe80::1%eth0`, text around it).
    public init?(parsing text: String) {
        var bare = Substring(text)
        if bare.hasPrefix("[") && bare.hasSuffix("]") {
            bare = bare.dropFirst().dropLast()
            // Brackets hold an IPv6 address only.
            guard bare.contains(":") else { return nil }
        }
        guard let bytes = Syscalls.ipAddressBytes(String(bare)) else { return nil }
        self.text = String(bare).lowercased()
        self.bytes = bytes
    }

    public static let loopback = ListenAddress(v4: [127, 0, 0, 1], text: "127.0.0.1")

    private init(v4 bytes: [UInt8], text: String) {
        self.bytes = bytes
        self.text = text
    }

    public var isIPv6: Bool { bytes.count == 16 }

    /// 127.0.0.1 or ::1: this computer only, where nobody but its own user can reach the preview.
    /// Any other address (another 127.x included, which a test takes for the office network) may be
    /// reached by others.
    public var isThisComputerOnly: Bool {
        bytes == [127, 0, 0, 1] || bytes == Array(repeating: 0, count: 15) + [1]
    }

    /// 0.0.0.0 or `::`: every address of the machine.
    public var isEveryAddress: Bool { bytes.allSatisfy { $0 == 0 } }

    /// The address as a URL's host and a Host field write it: `127.0.0.1`, `[::1]`.
    public var urlHost: String { isIPv6 ? "[\(text)]" : text }

    public var description: String { urlHost }

    /// Whether `host` (a Host field's name, brackets kept for IPv6) is this address, however spelt.
    func isSpelt(by host: Substring) -> Bool {
        guard isIPv6 else { return host == text }
        guard host.hasPrefix("["), host.hasSuffix("]") else { return false }
        return Syscalls.ipAddressBytes(String(host.dropFirst().dropLast())) == bytes
    }
}

/// A host name `--host` adds to the names the preview answers as: the server's name on the office
/// network (`may-chu`, `may-chu.van-phong.lan`): letters, digits and hyphens in dot-separated
/// labels, as DNS writes them, in lower case.
public struct PreviewHostName: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public init?(parsing text: String) {
        let lowered = text.lowercased()
        let labels = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard !lowered.isEmpty, lowered.utf8.count <= 253,
            labels.allSatisfy({ label in
                (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                    && label.utf8.allSatisfy { byte in
                        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    }
            }),
            // A name of digits and dots only would be an address, which --listen gives.
            !labels.allSatisfy({ $0.allSatisfy(\.isNumber) })
        else { return nil }
        self.text = lowered
    }

    public var description: String { text }
}
