#!/usr/bin/env bash
# A feed page: GET /feed?limit=20 of a reader who follows BENCH_AUTHORS authors, BENCH_PULLED of them pulled, next to
# GET /bench/trivial of the same Webook.Server, then the page's storage calls, measured. On a private stack it starts and
# stops (in-memory Azurite, Redis, the Kafka mock broker) it starts the server with Feed__PushThreshold=BENCH_THRESHOLD and
# seeds through the HTTP API: the authors (signup, login, profile), the reader's follows, BENCH_THRESHOLD + 1 more
# followers for each pulled author (every BENCH_AUTHORS/BENCH_PULLED-th), then BENCH_ARTICLES rounds in which every author
# publishes one article; it waits until the server's feed consumer has put every article in the reader's feed. Then
# alternating wrk rounds (the same scripts/bench/trivial.lua for both sides, as bench-ratios.sh) of the first page and of
# the next page (timestamp = the first page's last ctime), with the Redis commands per request of each side. Last, the
# server stopped, tests/Webook.Benchmarks --feed-page (FeedPageBenchmark.cs) counts the table calls and Redis commands of
# those pages through the app's own classes on the same data.
# Usage: scripts/bench-feed.sh. BENCH_AUTHORS (1000), BENCH_PULLED (10), BENCH_ARTICLES (3), BENCH_THRESHOLD (5),
# BENCH_SEED_JOBS (4, requests at once while seeding); BENCH_ROUNDS (5) rounds of BENCH_ROUND (5s) per side, wrk -t2
# -cBENCH_CONNECTIONS (8: at 32 pages at once this Azurite takes longer than the server's 10 s deadline) --timeout 10s.
# Ports: WEBOOK_BENCH_BLOB_PORT (24100; queue and table the next two), WEBOOK_BENCH_REDIS_PORT (24479), WEBOOK_BENCH_PORT (24180).
set -euo pipefail
source "$(dirname "$0")/stack.sh"
install_apt_packages wrk curl jq
export WEBOOK_BENCH_AZURITE_ARGS=${WEBOOK_BENCH_AZURITE_ARGS---inMemoryPersistence}
start_bench_stack bench-feed 24100 24479
start_kafka "$BENCH_DATA/kafka"
source "$WEBOOK_ROOT/scripts/bench/common.sh"
authors=${BENCH_AUTHORS:-1000} pulled=${BENCH_PULLED:-10} articles=${BENCH_ARTICLES:-3} threshold=${BENCH_THRESHOLD:-5}
jobs=${BENCH_SEED_JOBS:-4} conns=${BENCH_CONNECTIONS:-8} port=${WEBOOK_BENCH_PORT:-24180} redis_port=${WEBOOK_BENCH_REDIS#*:}
base="http://127.0.0.1:$port"

dotnet build functions/Webook.Server -c Release --nologo -v quiet
dotnet build tests/Webook.Benchmarks -c Release --nologo -v quiet
key() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
# run.sh's settings on this stack; cheap password hashes (seeding only: the feed never hashes), the request log off as in
# the other ratio runs, the topics looked for every 2 s.
env ASPNETCORE_ENVIRONMENT=Development Auth__AccessTokenKey="$(key)" Auth__RefreshTokenKey="$(key)" \
  Storage__ConnectionString="$WEBOOK_BENCH_STORAGE" Redis__ConnectionString="$WEBOOK_BENCH_REDIS" Kafka__BootstrapServers="$KAFKA_BOOTSTRAP" \
  Benchmark__TrivialEndpoint=true Feed__PushThreshold="$threshold" Accounts__PasswordHashIterations=1000 \
  Logging__LogLevel__Webook.Requests=Warning Feed__TopicRefreshInterval=00:00:02 \
  dotnet functions/Webook.Server/bin/Release/net10.0/Webook.Server.dll --urls "$base" >"$BENCH_DATA/server.log" 2>&1 &
server=$!
STACK_PIDS+=("$server")
for _ in $(seq 120); do curl -sf "$base/bench/trivial" >/dev/null && break; sleep 1; done
curl -sf "$base/bench/trivial" >/dev/null || { log "the server did not start (see $BENCH_DATA/server.log)"; exit 1; }

api() { curl -sf "$base$1" -A webook-bench -H 'content-type: application/json' "${@:2}"; }
# user NAME: signs NAME up and logs in; prints "id token".
user() {
  local token
  api /users/signup -d "{\"email\":\"$1@bench.example\",\"password\":\"$BENCH_PASSWORD\",\"confirmPassword\":\"$BENCH_PASSWORD\"}" >/dev/null
  token=$(api /users/login -D - -o /dev/null -d "{\"email\":\"$1@bench.example\",\"password\":\"$BENCH_PASSWORD\"}" |
    awk 'tolower($1)=="x-jwt-token:" {print $2}' | tr -d '\r')
  echo "$(api /users/profile -H "authorization: Bearer $token" | jq .data.id) $token"
}
follow() { api /follow/follow -H "authorization: Bearer $1" -d "{\"followee\":$2}" | grep -q '"code":0'; }
publish() { api /articles/publish -H "authorization: Bearer $1" -d "{\"title\":\"$2\",\"content\":\"<p>$2, for the feed benchmark</p>\"}" | grep -q '"code":0'; }
# in_parallel COMMAND: runs COMMAND LINE for each line of stdin, $jobs at a time.
in_parallel() {
  local lines pids=() k
  mapfile -t lines
  for ((k = 0; k < jobs; k++)); do
    (for ((i = k; i < ${#lines[@]}; i += jobs)); do "$@" ${lines[i]}; done) &
    pids+=($!)
  done
  for k in "${pids[@]}"; do wait "$k"; done
}
author() { echo "$1 $(user "author-$1")"; }
follow_author() { follow "$reader_token" "$2"; if (($1 % (authors / pulled) == 0)); then for fan in "${fans[@]}"; do follow "$fan" "$2"; done; fi; }
publish_round() { publish "$3" "Article $round_no by author $1"; }

log "seeding $authors authors ($pulled pulled above Feed:PushThreshold $threshold), $articles articles each, $jobs requests at once"
started=$SECONDS
seq "$authors" | in_parallel author >"$BENCH_DATA/authors"
read -r reader_id reader_token < <(user reader)
fans=()
for f in $(seq $((threshold + 1))); do read -r _ token < <(user "fan-$f"); fans+=("$token"); done
log "users made in $((SECONDS - started)) s; following"
in_parallel follow_author <"$BENCH_DATA/authors"
for round_no in $(seq "$articles"); do in_parallel publish_round <"$BENCH_DATA/authors"; done
log "seeded in $((SECONDS - started)) s; waiting for the feed consumer"

# feed_count: the articles in the reader's whole feed, walked 100 at a time.
feed_count() {
  local n=0 ts="" page
  while page=$(api "/feed?limit=100${ts:+&timestamp=$ts}" -H "authorization: Bearer $reader_token") && [ "$(jq '.data | length' <<<"$page")" -gt 0 ]; do
    n=$((n + $(jq '.data | length' <<<"$page"))) ts=$(jq '.data[-1].ctime' <<<"$page")
  done
  echo "$n"
}
for _ in $(seq 120); do
  [ "$(feed_count)" -eq $((authors * articles)) ] && break
  sleep 5
done
[ "$(feed_count)" -eq $((authors * articles)) ] || { log "the reader's feed holds $(feed_count) articles, not $((authors * articles))"; exit 1; }
log "every article in the reader's feed after $((SECONDS - started)) s"
next=$(api "/feed?limit=20" -H "authorization: Bearer $reader_token" | jq '.data[-1].ctime')

redis_calls() { redis-cli -p "$redis_port" INFO commandstats | awk -F'[=,]' '/^cmdstat_/ { n += $2 } END { print n }'; }
azurite=${STACK_PIDS[0]}
# rate PATH: one wrk round; prints requests/s, Redis commands per request (the server's, its background included, and
# this script's INFO), and Azurite's and the server's CPU microseconds per request (user + system, from /proc).
rate() {
  local before=("$(redis_calls)" "$(cpu_ticks "$azurite")" "$(cpu_ticks "$server")") out
  out=$(BENCH_TOKEN=$reader_token wrk -t2 -c"$conns" -d"$round" --timeout 10s -s "$BENCH_SCRIPTS/trivial.lua" "$base$1")
  awk -v calls=$(($(redis_calls) - before[0])) -v az=$(($(cpu_ticks "$azurite") - before[1])) -v sv=$(($(cpu_ticks "$server") - before[2])) \
    -v hz="$(getconf CLK_TCK)" '/ requests in / { n = $1 } /^Requests\/sec:/ { r = $2 } END {
    printf "%s %.2f %.0f %.0f\n", r, calls / n, az * 1e6 / hz / n, sv * 1e6 / hz / n }' <<<"$out"
}
# row NAME PATH: PATH and the trivial endpoint in turn, with the reader's token; the medians of each side.
row() {
  local -A lists
  local side values k
  rate "$2" >/dev/null # untimed: JIT tiering and connection warm-up
  for _ in $(seq "$rounds"); do
    for side in trivial measured; do
      [ $side = trivial ] && read -r -a values < <(rate /bench/trivial) || read -r -a values < <(rate "$2")
      for k in 0 1 2 3; do lists[$side,$k]+=" ${values[k]}"; done
    done
  done
  log "$1: requests/s${lists[measured,0]}; trivial:${lists[trivial,0]}"
  log "$1, ratio by round: $(paste -d' ' <(printf '%s\n' ${lists[measured,0]}) <(printf '%s\n' ${lists[trivial,0]}) |
    awk '{ printf "%s%.5f", (NR > 1 ? " " : ""), $1 / $2 }')"
  # The lists are split into words on purpose: one number a line for median.
  med() { printf '%s\n' ${lists[$1,$2]} | median; }
  awk -v n="$1" -v m="$(med measured 0)" -v t="$(med trivial 0)" -v mr="$(med measured 1)" -v tr="$(med trivial 1)" \
    -v ma="$(med measured 2)" -v ta="$(med trivial 2)" -v ms="$(med measured 3)" -v ts="$(med trivial 3)" 'BEGIN {
    printf "%-40s %8.1f requests/s  trivial %8.0f  ratio %.5f (1/%.0f)\n", n, m, t, m / t, t / m
    printf "    per request: Redis commands %.2f (trivial %.2f), CPU µs Azurite %.0f (trivial %.0f), server %.0f (trivial %.0f)\n", mr, tr, ma, ta, ms, ts }'
}
log "$base: $rounds alternating rounds of $round per side and row, wrk -t2 -c$conns --timeout 10s, reader $reader_id"
for _ in 1 2 3; do log "one first page alone: $(curl -sf -o /dev/null -w '%{time_total}' "$base/feed?limit=20" -A webook-bench -H "authorization: Bearer $reader_token") s"; done
row "GET /feed?limit=20" "/feed?limit=20"
row "GET /feed?limit=20&timestamp (next page)" "/feed?limit=20&timestamp=$next"

# The calls of one page, the server stopped so that only the harness talks to Azurite and Redis.
kill "$server"
wait "$server" || true
dotnet tests/Webook.Benchmarks/bin/Release/net10.0/Webook.Benchmarks.dll --feed-page --reader "$reader_id" --limit 20
