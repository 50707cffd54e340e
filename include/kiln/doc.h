/* kiln/doc.h — the one document structure passed from stage to stage.
 *
 * A document starts as `original` (the bytes as read). The segmenter
 * validates it and writes `text`, the normalized form every later stage
 * reads, together with an alignment back to `original`. Each stage then adds
 * records to layers (segments, mentions, comparisons, diagnostics) through
 * the kiln_doc_add_* helpers; it may fill in the later fields of records
 * that earlier stages made (the units stage sets a mention's dimension), but
 * never reallocates another stage's array. Everything lives in the
 * document's arena and is freed at once when the document is done.
 *
 * Spans in memory are byte offsets into `text`, half-open. Exporters turn
 * them into code-point offsets into `original` with kiln_doc_span_out().
 */
#ifndef KILN_DOC_H
#define KILN_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiln/arena.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Layers, as bits: what a stage requires and provides. */
enum kiln_layer {
    KILN_LAYER_TEXT = 1u << 0,        /* text + alignment (segmenter) */
    KILN_LAYER_SEGMENTS = 1u << 1,    /* paragraphs, sentences, clauses */
    KILN_LAYER_MENTIONS = 1u << 2,    /* numbers: span, value, unit, kind */
    KILN_LAYER_UNITS = 1u << 3,       /* mention dimension, si_value, si_unit */
    KILN_LAYER_ROLES = 1u << 4,       /* mention role, indicator */
    KILN_LAYER_COMPARISONS = 1u << 5  /* target against baseline */
};

/* Half-open byte span into doc->text. */
typedef struct kiln_span {
    size_t start, end;
} kiln_span;

/* One run of the alignment from text to original. A run with
 * text_len == orig_len is a 1:1 copy (every byte maps to itself shifted);
 * any other run is atomic (a folding such as "１" -> "1", or a deletion
 * with text_len == 0): a position inside it maps to the run's start. */
typedef struct kiln_align_run {
    size_t text_off, text_len;
    size_t orig_off, orig_len;
} kiln_align_run;

/* Segments as the segment stage writes them: depth first in document order
 * (a block, then its first sentence, that sentence's clauses, the next
 * sentence ...), so a parent always precedes its children and starts never
 * decrease. A block is a PARAGRAPH (children: SENTENCEs) or a HEADING; a
 * heading is also its own sentence: it carries a sentence_no, has no
 * SENTENCE child, and its CLAUSEs have it as parent. Every sentence (or
 * heading) has at least one clause, and its clauses tile it. So the
 * sentence of a position is the segment with sentence_no > 0 holding it. */
typedef enum kiln_segment_kind {
    KILN_SEG_PARAGRAPH = 0, /* a block between blank lines */
    KILN_SEG_HEADING,       /* a short block without final punctuation */
    KILN_SEG_SENTENCE,      /* ends with 。！？；!?; or a paragraph end */
    KILN_SEG_CLAUSE         /* part of a sentence between ，、：, */
} kiln_segment_kind;

typedef struct kiln_segment {
    kiln_span span;
    kiln_segment_kind kind;
    int32_t parent;      /* index of the enclosing segment, -1 for none */
    int32_t sentence_no; /* 1-based sentence number (headings count as
                            sentences); 0 for paragraphs */
    const char *stage;   /* provenance: the stage label that made it */
} kiln_segment;

typedef enum kiln_mention_kind {
    KILN_KIND_AMOUNT = 0,
    KILN_KIND_PERCENT,
    KILN_KIND_PERCENTAGE_POINT,
    KILN_KIND_RANK,
    KILN_KIND_ORDINAL,
    KILN_KIND_DURATION,
    KILN_KIND_YEAR_OR_DATE,
    KILN_KIND_SLOGAN,
    KILN_KIND_COUNT_ /* number of kinds, not a kind */
} kiln_mention_kind;

typedef enum kiln_role {
    KILN_ROLE_NONE = 0, /* not decided (no roles stage ran) */
    KILN_ROLE_OTHER,
    KILN_ROLE_ACHIEVED,
    KILN_ROLE_TARGET
} kiln_role;

typedef enum kiln_commitment {
    KILN_COMMIT_NONE = 0,
    KILN_COMMIT_SOFT, /* 力争, 争取, 努力 */
    KILN_COMMIT_HARD  /* 确保, 必须, 控制在 */
} kiln_commitment;

/* A figure found in the text. The numbers stage fills the first block; the
 * units stage the second; the targets stage the third. Strings are never
 * NULL once set by kiln_doc_add_mention (empty means "none"). */
typedef struct kiln_mention {
    /* numbers */
    kiln_span span;          /* number + magnitude + unit, see DESIGN.md */
    double value;            /* magnitude applied, in the written unit */
    double value_max;        /* upper end of a range; valid if has_max */
    bool has_max;
    double magnitude;        /* 1, 1e4 (万), 1e8 (亿) ... as written */
    const char *unit;        /* written unit without magnitude chars */
    const char *qualifier;   /* 以上, 余, 突破 ... */
    kiln_mention_kind kind;
    int32_t sentence;        /* index into segments of its sentence, -1 */
    int32_t clause;          /* index into segments of its clause, -1 */
    const char *stage;       /* provenance: the stage label that made it */
    /* units */
    const char *dimension;   /* money, area, count ... ; "" if unknown */
    double si_value;         /* valid if has_si */
    double si_value_max;     /* valid if has_si && has_max */
    bool has_si;
    const char *si_unit;     /* CNY, m2, kg ... ; "" if unknown */
    bool per_capita;         /* 人均…: value per person */
    /* targets */
    kiln_role role;
    const char *indicator;   /* canonical name; "" if none found */
    const char *cue;         /* the cue word that decided the role */
    kiln_commitment commitment;
    double horizon_years;    /* years to the target; valid if has_horizon */
    bool has_horizon;
} kiln_mention;

/* A target paired with its baseline (or with none). */
typedef struct kiln_comparison {
    const char *indicator;
    const char *unit;
    int32_t baseline;        /* index into mentions, -1 if none */
    int32_t target;          /* index into mentions */
    const char *qualifier;   /* the target's */
    const char *cue;
    kiln_commitment commitment;
    double horizon_years;    /* valid if has_horizon */
    bool has_horizon;
    double progress;         /* baseline / target; valid if baseline >= 0 */
    double gap;              /* target - baseline (points for percents) */
    double required_growth;  /* (target/baseline)^(1/horizon) - 1; valid
                                if has_growth */
    bool has_growth;
    bool met;                /* baseline already reaches the target */
    const char *diagnostic;  /* why the pairing is uncertain; "" if sure */
    const char *stage;
} kiln_comparison;

typedef enum kiln_severity {
    KILN_SEV_INFO = 0,
    KILN_SEV_WARNING,
    KILN_SEV_ERROR
} kiln_severity;

typedef struct kiln_diagnostic {
    kiln_span span;          /* where in text; {0,0} for the whole doc */
    kiln_severity severity;
    const char *code;        /* short machine name: "unknown-unit" */
    const char *message;     /* one line for a person */
    const char *stage;
} kiln_diagnostic;

/* Growable array of records, allocated from the document's arena. */
#define KILN_VEC(T) struct { T *items; size_t len, cap; }

typedef struct kiln_doc {
    const char *id;          /* file path or the JSON Lines id field */
    size_t input_no;         /* 0-based position in the input order */
    const char *original;    /* bytes as read; NUL-terminated copy */
    size_t original_len;
    const char *text;        /* normalized text; NUL-terminated */
    size_t text_len;
    kiln_align_run *align;   /* sorted by text_off and by orig_off */
    size_t align_len;
    KILN_VEC(kiln_segment) segments;
    KILN_VEC(kiln_mention) mentions;
    KILN_VEC(kiln_comparison) comparisons;
    KILN_VEC(kiln_diagnostic) diagnostics;
    uint32_t layers;         /* enum kiln_layer bits present */
    kiln_arena *arena;
    struct kiln_doc_private *priv; /* core bookkeeping (outputs, cp index) */
} kiln_doc;

/* Append a record and return it (zero-filled, strings set to "",
 * indices to -1), or NULL when out of memory. The pointer stays valid until
 * the next add to the same layer. */
kiln_segment *kiln_doc_add_segment(kiln_doc *doc, const char *stage);
kiln_mention *kiln_doc_add_mention(kiln_doc *doc, const char *stage);
kiln_comparison *kiln_doc_add_comparison(kiln_doc *doc, const char *stage);

/* Add a diagnostic whose message is printf-formatted into the arena.
 * Returns 0, or -1 when out of memory. */
int kiln_doc_diag(kiln_doc *doc, const char *stage, kiln_severity severity,
                  kiln_span span, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Set the normalized text and its alignment (the segmenter's job). TEXT
 * and RUNS must live in the document's arena. */
void kiln_doc_set_text(kiln_doc *doc, const char *text, size_t text_len,
                       kiln_align_run *runs, size_t n_runs);

/* True when the core already knows doc->original is valid UTF-8 without
 * NUL bytes (its JSON Lines reader checks every string it decodes); false
 * means not checked: a stage that needs the guarantee checks it itself
 * (kiln_utf8_validate). Since ABI 1.1. */
bool kiln_doc_original_checked(const kiln_doc *doc);

/* Map a text offset to a byte offset in original. For a start offset use
 * is_end = false; for an exclusive end offset, is_end = true (the end of
 * the original bytes the last text byte came from). */
size_t kiln_doc_text_to_orig(const kiln_doc *doc, size_t text_off, bool is_end);

/* Code-point offset into original of byte offset ORIG_OFF. Fast for
 * offsets in any order (uses a sparse index the core builds once). */
size_t kiln_doc_orig_codepoint(const kiln_doc *doc, size_t orig_off);

/* A text span as code points into the original document, and the original
 * bytes of that span (what exporters print as `text`). */
typedef struct kiln_span_out {
    size_t cp_start, cp_end;     /* code points, half-open */
    const char *orig;            /* points into doc->original */
    size_t orig_len;
} kiln_span_out;
kiln_span_out kiln_doc_span_out(const kiln_doc *doc, kiln_span span);

/* 1-based sentence number of a mention (0 if it has none). */
int32_t kiln_doc_sentence_no(const kiln_doc *doc, const kiln_mention *m);

/* Names for enums, as written in output tables ("amount", "target" ...). */
const char *kiln_kind_name(kiln_mention_kind kind);
const char *kiln_role_name(kiln_role role);     /* "" for KILN_ROLE_NONE */
const char *kiln_commitment_name(kiln_commitment c); /* "", soft, hard */
const char *kiln_segment_kind_name(kiln_segment_kind kind);
const char *kiln_severity_name(kiln_severity s);

/* Shortest text that reads back as the same double ("%.17g" trimmed, no
 * exponent for integers below 1e21). Writes at most 32 bytes including the
 * NUL into BUF and returns BUF. */
char *kiln_format_double(char buf[32], double value);

/* Decides, for kiln_doc_remove_mentions, whether mention M goes. */
typedef bool (*kiln_mention_filter)(const kiln_mention *m, void *ctx);

/* Remove every mention for which DROP returns true (called once per
 * mention, in order); the others keep their order. Indices into mentions
 * stay right: a comparison whose target is removed is removed with it, one
 * whose baseline is removed loses it (baseline -1; progress, gap, growth
 * and met unset; a diagnostic naming STAGE). The layers are compacted in
 * place, so pointers to mentions taken before the call are stale after it.
 * Stores the number removed in *REMOVED (may be NULL). Returns 0, or -1
 * when out of memory, the document unchanged. */
int kiln_doc_remove_mentions(kiln_doc *doc, const char *stage,
                             kiln_mention_filter drop, void *ctx,
                             size_t *removed);

#ifdef __cplusplus
}
#endif
#endif
