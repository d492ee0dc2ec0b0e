#!/usr/bin/env bash
# Like throughput next to a trivial endpoint of the same running Webook.Server, in alternating short wrk
# rounds with one wrk script for every side (scripts/bench/like.lua), so the shared machine's noise falls on
# all of them alike. Prints each row's median requests/s and its ratio to the trivial endpoint.
# Usage: scripts/bench-like.sh [base-url]   (default http://localhost:8080, as started by scripts/run.sh)
# BENCH_ROUNDS (default 5) rounds of BENCH_ROUND (default 5s) per row, wrk -t2 -c32; the spread row likes
# BENCH_LIKE_ARTICLES (default 16) articles in turn, the hot row one.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
install_apt_packages wrk curl
source "$WEBOOK_ROOT/scripts/bench/common.sh"
base=${1:-http://localhost:8080}
spread=${BENCH_LIKE_ARTICLES:-16}

read -r _ BENCH_TOKEN < <(bench_user "$base")
export BENCH_TOKEN
hot=$(bench_article "$base" "$BENCH_TOKEN")
many=$hot
for _ in $(seq 2 "$spread"); do many+=,$(bench_article "$base" "$BENCH_TOKEN"); done

# rate BASELINE ARTICLES PATH: one wrk round of like.lua; prints requests/s.
rate() { BENCH_LIKE_BASELINE=$1 BENCH_ARTICLES=$2 wrk_rate like.lua "$base$3"; }

log "$base: $rounds alternating rounds of $round per row, wrk -t2 -c32 -s like.lua"
profile=() hot_likes=() spread_likes=()
for i in $(seq "$rounds"); do
  profile+=("$(rate 1 "$hot" /users/profile)")
  hot_likes+=("$(rate 0 "$hot" /articles/pub/like)")
  spread_likes+=("$(rate 0 "$many" /articles/pub/like)")
  log "round $i: profile ${profile[-1]}, like one article ${hot_likes[-1]}, like $spread articles ${spread_likes[-1]}"
done
p=$(printf '%s\n' "${profile[@]}" | median)
for row in "GET /users/profile (cached):$p" \
  "POST /articles/pub/like, one article:$(printf '%s\n' "${hot_likes[@]}" | median)" \
  "POST /articles/pub/like, $spread articles:$(printf '%s\n' "${spread_likes[@]}" | median)"; do
  awk -v n="${row%:*}" -v r="${row##*:}" -v p="$p" 'BEGIN { printf "%-40s %9.0f requests/s  %5.3f of profile\n", n, r, r / p }'
done
