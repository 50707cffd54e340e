# tests: batch runs (JSON Lines, -j N, -o DIR, GNU parallel).
TESTS += tests/e2e/batch-jsonl.sh tests/e2e/batch-threads.sh \
	tests/e2e/batch-outputs.sh tests/e2e/batch-parallel.sh
EXTRA_DIST += tests/e2e/batch-jsonl.sh tests/e2e/batch-threads.sh \
	tests/e2e/batch-outputs.sh tests/e2e/batch-parallel.sh \
	tests/data/national-reports.jsonl
