import ChiboTemplate
import Foundation

// The test-only form of a page model that swift-mustache, the tests' reference renderer, reads: kept
// out of Sources/ (the compiled renderer never needs it). Used by the oracle tests and
// `make template-bench`.

extension TemplateModel {
    /// The value as plain dictionaries, lists, strings, booleans and `NSNull` for an absent
    /// value (found, so that the lookup stops there as in the compiled template, but empty): the form
    /// swift-mustache, the tests' reference renderer, reads.
    package var oracleValue: Any { Self.templateFields.oracleValue(of: self) }
}

extension TemplateFields {
    package func oracleValue(of model: Model) -> Any {
        if entries.count == 1, entries[0].name == ".", case .text(let get) = entries[0].field.kind { return get(model) }
        var dictionary: [String: Any] = [:]
        for (name, field) in entries where dictionary[name] == nil {
            switch field.kind {
            case .text(let get): dictionary[name] = get(model)
            case .flag(let get): dictionary[name] = get(model)
            case .model(let nested): dictionary[name] = nested.oracleElements(of: model).first ?? NSNull()
            case .optional(let nested): dictionary[name] = nested.oracleElements(of: model).first ?? NSNull()
            case .list(let nested): dictionary[name] = nested.oracleElements(of: model)
            }
        }
        return dictionary
    }
}

extension NestedTemplateField {
    package func oracleElements(of model: Model) -> [Any] {
        var values: [Any] = []
        forEach(in: model) { values.append($0.oracleValue) }
        return values
    }
}
