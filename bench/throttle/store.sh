#!/usr/bin/env bash
# The throttle decision's cost by store: buckets shared in PostgreSQL (one transaction per decision)
# against the in-memory buckets of the H2 store, in the same run. In-process, no network but the
# embedded PostgreSQL's loopback socket; bounded: about 2 minutes with the defaults.
# Usage: bench/throttle/store.sh [roundSeconds=2] [rounds=5]. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -DskipTests test-compile
mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec java -Xmx1g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.callgate.bench.ThrottleStoreBench "$@"
