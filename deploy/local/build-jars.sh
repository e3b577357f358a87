# Sourced by run.sh and benchmark.sh (not run on its own): takes their arguments, builds the jars when
# one is missing or --build is among them, and leaves the other arguments in ARGS for the launcher.
# Expects to run from the repository root.

yjs_build_jars() {
  local who="$1"
  shift
  local build=false
  ARGS=()
  for arg in "$@"; do
    case "$arg" in
      --build) build=true ;;
      *) ARGS+=("$arg") ;;
    esac
  done

  local jars=(case-service/target/case-service.jar panel-service/target/panel-service.jar
              kpi-service/target/kpi-service.jar gateway/target/gateway.jar auth-server/target/auth-server.jar
              deploy/local/target/local-stack.jar)
  for jar in "${jars[@]}"; do
    [ -f "$jar" ] || build=true
  done

  if [ "$build" = true ]; then
    local mvn
    if [ -x ./mvnw ]; then
      mvn=./mvnw
    elif command -v mvn >/dev/null 2>&1; then
      mvn=mvn
    else
      echo "Maven not found: install Maven 3.8+ (or add the Maven wrapper) to build the jars." >&2
      exit 1
    fi
    echo "[$who] Building the jars ($mvn -B -q -DskipTests package)..."
    "$mvn" -B -q -DskipTests package
  fi
}
