import ChiboContent
import ChiboModel
import ChiboRender
import ChiboSupport
import Synchronization

extension Build {
    /// What a build in memory made, against the build before it: the preview's build process keeps
    /// this between builds instead of an output folder.
    public struct MemoryOutcome: Sendable {
        public var diagnostics: Diagnostics
        /// Each page's inputs hash (the manifest `chibo build` writes beside its output): the next
        /// build keeps the pages whose hash is the same, without rendering them.
        public var inputs: [String: UInt64] = [:]
        /// Every path of the site this build made or kept (the manifest itself left out).
        public var paths: Set<String> = []
        /// Pages made and pages kept.
        public var pages = 0
        public var kept = 0
    }

    /// What the builds of one process keep while the content outside `guidance/` is unchanged (its
    /// files' names, sizes and times): that content as read, its evaluation and bloc reports. A change
    /// of the guidance alone then reads the guidance alone.
    public struct MemoryCache: Sendable {
        var key: UInt64?
        var data: ContentLoader.DataPart?
        var evaluation: Evaluation?
        var reports: BlocReports?

        public init() {}
    }

    /// Loads and renders as `run()` does, without an output folder: the previous build is
    /// `previous` (its pages' inputs hashes), a page whose inputs are unchanged is kept (not
    /// rendered, not emitted), every other file is handed to `emit` from any thread. When the
    /// diagnostics hold an error, what was emitted must be thrown away and `previous` still stands.
    public func renderInMemory(
        previous: [String: UInt64], cache: inout MemoryCache, emit: @Sendable (OutputFile) -> Void
    ) -> MemoryOutcome {
        let data = Timings.measure("fingerprint") {
            InputFingerprint.compute(
                content: contentPath, theme: resolvedThemePath, date: buildDate, precompress: precompress,
                search: search
            ).data
        }
        if cache.key != data { cache = MemoryCache() }
        cache.key = data
        var diagnostics = Diagnostics()
        guard let renderer = rendererUnlessErrors(diagnostics: &diagnostics, cache: &cache) else {
            return MemoryOutcome(diagnostics: diagnostics)
        }
        let seen = Mutex((paths: Set<String>(), pages: 0, kept: 0, inputs: [String: UInt64]()))
        /// A file of the previous build kept as it was.
        @Sendable func kept(_ path: String) {
            seen.withLock {
                $0.paths.insert(path)
                if path.hasSuffix(".html") { $0.kept += 1 }
            }
        }
        var reuse = PageReuse(
            salt: toolSalt, dataInputs: data,
            previous: { folder in previous.filter { $0.key.hasPrefix(folder) }.map { (path: $0.key, inputs: $0.value) }
            },
            reuse: { path, inputs in
                guard previous[path] == inputs else { return false }
                // The manifest's own entries (`PageReuse.dataPagesKey`) are no files.
                if !path.hasPrefix(":") { kept(path) }
                return true
            })
        // The pages made from the data alone are kept whole while it is unchanged.
        reuse.keepAsBefore = { path in
            guard let inputs = previous[path] else { return nil }
            kept(path)
            return inputs
        }
        let renderDiagnostics = Timings.measure("render") {
            renderer.render(reuse: reuse) { file in
                // The manifest is this build's record of inputs, not a file of the site.
                if file.path == PageReuse.manifest {
                    let inputs = PageReuse.parseManifest(String(decoding: file.bytes, as: UTF8.self))
                    seen.withLock { $0.inputs = inputs }
                    return
                }
                seen.withLock {
                    $0.paths.insert(file.path)
                    if file.path.hasSuffix(".html") { $0.pages += 1 }
                }
                emit(file)
            }
        }
        diagnostics.append(contentsOf: renderDiagnostics)
        return seen.withLock {
            var outcome = MemoryOutcome(diagnostics: diagnostics, inputs: $0.inputs, paths: $0.paths)
            outcome.pages = $0.pages + $0.kept
            outcome.kept = $0.kept
            return outcome
        }
    }
}
