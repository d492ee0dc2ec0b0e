#!/usr/bin/env bash
# GET /articles/hot next to the envelope's 404 for an unknown path on the same running Webook.Server, in
# alternating short wrk rounds with one wrk script for both sides (scripts/bench/hot-list.lua), so the shared
# machine's noise falls on both alike. Prints each row's median requests/s, the answer sizes and the ratio.
# Usage: scripts/bench-hot.sh [base-url]   (default http://localhost:8080)
# Start the server with a short HotList__Schedule (e.g. "*/5 * * * * *"): the script publishes
# BENCH_HOT_ARTICLES (default 100, a full list) articles, likes every tenth, and waits until the job has listed them.
# BENCH_ROUNDS (default 5) rounds of BENCH_ROUND (default 5s) per row, wrk -t2 -c32.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
install_apt_packages wrk curl
source "$WEBOOK_ROOT/scripts/bench/common.sh"
base=${1:-http://localhost:8080}
articles=${BENCH_HOT_ARTICLES:-100}
missing_path=/articles/no-such-path

read -r _ BENCH_TOKEN < <(bench_user "$base")
log "publishing $articles articles, liking every tenth"
for i in $(seq "$articles"); do
  id=$(bench_article "$base" "$BENCH_TOKEN")
  if [ $((i % 10)) -eq 1 ]; then
    curl -sf "$base/articles/pub/like" -A webook-bench -H "authorization: Bearer $BENCH_TOKEN" \
      -H 'content-type: application/json' -d "{\"id\":$id,\"like\":true}" >/dev/null
  fi
done
listed() { curl -sf "$base/articles/hot" | grep -o '"id":[0-9]*,"title"' | wc -l; }
for _ in $(seq 120); do
  [ "$(listed)" -ge "$articles" ] && break
  sleep 1
done
[ "$(listed)" -ge "$articles" ] || { log "the hot list did not fill within 2 minutes: is HotList__Schedule short?"; exit 1; }
log "hot list: $(listed) articles, $(curl -s "$base/articles/hot" | wc -c) bytes; 404 envelope: $(curl -s "$base$missing_path" | wc -c) bytes"

# rate EXPECT_404 PATH: one wrk round of hot-list.lua; prints requests/s.
rate() { BENCH_EXPECT_404=$1 wrk_rate hot-list.lua "$base$2"; }

log "$base: $rounds alternating rounds of $round per row, wrk -t2 -c32 -s hot-list.lua"
missing=() hot=()
for i in $(seq "$rounds"); do
  missing+=("$(rate 1 "$missing_path")")
  hot+=("$(rate 0 /articles/hot)")
  log "round $i: 404 ${missing[-1]}, hot list ${hot[-1]}"
done
m=$(printf '%s\n' "${missing[@]}" | median)
for row in "GET $missing_path (404 envelope):$m" "GET /articles/hot:$(printf '%s\n' "${hot[@]}" | median)"; do
  awk -v n="${row%:*}" -v r="${row##*:}" -v m="$m" 'BEGIN { printf "%-40s %9.0f requests/s  %5.3f of the 404\n", n, r, r / m }'
done
