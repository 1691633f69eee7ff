"""Messages in the clerk's Vietnamese by default, English when asked for (issue 32, part 1).

The line format stays `FILE:LINE:COLUMN: error|warning: MESSAGE` whatever the language; a
workbook's cell is placed in words before the message ("hàng 2, cột Có mặt (ô F2, trang tính
"Quý 2")"); the summary says "lỗi". `--lang en`, or a LANGUAGE/LC_MESSAGES/LANG starting with
`en`, gives the English. The other tests run under LANGUAGE=en (conftest.py).
"""
import os
import re
import shutil
import subprocess
import unicodedata

import openpyxl

from conftest import CHIBO, ROOT
from test_workbooks import FIXTURE, read_csv, valid_workbook_bytes

DATE = ("--date", "2024-04-10")


def environment(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = "C.UTF-8"
    env.update(extra)
    return env


def broken_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    csv = content / "meetings" / "2024-q1.csv"
    csv.write_text(csv.read_text(encoding="utf-8-sig").replace("10/01/2024", "31/02/2024", 1), encoding="utf-8")
    rows = read_csv(FIXTURE / "meetings" / "2024-q1.csv")
    header = rows[0]
    record = list(rows[1])
    record[1] = "10/04/2024"
    record[header.index("Có mặt")] = "25"
    data, _ = valid_workbook_bytes([record])
    (content / "meetings" / "2024-q2.xlsx").write_bytes(data)
    return content, header.index("Có mặt") + 1


def check(content, env, *extra):
    return subprocess.run(
        [str(CHIBO), "check", "--content", str(content), "--theme", str(ROOT / "site-theme"), *DATE, *extra],
        capture_output=True, text=True, check=False, env=env)


def test_vietnamese_by_default_in_the_same_line_format(tmp_path):
    content, column = broken_site(tmp_path)
    result = check(content, environment())
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert 'meetings/2024-q1.csv:2:14: error: "31/02/2024" không phải là ngày hợp lệ; hãy viết ngày/tháng/năm ' \
           '(DD/MM/YYYY) hoặc YYYY-MM-DD' in lines, lines
    letter = openpyxl.utils.get_column_letter(column)
    expected = (f'meetings/2024-q2.xlsx:2:{column}: error: hàng 2, cột Có mặt (ô {letter}2, trang tính "Quý 2"): '
                '25 đảng viên có mặt nhưng chi bộ chỉ có 10 đảng viên (theo danh sách đơn vị)')
    assert expected in lines, lines
    # Every diagnostic line keeps the English keyword that editors and CI parse.
    for line in lines[:-1]:
        assert re.match(r"^[^:]+:\d+:\d+: (error|warning): ", line), line
    assert re.fullmatch(r"\d+ lỗi; chưa xuất bản gì", lines[-1]), lines[-1]
    assert result.stderr == unicodedata.normalize("NFC", result.stderr)


def test_english_with_the_option_or_an_english_locale(tmp_path):
    content, column = broken_site(tmp_path)
    letter = openpyxl.utils.get_column_letter(column)
    english = f'25 members present but the branch has 10 members (units file) [sheet "Quý 2", cell {letter}2]'
    for env, extra in ((environment(), ("--lang", "en")), (environment(), ("--lang=en",)),
                       (environment(LANG="en_US.UTF-8"), ()), (environment(LC_MESSAGES="en_GB.UTF-8"), ()),
                       (environment(LANGUAGE="en"), ())):
        result = check(content, env, *extra)
        assert result.returncode == 1
        assert any(line.endswith(english) for line in result.stderr.splitlines()), (extra, result.stderr)
        assert result.stderr.splitlines()[-1].endswith("errors; nothing was published")
    # --lang wins over the environment, anywhere on the line.
    result = subprocess.run(
        [str(CHIBO), "--lang", "vi", "check", "--content", str(content), "--theme", str(ROOT / "site-theme"), *DATE],
        capture_output=True, text=True, check=False, env=environment(LANG="en_US.UTF-8"))
    assert "chưa xuất bản gì" in result.stderr


def test_an_unknown_language_is_a_usage_error():
    result = subprocess.run([str(CHIBO), "check", "--lang", "fr"], capture_output=True, text=True, check=False,
                            env=environment())
    assert result.returncode == 2
    assert "--lang" in result.stderr


def test_check_json_gives_both_languages(tmp_path):
    import json
    content, _ = broken_site(tmp_path)
    result = check(content, environment(), "--format", "json")
    document = json.loads(result.stdout)
    date = next(item for item in document["diagnostics"] if item["code"] == "value.not-a-date")
    assert date["message"].startswith('"31/02/2024" không phải là ngày hợp lệ')
    assert date["messages"]["vi"] == date["message"]
    assert date["messages"]["en"].startswith('"31/02/2024" is not a valid date')


def test_the_help_is_vietnamese_by_default():
    for arguments, vietnamese, english in (
            (["--help"], "Dựng trang nội bộ của Đảng ủy Khối", "Builds the bloc committee's intranet site"),
            (["serve", "--help"], "Cổng phục vụ.", "The port to serve on."),
            (["check", "--help"], "Kiểm tra nội dung và giao diện", "Validate the content and the theme"),
            (["htpasswd", "--help"], "Tên người đọc dùng để đăng nhập.", "The user name readers sign in with.")):
        result = subprocess.run([str(CHIBO), *arguments], capture_output=True, text=True, check=False,
                                env=environment())
        assert vietnamese in result.stdout, (arguments, result.stdout)
        result = subprocess.run([str(CHIBO), *arguments, "--lang", "en"], capture_output=True, text=True,
                                check=False, env=environment())
        assert english in result.stdout, (arguments, result.stdout)


def test_the_preview_refuses_the_office_network_in_vietnamese(tmp_path):
    result = subprocess.run([str(CHIBO), "serve", "--content", str(FIXTURE), "--listen", "127.0.0.2"],
                            capture_output=True, text=True, check=False, env=environment(TMPDIR=str(tmp_path)))
    assert result.returncode == 2
    assert "thư mục hạn chế" in result.stderr and "--htpasswd" in result.stderr, result.stderr


def lines_of(result):
    return result.stderr.splitlines()


def codes_of(content, *extra):
    import json
    result = check(content, environment(), "--format", "json", *extra)
    return json.loads(result.stdout)["diagnostics"]


def test_a_bad_template_in_a_copied_theme_is_worded_in_vietnamese(tmp_path):
    import json
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "site-theme", theme)
    run = lambda *extra: subprocess.run(  # noqa: E731
        [str(CHIBO), "check", "--content", str(FIXTURE), "--theme", str(theme), *DATE, *extra],
        capture_output=True, text=True, check=False, env=environment())
    # A name the page does not have: found when the templates compile.
    with open(theme / "templates" / "home.mustache", "a", encoding="utf-8") as file:
        file.write("{{titel}}\n")
    result = run()
    assert result.returncode == 1
    lines = lines_of(result)
    assert any(re.search(r"/templates/home\.mustache:\d+:\d+: error: mẫu giao diện dùng tên `titel`, nhưng trang "
                         r"`home` không có tên này$", line) for line in lines), lines
    document = json.loads(run("--format", "json").stdout)
    errors = [item for item in document["diagnostics"] if item["severity"] == "error"]
    assert [item["code"] for item in errors] == ["theme.unknown-name"], errors
    assert errors[0]["messages"]["en"] == "the template names `titel`, which the page `home` does not have"
    assert any("the template names `titel`" in line for line in lines_of(run("--lang", "en")))
    # A section never closed: a syntax error, found when the templates parse (and nothing compiles).
    with open(theme / "templates" / "404.mustache", "a", encoding="utf-8") as file:
        file.write("{{#khong_dong}}\n")
    lines = lines_of(run())
    assert any(re.search(r"/templates/404\.mustache:\d+:\d+: error: mẫu giao diện sai cú pháp: một khối \(section\) "
                         r"chưa được đóng khi hết mẫu$", line) for line in lines), lines
    messages = [line.split(": error: ", 1)[1] for line in lines if ": error: " in line]
    assert not any("template" in message or "syntax" in message for message in messages), lines
    document = json.loads(run("--format", "json").stdout)
    assert [item["code"] for item in document["diagnostics"] if item["severity"] == "error"] == \
        ["theme.template-syntax"], document


def test_a_bad_value_is_worded_in_vietnamese(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    with open(content / "units.csv", "a", encoding="utf-8") as file:
        file.write("CB-Mới;Chi bộ Mới;Chi bộ;;db-so-y-te;5\n")
    result = check(content, environment())
    assert result.returncode == 1
    line = next(line for line in lines_of(result) if line.startswith("units.csv:"))
    assert re.fullmatch(r'units\.csv:\d+:1: error: mã "CB-Mới" chỉ được gồm chữ thường không dấu, chữ số và dấu -; '
                        r'ví dụ "cb-moi"', line), line
    codes = [(item["file"], item["code"]) for item in codes_of(content) if item["severity"] == "error"]
    assert ("units.csv", "value.bad-form") in codes, codes


def test_an_unreadable_workbook_is_worded_in_vietnamese(tmp_path):
    import zipfile
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    with zipfile.ZipFile(content / "meetings" / "2024-q3.xlsx", "w") as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    result = check(content, environment())
    assert result.returncode == 1
    assert "meetings/2024-q3.xlsx:1:1: error: tệp Excel thiếu phần _rels/.rels; hãy mở tệp bằng Excel hoặc " \
           "LibreOffice rồi lưu lại" in lines_of(result), result.stderr
    item = next(item for item in codes_of(content) if item["file"] == "meetings/2024-q3.xlsx")
    assert item["code"] == "workbook.unreadable"
    assert item["messages"]["en"] == "the workbook has no part _rels/.rels; save it again from Excel or LibreOffice"


# swift-argument-parser's own words: what a Vietnamese reader must not see.
LIBRARY_ENGLISH = ("Error:", "Usage:", "USAGE:", "OPTIONS:", "OVERVIEW:", "SUBCOMMANDS:", "ARGUMENTS:",
                   "Show help information", "for more information", "Missing expected argument",
                   "Unknown option", "is invalid for", "Please provide", "unexpected argument", "(default",
                   "(values:", "Help:")


def test_a_bad_command_line_is_worded_in_vietnamese():
    cases = (
        (["build", "--bogus"], "error: không có tùy chọn '--bogus'", "error: Unknown option '--bogus'"),
        (["build", "--contnt", "x"], "error: không có tùy chọn '--contnt'; có phải là '--content' không?",
         "Did you mean '--content'?"),
        (["htpasswd"], "error: thiếu tham số '<tệp>'", "Missing expected argument '<file>'"),
        (["serve", "--port", "abc"], "error: giá trị 'abc' không dùng được cho '--port <cổng>'",
         "The value 'abc' is invalid for '--port <port>'"),
        (["check", "--format", "xml"],
         "error: giá trị 'xml' không dùng được cho '--format <dạng>'; hãy dùng một trong các giá trị 'text', 'json'",
         "Please provide one of 'text' and 'json'."),
        (["build", "a", "b"], "error: thừa 2 tham số: 'a', 'b'", "2 unexpected arguments: 'a', 'b'"),
    )
    for arguments, vietnamese, english in cases:
        result = subprocess.run([str(CHIBO), *arguments], capture_output=True, text=True, check=False,
                                env=environment())
        assert result.returncode == 2, (arguments, result.stderr)
        lines = lines_of(result)
        assert lines[0] == vietnamese, (arguments, lines)
        assert any(line.startswith("Cách dùng: chibo ") for line in lines), lines
        assert not [word for word in LIBRARY_ENGLISH if word in result.stderr], (arguments, result.stderr)
        result = subprocess.run([str(CHIBO), *arguments], capture_output=True, text=True, check=False,
                                env=environment(LANG="en_US.UTF-8"))
        assert result.returncode == 2
        assert english in result.stderr, (arguments, result.stderr)
        assert "Usage: chibo " in result.stderr


def test_the_help_has_no_english_by_default_and_english_when_asked():
    for arguments in (["--help"], ["check", "--help"], ["help", "serve"], ["htpasswd", "-h"]):
        result = subprocess.run([str(CHIBO), *arguments], capture_output=True, text=True, check=False,
                                env=environment())
        assert result.returncode == 0, (arguments, result.stderr)
        assert not [word for word in LIBRARY_ENGLISH if word in result.stdout], (arguments, result.stdout)
        assert "CÁCH DÙNG: chibo" in result.stdout and "Hiện phần trợ giúp này." in result.stdout, result.stdout
        result = subprocess.run([str(CHIBO), *arguments, "--lang", "en"], capture_output=True, text=True,
                                check=False, env=environment())
        assert "USAGE: chibo" in result.stdout and "Show help information." in result.stdout, result.stdout
    result = subprocess.run([str(CHIBO), "--help"], capture_output=True, text=True, check=False, env=environment())
    assert "CÁC LỆNH:" in result.stdout and "build (mặc định)" in result.stdout, result.stdout
    result = subprocess.run([str(CHIBO), "check", "--help"], capture_output=True, text=True, check=False,
                            env=environment())
    assert "--content <thư-mục>" in result.stdout and "(mặc định: content)" in result.stdout, result.stdout


def test_a_refused_output_folder_is_worded_in_vietnamese(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    arguments = [str(CHIBO), "build", "--content", str(content), "--output", str(content / "public"), *DATE]
    result = subprocess.run(arguments, capture_output=True, text=True, check=False, env=environment())
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: không dựng vào {content / 'public'}: thư mục này nằm trong thư mục "
                                    f"nội dung {content}"), result.stderr
    assert "refusing" not in result.stderr
    result = subprocess.run(arguments, capture_output=True, text=True, check=False,
                            env=environment(LANG="en_US.UTF-8"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: refusing to build into {content / 'public'}: it lies inside"), \
        result.stderr
    assert not (content / "public").exists()
