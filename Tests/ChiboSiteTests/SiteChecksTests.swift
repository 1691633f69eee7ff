import ChiboRender
import Testing

/// The crawler the site tests use finds every link a browser would follow, however it is written,
/// so that "no broken link" means something.
@Suite struct SiteChecksTests {
    @Test func everyFormOfALinkIsReadAndABrokenOneFound() {
        let page = """
            <!DOCTYPE html><html><head><link rel=stylesheet href=/assets/site.css>
            <script src='/assets/a.js'></script><script>const s = "<a href='/in-script/'>";</script>
            <!-- <a href="/in-comment/"> --></head><body>
            <a href="/ok/">ok</a> <A HREF='/single/'>x</A> <a href=/bare/>y</a> <a class="x" href = "/spaced/">z</a>
            <img src="/img.png" srcset="/img-1x.png 1x, /img-2x.png 2x"><form action="/form/"></form>
            <a href="/ok/#here">id</a> <a href="/ok/#missing">no id</a> <a href="#self">self</a>
            <a href="https://x.invalid/">web</a> <a href="/ok/?q=a&amp;b=c">query</a>
            <p id="self"></p></body></html>
            """
        let files = [
            OutputFile(path: "index.html", bytes: Array(page.utf8)),
            OutputFile(path: "ok/index.html", bytes: Array("<h2 id='here'>x</h2>".utf8)),
            OutputFile(path: "img.png", bytes: []),
        ]
        let links = SiteChecks.links(files, basePath: "/")
        #expect(
            Set(links.broken) == [
                "index.html -> /assets/site.css", "index.html -> /assets/a.js", "index.html -> /single/",
                "index.html -> /bare/", "index.html -> /spaced/", "index.html -> /img-1x.png",
                "index.html -> /img-2x.png", "index.html -> /form/", "index.html -> /ok/#missing (no such id)",
            ])
        // /ok/, /img.png, /ok/#here, #self, /ok/?q=... and the nine broken ones; not the web link, nor
        // the links inside the script and the comment.
        #expect(links.checked == 14)
    }
}
