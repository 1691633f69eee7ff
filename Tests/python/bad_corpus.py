"""The bad content corpus, Tests/Fixtures/bad/ (see its README.md): each case is the scorecard fixture
site with an overlay. `materialise` builds a case's content folder from the base, its `remove.txt`
and its `overlay/`, byte for byte and with the names exactly as stored (some are NFD).

    python3 Tests/python/bad_corpus.py CASE DESTINATION

writes the content folder of one case to DESTINATION (which must not exist), to build or diff by hand.
"""
import os
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BAD = ROOT / "Tests" / "Fixtures" / "bad"
BASE = ROOT / "Tests" / "Fixtures" / "scorecard-site"


def removals(case):
    """The base-relative paths (bytes) listed in the case's `remove.txt`; `#` lines and blank lines skipped."""
    path = pathlib.Path(case) / "remove.txt"
    if not path.exists():
        return []
    lines = [line.rstrip(b"\r") for line in path.read_bytes().split(b"\n")]
    paths = [line for line in lines if line.strip() and not line.startswith(b"#")]
    for relative in paths:
        parts = relative.split(b"/")
        if relative.startswith(b"/") or b".." in parts or b"" in parts:
            raise ValueError(f"{path}: {relative!r} is not a plain path relative to the base")
    return paths


def overlay_files(case):
    """The files of the case's `overlay/`, as paths (bytes) relative to it, sorted."""
    overlay = os.fsencode(pathlib.Path(case) / "overlay")
    found = []
    for folder, folders, files in os.walk(overlay):
        for name in folders + files:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                raise ValueError(f"{os.fsdecode(path)}: a link in an overlay; make such a case in the test")
        found += [os.path.relpath(os.path.join(folder, name), overlay) for name in files]
    return sorted(found)


def materialise(case, destination):
    """Writes the content of the case folder `case` to `destination` (a new folder): a copy of the base
    (bytes and times), less the paths in `remove.txt`, with the files of `overlay/` copied over it."""
    shutil.copytree(BASE, destination, symlinks=True)
    target = os.fsencode(destination)
    for relative in removals(case):
        path = os.path.join(target, relative)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.unlink(path)
        else:
            raise ValueError(f"{case}/remove.txt: {os.fsdecode(relative)} is not in the base site")
    overlay = os.fsencode(pathlib.Path(case) / "overlay")
    for relative in overlay_files(case):
        path = os.path.join(target, relative)
        if os.path.isdir(path) and not os.path.islink(path):
            raise ValueError(f"{case}/overlay: {os.fsdecode(relative)} is a folder in the base; list it in remove.txt")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.copy2(os.path.join(overlay, relative), path)
    return destination


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    materialise(BAD / sys.argv[1], pathlib.Path(sys.argv[2]))
