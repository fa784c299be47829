#!/usr/bin/env bash
# fuzz.sh - the short fuzzing part of `make check`: each harness (build/fuzz/fuzz_NAME) replays
# its regression inputs, tests/fuzz/regress/NAME/* (each once found crashing, leaking or
# breaking an invariant), then fuzzes for FUZZ_CHECK_SECONDS (3) from the seed corpus into a
# temporary folder, from a fixed seed (FUZZ_CHECK_SEED, 1; 0 for a new one each run), so the
# inputs come in the same order on every run. One ok or FAIL line for each; ends with
# "N passed, N failed".

. "$(dirname "$0")/lib.sh"

SECS=${FUZZ_CHECK_SECONDS:-3}
SEED=${FUZZ_CHECK_SEED:-1}
B=$SRC/build/fuzz
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

found=0
for bin in "$B"/fuzz_*; do
	[ -x "$bin" ] || continue
	found=1
	name=${bin##*/fuzz_}
	regress=("$SRC"/tests/fuzz/regress/"$name"/*)
	if [ -e "${regress[0]}" ]; then
		if "$bin" -timeout=10 "${regress[@]}" >"$T/$name-regress.log" 2>&1; then
			ok "fuzz_$name: ${#regress[@]} regression inputs"
		else
			not_ok "fuzz_$name: regression inputs" "$(grep -E 'invariant|ERROR|runtime error|SUMMARY|Running: ' "$T/$name-regress.log" | tail -6)"
		fi
	fi
	dict=()
	[ -f "$SRC/tests/fuzz/dict/$name.dict" ] && dict=(-dict="$SRC/tests/fuzz/dict/$name.dict")
	mkdir -p "$T/corpus-$name" "$T/crash-$name"
	if "$bin" -seed="$SEED" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$T/crash-$name/" "${dict[@]}" "$T/corpus-$name" "$SRC/tests/fuzz/corpus/$name" \
		>"$T/$name.log" 2>&1; then
		ok "fuzz_$name: ${SECS}s, $(sed -n 's/^stat::number_of_executed_units: *//p' "$T/$name.log") executions"
	else
		not_ok "fuzz_$name: fuzzing found a problem" \
			"$(grep -E 'invariant|ERROR|runtime error|SUMMARY' "$T/$name.log" | head -4)" \
			"input: $(ls "$T/crash-$name" | head -1) (keep it with KEEP=1)"
	fi
done
[ "$found" = 1 ] || not_ok "no fuzz harness built (make fuzz-build)"
echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
