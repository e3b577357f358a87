#!/usr/bin/env bash
# Imports a JSON Lines file of historical case events (docs/import-format.md) into the running local
# stack: gets an admin token from the gateway, posts the file, prints progress until the job is done,
# then every rejected row with its reason. Re-running the same file (same source) records nothing twice.
# Usage: deploy/local/import.sh <file.ndjson> [--source name]     (source defaults to the file's name)
# Env: YJS_GATEWAY (default http://localhost:8080), YJS_ADMIN_USER / YJS_ADMIN_PASSWORD (default admin/admin).
set -euo pipefail

usage() { echo "Usage: $0 <file.ndjson> [--source name]" >&2; exit 2; }
[ $# -ge 1 ] || usage
file="$1"; shift
source="$(basename "$file")"; source="${source%.*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --source) [ $# -ge 2 ] || usage; source="$2"; shift 2 ;;
    *) usage ;;
  esac
done
[ -f "$file" ] || { echo "No such file: $file" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed (to read the JSON answers)" >&2; exit 1; }

GATEWAY="${YJS_GATEWAY:-http://localhost:8080}"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

token="$(curl -sf -X POST "$GATEWAY/auth/token" -d "username=${YJS_ADMIN_USER:-admin}" \
  -d "password=${YJS_ADMIN_PASSWORD:-admin}" | json 'd["access_token"]')" \
  || { echo "Cannot get an admin token from $GATEWAY (is the stack running? deploy/local/run.sh)" >&2; exit 1; }

started="$(curl -s -w '\n%{http_code}' -X POST "$GATEWAY/api/cases/imports?source=$source" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' --data-binary "@$file")"
status="$(tail -n 1 <<<"$started")"; body="$(sed '$d' <<<"$started")"
if [ "$status" != 202 ]; then
  echo "The import was not started (HTTP $status): $body" >&2; exit 1
fi
job="$(json 'd["jobId"]' <<<"$body")"
echo "Import $job of $file (source $source) started"

while true; do
  sleep 2
  view="$(curl -sf -H "Authorization: Bearer $token" "$GATEWAY/api/cases/imports/$job")"
  state="$(json 'd["state"]' <<<"$view")"
  json '"  %s: %d/%d lines, %d imported, %d skipped (already imported), %d rejected" % (d["state"], d["processed"], d["totalLines"], d["imported"], d["skipped"], d["rejected"])' <<<"$view"
  [ "$state" = RUNNING ] || break
done

json '"\n".join(["Rejected rows:"] + ["  line %d (row %s): %s%s" % (r["line"], r["rowId"] or "-", (r["field"] + ": ") if r["field"] else "", r["reason"]) for r in d["rejections"]]) if d["rejections"] else "No rows rejected."' <<<"$view"
[ "$state" = COMPLETED ] || { echo "The import ended $state: $(json 'd.get("failure")' <<<"$view")" >&2; exit 1; }
