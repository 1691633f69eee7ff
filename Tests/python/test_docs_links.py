"""Every link, anchor and image of the documentation leads somewhere: README.md, CHANGELOG.md and
docs/**/*.md.

- A relative link names a file or folder of the repository (not outside it).
- A `#anchor`, alone or after a Markdown file, names a heading of that file (or an HTML `id`/`name`).
- An image (`![alt](path)`, `<img src>`) is a file that exists.
- Links with a scheme (`https:`, `mailto:`) are not followed: the tests run without the internet.

Anchors are GitHub's heading slugs, the rule docs/contributing.md states: the heading's text as it
reads (Markdown markup dropped, a link's or a code span's text kept), in lower case; every character
that is not a letter, a mark, a digit, a space, `-` or `_` removed; each space a `-`; a repeated slug
gets `-1`, `-2`. Letters with diacritics stay as they are: "## Thông báo lỗi" is
`#thông-báo-lỗi`. Text is taken NFC, and an anchor written percent-encoded is decoded first.

Lines inside fenced code blocks and inline code spans are not read for links or headings.
"""
import pathlib
import re
import shutil
import unicodedata
import urllib.parse

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
# [text](dest "title") and ![alt](dest): dest may be in <...>; text may hold one level of [...].
INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
HTML_LINK = re.compile(r"<(a|img)\b[^>]*?\b(href|src)\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
HTML_ANCHOR = re.compile(r"<[a-z][^>]*?\b(?:id|name)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def documentation_files(root):
    files = [root / "README.md", root / "CHANGELOG.md"]
    files += sorted((root / "docs").rglob("*.md"))
    return [path for path in files if path.is_file()]


def prose_lines(text):
    """(line number, line) of the lines outside fenced code blocks."""
    fence = None
    for number, line in enumerate(text.split("\n"), start=1):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            continue
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        yield number, line


def heading_text(markdown):
    """The text a heading reads as: code spans' text kept, links' text kept, images, HTML tags and
    emphasis marks dropped."""
    text = CODE_SPAN.sub(lambda m: m.group(2).strip().replace("*", "\0"), markdown)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("*", "").replace("\0", "*")
    return text


def slug(heading):
    """GitHub's anchor for a heading's Markdown text."""
    text = unicodedata.normalize("NFC", heading_text(heading)).lower()
    kept = "".join(c for c in text if unicodedata.category(c)[0] in "LMN" or c in " -_")
    return kept.replace(" ", "-")


def anchors(path):
    """Every anchor of a Markdown file: its headings' slugs (repeats numbered) and HTML ids."""
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    found, counts = set(), {}
    previous = None
    for _, line in prose_lines(text):
        heading = None
        match = ATX.match(line)
        if match:
            heading = match.group(2)
        elif previous and previous.strip() and SETEXT.match(line) and not previous.lstrip().startswith(("-", "*", "|", ">")):
            heading = previous.strip()
        if heading is not None:
            base = slug(heading)
            count = counts.get(base, 0)
            found.add(base if count == 0 else f"{base}-{count}")
            counts[base] = count + 1
        found.update(HTML_ANCHOR.findall(line))
        previous = line
    return found


def links(path):
    """(line number, destination, is image) of every link in a Markdown file's prose."""
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    for number, line in prose_lines(text):
        definition = REFERENCE_DEFINITION.match(line)
        if definition:
            yield number, definition.group(1).strip("<>"), False
            continue
        # Code spans hold examples, not links; blank them out keeping the columns.
        prose = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for match in INLINE_LINK.finditer(prose):
            yield number, match.group(3).strip("<>"), match.group(1) == "!"
        for tag, _, destination in HTML_LINK.findall(prose):
            yield number, destination, tag.lower() == "img"


def problems(root):
    """Every broken link, anchor and image under `root`, one line each."""
    root = root.resolve()
    found = []
    anchor_cache = {}

    def anchors_of(path):
        if path not in anchor_cache:
            anchor_cache[path] = anchors(path)
        return anchor_cache[path]

    for source in documentation_files(root):
        where = source.relative_to(root)
        for number, destination, image in links(source):
            if not destination or SCHEME.match(destination) or destination.startswith("//"):
                continue
            target_part, _, fragment = destination.partition("#")
            target_part = urllib.parse.unquote(target_part.split("?")[0])
            fragment = unicodedata.normalize("NFC", urllib.parse.unquote(fragment))
            if target_part:
                if target_part.startswith("/"):
                    found.append(f"{where}:{number}: {destination}: absolute paths do not work on GitHub")
                    continue
                target = (source.parent / target_part).resolve()
                if root not in target.parents and target != root:
                    found.append(f"{where}:{number}: {destination}: leads outside the repository")
                    continue
                if not target.exists():
                    kind = "image" if image else "file"
                    found.append(f"{where}:{number}: {destination}: no such {kind} {target.relative_to(root)}")
                    continue
            else:
                target = source
            if "#" in destination:
                if not fragment:
                    found.append(f"{where}:{number}: {destination}: an empty anchor names no heading")
                elif target.is_file() and target.suffix == ".md":
                    if fragment not in anchors_of(target):
                        found.append(f"{where}:{number}: {destination}: {target.relative_to(root)} has no "
                                     f"heading with the anchor #{fragment}")
    return found


# --------------------------------------------------------------------------- the tests


def test_every_link_anchor_and_image_of_the_documentation_exists():
    files = documentation_files(ROOT)
    assert ROOT / "README.md" in files
    assert len(files) >= 5, f"only {len(files)} documentation files found: {files}"
    count = sum(1 for path in files for _ in links(path))
    assert count >= 50, f"only {count} links read in {len(files)} files: is the link pattern still right?"
    assert problems(ROOT) == []


def test_the_documentation_is_utf8_nfc():
    for path in documentation_files(ROOT):
        text = path.read_bytes().decode("utf-8")
        assert unicodedata.is_normalized("NFC", text), f"{path.relative_to(ROOT)} is not NFC"


@pytest.mark.parametrize("heading, expected", [
    ("Thông báo lỗi và cách sửa", "thông-báo-lỗi-và-cách-sửa"),
    ("3. Xem trước khi xuất bản (`chibo serve`)", "3-xem-trước-khi-xuất-bản-chibo-serve"),
    ("`letter:`, the drafted review letter", "letter-the-drafted-review-letter"),
    ("Units, rubrics and meetings: what chibo decides", "units-rubrics-and-meetings-what-chibo-decides"),
    ("The preview's HTTP server", "the-previews-http-server"),
    ("guidance/**/*.md", "guidancemd"),
    ("`base_path` and **bold** [a link](x.md)", "base_path-and-bold-a-link"),
    ("Đảng ủy Khối", "đảng-ủy-khối"),
])
def test_the_slug_rule(heading, expected):
    assert slug(heading) == expected


def test_repeated_headings_are_numbered(tmp_path):
    (tmp_path / "README.md").write_text("# A\n\n## Ví dụ\n\n## Ví dụ\n\n```\n## Ví dụ\n```\n\n"
                                        "[1](#ví-dụ) [2](#ví-dụ-1) [3](#ví-dụ-2)\n", encoding="utf-8")
    assert anchors(tmp_path / "README.md") == {"a", "ví-dụ", "ví-dụ-1"}
    assert problems(tmp_path) == ["README.md:11: #ví-dụ-2: README.md has no heading with the anchor #ví-dụ-2"]


def test_planted_broken_links_are_found(tmp_path):
    """The check can fail: a copy of the documentation with a broken file link, a broken anchor in
    another file and in the same file, a missing image and a link out of the repository."""
    copy = tmp_path / "repo"
    copy.mkdir()
    shutil.copy(ROOT / "README.md", copy / "README.md")
    shutil.copytree(ROOT / "docs", copy / "docs")
    for extra in ("CHANGELOG.md", "LICENSE", "ARCHITECTURE.md", "Makefile"):
        if (ROOT / extra).exists():
            shutil.copy(ROOT / extra, copy / extra)
    for folder in ("Tests", "Sources", "content", "site-theme"):
        (copy / folder).mkdir()
    baseline = problems(copy)
    assert baseline == [], "the copy must start clean"

    readme = copy / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\n\n## Trồng lỗi\n\n"
                      "[tệp không có](docs/khong-co.md)\n"
                      "[mục không có](docs/admin.md#khong-co-muc-nay)\n"
                      "[mục của trang này](#trồng-lỗi) [mục sai](#trong-loi)\n"
                      "![ảnh không có](docs/images/khong-co.png)\n"
                      "[ra ngoài](../../etc/passwd)\n"
                      "[web](https://example.org/x#y) `[mã](khong-co.md)`\n", encoding="utf-8")
    found = problems(copy)
    assert len(found) == 5, "\n".join(found)
    assert any("docs/khong-co.md: no such file" in line for line in found)
    assert any("docs/admin.md#khong-co-muc-nay" in line for line in found)
    assert any("#trong-loi" in line for line in found)
    assert not any("#trồng-lỗi" in line for line in found)
    assert any("khong-co.png: no such image" in line for line in found)
    assert any("leads outside the repository" in line for line in found)


def test_a_heading_renamed_breaks_the_links_to_it(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "docs", copy / "docs")
    shutil.copy(ROOT / "README.md", copy / "README.md")
    for extra in ("CHANGELOG.md", "LICENSE", "ARCHITECTURE.md", "Makefile"):
        if (ROOT / extra).exists():
            shutil.copy(ROOT / extra, copy / extra)
    clerk = copy / "docs" / "huong-dan-van-thu.md"
    text = clerk.read_text(encoding="utf-8")
    assert "## Thông báo lỗi và cách sửa" in text
    clerk.write_text(text.replace("## Thông báo lỗi và cách sửa", "## Thong bao loi"), encoding="utf-8")
    found = problems(copy)
    assert found and all("#thông-báo-lỗi-và-cách-sửa" in line for line in found), "\n".join(found)


def test_every_diagnostic_code_is_explained_in_the_clerks_guide():
    """The clerk's guide has a row for every DiagnosticCode (and names no code that does not exist)."""
    source = (ROOT / "Sources" / "ChiboModel" / "DiagnosticCode.swift").read_text(encoding="utf-8")
    codes = set(re.findall(r'^\s*case \w+ = "([a-z0-9.-]+)"', source, re.MULTILINE))
    assert len(codes) >= 50, f"only {len(codes)} codes read from DiagnosticCode.swift"
    guide = (ROOT / "docs" / "huong-dan-van-thu.md").read_text(encoding="utf-8")
    start = guide.index("\n## Thông báo lỗi và cách sửa\n")
    end = guide.index("\n## ", start + 1)
    guide = guide[start:end]
    explained = set(re.findall(r"^\| `([a-z0-9-]+\.[a-z0-9.-]+)` \|", guide, re.MULTILINE))
    assert sorted(codes - explained) == [], "codes without a row in docs/huong-dan-van-thu.md"
    assert sorted(explained - codes) == [], "rows for codes DiagnosticCode.swift does not have"
