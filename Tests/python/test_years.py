"""Every calendar year's report (issue 31, "Tests and limits"), checked against an oracle written
here from the content format alone, without chibo's code: a second year (2023) is made from the
repository's 2024 meetings by a seeded perturbation, the site is built, and every figure of the
table by kind of meeting, the ratings table and the findings table of /bao-cao/, /bao-cao/<yyyy>/
and /bao-cao/<yyyy-qN>/ is recomputed from the CSV files, units.csv and the rubrics, with the change
since the period of the same length before as chibo prints it. data/scorecards.json's `years` are
recomputed likewise. Then a year is added (2025, with `period` moved to it) and the earlier years'
pages must be as they were; and a rebuild after one change in the latest year must keep every
page of the earlier year without rendering it."""
import csv
import datetime
import html
import json
import math
import os
import random
import re
import shutil
import unicodedata
from fractions import Fraction

import pytest
import yaml

from conftest import CHIBO, ROOT, build

CONTENT = ROOT / "content"
BUILD_DATE = "2024-12-31"
SEED = 3123
CODES = ["overrated", "underrated", "missing-political-study", "missing-current-affairs", "low-speaking-rate",
         "low-attendance", "no-supervisor", "missing-regular-meeting", "missing-thematic-meeting"]
KIND_ROWS = ["meetings", "speaking", "attendance", "current-affairs", "it", "overrated", "overrated-branches",
             "supervised"]
COLUMNS = ["regular", "thematic", "all"]

pytestmark = pytest.mark.skipif(not CHIBO.exists(), reason=f"{CHIBO} is not built: `swift build --product chibo`")


# --------------------------------------------------------------------------- reading the content


def fold(text):
    """As the content format matches names: case, surrounding spaces and Vietnamese diacritics ignored."""
    text = unicodedata.normalize("NFD", text.strip().lower()).replace("đ", "d").replace("Đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c))


TRUE = {"x", "co", "yes", "true", "1"}


def read_meetings_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.reader(handle, delimiter=";") if any(cell.strip() for cell in row)]
    return rows[0], rows[1:]


def write_meetings_csv(path, header, rows):
    """As the committee's files are: a BOM, `;`, CRLF."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def columns_of(header):
    names = {fold(name): index for index, name in enumerate(header)}
    aliases = {
        "branch": ["ma chi bo", "chi bo", "branch"], "date": ["ngay", "ngay sinh hoat", "date"],
        "kind": ["loai", "hinh thuc", "kind"], "present": ["co mat", "so co mat", "present"],
        "speakers": ["phat bieu", "so phat bieu", "speakers"],
        "self": ["tu xep loai", "xep loai", "self_rating"],
        "political": ["chinh tri tu tuong", "sh chinh tri tu tuong", "political_study"],
        "affairs": ["thoi su", "thong tin thoi su", "current_affairs"], "it": ["cntt", "ung dung cntt", "it"],
        "supervisor": ["cap uy du", "nguoi du", "supervisor"],
    }
    result = {}
    for key, names_ in aliases.items():
        result[key] = next((names[n] for n in names_ if n in names), None)
    for number in range(1, 10):
        for name in (f"tc{number}", f"c{number}", f"tieu chi {number}"):
            if name in names:
                result[f"c{number}"] = names[name]
    return result


def parse_date(text):
    text = text.strip()
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(text)


def load_units(folder):
    with open(folder / "units.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = [fold(name) for name in rows[0]]
    index = {name: header.index(name) for name in header}
    units = {}
    for row in rows[1:]:
        if not any(row):
            continue
        kind = "committee" if fold(row[index["loai"]]) in ("dang bo co so", "dang uy co so", "committee") else "branch"
        members = row[index["so dang vien"]].strip()
        units[row[index["ma"]].strip()] = {
            "kind": kind, "parent": row[index["truc thuoc"]].strip() or None,
            "members": int(members) if members else None, "order": len(units)}
    return units


def load_rubrics(folder):
    rubrics = {}
    for path in sorted((folder / "rubrics").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rubrics[data["applies_to"]] = {
            "max": {int(c["id"]): int(c["max"]) for c in data["criteria"]},
            "ratings": [{"name": r["name"], "min_total": r.get("min_total", 0),
                         "require_full": [int(c) for c in r.get("require_full", [])],
                         "require_min": {int(k): int(v) for k, v in (r.get("require_min") or {}).items()}}
                        for r in data["ratings"]]}
    return rubrics


def load_settings(folder):
    data = yaml.safe_load((folder / "site.yaml").read_text(encoding="utf-8"))
    targets = data.get("targets") or {}
    study = data.get("political_study_required_from")
    period = data.get("period")
    return {
        "speaking": Fraction(str(targets.get("speaking_rate", "0.30"))),
        "attendance": Fraction(str(targets.get("attendance_rate", "0.85"))),
        "study_from": study if isinstance(study, datetime.date) or study is None else parse_date(str(study)),
        "period": (period["from"], period["to"]) if period else None,
    }


KINDS = {"thuong ky": "regular", "regular": "regular", "chuyen de": "thematic", "thematic": "thematic"}


def load_meetings(folder):
    meetings = []
    for path in sorted((folder / "meetings").glob("*.csv")):
        header, rows = read_meetings_csv(path)
        column = columns_of(header)
        for row in rows:
            def cell(key):
                return row[column[key]].strip() if column.get(key) is not None and column[key] < len(row) else ""
            scores = {n: int(cell(f"c{n}")) for n in range(1, 10) if column.get(f"c{n}") is not None}
            meetings.append({
                "branch": cell("branch"), "date": parse_date(cell("date")), "kind": KINDS[fold(cell("kind"))],
                "present": int(cell("present")), "speakers": int(cell("speakers")), "scores": scores,
                "self": fold(cell("self")), "political": fold(cell("political")) in TRUE,
                "affairs": fold(cell("affairs")) in TRUE, "it": fold(cell("it")) in TRUE,
                "supervised": bool(cell("supervisor"))})
    return meetings


class Content:
    def __init__(self, folder):
        self.units = load_units(folder)
        self.rubrics = load_rubrics(folder)
        self.settings = load_settings(folder)
        self.meetings = load_meetings(folder)
        self.branches = [u for u, unit in self.units.items() if unit["kind"] == "branch"]
        # Rating names as a report lists them: the rubrics by `applies_to`, best first.
        self.rating_names = []
        for kind in sorted(self.rubrics):
            for band in self.rubrics[kind]["ratings"]:
                if band["name"] not in self.rating_names:
                    self.rating_names.append(band["name"])


# --------------------------------------------------------------------------- the oracle


def month_start(day):
    return day.replace(day=1)


def month_end(day):
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def months_in(start, end):
    result, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        result.append((year, month))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return result


def quarter_of(month):
    return (month - 1) // 3 + 1


def quarters_in(start, end):
    return sorted({(year, quarter_of(month)) for year, month in months_in(start, end)})


def quarter_range(year, quarter):
    start = datetime.date(year, 3 * quarter - 2, 1)
    return start, month_end(datetime.date(year, 3 * quarter, 1))


def year_ranges(content):
    """Each calendar year the records touch, cut at the first record's and the last record's month."""
    dates = [m["date"] for m in content.meetings]
    first, last = month_start(min(dates)), month_end(max(dates))
    return {year: (max(datetime.date(year, 1, 1), first), min(datetime.date(year, 12, 31), last))
            for year in range(first.year, last.year + 1)}


def computed_rank(rubric, scores):
    total = sum(scores.values())
    for rank, band in enumerate(rubric["ratings"]):
        if total < band["min_total"]:
            continue
        if any(scores.get(c, 0) < rubric["max"][c] for c in band["require_full"]):
            continue
        if any(scores.get(c, 0) < least for c, least in band["require_min"].items()):
            continue
        return rank
    return len(rubric["ratings"]) - 1


def judge(content, meeting):
    """A meeting's computed rating and finding codes, as the content format defines them."""
    unit = content.units[meeting["branch"]]
    rubric = content.rubrics[meeting["kind"]]
    rank = computed_rank(rubric, meeting["scores"])
    names = [fold(band["name"]) for band in rubric["ratings"]]
    self_rank = names.index(meeting["self"])
    settings = content.settings
    codes = []
    if self_rank < rank:
        codes.append("overrated")
    elif self_rank > rank:
        codes.append("underrated")
    if meeting["kind"] == "regular":
        required = settings["study_from"] is None or meeting["date"] >= settings["study_from"]
        if required and not meeting["political"]:
            codes.append("missing-political-study")
        if not meeting["affairs"]:
            codes.append("missing-current-affairs")
    if meeting["present"] > 0 and Fraction(meeting["speakers"], meeting["present"]) < settings["speaking"]:
        codes.append("low-speaking-rate")
    members = unit["members"]
    if members and Fraction(meeting["present"], members) < settings["attendance"]:
        codes.append("low-attendance")
    subordinate = unit["parent"] is not None
    if subordinate and not meeting["supervised"]:
        codes.append("no-supervisor")
    return {"rating": rubric["ratings"][rank]["name"], "codes": codes, "total": sum(meeting["scores"].values())}


def branch_gaps(content, branch, evaluated_range):
    """The months without a regular meeting and the quarters without a thematic one, in the range
    the branch's evaluation covers."""
    start, end = evaluated_range
    mine = [m for m in content.meetings if m["branch"] == branch and start <= m["date"] <= end]
    held_months = {(m["date"].year, m["date"].month) for m in mine if m["kind"] == "regular"}
    held_quarters = {(m["date"].year, quarter_of(m["date"].month)) for m in mine if m["kind"] == "thematic"}
    gaps = [("missing-regular-meeting", (datetime.date(y, mo, 1), month_end(datetime.date(y, mo, 1))))
            for y, mo in months_in(start, end) if (y, mo) not in held_months]
    gaps += [("missing-thematic-meeting", quarter_range(y, q))
             for y, q in quarters_in(start, end) if (y, q) not in held_quarters]
    return gaps


class Totals:
    def __init__(self):
        self.meetings = self.speakers = self.present = self.members = 0
        self.affairs = self.it = self.supervisable = self.supervised = self.points = 0
        self.ratings = {}
        self.findings = {}
        self.overrated_branches = set()

    def add(self, content, meeting, judged):
        unit = content.units[meeting["branch"]]
        self.meetings += 1
        self.speakers += meeting["speakers"]
        self.present += meeting["present"]
        self.members += unit["members"] or 0
        self.affairs += meeting["affairs"]
        self.it += meeting["it"]
        self.points += judged["total"]
        if unit["parent"] is not None:
            self.supervisable += 1
            self.supervised += meeting["supervised"]
        self.ratings[judged["rating"]] = self.ratings.get(judged["rating"], 0) + 1
        for code in judged["codes"]:
            self.findings[code] = self.findings.get(code, 0) + 1
        if "overrated" in judged["codes"]:
            self.overrated_branches.add(meeting["branch"])

    def ratio(self, part, whole):
        return Fraction(part, whole) if whole else None

    def figures(self):
        """The table's row values: counts as ints, shares as exact fractions (None: no base)."""
        return {
            "meetings": self.meetings, "speaking": self.ratio(self.speakers, self.present),
            "attendance": self.ratio(self.present, self.members),
            "current-affairs": self.ratio(self.affairs, self.meetings), "it": self.ratio(self.it, self.meetings),
            "overrated": self.findings.get("overrated", 0), "overrated-branches": len(self.overrated_branches),
            "supervised": self.ratio(self.supervised, self.supervisable)}


def report(content, evaluated_range, report_range):
    """The figures of a report over `report_range`, within an evaluation of `evaluated_range` (the
    year's, or the period's): the kind table by column, ratings and findings by name and code."""
    start, end = report_range
    by_kind = {"regular": Totals(), "thematic": Totals(), "all": Totals()}
    for meeting in content.meetings:
        if not (start <= meeting["date"] <= end and evaluated_range[0] <= meeting["date"] <= evaluated_range[1]):
            continue
        judged = judge(content, meeting)
        by_kind[meeting["kind"]].add(content, meeting, judged)
        by_kind["all"].add(content, meeting, judged)
    findings = dict(by_kind["all"].findings)
    for branch in content.branches:
        for code, (gap_start, gap_end) in branch_gaps(content, branch, evaluated_range):
            if gap_start <= end and start <= gap_end:
                findings[code] = findings.get(code, 0) + 1
    return {"kinds": {column: totals.figures() for column, totals in by_kind.items()},
            "ratings": {name: by_kind["all"].ratings.get(name, 0) for name in content.rating_names},
            "findings": {code: findings.get(code, 0) for code in CODES}}


def tenths_of_percent(share):
    """A share in tenths of a percent, rounded half away from zero, exactly."""
    return math.floor(share * 1000 + Fraction(1, 2))


def count_text(number):
    return f"{number:,}".replace(",", ".")


def decimal_text(tenths):
    whole, fraction = divmod(tenths, 10)
    return count_text(whole) if fraction == 0 else f"{count_text(whole)},{fraction}"


def value_text(value, share):
    if value is None:
        return "–"
    return decimal_text(tenths_of_percent(value)) + "%" if share else count_text(value)


def change_text(value, previous, share, unit):
    """What chibo prints beside a figure; None where there is nothing to compare."""
    if value is None or previous is None:
        return None
    steps = tenths_of_percent(value) - tenths_of_percent(previous) if share else value - previous
    amount = decimal_text(abs(steps)) + " điểm %" if share else f"{count_text(abs(steps))} {unit}"
    direction = "up" if steps > 0 else "down" if steps < 0 else "same"
    text = {"up": f"tăng {amount}", "down": f"giảm {amount}", "same": "không đổi"}[direction]
    return direction, text


SHARE_ROWS = {"speaking", "attendance", "current-affairs", "it", "supervised"}
ROW_UNITS = {"meetings": "buổi", "overrated": "buổi", "overrated-branches": "chi bộ"}


def expected_page(figures, previous):
    """The page's cells as the oracle has them: {key: (value text, change or None)}."""
    cells = {}
    for row in KIND_ROWS:
        for column in COLUMNS:
            value = figures["kinds"][column][row]
            old = previous["kinds"][column][row] if previous else None
            share = row in SHARE_ROWS
            cells[f"loai-{row}-{column}"] = (value_text(value, share),
                                             change_text(value, old, share, ROW_UNITS.get(row)))
    for name, value in figures["ratings"].items():
        old = previous["ratings"][name] if previous else None
        cells[f"rating:{name}"] = (count_text(value), change_text(value, old, False, "buổi"))
    for code, value in figures["findings"].items():
        old = previous["findings"][code] if previous else None
        cells[f"finding:{code}"] = (count_text(value), change_text(value, old, False, "phát hiện"))
    return cells


# --------------------------------------------------------------------------- reading the pages


def text_of(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def split_cell(inner):
    """A cell's value and its change span (direction, text), or None; the previous period's value
    (`<span class="previous">`) is checked apart."""
    inner = re.sub(r'<span class="previous">.*?</span>', "", inner)
    at = inner.find('<span class="change')
    if at < 0:
        return text_of(inner), None
    direction = re.match(r'<span class="change change-(\w+)">', inner[at:]).group(1)
    return text_of(inner[:at]), (direction, text_of(inner[at:]))


def section(page, label):
    start = page.index(f'<section aria-labelledby="{label}">')
    return page[start:page.index("</section>", start)]


def page_cells(page):
    cells = {}
    for cell_id, inner in re.findall(r'<td class="num" id="(loai-[^"]+)"[^>]*>(.*?)</td>', page, re.S):
        cells[cell_id] = split_cell(inner)
    for name, inner in re.findall(r'<tr><th scope="row">([^<]*)</th><td class="num"[^>]*>(.*?)</td>',
                                  section(page, "xep-loai"), re.S):
        cells[f"rating:{html.unescape(name)}"] = split_cell(inner)
    for code, inner in re.findall(r'<tr><th scope="row"><a href="[^"]*/phat-hien/([a-z-]+)/">.*?</th>'
                                  r'<td class="num"[^>]*>(.*?)</td>', section(page, "phat-hien"), re.S):
        cells[f"finding:{code}"] = split_cell(inner)
    return cells


def report_page(site, slug):
    folder = site / "bao-cao" / slug if slug else site / "bao-cao"
    return (folder / "index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the content and the site


def perturbed_year(rows, column, units, rubrics, rng):
    """2023's records: 2024's a year back, some dropped, numbers, items and scores changed."""
    result = []
    for row in rows:
        row = list(row)
        if rng.random() < 0.08:
            continue
        day = parse_date(row[column["date"]])
        if (day.month, day.day) == (2, 29):
            day = day.replace(day=28)
        day = day.replace(year=day.year - 1)
        row[column["date"]] = day.strftime("%d/%m/%Y")
        members = units[row[column["branch"]].strip()]["members"]
        present, speakers = int(row[column["present"]]), int(row[column["speakers"]])
        if rng.random() < 0.35:
            present = rng.randint(max(1, speakers, math.ceil(members * 0.6)), members)
        if rng.random() < 0.4:
            speakers = max(0, min(present, speakers + rng.randint(-3, 2)))
        row[column["present"]], row[column["speakers"]] = str(present), str(speakers)
        kind = KINDS[fold(row[column["kind"]])]
        if rng.random() < 0.15:
            row[column["affairs"]] = "" if fold(row[column["affairs"]]) in TRUE else "x"
        if rng.random() < 0.2:
            # More IT in 2023 than in 2024, mostly: a flip to "có" twice as likely as one to "không".
            if fold(row[column["it"]]) not in TRUE or rng.random() < 0.3:
                row[column["it"]] = "không" if fold(row[column["it"]]) in TRUE else "có"
        if rng.random() < 0.1:
            row[column["political"]] = "không" if fold(row[column["political"]]) in TRUE else "có"
        rubric = rubrics[kind]
        if rng.random() < 0.25:
            criterion = rng.choice(sorted(rubric["max"]))
            row[column[f"c{criterion}"]] = str(rng.randint(rubric["max"][criterion] // 2, rubric["max"][criterion]))
        if rng.random() < 0.1:
            row[column["self"]] = rng.choice([band["name"] for band in rubric["ratings"]])
        result.append(row)
    return result


def make_content(folder):
    shutil.copytree(CONTENT, folder)
    units = load_units(folder)
    rubrics = load_rubrics(folder)
    rng = random.Random(SEED)
    for quarter in range(1, 5):
        header, rows = read_meetings_csv(folder / "meetings" / f"2024-q{quarter}.csv")
        rows2023 = perturbed_year(rows, columns_of(header), units, rubrics, rng)
        write_meetings_csv(folder / "meetings" / f"2023-q{quarter}.csv", header, rows2023)
    return folder


@pytest.fixture(scope="module")
def content_dir(tmp_path_factory):
    return make_content(tmp_path_factory.mktemp("years") / "content")


@pytest.fixture(scope="module")
def content(content_dir):
    return Content(content_dir)


@pytest.fixture(scope="module")
def site(content_dir, tmp_path_factory):
    output = tmp_path_factory.mktemp("years-site") / "public"
    result = build(content_dir, output, "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return output


def reports_of(content):
    """Every report chibo should write, by slug (None: the period's), with its evaluated range,
    its range and the slug of the report it is compared with."""
    years = year_ranges(content)
    reports = {}
    for year, (start, end) in years.items():
        reports[str(year)] = ((start, end), (start, end))
        for y, q in quarters_in(start, end):
            q_start, q_end = quarter_range(y, q)
            reports[f"{year}-q{q}"] = ((start, end), (max(q_start, start), min(q_end, end)))
    period = content.settings["period"]
    reports[None] = (period, period)

    def months(span):
        return len(months_in(*span))

    previous = {}
    for slug, (_, span) in reports.items():
        if slug is None:
            candidates = [s for s in reports if s is not None]
        else:
            candidates = [s for s in reports if s is not None and ("-q" in s) == ("-q" in slug)]
        before = [s for s in candidates if reports[s][1][1] + datetime.timedelta(days=1) == span[0]
                  and months(reports[s][1]) == months(span)]
        previous[slug] = before[-1] if before else None
    return reports, previous


def oracle_pages(content):
    reports, previous = reports_of(content)
    figures = {slug: report(content, evaluated, span) for slug, (evaluated, span) in reports.items()}
    return {slug: expected_page(figures[slug], figures[previous[slug]] if previous[slug] else None)
            for slug in reports}, previous


# --------------------------------------------------------------------------- the tests


def test_the_made_year_differs_from_2024_both_ways(content):
    """The oracle's own premise: 2023 is not a copy of 2024; some figures rise, some fall."""
    pages, previous = oracle_pages(content)
    assert previous["2024"] == "2023" and previous[None] == "2023" and previous["2023"] is None
    directions = {cell[1][0] for cell in pages["2024"].values() if cell[1]}
    assert {"up", "down"} <= directions, directions


@pytest.mark.parametrize("slug", [None, "2023", "2024"] + [f"{y}-q{q}" for y in (2023, 2024) for q in range(1, 5)])
def test_every_figure_and_change_matches_the_oracle(site, content, slug):
    pages, previous = oracle_pages(content)
    expected = pages[slug]
    page = report_page(site, slug)
    shown = page_cells(page)
    assert set(shown) == set(expected), sorted(set(shown) ^ set(expected))
    wrong = [(key, "chibo", shown[key], "oracle", expected[key]) for key in expected if shown[key] != expected[key]]
    assert not wrong, f"/bao-cao/{slug + '/' if slug else ''}: " + "\n".join(map(str, wrong))
    if previous[slug] is None:
        assert 'class="change change-' not in page


def test_the_first_year_and_quarter_compare_with_nothing(site):
    for slug in ("2023", "2023-q1"):
        page = report_page(site, slug)
        assert 'class="change ' not in page, slug
        assert "mức thay đổi so với" not in page, slug


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@pytest.mark.parametrize("slug", [None, "2024"] + [f"{y}-q{q}" for y in (2023, 2024) for q in range(1, 5)])
def test_each_figure_shows_the_previous_periods_value(site, content, slug):
    """Under each figure of the table by kind, the previous period's value as the oracle has it on
    that period's own report ("năm 2023: 29,3%"); none where there is no previous period."""
    pages, previous = oracle_pages(content)
    page = report_page(site, slug)
    shown = {cell_id: re.search(r'<span class="previous">(.*?)</span>', inner)
             for cell_id, inner in re.findall(r'<td class="num" id="(loai-[^"]+)"[^>]*>(.*?)</td>', page, re.S)}
    assert shown, slug
    before = previous[slug]
    if before is None:
        assert all(found is None for found in shown.values()), slug
        return
    year, _, quarter = before.partition("-q")
    name = f"quý {ROMAN[int(quarter)]}/{year}" if quarter else f"năm {year}"
    for cell_id, found in shown.items():
        value = pages[before][cell_id][0]
        if value == "–":
            assert found is None, (slug, cell_id)
            continue
        assert found and text_of(found.group(1)) == f"{name}: {value}", (slug, cell_id, found and found.group(1))


@pytest.mark.parametrize("slug", [None, "2024"] + [f"{y}-q{q}" for y in (2023, 2024) for q in range(1, 5)])
def test_each_report_names_the_period_it_is_compared_with(site, content, slug):
    _, previous = oracle_pages(content)
    before = previous[slug]
    if before is None:
        assert "mức thay đổi so với" not in report_page(site, slug)
        return
    year, _, quarter = before.partition("-q")
    name = f"quý {ROMAN[int(quarter)]}/{year}" if quarter else f"năm {year}"
    assert f"mức thay đổi so với {name}." in report_page(site, slug), (slug, name)


def test_scorecards_json_years_match_the_oracle(site, content):
    data = json.loads((site / "data" / "scorecards.json").read_text(encoding="utf-8"))
    years = year_ranges(content)
    judged = [(m, judge(content, m)) for m in content.meetings]

    def rate(part, whole):
        return math.floor(Fraction(part, whole) * 10000 + Fraction(1, 2)) / 10000 if whole else None

    def expected_years(branches):
        result = []
        for year, (start, end) in years.items():
            totals, codes = Totals(), set()
            for meeting, verdict in judged:
                if meeting["branch"] in branches and start <= meeting["date"] <= end:
                    totals.add(content, meeting, verdict)
                    codes.update(verdict["codes"])
            for branch in branches:
                codes.update(code for code, _ in branch_gaps(content, branch, (start, end)))
            if totals.meetings == 0 and not codes:
                continue
            result.append({
                "year": year, "meetings": totals.meetings,
                "speaking_rate": rate(totals.speakers, totals.present),
                "attendance_rate": rate(totals.present, totals.members),
                "supervised_meetings": totals.supervised,
                "ratings": {name: totals.ratings.get(name, 0) for name in content.rating_names},
                "average_total": (math.floor(Fraction(totals.points, totals.meetings) * 100 + Fraction(1, 2)) / 100
                                  if totals.meetings else None),
                "findings": sorted(codes)})
        return result

    checked = 0
    for unit in data["units"]:
        info = content.units[unit["id"]]
        branches = ([unit["id"]] if info["kind"] == "branch"
                    else [b for b in content.branches if content.units[b]["parent"] == unit["id"]])
        shown = [{"year": entry["year"], "meetings": entry["summary"]["meetings"],
                  "speaking_rate": entry["summary"]["speaking_rate"],
                  "attendance_rate": entry["summary"]["attendance_rate"],
                  "supervised_meetings": entry["summary"]["supervised_meetings"],
                  "ratings": entry["summary"]["ratings"], "average_total": entry["summary"]["average_total"],
                  "findings": sorted(entry["findings"])} for entry in unit["years"]]
        assert shown == expected_years(branches), unit["id"]
        checked += 1
    assert checked == len(content.units)


# ----- adding a year


def later_year(folder, period_year=2025):
    """Adds a few meetings in January and February 2025 and moves `period` to 2025."""
    header, rows = read_meetings_csv(folder / "meetings" / "2024-q1.csv")
    column = columns_of(header)
    added = []
    for row in rows:
        day = parse_date(row[column["date"]])
        if day.month <= 2 and day.day != 29 and len(added) < 12 and row[column["branch"]] not in {
                r[column["branch"]] for r in added}:
            row = list(row)
            row[column["date"]] = day.replace(year=2025).strftime("%d/%m/%Y")
            added.append(row)
    write_meetings_csv(folder / "meetings" / "2025-q1.csv", header, added)
    site_yaml = folder / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    text = re.sub(r"period:\n  from: \d{4}-01-01\n  to: \d{4}-12-31",
                  f"period:\n  from: {period_year}-01-01\n  to: {period_year}-12-31", text)
    assert f"from: {period_year}-01-01" in text
    site_yaml.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def later(content_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("years-later") / "content"
    shutil.copytree(content_dir, folder)
    later_year(folder)
    output = tmp_path_factory.mktemp("years-later-site") / "public"
    result = build(folder, output, "--date", "2025-03-31")
    assert result.returncode == 0, result.stderr
    return folder, output


EARLIER = ["2023", "2024"] + [f"{y}-q{q}" for y in (2023, 2024) for q in range(1, 5)]


@pytest.mark.parametrize("slug", EARLIER)
def test_adding_a_year_keeps_earlier_years_urls_and_figures(site, later, slug):
    _, output = later
    before, after = page_cells(report_page(site, slug)), page_cells(report_page(output, slug))
    changed = {key: (before.get(key), after.get(key)) for key in set(before) | set(after)
               if before.get(key) != after.get(key)}
    assert not changed, changed


def test_adding_a_year_changes_earlier_pages_only_by_the_new_years_link(site, later):
    """Every page under an earlier year's report (the report, its letter, its lists) keeps its URL
    and its text; what differs is the build date in the print footer, the link to the new year in
    the list of years, and the anchor of a link to a meeting no longer in the period."""
    _, output = later
    def pages(root):
        return {p.relative_to(root) for folder in EARLIER for p in (root / "bao-cao" / folder).rglob("*.html")}
    before, after = pages(site), pages(output)
    assert before and before <= after, sorted(map(str, before - after))[:10]

    def lines(path):
        # A meeting's date links to its row on the scorecard while the meeting is in the period, and
        # to the scorecard itself once a later period is reported (the scorecard lists the period's
        # meetings): the link's page stays, its anchor goes.
        text = re.sub(r'(href="/don-vi/[^/"]+/)#sh-[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z]+"', r'\1"',
                      path.read_text(encoding="utf-8"))
        return [line for line in text.splitlines()
                if 'class="print-footer"' not in line and line != '<li><a href="/bao-cao/2025/">Năm 2025</a></li>']
    changed = [str(p) for p in sorted(before) if lines(site / p) != lines(output / p)]
    assert not changed, changed[:20]


def test_the_added_year_is_reported_by_the_oracle(later):
    """The new period (2025) and year (January and February only) against the oracle: the period is
    a calendar year, compared with 2024; the cut year and its quarter have no period of their
    length before them."""
    folder, output = later
    content = Content(folder)
    pages, previous = oracle_pages(content)
    assert previous[None] == "2024" and previous["2025"] is None and previous["2025-q1"] is None
    for slug in (None, "2025", "2025-q1"):
        shown, expected = page_cells(report_page(output, slug)), pages[slug]
        wrong = [(key, shown.get(key), expected[key]) for key in expected if shown.get(key) != expected[key]]
        assert not wrong, (slug, wrong)


# ----- a rebuild after a change in the latest year


def test_a_change_in_the_latest_year_rerenders_no_page_of_an_earlier_year(content_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("years-incremental") / "content"
    shutil.copytree(content_dir, folder)
    output = tmp_path_factory.mktemp("years-incremental-site") / "public"
    first = build(folder, output, "--date", BUILD_DATE)
    assert first.returncode == 0, first.stderr
    earlier = sorted(p for p in (output / "bao-cao" / "2023").rglob("*") if p.is_file())
    earlier += sorted(p for q in range(1, 5) for p in (output / "bao-cao" / f"2023-q{q}").rglob("*") if p.is_file())
    assert earlier
    stamps = {p: (os.stat(p).st_ino, os.stat(p).st_mtime_ns) for p in earlier}
    q4 = (output / "bao-cao" / "2024-q4" / "index.html").read_text(encoding="utf-8")

    # One row of 2024's last quarter: IT used where it was not (or the reverse).
    path = folder / "meetings" / "2024-q4.csv"
    header, rows = read_meetings_csv(path)
    column = columns_of(header)
    rows[0][column["it"]] = "không" if fold(rows[0][column["it"]]) in TRUE else "có"
    write_meetings_csv(path, header, rows)
    second = build(folder, output, "--date", BUILD_DATE)
    assert second.returncode == 0, second.stderr
    summary = second.stdout + second.stderr
    kept = re.search(r"([\d.,]+) pages kept without rendering", summary)
    assert kept, summary
    assert int(re.sub(r"\D", "", kept.group(1))) >= len([p for p in earlier if p.suffix == ".html"]), summary

    assert (output / "bao-cao" / "2024-q4" / "index.html").read_text(encoding="utf-8") != q4
    redone = [str(p.relative_to(output)) for p, stamp in stamps.items()
              if not p.exists() or (os.stat(p).st_ino, os.stat(p).st_mtime_ns) != stamp]
    assert not redone, redone
