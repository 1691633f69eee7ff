/// The messages of the theme's templates and UI strings (the `theme.*` codes), typed: the template
/// compiler and the renderer make them, the catalogue words them.
extension DiagnosticMessage {
    /// A template that does not parse: `variant` says how (see the catalogue's entry for
    /// `theme.template-syntax`).
    public static func templateSyntax(_ variant: String) -> Self { Self(.templateSyntax, variant) }

    /// Sections, blocks and parents nested past the parser's `levels` in one template.
    public static func templateTooDeepToParse(levels: Int) -> Self {
        Self(.templateTooDeep, "parse", [.count: .number(levels)])
    }

    /// Sections, blocks and partials nested past `levels` in a compiled page.
    public static func templateTooDeepToCompile(levels: Int) -> Self {
        Self(.templateTooDeep, "compile", [.count: .number(levels)])
    }

    /// A set-delimiter tag.
    public static var setDelimiters: Self {
        Self(.templateUnsupported, "setDelimiters", [.value: .code("{{"), .other: .code("}}")])
    }

    /// A partial (`{{>*name}}`) or a parent (`{{<*name}}`) named by a value.
    public static func dynamicPartial(_ name: String, parent: Bool) -> Self {
        let mark = parent ? "<" : ">"
        return Self(
            .templateUnsupported, parent ? "dynamicParent" : "dynamicPartial",
            [.value: .code("{{\(mark)*\(name)}}"), .other: .code("{{\(mark)\(name)}}")])
    }

    /// A tag with transforms, `call` as written (`upper(title)`); `sequence` when it is one of
    /// swift-mustache's positions in a list (`index()`, `first()`).
    public static func transform(_ call: String, sequence: Bool) -> Self {
        Self(.templateUnsupported, sequence ? "sequence" : "transform", [.value: .code(call)])
    }

    /// A `{{% CONTENT_TYPE: ... }}` of a type chibo does not know.
    public static func unknownContentType(_ value: String) -> Self {
        Self(.templateUnsupported, "contentType", [.value: .code(value)])
    }

    /// A pragma other than `CONTENT_TYPE`.
    public static func unknownPragma(_ name: String) -> Self {
        Self(.templateUnsupported, "pragma", [.value: .code(name)])
    }

    /// `{{.}}` (or a name starting with `.`) inside an inverted section over a list.
    public static func invertedDot(_ name: String) -> Self {
        Self(.templateUnsupported, "invertedDot", [.value: .code("{{\(name)}}")])
    }

    /// A partial that includes itself; `chain` the partials from it back to it.
    public static func recursivePartial(_ name: String, chain: [String]) -> Self {
        Self(
            .templateUnsupported, "recursive", [.value: .code(name), .other: .plain(chain.joined(separator: " → "))])
    }

    /// A page template the theme does not have.
    public static func missingTemplate(_ name: String) -> Self { Self(.missingTemplate, "", [.value: .code(name)]) }

    /// A partial or parent naming no template of the theme.
    public static func missingPartial(_ name: String) -> Self {
        Self(.missingTemplate, "partial", [.value: .code(name), .other: .plain(name)])
    }

    /// A name the page's model (or the globals) does not have.
    public static func unknownTemplateName(_ name: String, page: String) -> Self {
        Self(.unknownName, "", [.value: .code(name), .name: .code(page)])
    }

    /// A table of strings (`t`, `assets`) shown as text.
    public static func stringTableAsText(_ name: String, table: String) -> Self {
        Self(.templateMisuse, "table", [.value: .code(name), .other: .code("{{\(table).key}}")])
    }

    /// A name that goes on past a string of a table (`t.title.x`).
    public static func throughTableString(_ name: String, string: String) -> Self {
        Self(.templateMisuse, "textHasNoFields", [.value: .code(name), .other: .code(string)])
    }

    /// What a name goes through that has no fields: text, a flag, or a list not opened.
    public enum TemplateValueKind: Sendable {
        case text, flag, list

        var phrase: FieldValue {
            switch self {
            case .text: .phrase(en: "text, which has no fields", vi: "văn bản nên không có trường nào")
            case .flag:
                .phrase(
                    en: "a flag (true or false), which has no fields",
                    vi: "một cờ (đúng hoặc sai) nên không có trường nào")
            case .list:
                .phrase(
                    en: "a list; open it with a section and name the field inside",
                    vi: "một danh sách; hãy mở nó bằng một khối (section) rồi gọi trường ở bên trong")
            }
        }
    }

    /// A name that goes through `through`, which is of `kind` and has no fields.
    public static func goesThrough(_ name: String, _ through: String, which kind: TemplateValueKind) -> Self {
        Self(.templateMisuse, "through", [.value: .code(name), .other: .code(through), .detail: kind.phrase])
    }

    /// `{{.}}` where the current value is a model.
    public static func dotIsModel(_ name: String) -> Self {
        Self(.templateMisuse, "dotModel", [.value: .code("{{\(name)}}")])
    }

    /// A block expanded inside its own override.
    public static func blockInItsOverride(_ name: String) -> Self {
        Self(.templateMisuse, "selfOverride", [.value: .code(name)])
    }

    /// A flag shown as text.
    public static func flagAsText(_ name: String) -> Self {
        Self(
            .templateMisuse, "flag",
            [.value: .code(name), .other: .code("{{#\(name)}}"), .detail: .code("{{^\(name)}}")])
    }

    /// A list shown as text.
    public static func listAsText(_ name: String) -> Self {
        Self(.templateMisuse, "list", [.value: .code(name), .other: .code("{{#\(name)}}...{{/\(name)}}")])
    }

    /// A model (`optional` when it may be absent) without text of its own shown as text.
    public static func modelAsText(_ name: String, optional: Bool) -> Self {
        Self(
            .templateMisuse, "model",
            [
                .value: .code(name),
                .detail: optional
                    ? .phrase(en: "an optional model", vi: "một mô hình có thể trống")
                    : .phrase(en: "a model", vi: "một mô hình"),
            ])
    }

    /// Text opened as a section; `inverted` for `{{^name}}`.
    public static func textAsSection(_ name: String, inverted: Bool) -> Self {
        Self(
            .templateMisuse, "textSection", [.value: .code(name), .other: .code("{{\(inverted ? "^" : "#")\(name)}}")])
    }

    /// A UI string a template names (`{{t.key}}`) that the theme does not have.
    public static func missingUIString(_ key: String) -> Self {
        Self(.missingString, "", [.value: .code(key), .other: .code("\(key): ...")])
    }

    /// A UI string the pages show that the theme does not have.
    public static func requiredUIString(_ key: String) -> Self {
        Self(.missingString, "required", [.value: .code(key), .other: .code("\(key): ...")])
    }
}

/// The messages of `value.bad-form`: text not in the form its key or cell needs.
extension DiagnosticMessage {
    /// A count written with a sign (`+5`, `-0`); `value` the count as it should be written.
    public static func countWithSign(field: String, value: Int, text: String) -> Self {
        Self(.badForm, "sign", [.field: .code(field), .count: .plain(String(value)), .value: .quoted(text)])
    }

    /// A count written with leading zeros in YAML (`05`).
    public static func countWithLeadingZero(field: String, value: Int, text: String) -> Self {
        Self(.badForm, "leadingZero", [.field: .code(field), .count: .plain(String(value)), .other: .plain(text)])
    }

    /// A `slug` that is not one part of a URL; `suggestion` one that is.
    public static func badSlug(suggestion: String) -> Self { Self(.badForm, "slug", [.value: .quoted(suggestion)]) }

    /// A session's `time` that is not `HH:MM`.
    public static var badTime: Self { Self(.badForm, "time") }

    /// A `base_path` that is not a URL path.
    public static var badBasePath: Self { Self(.badForm, "basePath") }

    /// A `base_url` that is not the site's address.
    public static var badBaseURL: Self { Self(.badForm, "baseURL") }

    /// A `restricted.realm` that cannot go into the web server's configuration.
    public static func badRealm(_ problem: Restriction.RealmProblem) -> Self {
        switch problem {
        case .controlCharacter: Self(.badForm, "realmControl")
        case .webServerSyntax: Self(.badForm, "realmSyntax")
        case .off: Self(.badForm, "realmOff")
        case .tooLong(let bytes):
            Self(.badForm, "realmLong", [.count: .number(bytes), .limit: .number(Restriction.RealmProblem.longest)])
        }
    }

    /// A unit's name longer than `limit` characters.
    public static func unitNameTooLong(_ name: String, length: Int, limit: Int) -> Self {
        Self(.badForm, "unitName", [.value: .quoted(name), .count: .number(length), .limit: .number(limit)])
    }

    /// A unit id with characters an id cannot have; `suggestion` one that can be, if any.
    public static func badUnitID(_ id: String, suggestion: String) -> Self {
        suggestion.isEmpty
            ? Self(.badForm, "unitID", [.value: .quoted(id)])
            : Self(.badForm, "unitIDExample", [.value: .quoted(id), .other: .quoted(suggestion)])
    }

    /// A CSV file's `sep=` line naming a separator that cannot be read.
    public static func badSeparatorLine(_ separator: String) -> Self {
        Self(.badForm, "separator", [.value: .plain(separator)])
    }

    /// A workbook cell whose value is not what its type (`type`, as the workbook writes it) says.
    public static func cellNotOfItsType(_ value: String, type: String) -> Self {
        Self(.badForm, "cellType", [.value: .quoted(value), .other: .plain(type)])
    }
}
