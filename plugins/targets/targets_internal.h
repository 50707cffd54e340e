/* targets_internal.h — what the files of the targets stage share.
 *
 * cues.c        the cue lexicon (cue words, section words, words trimmed
 *               from indicator names)
 * lexicon.c     the indicator lexicon (canonical names and synonyms)
 * text.c        small helpers on spans of the document text
 * role.c        role, cue, commitment of each mention; section state
 * horizon.c     report year and years to a target
 * indicator.c   the noun phrase a figure measures
 * pairing.c     target against baseline: comparisons
 * targets.c     the stage descriptor, options, init/process
 *
 * Functions here are not static (they cross files) but the module exports
 * only kiln_stage_targets.
 */
#ifndef KILN_TARGETS_INTERNAL_H
#define KILN_TARGETS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "kiln/kiln.h"

typedef enum tg_cue_class {
    TG_CUE_TARGET = 0,
    TG_CUE_ACHIEVED,
    TG_CUE_STRIP,  /* never part of an indicator, decides nothing */
    TG_CUE_ACTION, /* verb kept at the head of an indicator */
    TG_CUE_GROWTH  /* makes a percentage a rate of change */
} tg_cue_class;

typedef enum tg_strength {
    TG_STRENGTH_NONE = 0,
    TG_STRENGTH_STRONG,
    TG_STRENGTH_WEAK,
    TG_STRENGTH_SECTION
} tg_strength;

typedef struct tg_cue {
    char *word;
    size_t len;
    tg_cue_class cls;
    tg_strength strength;
    kiln_commitment commitment;
} tg_cue;

typedef struct tg_cues {
    tg_cue *items;
    size_t len, cap;
    /* Lookup index (built by tg_cues_load): item numbers bucketed by a
     * hash of the word's first character, then of its last character;
     * bucket k is [start[k], start[k+1]) in file order. */
    uint32_t *first_start, *first_items, *last_start, *last_items;
    /* Bit pair_key(w) is set for the first six bytes w of every section
     * word (a Bloom filter); NULL (no filter) when one is shorter. */
    uint8_t *section_pairs;
} tg_cues;

typedef struct tg_name {
    char *name;  /* as written in the lexicon */
    char *canon; /* "" for a name that names no quantity */
} tg_name;

typedef struct tg_lexicon {
    tg_name *items;
    size_t len, cap;
} tg_lexicon;

/* Everything init reads; read-only afterwards. */
typedef struct tg_state {
    const char *label;
    tg_cues cues;
    tg_lexicon names;
    int report_year; /* 0: infer from the text */
} tg_state;

/* Per-document working data (lives in the document's arena). */
typedef struct tg_doc {
    const tg_state *st;
    kiln_doc *doc;
    kiln_role *section;   /* per segment: role its section gives, or NONE */
    const char **section_word; /* per segment: the word that set it */
    int report_year;      /* 0 when unknown */
    bool mentions_ordered; /* mentions sorted by span, none overlapping:
                              lookups may search instead of scanning */
} tg_doc;

/* indicator.c: are DOC's mentions sorted by span, none overlapping? */
bool tg_mentions_ordered(const kiln_doc *doc);
/* The mentions [*LO, *HI) that may end at or after FROM and start before
 * TO: a binary search when td->mentions_ordered (so that long documents
 * are not quadratic), else all of them. */
void tg_mentions_near(const tg_doc *td, size_t from, size_t to, size_t *lo,
                      size_t *hi);

/* cues.c */
int tg_cues_load(tg_cues *cues, const char *path, kiln_error *err);
void tg_cues_free(tg_cues *cues);
/* Longest cue starting at S (LEN bytes available), or NULL. */
const tg_cue *tg_cue_at(const tg_cues *cues, const char *s, size_t len);
/* False when no section word can occur in [S, S+LEN): a quick filter. */
bool tg_cues_may_hold_section(const tg_cues *cues, const char *s, size_t len);
/* Longest cue of class CLS ending exactly at S + LEN, or NULL. */
const tg_cue *tg_cue_ending(const tg_cues *cues, const char *s, size_t len);

/* lexicon.c */
int tg_lexicon_load(tg_lexicon *lex, const char *path, kiln_error *err);
void tg_lexicon_free(tg_lexicon *lex);
/* Canonical name of NAME (LEN bytes), or NULL when not listed. */
const char *tg_lexicon_canon(const tg_lexicon *lex, const char *name,
                             size_t len);

/* text.c */
/* Length of the UTF-8 character at S (1 for a bad byte). */
size_t tg_char_len(const char *s, size_t avail);
/* Start of the character that ends at S + LEN (LEN > 0). */
size_t tg_prev_char(const char *s, size_t len);
/* Is there a boundary character at S: a sentence or clause mark (，；：。！？
 * and their ASCII folds, newline)? Returns its length or 0. */
size_t tg_hard_break_at(const char *s, size_t avail);
/* Is there an enumeration comma (、) at S? Returns its length or 0. */
size_t tg_list_break_at(const char *s, size_t avail);
bool tg_starts(const char *s, size_t avail, const char *word);
bool tg_ends(const char *s, size_t len, const char *word);
/* Find WORD in [s, s+len); returns its offset or (size_t)-1. */
size_t tg_find(const char *s, size_t len, const char *word);
/* The segment (sentence or heading) enclosing mention M, or NULL. */
const kiln_segment *tg_sentence_of(const kiln_doc *doc, const kiln_mention *m);
int32_t tg_sentence_index(const kiln_doc *doc, const kiln_mention *m);

/* role.c */
int tg_sections(tg_doc *td);
void tg_decide_roles(tg_doc *td);
/* Mentions that carry a quantity that can be a target or a result. */
bool tg_is_figure(const kiln_mention *m);
/* Durations: one bounding a goal (五年内, 用三年时间), one naming a
 * programme (五年行动), one saved (提前三年). */
bool tg_is_horizon_duration(const kiln_doc *doc, const kiln_mention *m);
bool tg_is_programme_duration(const kiln_doc *doc, const kiln_mention *m);
bool tg_is_ahead_duration(const kiln_doc *doc, const kiln_mention *m);
/* A zero slogan (“破零”): a count from or to zero. */
bool tg_is_zero_slogan(const kiln_mention *m);

/* horizon.c */
int tg_infer_report_year(const kiln_doc *doc);
void tg_set_horizons(tg_doc *td);

/* indicator.c */
void tg_set_indicators(tg_doc *td);
/* The indicator of one mention (arena string, "" when none). */
const char *tg_indicator_of(tg_doc *td, size_t mi);

/* pairing.c */
int tg_pair(tg_doc *td);

#endif
