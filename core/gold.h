/* gold.h — hand-made gold annotations (tests/data/ vocabulary) read with
 * jansson and located in their report (core-private, used by kiln eval).
 *
 * A gold file is STEM.mentions.jsonl (one mention a line: text, occurrence,
 * value, unit, kind, role, indicator, broken) or STEM.*targets.jsonl (one
 * target a line: indicator, baseline_value, target_value); it belongs to
 * the report whose file name without its extension is STEM.
 */
#ifndef KILN_GOLD_H
#define KILN_GOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiln/error.h"

typedef enum kiln_gold_type { KILN_GOLD_MENTIONS, KILN_GOLD_TARGETS } kiln_gold_type;

/* Fields compared as strings, as score.py does with str(). */
enum { KILN_GOLD_UNIT, KILN_GOLD_KIND, KILN_GOLD_ROLE, KILN_GOLD_INDICATOR,
       KILN_GOLD_ATTRS };

typedef struct kiln_gold_mention {
    unsigned line;           /* in the gold file */
    char *text;
    long occurrence;         /* 1-based */
    bool broken;             /* whitespace may sit between characters */
    bool has_value;
    double value;
    char *attr[KILN_GOLD_ATTRS];
    size_t start, end;       /* code points in the report, once located */
} kiln_gold_mention;

typedef struct kiln_gold_target {
    unsigned line;
    char *indicator;
    bool has_baseline, has_target;
    double baseline, target;
    char *baseline_text, *target_text; /* "" when absent */
} kiln_gold_target;

typedef struct kiln_gold_file {
    char *path;
    char *stem;              /* "liling-2021" */
    kiln_gold_type type;
    kiln_gold_mention *mentions;
    kiln_gold_target *targets;
    size_t n;                /* rows of mentions or targets */
} kiln_gold_file;

/* The stem of a gold file name and its type; -1 with ERR when the name
 * does not end in .mentions.jsonl or targets.jsonl. STEM is malloc'd. */
int kiln_gold_name(const char *path, char **stem, kiln_gold_type *type,
                   kiln_error *err);

/* The stem of a report's file name: its base name without the extension.
 * Malloc'd. */
char *kiln_report_stem(const char *path);

/* Read a gold file. Errors read "PATH:LINE: message". */
kiln_gold_file *kiln_gold_read(const char *path, kiln_error *err);
void kiln_gold_free(kiln_gold_file *g);

/* A report decoded into code points (what Python's str indexes). */
typedef struct kiln_codepoints {
    uint32_t *cp;
    size_t n;
} kiln_codepoints;

/* Decode valid UTF-8 (invalid bytes become U+FFFD). -1 when out of
 * memory. */
int kiln_codepoints_decode(const char *s, size_t len, kiln_codepoints *out);
void kiln_codepoints_free(kiln_codepoints *c);

/* Locate every mention of G in REPORT as score.py does: the OCCURRENCE-th
 * match of its text (overlapping matches count; a broken one matches with
 * any Python whitespace between its characters, non-overlapping). Errors
 * read "GOLD:LINE: text '…' occurrence N not in REPORT (M found)". */
int kiln_gold_locate(kiln_gold_file *g, const kiln_codepoints *report,
                     const char *report_name, kiln_error *err);

/* Python's str.isspace for one code point. */
bool kiln_py_isspace(uint32_t c);

#endif
