import ChiboModel
import ChiboSupport

extension TemplateModel {
    /// A hash of everything a template can show of this value, the same in every run: two values
    /// with the same digest render the same bytes through the same template.
    public var templateDigest: UInt64 {
        var hasher = StableHasher()
        Self.templateFields.digest(self, into: &hasher)
        return hasher.value
    }
}

extension TemplateFields {
    func digest(_ model: Model, into hasher: inout StableHasher) {
        for (_, field) in entries {
            switch field.kind {
            case .text(let get): hasher.combine(get(model))
            case .flag(let get): hasher.combine(get(model))
            case .model(let nested), .optional(let nested), .list(let nested): nested.digest(model, into: &hasher)
            }
        }
    }
}

extension NestedTemplateField {
    func digest(_ model: Model, into hasher: inout StableHasher) {
        var count: UInt64 = 0
        forEach(in: model) { element in
            count += 1
            Element.templateFields.digest(element, into: &hasher)
        }
        hasher.combine(count)
    }
}
