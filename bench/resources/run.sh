#!/usr/bin/env bash
# The resource and quota bench: quota-check latency against 100,000 resources, and start-up with
# 1,000 instances. Results go to bench/results/ (not committed); the figures are in README.md here.
# Usage: bench/resources/run.sh [seededResources=100000] [rounds=300] [instances=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -DskipTests test-compile
mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec java -Xmx1g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.callgate.bench.ResourceBench bench/results "$@"
