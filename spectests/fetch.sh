#!/usr/bin/env bash
# Downloads the pinned official test suite into spectests/suite (see README.md).
set -euo pipefail
commit=285a9032950cbad6a9f84de11183008e286092a2
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/suite"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$tmp" init -q
git -C "$tmp" remote add origin https://github.com/WebAssembly/spec.git
git -C "$tmp" fetch -q --depth 1 origin "$commit"
git -C "$tmp" checkout -q FETCH_HEAD -- test/core test/legacy test/custom
rm -rf "$dest"
mkdir -p "$dest"
cp -R "$tmp/test/core" "$tmp/test/legacy" "$tmp/test/custom" "$dest/"
echo "spec suite $commit in $dest: $(find "$dest/core" -name '*.wast' | wc -l) core scripts"
