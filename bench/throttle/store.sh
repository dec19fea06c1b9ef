#!/usr/bin/env bash
# The throttle decision's cost by where the buckets are, in the same run: in memory (a SQLite node),
# PostgreSQL rows (one transaction per decision), and Redis (Bucket4j's compare-and-swap), the latter
# with the overrides read from PostgreSQL (a cluster) and cached (a SQLite node). In-process, no network
# but the loopback sockets of the embedded PostgreSQL and of a redis-server this script starts and stops
# (Debian's redis-server). Bounded: about 6 minutes with the defaults.
# Usage: bench/throttle/store.sh [roundSeconds=2] [rounds=5]. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
round_seconds=${1:-2}
rounds=${2:-5}
mvn -q -DskipTests test-compile
mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

redis_dir=$(mktemp -d)
redis_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" --save "" --appendonly no --daemonize no \
  >"$redis_dir/redis.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; rm -rf "$redis_dir"' EXIT
for _ in $(seq 100); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') on 127.0.0.1:$redis_port; load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.callgate.bench.ThrottleStoreBench \
  "$round_seconds" "$rounds" "redis://127.0.0.1:$redis_port"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
