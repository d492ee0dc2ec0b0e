#!/usr/bin/env bash
# Tracing overhead: two Webook.Servers from one Release publish on one private Azurite, Redis and Kafka mock
# broker, A with Telemetry__Tracing=false (no TracerProvider) and B with Telemetry__Tracing=true and no exporter
# (every span made, none sent), compared by scripts/bench-compare.sh on its GET rows (BENCH_ROWS, default '^GET').
# Usage: scripts/bench-tracing.sh   (BENCH_ROUNDS, BENCH_ROUND, BENCH_WARMUP (default 15s) as for bench-compare.sh)
# Ports: WEBOOK_BENCH_BLOB_PORT (25000; queue and table are the next two), WEBOOK_BENCH_REDIS_PORT (25379),
# WEBOOK_BENCH_SERVER_PORT (25080 for A, the next one for B). Server output: .local/bench-tracing/server-{a,b}.log
set -euo pipefail
source "$(dirname "$0")/stack.sh"
start_bench_stack bench-tracing 25000 25379
start_kafka "$BENCH_DATA/kafka"
dotnet publish functions/Webook.Server -c Release -o "$BENCH_DATA/server" --nologo -v quiet

# As run.sh runs it (Development; appsettings.json's log levels, so the request log at Information goes to
# stdout), with every abuse limit out of the way (bench.sh, bench-compare.sh).
export ASPNETCORE_ENVIRONMENT=Development \
  Storage__ConnectionString="$WEBOOK_BENCH_STORAGE" Redis__ConnectionString="$WEBOOK_BENCH_REDIS" \
  Kafka__BootstrapServers="$KAFKA_BOOTSTRAP" ReadEvents__TopicRefreshInterval=00:00:02 \
  Auth__AccessTokenKey=bench-tracing-access-key-0123456789abcdef \
  Auth__RefreshTokenKey=bench-tracing-refresh-key-0123456789abcdef \
  Sms__RateLimit__Limit=100000 Sms__SendLimits__PerClientLimit=100000 Sms__SendLimits__GlobalLimit=100000000 \
  Accounts__LoginLimits__PerAccountLimit=100000 Accounts__LoginLimits__PerClientLimit=100000

# start_server NAME PORT TRACING. Each has its own read-event topic and group, so that each consumes the events
# of its own reads, as a single instance does, and its CPU per request includes counting them.
start_server() {
  if port_in_use "$2"; then log "port $2 is taken: is another Webook.Server running?"; return 1; fi
  WEBOOK_PORT=$2 Telemetry__Tracing=$3 ReadEvents__Topic="webook-read-events-$1" ReadEvents__ConsumerGroup="webook-read-counter-$1" \
    dotnet "$BENCH_DATA/server/Webook.Server.dll" >"$BENCH_DATA/server-$1.log" 2>&1 &
  STACK_PIDS+=($!)
  curl -sf --retry 60 --retry-delay 1 --retry-connrefused -o /dev/null "http://localhost:$2/healthz/ready" ||
    { log "Webook.Server $1 did not become ready (see $BENCH_DATA/server-$1.log)"; return 1; }
}
port=${WEBOOK_BENCH_SERVER_PORT:-25080}
start_server a "$port" false
start_server b "$((port + 1))" true

BENCH_ROWS=${BENCH_ROWS:-^GET} BENCH_WARMUP=${BENCH_WARMUP:-15s} BENCH_PIDS="${STACK_PIDS[*]: -2}" \
  "$WEBOOK_ROOT/scripts/bench-compare.sh" "http://localhost:$port" "http://localhost:$((port + 1))"
