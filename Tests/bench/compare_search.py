#!/usr/bin/env python3
"""chibo's own search against Pagefind, on the same built site: bytes per query, first results, sizes, times.

Run from the repository root:  python3 Tests/bench/compare_search.py [--keep] [--out FILE] [--json FILE]

What it does (everything on loopback, in a temporary folder):
  1. `chibo build` of content/ (3 builds into fresh folders, the median time is reported).
  2. Two copies of the site indexed by Pagefind (`python3 -m pagefind --site COPY --force-language vi`):
       - "Pagefind" (tuned, what the Pagefind docs tell a user to do): `data-pagefind-body` on the <main>
         of the pages chibo's own index covers (documents, unit pages, the schedule and plan pages);
       - "Pagefind, no config": the copy as it is, so Pagefind indexes the <body> of all 151 pages.
     Each copy gets a page /tim-kiem-pagefind/ with Pagefind's default UI (pagefind-ui.js/css and a
     small init file, since the CSP forbids inline script) that runs `?q=` on load. Pagefind's
     .js/.css/.json files are precompressed (.gz and .br) like chibo's own files; its index files are
     already gzip inside and are served as they are.
  3. One private nginx per site with the server block from `chibo nginx-config` (gzip_static,
     brotli_static, CSP). For the Pagefind sites the CSP gets 'wasm-unsafe-eval', without which Pagefind
     cannot start its WebAssembly (checked once and reported).
  4. Each query in a fresh headless Chromium profile (cold cache) on each site: every request the
     page and its workers make is read back from nginx's access log ($bytes_sent = headers + body as
     sent), and also from the Performance API in the page (which does not see Pagefind's worker).
  5. Index sizes on disk (raw and gzip -9) and the Markdown report on stdout.

Needs: chromium, chromedriver, nginx (+ libnginx-mod-http-brotli-static), `pip install 'pagefind[bin]'
selenium brotli`, and a built .build/debug/chibo. It edits nothing in the repository.
"""
import argparse
import gzip
import json
import os
import pathlib
import pwd
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHIBO = ROOT / ".build" / "debug" / "chibo"
CONTENT = ROOT / "content"
THEME = ROOT / "site-theme"
DATE = "2024-03-01"
HOST = "127.0.0.1"
BUILD_RUNS = 3


def fold(text):
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("đ", "d").replace("Đ", "D").lower()


# --------------------------------------------------------------------------- the queries

DUK_DOCS = ("/van-ban/chi-dao/cong-van-750-cv-duk/", "/van-ban/chi-dao/ke-hoach-114-kh-duk/",
            "/van-ban/hoc-tap/huong-dan-08-hd-duk/")
DOC_08 = "/van-ban/hoc-tap/huong-dan-08-hd-duk/"
DOC_14 = "/van-ban/quy-trinh/quy-dinh-14-qd-tu/"
DOC_03 = "/van-ban/quy-trinh/huong-dan-03-hd-tu/"


def path_of(url):
    return urllib.parse.urlsplit(url).path


def title_has(words):
    return lambda title, url: fold(words) in fold(title)


def url_is(*paths):
    return lambda title, url: path_of(url) in paths


def url_is_or_title_has(paths, words):
    return lambda title, url: path_of(url) in paths or fold(words) in fold(title)


# (query, what counts as the right first result, the test on (title, url) of the first result)
QUERIES = [
    ("tham nhung", "title has “tham nhũng”", title_has("tham nhũng")),
    ("tham nhũng", "title has “tham nhũng”", title_has("tham nhũng")),
    ("tham nhun", "title has “tham nhũng” (typing)", title_has("tham nhũng")),
    ("dang uy", "a document of the Đảng ủy Khối (…/ĐUK)", url_is(*DUK_DOCS)),
    ("Đảng ủy", "a document of the Đảng ủy Khối (…/ĐUK)", url_is(*DUK_DOCS)),
    ("dao tao", "title has “Đào tạo”", title_has("đào tạo")),
    ("Đào tạo", "title has “Đào tạo”", title_has("đào tạo")),
    ("08-HD", "08-HD/ĐUK", url_is(DOC_08)),
    ("08-HD/ĐUK", "08-HD/ĐUK", url_is(DOC_08)),
    ("08-HD/DUK", "08-HD/ĐUK", url_is(DOC_08)),
    ("14-QĐ/TU", "14-QĐ/TU", url_is(DOC_14)),
    ("14-QD/TU", "14-QĐ/TU", url_is(DOC_14)),
    ("sinh hoat chuyen de", "03-HD/TU (section “Sinh hoạt chuyên đề”)", url_is(DOC_03)),
    ("so y te", "title has “Sở Y tế”", title_has("sở y tế")),
    ("dien luc", "title has “Điện lực”", title_has("điện lực")),
    ("buoc 2 khai mac", "03-HD/TU (“Bước 2: Khai mạc”)", url_is(DOC_03)),
    ("chi bo mau", "title has “chi bộ mẫu”", title_has("chi bộ mẫu")),
    # only in the meeting records: a unit page lists its meetings' topics
    ("chong lang phi", "a unit page (meetings on “chống lãng phí”)",
     lambda title, url: path_of(url).startswith("/don-vi/")),
]

# The heading a result should ideally link to (checked for chibo, whose results carry a #section).
ANCHORS = {"buoc 2 khai mac": "buoc-2-khai-mac", "sinh hoat chuyen de": "sinh-hoat-chuyen-de"}


# --------------------------------------------------------------------------- building


def run(cmd, **kwargs):
    started = time.monotonic()
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    return result, time.monotonic() - started


def chibo(*args):
    """chibo may be being relinked by someone else: retry a few times if it is missing or busy."""
    for attempt in range(10):
        if CHIBO.exists():
            try:
                result, seconds = run([CHIBO, *args])
                if result.returncode != 126:
                    return result, seconds
            except OSError:
                pass
        time.sleep(3)
    sys.exit(f"{CHIBO} cannot be run")


def build_chibo(work):
    times = []
    site = None
    for i in range(BUILD_RUNS):
        out = work / f"build-{i}"
        result, seconds = chibo("build", "--content", CONTENT, "--theme", THEME, "--output", out, "--date", DATE)
        if result.returncode != 0:
            sys.exit(f"chibo build failed ({result.returncode}):\n{result.stderr}")
        times.append(seconds)
        if site is None:
            site = out
        else:
            shutil.rmtree(out)
    final = work / "site"
    site.rename(final)
    return final, times, result.stderr.strip().splitlines()[-1:] + result.stdout.strip().splitlines()[-1:]


def tuned_pages(site):
    """The pages chibo's own index covers: documents, unit pages, the schedule and its plans."""
    pages = []
    pages += sorted(site.glob("van-ban/*/*/index.html"))
    pages += sorted(site.glob("don-vi/*/index.html"))
    pages += sorted(site.glob("lich-sinh-hoat-mau/index.html")) + sorted(site.glob("lich-sinh-hoat-mau/*/index.html"))
    return pages


def mark_body(site):
    count = 0
    for page in tuned_pages(site):
        text = page.read_text(encoding="utf-8")
        new = text.replace('<main id="main"', '<main data-pagefind-body id="main"', 1)
        if new != text:
            page.write_text(new, encoding="utf-8")
            count += 1
            for suffix in (".gz", ".br"):  # the precompressed copies must say the same
                stale = page.with_name(page.name + suffix)
                if stale.exists():
                    stale.unlink()
            precompress(page)
    return count


def precompress(path):
    import brotli
    data = path.read_bytes()
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))


PAGEFIND_INIT = """// Pagefind's default UI on this page; runs ?q= on load (the CSP forbids inline script).
window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({ element: "#search", showImages: false });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
});
"""


def add_pagefind_page(site):
    """/tim-kiem-pagefind/: chibo's search page with its <main> replaced by Pagefind's default UI."""
    page = (site / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    main = ('<main id="main" class="wrap">\n<h1>Tìm kiếm</h1>\n<div id="search"></div>\n</main>')
    page = re.sub(r"<main.*?</main>", main, page, count=1, flags=re.S)
    page = re.sub(r'<script src="/assets/search\.[0-9a-f]+\.js" defer></script>\n?', "", page)
    page = page.replace("</head>", '<link rel="stylesheet" href="/pagefind/pagefind-ui.css">\n'
                                   '<script src="/pagefind/pagefind-ui.js"></script>\n'
                                   '<script src="/pagefind-init.js"></script>\n</head>')
    folder = site / "tim-kiem-pagefind"
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(page, encoding="utf-8")
    precompress(folder / "index.html")
    (site / "pagefind-init.js").write_text(PAGEFIND_INIT, encoding="utf-8")
    precompress(site / "pagefind-init.js")
    for path in (site / "pagefind").glob("*"):
        if path.suffix in (".js", ".css", ".json"):
            precompress(path)


def run_pagefind(site):
    result, seconds = run([sys.executable, "-m", "pagefind", "--site", site, "--force-language", "vi"])
    if result.returncode != 0:
        sys.exit(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
    return seconds, result.stdout + result.stderr


def pagefind_version():
    result, _ = run([sys.executable, "-m", "pagefind", "--version"])
    return result.stdout.strip()


def pagefind_site(work, site, name, tune):
    times = []
    log = ""
    marked = 0
    copy = work / name
    for i in range(BUILD_RUNS):
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(site, copy, symlinks=True)
        if tune:
            marked = mark_body(copy)
        seconds, log = run_pagefind(copy)
        times.append(seconds)
    add_pagefind_page(copy)
    return copy, times, log, marked


# --------------------------------------------------------------------------- serving


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def nginx_binary():
    return shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


class Nginx:
    def __init__(self, work, root, name, csp_extra=""):
        self.dir = work / f"nginx-{name}"
        self.dir.mkdir()
        (self.dir / "tmp").mkdir()
        self.log = self.dir / "access.log"
        nginx = nginx_binary()
        version = subprocess.run([nginx, "-V"], capture_output=True, text=True).stderr
        options = dict(o.split("=", 1) for o in version.split() if o.startswith("--") and "=" in o)
        modules = options.get("--modules-path", "/usr/share/nginx/modules")
        (self.dir / "modules").symlink_to(modules, target_is_directory=True)
        self.port = free_port()
        result, _ = chibo("nginx-config", "--listen", HOST, "--port", self.port, "--root", root,
                          "--content", CONTENT)
        if result.returncode != 0:
            sys.exit(f"chibo nginx-config failed:\n{result.stderr}")
        block = result.stdout
        if csp_extra:
            block = block.replace("script-src 'self'", f"script-src 'self' {csp_extra}")
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
        conf = (f"{user}worker_processes 1;\npid {self.dir / 'nginx.pid'};\n"
                f"error_log {self.dir / 'error.log'} warn;\n"
                "include /etc/nginx/modules-enabled/*.conf;\n"
                "events { worker_connections 256; }\n"
                "http {\n"
                "  log_format bench '$request_uri\\t$status\\t$bytes_sent\\t$body_bytes_sent\\t"
                "$sent_http_content_encoding\\t$http_accept_encoding';\n"
                f"  access_log {self.log} bench;\n"
                + "".join(f"  {kind}_temp_path {self.dir / 'tmp' / kind};\n"
                          for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
                + block + "\n}\n")
        self.conf = self.dir / "nginx.conf"
        self.conf.write_text(conf, encoding="utf-8")
        self.process = subprocess.Popen([nginx, "-p", self.dir, "-e", self.dir / "error.log", "-c", self.conf,
                                         "-g", "daemon off;"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        sys.exit(f"nginx did not start: {(self.dir / 'error.log').read_text(errors='replace')}")

    def url(self, path):
        return f"http://{HOST}:{self.port}{path}"

    def log_size(self):
        return self.log.stat().st_size if self.log.exists() else 0

    def requests_since(self, offset):
        with open(self.log, "rb") as f:
            f.seek(offset)
            lines = f.read().decode("utf-8", "replace").splitlines()
        rows = []
        for line in lines:
            uri, status, sent, body, encoding, accept = (line.split("\t") + [""] * 6)[:6]
            rows.append({"uri": uri, "status": int(status), "bytes_sent": int(sent), "body_bytes": int(body),
                         "encoding": encoding if encoding != "-" else "", "accept": accept})
        return rows

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


# --------------------------------------------------------------------------- the browser


def new_browser(profile):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={profile}", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--window-size=1280,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


CHIBO_STATE = """
const status = document.getElementById('search-status');
const app = document.getElementById('search-app');
const links = [...document.querySelectorAll('#search-results li a')];
const text = status ? status.textContent.trim() : '';
const done = text !== '' && text !== app.getAttribute('data-loading');
return {done: done, status: text, error: text === app.getAttribute('data-error'),
        results: links.map(a => ({title: a.textContent.trim(), url: a.href}))};
"""

PAGEFIND_STATE = """
const message = document.querySelector('.pagefind-ui__message');
const text = message ? message.textContent.trim() : '';
const loading = document.querySelectorAll('.pagefind-ui__result .pagefind-ui__loading, .pagefind-ui__result-title .pagefind-ui__loading').length;
const links = [...document.querySelectorAll('.pagefind-ui__result-link')];
const searching = /^(Đang tìm|Searching)/i.test(text) || text === '';
return {done: !searching && loading === 0, status: text, error: false,
        results: links.map(a => ({title: a.textContent.trim(), url: a.href}))};
"""

PERFORMANCE = """
return performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).map(e => ({
  name: e.name, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, type: e.initiatorType}));
"""


def run_query(server, page, query, kind, timeout=20):
    profile = tempfile.mkdtemp(prefix="chibo-bench-profile-")
    browser = new_browser(profile)
    try:
        offset = server.log_size()
        started = time.monotonic()
        browser.get(server.url(page + "?q=" + urllib.parse.quote(query)))
        script = CHIBO_STATE if kind == "chibo" else PAGEFIND_STATE
        state = None
        shown = None
        deadline = started + timeout
        while time.monotonic() < deadline:
            state = browser.execute_script(script)
            if state["done"]:
                shown = time.monotonic() - started
                break
            time.sleep(0.05)
        # then wait until the network has been quiet for a second (fragments, late chunks)
        last, quiet_since = server.log_size(), time.monotonic()
        while time.monotonic() - quiet_since < 1.0 and time.monotonic() < deadline + 5:
            time.sleep(0.1)
            size = server.log_size()
            if size != last:
                last, quiet_since = size, time.monotonic()
        state = browser.execute_script(script)
        perf = browser.execute_script(PERFORMANCE)
        console = [entry["message"] for entry in browser.get_log("browser") if entry.get("level") == "SEVERE"]
        requests = server.requests_since(offset)
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return {"query": query, "done": bool(state and state["done"]), "status": state["status"] if state else "",
            "error": bool(state and state["error"]), "results": (state or {}).get("results", []),
            "seconds_to_results": shown, "requests": requests, "performance": perf, "console": console}


# --------------------------------------------------------------------------- accounting

PAGE_ONLY = re.compile(r"^/(tim-kiem|tim-kiem-pagefind)/(\?.*)?$|^/assets/site\.[0-9a-f]+\.css$|^/favicon\.ico$")


def is_search_request(uri):
    """Everything but the search page's HTML, the site stylesheet and a favicon probe."""
    return not PAGE_ONLY.match(uri)


def totals(result):
    search = [r for r in result["requests"] if is_search_request(r["uri"])]
    return {"search_bytes": sum(r["bytes_sent"] for r in search),
            "search_body": sum(r["body_bytes"] for r in search),
            "page_bytes": sum(r["bytes_sent"] for r in result["requests"]),
            "requests": len(search),
            "perf_transfer": sum(e["transferSize"] or e["encodedBodySize"] or 0 for e in result["performance"]),
            "perf_search": sum(e["transferSize"] or e["encodedBodySize"] or 0 for e in result["performance"]
                               if is_search_request(urllib.parse.urlsplit(e["name"]).path
                                                    + ("?" + urllib.parse.urlsplit(e["name"]).query
                                                       if urllib.parse.urlsplit(e["name"]).query else "")))}


def file_sizes(paths):
    raw = gz = 0
    for path in paths:
        data = path.read_bytes()
        raw += len(data)
        if data[:2] == b"\x1f\x8b":  # Pagefind's index files are gzip already and served as they are
            gz += len(data)
        else:
            gz += len(gzip.compress(data, 9, mtime=0))
    return len(paths), raw, gz


def not_precompressed(folder, pattern="**/*"):
    return sorted(p for p in folder.glob(pattern) if p.is_file() and p.suffix not in (".gz", ".br"))


def index_sizes(chibo_site, pf_site):
    js = sorted((chibo_site / "assets").glob("search.*.js"))
    chibo_index = not_precompressed(chibo_site / "search")
    pf = pf_site / "pagefind"
    pf_index = sorted([*pf.glob("*.pf_meta"), *pf.glob("index/*"), *pf.glob("fragment/*"), pf / "pagefind-entry.json"])
    pf_ui = [pf / name for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-worker.js",
                                    "wasm.unknown.pagefind")]
    pf_all = not_precompressed(pf)
    return {
        "chibo index": file_sizes(chibo_index),
        "chibo script": file_sizes(js),
        "pagefind index": file_sizes(pf_index),
        "pagefind scripts": file_sizes(pf_ui),
        "pagefind bundle": file_sizes(pf_all),
    }


def unpacked_size(paths):
    total = 0
    for path in paths:
        data = path.read_bytes()
        total += len(gzip.decompress(data)) if data[:2] == b"\x1f\x8b" else len(data)
    return total


# --------------------------------------------------------------------------- report


def kb(n):
    return f"{n / 1024:.1f} KB"


def short(title, limit=48):
    title = " ".join(title.split())
    return title if len(title) <= limit else title[:limit - 1] + "…"


def first_cell(result, test):
    if result.get("error"):
        return "error"
    if not result["results"]:
        return "— (0)" if result["done"] else "— (no answer)"
    top = result["results"][0]
    mark = "✓" if test(top["title"], top["url"]) else "✗"
    count = result_count(result)
    return f"{mark} {short(top['title'])}" + (f" ({count})" if count is not None else "")


def result_count(result):
    """The number of results the page says it found (chibo: “N kết quả”, Pagefind: “N kết quả cho …”)."""
    match = re.match(r"\s*(\d+)", result.get("status") or "")
    if match:
        return int(match.group(1))
    return 0 if result["done"] and not result["results"] else None


def top3(result):
    if not result["results"]:
        return "—"
    return "; ".join(f"{short(r['title'], 60)} <{urllib.parse.unquote(path_of(r['url']) + (('#' + urllib.parse.urlsplit(r['url']).fragment) if urllib.parse.urlsplit(r['url']).fragment else ''))}>"
                     for r in result["results"][:3])


def pagefind_said(log):
    """What Pagefind reported for the tuned copy: pages, words, and its note on stemming."""
    pages = re.search(r"Indexed (\d+) pages", log)
    words = re.search(r"Indexed (\d+) words", log)
    out = ""
    if pages and words:
        out += f"; for the tuned copy it reported {pages.group(1)} pages and {words.group(1)} words"
    if "doesn't support stemming" in log:
        out += ", and noted that it has no stemmer for `vi` (words match as typed, no root forms)"
    return out


def report(data):
    lines = []
    say = lines.append
    sites = data["sites"]
    say("## Search: chibo's index compared with Pagefind")
    say("")
    say(f"chibo writes its own search index at build time (`search/numbers.json`, `search/terms/<xx>.json`, "
        f"`search/docs/<n>.json`) and a {kb(data['sizes']['chibo script'][2])} (gzip) script for `/tim-kiem/`. "
        f"To see whether that was worth it, the same build of `content/` (`--date {DATE}`) was indexed with "
        f"Pagefind {data['pagefind_version'].split()[-1]} (`python3 -m pagefind --site COPY --force-language vi`; "
        f"it detects `vi` from `<html lang>` anyway{pagefind_said(data.get('pagefind_log', ''))}) and served next to chibo's "
        f"own search by nginx with the server block from `chibo nginx-config` (precompressed gzip/brotli). "
        f"Pagefind ran in two set-ups:")
    say("")
    say(f"- **Pagefind** — what its docs tell you to do: `data-pagefind-body` on the `<main>` of the "
        f"{data['marked']} pages chibo's own index covers (documents, unit pages, schedule and plan), "
        f"default UI (`new PagefindUI({{element: \"#search\", showImages: false}})`) on a copy of the search page;")
    say("- **Pagefind, no config** — the built site as it is: Pagefind then indexes the `<body>` of all "
        f"{data['pages_total']} pages (minus `nav`, `form`, `footer`), including the home page, the lists and "
        f"`/tim-kiem/` itself.")
    say("")
    say("Each query ran in a fresh headless Chromium profile (cold cache) through `/tim-kiem/?q=…` and "
        "`/tim-kiem-pagefind/?q=…`. **Bytes** are what nginx sent for the search (headers + body, from its "
        "access log): chibo's script and index files; Pagefind's UI script and CSS, `pagefind.js`, its worker, "
        "the WebAssembly, the metadata, index chunks and result fragments. The search page's HTML and the site "
        "stylesheet are left out (the same for both), and so is the browser's `/favicon.ico` probe (the site has "
        "no favicon, so it gets the 404 page). The Performance API in the page was recorded too but does not see "
        "Pagefind's requests, which its Web Worker makes. Chromium sends `Accept-Encoding: "
        f"{data['accept_encoding']}` over plain HTTP, so what was measured is "
        f"{'gzip' if 'br' not in data['accept_encoding'] else 'brotli'}. ✓/✗ says whether the first result "
        "is the expected one; the number in brackets is how many results the page reported.")
    say("")
    say("| query | expected first | chibo bytes | chibo first result | Pagefind bytes | Pagefind first result | no-config bytes | no-config first |")
    say("|---|---|---:|---|---:|---|---:|---|")
    sums = {name: 0 for name in sites}
    right = {name: 0 for name in sites}
    for q in data["queries"]:
        cells = [f"`{q['query']}`", q["expected"]]
        for name in sites:
            r = q["runs"][name]
            t = totals(r)
            sums[name] += t["search_bytes"]
            cell = first_cell(r, q["test"])
            right[name] += cell.startswith("✓")
            if name == "Pagefind, no config":
                cells += [kb(t["search_bytes"]), cell[:1] if cell[:1] in "✓✗" else cell.split(" ")[0]]
            else:
                cells += [kb(t["search_bytes"]), cell]
        say("| " + " | ".join(cells) + " |")
    n = len(data["queries"])
    total = ["**total**", ""]
    for name in sites:
        total += [f"**{kb(sums[name])}**", f"{right[name]}/{n} ✓"]
    say("| " + " | ".join(total) + " |")
    say("")
    say("Top three results of each query:")
    say("")
    say("| query | chibo | Pagefind |")
    say("|---|---|---|")
    for q in data["queries"]:
        say(f"| `{q['query']}` | {top3(q['runs']['chibo'])} | {top3(q['runs']['Pagefind'])} |")
    say("")

    sizes = data["sizes"]
    say("Sizes and times:")
    say("")
    say("| | files | on disk | gzip -9 |")
    say("|---|---:|---:|---:|")
    labels = {"chibo index": "chibo index (`search/`)", "chibo script": "chibo script (`search.<hash>.js`)",
              "pagefind index": "Pagefind index (`pf_meta`, `index/`, `fragment/`, entry)",
              "pagefind scripts": "Pagefind scripts the default UI loads (UI js+css, `pagefind.js`, worker, wasm)",
              "pagefind bundle": "Pagefind bundle, all files it writes"}
    for key, label in labels.items():
        files, raw, gz = sizes[key]
        say(f"| {label} | {files} | {kb(raw)} | {kb(gz)} |")
    say("")
    say(f"Pagefind's index files are gzip streams already (served as they are; {kb(data['pf_index_unpacked'])} "
        f"unpacked). chibo's index is plain JSON, precompressed beside it as `.gz` and `.br`.")
    say("")
    bt = data["times"]
    say(f"- chibo's whole build (debug binary: validate, render {data['pages_total']} pages, write the index, "
        f"precompress everything): median {statistics.median(bt['chibo']):.2f} s of {BUILD_RUNS} "
        f"({', '.join(f'{s:.2f}' for s in bt['chibo'])}).")
    say(f"- Pagefind's indexing step alone: median {statistics.median(bt['Pagefind']):.2f} s "
        f"({', '.join(f'{s:.2f}' for s in bt['Pagefind'])}); no config "
        f"{statistics.median(bt['Pagefind, no config']):.2f} s.")
    say(f"- Time from navigation to results on loopback, median over the queries: chibo "
        f"{data['median_seconds']['chibo']:.2f} s, Pagefind {data['median_seconds']['Pagefind']:.2f} s "
        f"(loopback, so this is script start-up and WebAssembly, not the network).")
    say("")
    csp = data["csp_check"]
    say(f"- With the CSP that `chibo nginx-config` sends (`script-src 'self'`), Pagefind "
        f"{'does not work: ' + csp['what'] if not csp['works'] else 'works'}; the Pagefind sites here were served "
        f"with `script-src 'self' 'wasm-unsafe-eval'`.")
    say("")
    say("### Conclusions")
    say("")
    for sentence in data.get("conclusions", []):
        say(sentence)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--out", help="also write the Markdown here")
    parser.add_argument("--json", help="write every measurement as JSON here")
    parser.add_argument("--only", action="append", help="run only this query (repeatable; for trying things)")
    parser.add_argument("--from-json", help="only write the report again from the JSON of an earlier run")
    args = parser.parse_args()

    if args.from_json:
        data = json.loads(pathlib.Path(args.from_json).read_text(encoding="utf-8"))
        tests = {query: (expected, test) for query, expected, test in QUERIES}
        data["queries"] = [dict(q, expected=tests[q["query"]][0], test=tests[q["query"]][1])
                           for q in data["queries"] if q["query"] in tests]
        data["conclusions"] = conclusions(data)
        markdown = report(data)
        print(markdown)
        if args.out:
            pathlib.Path(args.out).write_text(markdown, encoding="utf-8")
        return

    work = pathlib.Path(tempfile.mkdtemp(prefix="chibo-search-bench-"))
    servers = []
    try:
        print("building with chibo…", file=sys.stderr)
        site, chibo_times, _ = build_chibo(work)
        pages_total = len(list(site.glob("**/*.html")))
        print("indexing with Pagefind…", file=sys.stderr)
        pf_site, pf_times, pf_log, marked = pagefind_site(work, site, "pagefind-site", tune=True)
        raw_site, raw_times, raw_log, _ = pagefind_site(work, site, "pagefind-raw", tune=False)

        chibo_server = Nginx(work, site, "chibo")
        pf_server = Nginx(work, pf_site, "pagefind", csp_extra="'wasm-unsafe-eval'")
        raw_server = Nginx(work, raw_site, "pagefind-raw", csp_extra="'wasm-unsafe-eval'")
        strict_server = Nginx(work, pf_site, "pagefind-strict-csp")
        servers = [chibo_server, pf_server, raw_server, strict_server]
        sites = {"chibo": (chibo_server, "/tim-kiem/", "chibo"),
                 "Pagefind": (pf_server, "/tim-kiem-pagefind/", "pagefind"),
                 "Pagefind, no config": (raw_server, "/tim-kiem-pagefind/", "pagefind")}

        queries = []
        for query, expected, test in QUERIES:
            if args.only and query not in args.only:
                continue
            print(f"query {query!r}…", file=sys.stderr)
            runs = {name: run_query(server, page, query, kind) for name, (server, page, kind) in sites.items()}
            queries.append({"query": query, "expected": expected, "test": test, "runs": runs})

        strict = run_query(strict_server, "/tim-kiem-pagefind/", "tham nhung", "pagefind", timeout=8)
        csp_errors = [m for m in strict["console"] if "Content Security Policy" in m or "WebAssembly" in m]
        csp_check = {"works": bool(strict["results"]),
                     "what": ("the worker's WebAssembly is refused (“"
                              + short(csp_errors[0][csp_errors[0].find("Failed"):].replace('\\"', '"'), 170) + "”)")
                     if csp_errors else "no results and no error in the console"}

        accept = {r["accept"] for q in queries for r in q["runs"]["chibo"]["requests"] if r["accept"]}
        data = {
            "pagefind_version": pagefind_version(),
            "sites": list(sites),
            "queries": queries,
            "marked": marked,
            "pages_total": pages_total,
            "sizes": index_sizes(site, pf_site),
            "pf_index_unpacked": unpacked_size([*(pf_site / "pagefind").glob("*.pf_meta"),
                                                *(pf_site / "pagefind").glob("index/*"),
                                                *(pf_site / "pagefind").glob("fragment/*")]),
            "times": {"chibo": chibo_times, "Pagefind": pf_times, "Pagefind, no config": raw_times},
            "median_seconds": {name: statistics.median([q["runs"][name]["seconds_to_results"] or 0 for q in queries])
                               for name in sites},
            "csp_check": csp_check,
            "accept_encoding": ", ".join(sorted(accept)) or "?",
            "pagefind_log": pf_log,
            "glued": glued_words(pf_site),
        }
        data["conclusions"] = conclusions(data)
        markdown = report(data)
        print(markdown)
        if args.out:
            pathlib.Path(args.out).write_text(markdown, encoding="utf-8")
        if args.json:
            dump = dict(data)
            dump.pop("conclusions", None)
            dump["queries"] = [{k: v for k, v in q.items() if k != "test"} for q in queries]
            pathlib.Path(args.json).write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        for server in servers:
            server.stop()
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def conclusions(data):
    """Sentences computed from this run's numbers, so that a rerun does not keep stale claims."""
    queries = {q["query"]: q for q in data["queries"]}
    qs = data["queries"]
    n = len(qs)
    out = []
    say = out.append
    per = {name: [totals(q["runs"][name])["search_bytes"] for q in qs] for name in data["sites"]}
    med = {name: statistics.median(v) for name, v in per.items()}
    ok = {name: [q["query"] for q in qs if first_cell(q["runs"][name], q["test"]).startswith("✓")]
          for name in data["sites"]}
    split = {}
    for name in ("chibo", "Pagefind"):
        parts = [split_bytes(q["runs"][name]) for q in qs]
        split[name] = (statistics.median(p[0] for p in parts), [p[1] for p in parts])
    biggest_pf = max(((r["bytes_sent"], r["uri"]) for q in qs for r in q["runs"]["Pagefind"]["requests"]
                      if r["uri"].endswith(".pf_index")), default=(0, ""))
    say(f"- **Bytes: chibo is {med['Pagefind'] / med['chibo']:.0f}× lighter.** A cold query costs a median of "
        f"{kb(med['chibo'])} with chibo against {kb(med['Pagefind'])} with Pagefind ({kb(sum(per['chibo']))} "
        f"against {kb(sum(per['Pagefind']))} for all {n} queries). Pagefind pays "
        f"{kb(split['Pagefind'][0])} before it can search at all (UI, `pagefind.js`, worker, WebAssembly, metadata: "
        f"once per visit) where chibo pays {kb(split['chibo'][0])}; after that a query costs "
        f"{kb(min(split['chibo'][1]))}–{kb(max(split['chibo'][1]))} with chibo and "
        f"{kb(min(split['Pagefind'][1]))}–{kb(max(split['Pagefind'][1]))} with Pagefind, whose index chunks are "
        f"large on a site this size (the biggest one fetched, `{biggest_pf[1].rsplit('/', 1)[-1]}`, is "
        f"{kb(biggest_pf[0])}). Most of chibo's cost is the document chunk `search/docs/0.json` "
        f"({kb(doc_chunk_size(qs))} as sent), loaded whenever a guidance document is among the top 20; without it "
        f"the median query would be {kb(statistics.median(without_docs0(q['runs']['chibo']) for q in qs))}.")
    failed = {name: [q for q in queries if q not in ok[name]] for name in data["sites"]}
    say(f"- **First result: chibo {len(ok['chibo'])}/{n}, Pagefind {len(ok['Pagefind'])}/{n}** "
        f"(no config {len(ok['Pagefind, no config'])}/{n}). Pagefind missed: "
        + (", ".join(f"`{q}`" for q in failed["Pagefind"]) or "nothing")
        + (". chibo missed: " + ", ".join(f"`{q}`" for q in failed["chibo"]) if failed["chibo"] else "")
        + ".")
    dao, dao_marked = queries.get("dao tao"), queries.get("Đào tạo")
    dang = queries.get("dang uy")
    if dao and dang:
        pf_dao = result_count(dao["runs"]["Pagefind"])
        pf_dao_marked = result_count(dao_marked["runs"]["Pagefind"]) if dao_marked else None
        pf_dang = dang["runs"]["Pagefind"]["results"]
        say(f"- **đ.** Pagefind folds tone marks (`tham nhung` finds “tham nhũng”) but keeps `đ` as its own "
            f"letter, so a query typed without marks cannot reach a word with `đ`: `dao tao` gives "
            f"{pf_dao} results (`Đào tạo` gives {pf_dao_marked}), and `dang uy` gives none of the Đảng ủy "
            f"documents: Pagefind falls back to shorter prefixes and matches “dân”, “dẫn”, “dàn” and, through "
            f"`uy`, “Ủy ban” and “Uyên” (first result: “{short(pf_dang[0]['title']) if pf_dang else '—'}”). "
            f"Unmarked typing is how most people search on a phone, and much of this site's "
            f"vocabulary (Đảng, đảng viên, Đảng ủy, đồng chí, ĐUK, đào tạo, Điện lực) has a `đ`. chibo folds "
            f"`đ` to `d` in both the index and the query.")
    tham = queries.get("tham nhung")
    lang = queries.get("chong lang phi")
    if tham and lang:
        say(f"- **Where Pagefind does better: coverage.** Pagefind indexes the full text of every page it is "
            f"given; chibo indexes a unit only by its name, kind, sector, parent and id. `tham nhung` finds {result_count(tham['runs']['chibo'])} results with chibo ("
            f"{sum('/van-ban/' in r['url'] for r in tham['runs']['chibo']['results'])} of them guidance documents) and {result_count(tham['runs']['Pagefind'])} with Pagefind (also the unit pages whose "
            f"meetings studied the anti-corruption work); `chong lang phi`, a topic that only appears in meeting "
            f"records, gives chibo {first_cell(lang['runs']['chibo'], lang['test'])} and Pagefind "
            f"{first_cell(lang['runs']['Pagefind'], lang['test'])}. Pagefind also shows a highlighted excerpt "
            f"from the page body for every result, and is code that chibo would not have to maintain.")
    anchors = []
    for query, anchor in ANCHORS.items():
        q = queries.get(query)
        if q and q["runs"]["chibo"]["results"]:
            url = q["runs"]["chibo"]["results"][0]["url"]
            fragment = urllib.parse.urlsplit(url).fragment
            if fragment != anchor:
                anchors.append(f"`{query}` links to `{path_of(url).rstrip('/').rsplit('/', 1)[-1]}/"
                               f"{'#' + fragment if fragment else ''}` rather than `#{anchor}`")
    if anchors:
        say("- **Section links.** chibo's results link to a heading, but the heading is the one where the "
            "single best-scoring word sits, not the one that holds all the words: " + "; ".join(anchors)
            + ". Pagefind's default UI links to the page only.")
    glued = data.get("glued")
    if glued and glued["pages"]:
        say(f"- **Pagefind and chibo's markup.** chibo's templates put no whitespace between `<th>`, `<dt>`/`<dd>` "
            f"and `<span>` elements, and Pagefind joins their text into one word on {glued['pages']} of "
            f"{glued['total']} indexed pages ({', '.join(f'“{w}”' for w in glued['examples'])}), so the words of "
            f"table headers and labels are indexed as glued tokens and found poorly if at all. A newline between "
            f"those elements in the templates would fix it.")
    bt = data["times"]
    say(f"- **Build time.** Pagefind's indexing step took {statistics.median(bt['Pagefind']):.1f} s (median), "
        f"chibo's whole build (everything, not only the index) {statistics.median(bt['chibo']):.1f} s with a "
        f"debug binary; on a site of {data['pages_total']} pages neither matters. Times on this shared "
        f"2-core machine varied by up to {max(max(v) / min(v) for v in bt.values()):.1f}× between runs.")
    ratio = med["Pagefind"] / med["chibo"]
    misses_d = [q for q in ("dang uy", "dao tao") if q in failed["Pagefind"] and q not in failed["chibo"]]
    say(f"- **Overall.** On this site chibo's own search downloads about 1/{ratio:.0f} of Pagefind's bytes"
        + (f", finds the right page where Pagefind does not for Vietnamese typed without marks "
           f"({', '.join(f'`{q}`' for q in misses_d)})" if misses_d else "")
        + (", and runs under the site's CSP" if not data["csp_check"]["works"] else "")
        + ". Pagefind is ahead on full-text coverage of the unit pages and on excerpts; chibo could close that "
          "gap by indexing each unit's meeting topics, at some cost in index size.")
    return out


def glued_words(pf_site, limit=4):
    """Pagefind's fragments whose text has words glued across elements (“CấpChi”, “NgàyĐiểm”)."""
    import collections
    pages = 0
    words = collections.Counter()
    fragments = sorted((pf_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    for path in fragments:
        text = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        content = json.loads(text[text.index("{"):]).get("content", "")
        found = [w for w in content.split()
                 if any(a.isalpha() and a.islower() and b.isupper() for a, b in zip(w, w[1:]))]
        if found:
            pages += 1
            words.update(w.strip(".,;:") for w in found)
    return {"pages": pages, "total": len(fragments), "examples": [w for w, _ in words.most_common(limit)]}


STARTUP = re.compile(r"/assets/search\.[0-9a-f]+\.js$|/search/numbers\.json$|/pagefind[^/]*\.(js|css)$|"
                     r"/pagefind-entry\.json|\.pf_meta$|wasm\.[a-z]+\.pagefind$")


def split_bytes(result):
    """(start-up bytes paid once per visit, bytes that depend on the query) of one run's search requests."""
    startup = variable = 0
    for r in result["requests"]:
        if not is_search_request(r["uri"]):
            continue
        if STARTUP.search(r["uri"].split("?")[0]):
            startup += r["bytes_sent"]
        else:
            variable += r["bytes_sent"]
    return startup, variable


def per_file(queries, site, pattern):
    """Average bytes per query of the requests whose URI matches pattern."""
    sums = []
    for q in queries:
        sums.append(sum(r["bytes_sent"] for r in q["runs"][site]["requests"] if re.search(pattern, r["uri"])))
    return [statistics.mean(sums)] if sums else [0]


def without_docs0(result):
    return sum(r["bytes_sent"] for r in result["requests"]
               if is_search_request(r["uri"]) and r["uri"] != "/search/docs/0.json")


def doc_chunk_size(queries):
    sizes = [r["bytes_sent"] for q in queries for r in q["runs"]["chibo"]["requests"] if r["uri"] == "/search/docs/0.json"]
    return max(sizes) if sizes else 0


if __name__ == "__main__":
    main()
