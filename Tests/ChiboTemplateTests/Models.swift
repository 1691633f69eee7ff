@testable import ChiboTemplate

/// The innermost test model.
struct Leaf: TemplateModel, Sendable {
    var label = ""
    var note: String? = nil
    var flag = false
    var tags: [String] = []

    static let templateFields = TemplateFields<Leaf>([
        "label": .text(\.label),
        "note": .optional(\.note),
        "flag": .flag(\.flag),
        "tags": .list(\.tags),
    ])
}

/// A row: holds a leaf, maybe another, and a list of them.
struct Item: TemplateModel, Sendable {
    var name = ""
    var note: String? = nil
    var on = false
    var leaf = Leaf()
    var spare: Leaf? = nil
    var leaves: [Leaf] = []
    var tags: [String] = []

    static let templateFields = TemplateFields<Item>([
        "name": .text(\.name),
        "note": .optional(\.note),
        "on": .flag(\.on),
        "leaf": .model(\.leaf),
        "spare": .optional(\.spare),
        "leaves": .list(\.leaves),
        "tags": .list(\.tags),
    ])
}

/// A page: every kind of field, and items two levels deep.
struct Page: TemplateModel, Sendable {
    var title = ""
    var note: String? = nil
    var on = false
    var item = Item()
    var maybe: Item? = nil
    var items: [Item] = []
    var tags: [String] = []
    var leaf = Leaf()

    static let templateFields = TemplateFields<Page>([
        "title": .text(\.title),
        "note": .optional(\.note),
        "on": .flag(\.on),
        "item": .model(\.item),
        "maybe": .optional(\.maybe),
        "items": .list(\.items),
        "tags": .list(\.tags),
        "leaf": .model(\.leaf),
    ])
}
