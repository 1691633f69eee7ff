#!/usr/bin/env python3
"""Which libdeflate level and Brotli quality chibo's precompressed copies use, by measurement.

Builds the bundled site and the 2,000-page Markdown corpus (chibo-gen --preset corpus) without
precompressed copies, takes every file chibo would compress (text of 1 KB or more), and compresses
all of them with zlib level 9 (what chibo used before), every libdeflate level (through ctypes on
libdeflate.so.0, gzip format as chibo writes it) and every Brotli quality (the `brotli` module,
text mode, the window chibo chooses). Prints total bytes and one core's time for each, and the
choices: the lowest libdeflate level no larger than zlib 9 on both sets, the lowest Brotli quality
within 2% of quality 9 on both. `make compression-levels`; `make bench` runs it first."""
import ctypes
import os
import pathlib
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

    def total(self, level, files):
        compressor = self.lib.libdeflate_alloc_compressor(level)
        total = 0
        for data in files:
            bound = self.lib.libdeflate_gzip_compress_bound(compressor, len(data))
            out = ctypes.create_string_buffer(bound)
            size = self.lib.libdeflate_gzip_compress(compressor, data, len(data), out, bound)
            assert size > 0
            total += min(size, len(data))  # chibo keeps a copy only when it is smaller
        self.lib.libdeflate_free_compressor(compressor)
        return total


def zlib9(files):
    total = 0
    for data in files:
        packer = zlib.compressobj(9, zlib.DEFLATED, 31, 9)
        total += min(len(packer.compress(data) + packer.flush()), len(data))
    return total


def window(size):
    """The Brotli window chibo uses: no larger than the input, from 2^10 to 2^24."""
    bits = 10
    while bits < 24 and (1 << bits) < size + 16:
        bits += 1
    return bits


def brotli_total(brotli, quality, files):
    return sum(min(len(brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality, lgwin=window(len(data)))),
                   len(data)) for data in files)


def timed(function, *args):
    start = time.process_time()
    value = function(*args)
    return value, time.process_time() - start


def main():
    brotli = ensure_brotli()
    libdeflate = Libdeflate()
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
    print("time is CPU seconds of one core for the set")
    print()
    print("| gzip | " + " | ".join(f"{n} bytes | vs zlib 9 | {n} time" for n in names) + " |")
    print("|---|" + "---:|---:|---:|" * len(names))
    reference = {}
    cells = []
    for n in names:
        reference[n], seconds = timed(zlib9, sets[n])
        cells.append(f"{reference[n]:,} | 1.000 | {seconds:.2f} s")
    print("| zlib 9 | " + " | ".join(cells) + " |")
    chosen_level = None
    for level in range(1, 13):
        cells, fits = [], True
        for n in names:
            total, seconds = timed(libdeflate.total, level, sets[n])
            fits = fits and total <= reference[n]
            cells.append(f"{total:,} | {total / reference[n]:.3f} | {seconds:.2f} s")
        if fits and chosen_level is None:
            chosen_level = level
        print(f"| libdeflate {level} | " + " | ".join(cells) + " |")
    print()
    print("| brotli | " + " | ".join(f"{n} bytes | vs q9 | {n} time" for n in names) + " |")
    print("|---|" + "---:|---:|---:|" * len(names))
    rows = {}
    for quality in range(0, 12):
        rows[quality] = {n: timed(brotli_total, brotli, quality, sets[n]) for n in names}
    chosen_quality = None
    for quality, row in rows.items():
        fits = all(row[n][0] <= 1.02 * rows[9][n][0] for n in names)
        if fits and chosen_quality is None:
            chosen_quality = quality
        print(f"| quality {quality} | " + " | ".join(
            f"{row[n][0]:,} | {row[n][0] / rows[9][n][0]:.3f} | {row[n][1]:.2f} s" for n in names) + " |")
    print()
    print(f"chosen: libdeflate level {chosen_level} (the lowest no larger than zlib 9 on both sets), "
          f"brotli quality {chosen_quality} (the lowest within 2% of quality 9 on both)")
    source = (ROOT / "Sources" / "ChiboSite" / "Compression.swift").read_text(encoding="utf-8")
    import re
    level_now = re.search(r"gzipLevel: Int32 = (\d+)", source)
    quality_now = re.search(r"brotliQuality: UInt32 = (\d+)", source)
    print(f"Compression.swift uses: libdeflate level {level_now and level_now.group(1)}, "
          f"brotli quality {quality_now and quality_now.group(1)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
