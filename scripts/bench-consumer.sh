#!/usr/bin/env bash
# Read-event consumer throughput (tests/Webook.Benchmarks/ConsumerBenchmark.cs): batches of 1000 against one
# event at a time, in alternating rounds, on a private Azurite, Redis and Kafka broker it starts and stops.
# Usage: scripts/bench-consumer.sh [--events N] [--articles K] [--rounds R] [--batch-sizes 1000,1]
# Ports: WEBOOK_BENCH_BLOB_PORT (23000; queue and table are the next two), WEBOOK_BENCH_REDIS_PORT (23379).
set -euo pipefail
source "$(dirname "$0")/stack.sh"
cd "$WEBOOK_ROOT"

install_prerequisites
data="$WEBOOK_ROOT/.local/bench-consumer"
rm -rf "$data"
trap stop_stack EXIT
trap 'exit 130' INT TERM

blob=${WEBOOK_BENCH_BLOB_PORT:-23000}
redis=${WEBOOK_BENCH_REDIS_PORT:-23379}
start_azurite "$data/azurite" "$blob" "$((blob + 1))" "$((blob + 2))"
start_redis "$data/redis" "$redis"
start_kafka "$data/kafka"

export WEBOOK_BENCH_STORAGE=$(azurite_connection_string "$blob" "$((blob + 2))")
export WEBOOK_BENCH_REDIS="127.0.0.1:$redis"
export WEBOOK_BENCH_KAFKA=$KAFKA_BOOTSTRAP
dotnet build tests/Webook.Benchmarks -c Release --nologo -v quiet
dotnet tests/Webook.Benchmarks/bin/Release/net10.0/Webook.Benchmarks.dll --consumer "$@"
