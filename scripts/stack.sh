# Shared by run.sh and test.sh: install what the local stack needs, start it, wait for it, stop it.
# Source it; it defines functions only. Every step is safe to run twice.

WEBOOK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK_PIDS=()

log() { printf '[webook] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} with apt-get"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_prerequisites() {
  command -v dotnet >/dev/null || { log "the .NET 10 SDK (dotnet) is required and not on PATH"; return 1; }
  command -v npm >/dev/null || install_apt_packages nodejs npm
  install_apt_packages redis-server gcc
  if [ ! -x "$WEBOOK_ROOT/scripts/node_modules/.bin/azurite" ]; then
    log "installing Azurite with npm"
    # The registry sometimes drops a download midway (EIDLETIMEOUT): npm retries each fetch, and the whole install is tried three times.
    local attempt
    for attempt in 1 2 3; do
      (cd "$WEBOOK_ROOT/scripts" && npm ci --no-audit --no-fund --loglevel=error --fetch-retries=5 --fetch-timeout=120000 >/dev/null) && break
      [ "$attempt" = 3 ] && { log "npm ci failed three times"; return 1; }
      log "npm ci failed (attempt $attempt); trying again"
    done
  fi
  # Also brings librdkafka.redist, whose headers and library the Kafka mock broker is built against. The Function App
  # restores without its Kafka trigger, whose worker extension this NuGet does not serve (docs/platform.md).
  dotnet restore "$WEBOOK_ROOT/Webook.Functions.sln" -p:WebookWithoutKafkaTrigger=true --nologo -v quiet
  # The Bicep CLI, a binary inside a NuGet package (infra/tools/BicepCli.csproj pins it).
  dotnet restore "$WEBOOK_ROOT/infra/tools/BicepCli.csproj" --nologo -v quiet
}

# bicep_cli: the path of the restored Bicep CLI, at the version infra/tools/BicepCli.csproj pins.
bicep_cli() {
  local version packages
  version=$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$WEBOOK_ROOT/infra/tools/BicepCli.csproj")
  packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
  printf '%s/azure.bicep.commandline.linux-x64/%s/tools/bicep' "${packages%/}" "$version"
}

# check_infra: bicep build and bicep lint of every file under infra/; any diagnostic fails (bicepconfig.json
# makes every linter rule an error, and the compiler's warnings count too).
check_infra() {
  local bicep file output status=0
  bicep=$(bicep_cli)
  chmod +x "$bicep"
  for file in "$WEBOOK_ROOT"/infra/*.bicep "$WEBOOK_ROOT"/infra/modules/*.bicep; do
    output=$("$bicep" build "$file" --stdout 2>&1 >/dev/null; "$bicep" lint "$file" 2>&1) || status=1
    if [ -n "$output" ]; then
      printf '%s\n' "$output"
      status=1
    fi
  done
  [ "$status" = 0 ] && log "infra: bicep build and lint found nothing in $(ls "$WEBOOK_ROOT"/infra/*.bicep "$WEBOOK_ROOT"/infra/modules/*.bicep | wc -l) files"
  return "$status"
}

# wait_for_port PORT NAME: until something accepts TCP connections on 127.0.0.1:PORT (30 s at most).
wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "$name did not start listening on port $port"
  return 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_azurite DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT
start_azurite() {
  local dir=$1 blob=$2 queue=$3 table=$4
  shift 4
  if port_in_use "$blob"; then log "port $blob is taken: is another Azurite running?"; return 1; fi
  mkdir -p "$dir"
  # Any further options go to Azurite; --inMemoryPersistence refuses --location.
  local where=(--location "$dir")
  [[ " $* " == *" --inMemoryPersistence "* ]] && where=()
  "$WEBOOK_ROOT/scripts/node_modules/.bin/azurite" --silent --disableTelemetry --skipApiVersionCheck \
    "${where[@]}" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" "$@" >"$dir/azurite.log" 2>&1 &
  STACK_PIDS+=($!)
  wait_for_port "$blob" Azurite && wait_for_port "$table" Azurite
}

# start_redis DATA_DIR PORT
start_redis() {
  local dir=$1 port=$2
  if port_in_use "$port"; then log "port $port is taken: is another Redis running?"; return 1; fi
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes --save "" \
    --logfile "$dir/redis.log" --daemonize no &
  STACK_PIDS+=($!)
  wait_for_port "$port" Redis
}

# The librdkafka.redist package the app uses (restored by install_prerequisites), at the version pinned
# in Directory.Packages.props.
librdkafka_redist() {
  local version packages
  version=$(sed -n 's/.*Include="librdkafka.redist" Version="\[\([^]]*\)\]".*/\1/p' "$WEBOOK_ROOT/Directory.Packages.props")
  packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
  printf '%s/librdkafka.redist/%s' "${packages%/}" "$version"
}

# build_kafka_mock: compiles scripts/kafka-mock into .local/bin against the redist's headers and its glibc
# library, copied to .local/lib under its soname (librdkafka.so.1) and found there through the binary's
# run path, so a system librdkafka is never loaded. Rebuilt when the source or the redist changes.
KAFKA_MOCK="$WEBOOK_ROOT/.local/bin/webook-kafka-mock"
build_kafka_mock() {
  local source="$WEBOOK_ROOT/scripts/kafka-mock/mock_broker.c" redist lib="$WEBOOK_ROOT/.local/lib"
  redist=$(librdkafka_redist)
  [ -f "$redist/build/native/include/librdkafka/rdkafka_mock.h" ] || { log "librdkafka.redist is not restored at $redist"; return 1; }
  if [ -x "$KAFKA_MOCK" ] && [ "$KAFKA_MOCK" -nt "$source" ] && [ "$KAFKA_MOCK.redist" -ef "$redist" ] 2>/dev/null; then return 0; fi
  mkdir -p "$(dirname "$KAFKA_MOCK")" "$lib"
  cp "$redist/runtimes/linux-x64/native/centos8-librdkafka.so" "$lib/librdkafka.so.1"
  gcc -O2 -Wall -Wextra -Werror -isystem "$redist/build/native/include" -o "$KAFKA_MOCK" "$source" \
    -L"$lib" -l:librdkafka.so.1 -Wl,-rpath,'$ORIGIN/../lib'
  ln -sfn "$redist" "$KAFKA_MOCK.redist"
}

# start_kafka DATA_DIR: librdkafka's mock cluster on an ephemeral port; sets KAFKA_BOOTSTRAP.
# (Not meant for $(...): the broker must be started by this shell so stop_stack can stop it.)
KAFKA_BOOTSTRAP=""
start_kafka() {
  local dir=$1 file="$1/bootstrap"
  build_kafka_mock
  mkdir -p "$dir"
  rm -f "$file"
  "$KAFKA_MOCK" "$file" >"$dir/kafka.log" 2>&1 &
  STACK_PIDS+=($!)
  for _ in $(seq 1 300); do
    [ -s "$file" ] && break
    sleep 0.1
  done
  [ -s "$file" ] || { log "the Kafka mock broker did not start (see $dir/kafka.log)"; return 1; }
  KAFKA_BOOTSTRAP=$(cat "$file")
  wait_for_port "${KAFKA_BOOTSTRAP##*:}" Kafka
}

# Last started first, each waited for: the app stops before the Kafka broker, Redis and Azurite it uses, so it shuts
# down cleanly (no "brokers are down" warnings, its hot-list lease freed in Redis).
stop_stack() {
  local i
  for ((i = ${#STACK_PIDS[@]} - 1; i >= 0; i--)); do
    kill "${STACK_PIDS[i]}" 2>/dev/null || true
    wait "${STACK_PIDS[i]}" 2>/dev/null || true
  done
  STACK_PIDS=()
}

# wechatpay_keys DIR: RSA 2048 key pairs of WeChat Pay in DIR, made when missing (run.sh keeps them per checkout): the
# merchant's (merchant.pem; its private half signs the app's requests, the fake checks them with merchant.pub.pem) and
# the fake's platform key (platform.pem signs answers and callbacks, the app verifies them with platform.pub.pem).
# PKCS#8 PEM, private halves readable by their owner only. Needs openssl.
wechatpay_keys() {
  local dir=$1 name private
  (umask 077; mkdir -p "$dir")
  for name in merchant platform; do
    private="$dir/$name.pem"
    if [ ! -s "$private" ]; then
      (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -quiet -out "$private.tmp") || { log "openssl could not make the $name key"; return 1; }
      mv "$private.tmp" "$private"
    fi
    openssl pkey -in "$private" -pubout -out "$dir/$name.pub.pem"
  done
}

# The connection string of the Azurite started by start_azurite (its well-known development account).
azurite_connection_string() {
  local blob=$1 table=$2
  printf 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/devstoreaccount1;TableEndpoint=http://127.0.0.1:%s/devstoreaccount1' \
    'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==' "$blob" "$table"
}

# start_bench_stack NAME DEFAULT_BLOB_PORT DEFAULT_REDIS_PORT: for the stack-backed benchmark modes, a fresh
# Azurite and Redis under .local/NAME (ports from WEBOOK_BENCH_BLOB_PORT, queue and table the next two, and
# WEBOOK_BENCH_REDIS_PORT), stopped on exit; exports WEBOOK_BENCH_STORAGE and WEBOOK_BENCH_REDIS. BENCH_DATA is
# the data folder, for more services. WEBOOK_BENCH_AZURITE_ARGS: more Azurite options (e.g. --inMemoryPersistence).
start_bench_stack() {
  local blob=${WEBOOK_BENCH_BLOB_PORT:-$2} redis=${WEBOOK_BENCH_REDIS_PORT:-$3}
  cd "$WEBOOK_ROOT"
  install_prerequisites
  BENCH_DATA="$WEBOOK_ROOT/.local/$1"
  rm -rf "$BENCH_DATA"
  trap stop_stack EXIT
  trap 'exit 130' INT TERM
  # shellcheck disable=SC2086 # the options are words
  start_azurite "$BENCH_DATA/azurite" "$blob" "$((blob + 1))" "$((blob + 2))" ${WEBOOK_BENCH_AZURITE_ARGS:-}
  start_redis "$BENCH_DATA/redis" "$redis"
  export WEBOOK_BENCH_STORAGE=$(azurite_connection_string "$blob" "$((blob + 2))")
  export WEBOOK_BENCH_REDIS="127.0.0.1:$redis"
}
