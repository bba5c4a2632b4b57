#!/usr/bin/env bash
# dist/index.js is what runners execute: it must be exactly a fresh build of src/.
# Rebuilds it and fails, naming the files, when the committed dist/ differs or has untracked files.
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
