"""Bad content: chibo must refuse it cleanly, and leave a published site alone.

Every folder in Tests/Fixtures/bad/ is one case: the scorecard fixture site with one thing broken,
stored as an overlay on it (`overlay/` holds the files that differ or are added, `remove.txt` the
paths to delete; see `bad_corpus.py` and the folder's README.md), materialised into a temporary
content folder at test time. `expected.txt` holds regular expressions, one a line, that must each
match a line of standard error (`#` lines are comments), and lines `@ FILE:LINE:COLUMN SEVERITY CODE`,
each a diagnostic that `chibo check --format json` must report: a problem whose wording is the
catalogue's (Sources/ChiboModel/MessageCatalogue.swift, tested there) is expected by its code. A `# KNOWN-GAP: ...` line marks a case the tool gets wrong
today (not detected, a crash, a confusing message); such a case is an expected failure and turns
into an error once the tool is fixed, so that the marker gets removed. The cases that need a symlink,
a 50 MB file, a control character or CR line ends are made here, in a temporary copy, rather than
committed.

For each case: a good site is in the output folder (a copy, with the same bytes and times, of one
built from Tests/Fixtures/scorecard-site), the bad content is built into that same folder, and then
- the exit status is 1 (not 0, not 2, not a signal) and the build finished in time;
- every line of standard error but the last is `FILE:LINE:COLUMN: error|warning: MESSAGE` and the
  last says how many errors there were and that nothing was published;
- every expected expression matches a line, and every expected code is reported at its place;
- the output folder is untouched (same files, bytes and modification times, same folder) and
  nothing was left beside it.
"""
import datetime
import errno
import json
import os
import random
import re
import shutil
import subprocess
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

from bad_corpus import BAD, BASE as GOOD, materialise, overlay_files, removals
from conftest import CHIBO, ROOT, build

DATE = ("--date", "2024-04-10")
DIAGNOSTIC = re.compile(r"^[^:]+:\d+:\d+: (error|warning): .+")
SUMMARY = re.compile(r"^\d+ errors?; nothing was published$")
GAP = "# KNOWN-GAP:"
TIMEOUT = 10  # seconds; a case of the corpus builds in well under one


def build_bad(content, output, timeout):
    """`chibo build` with a time limit (`subprocess.TimeoutExpired`, the process killed), reading its
    output as UTF-8 whatever the locale; waits while the binary is being relinked."""
    for attempt in range(30):
        try:
            return subprocess.run(
                [str(CHIBO), "build", "--content", str(content), "--output", str(output),
                 "--theme", str(ROOT / "site-theme"), *DATE],
                capture_output=True, encoding="utf-8", errors="replace", check=False, timeout=timeout)
        except OSError as error:
            if error.errno != errno.ETXTBSY or attempt == 29:
                raise
            time.sleep(1)


class Case:
    def __init__(self, name, expected, gap=None, source=None, overlay=None, prepare=None, timeout=TIMEOUT):
        self.name = name
        self.expected = expected  # regexes; for a made case, computed by `prepare`
        self.gap = gap
        self.source = source  # the content folder to copy, for a made case
        self.overlay = overlay  # the case folder of Tests/Fixtures/bad to materialise, for a corpus case
        self.prepare = prepare  # prepare(content, scratch) -> expected regexes, for made cases
        self.timeout = timeout


def corpus_cases():
    cases = []
    for folder in sorted(path for path in BAD.iterdir() if path.is_dir()):
        lines = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
        gaps = [line[len(GAP):].strip() for line in lines if line.startswith(GAP)]
        expected = [line for line in lines if line.strip() and not line.startswith("#")]
        cases.append(Case(folder.name, expected, gap=gaps[0] if gaps else None, overlay=folder))
    return cases


# ---------------------------------------------------------------- cases made at test time

MADE = []


def made(gap=None, timeout=TIMEOUT):
    def register(function):
        name = "made-" + function.__name__.replace("_", "-")
        MADE.append(Case(name, [], gap=gap, source=GOOD, prepare=function, timeout=timeout))
        return function
    return register


@made()
def symlink_guidance_to_etc_passwd(content, scratch):
    (content / "guidance" / "passwd.md").symlink_to("/etc/passwd")
    return [r"^guidance/passwd\.md:1:1: error: this file is a link to /etc/passwd, outside the content folder; "
            r"copy it into the content folder instead$"]


@made()
def symlink_units_to_etc_passwd(content, scratch):
    (content / "units.csv").unlink()
    (content / "units.csv").symlink_to("/etc/passwd")
    return [r"^units\.csv:1:1: error: this file is a link to /etc/passwd, outside the content folder"]


@made()
def symlink_folder_outside(content, scratch):
    outside = scratch / "outside"
    outside.mkdir()
    (outside / "a.md").write_text("---\ntitle: Ngoài\n---\nNgoài.\n", encoding="utf-8")
    (content / "guidance" / "ngoai").symlink_to(outside, target_is_directory=True)
    return [r"^guidance/ngoai:1:1: error: this folder is a link to /.*/outside, outside the content folder; "
            r"copy it into the content folder instead$"]


@made()
def symlink_loop(content, scratch):
    (content / "guidance" / "vong").symlink_to(".", target_is_directory=True)
    return [r"^guidance/vong:1:1: error: .*(link|loop)"]


# Links that leave the content folder, or go round in a loop, are refused at the link (issue 11).

@made()
def symlink_folder_to_root(content, scratch):
    (content / "guidance" / "goc").symlink_to("/", target_is_directory=True)
    return [r"^guidance/goc:1:1: error: this folder is a link to /, outside the content folder"]


@made()
def symlink_folder_to_proc_self(content, scratch):
    (content / "guidance" / "proc").symlink_to("/proc/self", target_is_directory=True)
    return [r"^guidance/proc:1:1: error: this folder is a link to /proc/\d+, outside the content folder"]


@made()
def symlink_siblings_pointing_at_each_other(content, scratch):
    (content / "guidance" / "a").symlink_to("b", target_is_directory=True)
    (content / "guidance" / "b").symlink_to("a", target_is_directory=True)
    return [r"^guidance/a:1:1: error: this (file|folder) is a link that cannot be followed \(it is a loop of links\)",
            r"^guidance/b:1:1: error: this (file|folder) is a link that cannot be followed \(it is a loop of links\)"]


@made()
def symlink_folder_to_parent_of_parent(content, scratch):
    (content / "guidance" / "con").mkdir()
    (content / "guidance" / "con" / "chau").mkdir()
    (content / "guidance" / "con" / "chau" / "len").symlink_to("../..", target_is_directory=True)
    return [r"^guidance/con/chau/len:1:1: error: this folder is published already under another name"]


@made()
def symlink_folder_to_meetings(content, scratch):
    (content / "guidance" / "du-lieu").symlink_to("../meetings", target_is_directory=True)
    return [r"^guidance/du-lieu:1:1: error: this folder is a link to /.*/meetings, outside guidance/"]


@made()
def two_links_to_one_folder(content, scratch):
    (content / "guidance" / "that").mkdir()
    (content / "guidance" / "that" / "a.md").write_text("---\ntitle: A\n---\nA.\n", encoding="utf-8")
    (content / "guidance" / "ban-sao").symlink_to("that", target_is_directory=True)
    return [r"^guidance/that:1:1: error: this folder is published already under another name"]


# Attachments: only the kinds a guidance folder needs, and only when their bytes say so.

@made()
def attachment_html_and_script(content, scratch):
    (content / "guidance" / "evil.html").write_text('<script src="evil.js"></script>', encoding="utf-8")
    (content / "guidance" / "evil.js").write_text("alert(document.cookie)", encoding="utf-8")
    (content / "guidance" / "Style.CSS").write_text("body{}", encoding="utf-8")
    return [r"^guidance/evil\.html:1:1: error: `evil\.html` cannot be published: .*pdf.*png.*(could run in the site)",
            r"^guidance/evil\.js:1:1: error: `evil\.js` cannot be published",
            r"^guidance/Style\.CSS:1:1: error: `Style\.CSS` cannot be published"]


@made()
def attachment_svg_with_script(content, scratch):
    (content / "guidance" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    return [r"^guidance/logo\.svg:1:1: error: `logo\.svg` cannot be published: .*save an SVG as PNG"]


@made()
def attachment_disguised(content, scratch):
    (content / "guidance" / "mau.pdf").write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    (content / "guidance" / "anh.png").write_bytes(b"<svg onload=alert(1)>")
    (content / "guidance" / "ghi-chu.txt").write_bytes(b"<script>\x00</script>")
    (content / "guidance" / "khong-duoi").write_bytes(b"%PDF-1.4")
    return [r"^guidance/mau\.pdf:1:1: error: `mau\.pdf` is not what its name says: a PDF file starts with %PDF-",
            r"^guidance/anh\.png:1:1: error: `anh\.png` is not what its name says: a PNG file",
            r"^guidance/ghi-chu\.txt:1:1: error: `ghi-chu\.txt` is not what its name says: a text file is UTF-8",
            r"^guidance/khong-duoi:1:1: error: `khong-duoi` cannot be published"]


# Control characters are refused at the cell or the character.

@made()
def control_characters_in_csv_cells(content, scratch):
    meetings = content / "meetings" / "2024-q1.csv"
    text = meetings.read_bytes().decode("utf-8")
    text = text.replace("tiêu chí 1 và 4 chưa tối đa", "tiêu chí\x1b[31m 1", 1)
    meetings.write_bytes(text.replace("Nguyễn Văn An;\r\n", "Nguyễn\x00 Văn An;\r\n", 1).encode("utf-8"))
    units = content / "units.csv"
    units.write_bytes(units.read_bytes().decode("utf-8").replace("Chi bộ Văn phòng Sở", "Chi bộ\u0085Văn phòng")
                      .encode("utf-8"))
    return [r"^meetings/2024-q1\.csv:2:\d+: error: this cell holds the control character U\+0000",
            r"^meetings/2024-q1\.csv:3:\d+: error: this cell holds the control character U\+001B",
            r"^units\.csv:3:\d+: error: this cell holds the control character U\+0085"]


@made()
def control_character_in_markdown(content, scratch):
    page = content / "guidance" / "hoc-tap.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[4] = lines[4][:3] + "\x07" + lines[4][3:]
    page.write_text("\n".join(lines), encoding="utf-8")
    return [r"^guidance/hoc-tap\.md:5:4: error: the text holds the control character U\+0007"]


@made()
def escaped_control_character_in_yaml(content, scratch):
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("title: Sổ tay thử", 'title: "Sổ tay\\e[31m thử"'),
                    encoding="utf-8")
    return [r"^site\.yaml:1:8: error: `title` holds the control character U\+001B \(written as an escape\)"]


# Settings that reach an output as a URL.

@made()
def base_url_with_line_break(content, scratch):
    with open(content / "site.yaml", "a", encoding="utf-8") as file:
        file.write('base_url: "https://intranet.example\\r\\nATTENDEE:mailto:evil@example"\n')
    return ["@ site.yaml:9:11 error value.bad-form"]


@pytest.mark.parametrize("value", ['"https://a.example/<x>"', '"https://user@a.example"', '"https://a.example/?q=1"',
                                   '"https://a b.example"', '"javascript:alert(1)"', '"https://a.example:99999"',
                                   "'https://a.example/\"onmouseover=x'"])
def test_base_url_that_is_not_an_address_is_refused(tmp_path, value):
    content = tmp_path / "content"
    shutil.copytree(GOOD, content)
    with open(content / "site.yaml", "a", encoding="utf-8") as file:
        file.write(f"base_url: {value}\n")
    result = build(content, tmp_path / "public", *DATE)
    assert result.returncode == 1, result.stderr
    assert "@ site.yaml:9:11 error value.bad-form" in reported_codes(content, TIMEOUT)


# Periods: bounded, and a cost that follows the data.

@made(timeout=5)
def period_of_ten_thousand_years(content, scratch):
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "period: {from: 2024-01-01, to: 2024-03-31}", "period: {from: 0001-01-01, to: 9999-12-31}"), encoding="utf-8")
    return [r"^site\.yaml:3:9: error: `period` spans 9999 years \(0001-01-01 to 9999-12-31\); a reporting period "
            r"is at most 10 years"]


@made()
def period_with_mistyped_year(content, scratch):
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("to: 2024-03-31", "to: 2204-03-31"), encoding="utf-8")
    return [r"^site\.yaml:3:9: error: `period` spans 180 years"]


@made()
def meeting_with_mistyped_year_and_no_period(content, scratch):
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("period: {from: 2024-01-01, to: 2024-03-31}\n", ""),
                    encoding="utf-8")
    meetings = content / "meetings" / "2024-q1.csv"
    text = meetings.read_bytes().decode("utf-8")
    meetings.write_bytes(text.replace("cb-van-phong;07/02/2024;", "cb-van-phong;07/02/2204;").encode("utf-8"))
    return [r"^meetings/2024-q1\.csv:3:1: error: the meeting records span \d{4}-\d\d-\d\d to 2204-02-07, more than "
            r"10 years; is the year of this one \(2204-02-07\) mistyped\?"]


# Names too long for the server's file system are found by `check` too, at the file.

@made()
def guidance_name_too_long(content, scratch):
    name = "huong-dan-" + "rat-dai-" * 30 + ".md"
    (content / "guidance" / name).write_text("---\ntitle: Dài\n---\nDài.\n", encoding="utf-8")
    return [rf"^guidance/{name[:-3]}\.md:1:1: error: the name gives a URL part of \d+ bytes"]


@made()
def guidance_folders_differing_in_case(content, scratch):
    """Two folders that become one URL: the one spelt as its URL keeps it, the other is blamed once
    and no link into either is reported as broken."""
    lower = content / "guidance" / "quy-trinh"
    upper = content / "guidance" / "Quy-Trinh"
    for folder in (lower, upper):
        folder.mkdir()
        (folder / "buoc.md").write_text("---\ntitle: Bước\n---\n# Bước 1\n", encoding="utf-8")
    page = content / "guidance" / "hoc-tap.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[bước](quy-trinh/buoc.md) [Bước](Quy-Trinh/buoc.md)\n",
                    encoding="utf-8")
    return [r"^guidance/Quy-Trinh:1:1: error: `Quy-Trinh` and `quy-trinh` both become the URL `quy-trinh`; "
            r"rename `Quy-Trinh`$"]


@made()
def garbage_50mb(content, scratch):
    rng = random.Random(2024)
    with open(content / "meetings" / "rac.csv", "wb") as file:
        file.write(b"\xa7")  # TCVN3 Đ, never valid UTF-8
        for _ in range(50):
            file.write(rng.randbytes(1 << 20))
    return [r"^meetings/rac\.csv:1:1: error: the file is not UTF-8 \(byte 0xA7 at offset 0\); "
            r"it may be in an old Vietnamese encoding \(TCVN3, VNI\): save it again as UTF-8$"]


@made(gap="no size limit and no speed: a 50 MB meetings file takes over a minute in the debug build "
          "(1.5 to 2.5 s a MB) before the bad row near its end is reported", timeout=3)
def meetings_50mb(content, scratch):
    header = (GOOD / "meetings" / "2024-q1.csv").read_text(encoding="utf-8").splitlines()[0]
    branches = ["cb-van-phong", "cb-nghiep-vu", "cb-so-tai-chinh", "cb-dien-luc"]
    note = "Biên bản ghi đủ ý kiến phát biểu của từng đảng viên. " * 20  # about 1 KB a row
    last = datetime.date(2023, 11, 30).toordinal()  # going back in time, one date per branch
    rows = [header]
    size = 0
    while size < 50 << 20:
        date = datetime.date.fromordinal(last - len(rows) // 4).strftime("%d/%m/%Y")
        row = f"{branches[len(rows) % 4]};{date};thường kỳ;;;5;2;15;15;28;20;20;Tốt;có;có;x;Nguyễn Văn An;{note}"
        rows.append(row)
        size += len(row.encode("utf-8")) + 2
    bad = "cb-dien-luc;20/01/2024;thường kỳ;;;12;13;15;15;30;20;20;Tốt;có;có;có;;"
    rows.insert(len(rows) - 5, bad)
    line = len(rows) - 5
    column = len("cb-dien-luc;20/01/2024;thường kỳ;;;12;") + 1
    (content / "meetings" / "lon.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8"))
    return [rf"^meetings/lon\.csv:({line}:{column}: error: 13 speakers but only 12 members present$"
            r"|1:1: error: .*(MB|large|size))"]


@made()
def yaml_deep_nesting(content, scratch):
    with open(content / "site.yaml", "a", encoding="utf-8") as file:
        file.write("extra: " + "[" * 200_000 + "]" * 200_000 + "\n")
    return [r"^site\.yaml:9:\d+: error: lists or mappings are nested too deeply here \(1000 levels or more\); "
            r"content files need only a few$",
            r"^1 error; nothing was published$"]


def insert_at(path, line, column, text):
    """Inserts `text` in the file at `path` before `line`:`column` (from 1; the column in characters)."""
    lines = path.read_bytes().decode("utf-8").split("\n")
    lines[line - 1] = lines[line - 1][:column - 1] + text + lines[line - 1][column - 1:]
    path.write_bytes("\n".join(lines).encode("utf-8"))


@made()
def yaml_escape_character(content, scratch):
    """A raw ESC in site.yaml was reported at 1:1 with libyaml's words."""
    insert_at(content / "site.yaml", 5, 11, "\x1b")
    return [r"^site\.yaml:5:11: error: control character U\+001B is not allowed in YAML; remove it$",
            r"^1 error; nothing was published$"]


@made()
def yaml_nul_in_plan(content, scratch):
    insert_at(content / "plans" / "ke-hoach-mau.yaml", 9, 12, "\x00")
    return [r"^plans/ke-hoach-mau\.yaml:9:12: error: control character U\+0000 is not allowed in YAML; remove it$",
            r"^1 error; nothing was published$"]


@made()
def yaml_next_line_in_front_matter(content, scratch):
    """U+0085 is a line end to libyaml and none to chibo: refused, at its place in the whole file."""
    insert_at(content / "guidance" / "hoc-tap.md", 3, 9, "\u0085")
    return [r"^guidance/hoc-tap\.md:3:9: error: control character U\+0085 is not allowed in YAML; remove it$",
            r"^1 error; nothing was published$"]


@made()
def yaml_alias_bomb_as_key(content, scratch):
    """An alias used as a key made Yams hash the whole expansion (minutes); refused before composing."""
    names = "abcdefghi"
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{names[i]}: &{names[i]} [" + ", ".join(["*" + names[i - 1]] * 9) + "]" for i in range(1, 9)]
    lines.append("*i : 1")
    with open(content / "site.yaml", "a", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    return [r"^site\.yaml:10:8: error: `\*a` is a YAML alias", r"^1 error; nothing was published$"]


@made()
def guidance_cr_line_ends(content, scratch):
    """Old Mac line ends (CR only) in a guidance file: read like LF, so the broken link of line 7 is
    reported at line 7 (the file was said not to start with front matter)."""
    path = content / "guidance" / "hoc-tap.md"
    text = path.read_text(encoding="utf-8") + "\nXem [quy định](khong-co.md).\n"
    path.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    return [r"^guidance/hoc-tap\.md:7:5: error: the link names guidance/khong-co\.md, which does not exist",
            r"^1 error; nothing was published$"]


@made()
def guidance_crlf_line_ends_front_matter_error(content, scratch):
    path = content / "guidance" / "quy-dinh.md"
    text = path.read_text(encoding="utf-8").replace("\ntitle: ", "\norder: -1\ntitle: ", 1)
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return [r"^guidance/quy-dinh\.md:2:8: error: `order` cannot be negative \(-1\)$",
            r"^1 error; nothing was published$"]


@made()
def units_csv_is_a_folder(content, scratch):
    """The units file cannot be read: one error, not one "unknown branch" a meeting."""
    (content / "units.csv").unlink()
    (content / "units.csv").mkdir()
    return [r"^units\.csv:1:1: error: this is a folder, not a file; rename or remove it$",
            r"^units\.csv:1:1: warning: meeting records and plans are not checked against the units, "
            r"because units\.csv could not be read$",
            r"^1 error; nothing was published$"]


@made()
def units_file_missing(content, scratch):
    (content / "units.csv").unlink()
    return [r"^units\.csv:1:1: error: the content has rubrics or meetings but no units file",
            r"^1 error; nothing was published$"]


@made()
def rubric_is_a_folder(content, scratch):
    """A rubric that cannot be read: its regular meetings are not each reported for lacking one."""
    (content / "rubrics" / "thuong-ky.yaml").unlink()
    (content / "rubrics" / "thuong-ky.yaml").mkdir()
    return [r"^rubrics/thuong-ky\.yaml:1:1: error: this is a folder, not a file", r"^1 error; nothing was published$"]


CASES = corpus_cases() + MADE


def params():
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case.gap, strict=True)] if case.gap else []
        yield pytest.param(case, id=case.name, marks=marks)


# ---------------------------------------------------------------- the check

@pytest.fixture(scope="session")
def good_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("good") / "public"
    result = build(GOOD, output, *DATE)
    assert result.returncode == 0, result.stderr
    return output


def snapshot(folder):
    """Every file and folder under `folder`: kind, bytes and modification time; and the folder's inode."""
    state = {".": ("folder", os.stat(folder).st_ino, os.stat(folder).st_mtime_ns)}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            state[relative] = ("link", os.readlink(path))
        elif path.is_dir():
            state[relative] = ("folder", info.st_mtime_ns)
        else:
            state[relative] = ("file", path.read_bytes(), info.st_mtime_ns)
    return state


class Outcome:
    """What one bad build did: its process (None when it ran out of time), the expectations, and the
    output folder and its neighbours before and after."""

    def __init__(self, case, good_site, folder):
        content = folder / "content"
        if case.overlay:
            materialise(case.overlay, content)
        else:
            shutil.copytree(case.source, content, symlinks=True)
        self.expected = list(case.expected)
        if case.prepare:
            scratch = folder / "scratch"
            scratch.mkdir()
            self.expected += case.prepare(content, scratch)
        # The diagnostics by code, when the case expects codes.
        self.codes = reported_codes(content, case.timeout) if any(map(is_code, self.expected)) else set()
        parent = folder / "site"
        parent.mkdir()
        output = parent / "public"
        shutil.copytree(good_site, output, symlinks=True)  # copy2: same bytes and modification times
        self.before = snapshot(output)
        self.beside_before = sorted(os.listdir(parent))
        try:
            self.result = build_bad(content, output, case.timeout)
        except subprocess.TimeoutExpired:
            self.result = None
        self.after = snapshot(output)
        self.beside_after = sorted(os.listdir(parent))
        # `check` must find every problem that `build` finds.
        try:
            self.check = subprocess.run(
                [str(CHIBO), "check", "--content", str(content), "--theme", str(ROOT / "site-theme"), *DATE],
                capture_output=True, encoding="utf-8", errors="replace", check=False, timeout=case.timeout)
        except subprocess.TimeoutExpired:
            self.check = None
        if case.prepare:
            shutil.rmtree(content)  # the 50 MB files


def is_code(line):
    """Whether an expectation is a code (`@ FILE:LINE:COLUMN SEVERITY CODE`), not an expression."""
    return line.startswith("@ ")


def reported_codes(content, timeout):
    """`chibo check --format json`'s diagnostics, each as `@ FILE:LINE:COLUMN SEVERITY CODE`."""
    result = subprocess.run(
        [str(CHIBO), "check", "--format", "json", "--content", str(content), "--theme", str(ROOT / "site-theme"),
         *DATE], capture_output=True, encoding="utf-8", check=False, timeout=timeout)
    document = json.loads(result.stdout)
    return {f"@ {item['file']}:{item['line']}:{item['column']} {item['severity']} {item['code']}"
            for item in document["diagnostics"]}


@pytest.fixture(scope="session")
def outcomes(request, good_site, tmp_path_factory):
    """Runs the bad builds of every selected case side by side (one at a time is too slow for the
    debug binary); each test then checks its own. A failure to prepare a case shows in its test."""
    selected = [item.callspec.params["case"] for item in request.session.items
                if getattr(item, "originalname", None) == "test_bad_content_is_refused"]
    root = tmp_path_factory.mktemp("bad")
    pool = ThreadPoolExecutor(max_workers=max(4, os.cpu_count() or 1))
    slowest_first = sorted(selected, key=lambda case: (case.prepare is None, -case.timeout))
    futures = {case.name: pool.submit(Outcome, case, good_site, root / case.name) for case in slowest_first}
    yield futures
    pool.shutdown(wait=True)


def test_corpus_is_big_enough():
    assert len(corpus_cases()) >= 30
    for case in corpus_cases():
        assert case.expected, f"{case.name}: expected.txt has no expression"
        for expression in case.expected:
            if is_code(expression):
                assert re.fullmatch(r"@ \S+:\d+:\d+ (error|warning) [a-z0-9.-]+", expression), expression
            else:
                re.compile(expression)


def test_corpus_cases_are_overlays_holding_only_what_is_wrong():
    """Each case folder holds expected.txt, overlay/ and remove.txt only (no full copy of the site);
    every overlay file differs from the base file it replaces, every removed path is in the base."""
    base = os.fsencode(GOOD)
    for folder in sorted(path for path in BAD.iterdir() if path.is_dir()):
        extra = sorted(set(os.listdir(folder)) - {"expected.txt", "overlay", "remove.txt"})
        assert not extra, f"{folder.name}: {extra} is not part of a case (see Tests/Fixtures/bad/README.md)"
        changed = overlay_files(folder)
        assert changed or removals(folder), f"{folder.name}: the case changes nothing in the base site"
        for relative in changed:
            original = os.path.join(base, relative)
            if os.path.isfile(original):
                with open(original, "rb") as file:
                    same = file.read() == (folder / "overlay" / os.fsdecode(relative)).read_bytes()
                assert not same, f"{folder.name}: overlay/{os.fsdecode(relative)} is the same as in the base"
        for relative in removals(folder):
            assert os.path.lexists(os.path.join(base, relative)), \
                f"{folder.name}: remove.txt names {os.fsdecode(relative)}, which is not in the base"


@pytest.mark.parametrize("case", params())
def test_bad_content_is_refused(case, outcomes):
    outcome = outcomes[case.name].result()
    result = outcome.result
    assert result is not None, f"the build took more than {case.timeout} s"
    lines = result.stderr.splitlines()
    shown = "\n".join(lines[:40])
    assert result.returncode >= 0, f"killed by signal {-result.returncode}:\n{shown}"
    assert result.returncode != 0, f"bad content was published:\n{shown}"
    assert result.returncode == 1, f"exit {result.returncode}, a usage error, not a content error:\n{shown}"
    assert lines, "exit 1 with nothing on standard error"
    assert SUMMARY.match(lines[-1]), f"last line: {lines[-1]!r}"
    malformed = [line for line in lines[:-1] if not DIAGNOSTIC.match(line)]
    assert not malformed, "lines not in FILE:LINE:COLUMN: error|warning: MESSAGE form:\n" + "\n".join(malformed[:10])
    missing = [expression for expression in outcome.expected
               if not (expression in outcome.codes if is_code(expression)
                       else any(re.search(expression, line) for line in lines))]
    assert not missing, "expected and not found:\n" + "\n".join(missing) + "\n-- standard error:\n" + shown
    assert outcome.after == outcome.before, "the output folder changed"
    assert outcome.beside_after == outcome.beside_before, f"left beside the output folder: {outcome.beside_after}"
    assert not [name for name in outcome.beside_after if name.startswith(".")]
    assert outcome.check is not None, f"`chibo check` took more than {case.timeout} s"
    assert outcome.check.returncode == 1, f"`chibo check` exit {outcome.check.returncode}:\n{outcome.check.stderr}"
    def errors(text_lines):  # a link to /proc/self names the process that followed it
        return sorted(re.sub(r"/proc/\d+", "/proc/PID", line) for line in text_lines if ": error: " in line)
    assert errors(outcome.check.stderr.splitlines()) == errors(lines), \
        "`chibo check` and `chibo build` report different errors"


# ---------------------------------------------------------------- related good input

def test_guidance_file_with_decomposed_name_is_read(tmp_path):
    """A file name stored decomposed (NFD, as macOS and some zip tools write it) is still read."""
    content = tmp_path / "content"
    shutil.copytree(GOOD, content)
    name = unicodedata.normalize("NFD", "Quy chế họp.md")
    (content / "guidance" / name).write_text("---\ntitle: Quy chế họp\n---\nMột.\n", encoding="utf-8")
    result = build(content, tmp_path / "public", *DATE)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "public" / "van-ban" / "quy-che-hop" / "index.html").is_file()


def test_meeting_after_the_build_date_is_questioned(tmp_path):
    """2025 typed for 2024 in a folder with no `period` (the period is then every date in the data):
    the site still builds, with a report of a year of missing meetings, but the clerk is asked."""
    content = tmp_path / "content"
    shutil.copytree(GOOD, content)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("period: {from: 2024-01-01, to: 2024-03-31}\n", ""),
                    encoding="utf-8")
    meetings = content / "meetings" / "2024-q1.csv"
    text = meetings.read_bytes().decode("utf-8")
    assert text.count("cb-dien-luc;2024-02-15;") == 1
    meetings.write_bytes(text.replace("cb-dien-luc;2024-02-15;", "cb-dien-luc;2025-02-15;").encode("utf-8"))
    result = build(content, tmp_path / "public", *DATE)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^meetings/2024-q1\.csv:13:\d+: warning: .*after the build date.*15/02/2025.*year",
                     result.stderr, re.M), result.stderr


def test_markup_in_content_is_escaped(tmp_path):
    """`<script>`, `"` and `&` in a unit name, a meeting topic, a note and a guidance title are
    shown as text on every page, never as markup."""
    content = tmp_path / "content"
    shutil.copytree(GOOD, content)
    markers = {field: f'<script>alert(1)</script> "{field}" & {index}'
               for index, field in enumerate(["Tên", "Chủ đề", "Ghi chú", "Tiêu đề"])}

    def replace(relative, old, new):
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (relative, old)
        path.write_bytes(text.replace(old, new).encode("utf-8"))

    def cell(text):
        return '"' + text.replace('"', '""') + '"'

    replace("units.csv", "Chi bộ Sở Tài chính;", cell(markers["Tên"]) + ";")
    replace("meetings/2024-q1.csv", 'Quản lý ngân sách "minh bạch"', cell(markers["Chủ đề"]))
    replace("meetings/2024-q1.csv", "tiêu chí 1 và 4 chưa tối đa", cell(markers["Ghi chú"]))
    replace("guidance/hoc-tap.md", "title: Hướng dẫn học tập", "title: '" + markers["Tiêu đề"] + "'")

    output = tmp_path / "public"
    result = build(content, output, *DATE)
    assert result.returncode == 0, result.stderr

    pages = {path.relative_to(output).as_posix(): path.read_text(encoding="utf-8")
             for path in output.rglob("*") if path.suffix in (".html", ".xml", ".svg")}
    assert pages
    raw = [name for name, text in pages.items() if "<script>alert(1)" in text]
    assert not raw, f"raw markup on {raw}"
    for field in markers:
        unescaped = [name for name, text in pages.items() if f'"{field}" &' in text]
        assert not unescaped, f'the " and & of the {field} are not escaped on {unescaped}'
    everything = "\n".join(pages.values())
    for field, marker in markers.items():
        escaped = re.escape("&lt;script&gt;alert(1)&lt;/script&gt; ") + r"(&quot;|&#34;|&#x22;)" \
            + re.escape(field) + r"(&quot;|&#34;|&#x22;)" + re.escape(" ") + r"(&amp;|&#38;|&#x26;)" \
            + re.escape(f" {marker[-1]}")
        assert re.search(escaped, everything), f"the {field} is not shown escaped on any page"
