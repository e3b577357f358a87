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

build=false
args=()
for arg in "$@"; do
  case "$arg" in
    --build) build=true ;;
    *) args+=("$arg") ;;
  esac
done

JARS=(case-service/target/case-service.jar panel-service/target/panel-service.jar
      kpi-service/target/kpi-service.jar gateway/target/gateway.jar deploy/local/target/local-stack.jar)
for jar in "${JARS[@]}"; do
  [ -f "$jar" ] || build=true
done

if [ "$build" = true ]; then
  if [ -x ./mvnw ]; then
    MVN=./mvnw
  elif command -v mvn >/dev/null 2>&1; then
    MVN=mvn
  else
    echo "Maven not found: install Maven 3.8+ (or add the Maven wrapper) to build the jars." >&2
    exit 1
  fi
  echo "[run.sh] Building the jars ($MVN -B -q -DskipTests package)..."
  "$MVN" -B -q -DskipTests package
fi

export YJS_REPO_DIR="$ROOT"
# exec: Ctrl-C goes straight to the launcher JVM, whose shutdown hook stops everything in order.
# 192 MiB: the launcher holds the Kafka broker, which needs about 50 MiB of live heap here.
exec java -Xmx192m -XX:+UseSerialGC -jar deploy/local/target/local-stack.jar ${args[@]+"${args[@]}"}
