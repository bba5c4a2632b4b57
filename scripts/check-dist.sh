#!/usr/bin/env bash
# dist/index.js is what runners execute: it must be exactly a fresh build of src/.
# Rebuilds it from nothing and fails, naming the files, when the committed dist/ differs, has untracked
# files or keeps a file the build no longer writes (a chunk of a dynamic import that moved).
# Called by .ci/run and by .github/workflows/ci.yml, so both hold dist/ to the same rule.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run -s bundle >/dev/null
changed=$(git status --porcelain -- dist)
if [ -n "$changed" ]; then
  echo "$changed"
  echo "::error::dist/ is not a fresh build of src/: run 'npm run bundle' and commit dist/."
  exit 1
fi
echo "dist/ is a fresh build of src/."
