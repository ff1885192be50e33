# Prelude of a docs page run by DocsIT: the page's shell blocks follow, in page order, in this one shell.
# A page's long-running node (`bin/turnpike demo`, `bin/turnpike serve`) is started in the background as the
# reader would start it in another terminal; the node started before it is stopped first, as the page tells the
# reader to stop it (Ctrl-C). An admin token the node prints at its first start is exported as TOKEN, as the
# reader copies it from the node's output.
set -euo pipefail
node_pid=""
node_count=0

stop_node() {
  if [[ -n "$node_pid" ]]; then
    kill -INT "$node_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$node_pid" 2>/dev/null || true
    node_pid=""
  fi
}

start_node() {
  stop_node
  node_count=$((node_count + 1))
  local log="node-$node_count.log"
  "$@" >"$log" 2>&1 &
  node_pid=$!
  for _ in $(seq 1 1200); do
    if curl -sf -o /dev/null "localhost:$TURNPIKE_ADMIN_PORT/health/ready"; then
      local token
      token="$(grep -o 'tpa_[A-Za-z0-9_-]*' "$log" | head -n 1 || true)"
      if [[ -n "$token" ]]; then export TOKEN="$token"; fi
      echo "### node started: $*"
      return 0
    fi
    if ! kill -0 "$node_pid" 2>/dev/null; then
      echo "### node exited: $*"; cat "$log"; return 1
    fi
    sleep 0.1
  done
  echo "### node not ready after 120 s: $*"; cat "$log"; return 1
}

cleanup() {
  stop_node
  # background jobs the page started (the echo upstream)
  for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

wait_for_port() {
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "### nothing listens on port $1 after 60 s"; return 1
}
