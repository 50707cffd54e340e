# End-to-end tests: the kiln command on real reports, compared with
# reviewed expected output and with the gold annotation.
EXTRA_DIST += tests/e2e/lib.sh tests/score.py tests/data/liling-2021.txt \
	tests/data/liling-2021.mentions.jsonl tests/data/liling-2021.targets.jsonl \
	tests/data/liling-2021.unpaired-targets.jsonl
