import ChiboModel
import Testing

@Suite struct ReviewLetterTests {
    @Test func theLettersHeadIsDerivedFromTheOrganisation() {
        let bloc = LetterSettings().derived(from: "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Lai Châu")
        #expect(bloc.superior == "Đảng bộ tỉnh Lai Châu")
        #expect(bloc.issuer == "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh")
        #expect(bloc.code == "ĐUK")
        #expect(bloc.shortName == "Đảng ủy Khối")
        #expect(bloc.place == "Lai Châu")
        #expect(bloc.board == "Ban Thường vụ")
        #expect(bloc.onBehalf == "T/M Ban Thường vụ")
        #expect(bloc.recipients == ["Các chi, đảng bộ cơ sở trực thuộc"])
        #expect(bloc.signer == nil)
        let city = LetterSettings().derived(from: "Đảng bộ Khối doanh nghiệp thành phố Hà Nội")
        #expect(city.superior == "Đảng bộ thành phố Hà Nội")
        #expect(city.issuer == "Đảng ủy Khối doanh nghiệp thành phố")
        #expect(city.place == "Hà Nội")
        // Nothing to derive a place or a superior from: they are left out, not invented.
        let plain = LetterSettings().derived(from: "Đảng ủy Khối thử nghiệm")
        #expect(plain.superior == nil)
        #expect(plain.place == nil)
        #expect(plain.issuer == "Đảng ủy Khối thử nghiệm")
        // What is set wins.
        var set = LetterSettings()
        set.place = "Phong Thổ"
        set.code = "ĐU"
        let mixed = set.derived(from: "Đảng bộ Khối các cơ quan tỉnh Lai Châu")
        #expect(mixed.place == "Phong Thổ")
        #expect(mixed.code == "ĐU")
        #expect(mixed.superior == "Đảng bộ tỉnh Lai Châu")
    }

    @Test func aFigureIsAStrengthAtOrAboveItsTarget() {
        #expect(ReviewLetter.Verdict(0.30, target: 0.30) == .met)
        #expect(ReviewLetter.Verdict(0.2999, target: 0.30) == .missed)
        #expect(ReviewLetter.Verdict(nil, target: 0.30) == .none)
    }

    @Test func aDocumentsNumberNamesItsKind() {
        #expect(DocumentKind(number: "08-HD/ĐUK") == .guidance)
        #expect(DocumentKind(number: "14-QĐ/TU") == .regulation)
        #expect(DocumentKind(number: "114-KH/ĐUK") == .plan)
        #expect(DocumentKind(number: "750-CV/ĐUK") == .letter)
        #expect(DocumentKind(number: "12-HD/BTCTW") == .guidance)
        #expect(DocumentKind(number: "Chỉ thị 05") == nil)
        #expect(DocumentKind(number: "05-CT/TW") == nil)
    }
}
