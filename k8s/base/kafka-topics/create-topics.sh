#!/bin/sh
# Creates the spinestream topics that are missing, with the partitions and configs of the topic
# registry (libs/events io.spinestream.events.topic.Topics, TopicSpec.topicConfig()). Existing topics
# are left as they are: changing the partitions or configs of a live topic is an operator's decision
# (docs/operations.md). tests/deployment keeps the list below equal to the registry.
#
# Runs in the official apache/kafka image (docker compose: deploy/docker-compose.yml; Kubernetes:
# the spinestream-topics Job of k8s/base).
#   BOOTSTRAP_SERVERS           required, host:port[,host:port...]
#   TOPIC_REPLICATION_FACTOR    default 1; 3 on a production cluster
#   TOPIC_MIN_INSYNC_REPLICAS   optional; unset leaves the broker's default
#   KAFKA_CLIENT_CONFIG         optional path of a client properties file (TLS, SASL)
set -eu

: "${BOOTSTRAP_SERVERS:?BOOTSTRAP_SERVERS must name the Kafka bootstrap servers}"
REPLICATION_FACTOR="${TOPIC_REPLICATION_FACTOR:-1}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"

client_config() {
  if [ -n "${KAFKA_CLIENT_CONFIG:-}" ]; then
    printf '%s\n' "--command-config" "$KAFKA_CLIENT_CONFIG"
  fi
}

# topic NAME PARTITIONS [CONFIG=VALUE...]
topic() {
  name="$1"
  partitions="$2"
  shift 2
  set -- --bootstrap-server "$BOOTSTRAP_SERVERS" $(client_config) --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" \
    $(for c in "$@"; do printf '%s\n' "--config" "$c"; done)
  if [ -n "${TOPIC_MIN_INSYNC_REPLICAS:-}" ]; then
    set -- "$@" --config "min.insync.replicas=$TOPIC_MIN_INSYNC_REPLICAS"
  fi
  "$KAFKA_BIN/kafka-topics.sh" "$@"
  echo "topic $name: present"
}

topic spinestream.telemetry.v1 12 cleanup.policy=delete retention.ms=604800000 segment.ms=86400000
topic spinestream.belt-status.v1 12 cleanup.policy=compact segment.ms=86400000
topic spinestream.wearer-profiles.v1 12 cleanup.policy=compact segment.ms=86400000
topic spinestream.alerts.v1 12 cleanup.policy=delete retention.ms=604800000 segment.ms=86400000
topic spinestream.session-summaries.v1 12 cleanup.policy=delete retention.ms=2592000000 segment.ms=86400000
topic spinestream.belt-commands.v1 12 cleanup.policy=delete retention.ms=86400000 segment.ms=86400000
topic spinestream.alert-lifecycle.v1 6 cleanup.policy=delete retention.ms=2592000000 segment.ms=86400000
topic spinestream.erasure-requests.v1 3 cleanup.policy=compact segment.ms=86400000
topic spinestream.erasure-receipts.v1 3 cleanup.policy=delete retention.ms=2592000000 segment.ms=86400000
topic spinestream.audit.v1 12 cleanup.policy=delete retention.ms=7776000000 segment.ms=86400000

echo "all spinestream topics are present"
