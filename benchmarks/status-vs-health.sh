#!/usr/bin/env bash
# Load benchmark (not a test): the job status endpoint against the health endpoint, side by side in one run.
# Starts a simulated Jira pair and `./idmap serve` on the embedded default, runs one job to SUCCESS, then loads
#   GET /actuator/health                              (public, no database query of its own beyond the pool check)
#   GET /migrations/reports/v1/id-mappings/{jobId}    (authenticated, one job row read)
# with wrk (same connections, threads and duration for both) and writes the figures to
# benchmarks/results/status-vs-health-<time>.txt.
#
#   benchmarks/status-vs-health.sh [CONNECTIONS=200] [DURATION=30s] [THREADS=2]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
connections=${1:-200}
duration=${2:-30s}
threads=${3:-2}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$here/idmap" sim --product JIRA --seed 1 --scale small >"$work/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do grep -q "serving until stopped" "$work/sim.log" 2>/dev/null && break; sleep 0.5; done
dc=$(sed -n 's/^source (Data Center): *//p' "$work/sim.log")
cloud=$(sed -n 's/^destination (Cloud): *//p' "$work/sim.log")
sed -n 's/^  password: *//p' "$work/sim.log" | head -1 | tr -d '\n' >"$work/dc.secret"
sed -n 's/^  API token: *//p' "$work/sim.log" | head -1 | tr -d '\n' >"$work/cloud.secret"
token=bench-token-0123456789
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/idmap.yaml" <<YAML
idmap:
  data-dir: $work/data
  server: {port: $port, address: 127.0.0.1}
  sites:
    - {name: jira-dc, product: JIRA, url: "https://jira.company.com", connect-url: "$dc",
       auth: {type: BASIC, username: admin, secret-file: "$work/dc.secret"}}
    - {name: jira-cloud, product: JIRA, url: "https://company.atlassian.net", connect-url: "$cloud",
       auth: {type: BASIC, username: admin@example.org, secret-file: "$work/cloud.secret"}}
  api:
    callers:
      - {name: bench, token-hashes: ["{sha256}$(printf %s "$token" | sha256sum | cut -d' ' -f1)"]}
YAML
"$here/idmap" serve --config "$work/idmap.yaml" >"$work/serve.log" 2>&1 &
pids+=($!)
base=http://127.0.0.1:$port
for _ in $(seq 1 240); do curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 0.5; done
api=$base/migrations/reports/v1/id-mappings
job=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"product":"JIRA","sourceURL":"https://jira.company.com","destinationURL":"https://company.atlassian.net"}' \
  "$api/trigger" | sed 's/.*"jobId":"\([^"]*\)".*/\1/')
for _ in $(seq 1 600); do
  curl -sf -H "Authorization: Bearer $token" "$api/$job" | grep -q '"status":"SUCCESS"' && break; sleep 0.5
done

run() { # name, url, [header]
  local out
  if [ -n "${3:-}" ]; then out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$3" "$2")
  else out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$2"); fi
  echo "## $1" >>"$result"; echo "$out" >>"$result"; echo >>"$result"
  local rps p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  echo "$1 $rps $p99 ${errors:-none}"
}
mkdir -p "$here/benchmarks/results"
result="$here/benchmarks/results/status-vs-health-$(date -u +%Y%m%d-%H%M%S).txt"
{
  echo "# idmap status vs health under load, $(date -u +%FT%TZ), commit $(git -C "$here" rev-parse --short HEAD)"
  echo "# wrk -t$threads -c$connections -d$duration, embedded default (H2), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} >"$result"
curl -sf "$base/actuator/health" >/dev/null
health=$(run health "$base/actuator/health")
status=$(run status "$api/$job" "Authorization: Bearer $token")
read -r _ hrps hp99 herr <<<"$health"
read -r _ srps sp99 serr <<<"$status"
ratio=$(python3 -c "print(round($srps/$hrps, 2))")
summary="health: $hrps req/s, p99 $hp99 (errors: $herr); status: $srps req/s, p99 $sp99 (errors: $serr); status/health = $ratio"
echo "# $summary" >>"$result"
echo "$summary"
echo "written to $result"
