# kiln eval (scoring pipelines against gold annotations, read with
# jansson) and the record of a run (--save-config with checksums,
# run --config). Part of the kiln command, not of libkiln.
kiln_SOURCES += core/eval.c core/eval.h core/gold.c core/gold.h \
	core/score.c core/score.h core/record.c core/record.h \
	core/sha256.c core/sha256.h
kiln_CPPFLAGS += $(JANSSON_CFLAGS)
kiln_LDADD += $(JANSSON_LIBS) -lm
