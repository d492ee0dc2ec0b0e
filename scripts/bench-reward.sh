#!/usr/bin/env bash
# The reward endpoints next to GET /bench/trivial of the same Webook.Server: POST /reward/detail {rid} (the web client's
# poll; a paid reward's status from Redis, and an unpaid one's, refilled from the table every Rewards:PendingStatusLifetime)
# and GET /users/wallet?offset=0&limit=20 of an author with BENCH_ENTRIES ledger entries. On a private stack it starts
# and stops (in-memory Azurite, Redis, the Kafka mock broker, the fake WeChat Pay as scripts/run.sh starts it, with keys
# of its own) it starts the server and seeds through the HTTP API: an author and an article, a tipper who rewards it
# BENCH_ENTRIES times, each paid through the fake (scripts/pay.sh: POST /fake/pay/reward-<rid>), and one reward left
# unpaid; it waits until the reward consumer has credited every payment. Then alternating wrk rounds per row, the same
# scripts/bench/trivial.lua on both sides (the detail POSTs its body, BENCH_BODY; the trivial side a GET with the same
# headers), with the Redis commands and the CPU of the server, Redis and Azurite per request of each side.
# Usage: scripts/bench-reward.sh. BENCH_ENTRIES (50), BENCH_AMOUNT (100 fen); BENCH_ROUNDS (5) rounds of BENCH_ROUND (5s)
# per side and row, wrk -t2 -cBENCH_CONNECTIONS (32, as bench-ratios.sh) --timeout 10s; BENCH_ROWS, a regular expression,
# runs only the rows whose name matches it. Ports: WEBOOK_BENCH_BLOB_PORT (24200; queue and table the next two),
# WEBOOK_BENCH_REDIS_PORT (24579), WEBOOK_BENCH_PORT (24280), WEBOOK_BENCH_PAY_PORT (24282).
set -euo pipefail
source "$(dirname "$0")/stack.sh"
install_apt_packages wrk curl jq openssl
export WEBOOK_BENCH_AZURITE_ARGS=${WEBOOK_BENCH_AZURITE_ARGS---inMemoryPersistence}
start_bench_stack bench-reward 24200 24579
start_kafka "$BENCH_DATA/kafka"
source "$WEBOOK_ROOT/scripts/bench/common.sh"
entries=${BENCH_ENTRIES:-50} amount=${BENCH_AMOUNT:-100} conns=${BENCH_CONNECTIONS:-32}
port=${WEBOOK_BENCH_PORT:-24280} pay_port=${WEBOOK_BENCH_PAY_PORT:-24282} redis_port=${WEBOOK_BENCH_REDIS#*:}
base="http://127.0.0.1:$port"

dotnet build functions/Webook.Server -c Release --nologo -v quiet
dotnet build tests/Webook.FakeWeChat -c Release --nologo -v quiet
key() { head -c "${1:-32}" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
# WeChat Pay as run.sh sets it up, on this stack: the fake in pay mode, the app's settings pointing at it.
wechatpay_keys "$BENCH_DATA/wechatpay"
export WeChatPay__MchId=1900000001 WeChatPay__AppId=wxlocaldevelopment WeChatPay__ApiV3Key=$(key 16)
export WeChatPay__MerchantSerialNo=$(key 20 | tr a-f A-F) WeChatPay__PlatformSerialNo="PUB_KEY_ID_$(key 8 | tr a-f A-F)"
dotnet tests/Webook.FakeWeChat/bin/Release/net10.0/Webook.FakeWeChat.dll pay "http://127.0.0.1:$pay_port" "$WeChatPay__MchId" \
  "$BENCH_DATA/wechatpay/merchant.pub.pem" "$BENCH_DATA/wechatpay/platform.pem" "$WeChatPay__PlatformSerialNo" >"$BENCH_DATA/fake-pay.log" 2>&1 &
STACK_PIDS+=($!)
wait_for_port "$pay_port" "The fake WeChat Pay"
# run.sh's settings on this stack; cheap password hashes (seeding only), the request log off as in the other ratio runs,
# the payment-event topic looked for every 2 s.
env ASPNETCORE_ENVIRONMENT=Development Auth__AccessTokenKey="$(key)" Auth__RefreshTokenKey="$(key)" \
  Storage__ConnectionString="$WEBOOK_BENCH_STORAGE" Redis__ConnectionString="$WEBOOK_BENCH_REDIS" Kafka__BootstrapServers="$KAFKA_BOOTSTRAP" \
  WeChatPay__MerchantPrivateKey="$(cat "$BENCH_DATA/wechatpay/merchant.pem")" WeChatPay__PlatformPublicKey="$(cat "$BENCH_DATA/wechatpay/platform.pub.pem")" \
  WeChatPay__NotifyUrl="$base/pay/wechat/notify" WeChatPay__ApiBaseUrl="http://127.0.0.1:$pay_port/" \
  Benchmark__TrivialEndpoint=true Accounts__PasswordHashIterations=1000 Logging__LogLevel__Webook.Requests=Warning \
  Rewards__TopicRefreshInterval=00:00:02 ReadEvents__TopicRefreshInterval=00:00:02 \
  dotnet functions/Webook.Server/bin/Release/net10.0/Webook.Server.dll --urls "$base" >"$BENCH_DATA/server.log" 2>&1 &
server=$!
STACK_PIDS+=("$server")
for _ in $(seq 120); do curl -sf "$base/bench/trivial" >/dev/null && break; sleep 1; done
curl -sf "$base/bench/trivial" >/dev/null || { log "the server did not start (see $BENCH_DATA/server.log)"; exit 1; }

api() { curl -sf "$base$1" -A webook-bench -H 'content-type: application/json' "${@:2}"; }
read -r _ author < <(bench_user "$base")
read -r _ tipper < <(bench_user "$base")
article=$(bench_article "$base" "$author")
[ -n "$author" ] && [ -n "$tipper" ] && [[ $article =~ ^[0-9]+$ ]] || { log "no author, tipper or article (see $BENCH_DATA/server.log)"; exit 1; }
reward() { api /articles/pub/reward -H "authorization: Bearer $tipper" -d "{\"id\":$article,\"amt\":$amount}" | jq -er .data.rid; }
detail() { api /reward/detail -H "authorization: Bearer $tipper" -d "{\"rid\":$1}" | jq -r .data; }
wallet() { api "/users/wallet?offset=0&limit=100" -H "authorization: Bearer $author"; }

log "seeding: $entries rewards of $amount fen paid through the fake WeChat Pay on $pay_port, and one unpaid"
started=$SECONDS
for _ in $(seq "$entries"); do
  paid=$(reward)
  WEBOOK_WECHATPAY_PORT=$pay_port "$WEBOOK_ROOT/scripts/pay.sh" "$paid" >>"$BENCH_DATA/pay.log"
done
unpaid=$(reward)
share=$((amount - amount / 10)) # Rewards:PlatformRate 0.10
for _ in $(seq 120); do
  [ "$(wallet | jq '.data.entries | length')" -eq "$entries" ] && [ "$(detail "$paid")" = RewardStatusPayed ] && break
  sleep 1
done
[ "$(wallet | jq '.data.entries | length')" -eq "$entries" ] || { log "the author's wallet holds $(wallet | jq '.data.entries | length') entries, not $entries"; exit 1; }
[ "$(wallet | jq .data.balance)" -eq $((entries * share)) ] || { log "the author's balance is $(wallet | jq .data.balance), not $((entries * share))"; exit 1; }
[ "$(detail "$paid")" = RewardStatusPayed ] && [ "$(detail "$unpaid")" = RewardStatusInit ] || { log "reward $paid or $unpaid is not as paid"; exit 1; }
log "seeded and settled in $((SECONDS - started)) s: rewards $paid (paid, the last) and $unpaid (unpaid); balance $((entries * share))"

# redis_stats: the Redis server's calls per command so far, "command calls" a line.
redis_stats() { redis-cli -p "$redis_port" INFO commandstats | awk -F'[:=,]' '/^cmdstat_/ { sub("cmdstat_", "", $1); print $1, $3 }'; }
# redis_diff BEFORE AFTER REQUESTS: the commands of a round per request ("command calls" a line), this script's INFO left out.
redis_diff() { awk -v n="$3" 'NR == FNR { b[$1] = $2; next } $1 != "info" && $2 - b[$1] > 0 { printf "%s %.2f\n", $1, ($2 - b[$1]) / n }' "$1" "$2"; }
pids=("$server" "${STACK_PIDS[1]}" "${STACK_PIDS[0]}") # server, Redis, Azurite
# rate TOKEN PATH BODY EXPECT: one wrk round; prints requests/s, Redis commands per request (the server's background
# included), the server's, Redis's and Azurite's CPU µs per request (user + system, from /proc), then the commands.
rate() {
  local before=() out i n
  redis_stats >"$BENCH_DATA/redis.before"
  for i in 0 1 2; do before[i]=$(cpu_ticks "${pids[i]}"); done
  out=$(BENCH_TOKEN=$1 BENCH_BODY=$3 BENCH_EXPECT=$4 wrk -t2 -c"$conns" -d"$round" --timeout 10s -s "$BENCH_SCRIPTS/trivial.lua" "$base$2")
  redis_stats >"$BENCH_DATA/redis.after"
  n=$(awk '/ requests in / { print $1 }' <<<"$out")
  redis_diff "$BENCH_DATA/redis.before" "$BENCH_DATA/redis.after" "$n" | sort -k2 -rn >"$BENCH_DATA/redis.round"
  awk -v n="$n" -v hz="$(getconf CLK_TCK)" -v s="$(($(cpu_ticks "${pids[0]}") - before[0]))" -v r="$(($(cpu_ticks "${pids[1]}") - before[1]))" \
    -v a="$(($(cpu_ticks "${pids[2]}") - before[2]))" -v calls="$(awk '{ t += $2 } END { print t + 0 }' "$BENCH_DATA/redis.round")" \
    '/^Requests\/sec:/ { printf "%s %.2f %.1f %.1f %.1f", $2, calls, s * 1e6 / hz / n, r * 1e6 / hz / n, a * 1e6 / hz / n }' <<<"$out"
  printf ' %s\n' "$(head -4 "$BENCH_DATA/redis.round" | tr ' ' '=' | paste -sd, -)"
}
# row NAME TOKEN PATH [BODY [EXPECT]]: PATH and the trivial endpoint in turn, with the token; the medians of each side.
row() {
  local name=$1 token=$2 path=$3 body=${4:-} expect=${5:-} side values k commands=""
  local -A lists
  [[ $name =~ ${BENCH_ROWS:-.} ]] || return 0
  rate "$token" "$path" "$body" "$expect" >/dev/null # untimed: JIT tiering and connection warm-up
  for _ in $(seq "$rounds"); do
    for side in trivial measured; do
      if [ $side = trivial ]; then read -r -a values < <(rate "$token" /bench/trivial "$body" ""); else read -r -a values < <(rate "$token" "$path" "$body" "$expect"); fi
      for k in 0 1 2 3 4; do lists[$side,$k]+=" ${values[k]}"; done
      [ $side = measured ] && commands+=" ${values[5]:-none}"
    done
  done
  log "$name: requests/s${lists[measured,0]}; trivial:${lists[trivial,0]}"
  log "$name, ratio by round: $(paste -d' ' <(printf '%s\n' ${lists[measured,0]}) <(printf '%s\n' ${lists[trivial,0]}) |
    awk '{ printf "%s%.3f", (NR > 1 ? " " : ""), $1 / $2 }')"
  log "$name, Redis commands per request by round:$commands"
  # The lists are split into words on purpose: one number a line for median.
  med() { printf '%s\n' ${lists[$1,$2]} | median; }
  awk -v n="$name" -v m="$(med measured 0)" -v t="$(med trivial 0)" -v mr="$(med measured 1)" -v tr="$(med trivial 1)" \
    -v ms="$(med measured 2)" -v ts="$(med trivial 2)" -v mx="$(med measured 3)" -v tx="$(med trivial 3)" \
    -v ma="$(med measured 4)" -v ta="$(med trivial 4)" 'BEGIN {
    printf "%-44s %8.0f requests/s  trivial %8.0f  ratio %.3f\n", n, m, t, m / t
    printf "    per request: Redis commands %.2f (trivial %.2f); CPU µs server %.1f (trivial %.1f), Redis %.1f (%.1f), Azurite %.1f (%.1f)\n",
      mr, tr, ms, ts, mx, tx, ma, ta }'
}
log "$base: $rounds alternating rounds of $round per side and row, wrk -t2 -c$conns --timeout 10s; load $(cut -d' ' -f1-3 /proc/loadavg)"
row "POST /reward/detail (paid, from Redis)" "$tipper" /reward/detail "{\"rid\":$paid}" '"data":"RewardStatusPayed"'
row "POST /reward/detail (unpaid, 2 s in Redis)" "$tipper" /reward/detail "{\"rid\":$unpaid}" '"data":"RewardStatusInit"'
row "GET /users/wallet?offset=0&limit=20 ($entries entries)" "$author" "/users/wallet?offset=0&limit=20" "" "\"balance\":$((entries * share)),"
log "load $(cut -d' ' -f1-3 /proc/loadavg)"
