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
# Each tool is timed by its median. The tools take turns, round after round, so that each
# is timed under the same load: on a shared machine the speed of the host drifts by a fifth
# over minutes, and a tool timed whole before the next was timed in another minute than it.
# Each run is started without a shell (`-N`), so no shell start-up is estimated and subtracted.
rounds="${ROUNDS:-8}"
hyperfine -N --warmup 3 --runs 3 -n claimcheck "$bin check generated.claims" >/dev/null
for round in $(seq "$rounds"); do
    hyperfine -N --runs 5 --export-json "claimcheck-$round.json" -n claimcheck "$bin check generated.claims" >/dev/null
    hyperfine -N --runs 2 --export-json "ledger-$round.json" -n ledger "ledger -f generated.ledger bal" >/dev/null
    hyperfine -N --runs 1 --export-json "hledger-$round.json" -n hledger "hledger -f generated.journal check ordereddates" >/dev/null
done
/usr/bin/time -o peak.txt -f "%M" "$bin" check generated.claims >/dev/null
size="$(stat -c %s generated.claims)" python3 - <<'PY'
import glob, json, os, statistics
times = {
    tool: statistics.median(t for f in glob.glob(f"{tool}-*.json") for t in json.load(open(f))["results"][0]["times"])
    for tool in ("claimcheck", "ledger", "hledger")
}
ours = times["claimcheck"]
for name in ("claimcheck", "ledger", "hledger"):
    ratio = times[name] / ours
    print(f"{name:<11} {times[name] * 1000:9.1f} ms   {ratio:6.1f}x claimcheck's time (median, rounds taken in turn)")
print(f"targets: ledger {times['ledger'] / ours:.1f}x (10x wanted), hledger {times['hledger'] / ours:.1f}x (40x wanted)")
size = int(os.environ["size"]) / 2**20
peak = int(open("peak.txt").read()) / 2**10
print(f"claimcheck peak memory: {peak:.0f} MiB for {size:.1f} MiB of claims (4x + 30 MiB = {4 * size + 30:.0f} MiB wanted)")
PY
