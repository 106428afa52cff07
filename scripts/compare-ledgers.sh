#!/usr/bin/env bash
# Times claimcheck against hledger and ledger-cli on the same generated data: N dated
# amounts, written as a claims file and as equivalent journals by examples/generate.rs.
#   scripts/compare-ledgers.sh [N]       (default 100000)
# hledger, ledger and hyperfine come from Debian's packages; run as root to install them.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
need=()
for tool in hledger ledger hyperfine; do
    command -v "$tool" >/dev/null || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release --quiet --example generate --bin claimcheck
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo run --release --quiet --example generate -- "$n" "$work"
bin="$PWD/target/release/claimcheck"
cd "$work"
# Each tool must succeed on its file first, so that every timing is of a full, clean run.
hledger -f generated.journal check ordereddates
ledger -f generated.ledger bal >/dev/null
"$bin" check generated.claims >/dev/null
hyperfine --warmup 1 --runs 5 --export-json times.json \
    -n claimcheck "$bin check generated.claims" \
    -n ledger "ledger -f generated.ledger bal" \
    -n hledger "hledger -f generated.journal check ordereddates" >/dev/null
python3 - <<'PY'
import json
times = {r["command"]: r["mean"] for r in json.load(open("times.json"))["results"]}
ours = times["claimcheck"]
for name in ("claimcheck", "ledger", "hledger"):
    ratio = times[name] / ours
    print(f"{name:<11} {times[name] * 1000:9.1f} ms   {ratio:6.1f}x claimcheck's time")
PY
/usr/bin/time -f "claimcheck peak memory: %M KiB for $(stat -c %s generated.claims) bytes of claims" "$bin" check generated.claims >/dev/null
