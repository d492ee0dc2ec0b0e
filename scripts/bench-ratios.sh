#!/usr/bin/env bash
# Each hot endpoint of a running Webook.Server next to GET /bench/trivial (the bare envelope) of the same
# server, in alternating short wrk rounds with the same wrk script (bench/trivial.lua) for both sides, so the
# shared machine's noise falls on both alike; prints each row's medians and endpoint/trivial. Starts no stack.
# Start the server with Benchmark__TrivialEndpoint=true and a short HotList__Schedule (e.g. "*/5 * * * * *"):
#   Benchmark__TrivialEndpoint=true HotList__Schedule='*/5 * * * * *' scripts/run.sh
# Usage: scripts/bench-ratios.sh [base-url]   (default http://localhost:8080)
# BENCH_ROUNDS (default 5) rounds of BENCH_ROUND (default 5s) per side and row, wrk -t2 -c32; BENCH_ROWS, a
# regular expression, runs only the rows whose name matches it. BENCH_PIDS="NAME=PID ..." (e.g. "server=123
# redis=456") adds each process's CPU time per request on both sides (user + system, from /proc): where the time goes.
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

# Another user the first follows, for the follow counts row.
read -r _ other < <(bench_user "$base")
user_id() { curl -sf "$base/users/profile" -A webook-bench -H "authorization: Bearer $1" | sed -E 's/.*"id":([0-9]+).*/\1/'; }
followee=$(user_id "$other")
curl -sf "$base/follow/follow" -A webook-bench -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d "{\"followee\":$followee}" >/dev/null

# An article with a few comments, for the cached first page.
for i in 1 2 3; do
  curl -sf "$base/articles/pub/comment" -A webook-bench -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d "{\"id\":$article,\"content\":\"comment $i\"}" >/dev/null
done

pid_names=() pid_ids=()
for entry in ${BENCH_PIDS:-}; do pid_names+=("${entry%%=*}"); pid_ids+=("${entry#*=}"); done

# rate TOKEN PATH: one wrk round; prints requests/s, then each BENCH_PIDS process's CPU microseconds per request.
rate() {
  local before=() ticks="" out i
  for i in "${!pid_ids[@]}"; do before[i]=$(cpu_ticks "${pid_ids[i]}"); done
  out=$(BENCH_TOKEN=$1 wrk -t2 -c32 -d"$round" -s "$BENCH_SCRIPTS/trivial.lua" "$base$2")
  for i in "${!pid_ids[@]}"; do ticks+=" $(($(cpu_ticks "${pid_ids[i]}") - before[i]))"; done
  awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" '/ requests in / { n = $1 } /^Requests\/sec:/ { r = $2 } END {
    printf "%s", r; k = split(ticks, t, " "); for (i = 1; i <= k; i++) printf " %.1f", t[i] * 1e6 / hz / n; print "" }' <<<"$out"
}

# row NAME TOKEN PATH: PATH and the trivial endpoint in turn, with or without the token.
row() {
  local name=$1 bearer=$2 path=$3 measured=() trivial=() line values i
  local -A cpu
  [[ $name =~ ${BENCH_ROWS:-.} ]] || return 0
  rate "$bearer" "$path" >/dev/null # untimed: JIT tiering and connection warm-up
  for _ in $(seq "$rounds"); do
    for side in trivial measured; do
      [ $side = trivial ] && line=$(rate "$bearer" /bench/trivial) || line=$(rate "$bearer" "$path")
      read -r -a values <<<"$line"
      [ $side = trivial ] && trivial+=("${values[0]}") || measured+=("${values[0]}")
      for i in "${!pid_ids[@]}"; do cpu[$side,$i]+=" ${values[i + 1]}"; done
    done
  done
  log "$name: ${measured[*]}; trivial: ${trivial[*]}"
  awk -v n="$name" -v m="$(printf '%s\n' "${measured[@]}" | median)" -v t="$(printf '%s\n' "${trivial[@]}" | median)" \
    'BEGIN { printf "%-38s %9.0f requests/s  trivial %9.0f  ratio %5.2f\n", n, m, t, m / t }'
  for i in "${!pid_ids[@]}"; do
    # The lists are split into words on purpose: one number a line for median.
    awk -v p="${pid_names[i]}" -v m="$(printf '%s\n' ${cpu[measured,$i]} | median)" -v t="$(printf '%s\n' ${cpu[trivial,$i]} | median)" \
      'BEGIN { printf "    %-12s CPU µs/request %7.1f  trivial %7.1f  difference %7.1f\n", p, m, t, m - t }'
  done
}

log "$base: $rounds alternating rounds of $round per side and row, wrk -t2 -c32"
row "GET /articles/hot" "" /articles/hot
row "GET /articles/pub/{id} (cached)" "" "/articles/pub/$article"
row "GET /articles/pub/{id}, token (cached)" "$token" "/articles/pub/$article"
row "GET /users/profile (cached)" "$token" /users/profile
row "GET /follow/static, token (cached)" "$token" "/follow/static?followee=$followee"
row "GET /articles/pub/comment (first page, cached)" "" "/articles/pub/comment?id=$article&limit=10"
