#!/usr/bin/env bash
# Compares two running Webook.Servers endpoint by endpoint, in alternating short wrk rounds, so that the
# shared machine's noise falls on both alike. Prints each row's median requests/s per server and B/A.
# Usage: scripts/bench-compare.sh A_URL B_URL   (both servers on the same Azurite and Redis, started with
# Sms__RateLimit__Limit=100000 so that SMS sends are not rate limited into the outbox).
# BENCH_ROUNDS (default 5) rounds of BENCH_ROUND (default 5s) per server and row; BENCH_ROWS, a regular
# expression, runs only the rows whose name matches it (e.g. '^GET'); BENCH_WARMUP (e.g. 5s) starts each row with an
# untimed round of that length per server, against JIT tiering in the first round. Each row's rounds go to stderr.
# With BENCH_PIDS="A_PID B_PID" (the servers' process ids) each row also gives each server's CPU time per request
# during its own rounds (user + system, from /proc), which the shared machine's noise moves less than requests/s.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
install_apt_packages wrk curl
source "$WEBOOK_ROOT/scripts/bench/common.sh"
a=$1 b=$2

declare -A token article pid
read -r pid[$a] pid[$b] <<<"${BENCH_PIDS:-}"
for side in "$a" "$b"; do
  read -r _ token[$side] < <(bench_user "$side")
  article[$side]=$(bench_article "$side" "${token[$side]}")
done

# rate SIDE SCRIPT PATH CONNECTIONS THREADS: one wrk round; prints requests/s and the server's CPU microseconds
# per request (0 without BENCH_PIDS).
rate() {
  local before out
  before=$(cpu_ticks "${pid[$1]}")
  out=$(BENCH_TOKEN=${token[$1]} wrk -t"$5" -c"$4" -d"$round" -s "$BENCH_SCRIPTS/$2" "$1$3")
  awk -v ticks=$(($(cpu_ticks "${pid[$1]}") - before)) -v hz="$(getconf CLK_TCK)" \
    '/ requests in / { n = $1 } /^Requests\/sec:/ { r = $2 } END { print r, ticks * 1e6 / hz / n }' <<<"$out"
}

# row NAME SCRIPT PATH [CONNECTIONS THREADS]; PATH may hold {article}.
row() {
  local name=$1 script=$2 path=$3 c=${4:-32} t=${5:-2} side r u
  local -A target rates cpu
  [[ $name =~ ${BENCH_ROWS:-.} ]] || return 0
  for side in "$a" "$b"; do target[$side]=${path/\{article\}/${article[$side]}}; done
  if [ -n "${BENCH_WARMUP:-}" ]; then
    for side in "$a" "$b"; do round=$BENCH_WARMUP rate "$side" "$script" "${target[$side]}" "$c" "$t" >/dev/null; done
  fi
  for _ in $(seq "$rounds"); do
    for side in "$a" "$b"; do
      read -r r u < <(rate "$side" "$script" "${target[$side]}" "$c" "$t")
      rates[$side]+=" $r" cpu[$side]+=" $u"
    done
  done
  log "$name: requests/s A${rates[$a]}; B${rates[$b]}"
  [ -z "${BENCH_PIDS:-}" ] || log "$name: CPU µs/request A${cpu[$a]}; B${cpu[$b]}"
  # The lists are split into words on purpose: one number a line for median.
  awk -v n="$name" -v a="$(printf '%s\n' ${rates[$a]} | median)" -v b="$(printf '%s\n' ${rates[$b]} | median)" \
    -v ca="$(printf '%s\n' ${cpu[$a]} | median)" -v cb="$(printf '%s\n' ${cpu[$b]} | median)" -v pids="${BENCH_PIDS:-}" 'BEGIN {
      printf "%-36s A %9.0f  B %9.0f  B/A %5.2f", n, a, b, b / a
      if (pids != "") printf "   CPU µs/request A %6.1f  B %6.1f  B-A %5.1f", ca, cb, cb - ca
      print ""
    }'
}

log "A = $a, B = $b; $rounds alternating rounds of $round per row"
row "GET /users/profile (cached)" authorized-get.lua /users/profile
row "GET /articles/pub/{id} (cached)" anonymous-get.lua "/articles/pub/{article}"
row "GET /articles/pub/{id}, token" authorized-get.lua "/articles/pub/{article}"
row "POST /articles/publish" publish.lua /articles/publish
row "POST /articles/publish, c1" publish.lua /articles/publish 1 1
row "POST /users/login_sms/code/send" sms-send.lua /users/login_sms/code/send
row "POST /users/login_sms (verify)" sms-verify.lua /users/login_sms
