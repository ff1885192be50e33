#!/usr/bin/env bash
# Turnpike benchmarks in one command: builds the gateway jar and this module, then runs the harness.
#   load-tests/run.sh [--smoke] [--write-docs] [--runs N] [--duration SECONDS] [--note TEXT] [scenario...]
#   scenarios: proxy latency routes reload memory auth balancers jmh (default: all)
# SKIP_BUILD=1 reuses what is built. Ctrl-C stops every process the harness started.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building gateway-core and load-tests (./mvnw -q -B -DskipTests package -pl load-tests -am) ..." >&2
  ./mvnw -q -B -DskipTests package -pl load-tests -am
fi
command="load-tests/run.sh"
if [[ $# -gt 0 ]]; then command+="$(printf ' %q' "$@")"; fi
exec java -Dlogback.configurationFile=loadtest-logback.xml -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  dev.turnpike.loadtest.Harness --repo "$root" --command "$command" "$@"
