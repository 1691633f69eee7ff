"""Every page stays small at a size beyond the province's: a generated site of 5,000 branches
(`chibo-gen --preset nation --branches 5000 --years 2`) builds with no HTML page over 300 KB, its
long lists split into pages that link to each other and, together, hold every row. Two years, not
the preset's five: a page shows one year (a unit's history and the rates chart grow by a row and a
point a year), and each further year adds a debug build's minute to `make test`; `make bench` builds
the nation with its five years and prints its largest page."""
import collections
import json
import os
import pathlib
import re
import subprocess

import pytest

from conftest import ROOT, build

GEN = pathlib.Path(os.environ.get("CHIBO_GEN", ROOT / ".build" / "debug" / "chibo-gen"))
LIMIT = 300_000
HREF = re.compile(r'href="(/[^"#]*)(?:#[^"]*)?"')
ROW = re.compile(r'<tr><th scope="row">')


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    if not GEN.exists():
        pytest.fail(f"{GEN} is missing: run `swift build --product chibo-gen` (make test builds it)")
    content = tmp_path_factory.mktemp("large") / "content"
    subprocess.run([str(GEN), "--preset", "nation", "--branches", "5000", "--guidance-pages", "20",
                    "--years", "2", "--output", str(content)], check=True, capture_output=True)
    output = content.parent / "public"
    result = build(content, output, "--no-precompress", "--date", "2024-12-31")
    assert result.returncode == 0, result.stderr
    return output


def pages_of(site, folder):
    """The pages of one paginated list: its own page, then trang-2, trang-3, ... in order."""
    first = site / folder / "index.html"
    found = [first] if first.exists() else []
    number = 2
    while (site / folder / f"trang-{number}" / "index.html").exists():
        found.append(site / folder / f"trang-{number}" / "index.html")
        number += 1
    return found


def test_no_page_is_larger_than_300_kb(large_site):
    sizes = sorted(((path.stat().st_size, path) for path in large_site.rglob("*.html")), reverse=True)
    assert len(sizes) > 5000
    largest, path = sizes[0]
    assert largest <= LIMIT, f"{path.relative_to(large_site)} is {largest:,} bytes"


def test_list_pages_link_to_pages_that_exist(large_site):
    checked = 0
    for folder in ["don-vi", "bao-cao", "lich-sinh-hoat-mau", "van-ban"]:
        for path in (large_site / folder).rglob("index.html"):
            # The unit pages link only to what the other tests check; the lists are what is new here.
            if folder == "don-vi" and len(path.relative_to(large_site / folder).parts) == 2:
                continue
            for url in HREF.findall(path.read_text(encoding="utf-8")):
                target = large_site / url.lstrip("/")
                assert (target / "index.html").exists() or target.is_file(), f"{path}: {url}"
                checked += 1
    assert checked > 10_000


def test_the_directory_pages_hold_every_unit_under_the_bloc_once(large_site):
    units = json.loads((large_site / "data" / "scorecards.json").read_text(encoding="utf-8"))["units"]
    top = [unit for unit in units if not unit["parent"]]
    pages = pages_of(large_site, "don-vi")
    assert len(pages) == -(-len(top) // 200) > 1
    listed = []
    for index, page in enumerate(pages):
        html = page.read_text(encoding="utf-8")
        listed += re.findall(r'<tr><th scope="row"><a href="/don-vi/([^/"]+)/">', html)
        # Each page links to the previous and the next.
        if index > 0:
            assert 'rel="prev"' in html
        if index < len(pages) - 1:
            assert 'rel="next"' in html
    assert listed == [unit["id"] for unit in sorted(top, key=lambda u: ["agency", "public-service", "enterprise"].index(u["sector"]))]


def test_each_finding_code_lists_every_finding_of_the_period(large_site):
    data = json.loads((large_site / "data" / "scorecards.json").read_text(encoding="utf-8"))
    counts = collections.Counter()
    for unit in data["units"]:
        if unit["kind"] != "branch":
            continue
        for meeting in unit["meetings"]:
            counts.update(meeting["findings"])
    assert counts["low-speaking-rate"] > 200
    for code in ["overrated", "low-speaking-rate", "missing-political-study", "no-supervisor"]:
        assert counts[code] > 0, f"no {code} finding: its pages would match by having no rows"
        pages = pages_of(large_site, f"bao-cao/phat-hien/{code}")
        rows = sum(len(ROW.findall(page.read_text(encoding="utf-8"))) for page in pages)
        assert rows == counts[code], code
        assert all(len(ROW.findall(page.read_text(encoding="utf-8"))) <= 200 for page in pages)
