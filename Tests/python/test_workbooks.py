"""Excel workbooks as input, made by an independent writer (openpyxl).

The scorecard fixture's units and meetings are written as workbooks the way a clerk's Excel holds
them: real dates in date-formatted cells, numbers as numbers, booleans, Vietnamese headers, the
records split over two sheets, a sheet with only its header, an empty sheet, a notes sheet
(`_Ghi chú`), a hidden sheet, a merged header cell,
formulas with the values Excel saves beside them, styled empty cells past the data. The site built
from them must be the site built from the CSV files, byte for byte. Broken workbooks are each one
clear error at the file (or at the cell), exit status 1, and nothing is published.
"""
import csv
import datetime
import io
import json
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from conftest import CHIBO, ROOT, build

FIXTURE = ROOT / "Tests" / "Fixtures" / "scorecard-site"
DATE = ("--date", "2024-04-10")


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def typed(header, value):
    """The value as Excel would hold it: a date, a whole number, a boolean or text."""
    if value == "":
        return None
    if re.fullmatch(r"\d{2}/\d{2}/\d{4}", value):
        day, month, year = map(int, value.split("/"))
        return datetime.date(year, month, day)
    if re.fullmatch(r"\d+", value) and not header.startswith("Mã"):
        return int(value)
    if header == "Chính trị tư tưởng" and value in ("có", "không"):
        return value == "có"
    return value


def add_rows(sheet, header, rows, formulas=None):
    sheet.append(header)
    for row in rows:
        sheet.append([typed(name, value) for name, value in zip(header, row)])
    for cell in sheet[1]:
        cell.number_format = "@"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "dd/mm/yyyy"


def with_cached_values(path, values):
    """Adds the value Excel saves beside each formula (openpyxl writes none): `values` maps
    (sheet index, cell) to the cached value."""
    source = zipfile.ZipFile(path)
    parts = {name: source.read(name) for name in source.namelist()}
    source.close()
    for (index, reference), value in values.items():
        name = f"xl/worksheets/sheet{index}.xml"
        xml = parts[name].decode("utf-8")
        pattern = re.compile(r'(<c r="' + reference + r'"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?(</c>)')
        xml, count = pattern.subn(lambda m: m.group(1) + m.group(2) + f"<v>{value}</v>" + m.group(4), xml)
        assert count == 1, (reference, xml[:400])
        parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def workbook_site(tmp_path, epoch_1904=False):
    """The scorecard fixture with units.csv and meetings/*.csv written as workbooks."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    units = read_csv(content / "units.csv")
    (content / "units.csv").unlink()
    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Đơn vị"
    add_rows(sheet, units[0], units[1:])
    notes = book.create_sheet("_Ghi chú")
    notes.append(["Ghi chú của văn phòng", "không phải dữ liệu"])
    book.save(content / "units.xlsx")

    for path in sorted((content / "meetings").glob("*.csv")):
        rows = read_csv(path)
        header, records = rows[0], rows[1:]
        path.unlink()
        book = openpyxl.Workbook()
        if epoch_1904:
            book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
        first = book.active
        first.title = "Quý 1 (a)"
        half = len(records) // 2
        add_rows(first, header, records[:half])
        second = book.create_sheet("Quý 1 (b)")
        add_rows(second, header, records[half:])
        # The number present as a formula, with the value Excel saves beside it.
        present = header.index("Có mặt") + 1
        cell = first.cell(row=2, column=present)
        value = cell.value
        cell.value = f"={value - 1}+1"
        # A header merged over its column and an empty one after the data.
        second.cell(row=1, column=len(header) + 1, value=None)
        second.merge_cells(start_row=1, start_column=len(header), end_row=1, end_column=len(header) + 1)
        # Styled empty cells past the data: trailing rows and columns Excel keeps.
        second.cell(row=len(records) + 10, column=len(header) + 5).fill = PatternFill("solid", fgColor="FFFF00")
        hidden = book.create_sheet("Bản cũ")
        hidden.append(header)
        hidden.append(["khong-co"] + [""] * (len(header) - 1))
        hidden.sheet_state = "hidden"
        book.create_sheet("Trống")
        only_header = book.create_sheet("Quý 1 (c)")
        only_header.append(header)
        notes = book.create_sheet("_Hướng dẫn")
        notes.append(["Nhập mỗi buổi sinh hoạt một dòng."])
        target = path.with_suffix(".xlsx")
        book.save(target)
        with_cached_values(target, {(1, f"{openpyxl.utils.get_column_letter(present)}2"): value})
    return content


def site_files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith(".chibo")
    }


@pytest.mark.parametrize("epoch_1904", [False, True])
def test_a_site_from_workbooks_is_the_site_from_csv(tmp_path, epoch_1904):
    content = workbook_site(tmp_path, epoch_1904=epoch_1904)
    from_csv = build(FIXTURE, tmp_path / "csv", *DATE)
    assert from_csv.returncode == 0, from_csv.stderr
    from_xlsx = build(content, tmp_path / "xlsx", *DATE)
    assert from_xlsx.returncode == 0, from_xlsx.stderr
    # The hidden sheet is said to be left out; notes, empty sheets and the rest say nothing.
    warnings = [line for line in from_xlsx.stderr.splitlines() if ": warning: " in line]
    assert any('the sheet "Bản cũ" is hidden' in line for line in warnings), from_xlsx.stderr
    assert not any("Ghi chú" in line or "Hướng dẫn" in line or "Trống" in line for line in warnings)
    csv_files, xlsx_files = site_files(tmp_path / "csv"), site_files(tmp_path / "xlsx")
    assert sorted(csv_files) == sorted(xlsx_files)
    differing = [path for path in csv_files if csv_files[path] != xlsx_files[path]]
    assert differing == []


def test_macro_enabled_workbooks_read_as_workbooks(tmp_path):
    """`units.xlsm` and `meetings/*.xlsm` (what Excel saves for a workbook with macros) read as
    `.xlsx` does: the same site as from CSV. The macros are never read: a vbaProject.bin part and
    the macro-enabled content type are there, as Excel writes them."""
    content = workbook_site(tmp_path)
    for path in [content / "units.xlsx", *sorted((content / "meetings").glob("*.xlsx"))]:
        source = zipfile.ZipFile(path)
        parts = {name: source.read(name) for name in source.namelist()}
        source.close()
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
        parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not run"
        path.unlink()
        with zipfile.ZipFile(path.with_suffix(".xlsm"), "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts.items():
                target.writestr(name, data)
    assert not list(content.rglob("*.xlsx"))
    from_csv = build(FIXTURE, tmp_path / "csv", *DATE)
    assert from_csv.returncode == 0, from_csv.stderr
    from_xlsm = build(content, tmp_path / "xlsm", *DATE)
    assert from_xlsm.returncode == 0, from_xlsm.stderr
    assert site_files(tmp_path / "csv") == site_files(tmp_path / "xlsm")


def broken_build(tmp_path, name, data):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "meetings" / name).write_bytes(data)
    output = tmp_path / "public"
    result = build(content, output, *DATE)
    assert result.returncode == 1, result.stderr
    assert not output.exists()
    return result.stderr.splitlines()


def valid_workbook_bytes(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Quý 2"
    header = read_csv(FIXTURE / "meetings" / "2024-q1.csv")[0]
    add_rows(sheet, header, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), sheet


def test_a_cell_error_names_the_sheet_and_the_cell(tmp_path):
    rows = read_csv(FIXTURE / "meetings" / "2024-q1.csv")
    header = rows[0]
    record = list(rows[1])
    record[1] = "10/04/2024"
    record[header.index("Có mặt")] = "25"
    data, _ = valid_workbook_bytes([record])
    lines = broken_build(tmp_path, "2024-q2.xlsx", data)
    column = header.index("Có mặt") + 1
    letter = openpyxl.utils.get_column_letter(column)
    expected = f'meetings/2024-q2.xlsx:2:{column}: error: 25 members present but the branch has 10 members'
    assert any(line.startswith(expected) and line.endswith(f'[sheet "Quý 2", cell {letter}2]') for line in lines), lines


def test_error_values_and_formulas_without_a_value_are_errors_at_their_cells(tmp_path):
    rows = read_csv(FIXTURE / "meetings" / "2024-q1.csv")
    header = rows[0]
    first, second = list(rows[1]), list(rows[2])
    first[1], second[1] = "10/04/2024", "11/04/2024"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Quý 2"
    add_rows(sheet, header, [first, second])
    speakers = header.index("Phát biểu") + 1
    sheet.cell(row=2, column=speakers).value = "#REF!"
    sheet.cell(row=3, column=speakers).value = "=A1+1"
    buffer = io.BytesIO()
    book.save(buffer)
    lines = broken_build(tmp_path, "2024-q2.xlsx", buffer.getvalue())
    letter = openpyxl.utils.get_column_letter(speakers)
    assert any("the cell holds the error \"#REF!\"" in line and f"cell {letter}2]" in line for line in lines), lines
    assert any("has no saved value" in line and f"cell {letter}3]" in line for line in lines), lines


def zip_bomb():
    buffer = io.BytesIO()
    good, _ = valid_workbook_bytes([])
    source = zipfile.ZipFile(io.BytesIO(good))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name == "xl/worksheets/sheet1.xml":
                with target.open(name, "w", force_zip64=True) as part:
                    chunk = b" " * (1024 * 1024)
                    for _ in range(600):
                        part.write(chunk)
            else:
                target.writestr(name, source.read(name))
    return buffer.getvalue()


@pytest.mark.parametrize("case", ["not-a-zip", "truncated", "xls", "encrypted", "bad-xml", "zip-bomb"])
def test_a_broken_workbook_is_one_error_at_the_file(tmp_path, case):
    """Each failure is `workbook.unreadable` at the file; its wording is the catalogue's (each failure's
    message is `WorkbookTests`' and `MessageCatalogueTests`' to test)."""
    good, _ = valid_workbook_bytes([])
    ole = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\0" * 504
    if case == "not-a-zip":
        data = "Mã chi bộ;Ngày\n".encode("utf-8")
    elif case == "truncated":
        data = good[: len(good) // 2]
    elif case == "xls":
        data = ole + b"W\0o\0r\0k\0b\0o\0o\0k\0" + b"\0" * 1000
    elif case == "encrypted":
        data = ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 1000
    elif case == "bad-xml":
        source = zipfile.ZipFile(io.BytesIO(good))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for name in source.namelist():
                body = source.read(name)
                target.writestr(name, body[:-20] if name == "xl/worksheets/sheet1.xml" else body)
        data = buffer.getvalue()
    else:
        data = zip_bomb()
    lines = broken_build(tmp_path, "2024-q2.xlsx", data)
    errors = [line for line in lines if line.startswith("meetings/2024-q2.xlsx:")]
    assert len(errors) == 1, lines
    result = subprocess.run(
        [str(CHIBO), "check", "--format", "json", "--content", str(tmp_path / "content"),
         "--theme", str(ROOT / "site-theme"), *DATE], capture_output=True, text=True, check=False)
    found = [(item["file"], item["line"], item["column"], item["code"])
             for item in json.loads(result.stdout)["diagnostics"] if item["file"] == "meetings/2024-q2.xlsx"]
    assert found == [("meetings/2024-q2.xlsx", 1, 1, "workbook.unreadable")], found


def test_the_meeting_record_workbook_reads_back_with_its_validations_and_builds_when_filled_in(tmp_path):
    output = tmp_path / "public"
    result = build(FIXTURE, output, *DATE)
    assert result.returncode == 0, result.stderr
    template = output / "data" / "mau-bien-ban-thuong-ky.xlsx"
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["Biên bản", "_Hướng dẫn", "_Danh sách"]
    assert book["_Danh sách"].sheet_state == "hidden"
    sheet = book["Biên bản"]
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == ["Mã chi bộ", "Ngày", "Loại", "Chủ đề", "Người chuẩn bị", "Có mặt", "Phát biểu"]
    criteria = [name for name in header if name.startswith("TC")]
    assert criteria == ["TC1", "TC2", "TC3", "TC4", "TC5"]
    assert header[-7:] == ["Tự xếp loại", "Chính trị tư tưởng", "Thời sự", "CNTT", "Cấp ủy dự", "Ghi chú",
                           "Nhận xét của người dự"]
    assert sheet.freeze_panes == "A2"
    assert all(sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width >= 6
               for i in range(1, len(header) + 1))
    rules = {}
    for validation in sheet.data_validations.dataValidation:
        for bounds in validation.sqref.ranges:
            rules[header[bounds.min_col - 1]] = validation
    assert rules["Mã chi bộ"].type == "list" and "_Danh sách" in rules["Mã chi bộ"].formula1
    assert rules["Loại"].formula1 == '"thường kỳ"'
    assert rules["Chính trị tư tưởng"].formula1 == '"có,không"'
    assert rules["Tự xếp loại"].type == "list"
    rubric_max = {"TC1": 15, "TC2": 15, "TC3": 30, "TC4": 20, "TC5": 20}
    for name, maximum in rubric_max.items():
        assert rules[name].type == "whole" and rules[name].formula1 == "0", name
        assert int(rules[name].formula2) == maximum, name
    lists = book["_Danh sách"]
    ids = [row[0].value for row in lists.iter_rows(min_row=2) if row[0].value]
    assert "cb-van-phong" in ids and "db-so-y-te" not in ids
    ratings = [row[2].value for row in lists.iter_rows(min_row=2) if row[2].value]
    assert ratings[0] == "Tốt"
    assert "Biên bản" in book["_Hướng dẫn"]["A1"].value

    # A branch fills it in and sends it back: the meeting counts.
    row = {"Mã chi bộ": "cb-van-phong", "Ngày": datetime.date(2024, 3, 28), "Loại": "thường kỳ",
           "Có mặt": 10, "Phát biểu": 6, "TC1": 15, "TC2": 15, "TC3": 30, "TC4": 20, "TC5": 20,
           "Tự xếp loại": "Tốt", "Chính trị tư tưởng": "có", "Thời sự": "có", "CNTT": "không",
           "Cấp ủy dự": "Nguyễn Văn An"}
    for column, name in enumerate(header, start=1):
        if name in row:
            sheet.cell(row=2, column=column, value=row[name])
    sheet.cell(row=2, column=2).number_format = "dd/mm/yyyy"
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    book.save(content / "meetings" / "cb-van-phong-thang-3.xlsx")
    filled = build(content, tmp_path / "filled", *DATE)
    assert filled.returncode == 0, filled.stderr
    import json
    data = json.loads((tmp_path / "filled" / "data" / "scorecards.json").read_text(encoding="utf-8"))
    unit = next(u for u in data["units"] if u["id"] == "cb-van-phong")
    assert any(m["date"] == "2024-03-28" and m["total"] == 100 for m in unit["meetings"]), unit["meetings"]
