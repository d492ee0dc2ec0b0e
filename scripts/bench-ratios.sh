#!/usr/bin/env bash
# Each hot endpoint of a running Webook.Server next to GET /bench/trivial (the bare envelope) of the same
# server, in alternating short wrk rounds with the same wrk script (bench/trivial.lua) for both sides, so the
# shared machine's noise falls on both alike; prints each row's medians and endpoint/trivial. Starts no stack.
# Start the server with Benchmark__TrivialEndpoint=true and a short HotList__Schedule (e.g. "*/5 * * * * *"):
#   Benchmark__TrivialEndpoint=true HotList__Schedule='*/5 * * * * *' scripts/run.sh
# Usage: scripts/bench-ratios.sh [base-url]   (default http://localhost:8080)
# BENCH_ROUNDS (default 5) rounds of BENCH_ROUND (default 5s) per side and row, wrk -t2 -c32; BENCH_ROWS, a
# regular expression, runs only the rows whose name matches it.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
install_apt_packages wrk curl
source "$WEBOOK_ROOT/scripts/bench/common.sh"
base=${1:-http://localhost:8080}

curl -sf "$base/bench/trivial" >/dev/null || { log "$base/bench/trivial does not answer: start the server with Benchmark__TrivialEndpoint=true"; exit 1; }
read -r _ token < <(bench_user "$base")
article=$(bench_article "$base" "$token")
# The hot list holds something once the job has run after this article's publication.
for _ in $(seq 120); do
  curl -sf "$base/articles/hot" | grep -q '"data":\[{' && break
  sleep 1
done

# rate TOKEN PATH: one wrk round; prints requests/s.
rate() { BENCH_TOKEN=$1 wrk_rate trivial.lua "$base$2"; }

# row NAME TOKEN PATH: PATH and the trivial endpoint in turn, with or without the token.
row() {
  local name=$1 bearer=$2 path=$3 measured=() trivial=()
  [[ $name =~ ${BENCH_ROWS:-.} ]] || return 0
  rate "$bearer" "$path" >/dev/null # untimed: JIT tiering and connection warm-up
  for _ in $(seq "$rounds"); do
    trivial+=("$(rate "$bearer" /bench/trivial)")
    measured+=("$(rate "$bearer" "$path")")
  done
  log "$name: ${measured[*]}; trivial: ${trivial[*]}"
  awk -v n="$name" -v m="$(printf '%s\n' "${measured[@]}" | median)" -v t="$(printf '%s\n' "${trivial[@]}" | median)" \
    'BEGIN { printf "%-38s %9.0f requests/s  trivial %9.0f  ratio %5.2f\n", n, m, t, m / t }'
}

log "$base: $rounds alternating rounds of $round per side and row, wrk -t2 -c32"
row "GET /articles/hot" "" /articles/hot
row "GET /articles/pub/{id} (cached)" "" "/articles/pub/$article"
row "GET /articles/pub/{id}, token (cached)" "$token" "/articles/pub/$article"
row "GET /users/profile (cached)" "$token" /users/profile
