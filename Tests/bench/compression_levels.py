#!/usr/bin/env python3
"""Which libdeflate level and Brotli quality chibo's precompressed copies use, by measurement.

Builds the bundled site and the 2,000-page Markdown corpus (chibo-gen --preset corpus) without
precompressed copies, takes every file chibo would compress (text of 1 KB or more), and compresses
all of them with zlib level 9 (`gzip -9`, what chibo used before), every libdeflate level (through
ctypes on libdeflate.so.0, gzip format as chibo writes it) and every Brotli quality (the `brotli`
module, text mode, the window chibo chooses). Prints, for each level, the total bytes, the total
against the level Compression.swift uses now, how many files come out larger than with that level
(a reader who gets that copy would receive more bytes than today), and one core's CPU time.

The rule (issue 33): no reader gets a larger file than today for no gain in build time that
matters. The line `no file larger` names the lowest level at which no file of either set is larger
than with today's level; a lower level than that makes some reader's file larger and is only worth
it for the time it saves, which the table shows. `make compression-levels`; `make bench` runs it
first."""
import ctypes
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
WORK = ROOT / ".build" / "bench"
CONFIG = os.environ.get("BENCH_CONFIG", "release")
CHIBO = ROOT / ".build" / CONFIG / "chibo"
GEN = ROOT / ".build" / CONFIG / "chibo-gen"
EXTENSIONS = {"html", "css", "js", "json", "xml", "svg", "csv", "ics", "txt", "md"}


def ensure_brotli():
    try:
        import brotli  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "brotli"], check=True)
    import brotli
    return brotli


def pages(content, output):
    subprocess.run([str(CHIBO), "build", "--content", str(content), "--output", str(output), "--theme",
                    str(ROOT / "site-theme"), "--date", "2024-06-30", "--no-precompress"], check=True,
                   stderr=subprocess.DEVNULL)
    files = []
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix[1:].lower() in EXTENSIONS and path.stat().st_size >= 1024:
            files.append(path.read_bytes())
    return files


class Libdeflate:
    def __init__(self):
        self.lib = ctypes.CDLL("libdeflate.so.0")
        self.lib.libdeflate_alloc_compressor.restype = ctypes.c_void_p
        self.lib.libdeflate_alloc_compressor.argtypes = [ctypes.c_int]
        self.lib.libdeflate_gzip_compress.restype = ctypes.c_size_t
        self.lib.libdeflate_gzip_compress.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                      ctypes.c_void_p, ctypes.c_size_t]
        self.lib.libdeflate_gzip_compress_bound.restype = ctypes.c_size_t
        self.lib.libdeflate_gzip_compress_bound.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        self.lib.libdeflate_free_compressor.argtypes = [ctypes.c_void_p]

    def sizes(self, level, files):
        compressor = self.lib.libdeflate_alloc_compressor(level)
        sizes = []
        for data in files:
            bound = self.lib.libdeflate_gzip_compress_bound(compressor, len(data))
            out = ctypes.create_string_buffer(bound)
            size = self.lib.libdeflate_gzip_compress(compressor, data, len(data), out, bound)
            assert size > 0
            sizes.append(size)
        self.lib.libdeflate_free_compressor(compressor)
        return sizes


def zlib9(files):
    sizes = []
    for data in files:
        packer = zlib.compressobj(9, zlib.DEFLATED, 31, 9)
        sizes.append(len(packer.compress(data) + packer.flush()))
    return sizes


def window(size):
    """The Brotli window chibo uses: no larger than the input, from 2^10 to 2^24."""
    bits = 10
    while bits < 24 and (1 << bits) < size + 16:
        bits += 1
    return bits


def brotli_sizes(brotli, quality, files):
    return [len(brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality, lgwin=window(len(data))))
            for data in files]


def timed(function, *args):
    start = time.process_time()
    value = function(*args)
    return value, time.process_time() - start


def current_levels():
    source = (ROOT / "Sources" / "ChiboSite" / "Compression.swift").read_text(encoding="utf-8")
    level = re.search(r"gzipLevel: Int32 = (\d+)", source)
    quality = re.search(r"brotliQuality: UInt32 = (\d+)", source)
    if not level or not quality:
        raise SystemExit("Compression.swift: gzipLevel or brotliQuality not found")
    return int(level.group(1)), int(quality.group(1))


def table(title, rows, now, names):
    """rows: {label: {set: (sizes, seconds)}}; `now` the label of today's level. Returns the lowest
    label, in the rows' order, with no file larger than today's on any set."""
    print(f"| {title} | " + " | ".join(f"{n} bytes | vs now | files larger than now | {n} CPU" for n in names) + " |")
    print("|---|" + "---:|---:|---:|---:|" * len(names))
    lowest = None
    for label, row in rows.items():
        cells, none_larger = [], True
        for n in names:
            sizes, seconds = row[n]
            today, today_seconds = rows[now][n]
            larger = sum(1 for size, before in zip(sizes, today) if size > before)
            none_larger = none_larger and larger == 0
            cells.append(f"{sum(sizes):,} | {sum(sizes) / sum(today):.3f} | {larger} of {len(sizes)} | "
                         f"{seconds:.2f} s ({seconds / today_seconds:.2f})")
        if none_larger and lowest is None and not label.startswith("zlib"):
            lowest = label
        print(f"| {label}{' (now)' if label == now else ''} | " + " | ".join(cells) + " |")
    print()
    return lowest


def main():
    brotli = ensure_brotli()
    libdeflate = Libdeflate()
    level_now, quality_now = current_levels()
    WORK.mkdir(parents=True, exist_ok=True)
    corpus = WORK / "corpus"
    if not (corpus / "site.yaml").exists():
        subprocess.run([str(GEN), "--preset", "corpus", "--output", str(corpus)], check=True)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="chibo-levels-"))
    try:
        sets = {"bundled": pages(ROOT / "content", scratch / "bundled"), "corpus": pages(corpus, scratch / "corpus")}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    names = list(sets)
    print("files compressed: " + ", ".join(f"{n} {len(sets[n])} ({sum(map(len, sets[n])) / 1e6:.1f} MB)"
                                             for n in names))
    print("CPU is one core's seconds for the set, and in brackets against today's level; "
          "\"files larger\" counts the files whose copy is larger than with today's level")
    print()
    gzip_rows = {"zlib 9": {n: timed(zlib9, sets[n]) for n in names}}
    for level in range(1, 13):
        gzip_rows[f"libdeflate {level}"] = {n: timed(libdeflate.sizes, level, sets[n]) for n in names}
    lowest_gzip = table("gzip", gzip_rows, f"libdeflate {level_now}", names)
    brotli_rows = {f"quality {quality}": {n: timed(brotli_sizes, brotli, quality, sets[n]) for n in names}
                   for quality in range(0, 12)}
    lowest_brotli = table("brotli", brotli_rows, f"quality {quality_now}", names)
    print(f"Compression.swift uses: libdeflate level {level_now}, brotli quality {quality_now}")
    print(f"no file larger than now on either set from: {lowest_gzip}, brotli {lowest_brotli}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
