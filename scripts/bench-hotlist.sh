#!/usr/bin/env bash
# Hot-list recompute (tests/Webook.Benchmarks/HotListBenchmark.cs): seeds N published articles with random like
# counts, then times IHotListJob.RunAsync, on a private Azurite and Redis it starts and stops.
# Usage: scripts/bench-hotlist.sh [--articles N] [--runs R] [--authors A] [--seed-concurrency C]
# Ports: WEBOOK_BENCH_BLOB_PORT (24000; queue and table are the next two), WEBOOK_BENCH_REDIS_PORT (24379).
# Azurite keeps its data in memory (WEBOOK_BENCH_AZURITE_ARGS, default --inMemoryPersistence): on disk it rewrites its
# whole table database every 5 s while writes come, and seeding 100,000 articles slowed to about 12 a second
# (2026-12-07: 51,852 articles in 70 minutes). Set WEBOOK_BENCH_AZURITE_ARGS= (empty) for the on-disk Azurite.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
export WEBOOK_BENCH_AZURITE_ARGS=${WEBOOK_BENCH_AZURITE_ARGS---inMemoryPersistence}
start_bench_stack bench-hotlist 24000 24379
dotnet build tests/Webook.Benchmarks -c Release --nologo -v quiet
dotnet tests/Webook.Benchmarks/bin/Release/net10.0/Webook.Benchmarks.dll --hotlist "$@"
