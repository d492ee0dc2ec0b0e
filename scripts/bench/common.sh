# Shared by the bench*.sh scripts: a user and an article to benchmark with. Source it.
export BENCH_SCRIPTS="$WEBOOK_ROOT/scripts/bench"
export BENCH_PASSWORD='bench#pass1'

# bench_user BASE: signs up a new user on BASE and logs in; prints "email token".
bench_user() {
  local base=$1 email token
  email="bench-$(date +%s%N)@example.com"
  curl -sf "$base/users/signup" -A webook-bench -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$BENCH_PASSWORD\",\"confirmPassword\":\"$BENCH_PASSWORD\"}" >/dev/null
  token=$(curl -sf -D - -o /dev/null "$base/users/login" -A webook-bench -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$BENCH_PASSWORD\"}" | awk 'tolower($1)=="x-jwt-token:" {print $2}' | tr -d '\r')
  [ -n "$token" ] || { log "login on $base did not return a token"; return 1; }
  echo "$email $token"
}

# bench_article BASE TOKEN: publishes a short article; prints its id.
bench_article() {
  curl -sf "$1/articles/publish" -A webook-bench -H "authorization: Bearer $2" -H 'content-type: application/json' \
    -d '{"title":"Read me","content":"<p>hello readers</p>"}' | sed -E 's/.*"data":([0-9]+).*/\1/'
}

# The side-by-side scripts alternate BENCH_ROUNDS rounds of BENCH_ROUND per side.
rounds=${BENCH_ROUNDS:-5}
round=${BENCH_ROUND:-5s}

# wrk_rate SCRIPT URL: one round of wrk -t2 -c32 with scripts/bench/SCRIPT; prints requests/s.
wrk_rate() { wrk -t2 -c32 -d"$round" -s "$BENCH_SCRIPTS/$1" "$2" | awk '/^Requests\/sec:/ {print $2}'; }

# median: the median of the numbers on stdin, one a line.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# cpu_ticks PID: the user and system clock ticks the process has used so far; 0 without a PID.
cpu_ticks() { if [ -n "$1" ]; then sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; else echo 0; fi; }
