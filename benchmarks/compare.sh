#!/usr/bin/env bash
# Side by side: the same cancel loop with this library's IndexingJobsClient, a raw WebClient and the official
# TypeScript SDK, against one local responder, at concurrency 1 and 64. Prints one table and rewrites the generated
# section of docs/benchmarks.md and the chart docs/benchmarks.svg. Bounded: fixed request counts, every step under a
# timeout. Run from anywhere: bash benchmarks/compare.sh
set -euo pipefail

cd "$(dirname "$0")/.."
root="$(pwd)"

peer_package="@digitalocean/gradient"
peer_version="0.1.0-alpha.2"     # pinned: the only published version when written (npm view @digitalocean/gradient versions)
requests="${REQUESTS:-20000}"    # measured requests per cell
warmup="${WARMUP:-40000}"        # requests before measuring, per cell (the JIT needs tens of thousands at concurrency 64)
concurrencies=(1 64)
jar="benchmarks/target/benchmarks.jar"
out="benchmarks/target/compare"
peer_dir="benchmarks/.peer"

mkdir -p "$out"
: > "$out/results.tsv"
: > "$out/commands.txt"

run() {
    echo "$*" >> "$out/commands.txt"
    "$@"
}

echo "== building the benchmarks jar (and the client it needs)"
run ./mvnw -B -q -pl benchmarks -am package -DskipTests

echo "== installing ${peer_package}@${peer_version} into ${peer_dir}"
mkdir -p "$peer_dir"
run timeout 300 npm install --prefix "$peer_dir" --no-audit --no-fund --save-exact "${peer_package}@${peer_version}" >/dev/null

responder_pid=""
cleanup() {
    if [[ -n "$responder_pid" ]] && kill -0 "$responder_pid" 2>/dev/null; then
        kill "$responder_pid" 2>/dev/null || true
        wait "$responder_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

echo "== starting the responder"
echo "java -Xmx256m -XX:+UseSerialGC -cp $jar io.github.gradientspring.benchmarks.Responder --port 0 --max-seconds 900" >> "$out/commands.txt"
java -Xmx256m -XX:+UseSerialGC -cp "$jar" io.github.gradientspring.benchmarks.Responder --port 0 --max-seconds 900 > "$out/responder.log" 2>&1 &
responder_pid=$!
base_url=""
for _ in $(seq 1 60); do
    if grep -q '^listening on ' "$out/responder.log"; then
        base_url="$(sed -n 's/^listening on //p' "$out/responder.log" | head -n 1)"
        break
    fi
    sleep 0.5
done
if [[ -z "$base_url" ]]; then
    echo "the responder did not start:" >&2
    cat "$out/responder.log" >&2
    exit 1
fi
echo "   responder at $base_url"

{
    echo "date:        $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "cpu:         $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores)"
    echo "memory:      $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
    echo "os:          $(uname -sr)"
    echo "java:        $(java -version 2>&1 | head -n 2 | tail -n 1)"
    echo "node:        $(node -v)"
    echo "peer:        ${peer_package}@${peer_version}"
    echo "source:      $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- gradient-client 2>/dev/null || echo ' + uncommitted changes to gradient-client')"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "per cell:    ${warmup} warm-up requests, then ${requests} measured; each cell a fresh process"
} > "$out/machine.txt"

java_loop() {
    run timeout 300 java -cp "$jar" io.github.gradientspring.benchmarks.CancelLoop --impl "$1" --base-url "$base_url" \
        --requests "$requests" --warmup "$warmup" --concurrency "$2"
}

ts_loop() {
    run timeout 300 node benchmarks/peer/cancel-loop.mjs --peer "$peer_dir" --base-url "$base_url" \
        --requests "$requests" --warmup "$warmup" --concurrency "$1"
}

for concurrency in "${concurrencies[@]}"; do
    echo "== concurrency $concurrency"
    java_loop client "$concurrency" | tail -n 1 | tee -a "$out/results.tsv"
    java_loop raw "$concurrency" | tail -n 1 | tee -a "$out/results.tsv"
    ts_loop "$concurrency" | tail -n 1 | tee -a "$out/results.tsv"
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"

echo "== results"
java -cp "$jar" io.github.gradientspring.benchmarks.CompareReport --results "$out/results.tsv" \
    --machine "$out/machine.txt" --commands "$out/commands.txt" --markdown docs/benchmarks.md --svg docs/benchmarks.svg
echo "wrote docs/benchmarks.md (generated section) and docs/benchmarks.svg"
