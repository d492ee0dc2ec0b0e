#!/usr/bin/env bash
# Starts the local stack (Azurite, Redis, a Kafka broker) and Webook.Server in the foreground; Ctrl-C stops all of it.
# Data is kept under .local/run between runs. Port: WEBOOK_PORT (default 8080).
set -euo pipefail
source "$(dirname "$0")/stack.sh"
cd "$WEBOOK_ROOT"

install_prerequisites
data="$WEBOOK_ROOT/.local/run"
trap stop_stack EXIT
trap 'exit 130' INT TERM

start_azurite "$data/azurite" 10000 10001 10002
start_redis "$data/redis" 6379
start_kafka "$data/kafka"

# Development signing keys, made once per checkout and never committed.
keys="$data/dev-keys.env"
if [ ! -f "$keys" ]; then
  umask 077
  random_key() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
  printf 'Auth__AccessTokenKey=%s\nAuth__RefreshTokenKey=%s\n' "$(random_key)" "$(random_key)" >"$keys"
fi
set -a; source "$keys"; set +a

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Storage__ConnectionString="${Storage__ConnectionString:-UseDevelopmentStorage=true}"
export Redis__ConnectionString="${Redis__ConnectionString:-127.0.0.1:6379}"
export Kafka__BootstrapServers="${Kafka__BootstrapServers:-$KAFKA_BOOTSTRAP}"
# The read-event topic appears with the first read; the consumer looks for it every 2 s instead of 30.
export ReadEvents__TopicRefreshInterval="${ReadEvents__TopicRefreshInterval:-00:00:02}"
log "Azurite on 10000-10002, Redis on 6379, Kafka (mock broker) on $KAFKA_BOOTSTRAP; Webook.Server on http://localhost:${WEBOOK_PORT:-8080} (Ctrl-C stops all)"
dotnet build functions/Webook.Server -c Release --nologo -v quiet
dotnet functions/Webook.Server/bin/Release/net10.0/Webook.Server.dll &
STACK_PIDS+=($!)
wait $!
