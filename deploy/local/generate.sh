#!/usr/bin/env bash
# Writes a generated youth justice caseload (N children over Y years ending 31 March 2025, the same file
# for the same seed) as the import's JSON Lines (docs/import-format.md), ready for deploy/local/import.sh.
# Usage: deploy/local/generate.sh --children N --years Y --seed S --out file.jsonl [--prefix ID] [--build]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$PWD"
cd "$ROOT"

# shellcheck source=build-jars.sh
source "$ROOT/deploy/local/build-jars.sh"
yjs_build_jars generate.sh "$@"
cd "$HERE" # --out is relative to where the command was given

exec java -Xmx256m -XX:+UseSerialGC -Dloader.main=org.openyjs.local.generator.Generate \
  -cp "$ROOT/deploy/local/target/local-stack.jar" org.springframework.boot.loader.launch.PropertiesLauncher \
  ${ARGS[@]+"${ARGS[@]}"}
