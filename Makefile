# chibo: `make site` builds the tool and the bundled site into public/; `make test` runs every test.
SWIFT      ?= swift
CONTENT    ?= content
OUTPUT     ?= public
RELEASE    := .build/release/chibo
DEBUG_BIN  := .build/debug/chibo

SITE_PACKAGES := libcmark-dev pkg-config
TEST_PACKAGES := $(SITE_PACKAGES) valgrind

.PHONY: site test deps-site deps-test build release lint format leak-check clean

site: deps-site release
	$(RELEASE) build --content $(CONTENT) --output $(OUTPUT)

test: deps-test lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --parallel
	$(MAKE) --no-print-directory leak-check

release:
	$(SWIFT) build -c release --product chibo

build:
	$(SWIFT) build --product chibo

# Installs the Debian packages that are missing (apt-get, as root); prints what it would need otherwise.
deps-site:
	@sh .ci/apt-install $(SITE_PACKAGES)

deps-test:
	@sh .ci/apt-install $(TEST_PACKAGES)

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

# Renders many Markdown documents through libcmark under valgrind: no definite leaks allowed.
leak-check: build
	sh Tests/leak-check.sh $(DEBUG_BIN)

clean:
	rm -rf .build $(OUTPUT)
