#!/usr/bin/env bash
# Measures endpoints of a running Webook.Server (start it with scripts/run.sh) with wrk.
# Usage: scripts/bench.sh [base-url]   (default http://localhost:8080). Numbers go to docs/benchmarks.md.
# For the SMS send benchmark start the server with Sms__RateLimit__Limit=100000, or most sends go to the outbox.
# The login row logs one account in from 32 connections: start the server with
# Accounts__LoginLimits__PerAccountLimit=100000 (and Sms__SendLimits__PerClientLimit=100000 for SMS rows),
# or the abuse limits (docs/security.md) refuse most of it and wrk stops at the first refusal.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
install_apt_packages wrk curl
source "$WEBOOK_ROOT/scripts/bench/common.sh"
base=${1:-http://localhost:8080}
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}

read -r BENCH_EMAIL BENCH_TOKEN < <(bench_user "$base")
export BENCH_EMAIL BENCH_TOKEN

run() {
  local name=$1 script=$2 path=$3 c=${4:-$connections} t=${5:-$threads}
  log "$name: wrk -t$t -c$c -d$duration -s $script $base$path"
  wrk -t"$t" -c"$c" -d"$duration" --latency -s "$WEBOOK_ROOT/scripts/bench/$script" "$base$path"
}
run "login" login.lua /users/login
run "cached profile" authorized-get.lua /users/profile
ARTICLE_ID=$(bench_article "$base" "$BENCH_TOKEN")
run "published article (cached)" anonymous-get.lua "/articles/pub/$ARTICLE_ID"
BENCH_ARTICLES=$ARTICLE_ID run "like, one article, like and unlike in turn" like.lua /articles/pub/like
run "publish" publish.lua /articles/publish
run "publish latency, one at a time" publish.lua /articles/publish 1 1
run "sms code send" sms-send.lua /users/login_sms/code/send
run "sms code verify" sms-verify.lua /users/login_sms
