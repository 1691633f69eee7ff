"""The published site served by a real nginx with the server block from `chibo nginx-config`.

`chibo publish` builds the bundled site into a temporary root; a private nginx (its own prefix, pid
file, logs and temp folders, listening on 127.0.0.1 only) serves ROOT/current. Every check talks
HTTP to it with the standard library only: the crawl from sitemap.xml, content types, precompressed
gzip/brotli, the 404 page, cache and security headers, no inline script or style, and a second
publish (then a rollback) while requests keep coming.
"""
import gzip
import html.parser
import ctypes
import http.client
import json
import os
import pathlib
import pwd
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET

import pytest

from conftest import CHIBO, ROOT

CONTENT = ROOT / "content"
THEME = ROOT / "site-theme"
FIRST_DATE = "2024-06-15"
SECOND_DATE = "2024-09-20"
HOST = "127.0.0.1"
TIMEOUT = 10  # seconds, for one HTTP request
CSP_FORBIDDEN = ("'unsafe-inline'", "'unsafe-eval'")

# The Content-Type each kind of file must be served with (text types always with the charset).
CONTENT_TYPES = {
    ".html": {"text/html; charset=utf-8"},
    ".css": {"text/css; charset=utf-8"},
    ".json": {"application/json; charset=utf-8"},
    ".csv": {"text/csv; charset=utf-8"},
    ".ics": {"text/calendar; charset=utf-8"},
    ".xml": {"text/xml; charset=utf-8", "application/xml; charset=utf-8"},
    ".txt": {"text/plain; charset=utf-8"},
    ".svg": {"image/svg+xml", "image/svg+xml; charset=utf-8"},
    ".ico": {"image/x-icon"},
    ".pdf": {"application/pdf"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".gif": {"image/gif"},
    ".webp": {"image/webp"},
    ".woff2": {"font/woff2"},
    ".woff": {"font/woff"},
}


# --------------------------------------------------------------------------- helpers


def find_nginx():
    path = os.environ.get("PATH", "") + os.pathsep + "/usr/sbin" + os.pathsep + "/sbin"
    return shutil.which("nginx", path=path)


def run_chibo(*args, timeout=180):
    started = time.monotonic()
    result = subprocess.run([str(CHIBO), *map(str, args)], capture_output=True, text=True,
                            timeout=timeout, check=False)
    return result, time.monotonic() - started


def publish(site_root, date):
    result, seconds = run_chibo("publish", "--root", site_root, "--content", CONTENT, "--theme", THEME,
                                "--date", date)
    assert result.returncode == 0, f"chibo publish failed ({result.returncode}):\n{result.stderr}"
    return seconds


def current_release(site_root):
    return (site_root / "current").resolve(strict=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case name -> list of values
        self.body = body

    def header(self, name):
        """The one value of a header ('' when absent); several values are joined like HTTP does."""
        return ", ".join(self.headers.get(name.lower(), []))

    def describe(self):
        lines = [f"HTTP {self.status}"] + [f"{name}: {value}" for name, values in self.headers.items()
                                          for value in values]
        return "\n".join(lines)


class Client:
    """One keep-alive HTTP/1.1 connection to the private nginx; reconnects after an error."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def get(self, path, headers=None, method="GET"):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT)
        try:
            self.connection.request(method, path, headers=headers or {})
            response = self.connection.getresponse()
            body = response.read()
        except Exception:
            self.close()
            raise
        headers_by_name = {}
        for name, value in response.getheaders():
            headers_by_name.setdefault(name.lower(), []).append(value)
        if response.will_close:
            self.close()
        return Response(response.status, headers_by_name, body)

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def request_path(url):
    """The request target of a URL or path: path (percent-encoded) and query, no fragment."""
    parts = urllib.parse.urlsplit(url)
    path = urllib.parse.quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    return path + (f"?{parts.query}" if parts.query else "")


def file_for(release, path):
    """The file nginx serves for a request path (pretty URLs are folder/index.html)."""
    relative = urllib.parse.unquote(urllib.parse.urlsplit(path).path).lstrip("/")
    target = release / relative
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def expected_content_types(path):
    name = urllib.parse.urlsplit(path).path
    if name.endswith("/"):
        return CONTENT_TYPES[".html"]
    return CONTENT_TYPES.get(pathlib.PurePosixPath(name).suffix.lower())


def is_html(path):
    return expected_content_types(path) == CONTENT_TYPES[".html"]


class PageParser(html.parser.HTMLParser):
    """Collects the links and assets of a page and every inline script or style in it."""

    LINK_ATTRIBUTES = {"a": "href", "area": "href"}
    ASSET_ATTRIBUTES = {"link": ("href",), "script": ("src",), "img": ("src", "srcset"),
                        "source": ("src", "srcset"), "iframe": ("src",), "embed": ("src",),
                        "object": ("data",), "video": ("src", "poster"), "audio": ("src",)}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.assets = []
        self.inline = []  # human-readable description of every inline script/style found

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name == "style":
                self.inline.append(f"<{tag} style={value!r}>")
            elif name.startswith("on"):
                self.inline.append(f"<{tag} {name}={value!r}> (inline event handler)")
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.inline.append(f"<{tag} {name}={value!r}> (javascript: URL)")
        if tag == "style":
            self.inline.append("<style> element")
        if tag == "script" and not attributes.get("src"):
            self.inline.append(f"<script> without src: {attrs!r}")
        if tag in self.LINK_ATTRIBUTES and attributes.get(self.LINK_ATTRIBUTES[tag]):
            self.links.append(attributes[self.LINK_ATTRIBUTES[tag]])
        for name in self.ASSET_ATTRIBUTES.get(tag, ()):
            value = attributes.get(name)
            if not value:
                continue
            if name == "srcset":
                self.assets.extend(candidate.strip().split()[0] for candidate in value.split(",")
                                   if candidate.strip())
            else:
                self.assets.append(value)


def internal_path(page_path, reference):
    """The request path of a same-site reference made on a page, or None for another site/scheme."""
    absolute = urllib.parse.urljoin(f"http://{HOST}{page_path}", reference.strip())
    parts = urllib.parse.urlsplit(absolute)
    if parts.scheme != "http" or parts.netloc != HOST:
        return None
    return request_path(urllib.parse.urlunsplit(("", "", parts.path, parts.query, "")))


def sitemap_paths(release):
    tree = ET.parse(release / "sitemap.xml")
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [element.text.strip() for element in tree.getroot().findall("sm:url/sm:loc", namespace)]
    assert locations, "sitemap.xml lists no page"
    return [request_path(location) for location in locations]


def generated_date(client):
    response = client.get("/data/scorecards.json")
    assert response.status == 200, response.describe()
    return json.loads(response.body.decode("utf-8"))["generated"]


# --------------------------------------------------------------------------- the server


class Server:
    def __init__(self, workdir, site_root, port, config, process, timings):
        self.workdir = workdir
        self.site_root = site_root
        self.port = port
        self.config = config
        self.process = process
        self.timings = timings
        self.first_release = current_release(site_root)

    def client(self):
        return Client(self.port)

    def error_log(self):
        log = self.workdir / "error.log"
        return log.read_text(errors="replace") if log.exists() else ""


def write_main_config(workdir, server_block):
    lines = []
    if os.geteuid() == 0:
        # Workers would otherwise run as nobody and could not read pytest's private tmp folders.
        lines.append(f"user {pwd.getpwuid(os.geteuid()).pw_name};")
    lines += [
        "worker_processes 1;",
        f"pid {workdir / 'nginx.pid'};",
        f"error_log {workdir / 'error.log'} warn;",
        "include /etc/nginx/modules-enabled/*.conf;",
        "events { worker_connections 256; }",
        "http {",
        "    include /etc/nginx/mime.types;",
        "    default_type application/octet-stream;",
        "    access_log off;",
        f"    client_body_temp_path {workdir / 'tmp' / 'client_body'};",
        f"    proxy_temp_path {workdir / 'tmp' / 'proxy'};",
        f"    fastcgi_temp_path {workdir / 'tmp' / 'fastcgi'};",
        f"    uwsgi_temp_path {workdir / 'tmp' / 'uwsgi'};",
        f"    scgi_temp_path {workdir / 'tmp' / 'scgi'};",
        server_block,
        "}",
    ]
    (workdir / "tmp").mkdir(exist_ok=True)
    config = workdir / "nginx.conf"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def link_modules_folder(workdir, nginx):
    """`load_module modules/x.so` in modules-enabled is relative to the prefix: point ours at nginx's."""
    version = subprocess.run([nginx, "-V"], capture_output=True, text=True, check=False).stderr
    options = dict(option.split("=", 1) for option in version.split() if option.startswith("--") and "=" in option)
    modules = pathlib.Path(options.get("--modules-path",
                                       pathlib.Path(options.get("--prefix", "/usr/share/nginx")) / "modules"))
    (workdir / "modules").symlink_to(modules, target_is_directory=True)


def stop(process):
    if process is None or process.poll() is not None:
        return
    process.terminate()  # SIGTERM: fast shutdown, the master stops its workers
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # our own session: the master and its workers
        process.wait(timeout=10)


def die_with_pytest():
    """In the child before exec: nginx gets SIGTERM if pytest itself is killed (Linux prctl)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def wait_until_serving(process, port, deadline):
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def require_nginx():
    nginx = find_nginx()
    if nginx is None:
        pytest.fail("nginx is not installed (make test installs nginx and libnginx-mod-http-brotli-static)")
    enabled = pathlib.Path("/etc/nginx/modules-enabled")
    if not any("brotli" in entry.read_text(errors="replace") for entry in enabled.glob("*.conf")):
        pytest.fail("the brotli_static module is not enabled (install libnginx-mod-http-brotli-static)")
    return nginx


def start_nginx(nginx, workdir, serve_root, content, stderr):
    """A private nginx on a free loopback port with the block `chibo nginx-config` prints for
    `serve_root`, checked with `nginx -t` first: (process, port, config)."""
    link_modules_folder(workdir, nginx)
    for _attempt in range(3):  # another process may take the free port before nginx binds it
        port = free_port()
        result, _ = run_chibo("nginx-config", "--root", serve_root, "--port", port,
                              "--content", content, "--listen", HOST)
        assert result.returncode == 0, f"chibo nginx-config failed:\n{result.stderr}"
        server_block = result.stdout
        listens = [line.strip() for line in server_block.splitlines() if line.strip().startswith("listen ")]
        assert listens == [f"listen {HOST}:{port};"], (
            f"nginx-config --listen {HOST} should listen on the loopback address only: {listens}")
        config = write_main_config(workdir, server_block)
        nginx_test(nginx, workdir, config)

        process = subprocess.Popen(
            [nginx, "-p", workdir, "-e", workdir / "error.log", "-c", config, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
            preexec_fn=die_with_pytest)
        if wait_until_serving(process, port, time.monotonic() + 10):
            return process, port, config
        stop(process)
        log = (workdir / "error.log").read_text(errors="replace")
        if "Address already in use" not in log:
            pytest.fail(f"nginx did not start:\n{log}")
    pytest.fail("nginx could not bind a free loopback port in three attempts")


def nginx_test(nginx, workdir, config):
    """`nginx -t` accepts the configuration, without a warning."""
    test = subprocess.run([nginx, "-t", "-p", workdir, "-e", workdir / "error.log", "-c", config],
                          capture_output=True, text=True, timeout=30, check=False)
    assert test.returncode == 0, f"nginx -t rejects the configuration:\n{test.stderr}\n{config.read_text()}"
    assert "[warn]" not in test.stderr, f"nginx -t warns:\n{test.stderr}"


@pytest.fixture(scope="module")
def nginx_server(tmp_path_factory):
    nginx = require_nginx()
    workdir = tmp_path_factory.mktemp("nginx")
    site_root = workdir / "site"
    timings = {"first publish": publish(site_root, FIRST_DATE)}

    process = None
    stderr = open(workdir / "stderr.log", "wb")
    try:
        started = time.monotonic()
        process, port, config = start_nginx(nginx, workdir, site_root / "current", CONTENT, stderr)
        timings["nginx start"] = time.monotonic() - started
        server = Server(workdir, site_root, port, config, process, timings)
        yield server
    finally:
        if process is not None:
            stop(process)
        stderr.close()
    print("\nnginx test timings: " + ", ".join(f"{name} {seconds:.1f}s" for name, seconds in timings.items()))


@pytest.fixture(scope="module")
def crawl(nginx_server):
    """Every page of the sitemap and everything linked from a page: path -> Response (no redirects)."""
    started = time.monotonic()
    release = nginx_server.first_release
    client = nginx_server.client()
    queue = list(dict.fromkeys(sitemap_paths(release)))
    responses = {}
    referrers = {path: "sitemap.xml" for path in queue}
    inline = {}
    external_assets = []
    while queue:
        assert len(responses) < 5000, "the crawl does not end"
        path = queue.pop(0)
        if path in responses:
            continue
        response = client.get(path)
        responses[path] = response
        if response.status != 200 or not is_html(path):
            continue
        parser = PageParser()
        parser.feed(response.body.decode("utf-8"))
        parser.close()
        if parser.inline:
            inline[path] = parser.inline
        for reference in parser.links + parser.assets:
            target = internal_path(path, reference)
            if target is None:
                if reference in parser.assets:
                    external_assets.append((path, reference))
                continue
            if target not in responses:
                referrers.setdefault(target, path)
                queue.append(target)
    client.close()
    nginx_server.timings["crawl"] = time.monotonic() - started
    return {"responses": responses, "referrers": referrers, "inline": inline,
            "external_assets": external_assets}


# --------------------------------------------------------------------------- 1. crawl and content types


def test_every_page_link_and_asset_answers_200(nginx_server, crawl):
    responses = crawl["responses"]
    sitemap = sitemap_paths(nginx_server.first_release)
    assert len(sitemap) > 20 and "/" in sitemap, sitemap
    failures = [f"GET {path} (linked from {crawl['referrers'][path]}) -> {response.status}"
                for path, response in responses.items() if response.status != 200]
    assert not failures, "\n".join(failures)
    assert any("/assets/" in path for path in responses), "no stylesheet was found on the pages"
    # Works offline: no page loads anything from another site.
    assert not crawl["external_assets"], crawl["external_assets"]


def test_sitemap_lists_every_page(nginx_server, crawl):
    release = nginx_server.first_release
    sitemap = set(sitemap_paths(release))
    linked = {path for path, response in crawl["responses"].items() if is_html(path) and response.status == 200}
    on_disk = {request_path("/" + str(page.parent.relative_to(release)).removeprefix(".") + "/").replace("//", "/")
               for page in release.rglob("index.html") if not any(part.startswith(".") for part in page.parts)}
    assert on_disk - sitemap == set(), "pages missing from sitemap.xml"
    assert linked - sitemap - {"/404.html"} == set(), "linked pages missing from sitemap.xml"
    assert sitemap <= on_disk, "sitemap.xml lists pages that do not exist"


def test_bodies_are_the_published_files(nginx_server, crawl):
    release = nginx_server.first_release
    different = [path for path, response in crawl["responses"].items()
                 if response.body != file_for(release, path).read_bytes()]
    assert not different, different


def test_content_types_carry_utf8(crawl):
    responses = crawl["responses"]
    wrong = {}  # (kind of file, Content-Type served) -> request paths
    for path, response in responses.items():
        expected = expected_content_types(path)
        actual = response.header("Content-Type")
        kind = pathlib.PurePosixPath(urllib.parse.urlsplit(path).path).suffix or "page/"
        if expected is None and actual in ("", "application/octet-stream") or \
                expected is not None and actual not in expected:
            wrong.setdefault((kind, actual, ", ".join(sorted(expected or ["a real type"]))), []).append(path)
    kinds = {pathlib.PurePosixPath(urllib.parse.urlsplit(path).path).suffix or "/" for path in responses}
    assert {"/", ".css"} <= kinds, kinds
    assert not wrong, "wrong Content-Type:\n" + "\n".join(
        f"{kind}: {actual!r} instead of {expected} ({len(paths)} responses, e.g. GET {paths[0]})"
        for (kind, actual, expected), paths in sorted(wrong.items()))


@pytest.mark.parametrize("path, expected", [
    ("/sitemap.xml", CONTENT_TYPES[".xml"]),
    ("/data/scorecards.json", CONTENT_TYPES[".json"]),
    ("/data/schedule.json", CONTENT_TYPES[".json"]),
    ("/data/findings.csv", CONTENT_TYPES[".csv"]),
    ("/schedule.ics", CONTENT_TYPES[".ics"]),
    ("/404.html", CONTENT_TYPES[".html"]),
])
def test_data_files_have_their_content_type(nginx_server, path, expected):
    client = nginx_server.client()
    response = client.get(path)
    client.close()
    assert response.status == 200, response.describe()
    assert response.header("Content-Type") in expected, f"GET {path}\n{response.describe()}"


# --------------------------------------------------------------------------- 2. precompressed files


def big_text_files(release):
    """Request paths of a page, the stylesheet and the data files, each at least 1 KB."""
    stylesheet = next((release / "assets").glob("site.*.css"))
    candidates = ["/van-ban/", "/", f"/assets/{stylesheet.name}", "/data/scorecards.json",
                  "/data/findings.csv", "/schedule.ics", "/sitemap.xml"]
    chosen = [path for path in candidates if file_for(release, path).stat().st_size >= 1024]
    assert "/van-ban/" in chosen and f"/assets/{stylesheet.name}" in chosen, chosen
    return chosen


def test_brotli_is_served_precompressed(nginx_server):
    try:
        import brotli
    except ImportError:
        pytest.fail("brotli is not installed (pip install -r Tests/python/requirements.txt)")
    release = nginx_server.first_release
    client = nginx_server.client()
    for path in big_text_files(release):
        original = file_for(release, path)
        plain = client.get(path, {"Accept-Encoding": "identity"})
        response = client.get(path, {"Accept-Encoding": "br"})
        assert response.status == 200, f"GET {path} (br)\n{response.describe()}"
        assert response.header("Content-Encoding") == "br", f"GET {path} (br)\n{response.describe()}"
        assert response.header("Content-Type") == plain.header("Content-Type"), response.describe()
        assert response.header("Last-Modified") == plain.header("Last-Modified"), (
            "the .br file should have the original's mtime")
        assert brotli.decompress(response.body) == original.read_bytes(), path
        assert len(response.body) < original.stat().st_size
    client.close()


def test_gzip_is_served_precompressed(nginx_server):
    release = nginx_server.first_release
    client = nginx_server.client()
    for path in big_text_files(release):
        original = file_for(release, path)
        plain = client.get(path)
        response = client.get(path, {"Accept-Encoding": "gzip"})
        assert response.status == 200, f"GET {path} (gzip)\n{response.describe()}"
        assert response.header("Content-Encoding") == "gzip", f"GET {path} (gzip)\n{response.describe()}"
        assert response.header("Content-Type") == plain.header("Content-Type"), response.describe()
        assert response.header("Last-Modified") == plain.header("Last-Modified"), (
            "the .gz file should have the original's mtime")
        assert gzip.decompress(response.body) == original.read_bytes(), path
        assert plain.header("Content-Encoding") == "" and plain.body == original.read_bytes()
    client.close()


def test_brotli_is_preferred_when_both_are_accepted(nginx_server):
    client = nginx_server.client()
    response = client.get("/van-ban/", {"Accept-Encoding": "gzip, deflate, br"})
    client.close()
    assert response.header("Content-Encoding") == "br", response.describe()


def test_compressed_variants_vary_on_accept_encoding(nginx_server):
    """A shared cache must not hand a brotli body to a client that did not ask for one."""
    client = nginx_server.client()
    responses = {encoding: client.get("/van-ban/", {"Accept-Encoding": encoding})
                 for encoding in ("br", "gzip", "identity")}
    client.close()
    missing = [f"GET /van-ban/ (Accept-Encoding: {encoding})\n{response.describe()}"
               for encoding, response in responses.items()
               if "accept-encoding" not in response.header("Vary").lower()]
    assert not missing, "no Vary: Accept-Encoding on:\n" + "\n\n".join(missing)


# --------------------------------------------------------------------------- 3. not found


@pytest.mark.parametrize("path", ["/khong-co-trang-nay/", "/van-ban/khong-co.html", "/no-such-file.css"])
def test_unknown_url_gets_the_404_page(nginx_server, path):
    not_found = (nginx_server.first_release / "404.html").read_bytes()
    client = nginx_server.client()
    plain = client.get(path)
    compressed = client.get(path, {"Accept-Encoding": "gzip"})
    client.close()
    assert plain.status == 404, plain.describe()
    assert plain.body == not_found
    assert plain.header("Content-Type") == "text/html; charset=utf-8", f"GET {path}\n{plain.describe()}"
    assert compressed.status == 404, compressed.describe()
    body = gzip.decompress(compressed.body) if compressed.header("Content-Encoding") == "gzip" else compressed.body
    assert body == not_found


def test_a_missing_asset_is_not_cached_for_a_year(nginx_server):
    client = nginx_server.client()
    response = client.get("/assets/site.0000000000.css")
    client.close()
    assert response.status == 404, response.describe()
    assert "immutable" not in response.header("Cache-Control"), response.describe()


# --------------------------------------------------------------------------- 4. headers


def security_header_problems(path, response):
    problems = []
    csp = response.header("Content-Security-Policy")
    if not csp:
        problems.append("no Content-Security-Policy")
    elif any(word in csp for word in CSP_FORBIDDEN) or "default-src" not in csp:
        problems.append(f"weak Content-Security-Policy: {csp}")
    if response.header("X-Content-Type-Options").lower() != "nosniff":
        problems.append(f"X-Content-Type-Options: {response.header('X-Content-Type-Options')!r}")
    if not response.header("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    return [f"GET {path} -> {response.status}: {problem}" for problem in problems]


def test_cache_control(crawl):
    wrong = []
    for path, response in crawl["responses"].items():
        cache_control = response.header("Cache-Control")
        if path.startswith("/assets/"):
            if cache_control != "public, max-age=31536000, immutable":
                wrong.append(f"GET {path} -> Cache-Control: {cache_control!r}")
        elif cache_control != "no-cache":
            wrong.append(f"GET {path} -> Cache-Control: {cache_control!r}")
    assert not wrong, "\n".join(wrong)


def test_security_headers_on_every_response(nginx_server, crawl):
    problems = []
    for path, response in crawl["responses"].items():
        problems += security_header_problems(path, response)
    client = nginx_server.client()
    for path in ["/khong-co-trang-nay/", "/.chibo.lock", "/assets/", "/van-ban"]:
        problems += security_header_problems(path, client.get(path))
    client.close()
    assert not problems, "\n".join(problems)


def test_dotfiles_are_not_served(nginx_server):
    release = nginx_server.first_release
    probes = [release / ".probe", release / "assets" / ".probe", release / "van-ban" / ".hidden" / "index.html"]
    client = nginx_server.client()
    try:
        for probe in probes:
            probe.parent.mkdir(exist_ok=True)
            probe.write_text("secret\n", encoding="utf-8")
        requests = ["/.probe", "/assets/.probe", "/van-ban/.hidden/", "/van-ban/.hidden/index.html",
                    "/.chibo.lock", "/../.chibo.lock", "/%2e%2e/.chibo.lock", "/releases/", "/current/",
                    "/.git/config"]
        served = []
        for path in requests:
            response = client.get(path)
            if response.status not in (400, 403, 404) or b"secret" in response.body:
                served.append(f"GET {path}\n{response.describe()}")
        assert not served, "\n\n".join(served)
    finally:
        client.close()
        for probe in probes:
            probe.unlink(missing_ok=True)
        (release / "van-ban" / ".hidden").rmdir()


def test_no_directory_listing(nginx_server):
    release = nginx_server.first_release
    folders = ["/" + str(folder.relative_to(release)) + "/" for folder in sorted(release.rglob("*"))
               if folder.is_dir() and not (folder / "index.html").exists()]
    assert "/assets/" in folders, folders
    client = nginx_server.client()
    listed = []
    for path in folders:
        response = client.get(path)
        if response.status == 200 or b"Index of" in response.body:
            listed.append(f"GET {path}\n{response.describe()}")
    client.close()
    assert not listed, "\n\n".join(listed)


def test_folder_without_slash_redirects_on_the_same_host(nginx_server):
    client = nginx_server.client()
    response = client.get("/van-ban", {"Host": f"{HOST}:{nginx_server.port}"})
    client.close()
    assert response.status == 301, response.describe()
    location = urllib.parse.urlsplit(response.header("Location"))
    assert location.path == "/van-ban/" and location.netloc in ("", f"{HOST}:{nginx_server.port}"), (
        response.describe())


# --------------------------------------------------------------------------- 5. no inline script or style


def test_pages_have_no_inline_script_or_style(crawl):
    pages = [path for path, response in crawl["responses"].items() if is_html(path)]
    assert len(pages) > 20
    assert not crawl["inline"], "\n".join(f"{path}: {found}" for path, found in crawl["inline"].items())


# --------------------------------------------------------------------------- 6. publish and rollback live


def test_publish_and_rollback_while_serving(nginx_server, crawl):
    site_root = nginx_server.site_root
    first = nginx_server.first_release
    paths = [path for path, response in crawl["responses"].items() if response.status == 200]
    assert paths
    client = nginx_server.client()
    assert generated_date(client) == FIRST_DATE

    failures = []
    passes = [0]
    requests = [0]
    published = threading.Event()
    deadline = time.monotonic() + 120

    def keep_crawling():
        crawler = nginx_server.client()
        try:
            # Passes over every URL until the publish is done, then one more; bounded in passes and time.
            final_passes = 1
            while passes[0] < 1000 and time.monotonic() < deadline:
                finishing = published.is_set()
                for path in paths:
                    try:
                        response = crawler.get(path)
                        if response.status != 200:
                            failures.append(f"GET {path} -> {response.status}\n{response.describe()}")
                    except (OSError, http.client.HTTPException) as error:
                        failures.append(f"GET {path} -> {type(error).__name__}: {error}")
                    requests[0] += 1
                passes[0] += 1
                if finishing:
                    final_passes -= 1
                    if final_passes == 0:
                        break
                time.sleep(0.05)  # leave the CPU to chibo now and then: two cores are enough
        finally:
            crawler.close()

    crawler = threading.Thread(target=keep_crawling, name="crawl-during-publish")
    crawler.start()
    try:
        nginx_server.timings["second publish"] = publish(site_root, SECOND_DATE)
    finally:
        published.set()
        crawler.join(timeout=150)
    assert not crawler.is_alive(), "the crawl during publish did not end"
    assert passes[0] >= 2, f"only {passes[0]} passes over the site during publish"
    assert not failures, f"{len(failures)} of {requests[0]} requests failed during publish:\n" + "\n".join(
        failures[:10])

    second = current_release(site_root)
    assert second != first and second.parent == site_root / "releases", (first, second)
    assert os.readlink(site_root / "current") == f"releases/{second.name}" or \
        pathlib.Path(os.readlink(site_root / "current")).name == second.name
    assert generated_date(client) == SECOND_DATE, "nginx does not serve the new release"

    result, seconds = run_chibo("rollback", "--root", site_root)
    nginx_server.timings["rollback"] = seconds
    assert result.returncode == 0, f"chibo rollback failed ({result.returncode}):\n{result.stderr}"
    assert current_release(site_root) == first
    assert generated_date(client) == FIRST_DATE, "nginx does not serve the previous release after rollback"
    after = [f"GET {path} -> {response.status}" for path in paths
             for response in [client.get(path)] if response.status != 200]
    client.close()
    assert not after, "\n".join(after)
    print(f"\n{requests[0]} requests in {passes[0]} passes during the second publish, none failed")
    assert not [line for line in nginx_server.error_log().splitlines() if "[crit]" in line or "[alert]" in line]


# --------------------------------------------------------------------------- 7. attachments, odd roots, bad options

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
ATTACHMENT_POLICY_WORDS = ("sandbox", "default-src 'none'")


@pytest.fixture(scope="module")
def attachment_server(tmp_path_factory):
    """The scorecard fixture with a PDF, a PNG and a long text attachment, under base_path /so-tay/,
    built into a folder whose path has a space, served by a second private nginx."""
    nginx = require_nginx()
    workdir = tmp_path_factory.mktemp("nginx-attachments")
    content = workdir / "content"
    shutil.copytree(ROOT / "Tests" / "Fixtures" / "scorecard-site", content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "base_path: /so-tay/\n", encoding="utf-8")
    (content / "guidance" / "mau-bao-cao.pdf").write_bytes(PDF)
    (content / "guidance" / "so-do.png").write_bytes(PNG)
    (content / "guidance" / "huong-dan.txt").write_text("Hướng dẫn ghi biên bản.\n" * 200, encoding="utf-8")
    output = workdir / "trang nội bộ" / "public"
    result, _ = run_chibo("build", "--content", content, "--theme", THEME, "--output", output, "--date", FIRST_DATE)
    assert result.returncode == 0, result.stderr
    assert (output / "van-ban" / "huong-dan.txt.gz").exists(), sorted(os.listdir(output / "van-ban"))
    process = None
    stderr = open(workdir / "stderr.log", "wb")
    try:
        process, port, config = start_nginx(nginx, workdir, output, content, stderr)
        assert f'root "{output}";' in config.read_text(encoding="utf-8")
        yield port, output
    finally:
        if process is not None:
            stop(process)
        stderr.close()


def attachment_header_problems(path, response, download):
    problems = []
    csp = response.header("Content-Security-Policy")
    if not all(word in csp for word in ATTACHMENT_POLICY_WORDS):
        problems.append(f"Content-Security-Policy without a sandbox: {csp!r}")
    if response.header("X-Content-Type-Options").lower() != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    for name in ("Referrer-Policy", "X-Frame-Options", "Cache-Control"):
        if not response.header(name):
            problems.append(f"no {name}")
    disposition = response.header("Content-Disposition")
    if download and not disposition.startswith("attachment"):
        problems.append(f"Content-Disposition: {disposition!r} (should be a download)")
    if not download and disposition:
        problems.append(f"an image with Content-Disposition: {disposition!r}")
    return [f"GET {path} -> {response.status}: {problem}\n{response.describe()}" for problem in problems]


def test_attachments_are_sandboxed_and_downloaded(attachment_server):
    port, output = attachment_server
    (output / "van-ban" / "VIET-HOA.PDF").write_bytes(PDF)  # the extension is matched case-insensitively
    cases = [("/so-tay/van-ban/mau-bao-cao.pdf", "application/pdf", True, PDF),
             ("/so-tay/van-ban/VIET-HOA.PDF", "application/pdf", True, PDF),
             ("/so-tay/van-ban/so-do.png", "image/png", False, PNG),
             ("/so-tay/van-ban/huong-dan.txt", "text/plain; charset=utf-8", True,
              (output / "van-ban" / "huong-dan.txt").read_bytes())]
    client = Client(port)
    problems = []
    try:
        for path, content_type, download, body in cases:
            response = client.get(path)
            assert response.status == 200, f"GET {path}\n{response.describe()}"
            assert response.header("Content-Type") == content_type, response.describe()
            assert response.body == body
            problems += attachment_header_problems(path, response, download)
        # The precompressed copies of a text attachment are still served, with the same headers.
        for encoding in ("gzip", "br"):
            response = client.get("/so-tay/van-ban/huong-dan.txt", {"Accept-Encoding": encoding})
            assert response.header("Content-Encoding") == encoding, response.describe()
            problems += attachment_header_problems("/so-tay/van-ban/huong-dan.txt", response, True)
        # A missing attachment is the 404 page, not a download.
        missing = client.get("/so-tay/van-ban/khong-co.pdf")
        assert missing.status == 404 and missing.header("Content-Disposition") == "", missing.describe()
        assert missing.header("Content-Type") == "text/html; charset=utf-8", missing.describe()
        # Pages keep the site's policy under the base path, beside the attachments.
        page = client.get("/so-tay/van-ban/")
        assert page.status == 200 and page.header("Content-Disposition") == "", page.describe()
        problems += security_header_problems("/so-tay/van-ban/", page)
        assert "sandbox" not in page.header("Content-Security-Policy"), page.describe()
    finally:
        client.close()
        (output / "van-ban" / "VIET-HOA.PDF").unlink()
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("option, value", [
    ("--root", "/srv/a;b"), ("--root", "/srv/a{b"), ("--root", "/srv/a\nb"), ("--root", "/srv/$host"),
    ("--server-name", "a.example;"), ("--server-name", "a.example {"), ("--server-name", "a.example\nb"),
    ("--server-name", "~^(.+)$"),
    ("--listen", "127.0.0.1;"), ("--listen", "127.0.0.1 {"), ("--listen", "127.0.0.1\n"), ("--listen", "localhost"),
])
def test_nginx_config_refuses_options_that_are_not_values(tmp_path, option, value):
    arguments = {"--root": "/srv/public", "--server-name": "_", "--listen": "127.0.0.1", option: value}
    result, _ = run_chibo("nginx-config", "--content", tmp_path / "no-content",
                          *[item for pair in arguments.items() for item in pair])
    assert result.returncode == 2, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {option} "), result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("arguments", [
    ("--root", "/srv/trang nội bộ/current", "--server-name", "so-tay.example *.example.org .example.net"),
    ("--root", '/srv/a "quoted" \\ folder', "--listen", "::1"),
    ("--root", "/srv/public", "--listen", "[::1]", "--server-name", "www.example.*", "--no-brotli"),
])
def test_every_accepted_configuration_passes_nginx_t(tmp_path, arguments):
    nginx = require_nginx()
    link_modules_folder(tmp_path, nginx)
    result, _ = run_chibo("nginx-config", "--content", CONTENT, "--port", "8080", *arguments)
    assert result.returncode == 0, result.stderr
    nginx_test(nginx, tmp_path, write_main_config(tmp_path, result.stdout))
