/* indicator.c — the noun phrase a figure measures.
 *
 * Usually the words before the figure in its clause (地区生产总值达738亿元
 * → 地区生产总值), trimmed of cue words and linking verbs; when nothing
 * stands before it, the noun after it (新增10000个城区停车位 → 城区停车位).
 * A verb that opens an enumeration is shared by its items (淘汰造纸厂生产
 * 线121条、落后产能12万吨 → 淘汰落后产能); an enumeration summed up by 等
 * keeps only the verb and the summary (打通S333、李耿中路等主次干道). The
 * phrase is then canonicalized through the indicator lexicon. */
#include "targets_internal.h"

#include <string.h>

typedef struct piece {
    const char *s;
    size_t n;
} piece;

/* Words that turn a noun-first clause into "predicate + noun"
 * (852个事项实现“一站式服务”, 2家农业企业在省股交所挂牌). Grammar, not
 * vocabulary, so they live here rather than in a lexicon. */
static const char *const predicate_marks[] = {"在", "实现", "全部", "被",
                                              "通过"};
/* Function words dropped at the head of a predicate. */
static const char *const predicate_drop[] = {"在", "全部", "被"};

/* A space or bullet at S (N bytes): " ", "\t", "-", "*", "\n", "•", "·",
 * "—", "　". Sets *LEN to its length. */
static bool is_space_or_bullet(const char *s, size_t n, size_t *len)
{
    switch (n ? (unsigned char)*s : 0) {
    case ' ': case '\t': case '-': case '*': case '\n':
        *len = 1;
        return true;
    case 0xC2:
        if (n >= 2 && memcmp(s, "·", 2) == 0) {
            *len = 2;
            return true;
        }
        return false;
    case 0xE2: case 0xE3:
        if (n >= 3 && (memcmp(s, "•", 3) == 0 || memcmp(s, "—", 3) == 0 ||
                       memcmp(s, "　", 3) == 0)) {
            *len = 3;
            return true;
        }
        return false;
    default:
        return false;
    }
}

/* Drop a quote or bracket left open or closed by the cut. */
static piece trim_unbalanced(piece p)
{
    static const char *const opens[] = {"“", "‘", "《", "(", "（", "\""};
    static const char *const closes[] = {"”", "’", "》", ")", "）", "\""};
    /* Every cut below needs P to end with an opener or start with a
     * closer; their last (first) bytes are these. Most pieces stop here. */
    static const bool opener_last[256] = {[0x9C] = 1, [0x98] = 1, [0x8A] = 1,
                                          ['('] = 1, [0x88] = 1, ['"'] = 1};
    static const bool closer_first[256] = {[0xE2] = 1, [0xE3] = 1, [')'] = 1,
                                           [0xEF] = 1, ['"'] = 1};
    if (!p.n || (!opener_last[(unsigned char)p.s[p.n - 1]] &&
                 !closer_first[(unsigned char)p.s[0]]))
        return p;
    for (size_t i = 0; i < sizeof opens / sizeof *opens; i++) {
        /* Both cuts need P to end with the opener or start with the
         * closer: test that before searching the whole piece. */
        if (!tg_ends(p.s, p.n, opens[i]) && !tg_starts(p.s, p.n, closes[i]))
            continue;
        size_t o = tg_find(p.s, p.n, opens[i]);
        size_t c = tg_find(p.s, p.n, closes[i]);
        if (o != (size_t)-1 && c == (size_t)-1 && tg_ends(p.s, p.n, opens[i]))
            p.n -= strlen(opens[i]);
        else if (c != (size_t)-1 && (o == (size_t)-1 || o > c) &&
                 tg_starts(p.s, p.n, closes[i])) {
            p.s += strlen(closes[i]);
            p.n -= strlen(closes[i]);
        }
    }
    return p;
}

static piece trim_space(piece p)
{
    /* every space or bullet ends with one of these bytes */
    static const bool space_last[256] = {[' '] = 1,  ['\t'] = 1, ['-'] = 1,
                                         ['*'] = 1,  ['\n'] = 1, [0xB7] = 1,
                                         [0xA2] = 1, [0x94] = 1,  [0x80] = 1};
    /* and starts with one of these: most pieces need no call */
    static const bool space_first[256] = {[' '] = 1,  ['\t'] = 1, ['-'] = 1,
                                          ['*'] = 1,  ['\n'] = 1, [0xC2] = 1,
                                          [0xE2] = 1, [0xE3] = 1};
    size_t k;
    while (p.n && space_first[(unsigned char)p.s[0]] &&
           is_space_or_bullet(p.s, p.n, &k)) {
        p.s += k;
        p.n -= k;
    }
    for (;;) {
        /* every mark ends with one of these bytes: most pieces stop here */
        if (!p.n || !space_last[(unsigned char)p.s[p.n - 1]])
            break;
        size_t last = tg_prev_char(p.s, p.n);
        if (!is_space_or_bullet(p.s + last, p.n - last, &k) ||
            last + k != p.n)
            break;
        p.n = last;
    }
    return p;
}

static bool droppable(const tg_cue *c)
{
    return c && (c->cls == TG_CUE_TARGET || c->cls == TG_CUE_ACHIEVED ||
                 c->cls == TG_CUE_STRIP);
}

static bool single_char(const tg_cue *c)
{
    return tg_char_len(c->word, c->len) == c->len;
}

/* strip_ends below; *STABLE tells whether the result is its own
 * strip_ends (with AFTER_FIGURE, hence also without: that drops less). */
static piece strip_ends_stable(const tg_cues *cues, piece p,
                               bool after_figure, bool *stable)
{
    for (bool again = true; again;) {
        again = false;
        piece before = p;
        p = trim_space(trim_unbalanced(trim_space(p)));
        if (tg_starts(p.s, p.n, "的")) { /* ”的现代产业体系 */
            p.s += strlen("的");
            p.n -= strlen("的");
        }
        const tg_cue *c = p.n ? tg_cue_at(cues, p.s, p.n) : NULL;
        if (droppable(c) && (!single_char(c) || after_figure ||
                             c->cls == TG_CUE_TARGET)) {
            p.s += c->len;
            p.n -= c->len;
            again = true;
            continue;
        }
        c = p.n ? tg_cue_ending(cues, p.s, p.n) : NULL;
        if (droppable(c)) {
            p.n -= c->len;
            again = true;
        } else /* this last round changed nothing: stripping P again would
                  not either */
            *stable = p.s == before.s && p.n == before.n;
    }
    return p;
}

/* Drop cue and filler words at both ends. Single-character words go at the
 * head only after another figure (五年内实现… → 实现…) or when they are role
 * cues (将, 拟): elsewhere they may begin a word (过境, 达标). */
static piece strip_ends(const tg_cues *cues, piece p, bool after_figure)
{
    bool stable = false;
    return strip_ends_stable(cues, p, after_figure, &stable);
}

/* Leading run of action verbs of P, P already stripped. */
static piece action_run(const tg_cues *cues, piece p)
{
    piece run = {p.s, 0};
    while (run.n < p.n) {
        const tg_cue *c = tg_cue_at(cues, p.s + run.n, p.n - run.n);
        if (!c || c->cls != TG_CUE_ACTION)
            break;
        run.n += c->len;
    }
    return run;
}

/* Leading run of action verbs of P (after its fillers). */
static piece leading_actions(const tg_cues *cues, piece p)
{
    return action_run(cues, strip_ends(cues, p, false));
}

/* Copy P into the arena without multi-character role cues (醴陵经开区实现
 * 技工贸总收入 → 醴陵经开区技工贸总收入). */
static char *drop_inner_cues(kiln_arena *a, const tg_cues *cues, piece p,
                             size_t *out_n)
{
    char *out = kiln_arena_alloc(a, p.n + 1);
    if (!out)
        return NULL;
    size_t o = 0, run = 0; /* P[run, i) is still to copy */
    for (size_t i = 0; i < p.n;) {
        size_t k;
        const tg_cue *c = tg_cue_step(cues, p.s + i, p.n - i, &k);
        if (c && !single_char(c) &&
            (c->cls == TG_CUE_ACHIEVED ||
             (c->cls == TG_CUE_TARGET && c->commitment != KILN_COMMIT_NONE))) {
            memcpy(out + o, p.s + run, i - run);
            o += i - run;
            i += c->len;
            run = i;
            continue;
        }
        i += k;
    }
    memcpy(out + o, p.s + run, p.n - run);
    o += p.n - run;
    out[o] = '\0';
    *out_n = o;
    return out;
}

/* Does a mention end a phrase (a figure or a date), so that the name of
 * the next figure starts after it? Names inside a phrase (4A级, slogans)
 * do not. */
static bool cuts_phrase(const kiln_mention *m)
{
    return tg_is_figure(m) || m->kind == KILN_KIND_DURATION ||
           m->kind == KILN_KIND_YEAR_OR_DATE;
}

typedef struct frame {
    size_t sent_start, sent_end;
    size_t clause_start; /* after the last ，；： before M */
    size_t hard_start;   /* after the last ，；： or figure before M */
    size_t item_start;   /* after the last 、 too */
    size_t item_end;     /* up to the next break or mention after M */
    bool after_figure;   /* hard_start is the end of another figure */
    int32_t prev_figure; /* figure earlier in the same clause, or the
                            figure ending the clause just before; -1 */
    size_t prev_clause;  /* start of that previous clause, if it ends
                            with a figure (a parallel "V N1 x, N2 y") */
    bool chained;        /* the previous clause ends with a figure */
} frame;

bool tg_mentions_ordered(const kiln_doc *doc)
{
    for (size_t j = 0; j < doc->mentions.len; j++) {
        const kiln_span *sp = &doc->mentions.items[j].span;
        if (sp->start > sp->end ||
            (j && doc->mentions.items[j - 1].span.end > sp->start))
            return false;
    }
    return true;
}

void tg_mentions_near(const tg_doc *td, size_t from, size_t to, size_t *lo,
                      size_t *hi)
{
    const kiln_doc *doc = td->doc;
    size_t n = doc->mentions.len;
    *lo = 0;
    *hi = n;
    if (!td->mentions_ordered)
        return;
    size_t a = 0, b = n; /* first mention ending at or after FROM */
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (doc->mentions.items[mid].span.end < from)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    b = n; /* first mention starting at or after TO */
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (doc->mentions.items[mid].span.start < to)
            a = mid + 1;
        else
            b = mid;
    }
    *hi = a;
}

/* Scan B for breaks from B->pos while it is before UNTIL; marks must end
 * by END. */
/* From I, past the characters that cannot be a break while before UNTIL
 * (END bytes readable): the CJK ones with lead bytes E4..EC (every mark
 * opens with another byte). One tight loop for most of the text. */
static size_t skip_no_break(const char *t, size_t i, size_t until, size_t end)
{
    const unsigned char *u = (const unsigned char *)t;
    while (i < until && end - i >= 3 && u[i] >= 0xE4 && u[i] <= 0xEC &&
           (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80)
        i += 3;
    return i;
}

static void scan_breaks(const char *t, struct tg_breaks *out, size_t until,
                        size_t end)
{
    struct tg_breaks b = *out; /* a local copy: the scan reads bytes */
    while (b.pos < until) {
        b.pos = skip_no_break(t, b.pos, until, end);
        if (b.pos >= until)
            break;
        size_t i = b.pos;
        size_t k = tg_hard_break_at(t + i, end - i);
        if (k) {
            b.before_break = b.hard_start;
            b.last_break = i;
            b.hard_start = b.item_start = i + k;
            b.pos = i + k;
            continue;
        }
        k = tg_list_break_at(t + i, end - i);
        if (k) {
            b.item_start = i + k;
            b.pos = i + k;
            continue;
        }
        b.pos = i + tg_char_len(t + i, end - i);
    }
    *out = b;
}

static frame frame_of(tg_doc *td, size_t mi)
{
    const kiln_doc *doc = td->doc;
    const kiln_mention *m = &doc->mentions.items[mi];
    int32_t si = tg_sentence_index(doc, m);
    frame f = {.sent_start = si >= 0 ? doc->segments.items[si].span.start : 0,
               .sent_end = si >= 0 ? doc->segments.items[si].span.end
                                   : doc->text_len,
               .prev_figure = -1};
    /* Every mention the loops below look at ends inside the sentence or
     * starts inside it. */
    size_t lo = 0, hi = doc->mentions.len;
    if (f.sent_start <= m->span.start && m->span.end <= f.sent_end) {
        struct tg_near *nr = &td->near; /* mentions of a sentence in a row */
        if (!nr->saved || nr->from != f.sent_start || nr->to != f.sent_end) {
            tg_mentions_near(td, f.sent_start, f.sent_end, &nr->lo, &nr->hi);
            *nr = (struct tg_near){true, f.sent_start, f.sent_end, nr->lo,
                                   nr->hi};
        }
        lo = nr->lo;
        hi = nr->hi;
    }
    const char *t = doc->text;
    size_t end = m->span.start;
    struct tg_breaks b = {true,         f.sent_start, end,
                          f.sent_start, f.sent_start, f.sent_start,
                          (size_t)-1,   f.sent_start};
    if (td->breaks.saved && td->breaks.from == f.sent_start &&
        td->breaks.end <= end && td->breaks.pos <= end) {
        b = td->breaks;
        b.end = end;
    }
    /* Up to four bytes before END (a mark has three, a character four)
     * the scan is the same for any later END: saved for the next mention
     * of the sentence, which resumes there. */
    scan_breaks(t, &b, end >= 4 ? end - 3 : 0, end);
    td->breaks = b;
    scan_breaks(t, &b, end, end);
    f.hard_start = b.hard_start;
    f.item_start = b.item_start;
    size_t last_break = b.last_break, before_break = b.before_break;
    f.clause_start = f.hard_start;
    for (size_t j = lo; j < hi; j++) {
        const kiln_mention *o = &doc->mentions.items[j];
        if (j == mi || o->span.end > m->span.start ||
            o->span.end < f.hard_start || !cuts_phrase(o))
            continue;
        if (tg_is_figure(o))
            f.prev_figure = (int32_t)j;
        size_t e = o->span.end, q = strlen(o->qualifier);
        if (q && e + q <= m->span.start && memcmp(t + e, o->qualifier, q) == 0)
            e += q;
        if (e >= f.hard_start) {
            f.hard_start = e;
            f.after_figure = true;
        }
        if (e > f.item_start)
            f.item_start = e;
    }
    if (last_break != (size_t)-1 && f.prev_figure < 0) {
        for (size_t j = lo; j < hi; j++) {
            const kiln_mention *o = &doc->mentions.items[j];
            size_t e = o->span.end, q = strlen(o->qualifier);
            if (q && e + q <= last_break && memcmp(t + e, o->qualifier, q) == 0)
                e += q;
            if (j != mi && tg_is_figure(o) && e == last_break &&
                o->span.start >= before_break) {
                f.prev_figure = (int32_t)j;
                f.prev_clause = before_break;
                f.chained = true;
            }
        }
    }
    f.item_end = f.sent_end;
    for (size_t i = m->span.end; i < f.sent_end;) {
        size_t left = f.sent_end - i;
        if (tg_hard_break_at(t + i, left) || tg_list_break_at(t + i, left)) {
            f.item_end = i;
            break;
        }
        i += tg_char_len(t + i, left);
    }
    for (size_t j = lo; j < hi; j++) {
        const kiln_mention *o = &doc->mentions.items[j];
        if (o->span.start >= m->span.end && o->span.start < f.item_end)
            f.item_end = o->span.start;
    }
    return f;
}

static piece span_piece(const kiln_doc *doc, size_t a, size_t b)
{
    return (piece){doc->text + a, b > a ? b - a : 0};
}

/* Does S[0..N) end with a place word (市, 县 ...)? */
static bool ends_with_place(const char *s, size_t n)
{
    static const char places[][4] = {"市", "县", "区", "省", "州", "旗",
                                     "镇", "乡"};
    /* the last bytes of the places: most positions stop there */
    static const bool place_last[256] = {[0x82] = 1, [0xBF] = 1, [0xBA] = 1,
                                         [0x81] = 1, [0x9E] = 1, [0x97] = 1,
                                         [0x87] = 1, [0xA1] = 1};
    if (n < 3 || !place_last[(unsigned char)s[n - 1]])
        return false;
    for (size_t j = 0; j < sizeof places / sizeof *places; j++)
        if (memcmp(s + n - 3, places[j], 3) == 0)
            return true;
    return false;
}

/* The canonical form of NAME: an exact lexicon entry, or the longest
 * entry that ends the name after a place (醴陵市地区生产总值 → 地区生产总值). */
static const char *canonical(const tg_doc *td, const char *name, size_t n)
{
    const tg_lexicon *lex = &td->st->names;
    const char *c = tg_lexicon_canon(lex, name, n);
    if (c)
        return c;
    /* the longest tail first: the earliest cut after a place word (no
     * name is longer than max_len) */
    size_t p = n > lex->max_len + 3 ? n - lex->max_len : 3;
    for (; p < n; p++)
        if (ends_with_place(name, p) &&
            (c = tg_lexicon_quantity(lex, name + p, n - p)) != NULL)
            return c;
    return kiln_arena_strndup(td->doc->arena, name, n);
}

/* X and Y copied one after the other into the arena, each up to a NUL
 * as "%.*s" would (the text holds none); "" when out of memory. */
static const char *join(kiln_arena *a, piece x, piece y)
{
    x.n = strnlen(x.s, x.n);
    y.n = strnlen(y.s, y.n);
    char *out = kiln_arena_alloc(a, x.n + y.n + 1);
    if (!out)
        return NULL;
    memcpy(out, x.s, x.n);
    memcpy(out + x.n, y.s, y.n);
    out[x.n + y.n] = '\0';
    return out;
}

/* S (up to its NUL) and Y, as join. */
static const char *join_str(kiln_arena *a, const char *s, piece y)
{
    return join(a, (piece){s, strlen(s)}, y);
}

/* The noun after the figure: 新增10000个城区停车位 → 城区停车位; with a
 * predicate, predicate first (事项实现“一站式服务” → 实现“一站式服务”事项). */
static const char *noun_after(tg_doc *td, const frame *f,
                              const kiln_mention *m, piece verbs)
{
    const tg_cues *cues = &td->st->cues;
    piece a = span_piece(td->doc, m->span.end, f->item_end);
    size_t q = strlen(m->qualifier);
    if (q && a.n >= q && memcmp(a.s, m->qualifier, q) == 0) {
        a.s += q;
        a.n -= q;
    }
    size_t cut = tg_find(a.s, a.n, "等");
    if (cut != (size_t)-1)
        a.n = cut;
    a = strip_ends(cues, a, true);
    size_t split = a.n;
    for (size_t i = 0; i < sizeof predicate_marks / sizeof *predicate_marks;
         i++) {
        size_t k = tg_find(a.s, a.n, predicate_marks[i]);
        if (k != (size_t)-1 && k > 0 && k < split)
            split = k;
    }
    piece noun = {a.s, split}, pred = {a.s + split, a.n - split};
    for (size_t i = 0; i < sizeof predicate_drop / sizeof *predicate_drop;
         i++)
        if (tg_starts(pred.s, pred.n, predicate_drop[i])) {
            size_t k = strlen(predicate_drop[i]);
            pred.s += k;
            pred.n -= k;
        }
    kiln_arena *ar = td->doc->arena;
    const char *head = join(ar, verbs, pred);
    if (!head)
        return "";
    return join_str(ar, head, noun);
}

/* Name of a figure (amount, percent, rank). */
static const char *figure_name(tg_doc *td, size_t mi)
{
    kiln_doc *doc = td->doc;
    const tg_cues *cues = &td->st->cues;
    const kiln_mention *m = &doc->mentions.items[mi];
    frame f = frame_of(td, mi);
    piece item = span_piece(doc, f.item_start, m->span.start);
    piece clause = span_piece(doc, f.clause_start, m->span.start);
    bool clause_stable = false;
    piece clause_core = strip_ends_stable(cues, clause, false, &clause_stable);
    piece verbs = action_run(cues, clause_core);
    piece bare = trim_space(span_piece(doc, f.item_start, m->span.start));
    if (f.chained && bare.n && tg_cue_ending(cues, bare.s, bare.n))
        f.chained = false; /* the clause has its own verb: …面积达11.6平方米 */
    if (!verbs.n && f.chained) /* 淘汰生产线121条,落后产能12万吨 */
        verbs = leading_actions(cues, span_piece(doc, f.prev_clause,
                                                 m->span.start));
    bool in_list = f.item_start > f.hard_start || f.chained;
    size_t etc = tg_find(item.s, item.n, "等");
    piece name = {NULL, 0};
    bool name_stable = false;
    const char *built = NULL;
    bool noun_first = false; /* keep its predicate's verbs */
    if (in_list && etc != (size_t)-1) { /* A、B等C: verb + C */
        piece tail = {item.s + etc + strlen("等"),
                      item.n - etc - strlen("等")};
        tail = strip_ends(cues, tail, false);
        built = join(doc->arena, verbs, tail);
    } else {
        /* the item is usually the clause, already stripped above; a
         * stable name is its own strip, so only its verbs are looked for */
        bool after = f.after_figure || in_list;
        if (item.s == clause.s && item.n == clause.n && !after) {
            name = clause_core;
            name_stable = clause_stable;
        } else
            name = strip_ends_stable(cues, item, after, &name_stable);
        piece name_verbs = {name.s, 0};
        if (name.n)
            name_verbs = name_stable ? action_run(cues, name)
                                     : leading_actions(cues, name);
        if (!name.n || name_verbs.n == name.n) {
            /* 新增10000个城区停车位: the noun after a figure is what it
             * counts; the verb before says only how it changes. In a
             * list (淘汰A 5条、B 3吨) the verb is kept to tell items apart. */
            bool list_next = f.item_end < f.sent_end &&
                             tg_list_break_at(doc->text + f.item_end,
                                              f.sent_end - f.item_end);
            piece own = in_list   ? (name.n ? name : verbs)
                        : list_next ? name
                                    : (piece){name.s, 0};
            built = noun_after(td, &f, m, own);
            noun_first = true;
        } else {
            if (in_list && !name_verbs.n && verbs.n)
                built = join(doc->arena, verbs, name);
        }
    }
    size_t n;
    char *s;
    if (built && noun_first) {
        s = kiln_arena_strndup(doc->arena, built, strlen(built));
        n = s ? strlen(s) : 0;
    } else if (built) {
        s = drop_inner_cues(doc->arena, cues,
                            (piece){built, strlen(built)}, &n);
    } else {
        s = drop_inner_cues(doc->arena, cues, name, &n);
    }
    if (!s)
        return "";
    /* a stable name copied whole needs no second strip */
    bool whole = !built && name_stable && n == name.n;
    piece p = noun_first || whole ? (piece){s, n}
                                  : strip_ends(cues, (piece){s, n}, false);
    /* A percentage after 增长/下降 is a rate of change of the name. */
    bool growth = false;
    const tg_cue *g = p.n ? tg_cue_ending(cues, p.s, p.n) : NULL;
    if (g && g->cls == TG_CUE_GROWTH &&
        (m->kind == KILN_KIND_PERCENT ||
         m->kind == KILN_KIND_PERCENTAGE_POINT)) {
        p.n -= g->len;
        p = strip_ends(cues, p, false);
        growth = true;
    }
    /* 赤字规模4.06万亿元,比上年增加1800亿元: a change against a baseline
     * (比…, 较…) measures the figure before it. */
    bool versus = (tg_starts(p.s, p.n, "比") || tg_starts(p.s, p.n, "较")) &&
                  f.prev_figure >= 0 &&
                  *doc->mentions.items[f.prev_figure].indicator;
    if (versus && !growth) {
        const tg_cue *v = p.n ? tg_cue_ending(cues, p.s, p.n) : NULL;
        growth = v && v->cls == TG_CUE_GROWTH;
    }
    const char *base;
    if ((!p.n || versus) && growth && f.prev_figure >= 0) /* 、增长5% */
        base = doc->mentions.items[f.prev_figure].indicator;
    else
        base = canonical(td, p.s, p.n);
    if (!base)
        return "";
    if (growth && *base) {
        size_t bn = strlen(base);
        if (!tg_ends(base, bn, "增长") && !tg_ends(base, bn, "涨幅") &&
            !tg_ends(base, bn, "增速") && !tg_ends(base, bn, "增幅") &&
            !tg_ends(base, bn, "降幅") && !tg_ends(base, bn, "率"))
            base = join_str(doc->arena, base,
                            (piece){"增长", strlen("增长")});
    }
    if (base && m->kind == KILN_KIND_RANK && *base) {
        size_t bn = strlen(base);
        if (!tg_ends(base, bn, "排名") && !tg_ends(base, bn, "排位") &&
            !tg_ends(base, bn, "位次") && !tg_ends(base, bn, "名次"))
            base = join_str(doc->arena, base,
                            (piece){"排名", strlen("排名")});
    }
    return base ? base : "";
}

/* 4A级景区 → A级景区: the grade and what it grades. */
static const char *grade_name(tg_doc *td, size_t mi)
{
    kiln_doc *doc = td->doc;
    const kiln_mention *m = &doc->mentions.items[mi];
    frame f = frame_of(td, mi);
    piece a = strip_ends(&td->st->cues,
                         span_piece(doc, m->span.end, f.item_end), true);
    return join_str(doc->arena, m->unit, a);
}

/* “千亿产业” → 产业: the slogan without its numeral. */
static const char *slogan_name(tg_doc *td, const kiln_mention *m)
{
    static const char *const numerals = "零一二三四五六七八九十百千万亿两";
    const char *s = td->doc->text + m->span.start;
    size_t n = m->span.end - m->span.start;
    while (n) {
        size_t k = tg_char_len(s, n);
        bool num = (k == 1 && ((*s >= '0' && *s <= '9') || *s == '.')) ||
                   (k == 3 && strstr(numerals, (char[4]){s[0], s[1], s[2], 0}));
        if (!num)
            break;
        s += k;
        n -= k;
    }
    piece p = strip_ends(&td->st->cues, (piece){s, n}, true);
    return p.n ? canonical(td, p.s, p.n) : "";
}

/* 开展农村公路提质五年行动 → 农村公路提质五年行动. */
static const char *programme_name(tg_doc *td, size_t mi)
{
    kiln_doc *doc = td->doc;
    const kiln_mention *m = &doc->mentions.items[mi];
    frame f = frame_of(td, mi);
    size_t end = m->span.end;
    static const char *const names[] = {"行动计划", "行动", "规划", "计划",
                                        "攻坚"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (tg_starts(doc->text + end, doc->text_len - end, names[i])) {
            end += strlen(names[i]);
            break;
        }
    piece head = strip_ends(&td->st->cues,
                            span_piece(doc, f.item_start, m->span.start),
                            false);
    return kiln_arena_printf(doc->arena, "%.*s%.*s", (int)head.n, head.s,
                             (int)(end - m->span.start),
                             doc->text + m->span.start);
}

/* 提前三年实现整体脱贫 → 提前实现整体脱贫. */
static const char *ahead_name(tg_doc *td, size_t mi)
{
    kiln_doc *doc = td->doc;
    const kiln_mention *m = &doc->mentions.items[mi];
    frame f = frame_of(td, mi);
    piece a = trim_space(span_piece(doc, m->span.end, f.item_end));
    return join_str(doc->arena, "提前", a);
}

const char *tg_indicator_of(tg_doc *td, size_t mi)
{
    const kiln_mention *m = &td->doc->mentions.items[mi];
    if (m->role == KILN_ROLE_OTHER || m->role == KILN_ROLE_NONE)
        return "";
    if (tg_is_figure(m) || tg_is_zero_slogan(m))
        return figure_name(td, mi);
    if (m->kind == KILN_KIND_ORDINAL)
        return grade_name(td, mi);
    if (m->kind == KILN_KIND_SLOGAN)
        return slogan_name(td, m);
    if (tg_is_programme_duration(td->doc, m))
        return programme_name(td, mi);
    if (tg_is_ahead_duration(td->doc, m))
        return ahead_name(td, mi);
    return ""; /* a bounding duration: named after its target, below */
}

/* Does the sentence of M hold nothing but M (quotes, bullets and marks
 * aside)? Such a line is a heading: - “四个百亿”。 */
static bool alone_in_sentence(const kiln_doc *doc, const kiln_mention *m,
                              const kiln_segment *s)
{
    for (size_t i = s->span.start; i < s->span.end;) {
        if (i >= m->span.start && i < m->span.end) {
            i = m->span.end;
            continue;
        }
        uint32_t cp = 0;
        size_t k = kiln_utf8_decode(doc->text + i, s->span.end - i, &cp);
        if (!k)
            return false;
        bool word = (cp >= 0x4E00 && cp <= 0x9FFF) ||
                    (cp < 0x80 && ((cp >= '0' && cp <= '9') ||
                                   ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')));
        if (word)
            return false;
        i += k;
    }
    return true;
}

/* Length of the longest common suffix of A and B, in whole characters. */
static size_t common_suffix(const char *a, size_t an, const char *b,
                            size_t bn)
{
    size_t k = 0;
    while (k < an && k < bn && a[an - 1 - k] == b[bn - 1 - k])
        k++;
    while (k && k < an && ((unsigned char)a[an - k] & 0xC0) == 0x80)
        k--; /* do not cut a character */
    return k;
}

/* The indicators of the figures after sentence S in its paragraph, summed
 * up: one name as it is; names sharing a tail as 花炮/玻璃产业集群. NULL
 * when there are none or they share nothing. */
static const char *paragraph_summary(const tg_doc *td,
                                     const kiln_segment *s)
{
    const kiln_doc *doc = td->doc;
    if (s->parent < 0 || (size_t)s->parent >= doc->segments.len)
        return NULL;
    size_t para_end = doc->segments.items[s->parent].span.end;
    const char *names[16];
    size_t n = 0, tail = (size_t)-1, lo, hi;
    tg_mentions_near(td, s->span.end, para_end, &lo, &hi);
    for (size_t j = lo; j < hi && n < 16; j++) {
        const kiln_mention *o = &doc->mentions.items[j];
        if (o->span.start < s->span.end || o->span.start >= para_end ||
            !tg_is_figure(o) || !*o->indicator)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n; k++)
            seen |= strcmp(names[k], o->indicator) == 0;
        if (seen)
            continue;
        if (n) {
            size_t c = common_suffix(names[0], strlen(names[0]), o->indicator,
                                     strlen(o->indicator));
            tail = c < tail ? c : tail;
        }
        names[n++] = o->indicator;
    }
    if (!n)
        return NULL;
    if (n == 1)
        return names[0];
    if (tail < strlen("产业")) /* two characters at least */
        return NULL;
    kiln_buf b = {0};
    for (size_t k = 0; k < n; k++)
        kiln_buf_printf(&b, "%s%.*s", k ? "/" : "",
                        (int)(strlen(names[k]) - tail), names[k]);
    kiln_buf_printf(&b, "%s", names[0] + strlen(names[0]) - tail);
    const char *out = b.data ? kiln_arena_strndup(doc->arena, b.data, b.len)
                             : NULL;
    kiln_buf_free(&b);
    return out;
}

/* A figure standing alone as a heading (- “四个百亿”。打造300亿花炮产业集群;
 * …) measures what the figures of its paragraph measure. */
static void name_headings(tg_doc *td)
{
    kiln_doc *doc = td->doc;
    for (size_t i = 0; i < doc->mentions.len; i++) {
        kiln_mention *m = &doc->mentions.items[i];
        if (m->role == KILN_ROLE_OTHER || m->role == KILN_ROLE_NONE ||
            !tg_is_figure(m))
            continue;
        int32_t si = tg_sentence_index(doc, m);
        if (si < 0 || !alone_in_sentence(doc, m, &doc->segments.items[si]))
            continue;
        const char *sum = paragraph_summary(td, &doc->segments.items[si]);
        if (sum)
            m->indicator = sum;
    }
}

void tg_set_indicators(tg_doc *td)
{
    kiln_doc *doc = td->doc;
    for (size_t i = 0; i < doc->mentions.len; i++)
        doc->mentions.items[i].indicator = tg_indicator_of(td, i);
    /* 力争用三年时间、确保五年内实现地区生产总值过1000亿元: a bounding
     * duration measures what its sentence's next target measures. */
    for (size_t i = 0; i < doc->mentions.len; i++) {
        kiln_mention *m = &doc->mentions.items[i];
        if (!tg_is_horizon_duration(doc, m) || m->role == KILN_ROLE_OTHER)
            continue;
        int32_t si = tg_sentence_index(doc, m);
        for (size_t j = i + 1; j < doc->mentions.len; j++) {
            const kiln_mention *t = &doc->mentions.items[j];
            if (tg_sentence_index(doc, t) != si)
                break;
            if (tg_is_figure(t) && *t->indicator) {
                m->indicator = t->indicator;
                break;
            }
        }
    }
    name_headings(td);
}
