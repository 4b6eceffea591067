# The front door: `make test` runs every test, doing its own set-up first.
SHELL := /bin/bash

# Written by scripts/setup.sh: the cargo that builds for wasm32 and, where needed, its linker.
-include .toolchain.env
ifneq ($(CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER),)
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER
endif
# Commands that build for wasm32 run with the chosen toolchain first on PATH.
WASM_ENV = PATH="$(if $(WASM_BIN),$(CURDIR)/$(WASM_BIN):)$(CURDIR)/node_modules/.bin:$$PATH"
# Debian's ChromeDriver, never a downloaded one; the app's tests wait out its animations.
BROWSER_TEST_ENV = CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120

.PHONY: setup app-tools test-tools split-profile measure-profile profile-for-compiler test wasm-test e2e package package-test bench-browser bench-browser-page run dist serve-heroku deploy notebook bench bench-wasm compare sklearn-io-test check-curve check-stream fuzz

setup: .toolchain.env

.toolchain.env: scripts/setup.sh
	./scripts/setup.sh

app-tools: .toolchain.env
	./scripts/setup.sh app

test-tools: .toolchain.env
	./scripts/setup.sh test

## The app at http://127.0.0.1:8080: the workbench rebuilt and reloaded on a change (trunk's
## server, building into target/serve-dist), the streams page rebuilt on a change too (trunk
## watch, into target/streams-dist) and served at /streams/ through trunk's proxy
## (scripts/run.mjs).
run: app-tools
	$(WASM_ENV) node scripts/run.mjs

## The static site in dist/: the workbench (index.html), the streams page (streams.html) in
## dist/streams/ with its own bundle, and the service worker that keeps both offline (sw.js).
dist: app-tools
	$(WASM_ENV) trunk build --release
	rm -rf target/streams-dist
	$(WASM_ENV) trunk build --release --dist target/streams-dist --public-url /streams/ streams.html
	mkdir -p dist/streams && cp -R target/streams-dist/. dist/streams/
	node scripts/service-worker.mjs dist

## The functions each page runs at load and in everyday use, which stay in the module the
## page loads (tools/wasm-splitter/workbench-profile.txt, streams-profile.txt): measured on
## an instrumented build in headless Chromium. Run it after changing the app, then commit
## the profiles.
split-profile: measure-profile
	$(MAKE) --no-print-directory dist

measure-profile: test-tools
	WASM_SPLIT=instrument $(MAKE) --no-print-directory dist
	node scripts/split-profile.mjs

## The profiles measured first if one has no section for the compiler at hand (a new Rust
## release, or Debian's rustc-web updated): that compiler inlines and names functions
## otherwise, and without its own section a page would load its lazy module in everyday
## use. A few minutes; commit the sections it writes. (`make e2e` builds dist/ after it.)
profile-for-compiler: test-tools
	@compiler="$$($(WASM_ENV) rustc --version)"; \
	for profile in tools/wasm-splitter/workbench-profile.txt tools/wasm-splitter/streams-profile.txt; do \
	  if ! cargo run --quiet --release -p wasm-splitter -- has-section "$$profile" "$$compiler"; then \
	    echo "$$profile has no section for $$compiler: measuring the profiles (make split-profile); commit them"; \
	    $(MAKE) --no-print-directory measure-profile; \
	    break; \
	  fi; \
	done

## Every test: formatting, lints (native and wasm32), native unit/parity/doc tests, the
## core's parity tests and the app's component tests in headless Chromium, and the
## end-to-end test of the built site.
test: test-tools
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
ifeq ($(WASM_BIN),)
	cargo clippy --target wasm32-unknown-unknown --workspace --all-targets -- -D warnings
else
	@echo "clippy for wasm32 skipped: Debian's rustc-web, this machine's wasm32 route, has no clippy"
endif
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps
	@# The oracle scripts run against scikit-learn outside CI; here they must at least compile.
	python3 -m py_compile tools/*.py
	cargo test --workspace
	$(MAKE) --no-print-directory wasm-test e2e package-test

## The core and the app compiled to wasm32, tested in headless Chromium.
wasm-test:
	$(WASM_ENV) $(BROWSER_TEST_ENV) wasm-pack test --headless --chrome learner
	$(WASM_ENV) $(BROWSER_TEST_ENV) wasm-pack test --headless --chrome

## dist/ served as Heroku serves it (nginx, config from static.json), driven in Chromium, one
## test file at a time on any number of cores (the long-task checks time the page alone);
## and the build's scripts (tests/scripts/).
e2e: profile-for-compiler dist
	node --test --test-concurrency=1 tests/e2e/ tests/scripts/

## The npm package online-mlp (npm/, built by wasm-pack), packed as target/npm/online-mlp-*.tgz.
package: test-tools
	rm -rf target/npm
	$(WASM_ENV) wasm-pack build npm --release --target web --out-dir ../target/npm/pkg --out-name online_mlp
	$(WASM_ENV) wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
		--enable-mutable-globals --enable-reference-types --enable-multivalue \
		target/npm/pkg/online_mlp_bg.wasm -o target/npm/pkg/online_mlp_bg.wasm
	node npm/scripts/package.mjs target/npm/pkg
	cd target/npm/pkg && npm pack --silent --pack-destination ..

## The package from its tarball, installed in a scratch folder: in Node, and in Chromium.
package-test: package
	node --test npm/tests/

## online-mlp against TensorFlow.js (npm/bench; TensorFlow.js from npm, dev only), one page in
## headless Chromium: prints the table.
bench-browser: package
	cd npm/bench && npm ci --silent --no-audit --no-fund
	node npm/bench/run.mjs

## The same page served at http://127.0.0.1:8082, to run the race in any browser.
bench-browser-page: package
	cd npm/bench && npm ci --silent --no-audit --no-fund
	node npm/bench/run.mjs --serve 8082

## dist/ served as Heroku serves it, at http://127.0.0.1:8081 (send X-Forwarded-Proto: https).
serve-heroku: dist
	./scripts/heroku.sh serve 8081

## Build and push the site to a Heroku app: make deploy HEROKU_APP=name (see the README).
deploy: dist
	@test -n "$(HEROKU_APP)" || { echo "usage: make deploy HEROKU_APP=name"; exit 2; }
	./scripts/heroku.sh deploy $(HEROKU_APP)

## The original notebook's output, natively (pass options with ARGS="--seed 7 --epochs 2").
notebook:
	cargo run --release -p learner --example notebook -- $(ARGS)

## Criterion benchmarks of the core.
bench:
	cargo bench -p learner --bench learning

## The same per-sample work timed in headless Chromium, the core compiled to wasm32 (release).
bench-wasm: test-tools
	$(WASM_ENV) $(BROWSER_TEST_ENV) WASM_BINDGEN_TEST_TIMEOUT=600 wasm-pack test --release --headless --chrome learner --test browser_speed \
		-- --include-ignored --nocapture

## tools/sklearn_io.py's every refusal and both directions (needs scikit-learn in /tmp/skvenv).
sklearn-io-test:
	/tmp/skvenv/bin/python tools/sklearn_io.py selftest

## A learning curve downloaded from the page (CSV=learning-curve-seed5-hidden100.csv) replayed
## in scikit-learn (in /tmp/skvenv); one learned on the visitor's file needs it, DATA=file
## (and MISSING=impute if the page filled its missing values in), one learned after an
## import the file imported, IMPORT=file. Without CSV, the checker's selftest on the
## committed page-made files.
check-curve:
	/tmp/skvenv/bin/python tools/check_curve.py $(or $(CSV),selftest) $(if $(DATA),--data $(DATA)) $(if $(MISSING),--missing $(MISSING)) $(if $(IMPORT),--import $(IMPORT))

## A stream downloaded from the streams page (or written by the notebook command's --csv),
## replayed in scikit-learn and River (in /tmp/skvenv): the four hospitals', or a visitor's own
## (DATA="the files it was made of"); without CSV=file, the selftest.
check-stream:
	/tmp/skvenv/bin/python tools/check_stream.py $(or $(CSV),selftest) $(if $(DATA),--data $(DATA))

## scikit-learn against the core on the same work (needs scikit-learn in /tmp/skvenv).
compare:
	/tmp/skvenv/bin/python tools/compare_sklearn.py

## Fuzz the core's readers with libFuzzer (cargo-fuzz, the nightly toolchain; not part of
## make test): FUZZ_RUNS executions per target, seeded from the data, the fixtures and small
## valid files (a 13-2-1 network: learner/examples/fuzz_seeds.rs) that fit the length limit,
## 4 KB, 12 KB for session snapshots (a version 2 stream carries 624 numbers). The CSV
## reader's target runs without AddressSanitizer and comparison tracing: csv_core builds its
## parser's tables for each reader, and traced they took 90% of each run (2,200 runs a second
## against 10,000; the reader is safe Rust).
FUZZ_RUNS ?= 10000000
FUZZ_TARGETS ?= csv_reader model_file session_snapshot package_json
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
	mkdir -p fuzz/corpus/csv_reader fuzz/corpus/model_file fuzz/corpus/session_snapshot fuzz/corpus/package_json
	cp data/heart.csv data/uci/*.data fuzz/corpus/csv_reader/
	cp learner/tests/fixtures/sklearn_roundtrip_ours_after_100.json fuzz/corpus/model_file/
	cp learner/tests/fixtures/sklearn_roundtrip_ours_after_100.json fuzz/corpus/package_json/
	cargo run --release -q -p learner --example fuzz_seeds -- fuzz/corpus
	mkdir -p target && cd fuzz && for target in $(FUZZ_TARGETS); do \
	  log=../target/fuzz-$$target.log; \
	  case $$target in csv_reader) build="-s none --no-trace-compares";; *) build="";; esac; \
	  case $$target in session_snapshot) max_len=12288;; *) max_len=4096;; esac; \
	  cargo +nightly fuzz run --release $$build $$target corpus/$$target -- -runs=$(FUZZ_RUNS) -max_len=$$max_len \
	    -print_final_stats=1 > $$log 2>&1 || { tail -40 $$log; echo "fuzz: $$target failed, see fuzz/artifacts/$$target"; exit 1; }; \
	  echo "$$target: $$(grep -E '^(Done|stat::number_of_executed_units)' $$log | tr '\n' ' ')"; \
	done
