import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboSite
@testable import ChiboSupport

/// `chibo htpasswd`'s file and hashes, and the server block that checks them.
@Suite struct PasswordFileTests {
    @Test func aHashIsYescryptWithAFreshSaltAndMatchesItsPasswordOnly() throws {
        let first = try PasswordFile.hash("mật khẩu dài")
        let second = try PasswordFile.hash("mật khẩu dài")
        #expect(first.hasPrefix("$y$") && second.hasPrefix("$y$"))
        #expect(first != second)
        #expect(PasswordFile.matches("mật khẩu dài", hash: first))
        #expect(!PasswordFile.matches("mật khẩu dai", hash: first))
        #expect(!PasswordFile.matches("", hash: first))
    }

    @Test func aUsersLineIsReplacedOrAddedAndEveryOtherLineKept() {
        let file = Array("# bạn đọc\nthu-ky:$y$old\nbi-thu:$y$b\nthu-ky:$y$again\n\nkhac:$y$c".utf8)
        let (replaced, wasThere) = PasswordFile.updated(file, user: "thu-ky", hash: "$y$new")
        #expect(wasThere)
        #expect(String(decoding: replaced, as: UTF8.self) == "# bạn đọc\nthu-ky:$y$new\nbi-thu:$y$b\n\nkhac:$y$c\n")
        // `thu` is not `thu-ky`: a name is matched up to its colon.
        let (added, found) = PasswordFile.updated(file, user: "thu", hash: "$y$t")
        #expect(!found)
        #expect(String(decoding: added, as: UTF8.self).hasSuffix("khac:$y$c\nthu:$y$t\n"))
        #expect(PasswordFile.updated([], user: "a", hash: "h").bytes == Array("a:h\n".utf8))
    }

    @Test func userNamesAndPasswordsThatCannotBeStoredAreRefused() {
        #expect(PasswordFile.userProblem("thư-ký") == nil)
        for name in ["", "a:b", "a b", "a\nb", "#a", String(repeating: "x", count: 256)] {
            #expect(PasswordFile.userProblem(name) != nil, "\(name)")
        }
        // Every character that hides in a name or makes two names look alike: C1 controls, spaces of
        // every width, separators, zero-width and bidi characters, the byte order mark, private use,
        // noncharacters and unassigned code points.
        let codes: [UInt32] = [
            0x85, 0x9B, 0xA0, 0x2007, 0x202F, 0x3000, 0x1680, 0x2028, 0x2029, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF,
            0x202E, 0x202D, 0x2066, 0x2069, 0x200E, 0x061C, 0xAD, 0xE000, 0xF8FF, 0xFFFF, 0xFDD0, 0x10FFFF, 0xE0001,
            0x0378,
        ]
        let hidden = codes.compactMap(Unicode.Scalar.init)
        #expect(hidden.count == codes.count)
        for scalar in hidden {
            for name in ["thu\(scalar)ky", "\(scalar)thuky", "thuky\(scalar)"] {
                let problem = PasswordFile.userProblem(name)
                #expect(problem?.contains(scalar.codePoint) == true, "\(scalar.codePoint): \(problem ?? "accepted")")
            }
        }
        #expect(PasswordFile.userProblem("Nguyễn-Văn-Ấn_01") == nil)
        #expect(PasswordFile.passwordProblem("mật khẩu 1") == nil)
        #expect(PasswordFile.passwordProblem("ngắn") != nil)
        #expect(PasswordFile.passwordProblem("dài đủ rồi\u{7}") != nil)
    }

    @Test func theFileIsReplacedWithItsModeKept() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.path + "/readers"
        let first = try PasswordFile.set(path: path, user: "a", hash: "$y$1")
        #expect(first.change == .created && !first.ownerLost)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a:$y$1\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        try FileManager.default.setAttributes([.posixPermissions: 0o604], ofItemAtPath: path)
        #expect(try PasswordFile.set(path: path, user: "b", hash: "$y$2").change == .added)
        #expect(try PasswordFile.set(path: path, user: "a", hash: "$y$3").change == .replaced)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a:$y$3\nb:$y$2\n")
        let kept = try FileManager.default.attributesOfItem(atPath: path)
        #expect((kept[.posixPermissions] as? Int) == 0o604)
        // A link put where the temporary file goes is removed, not followed.
        let victim = folder.path + "/victim"
        try "untouched\n".write(toFile: victim, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/.readers.chibo-\(ProcessInfo.processInfo.processIdentifier)",
            withDestinationPath: victim)
        #expect(try PasswordFile.set(path: path, user: "c", hash: "$y$4").change == .added)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched\n")
        try FileManager.default.removeItem(atPath: victim)
        // Nothing is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["readers"])
        #expect(throws: (any Error).self) { try PasswordFile.set(path: folder.path + "/none/x", user: "a", hash: "h") }
    }

    @Test func theServerBlockAsksForAPasswordInTheRestrictedFoldersOnly() throws {
        let plain = try NginxConfig(root: "/srv/chibo/current", basePath: "/so-tay/")
        #expect(!plain.text.contains("auth_basic"))
        let restriction = Restriction(folders: [.units, .schedule, .data], realm: "Ban Thường vụ")
        let config = try plain.restricting(restriction, passwordFile: "/etc/nginx/chibo.htpasswd")
        let text = config.text
        let variable = config.realmVariable
        #expect(text.contains("map $uri \(variable) {\n    default off;\n"))
        #expect(text.contains(#""~*^/+(don-vi|lich-sinh-hoat-mau|data)(/|$)" "Ban Thường vụ";"#))
        #expect(text.contains(#""~*^/+schedule[.]ics($|[.])" "Ban Thường vụ";"#))
        #expect(
            text.contains(
                "merge_slashes on;\n    auth_basic \(variable);\n    auth_basic_user_file \"/etc/nginx/chibo.htpasswd\";"
            ))
        // The map comes before the server block, the authentication before the first location.
        let map = try #require(text.range(of: "map $uri"))
        let server = try #require(text.range(of: "server {"))
        let auth = try #require(text.range(of: "auth_basic "))
        let location = try #require(text.range(of: "\n    location "))
        #expect(map.lowerBound < server.lowerBound && auth.lowerBound < location.lowerBound)
        // Two sites in one nginx do not share the variable.
        let other = try NginxConfig(root: "/srv/other").restricting(restriction, passwordFile: "/etc/p")
        #expect(other.realmVariable != variable)
        #expect(throws: InvalidNginxOption.self) { try plain.restricting(restriction, passwordFile: "p") }
        #expect(throws: InvalidNginxOption.self) { try plain.restricting(restriction, passwordFile: "/etc/a;b") }
        let off = Restriction(folders: [.data], realm: "off")
        #expect(throws: InvalidNginxOption.self) { try plain.restricting(off, passwordFile: "/etc/p") }
    }

    @Test func twoRunsAtOnceKeepBothReaders() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.path + "/readers"
        // One run holds the lock while the other waits: both readers are in the file at the end.
        let held = try #require(try Syscalls.lockFolder(folder.path))
        let second = Thread { _ = try? PasswordFile.set(path: path, user: "b", hash: "$y$2") }
        second.start()
        Thread.sleep(forTimeInterval: 0.3)
        #expect(!FileManager.default.fileExists(atPath: path), "the second run did not wait for the lock")
        held.release()
        _ = try PasswordFile.set(path: path, user: "a", hash: "$y$1")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, (try? String(contentsOfFile: path, encoding: .utf8))?.contains("b:") != true {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("a:$y$1\n") && text.contains("b:$y$2\n"), "\(text)")
    }
}
