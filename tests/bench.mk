# make bench: throughput and peak memory on a 100 MB JSON Lines stream and
# on single documents of 10 and 100 MB (BIG=1 adds 1000 MB). The inputs are
# generated in the build tree (bench/). Never part of make check.
EXTRA_DIST += tools/bench.sh
bench: all
	$(SHELL) $(srcdir)/tools/bench.sh '$(abs_top_builddir)/tools/kiln-uninstalled' \
		'$(abs_top_srcdir)/tests/data/national-reports.jsonl' \
		'$(abs_top_builddir)/bench' '$(BIG)'
clean-local: clean-bench
clean-bench:
	rm -rf bench
.PHONY: bench clean-bench
