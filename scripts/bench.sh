#!/usr/bin/env bash
# Measures endpoints of a running Webook.Server (start it with scripts/run.sh) with wrk.
# Usage: scripts/bench.sh [base-url]   (default http://localhost:8080). Numbers go to docs/benchmarks.md.
# For the SMS send benchmark start the server with Sms__RateLimit__Limit=100000, or most sends go to the outbox.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
install_apt_packages wrk curl
base=${1:-http://localhost:8080}
export BENCH_SCRIPTS="$WEBOOK_ROOT/scripts/bench"
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}

export BENCH_EMAIL="bench-$(date +%s%N)@example.com" BENCH_PASSWORD='bench#pass1'
post() { curl -sf "$base$1" -A webook-bench -H 'content-type: application/json' -d "$2"; }
post /users/signup "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\",\"confirmPassword\":\"$BENCH_PASSWORD\"}" >/dev/null
BENCH_TOKEN=$(curl -sf -D - -o /dev/null "$base/users/login" -A webook-bench -H 'content-type: application/json' \
  -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}" | awk 'tolower($1)=="x-jwt-token:" {print $2}' | tr -d '\r')
export BENCH_TOKEN
[ -n "$BENCH_TOKEN" ] || { log "login did not return a token"; exit 1; }

run() {
  local name=$1 script=$2 path=$3 c=${4:-$connections} t=${5:-$threads}
  log "$name: wrk -t$t -c$c -d$duration -s $script $base$path"
  wrk -t"$t" -c"$c" -d"$duration" --latency -s "$WEBOOK_ROOT/scripts/bench/$script" "$base$path"
}
run "login" login.lua /users/login
run "cached profile" authorized-get.lua /users/profile
ARTICLE_ID=$(curl -sf "$base/articles/publish" -A webook-bench -H "authorization: Bearer $BENCH_TOKEN" -H 'content-type: application/json' \
  -d '{"title":"Read me","content":"<p>hello readers</p>"}' | sed -E 's/.*"data":([0-9]+).*/\1/')
run "published article (cached)" anonymous-get.lua "/articles/pub/$ARTICLE_ID"
run "publish" publish.lua /articles/publish
run "publish latency, one at a time" publish.lua /articles/publish 1 1
run "sms code send" sms-send.lua /users/login_sms/code/send
run "sms code verify" sms-verify.lua /users/login_sms
