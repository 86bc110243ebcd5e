#!/usr/bin/env bash
# The Dockerfile's steps, outside Docker (CI has no Docker engine): copy the build context, install,
# build, prune to production dependencies, then start each entry point the image offers from the
# pruned tree against an embedded FerretDB, and run the image's HEALTHCHECK command as it is
# written in the Dockerfile. What this cannot show: the base image, the non-root user, the
# COPY --from layer; `docker build` checks those.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
step() { echo "-- $*"; }
fail() { echo "dockerfile steps: FAILED: $*" >&2; for log in "$work"/*.log; do [ -f "$log" ] && { echo "== $log" >&2; tail -20 "$log" >&2; }; done; exit 1; }
started=$SECONDS

# The build context: the files git tracks or would track (node_modules, dist, .data and .env are
# ignored by git as by .dockerignore).
step "build context"
context="$work/context"
mkdir -p "$context"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
  (cd "$root" && xargs -0 -I{} sh -c '[ -e "$1" ] && printf "%s\0" "$1"' _ {}) |
  tar -C "$root" --null -T - -cf - | tar -C "$context" -xf -

# Each stage's FROM, COPY and RUN, read from the Dockerfile itself; a stage's /app is
# $work/<stage>. ENV, USER, EXPOSE, HEALTHCHECK and CMD are checked further down.
stage=""
run_instruction() {
  local instruction="$1" rest="$2"
  case "$instruction" in
    FROM)
      stage="${rest##* AS }"
      mkdir -p "$work/$stage"
      step "FROM ... AS $stage"
      ;;
    COPY)
      local from="$context" args
      read -r -a args <<<"$rest"
      if [[ "${args[0]}" == --from=* ]]; then from="$work/${args[0]#--from=}"; args=("${args[@]:1}"); fi
      local dest="$work/$stage/${args[-1]}"
      unset 'args[-1]'
      for src in "${args[@]}"; do
        local path="$from/${src#/app/}"
        if [ -d "$path" ]; then
          mkdir -p "$dest" && cp -a "$path/." "$dest"
        else
          mkdir -p "$(dirname "$dest/x")" && cp -a "$path" "$dest"
        fi
      done
      ;;
    RUN)
      step "RUN $rest"
      local log="$work/$stage-$(echo "$rest" | tr -c 'a-z' '-' | cut -c1-30).log"
      (cd "$work/$stage" && sh -c "$rest") >"$log" 2>&1 || fail "RUN $rest"
      ;;
  esac
}
line=""
while IFS= read -r raw || [ -n "$raw" ]; do
  [[ "$raw" =~ ^[[:space:]]*# ]] && continue
  if [[ "$raw" == *\\ ]]; then line+="${raw%\\} "; continue; fi
  line+="$raw"
  line="$(echo "$line" | sed 's/^ *//')"
  [ -n "$line" ] && run_instruction "${line%% *}" "${line#* }"
  line=""
done <"$root/Dockerfile"
[ "$stage" = runtime ] || fail "the Dockerfile's last stage is \"$stage\", not runtime"

app="$work/runtime"
cd "$app"
[ -d node_modules/vitest ] && fail "a devDependency (vitest) is in the runtime's node_modules"
[ -d node_modules/tsx ] || fail "no tsx in the runtime: the API and start:worker need it"
[ -f packages/dashboard/dist/index.html ] || fail "no dashboard build in the runtime"
[ -f packages/worker/dist/main.mjs ] || fail "no worker bundle in the runtime"
echo "   runtime: $(ls node_modules | wc -l) top-level packages, $(du -sh node_modules | cut -f1), no vitest, tsx present"

# The database is no part of the image: FerretDB from the clone's own dev tooling.
step "start FerretDB"
(cd "$root" && exec setsid node --import tsx --input-type=module -e "
  import { writeFileSync } from 'node:fs';
  import { startFerretDb } from '@velog-insights/embedded-db';
  const db = await startFerretDb({ dataDir: process.argv[1] });
  writeFileSync(process.argv[2], db.uri);
  process.on('SIGTERM', () => db.stop().then(() => process.exit(0)));
" "$work/ferretdb-data" "$work/uri" >"$work/ferretdb.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 300); do [ -s "$work/uri" ] && break; sleep 0.1; done
[ -s "$work/uri" ] || fail "FerretDB did not start"
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

export NODE_ENV=production HOST=0.0.0.0
export MONGODB_URI="$(cat "$work/uri")velog-insights"
TOKEN_ENCRYPTION_KEY="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('hex'))")"
export TOKEN_ENCRYPTION_KEY
# Nothing here may reach velog.io.
export VELOG_V3_URL=http://127.0.0.1:9/graphql VELOG_STATS_URL=http://127.0.0.1:9/graphql
PORT="$(free_port)"
export PORT

# The image's CMD, read from the Dockerfile (JSON form).
cmd="$(sed -n 's/^CMD //p' "$root/Dockerfile" | node -e "process.stdout.write(JSON.parse(require('node:fs').readFileSync(0, 'utf8')).join(' '))")"
step "CMD $cmd (HOST=$HOST PORT=$PORT)"
# shellcheck disable=SC2086
setsid $cmd >"$work/api.log" 2>&1 &
pids+=($!)
# The HEALTHCHECK's command, exactly as the Dockerfile has it.
healthcheck="$(sed -n '/^HEALTHCHECK/,/CMD/p' "$root/Dockerfile" | sed -n 's/^ *CMD //p')"
[ -n "$healthcheck" ] || fail "no HEALTHCHECK CMD in the Dockerfile"
healthy=no
for _ in $(seq 1 60); do
  if sh -c "$healthcheck"; then healthy=yes; break; fi
  sleep 0.5
done
[ "$healthy" = yes ] || fail "the HEALTHCHECK never passed"
node -e "
  const base = 'http://127.0.0.1:' + process.env.PORT;
  const ready = await fetch(base + '/readyz');
  const page = await fetch(base + '/');
  const metrics = await fetch(base + '/metrics');
  if (ready.status !== 200) throw new Error('/readyz ' + ready.status);
  if (!(await page.text()).includes('<html')) throw new Error('/ serves no dashboard');
  if (!(await metrics.text()).includes('http_requests_total')) throw new Error('/metrics');
" --input-type=module || fail "the API answered /healthz but not /readyz, / or /metrics"
echo "   /healthz (the HEALTHCHECK), /readyz, / and /metrics answer"

step "node --optimize-for-size packages/worker/dist/main.mjs once"
node --optimize-for-size packages/worker/dist/main.mjs once >"$work/once-built.log" 2>&1 ||
  fail "built worker once exited $?"
step "npm run worker -- once"
npm run --silent worker -- once >"$work/once.log" 2>&1 || fail "npm run worker -- once exited $?"
step "the built worker once with a malformed TOKEN_ENCRYPTION_KEY exits 2"
set +e
TOKEN_ENCRYPTION_KEY=not-a-key node packages/worker/dist/main.mjs once >"$work/once-bad.log" 2>&1
code=$?
set -e
[ "$code" -eq 2 ] || fail "a bad key made once exit $code, not 2"

# compose.yaml's worker command (= npm run start:worker), read from the file.
worker_cmd="$(cd "$root/packages/bench" && node --input-type=module -e "
  import { readFileSync } from 'node:fs';
  import { parse } from 'yaml';
  process.stdout.write(parse(readFileSync('$root/compose.yaml', 'utf8')).services.worker.command.join(' '));
")"
step "$worker_cmd (compose's worker), /metrics, then SIGTERM"
WORKER_METRICS_PORT="$(free_port)"
WORKER_METRICS_PORT="$WORKER_METRICS_PORT" DEMO_ENABLED=false setsid $worker_cmd >"$work/schedule.log" 2>&1 &
worker=$!
pids+=("$worker")
served=no
for _ in $(seq 1 60); do
  if node -e "fetch('http://127.0.0.1:$WORKER_METRICS_PORT/metrics').then(async (r) => process.exit(r.ok && (await r.text()).includes('worker_last_cycle_end_seconds') ? 0 : 1), () => process.exit(1))"; then
    served=yes
    break
  fi
  sleep 0.5
done
[ "$served" = yes ] || fail "worker schedule served no /metrics"
kill -TERM "$worker"
set +e
wait "$worker"
code=$?
set -e
[ "$code" -eq 0 ] || fail "worker schedule exited $code on SIGTERM, not 0"

echo "dockerfile steps: passed ($((SECONDS - started)) s)"
