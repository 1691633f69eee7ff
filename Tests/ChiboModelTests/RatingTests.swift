import ChiboModel
import PropertyBased
import Testing

/// The bundled regular-meeting rubric: Tốt needs 90 points and full marks on 1, 2, 4, 5.
let regularRubric = Rubric(
    id: "thuong-ky", title: "Thường kỳ", appliesTo: .regular,
    criteria: [
        Criterion(id: 1, title: "Chuẩn bị", max: 15), Criterion(id: 2, title: "Thời gian", max: 15),
        Criterion(id: 3, title: "Nội dung", max: 30), Criterion(id: 4, title: "Nguyên tắc", max: 20),
        Criterion(id: 5, title: "Kết quả", max: 20),
    ],
    ratings: [
        RatingBand(name: "Tốt", minTotal: 90, requireFull: [1, 2, 4, 5]),
        RatingBand(name: "Khá", minTotal: 70),
        RatingBand(name: "Trung bình", minTotal: 50),
        RatingBand(name: "Kém", minTotal: 0),
    ])

@Suite struct RatingTests {
    func rating(_ scores: [Int], _ rubric: Rubric = regularRubric) -> RatingName {
        rubric.ratings[rubric.rating(for: scores)].name
    }

    @Test func bandsAndTheirBoundaries() {
        #expect(rating([15, 15, 30, 20, 20]) == "Tốt")
        #expect(rating([15, 15, 20, 20, 20]) == "Tốt")  // exactly 90 with every gate full
        #expect(rating([15, 15, 19, 20, 20]) == "Khá")  // 89
        #expect(rating([14, 15, 30, 20, 20]) == "Khá")  // 99 but criterion 1 below max
        #expect(rating([15, 15, 30, 19, 20]) == "Khá")  // 99 but criterion 4 below max
        #expect(rating([15, 15, 10, 15, 15]) == "Khá")  // exactly 70
        #expect(rating([15, 15, 9, 15, 15]) == "Trung bình")  // 69
        #expect(rating([10, 10, 10, 10, 10]) == "Trung bình")  // exactly 50
        #expect(rating([10, 10, 10, 10, 9]) == "Kém")  // 49
        #expect(rating([0, 0, 0, 0, 0]) == "Kém")
    }

    @Test func requireMinHolds() {
        var rubric = regularRubric
        rubric.ratings[0].requireMin = [3: 25]
        #expect(rating([15, 15, 25, 20, 20], rubric) == "Tốt")
        #expect(rating([15, 15, 24, 20, 20], rubric) == "Khá")
        #expect(
            rubric.blockers(rubric.ratings[0], scores: [15, 15, 24, 20, 20])
                == [.belowMinimum(criterion: 3, points: 24, required: 25)])
    }

    @Test func blockersNameEveryCriterionAndTheTotal() {
        let blockers = regularRubric.blockers(regularRubric.ratings[0], scores: [13, 15, 25, 18, 20])
        #expect(
            blockers == [.notFull(criterion: 1, points: 13, max: 15), .notFull(criterion: 4, points: 18, max: 20)])
        let low = regularRubric.blockers(regularRubric.ratings[0], scores: [15, 15, 10, 20, 20])
        #expect(low == [.total(total: 80, required: 90)])
    }

    @Test func rankMatchesNamesLoosely() {
        #expect(regularRubric.rank(of: "tốt") == 0)
        #expect(regularRubric.rank(of: " TRUNG BINH ") == 2)
        #expect(regularRubric.rank(of: "Xuất sắc") == nil)
        #expect(regularRubric.maxTotal == 100)
    }

    @Test func theComputedRatingNeverViolatesItsOwnConditions() async {
        let maxima = regularRubric.criteria.map(\.max)
        await propertyCheck(count: 500, input: Gen.int(in: 0...100).array(of: 5)) { raw in
            let scores = zip(raw, maxima).map { value, max in value * max / 100 }
            let rank = regularRubric.rating(for: scores)
            let band = regularRubric.ratings[rank]
            #expect(scores.reduce(0, +) >= band.minTotal)
            for criterion in band.requireFull {
                #expect(scores[criterion - 1] == maxima[criterion - 1])
            }
            #expect(regularRubric.blockers(band, scores: scores).isEmpty)
            // Every better rating is blocked by something.
            for better in regularRubric.ratings[..<rank] {
                #expect(!regularRubric.blockers(better, scores: scores).isEmpty)
            }
        }
    }

    @Test func moreOfOneCriterionNeverLowersTheRating() async {
        let maxima = regularRubric.criteria.map(\.max)
        await propertyCheck(count: 500, input: Gen.int(in: 0...100).array(of: 5), Gen.int(in: 0...4)) { raw, index in
            let scores = zip(raw, maxima).map { value, max in value * max / 100 }
            var higher = scores
            higher[index] = min(maxima[index], higher[index] + 1)
            #expect(regularRubric.rating(for: higher) <= regularRubric.rating(for: scores))
        }
    }
}
