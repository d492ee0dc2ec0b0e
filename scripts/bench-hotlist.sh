#!/usr/bin/env bash
# Hot-list recompute (tests/Webook.Benchmarks/HotListBenchmark.cs): seeds N published articles with random like
# counts, then times IHotListJob.RunAsync, on a private Azurite and Redis it starts and stops.
# Usage: scripts/bench-hotlist.sh [--articles N] [--runs R] [--authors A] [--seed-concurrency C]
# Ports: WEBOOK_BENCH_BLOB_PORT (24000; queue and table are the next two), WEBOOK_BENCH_REDIS_PORT (24379).
set -euo pipefail
source "$(dirname "$0")/stack.sh"
start_bench_stack bench-hotlist 24000 24379
dotnet build tests/Webook.Benchmarks -c Release --nologo -v quiet
dotnet tests/Webook.Benchmarks/bin/Release/net10.0/Webook.Benchmarks.dll --hotlist "$@"
