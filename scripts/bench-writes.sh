#!/usr/bin/env bash
# Likes and publishes of a running Webook.Server next to the storage service's own write rate, in alternating
# short rounds so that the shared machine's noise falls on every row alike. The yardstick is Azurite's point-write
# rate with the app's own table client (tests/Webook.Benchmarks --table-writes: AddWebookCore's TableServiceClient
# upserting small rows into a scratch table) at wrk's concurrency, 32 in flight, against the Azurite the server
# uses; two more rows of that benchmark give Azurite's rate of two-row entity-group transactions (what a like
# writes) with 32 callers and with one. Prints each row's median, its ratio to the point-write rate, Azurite's CPU
# use during the row's rounds (percent of one core) and per operation, and the caller's CPU time per operation (the
# server's per request; the benchmark's own per write). Starts no stack.
# Usage: scripts/bench-writes.sh [base-url]   (default http://localhost:8080, as started by scripts/run.sh)
# BENCH_STORAGE: the server's storage connection string (default UseDevelopmentStorage=true, run.sh's Azurite).
# BENCH_ROUNDS (5) rounds of BENCH_ROUND (5s) per row, wrk -t2 -c32; the spread like row likes BENCH_LIKE_ARTICLES
# (16) articles in turn, the hot row one (scripts/bench/like.lua); publish is scripts/bench/publish.lua; follow flips 64
# users between followed and not (scripts/bench/follow.lua), every request a change; comment posts root comments on one
# article (scripts/bench/comment.lua: start the server with Comments__FloodLimit=1000000). The last three
# rows take the server out: Azurite's point writes with BENCH_HOT_LIKERS (200) callers, and that many users liking and
# unliking one article through the app's own IInteractionStore (--table-writes --kind like), with group commit
# (Interactions:BatchSize 99) and without (1); their ratios are to the point writes at that concurrency, and each like
# round checks the count against the records. BENCH_ROWS, a regular expression, runs only the rows whose name matches
# it (the two point-write rows always run).
# Azurite is the process listening on BENCH_STORAGE's table port and the server the one on base-url's port
# (ss -ltnp; or BENCH_AZURITE_PID, BENCH_SERVER_PID); their CPU time comes from /proc.
set -euo pipefail
source "$(dirname "$0")/stack.sh"
install_apt_packages wrk curl
source "$WEBOOK_ROOT/scripts/bench/common.sh"
base=${1:-http://localhost:8080}
storage=${BENCH_STORAGE:-UseDevelopmentStorage=true}
spread=${BENCH_LIKE_ARTICLES:-16}
likers=${BENCH_HOT_LIKERS:-200}

# listener PORT: the id of the process listening on the port, or nothing.
listener() { ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1; }
if [[ $storage == *UseDevelopmentStorage=true* ]]; then table_port=10002; else table_port=$(sed -n 's#.*TableEndpoint=[a-z]*://[^:/]*:\([0-9]*\).*#\1#p' <<<"$storage"); fi
server_port=$(sed -n 's#^[a-z]*://[^:/]*:\([0-9]*\).*#\1#p' <<<"$base")
azurite=${BENCH_AZURITE_PID:-$(listener "${table_port:-0}")}
server=${BENCH_SERVER_PID:-$(listener "${server_port:-80}")}
[ -n "$azurite" ] || { log "no process listens on the table port ${table_port:-?} of BENCH_STORAGE; set BENCH_AZURITE_PID"; exit 1; }
[ -n "$server" ] || log "no process found listening on $base; the server's CPU column stays empty (BENCH_SERVER_PID)"

dotnet build "$WEBOOK_ROOT/tests/Webook.Benchmarks" -c Release --nologo -v quiet >&2
benchmark="$WEBOOK_ROOT/tests/Webook.Benchmarks/bin/Release/net10.0/Webook.Benchmarks.dll"

read -r _ BENCH_TOKEN < <(bench_user "$base")
export BENCH_TOKEN
hot=$(bench_article "$base" "$BENCH_TOKEN")
many=$hot
for _ in $(seq 2 "$spread"); do many+=,$(bench_article "$base" "$BENCH_TOKEN"); done
# 64 users to follow and cancel in turn (scripts/bench/follow.lua: each wrk thread flips its own 32).
followees=""
for _ in $(seq 64); do
  read -r _ other < <(bench_user "$base")
  followees+=${followees:+,}$(curl -sf "$base/users/profile" -A webook-bench -H "authorization: Bearer $other" | sed -E 's/.*"id":([0-9]+).*/\1/')
done

hz=$(getconf CLK_TCK)

# writes KIND CALLERS: one round of the table-write benchmark against the server's Azurite; prints
# "writes/s azurite-cpu-percent client-cpu-µs-per-write" (the benchmark measures Azurite's CPU and its own over its
# timed window).
writes() {
  local kind=$1 callers=$2
  shift 2
  WEBOOK_BENCH_STORAGE=$storage dotnet "$benchmark" --table-writes --kind "$kind" --concurrency "$callers" --seconds "${round%s}" --cpu-pid "$azurite" "$@" |
    awk '/ of a core/ { for (i = 1; i <= NF; i++) { if ($i == "CPU" && $(i + 1) ~ /%$/) c = $(i + 1); if ($i == "CPU" && $(i + 2) == "µs/write,") u = $(i + 1) }; sub(/%/, "", c) }
         /^writes\/s / { r = $2 } END { print r, c, u }'
}

# http SCRIPT PATH [ARTICLES]: one wrk round; prints "requests/s azurite-cpu-percent server-cpu-µs-per-request".
http() {
  local a0 s0 t0 out
  a0=$(cpu_ticks "$azurite") s0=$(cpu_ticks "$server") t0=$(date +%s.%N)
  out=$(BENCH_ARTICLES=${3:-} BENCH_USERS=${3:-} wrk -t2 -c32 -d"$round" -s "$BENCH_SCRIPTS/$1" "$base$2")
  awk -v a=$(($(cpu_ticks "$azurite") - a0)) -v s=$(($(cpu_ticks "$server") - s0)) -v t0="$t0" -v t1="$(date +%s.%N)" -v hz="$hz" -v srv="$server" \
    '/ requests in / { n = $1 } /^Requests\/sec:/ { r = $2 }
     END { printf "%s %.0f %s\n", r, a * 100 / hz / (t1 - t0), srv == "" ? "-" : sprintf("%.0f", s * 1e6 / hz / n) }' <<<"$out"
}

names=("Azurite point writes, 32 callers" "Azurite 2-row transactions, 32 callers" "Azurite 2-row transactions, 1 caller"
  "POST /articles/pub/like, one article" "POST /articles/pub/like, $spread articles" "POST /articles/publish"
  "POST /follow/follow and /cancel, 64 users" "POST /articles/pub/comment" "Azurite point writes, $likers callers" "store: $likers likers of one article" "store: $likers likers, BatchSize 1")
commands=("writes upsert 32" "writes transaction 32" "writes transaction 1"
  "http like.lua /articles/pub/like $hot" "http like.lua /articles/pub/like $many" "http publish.lua /articles/publish"
  "http follow.lua /follow/follow $followees" "http comment.lua /articles/pub/comment $hot" "writes upsert $likers" "writes like $likers" "writes like $likers --batch-size 1")
# The row each row's ratio is to: Azurite's point writes at the same concurrency.
yardsticks=(0 0 0 0 0 0 0 0 8 8 8)
declare -A rates cpu per_request
log "$base (server pid ${server:-?}), Azurite pid $azurite: $rounds alternating rounds of $round per row, wrk -t2 -c32; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$rounds"); do
  line="round $i:"
  for k in "${!names[@]}"; do
    [ "$k" = 0 ] || [ "$k" = 8 ] || [[ ${names[$k]} =~ ${BENCH_ROWS:-.} ]] || continue
    read -r r c u < <(${commands[$k]})
    rates[$k]+=" $r" cpu[$k]+=" $c" per_request[$k]+=" $u"
    line+=" ${names[$k]} $r (Azurite $c%);"
  done
  log "$line"
done
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The lists are split into words on purpose: one number a line for median.
for k in "${!names[@]}"; do
  [ -n "${rates[$k]:-}" ] || continue
  yardstick=$(printf '%s\n' ${rates[${yardsticks[$k]}]} | median)
  log "${names[$k]}: per round ${rates[$k]# }; Azurite CPU %${cpu[$k]}; caller CPU µs/op${per_request[$k]}"
  u=-
  [[ ${per_request[$k]} == *[0-9]* ]] && u=$(printf '%s\n' ${per_request[$k]} | median)
  # Azurite's CPU time per operation, round by round (its CPU share over the round's rate).
  per_op=$(paste -d' ' <(printf '%s\n' ${cpu[$k]}) <(printf '%s\n' ${rates[$k]}) | awk '{ print $1 * 1e4 / $2 }' | median)
  awk -v n="${names[$k]}" -v r="$(printf '%s\n' ${rates[$k]} | median)" -v y="$yardstick" -v c="$(printf '%s\n' ${cpu[$k]} | median)" -v o="$per_op" -v u="$u" \
    'BEGIN { printf "%-42s %7.0f/s  %5.2f of point writes  Azurite CPU %3.0f%%, %5.0f µs/op  caller CPU %s µs/op\n", n, r, r / y, c, o, u }'
done
