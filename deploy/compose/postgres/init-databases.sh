#!/usr/bin/env bash
# Runs once, on the first start of an empty postgres-data volume (docker-entrypoint-initdb.d).
# One database per service, each owned by its own login role, so a service can neither read nor
# write another's event store. Flyway in each service creates the tables at its first start.
set -euo pipefail

create() { # database, role, password
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v db="$1" -v role="$2" -v password="$3" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role" ENCODING 'UTF8';
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
}

create case_service  case_service  "${CASE_DB_PASSWORD:?}"
create panel_service panel_service "${PANEL_DB_PASSWORD:?}"
create kpi_service   kpi_service   "${KPI_DB_PASSWORD:?}"
