# End-to-end tests: the kiln command on real reports, compared with
# reviewed expected output and with the gold annotation.
TESTS += tests/e2e/segments-offsets.sh tests/e2e/batch-errors.sh \
	tests/e2e/gold-sample.sh
EXTRA_DIST += tests/e2e/lib.sh tests/e2e/modules-lock.sh tests/e2e/segments-offsets.sh \
	tests/e2e/batch-errors.sh tests/e2e/gold-sample.sh tests/score.py \
	tests/data/liling-2021.txt tests/data/liling-2021.mentions.jsonl \
	tests/data/liling-2021.targets.jsonl \
	tests/data/liling-2021.unpaired-targets.jsonl \
	tests/data/expected/liling-2021.segments.csv
