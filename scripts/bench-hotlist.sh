#!/usr/bin/env bash
# Hot-list recompute (tests/Webook.Benchmarks/HotListBenchmark.cs): seeds N published articles with random like
# counts, then times IHotListJob.RunAsync, on a private Azurite and Redis it starts and stops.
# Usage: scripts/bench-hotlist.sh [--articles N] [--runs R] [--authors A] [--seed-concurrency C]
# Ports: WEBOOK_BENCH_BLOB_PORT (24000; queue and table are the next two), WEBOOK_BENCH_REDIS_PORT (24379).
set -euo pipefail
source "$(dirname "$0")/stack.sh"
cd "$WEBOOK_ROOT"

install_prerequisites
data="$WEBOOK_ROOT/.local/bench-hotlist"
rm -rf "$data"
trap stop_stack EXIT
trap 'exit 130' INT TERM

blob=${WEBOOK_BENCH_BLOB_PORT:-24000}
redis=${WEBOOK_BENCH_REDIS_PORT:-24379}
start_azurite "$data/azurite" "$blob" "$((blob + 1))" "$((blob + 2))"
start_redis "$data/redis" "$redis"

export WEBOOK_BENCH_STORAGE=$(azurite_connection_string "$blob" "$((blob + 2))")
export WEBOOK_BENCH_REDIS="127.0.0.1:$redis"
dotnet build tests/Webook.Benchmarks -c Release --nologo -v quiet
dotnet tests/Webook.Benchmarks/bin/Release/net10.0/Webook.Benchmarks.dll --hotlist "$@"
