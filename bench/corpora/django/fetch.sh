#!/usr/bin/env bash
# Fetch and unpack the django corpus (Debian package python-django-doc) without installing it.
#   bash bench/corpora/django/fetch.sh [DIR]     (DIR defaults to /work/corpora/django)
exec bash "$(dirname "$0")/../fetch-deb.sh" django python-django-doc usr/share/doc/python-django-doc/html "$@"
