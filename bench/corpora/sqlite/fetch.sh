#!/usr/bin/env bash
# Fetch and unpack the sqlite corpus: Debian package sqlite3-doc, without installing it.
#   bash bench/corpora/sqlite/fetch.sh [DIR]     (DIR defaults to /work/corpora/sqlite)
# Idempotent: does nothing when DIR already holds the unpacked package.
# Prints the HTML root on stdout; progress goes to stderr.
# NEVER "apt-get install" a -doc package (one of them removes Node.js here).
set -euo pipefail
PKG=sqlite3-doc
HTML_ROOT=usr/share/doc/sqlite3
OUT="${1:-/work/corpora/sqlite}"
if [ -f "$OUT/VERSION" ] && [ -d "$OUT/$HTML_ROOT" ]; then
  echo "sqlite: already unpacked ($PKG $(cat "$OUT/VERSION")) in $OUT" >&2
else
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || { echo "sqlite: needs apt-get and dpkg-deb (Debian/Ubuntu)" >&2; exit 1; }
  TMP="$(mktemp -d)"
  trap 'rm -rf "$TMP"' EXIT
  # apt may warn "Download is performed unsandboxed as root": harmless
  if ! (cd "$TMP" && apt-get download "$PKG" >&2); then
    echo "sqlite: apt-get download $PKG failed; run 'apt-get update' first (Debian 12 bookworm carries the labelled version)" >&2
    exit 1
  fi
  DEB="$(ls "$TMP"/*.deb | head -n 1)"
  mkdir -p "$OUT"
  dpkg-deb -x "$DEB" "$OUT"
  dpkg-deb -f "$DEB" Version > "$OUT/VERSION"
  echo "sqlite: unpacked $PKG $(cat "$OUT/VERSION") into $OUT" >&2
  LABELLED="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$(dirname "$0")/site.json" 2>/dev/null || true)"
  if [ -n "$LABELLED" ] && [ "$LABELLED" != "$(cat "$OUT/VERSION")" ]; then
    echo "sqlite: warning: queries were labelled against $LABELLED; check with node bench/corpora/check-labels.mjs sqlite" >&2
  fi
fi
echo "$OUT/$HTML_ROOT"
