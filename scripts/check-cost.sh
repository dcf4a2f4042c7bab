#!/usr/bin/env bash
# `cargo check` cost of generated code: generates a WSDL into a throwaway crate that
# depends on `soap-runtime` (path dependency, the workspace's Cargo.lock, so the same
# dependency versions), checks the dependencies once, then times `cargo check` of the
# generated crate alone (CPU time = user + system, and peak RSS, from GNU time) over
# RUNS runs (the crate's source is touched before each so only it is rechecked; no
# incremental compilation).
#
#   scripts/check-cost.sh [RUNS] [WSDL [GENERATE FLAGS...]]
#
# Defaults: 3 runs of the largest corpus WSDL, aws-ec2-large (from ../shared/wsdl-corpus;
# an empty WSDL argument means it too, e.g. `scripts/check-cost.sh 3 "" --serde`).
# Uses `soap-codegen` from SOAP_CODEGEN, or builds it (debug: the output is the same).
# CHECK_COST_EDIT=command runs `command FILE` on the generated file before checking,
# to measure by hand what a part of the output costs (e.g. a sed removing the serde
# derives). Set CARGO_TARGET_DIR to reuse a built soap-runtime.
set -euo pipefail
# Incremental compilation would reuse the previous run's work on an unchanged file.
export CARGO_INCREMENTAL=0
cd "$(dirname "$0")/.."
root="$(pwd)"
runs="${1:-3}"
shift || true
wsdl="${1:-}"
shift || true
if [[ -z "$wsdl" ]]; then
    wsdl="$(cd ../shared/wsdl-corpus 2>/dev/null && pwd)/aws-ec2-large/ec2.wsdl" || {
        echo "no ../shared/wsdl-corpus beside the repository" >&2
        exit 2
    }
fi
target="${CARGO_TARGET_DIR:-$root/target}"
if [[ -z "${SOAP_CODEGEN:-}" ]]; then
    cargo build --quiet -p soap-codegen-cli
    SOAP_CODEGEN="$target/debug/soap-codegen"
fi
crate="$(mktemp -d)"
trap 'rm -rf "$crate"' EXIT
mkdir "$crate/src"
cat >"$crate/Cargo.toml" <<EOF
[package]
name = "check-cost-generated"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
soap-runtime = { path = "$root/runtime" }

[workspace]
EOF
cp Cargo.lock "$crate/"
# Dependencies first, untimed, with an empty crate.
: >"$crate/src/lib.rs"
CARGO_TARGET_DIR="$target" cargo check --quiet --manifest-path "$crate/Cargo.toml"
"$SOAP_CODEGEN" generate "$wsdl" -o "$crate/src/lib.rs" "$@" 2>/dev/null
if [[ -n "${CHECK_COST_EDIT:-}" ]]; then
    $CHECK_COST_EDIT "$crate/src/lib.rs"
fi
bytes=$(stat -c %s "$crate/src/lib.rs")
best_cpu=""
best_kb=""
for _ in $(seq "$runs"); do
    touch "$crate/src/lib.rs"
    CARGO_TARGET_DIR="$target" /usr/bin/time -f '%U %S %M' -o "$crate/time" \
        cargo check --quiet --manifest-path "$crate/Cargo.toml" 2>"$crate/errors" || {
        echo "cargo check of the generated crate failed:" >&2
        head -40 "$crate/errors" >&2
        exit 1
    }
    read -r user sys rss_kb <"$crate/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
    if [[ -z "$best_cpu" ]] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then
        best_cpu="$cpu"
    fi
    if [[ -z "$best_kb" || "$rss_kb" -lt "$best_kb" ]]; then best_kb="$rss_kb"; fi
done
awk -v w="$(basename "$wsdl")" -v b="$bytes" -v c="$best_cpu" -v kb="$best_kb" -v r="$runs" 'BEGIN {
    printf "| %s | generated KB %d | check CPU s (best of %d) %s | peak RSS MB %.0f |\n", w, b / 1024, r, c, kb / 1024
}'
