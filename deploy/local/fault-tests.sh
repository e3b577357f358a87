#!/usr/bin/env bash
# The full fault-injection run (deploy/local/.../faults/FaultInjectionIT): a stack of its own (PostgreSQL, Kafka
# and the four service JVMs, loopback only) under a steady load of generated commands through the gateway;
# kill -9 of each service in turn and a restart, Kafka and PostgreSQL stopped and restarted, each followed by
# the consistency oracle; duplicate and reordered delivery; concurrent edits; 10,000 fuzzed requests per service.
# `mvn verify` runs a short version of the same test. About 8 minutes on 2 cores.
# Usage: deploy/local/fault-tests.sh [--build] [extra Maven arguments, e.g. -o]
#   --build  rebuild the service jars first (otherwise only when one is missing)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# The test starts the services from their jars: build them when one is missing or --build is given.
# shellcheck source=build-jars.sh
source "$ROOT/deploy/local/build-jars.sh"
yjs_build_jars fault-tests.sh "$@"

exec mvn -B ${ARGS[@]+"${ARGS[@]}"} verify -pl deploy/local -Dyjs.faults.full=true -Dit.test=FaultInjectionIT \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
