#!/usr/bin/env bash
# Fetch and unpack the git corpus (Debian package git-doc) without installing it.
#   bash bench/corpora/git/fetch.sh [DIR]     (DIR defaults to /work/corpora/git)
exec bash "$(dirname "$0")/../fetch-deb.sh" git git-doc usr/share/doc/git-doc "$@"
