#!/usr/bin/env bash
# Fetch and unpack the sfml corpus (Debian package libsfml-doc) without installing it.
#   bash bench/corpora/sfml/fetch.sh [DIR]     (DIR defaults to /work/corpora/sfml)
exec bash "$(dirname "$0")/../fetch-deb.sh" sfml libsfml-doc usr/share/doc/libsfml-dev/html "$@"
