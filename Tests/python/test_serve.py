"""`chibo serve`, the live preview, driven by headless Chromium.

A copy of the scorecard fixture is served on a free loopback port. The browser opens a guidance
page, and the test only edits files: the page must follow by itself (no navigation by the test).
A broken meeting CSV and a broken workbook cell show an overlay with both locations; fixing them
removes it. Also two quick edits in a row, a file deleted and made again, and an editor's atomic
save (a temporary file renamed over the old one). What `serve` adds never reaches `build` output.
"""
import io
import os
import queue
import shutil
import subprocess
import threading
import time
import urllib.request

import openpyxl
import pytest

import browser_support as support
from conftest import CHIBO, ROOT, build
from test_nginx import free_port
from test_workbooks import add_rows, read_csv

FIXTURE = ROOT / "Tests" / "Fixtures" / "scorecard-site"
DATE = ("--date", "2024-04-10")


class Serve:
    def __init__(self, content, port, extra=(), env=None):
        self.lines = queue.Queue()
        self.process = subprocess.Popen(
            [str(CHIBO), "serve", "--content", str(content), "--theme", str(ROOT / "site-theme"),
             "--port", str(port), *DATE, *extra],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, encoding="utf-8", env=env)
        threading.Thread(target=self._read, daemon=True).start()
        self.log = []
        self.wait_for_line("serving http://127.0.0.1:")

    def _read(self):
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, text, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            self.log.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r}; got {self.log}")

    def stop(self):
        self.process.send_signal(2)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


@pytest.fixture()
def served(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    port = free_port()
    serve = Serve(content, port)
    driver = support.start_chromium()
    try:
        yield content, f"http://127.0.0.1:{port}", driver, serve
    finally:
        driver.quit()
        serve.stop()
    assert serve.process.returncode == 0, serve.log


def page_text(driver):
    return driver.execute_script("return document.body ? document.body.innerText : ''")


def overlay_text(driver):
    return driver.execute_script(
        "const o = document.querySelector('.chibo-overlay'); return o ? o.innerText : null")


def test_pages_follow_edits_and_the_overlay_shows_every_error(served):
    content, base, driver, serve = served
    page = content / "guidance" / "quy-dinh.md"
    driver.get(base + "/van-ban/quy-dinh/")
    support.wait_until_loaded(driver)
    original = page.read_text(encoding="utf-8")

    # An edit shows without the test navigating.
    page.write_text(original + "\nĐoạn mới thứ nhất của bản xem trước.\n", encoding="utf-8")
    support.wait_for(driver, lambda d: "Đoạn mới thứ nhất" in page_text(d), message="the edit did not show")

    # Two quick edits in a row: the page ends with the second.
    page.write_text(original + "\nBản sửa A.\n", encoding="utf-8")
    page.write_text(original + "\nBản sửa B cuối cùng.\n", encoding="utf-8")
    support.wait_for(driver, lambda d: "Bản sửa B cuối cùng" in page_text(d), message="the last edit did not win")
    time.sleep(1)
    assert "Bản sửa B cuối cùng" in page_text(driver) and "Bản sửa A" not in page_text(driver)

    # An editor's atomic save: a temporary file renamed over the page.
    temporary = page.with_name(".quy-dinh.md.tmp")
    temporary.write_text(original + "\nLưu kiểu nguyên tử.\n", encoding="utf-8")
    os.replace(temporary, page)
    support.wait_for(driver, lambda d: "Lưu kiểu nguyên tử" in page_text(d), message="the atomic save did not show")

    # A broken meeting CSV and a broken workbook cell: both locations in the overlay.
    meetings = content / "meetings" / "2024-q1.csv"
    good_meetings = meetings.read_bytes()
    rows = read_csv(meetings)
    header = rows[0]
    present = header.index("Có mặt")
    broken = [list(row) for row in rows]
    broken[1][present] = "99"
    meetings.write_text("\n".join(";".join(row) for row in broken) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Quý 2"
    record = list(rows[1])
    record[1] = "10/04/2024"
    add_rows(sheet, header, [record])
    sheet.cell(row=2, column=header.index("Phát biểu") + 1).value = "#REF!"
    book.save(content / "meetings" / "2024-q2.xlsx")
    # Wait for the two errors themselves: a build may start while openpyxl is still writing the
    # workbook and report it cut short (`2024-q2.xlsx:1:1`); the save's end must bring the cell's.
    support.wait_for(
        driver,
        lambda d: all(place in (overlay_text(d) or "") for place in ("meetings/2024-q1.csv:2:",
                                                                     "meetings/2024-q2.xlsx:2:")),
        timeout=30, message="the overlay did not list both errors")
    text = overlay_text(driver)
    assert "meetings/2024-q1.csv:2:" in text, text
    # The cell's place in words after its location: `(sheet "Quý 2", cell G2)` here, in English.
    assert "meetings/2024-q2.xlsx:2:" in text and '"Quý 2"' in text and "G2" in text, text
    assert "99" in text
    # The last good site is still served beneath it.
    assert "Lưu kiểu nguyên tử" in page_text(driver)

    # Fixing both removes the overlay.
    meetings.write_bytes(good_meetings)
    (content / "meetings" / "2024-q2.xlsx").unlink()
    support.wait_for(driver, lambda d: overlay_text(d) is None, timeout=15, message="the overlay stayed")

    # The page deleted, then made again. site.yaml's finding_guidance names its number, so without it
    # the content has an error: the overlay says so over the last good page.
    page.unlink()
    support.wait_for(
        driver, lambda d: "14-QĐ/TU" in (overlay_text(d) or ""), timeout=15,
        message="the deletion did not show as an error")
    page.write_text(original + "\nTrang được tạo lại.\n", encoding="utf-8")
    support.wait_for(driver, lambda d: "Trang được tạo lại" in page_text(d), timeout=15,
                     message="the page made again did not show")
    assert overlay_text(driver) is None


def test_serve_adds_nothing_to_build_output(tmp_path):
    result = build(FIXTURE, tmp_path / "public", *DATE)
    assert result.returncode == 0, result.stderr
    checked = 0
    for path in (tmp_path / "public").rglob("*"):
        if path.is_file():
            assert b"_chibo" not in path.read_bytes(), path
            checked += 1
    assert checked > 50, f"only {checked} files built"


def test_a_port_in_use_is_refused_with_a_clear_message(tmp_path):
    port = free_port()
    first = Serve(FIXTURE, port)
    try:
        second = subprocess.run(
            [str(CHIBO), "serve", "--content", str(FIXTURE), "--theme", str(ROOT / "site-theme"),
             "--port", str(port), *DATE],
            capture_output=True, text=True, timeout=30)
        assert second.returncode == 2, second.stderr
        assert f"127.0.0.1:{port} is in use" in second.stderr
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_chibo/state.json") as response:
            assert response.headers["Content-Security-Policy"]
            assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    finally:
        first.stop()
    assert first.process.returncode == 0


INJECTED = (b'<link rel="stylesheet" href="/_chibo/preview.css">'
            b'<script src="/_chibo/preview.js" defer></script>')


def test_after_edits_the_preview_serves_a_clean_builds_bytes(tmp_path):
    """The site lives in the preview's memory and each build sends only what changed: after a series
    of edits (a page's text, a meeting row, a page added and another deleted), every file of a clean
    `chibo build --no-precompress` is served with its bytes (a page with the preview's script added),
    and nothing else is."""
    import json
    import urllib.parse
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    port = free_port()
    serve = Serve(content, port)
    base = f"http://127.0.0.1:{port}"

    def fetch(path):
        try:
            with urllib.request.urlopen(base + urllib.parse.quote(path)) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def settled(version):
        deadline = time.time() + 30
        while time.time() < deadline:
            state = json.loads(fetch("/_chibo/state.json")[1])
            if state["version"] > version:
                assert not [p for p in state["problems"] if p["severity"] == "error"], state
                return state["version"]
            time.sleep(0.05)
        raise AssertionError("no build")

    try:
        version = json.loads(fetch("/_chibo/state.json")[1])["version"]
        page = content / "guidance" / "hoc-tap.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nMột đoạn thêm.\n", encoding="utf-8")
        version = settled(version)
        meetings = content / "meetings" / "2024-q1.csv"
        meetings.write_text(meetings.read_text(encoding="utf-8").replace(
            "cb-van-phong;10/01/2024;thường kỳ;;;10;4;", "cb-van-phong;10/01/2024;thường kỳ;;;10;5;"),
            encoding="utf-8")
        version = settled(version)
        (content / "guidance" / "trang-moi.md").write_text("---\ntitle: Trang mới\n---\n\nMới.\n", encoding="utf-8")
        version = settled(version)
        (content / "guidance" / "trang-moi.md").unlink()
        (content / "guidance" / "hoc-tap-them.md").write_text(
            "---\ntitle: Học tập thêm\n---\n\nThêm.\n", encoding="utf-8")
        settled(version)
        result = build(content, tmp_path / "public", "--no-precompress", *DATE)
        assert result.returncode == 0, result.stderr
        checked = 0
        for path in sorted((tmp_path / "public").rglob("*")):
            relative = str(path.relative_to(tmp_path / "public"))
            if not path.is_file() or any(part.startswith(".") for part in relative.split("/")):
                continue
            url = "/" + (relative[:-len("index.html")] if relative.endswith("index.html") else relative)
            status, body = fetch(url)
            assert status == 200, relative
            expected = path.read_bytes()
            if relative.endswith(".html"):
                assert body.count(INJECTED) == 1, relative
                body = body.replace(INJECTED, b"")
            assert body == expected, relative
            checked += 1
        assert checked > 50
        assert fetch("/van-ban/trang-moi/")[0] == 404
    finally:
        serve.stop()
