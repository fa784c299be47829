#!/bin/sh
# make-gbk.sh [OUTDIR] - the GBK fixtures from their UTF-8 sources: gbk-src/PATH.utf8 becomes
# OUTDIR/PATH (default: this folder), its bytes really GBK. Fails on a character GBK lacks.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
cd "$here/gbk-src"
find . -name '*.utf8' | sort | while read -r src; do
	dst="$out/${src%.utf8}"
	mkdir -p "$(dirname "$dst")"
	iconv -f UTF-8 -t GBK "$src" >"$dst.tmp"
	mv "$dst.tmp" "$dst"
done
