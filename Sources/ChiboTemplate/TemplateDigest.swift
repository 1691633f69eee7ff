import ChiboModel
import ChiboSupport

extension TemplateModel {
    /// A hash of everything a template can show of this value, the same in every run: two values
    /// with the same digest render the same bytes through the same template.
    public var templateDigest: UInt64 {
        var hasher = StableHasher()
        Self.templateFields.digester(self, &hasher)
        return hasher.value
    }
}

extension TemplateFields {
    package typealias Digester = @Sendable (Model, inout StableHasher) -> Void

    /// The fields' digest as one closure: each text and flag in the order listed, and for a field
    /// holding models each model's fields, then how many it holds. The closures chain (each calls
    /// the one before it, then adds its own field), so that a digest calls only closures: walking
    /// `entries` in this generic code looked up the type of each entry, which cost more than the
    /// hashing (callgrind, 2,000-page corpus).
    static func digester(_ entries: [(name: String, field: TemplateField<Model>)]) -> Digester {
        var digester: Digester = { _, _ in }
        for (_, field) in entries {
            let before = digester
            switch field.kind {
            case .text(let get):
                digester = { model, hasher in
                    before(model, &hasher)
                    hasher.combine(get(model))
                }
            case .flag(let get):
                digester = { model, hasher in
                    before(model, &hasher)
                    hasher.combine(get(model))
                }
            case .model(let nested), .optional(let nested), .list(let nested):
                digester = { model, hasher in
                    before(model, &hasher)
                    nested.digest(model, into: &hasher)
                }
            }
        }
        return digester
    }
}
