#!/usr/bin/env bash
# Read-event consumer throughput (tests/Webook.Benchmarks/ConsumerBenchmark.cs): batches of 1000 against one
# event at a time, in alternating rounds, on a private Azurite, Redis and Kafka broker it starts and stops.
# Usage: scripts/bench-consumer.sh [--events N] [--articles K] [--rounds R] [--batch-sizes 1000,1]
# Ports: WEBOOK_BENCH_BLOB_PORT (23000; queue and table are the next two), WEBOOK_BENCH_REDIS_PORT (23379).
# Kafka: its own mock broker on an ephemeral loopback port (librdkafka's mock cluster picks its listener's port,
# so it never collides), or WEBOOK_BENCH_KAFKA=host:port to use a broker already running (each run makes fresh topics).
set -euo pipefail
source "$(dirname "$0")/stack.sh"
start_bench_stack bench-consumer 23000 23379
if [ -z "${WEBOOK_BENCH_KAFKA:-}" ]; then
  start_kafka "$BENCH_DATA/kafka"
  export WEBOOK_BENCH_KAFKA=$KAFKA_BOOTSTRAP
fi
dotnet build tests/Webook.Benchmarks -c Release --nologo -v quiet
dotnet tests/Webook.Benchmarks/bin/Release/net10.0/Webook.Benchmarks.dll --consumer "$@"
