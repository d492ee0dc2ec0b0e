#!/usr/bin/env bash
# Pays a reward locally: the fake WeChat Pay that scripts/run.sh started marks order reward-<rid> (placed by
# POST /articles/pub/reward) with the trade state (default SUCCESS) and sends its signed, encrypted callback to the
# order's notify_url (the app's POST /pay/wechat/notify), as WeChat Pay does once the payer has paid. Prints what the
# app answered; fails unless it answered 2xx. Running it again sends the callback again (as WeChat Pay retries it).
#
#   scripts/pay.sh <rid> [SUCCESS|PAYERROR|CLOSED|...]      port: WEBOOK_WECHATPAY_PORT (default 8082), as run.sh's
set -euo pipefail

usage() { printf 'usage: scripts/pay.sh <rid> [trade state, default SUCCESS]\n' >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
rid=${1#reward-}
state=${2:-SUCCESS}
[[ $rid =~ ^[A-Za-z0-9_-]+$ ]] || usage
[[ $state =~ ^[A-Z_]+$ ]] || usage
fake="http://127.0.0.1:${WEBOOK_WECHATPAY_PORT:-8082}"

if ! answer=$(curl -sS --max-time 30 -X POST "$fake/fake/pay/reward-$rid?state=$state" -w '\n%{http_code}' 2>&1); then
  printf 'pay.sh: the fake WeChat Pay does not answer on %s (is scripts/run.sh running?): %s\n' "$fake" "${answer%$'\n'*}" >&2
  exit 1
fi
status=${answer##*$'\n'}
body=${answer%$'\n'*}
# The fake answers 200 with {outTradeNo, tradeState, notifyUrl, status, answer} once the callback was delivered (whatever
# the app answered), 502 when the notify URL could not be reached, and 400/404/409 with {code, message} when it sent nothing.
node -e '
const [status, body] = [Number(process.argv[1]), process.argv[2]];
let json;
try { json = JSON.parse(body); } catch { console.error(`pay.sh: the fake answered ${status}: ${body}`); process.exit(1); }
if (json.code) { console.error(`pay.sh: the fake sent no callback (${status} ${json.code}): ${json.message}`); process.exit(1); }
console.log(`${json.outTradeNo} marked ${json.tradeState}; callback sent to ${json.notifyUrl}`);
if (json.status === 0) { console.error(`pay.sh: the app could not be reached: ${json.answer}`); process.exit(1); }
console.log(`the app answered ${json.status}${json.answer ? ": " + json.answer : ""}`);
process.exit(json.status >= 200 && json.status < 300 ? 0 : 1);
' "$status" "$body"
