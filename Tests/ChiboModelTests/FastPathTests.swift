import ChiboSupport
import Foundation
import PropertyBased
import Testing

@testable import ChiboModel

/// The byte-level and table-driven fast paths give exactly what the plain definitions give.
@Suite struct FastPathTests {
    /// Letters a clerk's text holds: Vietnamese in both cases, precomposed and with separate marks,
    /// ASCII, digits and punctuation, and a few other scripts that take the full path.
    static let alphabet: [String] = [
        "a", "Z", "đ", "Đ", "ư", "Ư", "ơ", "ế", "Ể", "ỹ", "Ỹ", "ặ", "Ặ", "ọ", "Ộ", "e\u{0301}", "A\u{0323}\u{0302}",
        "\u{0309}", " ", "-", "/", ",", "\t", "0", "9", "ß", "İ", "Ω", "σ", "Я", "中", "ᄀ", "\u{05B8}", "ﬁ", "😀",
    ]

    static func text(_ picks: [Int]) -> String { picks.map { alphabet[$0] }.joined() }

    @Test func foldingByTableEqualsFoldingByDecomposition() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 0...12)) {
            picks in
            let text = Self.text(picks)
            #expect(Folding.fold(text) == Folding.slowFold(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func asciiReplacementReplacesEveryScalar() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 0...12)) {
            picks in
            let text = Self.text(picks)
            for (target, replacement) in [("-", "_"), (",", ", "), ("/", "")] as [(Unicode.Scalar, String)] {
                var expected = String.UnicodeScalarView()
                for scalar in text.unicodeScalars {
                    if scalar == target {
                        expected.append(contentsOf: replacement.unicodeScalars)
                    } else {
                        expected.append(scalar)
                    }
                }
                #expect(text.replacing(ascii: target, with: replacement).unicodeScalars.elementsEqual(expected))
            }
        }
    }

    @Test func branchesOfACommitteeKeepFileOrder() {
        let organization = Organization(units: [
            Unit(id: "db-a", name: "A", kind: .committee, sector: .agency),
            Unit(id: "cb-2", name: "Hai", kind: .branch, sector: .agency, parent: "db-a"),
            Unit(id: "cb-x", name: "X", kind: .branch, sector: .agency),
            Unit(id: "cb-1", name: "Một", kind: .branch, sector: .agency, parent: "db-a"),
            Unit(id: "db-b", name: "B", kind: .committee, sector: .agency, parent: "db-a"),
        ])
        #expect(organization.branches(of: "db-a").map(\.id) == ["cb-2", "cb-1"])
        #expect(organization.branches(of: "cb-x").isEmpty)
    }
}
