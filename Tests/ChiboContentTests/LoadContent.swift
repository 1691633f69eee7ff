import ChiboContent
import ChiboModel

/// The content of a folder and every problem found in it, for tests that look at both.
func loadContent(_ path: String) -> (content: Content?, diagnostics: Diagnostics) {
    var diagnostics = Diagnostics()
    let content = ContentLoader.load(from: path, diagnostics: &diagnostics)
    return (content, diagnostics)
}
