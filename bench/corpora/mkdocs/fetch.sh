#!/usr/bin/env bash
# Fetch and unpack the mkdocs corpus (Debian package mkdocs-doc) without installing it.
#   bash bench/corpora/mkdocs/fetch.sh [DIR]     (DIR defaults to /work/corpora/mkdocs)
exec bash "$(dirname "$0")/../fetch-deb.sh" mkdocs mkdocs-doc usr/share/doc/mkdocs/html "$@"
