"""Restricted folders (`restricted:` in site.yaml) behind a real nginx, and nothing of them outside.

The bundled content, with `restricted: {paths: [don-vi, bao-cao, data]}` added, is built; `chibo
htpasswd` makes the password file (the password typed on standard input) and a private nginx on a
loopback port serves the site with the block `chibo nginx-config --htpasswd` prints. Every file under
a restricted folder must answer 401 without credentials, with wrong ones and with malformed ones, and
200 with the right ones, whatever the Accept-Encoding; every public file 200 to anyone. Then the
public part is crawled as an anonymous reader, and every public file on disk (the .gz and .br copies
decompressed) is searched for the unit names and figures that only restricted pages show; the same
search on a build without `restricted` must find them, or the check proves nothing.
"""
import base64
import gzip
import html
import html.parser
import json
import pathlib
import re
import shutil
import subprocess
import time

import brotli
import pytest

from conftest import CHIBO, ROOT
import test_nginx as web

CONTENT = ROOT / "content"
THEME = ROOT / "site-theme"
DATE = "2024-12-20"
USER = "thư-ký"
PASSWORD = "Mật khẩu 2024 rất dài"
REALM = "Ban Thường vụ"
# The example, and the schedule too: then no public page names the units at all.
EXAMPLE = ("don-vi", "bao-cao", "data")
FOLDERS = EXAMPLE + ("lich-sinh-hoat-mau",)
PUBLIC_CONTENT_FOLDERS = ("lich-sinh-hoat-mau", "van-ban")
SIGN_IN = "cần đăng nhập"


def run(*args, stdin=None):
    return subprocess.run([str(CHIBO), *map(str, args)], input=stdin, capture_output=True, text=True,
                          timeout=300, check=False)


def restricted_content(folder, restriction):
    """A copy of the bundled content with a `restricted:` line added to its site.yaml."""
    shutil.copytree(CONTENT, folder)
    site = folder / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + f"\nrestricted: {restriction}\n", encoding="utf-8")
    return folder


def is_restricted(relative, folders=FOLDERS):
    first = relative.split("/", 1)[0]
    return first in folders or ("lich-sinh-hoat-mau" in folders and re.match(r"schedule\.ics($|\.)", relative))


def url_of(relative):
    return "/" + (relative[:-len("index.html")] if relative.endswith("index.html") else relative)


def authorization(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")


def decompressed(path):
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)
    if path.suffix == ".br":
        return brotli.decompress(data)
    return data


def serve(workdir, site, content, password_file):
    """A private nginx for `site` with the restricted block: (process, port)."""
    nginx = web.require_nginx()
    web.link_modules_folder(workdir, nginx)
    stderr = open(workdir / "stderr.log", "wb")
    for _attempt in range(3):
        port = web.free_port()
        result = run("nginx-config", "--root", site, "--port", port, "--listen", web.HOST, "--content", content,
                     "--htpasswd", password_file)
        assert result.returncode == 0, result.stderr
        config = web.write_main_config(workdir, result.stdout)
        web.nginx_test(nginx, workdir, config)
        process = subprocess.Popen(
            [nginx, "-p", workdir, "-e", workdir / "error.log", "-c", config, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True, preexec_fn=web.die_with_pytest)
        if web.wait_until_serving(process, port, time.monotonic() + 10):
            return process, port
        web.stop(process)
    pytest.fail("nginx could not bind a free loopback port in three attempts")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("restricted")
    content = restricted_content(workdir / "content", f'{{paths: [{", ".join(FOLDERS)}], realm: "{REALM}"}}')
    site = workdir / "public"
    built = run("build", "--content", content, "--theme", THEME, "--output", site, "--date", DATE)
    assert built.returncode == 0, built.stderr
    password_file = workdir / "readers.htpasswd"
    made = run("htpasswd", password_file, USER, stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    process, port = serve(workdir, site, content, password_file)
    try:
        yield {"site": site, "port": port, "content": content, "workdir": workdir}
    finally:
        web.stop(process)


@pytest.fixture(scope="module")
def control_site(tmp_path_factory):
    """The same content without `restricted`: where the leak check must find what it looks for."""
    site = tmp_path_factory.mktemp("control") / "public"
    built = run("build", "--content", CONTENT, "--theme", THEME, "--output", site, "--date", DATE)
    assert built.returncode == 0, built.stderr
    return site


def files(site):
    return sorted(str(path.relative_to(site)) for path in site.rglob("*") if path.is_file())


# --------------------------------------------------------------------------- nginx


BAD_HEADERS = [
    authorization(USER, PASSWORD + "x"),          # a wrong password
    authorization("thu-ky", PASSWORD),            # another user (the name without its marks)
    authorization(USER, ""),
    "Basic",                                      # no credentials after the scheme
    "Basic !!!not-base64!!!",
    "Basic " + base64.b64encode(USER.encode()).decode(),  # no colon
    "Bearer " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode(),
    authorization(USER, PASSWORD).lower(),        # the base64 altered by case
]


def test_every_restricted_file_needs_the_right_password(server):
    site = server["site"]
    restricted = [path for path in files(site) if is_restricted(path)]
    kinds = {pathlib.PurePosixPath(path).suffix for path in restricted}
    assert {".html", ".gz", ".br", ".json", ".csv", ".xlsx", ".docx"} <= kinds, kinds
    assert any(path.startswith("don-vi/_search/terms/") for path in restricted), "no restricted search shard"
    client = web.Client(server["port"])
    right = authorization(USER, PASSWORD)
    problems = []
    for index, path in enumerate(restricted):
        url = web.request_path(url_of(path))
        anonymous = client.get(url, {"Accept-Encoding": "br, gzip"})
        if anonymous.status != 401:
            problems.append(f"{url} without credentials: {anonymous.status}")
        elif "Basic" not in anonymous.header("www-authenticate"):
            problems.append(f"{url}: 401 without a Basic challenge: {anonymous.describe()}")
        elif any(name.encode("utf-8") in anonymous.body for name in ("Chi bộ", "Đảng bộ")):
            problems.append(f"{url}: the 401 page shows the page's text")
        # Every wrong or malformed header on a sample of every kind of file (all of them would take a
        # minute: each check is a yescrypt hash).
        if index % 5 == 0 or path.endswith(("index.html", ".json")):
            for header in BAD_HEADERS:
                response = client.get(url, {"Authorization": header})
                if response.status != 401:
                    problems.append(f"{url} with Authorization {header[:30]!r}: {response.status}")
        signed_in = client.get(url, {"Authorization": right})
        if signed_in.status != 200:
            problems.append(f"{url} with the right password: {signed_in.status}")
        elif signed_in.body != (site / path).read_bytes():
            problems.append(f"{url}: the body is not the file")
    # The pages as browsers ask for them, precompressed copies chosen by nginx.
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        for url in ("/don-vi/", "/bao-cao/", "/data/scorecards.json"):
            anonymous = client.get(url, {"Accept-Encoding": encoding})
            if anonymous.status != 401:
                problems.append(f"{url} (Accept-Encoding {encoding}) without credentials: {anonymous.status}")
            response = client.get(url, {"Accept-Encoding": encoding, "Authorization": right})
            if response.status != 200 or response.header("content-encoding") != encoding:
                problems.append(f"{url} (Accept-Encoding {encoding}): {response.describe()}")
    # A folder without its slash, and paths nginx normalises, are restricted all the same.
    for url in ("/don-vi", "/%64on-vi/", "//don-vi/", "/tim-kiem/../bao-cao/", "/don-vi/khong-co/", "/data/",
                "/schedule.ics", "/schedule.ics.br", "/lich-sinh-hoat-mau/"):
        response = client.get(url)
        if response.status != 401:
            problems.append(f"{url} without credentials: {response.status}")
    client.close()
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} problems)"


def test_every_public_file_answers_anyone(server):
    site = server["site"]
    public = [path for path in files(site) if not is_restricted(path) and not path.split("/")[-1].startswith(".")]
    assert any(path.startswith("search/terms/") for path in public)
    client = web.Client(server["port"])
    problems = []
    for path in public:
        url = web.request_path(url_of(path))
        response = client.get(url)
        if response.status != 200:
            problems.append(f"{url}: {response.status}")
    client.close()
    assert not problems, "\n".join(problems[:40])


# --------------------------------------------------------------------------- nothing leaks


class Text(html.parser.HTMLParser):
    """The text of a page (what a reader sees) and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.links = []
        self.anchors = []  # (href, text inside the <a>)
        self._anchor = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
            self._anchor = [attributes["href"], ""]
        elif tag in ("link", "script") and attributes.get("href" if tag == "link" else "src"):
            self.links.append(attributes.get("href") or attributes.get("src"))

    def handle_endtag(self, tag):
        if tag == "a" and self._anchor is not None:
            self.anchors.append(tuple(self._anchor))
            self._anchor = None

    def handle_data(self, data):
        self.parts.append(data)
        if self._anchor is not None:
            self._anchor[1] += data

    @property
    def text(self):
        return " ".join(" ".join(self.parts).split())


def page_text(data):
    parser = Text()
    parser.feed(data.decode("utf-8"))
    parser.close()
    return parser


def secrets(site, folders=FOLDERS):
    """What only the pages of restricted `folders` show, found in a build without restrictions:
    every unit's name, and the figures of those pages' tables (numbers with a decimal comma or a per
    cent sign), less what the pages of the public folders (the guidance, the schedule when it is
    public) show themselves."""
    public = [folder for folder in PUBLIC_CONTENT_FOLDERS if folder not in folders]
    allowed = " ".join(page_text((site / path).read_bytes()).text for path in files(site)
                       if path.endswith(".html") and path.split("/", 1)[0] in public)
    scorecards = json.loads((site / "data" / "scorecards.json").read_text(encoding="utf-8"))
    names = {unit["name"] for unit in scorecards["units"]}
    figures = set()
    for path in files(site):
        if path.endswith(".html") and is_restricted(path, folders):
            for cell in re.findall(r'<td[^>]* class="num"[^>]*>([^<]*)</td>',
                                  (site / path).read_text(encoding="utf-8")):
                cell = cell.strip()
                if re.fullmatch(r"\d+,\d+%?|\d+%", cell) and len(cell) >= 4:
                    figures.add(cell)
    names = {name for name in names if name not in allowed}
    figures = {figure for figure in figures if figure not in allowed}
    return names, figures


def leaks(site, names, figures, restricted_folders=FOLDERS):
    """`file: text` for every public file (compressed copies decompressed) that holds a secret."""
    found = []
    for path in files(site):
        if is_restricted(path, restricted_folders) or path.startswith("assets/"):
            continue
        text = decompressed(site / path).decode("utf-8", errors="replace")
        # JSON escapes nothing but quotes and backslashes here; HTML escapes & < > ".
        for secret in names | figures:
            if secret in text or html.escape(secret) in text:
                found.append(f"{path}: {secret}")
    return found


@pytest.mark.parametrize("folders", [EXAMPLE, FOLDERS], ids=["units-reports-data", "and-the-schedule"])
def test_no_public_file_holds_what_only_restricted_pages_show(tmp_path, control_site, folders):
    names, figures = secrets(control_site, folders)
    assert len(figures) >= 5, figures
    # With the schedule public, every unit is named on it (the bloc's sessions have them all in
    # their audience); with it restricted, no public page names one.
    assert len(names) >= (5 if "lich-sinh-hoat-mau" in folders else 0), names
    # Without `restricted` the public search index holds them: the check can fail.
    control = leaks(control_site, names, figures, folders)
    assert any(line.startswith("search/") for line in control), control[:5]
    content = restricted_content(tmp_path / "content", "[" + ", ".join(folders) + "]")
    site = tmp_path / "public"
    built = run("build", "--content", content, "--theme", THEME, "--output", site, "--date", DATE)
    assert built.returncode == 0, built.stderr
    found = leaks(site, names, figures, folders)
    assert not found, "\n".join(found[:40]) + f"\n({len(found)} in all)"


def test_an_anonymous_crawl_of_the_public_part_finds_nothing_restricted(server, control_site):
    names, figures = secrets(control_site)
    assert len(names) >= 5 and len(figures) >= 5
    client = web.Client(server["port"])
    queue = ["/", "/404.html", "/sitemap.xml", "/search/numbers.json", "/tim-kiem/"]
    seen = {}
    unmarked = []
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        assert len(seen) < 3000, "the crawl does not end"
        response = client.get(url, {"Accept-Encoding": "br, gzip"})
        seen[url] = response
        if response.status != 200:
            continue
        body = response.body
        if response.header("content-encoding") == "br":
            body = brotli.decompress(body)
        elif response.header("content-encoding") == "gzip":
            body = gzip.decompress(body)
        response.text = body.decode("utf-8", errors="replace")
        targets = []
        if url.endswith("/") or url.endswith(".html"):
            parser = page_text(body)
            targets = parser.links
            for href, inside in parser.anchors:
                path = web.internal_path(url, href)
                if path and is_restricted(path.lstrip("/")) and SIGN_IN not in inside:
                    unmarked.append(f"{url} -> {href} ({inside.strip()!r})")
            # The search page's index: the files its script reads.
            app = re.search(r'data-index="([^"]+)"', response.text)
            if app:
                targets.append(app.group(1) + "numbers.json")
        elif url.endswith("sitemap.xml"):
            targets = re.findall(r"<loc>([^<]+)</loc>", response.text)
        elif url.endswith("/search/numbers.json"):
            meta = json.loads(response.text)
            targets = [f"/search/terms/{name}.json" for name in meta["shards"]]
            targets += [f"/search/docs/{index}.json" for index in range(0, (meta["count"] + meta["chunk"] - 1)
                                                                        // meta["chunk"])]
        for target in targets:
            path = web.internal_path(url, target)
            if path and path not in seen:
                queue.append(path)
    client.close()
    statuses = {url: response.status for url, response in seen.items()}
    assert statuses["/"] == 200 and statuses["/search/numbers.json"] == 200
    denied = [url for url, status in statuses.items() if status == 401]
    assert denied and all(is_restricted(url.lstrip("/")) for url in denied), denied[:10]
    assert all(status in (200, 401) for status in statuses.values()), {u: s for u, s in statuses.items()
                                                                       if s not in (200, 401)}
    # The theme's styles and scripts are the same on every site: they hold no content.
    crawled = [(url, response.text) for url, response in seen.items()
               if response.status == 200 and not url.startswith("/assets/")]
    assert len(crawled) > 50
    found = [f"{url}: {secret}" for url, text in crawled for secret in names | figures
             if secret in text or html.escape(secret) in text]
    assert not found, "\n".join(found[:40])
    assert not unmarked, "links into restricted folders that do not say signing in is needed:\n" + "\n".join(
        unmarked[:20])


# --------------------------------------------------------------------------- everything restricted


def test_every_folder_restricted_leaves_the_home_page_search_and_assets_public(tmp_path):
    everything = ["don-vi", "bao-cao", "data", "lich-sinh-hoat-mau", "van-ban"]
    content = restricted_content(tmp_path / "content", "[" + ", ".join(everything) + "]")
    site = tmp_path / "public"
    built = run("build", "--content", content, "--theme", THEME, "--output", site, "--date", DATE)
    assert built.returncode == 0, built.stderr
    password_file = tmp_path / "readers"
    assert run("htpasswd", password_file, "a", stdin="một mật khẩu dài\n").returncode == 0
    process, port = serve(tmp_path, site, content, password_file)
    try:
        client = web.Client(port)
        asset = next(path for path in files(site) if path.startswith("assets/"))
        for url in ("/", "/tim-kiem/", "/search/numbers.json", "/" + asset, "/404.html", "/sitemap.xml",
                    "/favicon.ico"):
            assert client.get(url).status == 200, url
        for url in ("/schedule.ics", "/schedule.ics.gz", "/van-ban/", "/lich-sinh-hoat-mau/", "/don-vi/_search/numbers.json"):
            assert client.get(url).status == 401, url
            assert client.get(url, {"Authorization": authorization("a", "một mật khẩu dài")}).status == 200, url
        client.close()
    finally:
        web.stop(process)
    # The sitemap lists the public pages only: the home page and the search page.
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sorted(re.findall(r"<loc>([^<]+)</loc>", sitemap)) == ["/", "/tim-kiem/"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'id="home-upcoming"' not in home and 'id="home-newest"' not in home
    # The public index is empty; the restricted one, under the first folder, holds everything.
    assert json.loads((site / "search" / "numbers.json").read_text(encoding="utf-8"))["count"] == 0
    assert json.loads((site / "don-vi" / "_search" / "numbers.json").read_text(encoding="utf-8"))["count"] > 100


# --------------------------------------------------------------------------- the commands


def test_htpasswd_adds_replaces_and_keeps_the_other_readers(tmp_path):
    path = tmp_path / "readers"
    assert run("htpasswd", path, "bi-thu", stdin="mật khẩu thứ nhất\n").returncode == 0
    assert run("htpasswd", path, "pho-bi-thu", stdin="mật khẩu thứ hai\n").returncode == 0
    first = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(":")[0] for line in first] == ["bi-thu", "pho-bi-thu"]
    assert all(line.split(":", 1)[1].startswith("$y$") for line in first)
    result = run("htpasswd", path, "bi-thu", stdin="mật khẩu thứ ba\r\n")
    assert result.returncode == 0 and "changed the password of bi-thu" in result.stderr, result.stderr
    second = path.read_text(encoding="utf-8").splitlines()
    assert second[1] == first[1] and second[0] != first[0]
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert not [entry for entry in tmp_path.iterdir() if entry.name != "readers"]
    for user, stdin, status, message in [
        ("a:b", "mật khẩu dài dài\n", 2, "must not hold `:`"),
        ("bi thu", "mật khẩu dài dài\n", 2, "must not hold spaces"),
        ("bi-thu", "ngắn\n", 1, "shorter than 8 characters"),
        ("bi-thu", "", 1, "no password on standard input"),
    ]:
        result = run("htpasswd", path, user, stdin=stdin)
        assert result.returncode == status and message in result.stderr, (user, result.returncode, result.stderr)
    assert path.read_text(encoding="utf-8").splitlines() == second
    missing = run("htpasswd", tmp_path / "khong-co" / "readers", "a", stdin="mật khẩu dài dài\n")
    assert missing.returncode == 1 and "No such file or directory" in missing.stderr, missing.stderr


def test_htpasswd_refuses_names_that_hide_characters_and_an_empty_file(tmp_path):
    path = tmp_path / "readers"
    for hidden in ("\u0085", "\u00a0", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u2028", "\u3000",
                   "\ue000", "\u00ad"):
        result = run("htpasswd", path, f"thu{hidden}ky", stdin="mật khẩu dài dài\n")
        assert result.returncode == 2, (hex(ord(hidden)), result.stderr)
        assert f"U+{ord(hidden):04X}" in result.stderr, result.stderr
        # The name is not echoed raw: no direction or invisible character reaches the terminal.
        assert hidden not in result.stderr, hex(ord(hidden))
        assert not path.exists()
    empty = run("htpasswd", "", "thu-ky", stdin="mật khẩu dài dài\n")
    assert empty.returncode == 2 and "the password file is empty" in empty.stderr, empty.stderr
    folder = run("htpasswd", tmp_path, "thu-ky", stdin="mật khẩu dài dài\n")
    assert folder.returncode == 2 and "is a folder" in folder.stderr, folder.stderr


def test_htpasswd_runs_at_once_keep_every_reader(tmp_path):
    path = tmp_path / "readers"
    users = [f"ban-doc-{i}" for i in range(8)]
    processes = [subprocess.Popen([str(CHIBO), "htpasswd", str(path), user], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for user in users]
    for process in processes:
        process.stdin.write("mật khẩu dài dài\n")
        process.stdin.close()
    for process in processes:
        assert process.wait(timeout=60) == 0, process.stderr.read()
    assert sorted(line.split(":")[0] for line in path.read_text(encoding="utf-8").splitlines()) == users


def test_nginx_config_says_why_a_password_file_is_needed_or_not(tmp_path):
    content = restricted_content(tmp_path / "content", "[don-vi, bao-cao, data]")
    result = run("nginx-config", "--content", content, "--root", "/srv/chibo/current")
    assert result.returncode == 2 and result.stdout == ""
    assert "restricts /don-vi/, /bao-cao/, /data/ to signed-in readers" in result.stderr
    assert "--htpasswd FILE" in result.stderr
    plain = run("nginx-config", "--content", CONTENT, "--root", "/srv/x", "--htpasswd", "/etc/nginx/readers")
    assert plain.returncode == 2 and "has no `restricted:`" in plain.stderr and plain.stdout == ""
    broken = tmp_path / "broken"
    restricted_content(broken, "[kho]")
    result = run("nginx-config", "--content", broken, "--root", "/srv/x", "--htpasswd", "/etc/nginx/readers")
    assert result.returncode == 1 and result.stdout == ""
    assert "site.yaml:" in result.stderr and "unknown folder `kho`" in result.stderr
    missing = run("nginx-config", "--content", tmp_path / "none", "--root", "/srv/x")
    assert missing.returncode == 2 and missing.stdout == "" and "site.yaml" in missing.stderr
    relative = run("nginx-config", "--content", content, "--root", "/srv/x", "--htpasswd", "a;b")
    assert relative.returncode == 2 and relative.stderr.startswith("error: --htpasswd "), relative.stderr


# --------------------------------------------------------------------------- the search in a browser


def test_the_search_finds_restricted_pages_only_in_a_tab_that_has_signed_in(server):
    """An anonymous reader's search reads the public index only, so the browser asks nobody for a
    password; after a restricted page has been opened (signed in), the same search finds units too."""
    import browser_support as support

    for program in (support.CHROMIUM, support.CHROMEDRIVER):
        if not pathlib.Path(program).exists():
            pytest.fail(f"{program} is missing (Debian packages chromium and chromium-driver)")
    base = f"http://{web.HOST}:{server['port']}"
    scorecards = json.loads((server["site"] / "data" / "scorecards.json").read_text(encoding="utf-8"))
    unit = next(unit for unit in scorecards["units"] if unit["kind"] == "branch")
    driver = support.start_chromium()
    try:
        anonymous = support.url_search(driver, base, unit["name"])
        hrefs = [href for href, _title, _text in anonymous["results"]]
        assert not any(href.startswith("/don-vi/") for href in hrefs), hrefs
        fetched = driver.execute_script(
            "return performance.getEntriesByType('resource').map(entry => entry.name)")
        assert any("/search/numbers.json" in name for name in fetched), fetched
        assert not any("/_search/" in name for name in fetched), fetched
        assert not [entry for entry in support.console_errors(driver) if "401" in entry.get("message", "")]

        # Signed in: every request of this browser carries the credentials, as after the browser's
        # own sign-in box.
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders",
                               {"headers": {"Authorization": authorization(USER, PASSWORD)}})
        support.open_page(driver, base, "/don-vi/")
        assert "signin-needed" not in driver.page_source
        signed_in = support.url_search(driver, base, unit["name"])
        hrefs = [href for href, _title, _text in signed_in["results"]]
        assert unit["url"] in hrefs, (unit["url"], hrefs)
    finally:
        driver.quit()


def test_htpasswd_on_a_terminal_asks_twice_without_echo(tmp_path):
    """On a terminal (a pseudo-terminal here) the password is asked for twice and never shown."""
    import os
    import pty
    import select

    def converse(path, dialogue):
        leader, follower = pty.openpty()
        process = subprocess.Popen([str(CHIBO), "htpasswd", str(path), "thu-ky"], stdin=follower, stdout=follower,
                                   stderr=follower, close_fds=True)
        os.close(follower)
        shown = b""
        pending = list(dialogue)  # (prompt, answer): each answer is typed once its prompt is shown
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                shown += chunk
                while pending and pending[0][0].encode("utf-8") in shown:
                    os.write(leader, (pending.pop(0)[1] + "\n").encode("utf-8"))
            elif process.poll() is not None:
                break
        process.wait(timeout=10)
        os.close(leader)
        return process.returncode, shown.decode("utf-8", errors="replace")

    path = tmp_path / "readers"
    first, again = "Password for thu-ky:", "The password again:"  # LANGUAGE=en (conftest.py)
    status, shown = converse(path, [(first, "Mật khẩu dài lắm"), (again, "Mật khẩu dài lắm")])
    assert status == 0, shown
    assert first in shown and again in shown, shown
    assert "dài lắm" not in shown, "the password was echoed: " + shown
    assert path.read_text(encoding="utf-8").startswith("thu-ky:$y$")
    before = path.read_text(encoding="utf-8")
    status, shown = converse(path, [(first, "Mật khẩu mới dài"), (again, "Mật khẩu khác dài")])
    assert "dài" not in shown, shown
    assert status == 1 and "the two passwords differ" in shown, shown
    assert path.read_text(encoding="utf-8") == before
