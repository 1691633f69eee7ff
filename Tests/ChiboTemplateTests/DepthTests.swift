import ChiboModel
import Testing

@testable import ChiboTemplate

/// Sections nested past the limit are an error at the tag that passes it, not a stack overflow
/// (issue 27: 20,000 nested sections crashed the build).
@Suite struct DepthTests {
    func diagnostics(_ sources: [String: String]) -> [Diagnostic] {
        var diagnostics = Diagnostics()
        if let library = TemplateLibrary.parse(sources, file: file, diagnostics: &diagnostics) {
            _ = library.compile("main", for: Page.self, globals: [:], diagnostics: &diagnostics)
        }
        return diagnostics.sorted
    }

    @Test(arguments: [("{{#on}}", "{{/on}}"), ("{{^on}}", "{{/on}}"), ("{{$b}}", "{{/b}}")])
    func twentyThousandNestedSectionsAreAnErrorAtTheHundredAndFirst(open: String, close: String) {
        let main = "x\n" + String(repeating: open, count: 20_000) + String(repeating: close, count: 20_000)
        let found = diagnostics(["main": main])
        #expect(found.map(\.code) == [.templateTooDeep])
        #expect(found.first?.location == SourceLocation(file: file("main"), line: 2, column: 1 + open.count * 100))
    }

    @Test func parentsNestedPastTheLimitAreAnError() {
        let main = String(repeating: "{{<p}}{{$b}}", count: 10_000) + String(repeating: "{{/b}}{{/p}}", count: 10_000)
        let found = diagnostics(["main": main, "p": "{{$b}}{{/b}}"])
        #expect(found.map(\.code) == [.templateTooDeep])
        // The 50th parent holds the 100th level (its block); the 51st parent is the 101st.
        #expect(found.first?.location == SourceLocation(file: file("main"), line: 1, column: 1 + 12 * 50))
    }

    @Test func theHundredthLevelIsAllowed() {
        let main = String(repeating: "{{#on}}", count: 100) + "x" + String(repeating: "{{/on}}", count: 100)
        #expect(diagnostics(["main": main]).isEmpty)
    }

    @Test func partialsCountTheLevelsAroundThem() {
        let main = String(repeating: "{{#on}}", count: 60) + "{{>p}}" + String(repeating: "{{/on}}", count: 60)
        let partial = String(repeating: "{{#on}}", count: 60) + "x" + String(repeating: "{{/on}}", count: 60)
        let found = diagnostics(["main": main, "p": partial])
        #expect(found.map(\.code) == [.templateTooDeep])
        // 60 sections and the partial: 61 levels; the partial's 40th section would be the 101st.
        #expect(found.first?.location == SourceLocation(file: file("p"), line: 1, column: 1 + 7 * 39))
    }
}

/// A page whose partials, compiled in place, multiply (issue 27's fuzzing: 3,000 includes of a
/// partial that includes another 3,000 times took minutes) is an error, not a hang.
@Suite struct CompiledSizeTests {
    @Test func partialsThatMultiplyAreAnErrorAtTheFirstTagPastTheLimit() {
        let main = String(repeating: "{{>p}}", count: 3_000)
        let partial = String(repeating: "{{>q}}", count: 3_000)
        var diagnostics = Diagnostics()
        let library = TemplateLibrary.parse(
            ["main": main, "p": partial, "q": "x"], file: file, diagnostics: &diagnostics)
        let compiled = library?.compile("main", for: Page.self, globals: [:], diagnostics: &diagnostics)
        #expect(compiled == nil)
        #expect(diagnostics.errors.map(\.code) == [.templateTooLarge])
        // Each include of p is 1 + 3,000 × 2 nodes: the 20,001st is the 999th `{{>q}}` of the 4th include,
        // reported at that include.
        #expect(diagnostics.errors.first?.location == SourceLocation(file: file("main"), line: 1, column: 1 + 6 * 3))
    }

    @Test func theBundledThemesLargestPageIsFarBelowTheLimit() {
        #expect(TemplateLibrary.maxCompiledNodes >= 20 * 868)
    }
}
