#!/usr/bin/env bash
# Side by side: the same cancel loop with this library's IndexingJobsClient, a raw WebClient, DoTs (DigitalOcean's
# TypeScript SDK, @digitalocean/dots) and the retired TypeScript SDK (@digitalocean/gradient), against one local
# responder, at concurrency 1 and 64. Prints one table and rewrites the generated section of docs/benchmarks.md and the
# chart docs/benchmarks.svg.
#
# DoTs is installed with `npm ci` from benchmarks/peer-dots/package-lock.json (pinned, every transitive version
# included). DoTs 1.19.0 cannot decode a job that carries data_source_uuids: before the loops, decode-job.mjs asks each
# SDK to cancel the responder's usual job and the report shows what it decoded or raised; DoTs' loop then cancels the
# same job without that array. If the retired SDK no longer installs, the run goes on without it and says so.
#
# Each implementation runs in a fresh process per cell: WARMUP_SECONDS of calls, longer while the throughput is still
# rising (the last 5 s more than 5 % above the 5 s before) up to WARMUP_MAX_SECONDS, then MEASURE_SECONDS measured.
# (Run a loop alone with --progress true to see its throughput second by second.) The whole set runs ROUNDS times;
# within a round the implementations run one after the other at each concurrency, in an order rotated from
# round to round, so that drift of the machine's load hits every side alike. The table shows per cell the median of
# the rounds and their range; each ratio is the median of the ratios within each round.
# Bounded: every step under a timeout; the estimated run time is printed first.
#
# Run from anywhere: bash benchmarks/compare.sh
# Environment (defaults in brackets):
#   ROUNDS [3]  WARMUP_SECONDS [20]  WARMUP_MAX_SECONDS [1.5 x WARMUP_SECONDS]  MEASURE_SECONDS [10]
#   CONCURRENCIES ["1 64"]
#   RESPONDER_WARMUP_SECONDS [15]  calls to the responder before the first round, not measured (0: none)
#   MARKDOWN [docs/benchmarks.md]  SVG [docs/benchmarks.svg]  where the report goes (relative to the current folder)
#   OUT [benchmarks/target/compare]  the raw results, logs and the copy of the jar the loops run from
#   BUILD [1]  0 to use the benchmarks jar as it is
# A smoke run that leaves docs/ alone:
#   ROUNDS=1 WARMUP_SECONDS=2 MEASURE_SECONDS=2 RESPONDER_WARMUP_SECONDS=0 MARKDOWN=/tmp/x.md SVG=/tmp/x.svg \
#     bash benchmarks/compare.sh
set -euo pipefail

caller_dir="$(pwd)"
absolute() {
    case "$1" in
        /*) echo "$1" ;;
        *) echo "$caller_dir/$1" ;;
    esac
}
cd "$(dirname "$0")/.."
root="$(pwd)"

if [[ -n "${REQUESTS:-}" || -n "${WARMUP:-}" ]]; then
    echo "REQUESTS and WARMUP are no longer read: the loops are timed, see WARMUP_SECONDS and MEASURE_SECONDS" >&2
    exit 2
fi

peer_package="@digitalocean/gradient"
peer_version="0.1.0-alpha.2"     # pinned: the only published version when written (npm view @digitalocean/gradient versions)
dots_dir="benchmarks/peer-dots"  # its package.json pins @digitalocean/dots 1.19.0; package-lock.json pins the rest
dots_version="$(sed -n 's/.*"@digitalocean\/dots": "\([^"]*\)".*/\1/p' "$dots_dir/package.json")"
rounds="${ROUNDS:-3}"
warmup_seconds="${WARMUP_SECONDS:-20}"
warmup_max_seconds="${WARMUP_MAX_SECONDS:-$(awk -v w="$warmup_seconds" 'BEGIN { print w * 1.5 }' 2>/dev/null)}"
measure_seconds="${MEASURE_SECONDS:-10}"
responder_warmup_seconds="${RESPONDER_WARMUP_SECONDS:-15}"
read -r -a concurrencies <<< "${CONCURRENCIES:-1 64}"
markdown="$(absolute "${MARKDOWN:-$root/docs/benchmarks.md}")"
svg="$(absolute "${SVG:-$root/docs/benchmarks.svg}")"
out="$(absolute "${OUT:-$root/benchmarks/target/compare}")"
build="${BUILD:-1}"
impls=(client raw dots ts-sdk)
peer_dir="benchmarks/.peer"
src_jar="benchmarks/target/benchmarks.jar"

number='^[0-9]+([.][0-9]+)?$'
for value in "$warmup_seconds" "$warmup_max_seconds" "$measure_seconds" "$responder_warmup_seconds"; do
    [[ "$value" =~ $number ]] || { echo "not a number of seconds: $value" >&2; exit 2; }
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive whole number: $rounds" >&2; exit 2; }
for c in "${concurrencies[@]}"; do
    [[ "$c" =~ ^[1-9][0-9]*$ ]] || { echo "not a concurrency: $c" >&2; exit 2; }
done

warmup_max_seconds="$(awk -v w="$warmup_seconds" -v x="$warmup_max_seconds" 'BEGIN { print (x > w) ? x : w }')"

# A cell's process: its warm-up and measurement, plus about 3 s to start and stop (the JVM's start, the SDK's load).
cell_seconds="$(awk -v w="$warmup_seconds" -v m="$measure_seconds" 'BEGIN { printf "%d", w + m + 3 + 0.999 }')"
cell_max_seconds="$(awk -v w="$warmup_max_seconds" -v m="$measure_seconds" 'BEGIN { printf "%d", w + m + 3 + 0.999 }')"
cell_timeout=$((cell_max_seconds + 90))
cells=$((rounds * ${#concurrencies[@]} * ${#impls[@]}))  # at most: without the retired SDK, one in four fewer
responder_seconds="$(awk -v r="$responder_warmup_seconds" 'BEGIN { printf "%d", (r > 0) ? r + 4 : 0 }')"
estimate=$((cells * cell_seconds + responder_seconds))
estimate_max=$((cells * cell_max_seconds + responder_seconds))
minutes() { printf '%d min %02d s' $(($1 / 60)) $(($1 % 60)); }
echo "== estimated run time of the loops: $(minutes "$estimate"), at most $(minutes "$estimate_max")" \
    "(${cells} processes = ${rounds} x ${#concurrencies[@]} x ${#impls[@]}: rounds x concurrencies x implementations," \
    "each ${warmup_seconds}-${warmup_max_seconds} s warm-up + ${measure_seconds} s measured + ~3 s start-up);" \
    "plus the build and the SDK's install, about a minute"

mkdir -p "$out/logs" "$(dirname "$markdown")" "$(dirname "$svg")"
: > "$out/results.tsv"
: > "$out/commands.txt"
rm -f "$out"/logs/*

# Logs a command once (the rounds repeat the same commands), then runs it.
run() {
    grep -qxF -- "$*" "$out/commands.txt" || echo "$*" >> "$out/commands.txt"
    "$@"
}

if [[ "$build" != "0" ]]; then
    echo "== building the benchmarks jar (and the client it needs)"
    run timeout 900 ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi
# The loops run from a copy, so that a build started meanwhile cannot change the jar under them.
cp "$src_jar" "$out/benchmarks.jar"
jar="${out#"$root"/}/benchmarks.jar"

echo "== installing @digitalocean/dots@${dots_version} into ${dots_dir} (npm ci, from its package-lock.json)"
run timeout 300 npm ci --prefix "$dots_dir" --no-audit --no-fund >/dev/null 2>"$out/logs/npm-dots.err"

echo "== installing ${peer_package}@${peer_version} (retired) into ${peer_dir}"
mkdir -p "$peer_dir"
retired="installed"
if ! run timeout 300 npm install --prefix "$peer_dir" --no-audit --no-fund --save-exact \
        "${peer_package}@${peer_version}" >/dev/null 2>"$out/logs/npm-retired.err"; then
    retired="did not install (see $out/logs/npm-retired.err): its figures are left out of this run"
    echo "   ${peer_package}@${peer_version} $retired" >&2
    impls=(client raw dots)
fi

responder_pid=""
cleanup() {
    if [[ -n "$responder_pid" ]] && kill -0 "$responder_pid" 2>/dev/null; then
        kill "$responder_pid" 2>/dev/null || true
        wait "$responder_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

echo "== starting the responder"
responder_max=$((estimate_max + cells * 90 + 300))
responder=(java -Xmx256m -XX:+UseSerialGC -cp "$jar" io.github.gradientspring.benchmarks.Responder --port 0
    --max-seconds "$responder_max")
echo "timeout $((responder_max + 30)) ${responder[*]}" >> "$out/commands.txt"
timeout $((responder_max + 30)) "${responder[@]}" > "$out/responder.log" 2>&1 &
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
    echo "peers:       @digitalocean/dots@${dots_version} (npm ci from ${dots_dir}/package-lock.json: $(node -p "require('./${dots_dir}/node_modules/@microsoft/kiota-serialization-json/package.json').version" 2>/dev/null | sed 's/^/kiota-serialization-json /')); ${peer_package}@${peer_version} (retired), ${retired}"
    echo "source:      $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- gradient-client benchmarks 2>/dev/null || echo ' + uncommitted changes to gradient-client or benchmarks')"
    echo "per cell:    a fresh process: ${warmup_seconds} s of warm-up calls (up to ${warmup_max_seconds} s while still rising), then ${measure_seconds} s measured"
    echo "rounds:      ${rounds}, the implementations' order rotated each round; the responder warmed for ${responder_warmup_seconds} s first"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

loop_command() { # impl concurrency: sets the array `command`
    if [[ "$1" == "ts-sdk" || "$1" == "dots" ]]; then
        local sdk=gradient dir="$peer_dir"
        [[ "$1" == "dots" ]] && sdk=dots dir="$dots_dir"
        command=(node benchmarks/peer/cancel-loop.mjs --sdk "$sdk" --peer "$dir" --base-url "$base_url"
            --warmup-seconds "$warmup_seconds" --warmup-max-seconds "$warmup_max_seconds" \
            --measure-seconds "$measure_seconds" --concurrency "$2")
    else
        command=(java -cp "$jar" io.github.gradientspring.benchmarks.CancelLoop --impl "$1" --base-url "$base_url"
            --warmup-seconds "$warmup_seconds" --warmup-max-seconds "$warmup_max_seconds" \
            --measure-seconds "$measure_seconds" --concurrency "$2")
    fi
}

echo "== does each SDK decode the job the API sends (with data_source_uuids)?"
: > "$out/decode.tsv"
for impl in "${impls[@]}"; do
    case "$impl" in
        dots) sdk=dots dir="$dots_dir" ;;
        ts-sdk) sdk=gradient dir="$peer_dir" ;;
        *) continue ;;
    esac
    run timeout 60 node benchmarks/peer/decode-job.mjs --sdk "$sdk" --peer "$dir" --base-url "$base_url" \
        >> "$out/decode.tsv" 2> "$out/logs/decode-$impl.err" || echo "   (the decode probe of $impl failed; see $out/logs)"
done
sed 's/^/   /' "$out/decode.tsv"

if [[ "$responder_seconds" != "0" ]]; then
    echo "== warming the responder for ${responder_warmup_seconds} s (not measured)"
    run timeout "$cell_timeout" java -cp "$jar" io.github.gradientspring.benchmarks.CancelLoop --impl raw \
        --base-url "$base_url" --warmup-seconds "$responder_warmup_seconds" --measure-seconds 1 --concurrency 64 \
        > "$out/logs/responder-warmup.out" 2>&1 || echo "   (the responder's warm-up failed; see $out/logs)"
fi

problems=0
echo "== the loops (per line: requests measured, seconds, requests/s, p50 ms, p99 ms, peak RSS MiB, failures," \
    "warm-up requests, warm-up seconds)"
for round in $(seq 1 "$rounds"); do
    echo "== round $round of $rounds (load $(cut -d' ' -f1-3 /proc/loadavg))"
    echo "load, round ${round}: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
    for concurrency in "${concurrencies[@]}"; do
        for i in "${!impls[@]}"; do
            impl="${impls[$(((i + round - 1) % ${#impls[@]}))]}"
            log="$out/logs/round${round}-${impl}-c${concurrency}"
            loop_command "$impl" "$concurrency"
            status=0
            run timeout "$cell_timeout" "${command[@]}" > "$log.out" 2> "$log.err" || status=$?
            line="$(tail -n 1 "$log.out")"
            if [[ "$line" == "$impl"$'\t'"$concurrency"$'\t'* ]] && [[ "$(awk -F'\t' '{print NF}' <<< "$line")" == 11 ]]; then
                printf '%s\t%s\n' "$round" "$line" >> "$out/results.tsv"
                printf '   %-7s c=%-3s %s\n' "$impl" "$concurrency" "$(cut -f3- <<< "$line" | tr '\t' ' ')"
            else
                echo "   $impl at concurrency $concurrency gave no result (exit $status); last lines of $log.err:" >&2
                tail -n 5 "$log.err" >&2 || true
            fi
            if [[ "$status" != 0 ]]; then
                problems=$((problems + 1))
            fi
        done
    done
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
echo "(each loop command above ran once per round: ${rounds} rounds, the implementations' order rotated)" >> "$out/commands.txt"

echo "== results"
run timeout 120 java -cp "$jar" io.github.gradientspring.benchmarks.CompareReport --results "$out/results.tsv" \
    --rounds "$rounds" --machine "$out/machine.txt" --commands "$out/commands.txt" --markdown "$markdown" \
    --svg "$svg" --decode "$out/decode.tsv" > "$out/report.txt"
cat "$out/report.txt"
echo "wrote $markdown (generated section) and $svg; raw results in $out"
if [[ "$problems" != 0 ]]; then
    echo "$problems loop(s) failed or timed out: see the Failures and Rounds columns and $out/logs" >&2
    exit 1
fi
