# Barbell: the two set-up commands are `make demo` and `make test`.
SWIFT ?= swift
SHELL := /bin/bash
# libtorch's OpenMP workers spin while idle by default, which on machines with few cores
# starves the thread doing the work (see BENCHMARKS.md, issue 6); libgomp reads this only at load.
export OMP_WAIT_POLICY ?= PASSIVE

.PHONY: deps build demo test bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product barbell

demo: build
	.build/release/barbell demo

# Builds and runs every test; the PostgreSQL store tests run against a throwaway cluster.
test: deps
	$(SWIFT) build --build-tests
	BARBELL_REQUIRE_POSTGRES=1 BARBELL_REQUIRE_CHROMIUM=1 bash scripts/with-postgres.sh $(SWIFT) test --skip-build

bench: deps
	$(SWIFT) build -c release --product barbell-bench

clean:
	rm -rf .build
