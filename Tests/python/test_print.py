"""Printing from the browser: the report, a scorecard and a committee page printed by headless
Chromium (Page.printToPDF, the page's own @page size), then read with poppler's pdfinfo and
pdftotext: A4, a sensible number of pages, no navigation or search box, every figure of the page in
the text, and the page's address and build date at its foot."""
import base64
import html
import re
import shutil
import subprocess

import pytest

import browser_support as support

PAGES = {
    "report": ("/bao-cao/", 2, 12),
    "scorecard": ("/don-vi/cb-dien-luc/", 1, 6),
    "committee": ("/don-vi/db-so-y-te/", 1, 4),
}
A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return support.build_site(tmp_path_factory.mktemp("print-site") / "public")


@pytest.fixture(scope="module")
def base(site, tmp_path_factory):
    with support.nginx_serving(site, tmp_path_factory.mktemp("print-nginx")) as url:
        yield url


@pytest.fixture(scope="module")
def driver(base):
    for tool in ("pdfinfo", "pdftotext"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing (Debian package poppler-utils; make test installs it)")
    browser = support.start_chromium()
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def printed(driver, base, tmp_path_factory):
    """Each page printed to PDF: its pdfinfo fields and its text, page by page."""
    folder = tmp_path_factory.mktemp("pdf")
    result = {}
    for name, (path, _, _) in PAGES.items():
        support.open_page(driver, base, path)
        data = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(base64.b64decode(data["data"]))
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout
        result[name] = ({key.strip(): value.strip() for key, value in fields.items()}, text.split("\f"), boxes)
    return result


def figures_of(site, path):
    """The figures a page shows: every whitespace-separated token with a digit in its main content,
    outside the chart's drawing (its numbers are in the chart's data table too)."""
    page = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
    main = page[page.index("<main"):page.index("</main>")]
    main = re.sub(r"<svg.*?</svg>", " ", main, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", main))
    return {token.strip(".,;:()") for token in text.split() if re.search(r"\d", token)}


@pytest.mark.parametrize("name", PAGES)
def test_prints_on_a4(printed, name):
    info, pages, _ = printed[name]
    width, height = map(float, re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"]).groups())
    assert (round(width), round(height)) == tuple(map(round, A4_POINTS)), info["Page size"]
    low, high = PAGES[name][1], PAGES[name][2]
    assert low <= int(info["Pages"]) <= high, f"{name}: {info['Pages']} pages"


@pytest.mark.parametrize("name", PAGES)
def test_every_figure_is_in_the_printed_text(site, printed, name):
    _, pages, _ = printed[name]
    text = " ".join(" ".join(pages).split())
    figures = figures_of(site, PAGES[name][0])
    assert len(figures) > 10, f"{name}: only {sorted(figures)} found on the page to look for"
    # A cell's text may wrap after a hyphen ("14-" / "QĐ/TU"), which pdftotext joins without it.
    missing = sorted(token for token in figures
                     if token not in text and token.replace("-", "") not in text)
    assert not missing, f"{name}: not in the PDF's text: {missing[:20]}"


@pytest.mark.parametrize("name", PAGES)
def test_no_navigation_and_the_address_and_build_date_at_the_foot(base, printed, name):
    _, pages, _ = printed[name]
    pages = [page for page in pages if page.strip()]
    path = PAGES[name][0]
    last = " ".join(pages[-1].split())
    assert f"{path} · Trang dựng ngày {support.BUILD_DATE_VIETNAMESE}" in last, last[-300:]
    whole = " ".join(" ".join(pages).split())
    for chrome in ("Tìm văn bản, đơn vị", "Bỏ qua, đến nội dung chính", "Trang chủ"):
        assert chrome not in whole, f"{name}: {chrome!r} printed"


@pytest.mark.parametrize("name", PAGES)
def test_everything_printed_is_within_the_paper(printed, name):
    """Tables and charts fit the page: no word is drawn past the paper's edges."""
    _, _, boxes = printed[name]
    outside = []
    words = 0
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.S):
        width, height = float(page.group(1)), float(page.group(2))
        for word in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>',
                                page.group(3)):
            x0, y0, x1, y1 = map(float, word.groups()[:4])
            words += 1
            if x0 < 0 or y0 < 0 or x1 > width + 0.5 or y1 > height + 0.5:
                outside.append(html.unescape(word.group(5)))
    assert words > 100, f"{name}: only {words} words found in pdftotext's boxes"
    assert not outside, f"{name}: drawn off the paper: {outside[:10]}"


def test_no_meeting_row_is_split_across_pages(site, printed):
    """Each of the scorecard's meeting rows is printed whole on one page: its date and its total
    are on the same page."""
    _, pages, _ = printed["scorecard"]
    page = (site / "don-vi" / "cb-dien-luc" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="sh-[^"]+"><th scope="row"><time datetime="[^"]+">([^<]+)</time></th>.*?'
                      r'<strong>(\d+)</strong>/(\d+)', page)
    assert len(rows) > 5, rows
    texts = [" ".join(text.split()) for text in pages]
    for date, total, maximum in rows:
        holding = [index for index, text in enumerate(texts) if date in text]
        assert holding, date
        assert any(f"{total}/{maximum}" in texts[index] for index in holding), (
            f"the row of {date} ({total}/{maximum}) is split across pages")


def test_the_draft_letter_prints_alone_with_the_guides_margins(driver, base, tmp_path):
    """The draft letter prints as a letter: A4, text inside margins of 35 mm left and 15 mm right
    and 25 mm top and bottom, no site navigation, no table of figures, no address line, and the
    page number at the top centre from the second page on."""
    support.open_page(driver, base, "/bao-cao/du-thao-cong-van/")
    data = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(base64.b64decode(data["data"]))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info, info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 2 <= pages <= 4, info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    whole = " ".join(text.split())
    for expected in ("DỰ THẢO", "ĐẢNG CỘNG SẢN VIỆT NAM", "Kính gửi:", "1. Đối với sinh hoạt thường kỳ", "./.",
                     "Nơi nhận:", "T/M BAN THƯỜNG VỤ"):
        assert expected in whole, expected
    for absent in ("Số liệu dùng trong dự thảo", "Tìm văn bản, đơn vị", "Trang dựng ngày", "Tải bản Word"):
        assert absent not in whole, f"{absent!r} printed"
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    mm = 72 / 25.4
    boxed = re.findall(r"<page [^>]*>(.*?)</page>", boxes, re.S)
    assert len(boxed) == pages, f"{len(boxed)} of {pages} pages found in pdftotext's boxes"
    for number, page in enumerate(boxed, start=1):
        # A word drawn left of or above the paper has a negative coordinate: it must be read, not skipped.
        words = [(tuple(map(float, w[:4])), html.unescape(w[4])) for w in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', page)]
        assert len(words) > 20, f"page {number}: only {len(words)} words found"
        body = [box for box, word in words if not (word.isdigit() and box[1] < 25 * mm)]
        assert min(box[0] for box in body) >= 35 * mm - 1, f"page {number}: text left of the 35 mm margin"
        assert max(box[2] for box in body) <= (210 - 15) * mm + 1, f"page {number}: text right of the margin"
        # A line at the top starts at the margin; a stacked Vietnamese mark ("ầ", "ễ") is drawn up to
        # 3 pt above its line box, and pdftotext's box for such a glyph reaches there.
        assert min(box[1] for box in body) >= 25 * mm - 3, f"page {number}: text above the 25 mm margin"
        assert max(box[3] for box in body) <= (297 - 25) * mm + 1, f"page {number}: text below the margin"
        numbers = [word for box, word in words if word.isdigit() and box[1] < 25 * mm]
        assert numbers == ([] if number == 1 else [str(number)]), f"page {number}: page numbers {numbers}"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Times" in fonts or "LiberationSerif" in fonts or "Liberation Serif" in fonts, fonts
