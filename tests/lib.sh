# lib.sh - shared by the batch and screen tests: environment, counting, comparing with expected files.
# Sourced, not run. Set UPDATE=1 to (re)write expected files; review every change before committing.

set -u
SRC=${ZWGK_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
ZWGK=${ZWGK_BIN:-$SRC/build/check/zwgk}
# A fixed-length folder name, so paths shown on screens line up the same on every machine.
T=$(mktemp -d /tmp/zwgk-test.XXXXXX)
[ -n "${KEEP:-}" ] && echo "kept: $T" >&2 || trap 'rm -rf "$T"' EXIT

export ZWGK_DATADIR=$SRC/contrib
export ZWGK_LOCALEDIR=$SRC/build/locale
export ZWGK_FORMSDIR=$SRC/forms
export LC_ALL=C.UTF-8
export LANGUAGE=en
export ZWGK_TODAY=2026-03-09
export ZWGK_NOW="2026-03-09 10:00:00"
export ZWGK_OPERATOR=测试员
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=suppressions=$SRC/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
unset ZWGK_CONFIG XDG_CONFIG_HOME
# A site's files are its owner's alone, and zwgk warns about any that others can open: the
# configurations the tests write for a site are made private too, as a supporter's would be.
umask 077
export HOME=$T/home
mkdir -p "$HOME"
cd "$T" || exit 2

passed=0
failed=0

ok() {
	passed=$((passed + 1))
	echo "ok - $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "FAIL - $1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/    /'
	return 0
}

# check NAME CONDITION-COMMAND...: passes when the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "command failed: $*"; fi
}

# compare NAME ACTUAL-FILE EXPECTED-FILE: with UPDATE=1 writes the expected file instead.
compare() {
	local name=$1 actual=$2 expected=$3
	if [ "${UPDATE:-0}" = 1 ]; then
		mkdir -p "$(dirname "$expected")"
		cp "$actual" "$expected"
		ok "$name (expected output written)"
		return
	fi
	if [ ! -f "$expected" ]; then
		not_ok "$name" "no expected file $expected (run with UPDATE=1 and review it)"
	elif diff -u "$expected" "$actual" >"$T/diff"; then
		ok "$name"
	else
		not_ok "$name" "$(head -40 "$T/diff")"
	fi
}

EXP=$SRC/tests/cli

# run NAME CMD...: runs the command and compares its output with $EXP/NAME.out.
run() {
	local name=$1
	shift
	{
		"$@" >"$T/stdout" 2>"$T/stderr"
		echo "--- exit $?"
	} >"$T/status"
	{
		cat "$T/stdout"
		if [ -s "$T/stderr" ]; then
			echo "--- stderr"
			cat "$T/stderr"
		fi
		cat "$T/status"
	} | sed "s|$T|@T@|g; s|$SRC|@SRC@|g; ${RUN_SED:-}" >"$T/actual"
	compare "$name" "$T/actual" "$EXP/$name.out"
}

# unchanged NAME FILE...: the files have the checksums recorded by `remember`.
remember() { sha256sum "$@" >"$T/sums"; }
unchanged() {
	local name=$1
	if sha256sum --quiet -c "$T/sums" >/dev/null 2>&1; then ok "$name"; else not_ok "$name" "files changed"; fi
}

summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}

# qr_decode: what a phone would read from the QR code drawn on stdin (text art: "##" modules, or
# Unicode half blocks, as lines of a screen or a printout), through zbarimg; nothing when it does
# not scan. A light margin is added around it, as the screen or the paper has.
qr_decode() {
	sed 's/█/D/g; s/#/D/g; s/▀/T/g; s/▄/B/g; s/[^DTB]/0/g' | awk '
		function blank(k) { for (k = 0; k < s * 4; k++) print row0 }
		{ line[NR] = $0; if (length($0) > w) w = length($0) }
		END {
			s = 4
			w += 8
			printf "P1\n%d %d\n", w * s, (2 * NR + 8) * s
			for (j = 1; j <= w * s; j++)
				row0 = row0 "0 "
			blank()
			for (i = 1; i <= NR; i++)
				for (half = 0; half < 2; half++) {
					row = ""
					for (j = -3; j <= w - 4; j++) {
						c = j >= 1 ? substr(line[i], j, 1) : "0"
						b = (c == "D" || (c == "T" && half == 0) || (c == "B" && half == 1)) ? "1 " : "0 "
						for (k = 0; k < s; k++)
							row = row b
					}
					for (k = 0; k < s; k++)
						print row
				}
			blank()
		}' >"$T/qr.pbm"
	zbarimg -q --raw -Sbinary "$T/qr.pbm" 2>/dev/null
}
