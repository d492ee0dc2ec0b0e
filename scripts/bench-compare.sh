#!/usr/bin/env bash
# Compares two running Webook.Servers endpoint by endpoint, in alternating short wrk rounds, so that the
# shared machine's noise falls on both alike. Prints each row's median requests/s per server and B/A.
# Usage: scripts/bench-compare.sh A_URL B_URL   (both servers on the same Azurite and Redis, started with
# Sms__RateLimit__Limit=100000 so that SMS sends are not rate limited into the outbox).
# BENCH_ROUNDS (default 5) rounds of BENCH_ROUND (default 5s) per server and row.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
install_apt_packages wrk curl
source "$WEBOOK_ROOT/scripts/bench/common.sh"
a=$1 b=$2
rounds=${BENCH_ROUNDS:-5}
round=${BENCH_ROUND:-5s}

declare -A token article
for side in "$a" "$b"; do
  read -r _ token[$side] < <(bench_user "$side")
  article[$side]=$(bench_article "$side" "${token[$side]}")
done

# rate SIDE SCRIPT PATH CONNECTIONS THREADS: one wrk round; prints requests/s.
rate() {
  BENCH_TOKEN=${token[$1]} wrk -t"$5" -c"$4" -d"$round" -s "$BENCH_SCRIPTS/$2" "$1$3" | awk '/^Requests\/sec:/ {print $2}'
}

# row NAME SCRIPT PATH [CONNECTIONS THREADS]; PATH may hold {article}.
row() {
  local name=$1 script=$2 path=$3 c=${4:-32} t=${5:-2} ra=() rb=()
  for _ in $(seq "$rounds"); do
    ra+=("$(rate "$a" "$script" "${path/\{article\}/${article[$a]}}" "$c" "$t")")
    rb+=("$(rate "$b" "$script" "${path/\{article\}/${article[$b]}}" "$c" "$t")")
  done
  local ma mb
  ma=$(printf '%s\n' "${ra[@]}" | median)
  mb=$(printf '%s\n' "${rb[@]}" | median)
  awk -v n="$name" -v a="$ma" -v b="$mb" 'BEGIN { printf "%-34s A %9.0f  B %9.0f  B/A %5.2f\n", n, a, b, b / a }'
}

log "A = $a, B = $b; $rounds alternating rounds of $round per row"
row "GET /users/profile (cached)" authorized-get.lua /users/profile
row "GET /articles/pub/{id} (cached)" anonymous-get.lua "/articles/pub/{article}"
row "POST /articles/publish" publish.lua /articles/publish
row "POST /articles/publish, c1" publish.lua /articles/publish 1 1
row "POST /users/login_sms/code/send" sms-send.lua /users/login_sms/code/send
row "POST /users/login_sms (verify)" sms-verify.lua /users/login_sms
