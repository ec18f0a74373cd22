#!/usr/bin/env bash
# Compares crossfoot with the hand labels of the real-disclosure corpus (tests/real/labels,
# format in tests/real/README.md). The corpus itself is not in this repository: it is read
# from $CROSSFOOT_REAL_CORPUS, by default ../shared/real-corpus beside the checkout; when it
# is absent the script says so and exits 0.
#
# Prints, per document: labelled tables recognised, labelled relations evaluated, labelled
# failures found at their severity, and unconfirmed findings (errors and warnings no label
# records). Exits 1 unless, over the whole corpus, every document is read, every labelled
# table is recognised, >= 90% of the labelled relations are evaluated, every labelled failure
# is found at its severity and no error-severity finding is unconfirmed (a possible false
# alarm); also when a label file is malformed. --strict asks >= 90% of each document too.
# Usage: scripts/real-corpus.sh [--strict] [-v]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${CROSSFOOT_REAL_CORPUS:-../shared/real-corpus}"
if [ ! -d "$corpus" ]; then
  echo "real corpus: $corpus is absent; skipped (nothing measured)"
  exit 0
fi
cargo build --release --quiet --example real_corpus
exec ./target/release/examples/real_corpus "$@" "$corpus" tests/real/labels
