#!/bin/sh
# leakguard:hook — written by `leakguard install`; `leakguard uninstall` removes it and puts back
# the hook it chained, if any. A chained hook runs first, and its exit status counts.
hook=@HOOK@
dir=$(dirname "$0")
chained=$dir/$hook.leakguard-chained
if [ -x "$chained" ]; then
  if [ "$hook" = pre-push ]; then
    input=$(cat)
    printf '%s\n' "$input" | "$chained" "$@" || exit $?
    printf '%s\n' "$input" | exec sh "$dir/leakguard-hook.sh" "$hook" "$@"
  fi
  "$chained" "$@" || exit $?
fi
exec sh "$dir/leakguard-hook.sh" "$hook" "$@"
