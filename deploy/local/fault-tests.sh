#!/usr/bin/env bash
# The full fault-injection run (deploy/local/.../faults/FaultInjectionIT): a stack of its own (PostgreSQL, Kafka
# and the four service JVMs, loopback only) under a steady load of generated commands through the gateway;
# kill -9 of each service in turn and a restart, Kafka and PostgreSQL stopped and restarted, each followed by
# the consistency oracle; duplicate and reordered delivery; concurrent edits; 10,000 fuzzed requests per service.
# `mvn verify` runs a short version of the same test. About 8 minutes on 2 cores.
# Usage: deploy/local/fault-tests.sh [extra Maven arguments, e.g. -o]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# The test starts the services from their jars: -am builds them (and test-support) in the same reactor, so a fresh
# clone needs nothing installed first; every other module's tests are filtered out. --build, which this script
# once needed to rebuild the jars, is accepted and ignored: they are always rebuilt now.
ARGS=()
for arg in "$@"; do
  [ "$arg" = --build ] || ARGS+=("$arg")
done
exec mvn -B ${ARGS[@]+"${ARGS[@]}"} verify -pl deploy/local -am -Dyjs.faults.full=true -Dit.test=FaultInjectionIT \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
