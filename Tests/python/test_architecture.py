"""The import rule of ARCHITECTURE.md, checked against Package.swift and every `import` line.

- Each module of Package.swift has a row in ARCHITECTURE.md's table of modules, and declares no
  dependency that the table does not allow (the one-way flow of the stages).
- Each Swift file imports only what its target declares (or the system's modules): SwiftPM lets a
  target import a module it reaches through another, which hides a dependency against the flow.
"""
import re

from conftest import ROOT

SYSTEM = {"Foundation", "FoundationXML", "Glibc", "Synchronization", "Dispatch", "Testing", "XCTest"}
# Every form of an import: attributes (`@testable`, `@preconcurrency`, `@_exported`, `@_spi(Name)`,
# `@_implementationOnly`), an access level (`public`, `package`, `internal`, `fileprivate`, `private`)
# and a kind of declaration (`import struct A.B`), indented or not (inside `#if`).
IMPORT = re.compile(
    r"^[ \t]*(?:@\w+(?:\([^)\n]*\))?[ \t]+)*(?:(?:public|package|internal|fileprivate|private)[ \t]+)?"
    r"(?:@\w+(?:\([^)\n]*\))?[ \t]+)*import[ \t]+(?:(?:typealias|struct|class|enum|protocol|let|var|func)[ \t]+)?"
    r"(\w+)", re.M)


def blocks(text):
    """Every `.target(...)`, `.executableTarget(...)`, `.testTarget(...)` and `.systemLibrary(...)` of
    Package.swift: kind, name, path and declared dependencies (targets and products by name)."""
    found = []
    for match in re.finditer(r"\.(target|executableTarget|testTarget|systemLibrary)\(", text):
        depth, index = 1, match.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            index += 1
        body = text[match.end():index - 1]
        name = re.search(r'name:\s*"([^"]+)"', body).group(1)
        path = re.search(r'path:\s*"([^"]+)"', body)
        kind = match.group(1)
        default = ("Tests/" if kind == "testTarget" else "Sources/") + name
        dependencies = set()
        listed = re.search(r"dependencies:\s*\[(.*?)\]\s*(?:,\s*\w+:|$)", body, re.S)
        if listed:
            items = listed.group(1)
            dependencies |= set(re.findall(r'\.product\(name:\s*"([^"]+)"', items))
            dependencies |= set(re.findall(r'(?<![:\w])"([^"]+)"', re.sub(r"\.product\([^)]*\)", "", items)))
        found.append({"kind": kind, "name": name, "path": path.group(1) if path else default,
                      "dependencies": dependencies})
    return found


def allowed_imports():
    """ARCHITECTURE.md's table: `| Module | stage | may import |`, the last cell a comma-separated list
    of modules in backticks (or "nothing")."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        table[cells[0].strip("`")] = set(re.findall(r"`([^`]+)`", cells[2]))
    return table


def module_name(target):
    return target["name"].replace("-", "_")


def test_every_module_is_in_the_architecture_and_depends_only_downstream():
    targets = blocks((ROOT / "Package.swift").read_text(encoding="utf-8"))
    table = allowed_imports()
    assert targets and table
    for target in targets:
        if target["kind"] == "testTarget":
            continue
        assert target["name"] in table, f"{target['name']} has no row in ARCHITECTURE.md's table of modules"
        against = target["dependencies"] - table[target["name"]]
        assert not against, f"{target['name']} depends on {sorted(against)}, which ARCHITECTURE.md does not allow"


def undeclared_imports(root, package_text):
    """Every `import` of a Swift file of the package at `root` that its target does not declare."""
    targets = blocks(package_text)
    modules = {module_name(target) for target in targets}
    problems = []
    for target in targets:
        if target["kind"] == "systemLibrary":
            continue
        folder = root / target["path"]
        assert folder.is_dir(), f"{target['name']}: no folder {target['path']}"
        declared = {name.replace("-", "_") for name in target["dependencies"]}
        for source in sorted(folder.rglob("*.swift")):
            if "Snapshots" in source.parts:
                continue
            for name in IMPORT.findall(source.read_text(encoding="utf-8")):
                if name in SYSTEM or name in declared or name == module_name(target):
                    continue
                where = source.relative_to(root)
                problems.append(f"{where}: imports {name}, which {target['name']} does not declare"
                                + ("" if name in modules else " (and no target of the package is named so)"))
    return problems


def test_every_import_is_declared():
    problems = undeclared_imports(ROOT, (ROOT / "Package.swift").read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_the_rule_finds_an_undeclared_import(tmp_path):
    """The parser on a small package: a test that reads nothing would pass on anything."""
    found = blocks('''
        .target(name: "A", dependencies: ["B", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "ATests", dependencies: ["A"], exclude: ["x"]),
        .systemLibrary(name: "CX", pkgConfig: "x"),
    ''')
    assert [(t["name"], t["dependencies"]) for t in found] == [
        ("A", {"B", "Yams"}), ("ATests", {"A"}), ("CX", set())]
    forms = ("import A\n@testable import B\nimport struct C.D\n@preconcurrency import E\npackage import F\n"
             "public import G\ninternal import H\n@_exported import I\n#if canImport(J)\n    import J\n#endif\n"
             "@_spi(Private) import K\n@_implementationOnly import L\nprivate import M\n"
             "@preconcurrency public import N\n// import Commented\nlet important = 1\n")
    assert IMPORT.findall(forms) == list("ABCEFGHIJKLMN")


def test_the_rule_reports_a_planted_violation_of_every_form(tmp_path):
    """The rule run on a package whose target imports, in every form, modules it does not declare."""
    package = """
        .target(name: "A", dependencies: ["B"]),
        .target(name: "B"),
        .target(name: "C"),
    """
    for name in "ABC":
        (tmp_path / "Sources" / name).mkdir(parents=True)
    (tmp_path / "Sources" / "B" / "b.swift").write_text("import Foundation\n", encoding="utf-8")
    (tmp_path / "Sources" / "C" / "c.swift").write_text("", encoding="utf-8")
    forms = ["import C", "@testable import C", "@preconcurrency import C", "package import C", "public import C",
             "internal import C", "@_exported import C", "import struct C.Thing", "    import C",
             "@_spi(X) import C", "@preconcurrency public import C"]
    for index, form in enumerate(forms):
        (tmp_path / "Sources" / "A" / f"f{index}.swift").write_text(
            f"import B\nimport Foundation\n{form}\n", encoding="utf-8")
    problems = undeclared_imports(tmp_path, package)
    assert len(problems) == len(forms), problems
    assert all("imports C, which A does not declare" in problem for problem in problems), problems
    # The same files with C declared: no problem.
    assert undeclared_imports(tmp_path, package.replace('dependencies: ["B"]', 'dependencies: ["B", "C"]')) == []


def test_only_the_syscalls_files_call_the_c_library():
    """Every libc call is in Sources/ChiboSupport/Syscalls*.swift: no other source imports Glibc."""
    importers = []
    for source in sorted((ROOT / "Sources").rglob("*.swift")):
        if "Glibc" in IMPORT.findall(source.read_text(encoding="utf-8")):
            importers.append(source.relative_to(ROOT).as_posix())
    assert importers and all(re.fullmatch(r"Sources/ChiboSupport/Syscalls(\+\w+)?\.swift", path)
                             for path in importers), importers
