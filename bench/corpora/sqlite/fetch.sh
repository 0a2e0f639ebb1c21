#!/usr/bin/env bash
# Fetch and unpack the sqlite corpus (Debian package sqlite3-doc) without installing it.
#   bash bench/corpora/sqlite/fetch.sh [DIR]     (DIR defaults to /work/corpora/sqlite)
exec bash "$(dirname "$0")/../fetch-deb.sh" sqlite sqlite3-doc usr/share/doc/sqlite3 "$@"
