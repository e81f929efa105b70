# Shared by scripts/run and scripts/test: puts the tools the project needs on
# PATH, installing what is missing (everything from crates.io, npm or Debian;
# nothing downloads binaries at run time).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Build cache outside the clone, shared by every checkout on this machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/techplus-target}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

CARGO_LEPTOS_VERSION="0.3.10"

# Every build of the site goes through this (run, test, benchmarks): the
# pages are lazy-loaded WASM chunks, and a build without --split would ship
# a client that cannot load them.
#
# A release build with --precompress then writes its gzip files again with
# zopfli (cargo-leptos' gzip encoder leaves them ~15% larger): a diner whose
# browser takes gzip but not brotli downloads less.
leptos_build() {
  cargo leptos build --split "$@"
  case " $* " in
  *" --precompress "*)
    ensure_python_tools
    "$VENV/bin/python" scripts/gzip-best.py target/site/pkg
    ;;
  esac
}

# Python tools in a venv of their own (from PyPI, each pinned, installed once).
VENV="${TECHPLUS_VENV:-$HOME/.cache/techplus-venv}"
ZOPFLI_VERSION="0.4.3"
ensure_python_tools() { ensure_venv_package zopfli "$ZOPFLI_VERSION"; }

# Installs PACKAGE==VERSION into $VENV unless that version is there.
ensure_venv_package() {
  local package="$1" version="$2"
  if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('$package') != '$version')" 2>/dev/null; then
    step "installing $package $version into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "$package==$version"
  fi
}

step() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root for: $*" >&2; return 1; fi
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    step "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes ~13 min once)"
    cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked
  fi
  # wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
  local wb
  wb="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
    step "installing wasm-bindgen-cli $wb"
    cargo install wasm-bindgen-cli --version "$wb"
  fi
}

ensure_node_tools() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] ||
    [ ! -d node_modules/axe-core ] || [ ! -x node_modules/.bin/lighthouse ]; then
    step "installing npm tools (binaryen, playwright-core, axe-core, lighthouse)"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    step "installing Debian's chromium"
    as_root apt-get update
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y chromium
  fi
}

ensure_services() {
  if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    step "starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  fi
  if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
    step "starting Redis"
    as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  fi
  for _ in $(seq 1 50); do
    if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) did not start" >&2
  return 1
}
