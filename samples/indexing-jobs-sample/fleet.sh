#!/usr/bin/env bash
# Fleet mode on one machine, with no account (docs/fleet.md): one simulator with DigitalOcean's limits on port 8089,
# a redis-server on port 6390 and three instances of the sample on ports 8081-8083, all on the simulator's token.
# Needs redis-server on the PATH. Ctrl-C stops all five processes; their output is in
# samples/indexing-jobs-sample/target/fleet-*.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v redis-server > /dev/null || { echo "fleet.sh needs redis-server on the PATH" >&2; exit 1; }
# The sample's fleet profile adds gradient-redis and spring-boot-starter-data-redis-reactive and writes the class path.
./mvnw -B -q -Pfleet -pl gradient-simulator,samples/indexing-jobs-sample -am package -DskipTests
sample=samples/indexing-jobs-sample/target
pids=()
stop() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2> /dev/null || true
    done
    wait
}
trap stop EXIT
trap 'exit 130' INT TERM
java -jar gradient-simulator/target/gradient-simulator-*[0-9T].jar --port 8089 --demo > "$sample/fleet-simulator.log" 2>&1 &
pids+=($!)
redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no > "$sample/fleet-redis.log" 2>&1 &
pids+=($!)
classpath="$sample/classes:$(cat "$sample/fleet.classpath")"
for port in 8081 8082 8083; do
    java -cp "$classpath" io.github.gradientspring.sample.IndexingJobsSampleApplication --server.port="$port" \
        --gradient.base-url=http://127.0.0.1:8089 --gradient.access-token=simulator-token \
        --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=6390 > "$sample/fleet-$port.log" 2>&1 &
    pids+=($!)
done
echo "simulator http://127.0.0.1:8089 (token simulator-token), redis 127.0.0.1:6390, sample on 8081, 8082, 8083"
echo "knowledge base 9758a232-b351-11ef-bf8f-4e013e2ddde4; health: curl -s localhost:8081/actuator/health"
wait
