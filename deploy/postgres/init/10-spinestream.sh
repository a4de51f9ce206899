#!/bin/sh
# Runs once, when the postgres image initialises an empty data volume: the role the services
# connect as, and the database of each service that keeps one (named in its
# quarkus.datasource.*.url; tests/deployment keeps this list equal to them).
set -e
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v role="${SPINESTREAM_DB_USERNAME:-spinestream}" -v password="${SPINESTREAM_DB_PASSWORD:?}" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE spinestream_ingest OWNER :"role";
CREATE DATABASE spinestream_journal OWNER :"role";
CREATE DATABASE spinestream_notification OWNER :"role";
SQL
