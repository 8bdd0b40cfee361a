#!/bin/sh
# leakguard:runner — written by `leakguard install`; `leakguard uninstall` removes it.
# Runs the leakguard scan for one git hook and fails closed: findings, an error, or a scanner that
# cannot be found all refuse the operation, with the ways out. Usage: leakguard-hook.sh HOOK [ARGS...]
hook=$1
shift

case $hook in
  pre-push) action=push ;;
  pre-merge-commit) action=merge ;;
  *) action=commit ;;
esac

ways_out() {
  echo "leakguard: the $action was refused. Ways out:" >&2
  echo "  - remove the secret (and rotate it if it was ever real), then $action again;" >&2
  echo "  - a false alarm? mark the line: leakguard:allow <rule-id> -- <reason>" >&2
  echo "  - bypass deliberately: git $action --no-verify   (or LEAKGUARD_SKIP=1 git $action ...)" >&2
}

skip=
case ",${SKIP:-}," in *,leakguard,*) skip=SKIP=leakguard ;; esac
[ "${LEAKGUARD_SKIP:-}" = 1 ] && skip=LEAKGUARD_SKIP=1
if [ -n "$skip" ]; then
  echo "leakguard: WARNING: $skip is set, so this $action was NOT scanned for secrets" >&2
  exit 0
fi

# The CLI: the project's own, else one on PATH, else the one that installed this hook.
# Nothing is ever downloaded at commit time.
node_fallback=''
cli_fallback='dist/cli.cjs'
if ! command -v node >/dev/null 2>&1 && [ -x "$node_fallback" ]; then
  PATH=$(dirname "$node_fallback"):$PATH
  export PATH
fi
top=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
case $cli_fallback in /*) ;; *) cli_fallback=$top/$cli_fallback ;; esac
if [ -x "$top/node_modules/.bin/leakguard" ]; then
  set -- "$top/node_modules/.bin/leakguard" hook "$hook" "$@"
elif command -v leakguard >/dev/null 2>&1; then
  set -- leakguard hook "$hook" "$@"
elif [ -f "$cli_fallback" ] && command -v node >/dev/null 2>&1; then
  set -- node "$cli_fallback" hook "$hook" "$@"
else
  echo "leakguard: cannot find the leakguard CLI (not in node_modules/.bin, not on PATH, not at $cli_fallback)," >&2
  echo "leakguard: so nothing was scanned (fail closed). Run npm install, or leakguard install again." >&2
  ways_out
  exit 1
fi

"$@"
status=$?
[ "$status" -eq 0 ] && exit 0
[ "$status" -ne 1 ] && echo "leakguard: the scan could not finish (exit $status), so nothing can be called clean (fail closed)." >&2
ways_out
exit 1
