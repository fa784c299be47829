# site.sh - the generated sites the benchmarks share (sourced by report-bench and ui-bench).
#
# make_site N: build/bench/reports-N, a demo site made a county centre (fees approved, the
# sample knowledge base imported) with N applications and N consultations from sitegen (three
# years up to 2025-12-31); `zwgk check` must pass on it. Made again only when the generator's
# sources changed (not at every change of the program it links: the 1M site takes minutes; remove
# the folder to have it made again).
# add_extras N: the same site with a knowledge base of N/10 entries (kbgen) and N/10 documents
# in the portal mirror added (sitegen --kb, --portal); made again with the site or when their
# generators changed. Needs SRC, B (build/bench) and Z (the zwgk binary).

site() { echo "$B/reports-$1"; }

# The site's check: a generated site has no backup yet; that warning is expected, nothing else.
check_site() {
	LANGUAGE=en "$Z" -c "$1/zwgk.ini" check >"$1/check.out" 2>&1 || true
	if grep -v -e '^ok: ' -e '^warning: no backup in ' -e '^0 problem(s) and 1 warning(s) found' \
		"$1/check.out" | grep -q .; then
		cat "$1/check.out" >&2
		echo "$(basename "$0"): zwgk check fails on the generated site $1" >&2
		exit 1
	fi
}

# (POSIX sh has no local variables: each function's names are its own.)
make_site() {
	n=$1
	dir=$(site "$n")
	site_stamp="$n $(cat "$SRC/tests/bench/sitegen.c" "$SRC/tests/bench/rng.h" | cksum)"
	if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$site_stamp" ]; then
		return 0
	fi
	rm -rf "$dir"
	"$Z" init --demo "$dir" >/dev/null
	# A county centre (its scope: the county's departments), with approved fees for the paid prints.
	sed -i -e 's/^name = .*/name = 巫山县政务服务中心/' -e 's/^code = .*/code = WSZW/' \
		-e 's/^type = .*/type = county_center/' -e 's/^;per_page = $/per_page = 0.50/' \
		-e 's/^;document = $/document = 巫山发改〔2024〕12号/' "$dir/zwgk.ini"
	"$Z" -c "$dir/zwgk.ini" kb import "$SRC/tests/kb/policy-qa.tsv" >/dev/null
	echo "generating $n applications and $n consultations in $dir" >&2
	/usr/bin/time -f "  sitegen: %e s, peak RSS %M KB" "$B/sitegen" "$dir/zwgk.ini" "$n" "$n"
	check_site "$dir"
	echo "$site_stamp" >"$dir/stamp"
}

add_extras() {
	make_site "$1"
	xdir=$(site "$1")
	extra=$(($1 / 10))
	extras_stamp="kb $extra portal $extra $(cat "$SRC/tests/bench/kbgen.c" "$SRC/tests/bench/sitegen-portal.c" | cksum)"
	if [ -f "$xdir/stamp-extras" ] && [ "$(cat "$xdir/stamp-extras")" = "$extras_stamp" ]; then
		return 0
	fi
	if [ -f "$xdir/stamp-extras" ]; then
		# Other extras than wanted: the registers are kept only with the extras they were made with.
		rm -f "$xdir/stamp"
		make_site "$1"
	fi
	echo "adding $extra knowledge-base entries and $extra portal documents to $xdir" >&2
	"$B/kbgen" "$extra" "$SRC/tests/kb/policy-qa.tsv" >"$xdir/kb.tsv"
	/usr/bin/time -f "  sitegen --kb --portal: %e s, peak RSS %M KB" \
		"$B/sitegen" --kb "$xdir/kb.tsv" --portal "$extra" "$xdir/zwgk.ini" 0 0
	rm -f "$xdir/kb.tsv"
	check_site "$xdir"
	echo "$extras_stamp" >"$xdir/stamp-extras"
}
