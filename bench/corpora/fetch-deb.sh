#!/usr/bin/env bash
# Fetches and unpacks one corpus's Debian package without installing it; each
# <site>/fetch.sh calls this with its package and HTML root.
#   bash bench/corpora/fetch-deb.sh SITE PACKAGE HTML_ROOT [DIR]   (DIR defaults to /work/corpora/SITE)
# Idempotent: does nothing when DIR already holds the unpacked package.
# Prints the HTML root on stdout; progress goes to stderr.
# NEVER "apt-get install" a -doc package (one of them removes Node.js here).
set -euo pipefail
SITE="$1"
PKG="$2"
HTML_ROOT="$3"
OUT="${4:-/work/corpora/$SITE}"
if [ -f "$OUT/VERSION" ] && [ -d "$OUT/$HTML_ROOT" ]; then
  echo "$SITE: already unpacked ($PKG $(cat "$OUT/VERSION")) in $OUT" >&2
else
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || { echo "$SITE: needs apt-get and dpkg-deb (Debian/Ubuntu)" >&2; exit 1; }
  TMP="$(mktemp -d)"
  trap 'rm -rf "$TMP"' EXIT
  # apt may warn "Download is performed unsandboxed as root": harmless
  if ! (cd "$TMP" && apt-get download "$PKG" >&2); then
    echo "$SITE: apt-get download $PKG failed; run 'apt-get update' first (Debian 12 bookworm carries the labelled version)" >&2
    exit 1
  fi
  DEB="$(ls "$TMP"/*.deb | head -n 1)"
  mkdir -p "$OUT"
  dpkg-deb -x "$DEB" "$OUT"
  dpkg-deb -f "$DEB" Version > "$OUT/VERSION"
  echo "$SITE: unpacked $PKG $(cat "$OUT/VERSION") into $OUT" >&2
  LABELLED="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$(dirname "$0")/$SITE/site.json" 2>/dev/null || true)"
  if [ -n "$LABELLED" ] && [ "$LABELLED" != "$(cat "$OUT/VERSION")" ]; then
    echo "$SITE: warning: queries were labelled against $LABELLED; check with node bench/corpora/check-labels.mjs $SITE" >&2
  fi
fi
echo "$OUT/$HTML_ROOT"
