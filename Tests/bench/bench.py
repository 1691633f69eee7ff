#!/usr/bin/env python3
"""`make bench`: chibo's build times at three content sizes, and a 2,000-page Markdown corpus built by
chibo and by Hugo, alternating, with the cmark command line as the floor. Prints a table and checks
the targets. Not part of `make test`: timing belongs here, never in unit tests."""
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
WORK = ROOT / ".build" / "bench"
CHIBO = ROOT / ".build" / "release" / "chibo"
GEN = ROOT / ".build" / "release" / "chibo-gen"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = os.environ.get("BENCH_SIZES", "bundled,province,nation").split(",")


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def timed(command, cwd=None):
    """Wall seconds and peak resident memory (KB) of one run, via GNU time."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-2000:])
        raise SystemExit(f"failed: {' '.join(map(str, command))}")
    peak = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak


def size_of(folder):
    return sum(path.stat().st_size for path in pathlib.Path(folder).rglob("*") if path.is_file())


def chibo_build(content, output, date="2024-06-30", precompress=True):
    return [str(CHIBO), "build", "--content", str(content), "--output", str(output),
            "--theme", str(ROOT / "site-theme"), "--date", date] + ([] if precompress else ["--no-precompress"])


def prepare():
    run(["swift", "build", "-c", "release", "--product", "chibo"], cwd=ROOT)
    run(["swift", "build", "-c", "release", "--product", "chibo-gen"], cwd=ROOT)
    WORK.mkdir(parents=True, exist_ok=True)
    sets = {"bundled": ROOT / "content"}
    for preset in ("province", "nation", "corpus"):
        folder = WORK / preset
        if preset in SIZES or preset == "corpus":
            if not (folder / "site.yaml").exists():
                run([str(GEN), "--preset", preset, "--output", str(folder)])
            sets[preset] = folder
    return sets


HUGO_LAYOUT = {
    "layouts/_default/baseof.html": """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a><nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "layouts/_default/single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ end }}
""",
    "layouts/_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
    "hugo.toml": """baseURL = "http://localhost/"
title = "Sổ tay"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.tableOfContents]
startLevel = 2
endLevel = 3
""",
}


def hugo_site(corpus):
    site = WORK / "hugo-site"
    if site.exists():
        shutil.rmtree(site)
    for name, text in HUGO_LAYOUT.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copytree(corpus / "guidance", site / "content")
    return site


def median(values):
    return statistics.median(values)


def main():
    if not shutil.which("hugo"):
        run(["sh", str(ROOT / ".ci" / "apt-install"), "hugo", "cmark", "time"])
    sets = prepare()
    rows = []
    results = {}
    for name in [s for s in SIZES if s in sets]:
        content = sets[name]
        output = WORK / f"out-{name}"
        runs = RUNS if name != "nation" else 1
        # The nation-sized set is built once, as published (with .gz/.br): it takes minutes.
        for precompress in ((True,) if name == "nation" else (True, False)):
            times, peaks = [], []
            for _ in range(runs):
                if output.exists():
                    shutil.rmtree(output)
                elapsed, peak = timed(chibo_build(content, output, precompress=precompress))
                times.append(elapsed)
                peaks.append(peak)
            rebuild = [timed(chibo_build(content, output, precompress=precompress))[0] for _ in range(runs)]
            pages = sum(1 for _ in output.rglob("*.html"))
            label = name if precompress else f"{name}, no .gz/.br"
            results[label] = {"wall": median(times), "peak_kb": max(peaks), "rebuild": median(rebuild),
                              "pages": pages, "bytes": size_of(output)}
            rows.append((f"chibo {label}", median(times), pages / median(times), max(peaks), size_of(output),
                         median(rebuild)))

    corpus = sets["corpus"]
    hugo = hugo_site(corpus)
    chibo_times, plain_times, hugo_times, peaks_c, peaks_p, peaks_h = [], [], [], [], [], []
    for _ in range(RUNS):
        out = WORK / "out-corpus"
        if out.exists():
            shutil.rmtree(out)
        elapsed, peak = timed(chibo_build(corpus, out))
        chibo_times.append(elapsed)
        peaks_c.append(peak)
        full_size = size_of(out)
        # The same output as Hugo's: pages without precompressed copies.
        shutil.rmtree(out)
        elapsed, peak = timed(chibo_build(corpus, out, precompress=False))
        plain_times.append(elapsed)
        peaks_p.append(peak)
        public = hugo / "public"
        if public.exists():
            shutil.rmtree(public)
        elapsed, peak = timed(["hugo", "--quiet", "--source", str(hugo), "--destination", str(public)])
        hugo_times.append(elapsed)
        peaks_h.append(peak)
    files = sorted(str(p) for p in (corpus / "guidance").rglob("*.md"))
    floor_times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(["cmark", "--smart", *files], stdout=subprocess.DEVNULL, check=True)
        floor_times.append(time.perf_counter() - start)
    corpus_pages = sum(1 for _ in (WORK / "out-corpus").rglob("*.html"))
    hugo_pages = sum(1 for _ in (hugo / "public").rglob("*.html"))
    rows.append(("chibo corpus (2,000 md)", median(chibo_times), corpus_pages / median(chibo_times), max(peaks_c),
                 full_size, None))
    rows.append(("chibo corpus, no .gz/.br (as Hugo)", median(plain_times), corpus_pages / median(plain_times),
                 max(peaks_p), size_of(WORK / "out-corpus"), None))
    rows.append(("hugo corpus", median(hugo_times), hugo_pages / median(hugo_times), max(peaks_h),
                 size_of(hugo / "public"), None))
    rows.append(("cmark floor (same files)", median(floor_times), len(files) / median(floor_times), None, None, None))

    print()
    print("| build | wall (median of %d) | pages/s | peak memory | output | no-change rebuild |" % RUNS)
    print("|---|---:|---:|---:|---:|---:|")
    for name, wall, rate, peak, output, rebuild in rows:
        print("| %s | %.2f s | %.0f | %s | %s | %s |" % (
            name, wall, rate, f"{peak / 1024:.0f} MB" if peak else "–", f"{output / 1e6:.1f} MB" if output else "–",
            f"{rebuild:.2f} s ({rebuild / wall:.0%})" if rebuild else "–"))
    ratio_hugo = median(plain_times) / median(hugo_times)
    ratio_floor = median(plain_times) / median(floor_times)
    print()
    print(f"corpus, same output as Hugo (no .gz/.br): chibo ÷ Hugo = {ratio_hugo:.2f}, "
          f"chibo ÷ cmark floor = {ratio_floor:.2f}")
    print(f"corpus with .gz/.br: chibo ÷ Hugo = {median(chibo_times) / median(hugo_times):.2f}, "
          f"chibo ÷ cmark floor = {median(chibo_times) / median(floor_times):.2f}")
    checks = []
    if "bundled" in results:
        checks.append(("bundled full build < 0.5 s", results["bundled"]["wall"] < 0.5))
        checks.append(("bundled full build without .gz/.br < 0.5 s", results["bundled, no .gz/.br"]["wall"] < 0.5))
        checks.append(("bundled no-change rebuild ≤ 20% of a full build",
                       results["bundled"]["rebuild"] <= 0.2 * results["bundled"]["wall"]))
    checks.append(("corpus: chibo ≤ 0.5 × Hugo (same output)", ratio_hugo <= 0.5))
    checks.append(("corpus: chibo ≤ 3 × cmark floor (same output)", ratio_floor <= 3))
    if "province" in results:
        checks.append(("province < 10 s", results["province"]["wall"] < 10))
        checks.append(("province without .gz/.br < 10 s", results["province, no .gz/.br"]["wall"] < 10))
        checks.append(("province < 1 GB", results["province"]["peak_kb"] < 1024 * 1024))
    if "nation" in results:
        checks.append(("nation < 2 GB", results["nation"]["peak_kb"] < 2 * 1024 * 1024))
    print()
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
