#!/usr/bin/env bash
# Install what building and testing need, on a fresh Debian 12 machine or a developer's
# own. Idempotent: a second run checks and does nothing. Writes .toolchain.env, which the
# Makefile reads to find a cargo that can build for wasm32-unknown-unknown.
#
# The wasm32 standard library: `rustup target add` first (the normal route, with internet);
# where that cannot download, Debian's rustc-web with its library sources, the standard
# library built once for wasm32 and installed into Debian's sysroot (../shared/TOOLCHAIN.md).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM=wasm32-unknown-unknown
say() { printf '[setup] %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# `cargo install --locked` first: the versions each tool's release was published with. A
# registry can lack one of them (seen 2026-12-06: wasm-bindgen-cli 0.2.130's lock names
# webpki-roots 1.0.11, which this machine's crates.io index did not list): then the newest
# versions its requirements allow, rather than no tool at all.
cargo_install() {
  cargo "$@" --quiet --locked && return
  say "cargo $* --locked failed: trying again with the newest compatible dependencies"
  cargo "$@" --quiet
}

rustup_has_wasm() {
  command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx "$WASM"
}

# The marker says the library was built by this script with LLVM bitcode embedded beside
# its machine code: the app's LTO release build needs the bitcode (a plain build leaves it
# out: "Can't find section .llvmbc"), and debug builds link the machine code with lld-19,
# which cannot read the newer LLVM's bitcode (so not an LTO profile, whose objects are
# bitcode only). And with its sources' paths shortened, as rustup's are and as
# .cargo/config.toml shortens the crates' (`--remap-path-prefix`): a panic's location names
# `library/core/src/...`, and the page's module carries 1.7 KB less of paths.
WASM_STD_MARKER=/usr/lib/rustlib/$WASM/lib/.built-with-bitcode-short-paths
debian_has_wasm_std() {
  ls /usr/lib/rustlib/$WASM/lib/libstd-*.rlib >/dev/null 2>&1 && [ -f "$WASM_STD_MARKER" ]
}

install_debian_wasm_std() {
  apt_install rustc-web cargo-web rust-web-src lld-19
  if debian_has_wasm_std; then return; fi
  say "building the standard library for $WASM into Debian's sysroot (about a minute)"
  local scratch
  scratch=$(mktemp -d)
  /usr/bin/cargo new --quiet --lib --name wasm_std_build "$scratch/build"
  local registry="${CARGO_HOME:-$HOME/.cargo}/registry/src/index.crates.io-1949cf8c6b5b557f/"
  (cd "$scratch/build" && RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc \
     RUSTFLAGS="-Cembed-bitcode=yes --remap-path-prefix=/usr/lib/rustlib/src/rust/= --remap-path-prefix=$registry=" \
     /usr/bin/cargo build --quiet --release --target $WASM -Zbuild-std=std,panic_abort,test)
  sudo_if_needed mkdir -p /usr/lib/rustlib/$WASM/lib
  sudo_if_needed find /usr/lib/rustlib/$WASM/lib -name '*.rlib' -delete
  find "$scratch/build/target/$WASM/release/deps" -name '*.rlib' ! -name 'libwasm_std_build-*' \
    -exec cp {} /usr/lib/rustlib/$WASM/lib/ \;
  sudo_if_needed touch "$WASM_STD_MARKER"
  rm -rf "$scratch"
}

# SETUP_WASM_ROUTE=debian forces the fallback (to test it where rustup works).
if [ "${SETUP_WASM_ROUTE:-}" != debian ] && rustup_has_wasm; then
  say "using rustup's $WASM target"
  printf 'WASM_BIN=\n' > .toolchain.env
elif [ "${SETUP_WASM_ROUTE:-}" != debian ] && command -v rustup >/dev/null 2>&1 && timeout 30 rustup target add "$WASM" >/dev/null 2>&1; then
  say "installed rustup's $WASM target"
  printf 'WASM_BIN=\n' > .toolchain.env
else
  say "rustup cannot install $WASM here: using Debian's rustc-web"
  install_debian_wasm_std
  # Put Debian's cargo, rustc and rustdoc first on PATH for wasm builds (rustup's usually
  # come first and have no wasm32 library). rust-lld, the target's default linker, is not
  # in Debian: name lld-19's wasm-ld.
  mkdir -p .toolchain/bin
  for tool in cargo rustc rustdoc; do ln -sf /usr/bin/$tool .toolchain/bin/$tool; done
  printf 'WASM_BIN=.toolchain/bin\nCARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19\n' > .toolchain.env
fi
say "done ($(tr '\n' ' ' < .toolchain.env))"

# The app's build tools, when asked for (`scripts/setup.sh app`, and `test`, which needs
# them too): wasm-bindgen's CLI at the version Cargo.lock pins, trunk, and the npm packages
# (binaryen's wasm-opt, pinned in package-lock.json; playwright-core for the end-to-end test).
install_app_tools() {
  local bindgen_version
  bindgen_version=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
  if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$bindgen_version" ]; then
    say "cargo install wasm-bindgen-cli $bindgen_version (about 3 minutes)"
    cargo_install install wasm-bindgen-cli --version "$bindgen_version"
  fi
  if ! command -v trunk >/dev/null 2>&1; then
    # trunk 0.22 needs rustc >= 1.96.1: the nightly toolchain where there is one (a fresh
    # machine has only its stable one). `--locked`, with the versions each release was
    # published with: without it, trunk 0.21.14 no longer builds (a newer cssparser than its
    # lightningcss takes, 2026-12-05).
    say "cargo install trunk (about 10 minutes)"
    if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
      cargo_install +nightly install trunk --version 0.22.1
    else
      cargo_install install trunk --version 0.21.14
    fi
  fi
  # wasm-opt from npm's binaryen: Debian's binaryen 108 cannot parse what current Rust emits.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    say "npm ci (binaryen, playwright-core, axe-core, terser, typescript)"
    npm ci --silent --no-audit --no-fund
  fi
  say "app tools ready: $(wasm-bindgen --version), $(trunk --version), $(node_modules/.bin/wasm-opt --version)"
}

# What the tests need besides (`scripts/setup.sh test`): wasm-pack, Debian's Chromium and
# ChromeDriver for the browser tests, nginx and Ruby's erb to serve dist/ as Heroku does.
install_test_tools() {
  apt_install chromium chromium-driver nginx ruby
  if ! command -v wasm-pack >/dev/null 2>&1; then
    say "cargo install wasm-pack (about 2 minutes)"
    cargo_install install wasm-pack --version 0.15.1
  fi
  say "test tools ready: $(wasm-pack --version), $(chromium --version), $(/usr/sbin/nginx -v 2>&1)"
}

case "${1:-}" in
  app) install_app_tools ;;
  test) install_app_tools; install_test_tools ;;
  "") ;;
  *) say "unknown part ${1}: use app or test"; exit 2 ;;
esac
