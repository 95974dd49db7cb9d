#!/usr/bin/env bash
# Run a long, quiet command and say every INTERVAL seconds that it is still working.
#
#   scripts/heartbeat.sh INTERVAL LABEL -- COMMAND [ARGS...]
#
# pip compiles llama-cpp-python for 10-15 minutes without printing a line when its output
# is not a terminal (and `pip -q` never does): ten silent minutes look like a hang. This
# prints "LABEL: still working, 2m30s so far" meanwhile, then the command's own exit status.
set -u
interval=$1 label=$2
shift 2
[ "${1:-}" = "--" ] && shift
started=$(date +%s)
"$@" &
child=$!
trap 'kill "$child" 2>/dev/null; exit 130' INT TERM
while kill -0 "$child" 2>/dev/null; do
    for _ in $(seq "$interval"); do
        sleep 1
        kill -0 "$child" 2>/dev/null || break 2
    done
    elapsed=$(( $(date +%s) - started ))
    printf '%s: still working, %dm%02ds so far\n' "$label" $((elapsed / 60)) $((elapsed % 60))
done
wait "$child"
status=$?
elapsed=$(( $(date +%s) - started ))
if [ "$status" -eq 0 ]; then
    printf '%s: done in %dm%02ds\n' "$label" $((elapsed / 60)) $((elapsed % 60))
else
    printf '%s: failed (exit %d) after %dm%02ds\n' "$label" "$status" $((elapsed / 60)) $((elapsed % 60)) >&2
fi
exit "$status"
