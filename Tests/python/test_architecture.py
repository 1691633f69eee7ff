"""The import rule of ARCHITECTURE.md, checked against Package.swift and every `import` line.

- Each module of Package.swift has a row in ARCHITECTURE.md's table of modules, and declares no
  dependency that the table does not allow (the one-way flow of the stages).
- Each Swift file imports only what its target declares (or the system's modules): SwiftPM lets a
  target import a module it reaches through another, which hides a dependency against the flow.
"""
import re

from conftest import ROOT

SYSTEM = {"Foundation", "FoundationXML", "Glibc", "Synchronization", "Dispatch", "Testing", "XCTest"}
IMPORT = re.compile(r"^\s*(?:@testable\s+)?import\s+(?:(?:struct|enum|class|func|var|protocol)\s+)?(\w+)", re.M)


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


def test_every_import_is_declared():
    targets = blocks((ROOT / "Package.swift").read_text(encoding="utf-8"))
    modules = {module_name(target) for target in targets}
    problems = []
    for target in targets:
        if target["kind"] == "systemLibrary":
            continue
        folder = ROOT / target["path"]
        assert folder.is_dir(), f"{target['name']}: no folder {target['path']}"
        declared = {name.replace("-", "_") for name in target["dependencies"]}
        for source in sorted(folder.rglob("*.swift")):
            if "Snapshots" in source.parts:
                continue
            for name in IMPORT.findall(source.read_text(encoding="utf-8")):
                if name in SYSTEM or name in declared or name == module_name(target):
                    continue
                where = source.relative_to(ROOT)
                problems.append(f"{where}: imports {name}, which {target['name']} does not declare"
                                + ("" if name in modules else " (and no target of the package is named so)"))
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
    assert IMPORT.findall("import A\n@testable import B\nimport struct C.D\n") == ["A", "B", "C"]
