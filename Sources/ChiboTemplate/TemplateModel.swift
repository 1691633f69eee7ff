import ChiboSupport
import Foundation

/// A value a template can show: a page model, or a part of one. Its fields are listed once, by the
/// names templates use, so that a template is compiled against the type (every name resolved, an
/// unknown name an error at its tag) and then renders values of the type without looking anything up.
public protocol TemplateModel: Sendable {
    /// The names a template may use on this value, and how to read each.
    static var templateFields: TemplateFields<Self> { get }
}

/// The fields of a model type, in the order they are listed.
public struct TemplateFields<Model>: Sendable {
    package let entries: [(name: String, field: TemplateField<Model>)]
    /// Adds every field of a model to a hasher (`templateDigest`): one closure composed when the
    /// fields are listed, so that hashing a page neither walks `entries` nor switches over each kind.
    package let digester: Digester

    public init(_ entries: KeyValuePairs<String, TemplateField<Model>>) {
        self.init(entries: entries.map { (name: $0.key, field: $0.value) })
    }

    package init(entries: [(name: String, field: TemplateField<Model>)]) {
        self.entries = entries
        self.digester = Self.digester(entries)
    }

    /// These fields and, after them, every field of a model this one holds (a page's layout), as if
    /// they were its own.
    public func including<Part: TemplateModel>(_ get: @escaping @Sendable (Model) -> Part) -> TemplateFields<Model> {
        TemplateFields(
            entries: entries + Part.templateFields.entries.map { (name: $0.name, field: $0.field.pulledBack(get)) })
    }

    /// The field of that name, if the type has one.
    package func field(named name: String) -> TemplateField<Model>? {
        entries.first { $0.name == name }?.field
    }
}

/// How to read one field of a model, and what kind of value it is.
public struct TemplateField<Model>: Sendable {
    package enum Kind: Sendable {
        /// Text, escaped by `{{name}}`, as it is by `{{{name}}}`.
        case text(@Sendable (Model) -> String)
        /// A condition for `{{#name}}` and `{{^name}}`.
        case flag(@Sendable (Model) -> Bool)
        /// A model inside this one, always there: `{{name.field}}`, `{{#name}}...{{/name}}`.
        case model(any NestedTemplateField<Model>)
        /// A model that may be absent: a section shows it when it is there.
        case optional(any NestedTemplateField<Model>)
        /// A list of models: a section repeats for each.
        case list(any NestedTemplateField<Model>)
    }

    package let kind: Kind

    package init(kind: Kind) { self.kind = kind }

    public static func text(_ get: @escaping @Sendable (Model) -> String) -> Self { Self(kind: .text(get)) }

    public static func flag(_ get: @escaping @Sendable (Model) -> Bool) -> Self { Self(kind: .flag(get)) }

    public static func model<Part: TemplateModel>(_ get: @escaping @Sendable (Model) -> Part) -> Self {
        Self(kind: .model(One<Model, Part>(get: get)))
    }

    /// Text or a model that may be absent: `{{#name}}{{.}}{{/name}}`.
    public static func optional<Part: TemplateModel>(_ get: @escaping @Sendable (Model) -> Part?) -> Self {
        Self(kind: .optional(Maybe<Model, Part>(get: get)))
    }

    public static func list<Part: TemplateModel>(_ get: @escaping @Sendable (Model) -> [Part]) -> Self {
        Self(kind: .list(Many<Model, Part>(get: get)))
    }

    /// The same field, read from a value that holds a `Model`.
    package func pulledBack<Outer>(_ part: @escaping @Sendable (Outer) -> Model) -> TemplateField<Outer> {
        switch kind {
        case .text(let get): .text { get(part($0)) }
        case .flag(let get): .flag { get(part($0)) }
        case .model(let nested): TemplateField<Outer>(kind: .model(nested.pulledBack(part)))
        case .optional(let nested): TemplateField<Outer>(kind: .optional(nested.pulledBack(part)))
        case .list(let nested): TemplateField<Outer>(kind: .list(nested.pulledBack(part)))
        }
    }
}

/// A field holding another model (one, maybe one, or a list), with the element type kept so that
/// the compiler can bind the section's body to it.
package protocol NestedTemplateField<Model>: Sendable {
    associatedtype Model
    associatedtype Element: TemplateModel
    /// Calls `body` with each element the field holds in `model`: one, none or one, or each of a list.
    func forEach(in model: Model, _ body: (Element) -> Void)
    /// The element of a model or an optional field (nil when absent); nil for a list.
    func value(in model: Model) -> Element?
    /// The elements of a list field; the one or none of the others.
    func values(in model: Model) -> [Element]
    func pulledBack<Outer>(_ part: @escaping @Sendable (Outer) -> Model) -> any NestedTemplateField<Outer>
    /// Adds the digest of each element the field holds in `model` to `hasher`, then their count.
    func digest(_ model: Model, into hasher: inout StableHasher)
}

struct One<Model, Element: TemplateModel>: NestedTemplateField {
    let get: @Sendable (Model) -> Element
    func forEach(in model: Model, _ body: (Element) -> Void) { body(get(model)) }
    func value(in model: Model) -> Element? { get(model) }
    func values(in model: Model) -> [Element] { [get(model)] }
    func digest(_ model: Model, into hasher: inout StableHasher) {
        Element.templateFields.digester(get(model), &hasher)
        hasher.combine(1 as UInt64)
    }
    func pulledBack<Outer>(_ part: @escaping @Sendable (Outer) -> Model) -> any NestedTemplateField<Outer> {
        let get = self.get
        return One<Outer, Element>(get: { get(part($0)) })
    }
}

struct Maybe<Model, Element: TemplateModel>: NestedTemplateField {
    let get: @Sendable (Model) -> Element?
    func forEach(in model: Model, _ body: (Element) -> Void) { if let value = get(model) { body(value) } }
    func value(in model: Model) -> Element? { get(model) }
    func values(in model: Model) -> [Element] { get(model).map { [$0] } ?? [] }
    func digest(_ model: Model, into hasher: inout StableHasher) {
        guard let value = get(model) else { return hasher.combine(0 as UInt64) }
        Element.templateFields.digester(value, &hasher)
        hasher.combine(1 as UInt64)
    }
    func pulledBack<Outer>(_ part: @escaping @Sendable (Outer) -> Model) -> any NestedTemplateField<Outer> {
        let get = self.get
        return Maybe<Outer, Element>(get: { get(part($0)) })
    }
}

struct Many<Model, Element: TemplateModel>: NestedTemplateField {
    let get: @Sendable (Model) -> [Element]
    func forEach(in model: Model, _ body: (Element) -> Void) { get(model).forEach(body) }
    func value(in model: Model) -> Element? { nil }
    func values(in model: Model) -> [Element] { get(model) }
    func digest(_ model: Model, into hasher: inout StableHasher) {
        let values = get(model)
        let digester = Element.templateFields.digester
        for value in values { digester(value, &hasher) }
        hasher.combine(UInt64(values.count))
    }
    func pulledBack<Outer>(_ part: @escaping @Sendable (Outer) -> Model) -> any NestedTemplateField<Outer> {
        let get = self.get
        return Many<Outer, Element>(get: { get(part($0)) })
    }
}

/// Text is a model too, with one field: itself, `{{.}}`, inside a section over it.
extension String: TemplateModel {
    public static let templateFields = TemplateFields<String>([".": .text { $0 }])
}
