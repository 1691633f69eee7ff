#!/bin/sh
# Runs every harness of chibo-fuzz for FUZZ_SECONDS each, one after another (see `make fuzz`).
# Fails on a crash, a leak, an input slower than 1 s, or one whose heap growth passes 50 × its size
# (+ 4 MiB allowance, measured inside the harness). Failing inputs are kept in
# Tests/Fixtures/fuzz-regressions/<harness>/. With FUZZ_SECONDS=0 only the regression inputs are replayed.
set -u
BIN=${BIN:-.build-fuzz/debug/chibo-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-600}
WORK=${FUZZ_WORK:-.build-fuzz/fuzz}
REGRESSIONS=Tests/Fixtures/fuzz-regressions
HARNESSES=${FUZZ_HARNESSES:-"csv units-csv meetings-csv site-yaml rubric-yaml plan-yaml front-matter markdown template workbook-zip sheet-xml preview-request"}
status=0
export LSAN_OPTIONS="suppressions=$(pwd)/Tests/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
seeds() {
  case $1 in
    csv | units-csv) find Tests/Fixtures content -name 'units.csv' ;;
    meetings-csv) find Tests/Fixtures content -path '*meetings/*.csv' ;;
    site-yaml) find Tests/Fixtures content -name 'site.yaml' ;;
    rubric-yaml) find Tests/Fixtures content -path '*rubrics/*.yaml' ;;
    plan-yaml) find Tests/Fixtures content -path '*plans/*.yaml' ;;
    front-matter | markdown) find Tests/Fixtures content -path '*guidance/*.md' | head -400 ;;
    template) find site-theme Tests/Fixtures -name '*.mustache' ;;
    workbook-zip) find Tests/Fixtures content -name '*.xlsx' -o -name '*.xlsm' ;;
    sheet-xml) sheet_seeds ;;
    preview-request) find Tests/Fuzz/seeds/preview-request -type f ;;
  esac
  [ "$1" = csv ] && find Tests/Fixtures content -path '*meetings/*.csv' | head -50
}
# The sheet parts of the fixtures' workbooks, extracted into $WORK/sheet-seeds (a seed is a file name).
sheet_seeds() {
  mkdir -p "$WORK/sheet-seeds"
  find Tests/Fixtures content -name '*.xlsx' -o -name '*.xlsm' | while read -r f; do
    python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.startswith("xl/worksheets/") and n.endswith(".xml"):
        open(sys.argv[2] + "/" + str(abs(hash(sys.argv[1] + n))), "wb").write(z.read(n))' "$f" "$WORK/sheet-seeds" 2>/dev/null
  done
  find "$WORK/sheet-seeds" -type f
}
for h in $HARNESSES; do
  corpus=$WORK/corpus/$h artifacts=$WORK/artifacts/$h/
  mkdir -p "$corpus" "$artifacts" "$REGRESSIONS/$h"
  seeds "$h" | while read -r f; do cp "$f" "$corpus/$(cksum < "$f" | cut -d' ' -f1)"; done
  # Replay the kept regression inputs first: each must pass.
  kept=$(find "$REGRESSIONS/$h" -type f ! -name '*.md.reason' | sort)
  if [ -n "$kept" ]; then
    if ! CHIBO_FUZZ_HARNESS=$h "$BIN" -timeout=1 -rss_limit_mb=2048 $kept >"$WORK/$h-regressions.log" 2>&1; then
      echo "fuzz $h: a kept regression input fails again; see $WORK/$h-regressions.log"; status=1
    fi
  fi
  [ "$SECONDS_EACH" = 0 ] && continue
  start=$(date +%s)
  CHIBO_FUZZ_HARNESS=$h "$BIN" "$corpus" -max_total_time="$SECONDS_EACH" -timeout=1 -rss_limit_mb=2048 \
    -malloc_limit_mb=512 -max_len=65536 -detect_leaks=1 -print_final_stats=1 \
    -artifact_prefix="$artifacts" >"$WORK/$h.log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$WORK/$h.log" | grep -o '[0-9]*$')
  echo "fuzz $h: $(( $(date +%s) - start )) s, ${runs:-?} inputs, exit $rc"
  for a in "$artifacts"*; do
    [ -f "$a" ] || continue
    cp "$a" "$REGRESSIONS/$h/"; echo "fuzz $h: kept $(basename "$a") in $REGRESSIONS/$h/"; rm -f "$a"
  done
  [ $rc = 0 ] || { status=1; tail -40 "$WORK/$h.log"; }
done
exit $status
