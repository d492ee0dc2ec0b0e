#!/usr/bin/env bash
# Feed fan-out (tests/Webook.Benchmarks/FanOutBenchmark.cs): seeds an author with F followers, then times the feed
# consumer's handler pushing R publications into their inboxes, on a private Azurite and Redis it starts and stops.
# Usage: scripts/bench-fanout.sh [--followers F] [--runs R] [--seed-concurrency C]
# Ports: WEBOOK_BENCH_BLOB_PORT (24000; queue and table are the next two), WEBOOK_BENCH_REDIS_PORT (24379).
# Azurite keeps its data in memory (WEBOOK_BENCH_AZURITE_ARGS, default --inMemoryPersistence), as for bench-hotlist.sh.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
export WEBOOK_BENCH_AZURITE_ARGS=${WEBOOK_BENCH_AZURITE_ARGS---inMemoryPersistence}
start_bench_stack bench-fanout 24000 24379
dotnet build tests/Webook.Benchmarks -c Release --nologo -v quiet
dotnet tests/Webook.Benchmarks/bin/Release/net10.0/Webook.Benchmarks.dll --fanout "$@"
