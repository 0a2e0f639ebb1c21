#!/usr/bin/env bash
# Fetch and unpack the sfml corpus: Debian package libsfml-doc, without installing it.
#   bash bench/corpora/sfml/fetch.sh [DIR]     (DIR defaults to /work/corpora/sfml)
# Idempotent: does nothing when DIR already holds the unpacked package.
# Prints the HTML root on stdout; progress goes to stderr.
# NEVER "apt-get install" a -doc package (one of them removes Node.js here).
set -euo pipefail
PKG=libsfml-doc
HTML_ROOT=usr/share/doc/libsfml-dev/html
OUT="${1:-/work/corpora/sfml}"
if [ -f "$OUT/VERSION" ] && [ -d "$OUT/$HTML_ROOT" ]; then
  echo "sfml: already unpacked ($PKG $(cat "$OUT/VERSION")) in $OUT" >&2
else
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || { echo "sfml: needs apt-get and dpkg-deb (Debian/Ubuntu)" >&2; exit 1; }
  TMP="$(mktemp -d)"
  trap 'rm -rf "$TMP"' EXIT
  # apt may warn "Download is performed unsandboxed as root": harmless
  if ! (cd "$TMP" && apt-get download "$PKG" >&2); then
    echo "sfml: apt-get download $PKG failed; run 'apt-get update' first (Debian 12 bookworm carries the labelled version)" >&2
    exit 1
  fi
  DEB="$(ls "$TMP"/*.deb | head -n 1)"
  mkdir -p "$OUT"
  dpkg-deb -x "$DEB" "$OUT"
  dpkg-deb -f "$DEB" Version > "$OUT/VERSION"
  echo "sfml: unpacked $PKG $(cat "$OUT/VERSION") into $OUT" >&2
  LABELLED="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$(dirname "$0")/site.json" 2>/dev/null || true)"
  if [ -n "$LABELLED" ] && [ "$LABELLED" != "$(cat "$OUT/VERSION")" ]; then
    echo "sfml: warning: queries were labelled against $LABELLED; check with node bench/corpora/check-labels.mjs sfml" >&2
  fi
fi
echo "$OUT/$HTML_ROOT"
