import ChiboModel
import Testing

@testable import ChiboContent

/// The one list of meeting columns, as the records reader and the record workbook read it.
@Suite struct MeetingColumnTests {
    @Test func everyHeadingIsOneOfItsColumnsNamesAndNoNameIsTwoColumns() {
        var owners: [String: MeetingColumn] = [:]
        for column in MeetingColumn.allCases {
            let field = Field(column.name, column.aliases)
            #expect(field.matches(column.heading), "\(column)")
            for name in [column.name] + column.aliases {
                #expect(owners.updateValue(column, forKey: Field.key(name)) == nil, "\(name) names two columns")
            }
        }
        #expect(MeetingsLoader.fields.map(\.name) == MeetingColumn.allCases.map(\.name))
        #expect(MeetingColumn.remarks.aliases == ["nhận xét", "nhận xét của người dự"])
        #expect(!MeetingColumn.remarks.isRequired)
        #expect(MeetingsLoader.criterionColumn(MeetingColumn.criterionHeading(3)) == MeetingColumn.criterion(3))
    }
}
