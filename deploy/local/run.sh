#!/usr/bin/env bash
# Runs the whole platform locally: PostgreSQL, Kafka and the four services, until Ctrl-C.
# Usage: deploy/local/run.sh [--build] [--demo]
#   --build  rebuild the jars first (otherwise only when one is missing)
#   --demo   load demo data once the stack is up
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

if ! command -v java >/dev/null 2>&1; then
  echo "java not found: install a JDK 17 or newer and put it on the PATH." >&2
  exit 1
fi
JAVA_MAJOR="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
if [ -n "$JAVA_MAJOR" ] && [ "$JAVA_MAJOR" -lt 17 ]; then
  echo "Java $JAVA_MAJOR found, but the stack needs Java 17 or newer." >&2
  exit 1
fi

# shellcheck source=build-jars.sh
source "$ROOT/deploy/local/build-jars.sh"
yjs_build_jars run.sh "$@"

export YJS_REPO_DIR="$ROOT"
# exec: Ctrl-C goes straight to the launcher JVM, whose shutdown hook stops everything in order.
# 192 MiB: the launcher holds the Kafka broker, which needs about 50 MiB of live heap here.
exec java -Xmx192m -Xms16m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -jar deploy/local/target/local-stack.jar ${ARGS[@]+"${ARGS[@]}"}
