#!/usr/bin/env bash
# Measures the platform on this machine: starts a fresh stack in a temporary data directory (its own
# PostgreSQL, Kafka and four service JVMs, on the default ports or free ones), drives commands through
# the gateway at fixed rates, measures end-to-end freshness, imports a generated history, times KPI
# queries and a rebuild against raw Kafka consumption, measures the JDBC append ceiling and memory,
# prints one line per figure (name value unit conditions) and removes everything it started.
# Usage: deploy/local/benchmark.sh [--build] [--c1-only] [--rates 250,500,1000] [--mixes mixed,recording] [--seconds 20] [--import-events 100000]
#          [--freshness-load 310] [--freshness-probes 20] [--kpi-queries 600] [--panel-cases 2000]
#   --build     rebuild the jars first (otherwise only when one is missing)
#   --c1-only   service JVMs with the C1 compiler only (-XX:TieredStopAtLevel=1; the stack's default is full JIT)
# About 10 minutes on 2 cores with the defaults.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# shellcheck source=build-jars.sh
source "$ROOT/deploy/local/build-jars.sh"
yjs_build_jars benchmark.sh "$@"

export YJS_REPO_DIR="$ROOT"
# The launcher's JVM holds the Kafka broker and the load generator.
exec java -Xmx512m -Xms16m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Dloader.main=org.openyjs.local.bench.Benchmark \
  -cp deploy/local/target/local-stack.jar org.springframework.boot.loader.launch.PropertiesLauncher \
  ${ARGS[@]+"${ARGS[@]}"}
