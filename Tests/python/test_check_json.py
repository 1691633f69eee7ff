"""`chibo check --format json`: the diagnostics as one JSON document on standard output.

Its shape is what docs/check-json.md and the content format's command-line section promise: each
diagnostic with `code`, `severity`, `file`, `line`, `column`, `sheet` and `cell` (null outside a
workbook) and `message`, in that order; the counts; the exit status of `check`.
"""
import json
import shutil
import subprocess

import openpyxl

from conftest import CHIBO, ROOT
from test_workbooks import FIXTURE, read_csv, valid_workbook_bytes

DATE = ("--date", "2024-04-10")
KEYS = ["code", "severity", "file", "line", "column", "sheet", "cell", "message"]


def check_json(content, *extra):
    result = subprocess.run(
        [str(CHIBO), "check", "--content", str(content), "--theme", str(ROOT / "site-theme"), *DATE,
         "--format", "json", *extra],
        capture_output=True, text=True, check=False)
    return result, json.loads(result.stdout) if result.stdout else None


def test_a_clean_site_is_an_empty_list_and_status_0():
    result, document = check_json(FIXTURE)
    assert result.returncode == 0, result.stderr
    assert list(document) == ["diagnostics", "errors", "warnings"]
    assert document["errors"] == 0
    assert document["warnings"] == len(document["diagnostics"])
    for item in document["diagnostics"]:
        assert list(item)[:len(KEYS)] == KEYS
        assert item["severity"] == "warning"
    assert result.stderr == ""


def test_errors_in_a_csv_and_a_workbook_cell_are_listed_with_their_places(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    csv = content / "meetings" / "2024-q1.csv"
    text = csv.read_text(encoding="utf-8-sig")
    csv.write_text(text.replace("10/01/2024", "31/02/2024", 1), encoding="utf-8")
    rows = read_csv(FIXTURE / "meetings" / "2024-q1.csv")
    header = rows[0]
    record = list(rows[1])
    record[1] = "10/04/2024"
    record[header.index("Có mặt")] = "25"
    data, _ = valid_workbook_bytes([record])
    (content / "meetings" / "2024-q2.xlsx").write_bytes(data)

    result, document = check_json(content)
    assert result.returncode == 1, result.stderr
    items = document["diagnostics"]
    assert document["errors"] == sum(1 for item in items if item["severity"] == "error") >= 2
    assert document["warnings"] == len(items) - document["errors"]
    for item in items:
        assert list(item)[:len(KEYS)] == KEYS, item
        assert isinstance(item["line"], int) and isinstance(item["column"], int)
    date = [item for item in items if item["code"] == "value.not-a-date"]
    assert date and date[0]["file"] == "meetings/2024-q1.csv" and date[0]["line"] == 2, items
    assert date[0]["sheet"] is None and date[0]["cell"] is None
    column = header.index("Có mặt") + 1
    cell = [item for item in items if item["file"] == "meetings/2024-q2.xlsx" and item["severity"] == "error"]
    assert cell, items
    assert cell[0]["code"] == "meeting.impossible-figures"
    assert (cell[0]["line"], cell[0]["column"]) == (2, column)
    assert cell[0]["sheet"] == "Quý 2"
    assert cell[0]["cell"] == f"{openpyxl.utils.get_column_letter(column)}2"
    # The same diagnostics as the text output, in the same order.
    text = subprocess.run(
        [str(CHIBO), "check", "--content", str(content), "--theme", str(ROOT / "site-theme"), *DATE],
        capture_output=True, text=True, check=False)
    assert text.returncode == 1
    lines = [line for line in text.stderr.splitlines() if ": error: " in line or ": warning: " in line]
    assert [f"{item['file']}:{item['line']}:{item['column']}" for item in items] == \
        [line.split(": ")[0] for line in lines]
    # The same content gives the same bytes.
    again, _ = check_json(content)
    assert again.stdout == result.stdout


def test_a_usage_error_is_status_2_and_no_document(tmp_path):
    result, document = check_json(tmp_path / "none", "--date", "2024-13-40")
    assert result.returncode == 2
    assert document is None
