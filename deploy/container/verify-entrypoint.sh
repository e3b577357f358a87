#!/usr/bin/env bash
# Replays deploy/container/Dockerfile without Docker, for one service, and checks the result starts.
#
#   deploy/container/verify-entrypoint.sh <service> [-e NAME=VALUE ...] [--keep]
#
# What it does, read from the Dockerfile itself (so the two cannot drift apart):
#   1. build stage: copies <service>/target/<service>.jar to application.jar and runs the stage's
#      `RUN java -Djarmode=tools ...` line verbatim, in a temporary directory standing for /extract;
#   2. runtime stage: copies the layer directories in the order of the `COPY --from=extract` lines
#      into a directory standing for WORKDIR (owned by the caller, read-only to the service);
#   3. starts the `ENTRYPOINT` array verbatim, from WORKDIR, with an environment holding only the
#      Dockerfile's `ENV` lines, PATH/JAVA_HOME of the local JDK 17 (the image's JRE 17), what the
#      runtime supplies (-e, like `docker run -e`) and, for the back-ends, database and Kafka
#      addresses nobody listens on; as uid/gid of the `USER` line when run as root (setpriv).
# Then:
#   gateway, auth-server (no database; the auth server with its local profile and a key made for the
#                   check): /actuator/health, /health/liveness and /health/readiness answer UP and
#                   /actuator/prometheus serves JVM metrics;
#   back-end (no PostgreSQL here): the application class is launched by the JarLauncher from the
#                   exploded layers and gets as far as opening its first database connection,
#                   which is refused; no class loading errors.
# With -e SPRING_DATASOURCE_URL=... -e KAFKA_BOOTSTRAP_SERVERS=... pointing at real servers, a
# back-end is checked like the gateway instead. Exit status 0 means verified.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
dockerfile="$here/Dockerfile"

usage() { echo "usage: $0 <case-service|panel-service|kpi-service|gateway|auth-server> [-e NAME=VALUE ...] [--keep]" >&2; exit 2; }
[ $# -ge 1 ] || usage
service=$1; shift
extra_env=(); keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    -e) [ $# -ge 2 ] || usage; extra_env+=("$2"); shift 2 ;;
    --keep) keep=true; shift ;;
    *) usage ;;
  esac
done

jar="$repo/$service/target/$service.jar"
[ -f "$jar" ] || { echo "FAIL: $jar is missing: mvn -B -DskipTests package -pl $service -am" >&2; exit 1; }
command -v java >/dev/null || { echo "FAIL: no java on PATH" >&2; exit 1; }
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "$java_major" = 17 ] || echo "WARN: local java is $java_major; the image runs a JRE 17" >&2

port_default=$(sed -n 's/^ *port: *\${SERVER_PORT:\([0-9]*\)}.*/\1/p' "$repo/$service/src/main/resources/application.yml" | head -1)
[ -n "$port_default" ] || { echo "FAIL: no server.port default in $service's application.yml" >&2; exit 1; }

# ---- read the Dockerfile -------------------------------------------------------------------------
# The lines of stage 1 (FROM ... AS extract) and of the last stage.
stage_lines() { # $1 = 1 for the extract stage, 2 for the runtime stage
  awk -v want="$1" '/^FROM /{n++} n==want' "$dockerfile" | sed -e 's/[[:space:]]*$//'
}
extract_stage=$(stage_lines 1)
runtime_stage=$(stage_lines 2)
grep -q '^FROM .* AS extract$' <<<"$extract_stage" || { echo "FAIL: first stage is not 'AS extract'" >&2; exit 1; }

extract_workdir=$(sed -n 's/^WORKDIR //p' <<<"$extract_stage")
extract_run=$(sed -n 's/^RUN \(java -Djarmode=tools .*\)$/\1/p' <<<"$extract_stage")
jar_copy_dest=$(sed -n 's/^COPY \${SERVICE}\/target\/\${SERVICE}\.jar //p' <<<"$extract_stage")
runtime_workdir=$(sed -n 's/^WORKDIR //p' <<<"$runtime_stage")
runtime_user=$(sed -n 's/^USER //p' <<<"$runtime_stage")
entrypoint_json=$(sed -n 's/^ENTRYPOINT //p' <<<"$runtime_stage")
mapfile -t layer_copies < <(sed -n 's/^COPY --from=extract \([^ ]*\) \([^ ]*\)$/\1 \2/p' <<<"$runtime_stage")
mapfile -t image_env < <(sed -n 's/^ENV \([A-Za-z_][A-Za-z0-9_]*\)=\(.*\)$/\1=\2/p' <<<"$runtime_stage" \
                          | sed -e 's/^\([^=]*\)="\(.*\)"$/\1=\2/')
mapfile -t entrypoint < <(jq -r '.[]' <<<"$entrypoint_json")

for v in extract_workdir extract_run jar_copy_dest runtime_workdir entrypoint_json; do
  [ -n "${!v}" ] || { echo "FAIL: could not read $v from $dockerfile" >&2; exit 1; }
done
[ ${#layer_copies[@]} -gt 0 ] || { echo "FAIL: no COPY --from=extract lines" >&2; exit 1; }

# ---- build stage ---------------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yjs-entrypoint-$service.XXXXXX")
chmod 755 "$tmp"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  if $keep; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

extract_fs="$tmp/extract-stage"; runtime_fs="$tmp/runtime-stage"
mkdir -p "$extract_fs$extract_workdir" "$runtime_fs$runtime_workdir"
cp "$jar" "$extract_fs$extract_workdir/$jar_copy_dest"
echo "build stage:   (cd $extract_workdir) $extract_run"
(cd "$extract_fs$extract_workdir" && eval "$extract_run") >"$tmp/extract.log" 2>&1 \
  || { cat "$tmp/extract.log" >&2; echo "FAIL: extraction failed" >&2; exit 1; }

# ---- runtime stage -------------------------------------------------------------------------------
for copy in "${layer_copies[@]}"; do
  src=${copy%% *}; dest=${copy#* }
  case "$dest" in /*) target="$runtime_fs$dest" ;; *) target="$runtime_fs$runtime_workdir/$dest" ;; esac
  [ -d "$extract_fs$src" ] || { echo "FAIL: layer $src was not extracted" >&2; exit 1; }
  echo "runtime stage: COPY $src -> $dest ($(find "$extract_fs$src" -type f | wc -l) files)"
  mkdir -p "$target"
  cp -a "$extract_fs$src." "$target"
done
chmod -R a+rX,go-w "$runtime_fs"

# A port: the service's own default, as in the image, unless something here already uses it.
port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
port=$port_default
run_env=()
if port_in_use "$port"; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "note: port $port_default is in use here; SERVER_PORT=$port for this check only"
  run_env+=("SERVER_PORT=$port")
fi
unused_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
with_backends=false
standalone=false
case "$service" in gateway|auth-server) standalone=true ;; esac
if [ "$service" = auth-server ]; then
  # The local profile makes its signing key on first start; the image's user must be able to write it.
  key_dir="$tmp/auth-key"; mkdir -p "$key_dir"; chmod 755 "$tmp"; chmod 777 "$key_dir"
  run_env+=("YJS_AUTH_PROFILE=local" "YJS_AUTH_SIGNING_KEY_FILE=$key_dir/signing-key.json")
fi
if ! $standalone; then
  have_db=false
  for e in "${extra_env[@]}"; do case "$e" in SPRING_DATASOURCE_URL=*) have_db=true ;; esac; done
  if $have_db; then
    with_backends=true
  else
    db_port=$(unused_port); kafka_port=$(unused_port)
    db_name=${service//-/_}
    run_env+=("SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$db_port/$db_name"
              "SPRING_DATASOURCE_USERNAME=$db_name" "SPRING_DATASOURCE_PASSWORD=not-a-secret"
              "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$kafka_port")
  fi
fi

java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
base_env=("PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
          "JAVA_HOME=$java_home" "HOME=/tmp" "LANG=C.UTF-8")
as_user=()
if [ -n "$runtime_user" ] && [ "$(id -u)" = 0 ]; then
  uid=${runtime_user%%:*}; gid=${runtime_user#*:}; [ "$gid" != "$runtime_user" ] || gid=$uid
  as_user=(setpriv "--reuid=$uid" "--regid=$gid" --clear-groups)
fi

echo "environment:   ${image_env[*]} ${run_env[*]} ${extra_env[*]}"
echo "entrypoint:    (cd $runtime_workdir${as_user:+; as uid ${runtime_user}}) ${entrypoint[*]}"
log="$tmp/$service.log"
(cd "$runtime_fs$runtime_workdir" && exec env -i "${base_env[@]}" "${image_env[@]}" "${run_env[@]}" "${extra_env[@]}" \
   "${as_user[@]}" "${entrypoint[@]}") >"$log" 2>&1 &
pid=$!

fail() { echo "--- last lines of $service's log:" >&2; tail -40 "$log" >&2; echo "FAIL: $*" >&2; exit 1; }
no_class_errors() {
  ! grep -qE 'ClassNotFoundException|NoClassDefFoundError|Could not find or load main class|Unable to find main class' "$log" \
    || fail "class loading error from the exploded layers"
}

wait_up() {
  local base="http://127.0.0.1:$port/actuator"
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || fail "$service exited before it was healthy"
    if [ "$(curl -s -m 2 "$base/health" | jq -r '.status' 2>/dev/null)" = UP ]; then
      for p in health/liveness health/readiness; do
        status=$(curl -s -m 2 "$base/$p" | jq -r '.status' 2>/dev/null)
        [ "$status" = UP ] || fail "/actuator/$p is $status"
        echo "ok: /actuator/$p UP"
      done
      # Not grep -q: it would stop reading early, and curl's broken pipe then fails the pipeline (pipefail).
      curl -s -m 5 "$base/prometheus" | grep '^jvm_memory_used_bytes' >/dev/null || fail "/actuator/prometheus has no JVM metrics"
      echo "ok: /actuator/health UP, /actuator/prometheus serves jvm_memory_used_bytes"
      return 0
    fi
    sleep 0.5
  done
  fail "no UP from /actuator/health within 120 s"
}

if $standalone || $with_backends; then
  wait_up
  no_class_errors
  if grep -q 'at org.springframework.boot.loader' "$log"; then fail "launcher stack trace in the log"; fi
else
  # Without PostgreSQL the service must get as far as its first connection and then stop.
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || break
    grep -qE 'Connection to 127.0.0.1:[0-9]+ refused' "$log" && break
    sleep 0.5
  done
  grep -qE 'Starting [A-Za-z]+Application' "$log" || fail "the application class did not start"
  grep -qE 'Connection to 127.0.0.1:[0-9]+ refused' "$log" || fail "did not get as far as connecting to PostgreSQL"
  no_class_errors
  echo "ok: $(grep -oE 'Starting [A-Za-z]+Application[^(]*' "$log" | head -1)(launched by the JarLauncher from the layers)"
  echo "ok: got as far as connecting to PostgreSQL (refused: none here); pass -e SPRING_DATASOURCE_URL=... for a full check"
fi
grep -qE 'Started [A-Za-z]+Application|Starting [A-Za-z]+Application' "$log" && \
  echo "log: $(grep -oE '(Started|Starting) [A-Za-z]+Application.*' "$log" | tail -1 | cut -c1-160)"
echo "PASS: $service starts from the layered jar with the image's entrypoint"
