# The front door: `make test` runs every test, doing its own set-up first.
SHELL := /bin/bash

# Written by scripts/setup.sh: the cargo that builds for wasm32 and, where needed, its linker.
-include .toolchain.env
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER
# Commands that build for wasm32 run with the chosen toolchain first on PATH.
WASM_ENV = PATH="$(if $(WASM_BIN),$(CURDIR)/$(WASM_BIN):)$(CURDIR)/node_modules/.bin:$$PATH"

.PHONY: setup app-tools test run dist notebook bench compare

setup: .toolchain.env

.toolchain.env: scripts/setup.sh
	./scripts/setup.sh

app-tools: .toolchain.env
	./scripts/setup.sh app

## The app at http://127.0.0.1:8080, rebuilt on change.
run: app-tools
	$(WASM_ENV) trunk serve --release

## The static site in dist/.
dist: app-tools
	$(WASM_ENV) trunk build --release

## Every test: formatting, lints, native unit/parity/doc tests, and the core built for wasm32.
test: .toolchain.env
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test --workspace
	$(WASM_ENV) cargo build --release -p learner --target wasm32-unknown-unknown

## The original notebook's output, natively (pass options with ARGS="--seed 7 --epochs 2").
notebook:
	cargo run --release --example notebook -- $(ARGS)

## Criterion benchmarks of the core.
bench:
	cargo bench -p learner --bench learning

## scikit-learn against the core on the same work (needs scikit-learn in /tmp/skvenv).
compare:
	/tmp/skvenv/bin/python tools/compare_sklearn.py
