#!/usr/bin/env bash
# Starts the local stack (Azurite, Redis, a Kafka broker), our fake WeChat and fake WeChat Pay, and Webook.Server in the
# foreground; Ctrl-C stops all of it. Data is kept under .local/run between runs. Ports: WEBOOK_PORT (default 8080),
# WEBOOK_WECHAT_PORT (8081), WEBOOK_WECHATPAY_PORT (8082). scripts/pay.sh pays an order placed with the fake.
# --functions: the same stack with the Function App under Azure Functions Core Tools (`func start`, port 7071) instead
# of Webook.Server; it writes local.settings.json at the repository root for that stack (scripts/functions-settings.mjs).
set -euo pipefail
source "$(dirname "$0")/stack.sh"
cd "$WEBOOK_ROOT"

functions=false
case "$*" in
  "") ;;
  --functions) functions=true ;;
  *) log "usage: scripts/run.sh [--functions]"; exit 2 ;;
esac

# Checked before anything is installed, started or built, so a machine without Core Tools learns it at once.
if $functions && ! command -v func >/dev/null; then
  log "--functions runs the Function App with Azure Functions Core Tools v4, and its command, func, is not on PATH."
  log "Install Core Tools on a machine that can (https://learn.microsoft.com/azure/azure-functions/functions-run-local:"
  log "  on Debian or Ubuntu Microsoft's package repository and apt-get install azure-functions-core-tools-4, or"
  log "  npm install -g azure-functions-core-tools@4), then run scripts/run.sh --functions again."
  log "scripts/run.sh without --functions serves the same API through Webook.Server on http://localhost:${WEBOOK_PORT:-8080}."
  exit 1
fi

install_prerequisites
command -v openssl >/dev/null || install_apt_packages openssl # WeChat Pay's development keys
data="$WEBOOK_ROOT/.local/run"
trap stop_stack EXIT
trap 'exit 130' INT TERM

start_azurite "$data/azurite" 10000 10001 10002
start_redis "$data/redis" 6379
start_kafka "$data/kafka"

# Development signing keys (and the fake WeChat's secret, the WeChat Pay APIv3 key and serials), made once per checkout
# and never committed; a key a newer version of this script needs is added to an older file.
keys="$data/dev-keys.env"
random_key() { head -c "${1:-32}" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
add_key() { grep -q "^$1=" "$keys" || printf '%s=%s\n' "$1" "$2" >>"$keys"; }
(umask 077; touch "$keys")
for name in Auth__AccessTokenKey Auth__RefreshTokenKey WeChat__AppSecret WeChat__StateKey; do
  add_key "$name" "$(random_key)"
done
add_key WeChatPay__ApiV3Key "$(random_key 16)" # 32 characters
serial=$(random_key 20); add_key WeChatPay__MerchantSerialNo "${serial^^}"
serial=$(random_key 8); add_key WeChatPay__PlatformSerialNo "PUB_KEY_ID_${serial^^}"
set -a; source "$keys"; set +a

# WeChat Pay's key pairs (the merchant's and the fake's platform key), made once per checkout beside dev-keys.env.
pay_keys="$data/wechatpay"
wechatpay_keys "$pay_keys"

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Storage__ConnectionString="${Storage__ConnectionString:-UseDevelopmentStorage=true}"
export Redis__ConnectionString="${Redis__ConnectionString:-127.0.0.1:6379}"
export Kafka__BootstrapServers="${Kafka__BootstrapServers:-$KAFKA_BOOTSTRAP}"
# The read-event topic appears with the first read; the consumer looks for it every 2 s instead of 30.
export ReadEvents__TopicRefreshInterval="${ReadEvents__TopicRefreshInterval:-00:00:02}"

# WeChat login against our fake WeChat (tests/Webook.FakeWeChat): its QR page "scans" at once and sends the browser to
# WeChat__RedirectUri with a fresh code. Behind the web client, set WeChat__RedirectUri to the client's callback page.
wechat_port="${WEBOOK_WECHAT_PORT:-8081}"
export WeChat__AppId="${WeChat__AppId:-wxlocaldevelopment}"
export WeChat__ApiBaseUrl="${WeChat__ApiBaseUrl:-http://127.0.0.1:$wechat_port/}"
export WeChat__QrConnectUrl="${WeChat__QrConnectUrl:-http://localhost:$wechat_port/connect/qrconnect}"
app_port="${WEBOOK_PORT:-8080}"; if $functions; then app_port=7071; fi
export WeChat__RedirectUri="${WeChat__RedirectUri:-http://localhost:$app_port/oauth2/wechat/callback}"
dotnet build tests/Webook.FakeWeChat -c Release --nologo -v quiet
dotnet tests/Webook.FakeWeChat/bin/Release/net10.0/Webook.FakeWeChat.dll "http://127.0.0.1:$wechat_port" "$WeChat__AppId" "$WeChat__AppSecret" &
STACK_PIDS+=($!)

# WeChat Pay against our fake WeChat Pay (the same program, mode pay): it takes the app's Native orders and, asked by
# scripts/pay.sh, marks one paid and sends its signed, encrypted callback to the order's notify_url. It keeps orders in
# memory: an order placed before a restart is unknown to it. The app starts once the fake listens.
pay_port="${WEBOOK_WECHATPAY_PORT:-8082}"
export WeChatPay__MchId="${WeChatPay__MchId:-1900000001}"
if port_in_use "$pay_port"; then log "port $pay_port is taken: is another run.sh running? (WEBOOK_WECHATPAY_PORT sets the fake WeChat Pay's)"; exit 1; fi
dotnet tests/Webook.FakeWeChat/bin/Release/net10.0/Webook.FakeWeChat.dll pay "http://127.0.0.1:$pay_port" "$WeChatPay__MchId" \
  "$pay_keys/merchant.pub.pem" "$pay_keys/platform.pem" "$WeChatPay__PlatformSerialNo" &
STACK_PIDS+=($!)
export WeChatPay__AppId="${WeChatPay__AppId:-$WeChat__AppId}"
WeChatPay__MerchantPrivateKey=$(cat "$pay_keys/merchant.pem"); export WeChatPay__MerchantPrivateKey
WeChatPay__PlatformPublicKey=$(cat "$pay_keys/platform.pub.pem"); export WeChatPay__PlatformPublicKey
export WeChatPay__NotifyUrl="${WeChatPay__NotifyUrl:-http://127.0.0.1:$app_port/pay/wechat/notify}"
export WeChatPay__ApiBaseUrl="${WeChatPay__ApiBaseUrl:-http://127.0.0.1:$pay_port/}"
wait_for_port "$pay_port" "The fake WeChat Pay"

if $functions; then
  node scripts/functions-settings.mjs "$WEBOOK_ROOT/local.settings.json"
  log "Azurite on 10000-10002, Redis on 6379, Kafka (mock broker) on $KAFKA_BOOTSTRAP, fake WeChat on $wechat_port, fake WeChat Pay on $pay_port; the Function App on http://localhost:7071 (Ctrl-C stops all)"
  # The whole app, Kafka trigger included (it speaks plain text to the mock broker: Kafka__SaslUsername is empty). The
  # build copies host.json and local.settings.json beside the binaries, where func start reads them.
  dotnet build functions/Webook.Functions -c Debug --nologo -v quiet
  # The settings written to local.settings.json leave the environment, so the file is what the host reads (Core Tools
  # would skip every setting also found in the environment, with a warning each).
  (cd functions/Webook.Functions/bin/Debug/net10.0 && exec env -u Storage__ConnectionString -u Redis__ConnectionString \
    -u Kafka__BootstrapServers -u Auth__AccessTokenKey -u Auth__RefreshTokenKey -u ReadEvents__TopicRefreshInterval \
    -u WeChat__AppId -u WeChat__AppSecret -u WeChat__StateKey -u WeChat__ApiBaseUrl -u WeChat__QrConnectUrl -u WeChat__RedirectUri \
    -u WeChatPay__MchId -u WeChatPay__AppId -u WeChatPay__MerchantSerialNo -u WeChatPay__MerchantPrivateKey -u WeChatPay__PlatformPublicKey \
    -u WeChatPay__PlatformSerialNo -u WeChatPay__ApiV3Key -u WeChatPay__NotifyUrl -u WeChatPay__ApiBaseUrl \
    func start) &
else
  log "Azurite on 10000-10002, Redis on 6379, Kafka (mock broker) on $KAFKA_BOOTSTRAP, fake WeChat on $wechat_port, fake WeChat Pay on $pay_port; Webook.Server on http://localhost:${WEBOOK_PORT:-8080} (Ctrl-C stops all)"
  dotnet build functions/Webook.Server -c Release --nologo -v quiet
  # The event topics appear with their first event; Webook.Server's consumers look for them every 2 s instead of 30, so
  # the first like, follow or payment after a start is applied within seconds.
  export Notifications__TopicRefreshInterval="${Notifications__TopicRefreshInterval:-00:00:02}" \
    Feed__TopicRefreshInterval="${Feed__TopicRefreshInterval:-00:00:02}" Rewards__TopicRefreshInterval="${Rewards__TopicRefreshInterval:-00:00:02}"
  dotnet functions/Webook.Server/bin/Release/net10.0/Webook.Server.dll &
fi
STACK_PIDS+=($!)
wait $!
