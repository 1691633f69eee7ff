import ChiboSite
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboPreview

/// `chibo serve --listen ADDRESS --htpasswd FILE --host NAME`: what each option takes, and who may open
/// the preview.
@Suite struct PreviewAccessTests {
    @Test func addressesAreIPv4OrIPv6BareOrInBrackets() throws {
        let parsed = ["127.0.0.1", "127.0.0.2", "192.168.1.10", "0.0.0.0", "::1", "[::1]", "[FE80::1]", "::"]
        for text in parsed { #expect(ListenAddress(parsing: text) != nil, "\(text)") }
        let refused = [
            "", "localhost", "may-chu", "127.0.0.1:1313", "[127.0.0.1]", " 127.0.0.1", "127.0.0.1 ", "[::1]:1313",
            "fe80::1%eth0", "::1]", "[::1", "300.1.1.1", "127.1", "[]",
        ]
        for text in refused { #expect(ListenAddress(parsing: text) == nil, "\(text)") }
        #expect(ListenAddress(parsing: "[::1]")?.urlHost == "[::1]")
        #expect(ListenAddress(parsing: "::1")?.urlHost == "[::1]")
        #expect(ListenAddress(parsing: "[FE80::1]")?.text == "fe80::1")
        #expect(ListenAddress(parsing: "127.0.0.2")?.urlHost == "127.0.0.2")
    }

    @Test func onlyTheLoopbackAddressesThemselvesAreThisComputerOnly() throws {
        for text in ["127.0.0.1", "::1", "[::1]", "0:0:0:0:0:0:0:1"] {
            #expect(ListenAddress(parsing: text)?.isThisComputerOnly == true, "\(text)")
        }
        // Another 127.x stands for the office network in the tests; a mapped address is not ::1.
        for text in ["127.0.0.2", "0.0.0.0", "::", "192.168.1.10", "::ffff:127.0.0.1", "fe80::1"] {
            #expect(ListenAddress(parsing: text)?.isThisComputerOnly == false, "\(text)")
        }
    }

    @Test func anAddressBeyondThisComputerNeedsThePasswordFile() throws {
        for listen in ["127.0.0.1", "::1", "[::1]"] {
            let access = try PreviewAccess(listen: listen, htpasswd: nil, hosts: [])
            #expect(access.passwordFile == nil)
        }
        for listen in ["127.0.0.2", "0.0.0.0", "192.168.1.10", "::", "[fe80::1]"] {
            #expect(throws: PreviewAccess.Refusal.self) { try PreviewAccess(listen: listen, htpasswd: nil, hosts: []) }
            do {
                _ = try PreviewAccess(listen: listen, htpasswd: nil, hosts: [])
            } catch {
                #expect(error.kind == .needsPassword)
                // The message says why: what the preview would show to the office network.
                #expect(error.description.contains("restricted folders"))
                #expect(error.description.contains("not yet published"))
                #expect(error.description.contains("--htpasswd"))
            }
            do {
                _ = try PreviewAccess(listen: listen, htpasswd: nil, hosts: [], language: .vi)
            } catch {
                #expect(error.description.contains("thư mục hạn chế") && error.description.contains("chưa xuất bản"))
            }
            let access = try PreviewAccess(listen: listen, htpasswd: "/etc/nginx/chibo.htpasswd", hosts: [])
            #expect(access.passwordFile == "/etc/nginx/chibo.htpasswd")
        }
    }

    @Test func optionsThatAreNoAddressOrNoHostNameAreRefused() throws {
        #expect(kind(listen: "localhost") == .notAnAddress)
        #expect(kind(listen: "127.0.0.1:1313") == .notAnAddress)
        for host in ["", "a b", "may_chu", "-may", "may-", "192.168.1.10", "may..chu", "evil.example:1313", "máy"] {
            #expect(kind(listen: "127.0.0.1", hosts: [host]) == .notAHostName, "\(host)")
        }
        let access = try PreviewAccess(listen: "127.0.0.2", htpasswd: "f", hosts: ["May-Chu", "may-chu", "x.lan"])
        #expect(access.hostNames.map(\.text) == ["may-chu", "x.lan"])
    }

    func kind(listen: String, hosts: [String] = []) -> PreviewAccess.Refusal.Kind? {
        do {
            _ = try PreviewAccess(listen: listen, htpasswd: "f", hosts: hosts)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func hostNamesOnIPv6AndOnAnOfficeAddress() {
        let v6 = Preview.HostNames(address: "::1", port: 1313)
        for host in ["[::1]:1313", "localhost:1313", "[0:0::1]:1313", "[::1]:1313"] {
            #expect(v6.accepts(host), "\(host)")
        }
        for host in ["::1:1313", "[::1]", "[::1]:1314", "127.0.0.1:1313", "[::2]:1313", "[::1]x:1313", "[::1]:1313]"] {
            #expect(!v6.accepts(host), "\(host)")
        }
        #expect(v6.acceptsOrigin("http://[::1]:1313"))
        let office = Preview.HostNames(address: "127.0.0.2", port: 1313, names: ["may-chu", "may-chu.lan"])
        for host in ["127.0.0.2:1313", "may-chu:1313", "MAY-CHU.lan:1313"] { #expect(office.accepts(host), "\(host)") }
        for host in ["localhost:1313", "127.0.0.1:1313", "may-chu", "may-chu:80", "evil.example:1313", "may-chu.:1313"]
        {
            #expect(!office.accepts(host), "\(host)")
        }
        #expect(office.acceptsOrigin("http://may-chu:1313") && !office.acceptsOrigin("http://evil.example:1313"))
        let port80 = Preview.HostNames(address: "192.168.1.10", port: 80, names: ["may-chu"])
        #expect(port80.accepts("may-chu") && port80.accepts("192.168.1.10") && port80.accepts("may-chu:80"))
        let every6 = Preview.HostNames(address: "::", port: 1313)
        #expect(every6.accepts("[fe80::1]:1313") && !every6.accepts("[::]:1313") && !every6.accepts("10.0.0.1:1313"))
    }
}

/// The password the preview asks for beyond this computer: nginx's file, HTTP Basic, failures limited.
@Suite struct PreviewPasswordTests {
    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    func passwords(_ folder: TempFolder, _ lines: [(String, String)]) throws -> PreviewPasswords {
        let text = try lines.map { "\($0.0):\(try PasswordFile.hash($0.1))\n" }.joined()
        try folder.write("htpasswd", "# readers of the preview\n\n" + text)
        return try PreviewPasswords(path: folder.path + "/htpasswd")
    }

    @Test func theRightPasswordOpensAndAnyOtherIsChallenged() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let passwords = try passwords(folder, [("thu-ky", "mật khẩu đúng"), ("Nguyễn", "mat-khau-hai")])
        #expect(passwords.decide(authorization: nil, peer: "a", now: 0) == .challenge)
        #expect(passwords.decide(authorization: Self.basic("thu-ky", "mật khẩu đúng"), peer: "a", now: 0) == .allowed)
        // A browser may send the name decomposed (NFD); the file holds it composed.
        let decomposed = "Nguyễn".decomposedStringWithCanonicalMapping
        #expect(passwords.decide(authorization: Self.basic(decomposed, "mat-khau-hai"), peer: "a", now: 0) == .allowed)
        for field in [
            Self.basic("thu-ky", "mật khẩu sai"), Self.basic("thu-ky", "mật khẩu đúng "), Self.basic("khach", "x"),
            Self.basic("", ""), "Basic", "Basic !!!", "Bearer abc",
            "Basic " + Data("no colon".utf8).base64EncodedString(),
            Self.basic("Nguyễn", "mật khẩu đúng"),
        ] {
            #expect(passwords.decide(authorization: field, peer: "b", now: 1) == .challenge, "\(field)")
        }
    }

    @Test func wrongPasswordsFromOneAddressAreLimited() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let passwords = try passwords(folder, [("thu-ky", "mật khẩu đúng")])
        let right = Self.basic("thu-ky", "mật khẩu đúng")
        // No password at all is how every browser starts: never counted.
        for _ in 0..<50 { #expect(passwords.decide(authorization: nil, peer: "a", now: 0) == .challenge) }
        for attempt in 0..<PreviewPasswords.failureLimit {
            let wrong = Self.basic("thu-ky", "sai \(attempt)")
            #expect(passwords.decide(authorization: wrong, peer: "a", now: Double(attempt)) == .challenge)
        }
        let limit = PreviewPasswords.failureLimit
        // Even the right password waits, unheard, until the oldest failure is a minute old.
        #expect(passwords.decide(authorization: right, peer: "a", now: Double(limit)) == .limited(seconds: 50))
        #expect(passwords.decide(authorization: Self.basic("x", "y"), peer: "a", now: 59.5) == .limited(seconds: 1))
        // Another address is not held back.
        #expect(passwords.decide(authorization: right, peer: "b", now: Double(limit)) == .allowed)
        #expect(passwords.decide(authorization: right, peer: "a", now: 60.5) == .allowed)
    }

    @Test func theFileIsReadAgainWhenItChanges() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let passwords = try passwords(folder, [("thu-ky", "mật khẩu đúng")])
        let old = Self.basic("thu-ky", "mật khẩu đúng")
        #expect(passwords.decide(authorization: old, peer: "a", now: 0) == .allowed)
        try folder.write("htpasswd", "thu-ky:\(try PasswordFile.hash("mật khẩu mới"))\n")
        #expect(passwords.decide(authorization: old, peer: "a", now: 1) == .challenge)
        #expect(passwords.decide(authorization: Self.basic("thu-ky", "mật khẩu mới"), peer: "a", now: 1) == .allowed)
        folder.remove()
        #expect(passwords.decide(authorization: Self.basic("thu-ky", "mật khẩu mới"), peer: "a", now: 2) == .challenge)
    }

    @Test func aFileThatCannotServeIsRefusedAtTheStart() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        #expect(throws: PreviewPasswords.Problem.self) { try PreviewPasswords(path: folder.path + "/none") }
        try folder.write("empty", "# nobody yet\n")
        #expect(throws: PreviewPasswords.Problem.self) { try PreviewPasswords(path: folder.path + "/empty") }
        #expect(throws: PreviewPasswords.Problem.self) { try PreviewPasswords(path: folder.path) }
    }

    @Test func theFileIsReadAsNginxReadsIt() {
        let entries = PasswordFile.entries(Array("# c\na:$y$x\r\nb:$y$y:comment\n\n:nohash\nc:\na:$y$z\n".utf8))
        #expect(entries == ["a": "$y$x", "b": "$y$y"])
        #expect(PasswordFile.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!PasswordFile.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!PasswordFile.constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(!PasswordFile.constantTimeEqual([], [0]))
    }
}
