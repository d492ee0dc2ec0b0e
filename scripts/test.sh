#!/usr/bin/env bash
# Checks infra/ with the Bicep CLI (build and lint, any finding fails), publishes the Function App, then runs every test
# (unit, integration, end-to-end, Function App) against a private Azurite, Redis and Kafka broker it starts and stops.
# This NuGet does not serve the Kafka worker extension, so the Function App is built and published without its
# Kafka-triggered functions (WebookWithoutKafkaTrigger=true, docs/platform.md); everything else is the real app.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
cd "$WEBOOK_ROOT"

install_prerequisites
check_infra
export WEBOOK_BICEP=$(bicep_cli)
data="$WEBOOK_ROOT/.local/test"
rm -rf "$data"
trap stop_stack EXIT
trap 'exit 130' INT TERM

blob=${WEBOOK_TEST_BLOB_PORT:-21000}
table=${WEBOOK_TEST_TABLE_PORT:-21002}
redis=${WEBOOK_TEST_REDIS_PORT:-21379}
start_azurite "$data/azurite" "$blob" "$((blob + 1))" "$table"
start_redis "$data/redis" "$redis"
start_kafka "$data/kafka"
export WEBOOK_TEST_KAFKA=$KAFKA_BOOTSTRAP

export WEBOOK_TEST_STORAGE=$(azurite_connection_string "$blob" "$table")
export WEBOOK_TEST_REDIS="127.0.0.1:$redis"
without_kafka=-p:WebookWithoutKafkaTrigger=true
# What azd deploys, less the Kafka trigger here; the Function App's tests check the folder.
export WEBOOK_FUNCTIONS_PUBLISH="$data/functions-publish"
dotnet publish functions/Webook.Functions -c Release "$without_kafka" -o "$WEBOOK_FUNCTIONS_PUBLISH" --nologo -v quiet
output="$data/dotnet-test.log"
status=0
# A test that hangs fails the run after 10 minutes, naming itself, instead of holding CI to its limit.
dotnet test Webook.Functions.sln -c Release "$without_kafka" --blame-hang-timeout 10m --blame-hang-dump-type none "$@" 2>&1 | tee "$output" || status=$?
# One closing line for the whole run, summed over the test projects' summaries.
awk '/(Passed|Failed)! +- +Failed: / { gsub(/,/, ""); f += $4; p += $6; s += $8 }
     END { printf "Total: %d passed, %d failed, %d skipped\n", p, f, s }' "$output"
exit "$status"
