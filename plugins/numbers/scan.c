/* scan.c — finding the mentions of a text in one pass.
 *
 * The scanner walks the text once. Where a numeral starts (an Arabic digit,
 * a Chinese numeral, 第, 百分之, an opening quote, or the first character
 * of a lexicon slogan, idiom or count word) it reads one whole mention:
 * the numeral, a unit or measure word (longest match), a range, a
 * month-day, then the qualifiers around it and the sign of a change. The
 * span convention is DESIGN.md's: number + magnitude + unit, 余/多 inside,
 * verbs and trailing bounds outside (in qualifier).
 */
#include "numbers.h"

#include <string.h>


/* A quoted phrase this short that holds a numeral is a name (“三高四新”,
 * “六稳”) unless it is one whole figure (“一个千亿”). */
#define QUOTE_MAX_CP 6

enum {
    CP_DI = 0x7B2C,        /* 第 */
    CP_FAN = 0x7FFB,       /* 翻 */
    CP_FAN_TIMES = 0x756A, /* 番 */
    CP_FEN = 0x5206,       /* 分 */
    CP_ZHI = 0x4E4B,       /* 之 */
    CP_WU = 0x4E94,        /* 五 */
    CP_LQUOTE = 0x201C,    /* “ */
    CP_RQUOTE = 0x201D,    /* ” */
    CP_LBRACKET = 0x3010,  /* 【 */
    CP_RBRACKET = 0x3011,  /* 】 */
    CP_LPAREN_W = 0xFF08,  /* （ */
    CP_RPAREN_W = 0xFF09,  /* ） */
    CP_DUN = 0x3001,       /* 、 */
    CP_LE = 0x4E86,        /* 了 */
    CP_YUE = 0x6708,       /* 月 */
    CP_RI = 0x65E5,        /* 日 */
    CP_HAO = 0x53F7,       /* 号 */
    CP_ZHI_TO = 0x81F3,    /* 至 */
    CP_DAO = 0x5230,       /* 到 */
    CP_ZERO = 0x96F6,      /* 零 */
    CP_LING = 0x3007,      /* 〇 */
    CP_SHU = 0x6570,       /* 数 (数百) */
    CP_JI = 0x51E0         /* 几 (几十) */
};

typedef struct scanner {
    const numbers_lexicon *lex;
    const char *text;
    size_t len;
    const numbers_sink *sink;
    size_t floor; /* qualifiers before a number start at or after this */
} scanner;

/* The code point at P (0 at LIMIT), its length in *N (0 at LIMIT).
 * Inline: the scanner asks this after every numeral and unit. */
static inline uint32_t cp_at(const scanner *sc, size_t p, size_t limit,
                             size_t *n)
{
    uint32_t cp = 0;
    *n = p < limit ? numbers_decode(sc->text + p, limit - p, &cp) : 0;
    return *n ? cp : 0;
}

/* The code point that ends at P (0 at the start), its start in *START. */
static uint32_t cp_before(const scanner *sc, size_t p, size_t *start)
{
    if (p == 0) {
        *start = 0;
        return 0;
    }
    size_t q = p - 1;
    while (q > 0 && ((unsigned char)sc->text[q] & 0xC0) == 0x80)
        q--;
    uint32_t cp = 0;
    if (!numbers_decode(sc->text + q, p - q, &cp))
        cp = 0;
    *start = q;
    return cp;
}

static bool is_ascii_letter(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* Only blanks between the line start and P? */
static bool at_line_start(const scanner *sc, size_t p)
{
    while (p > 0 && (sc->text[p - 1] == ' ' || sc->text[p - 1] == '\t'))
        p--;
    return p == 0 || sc->text[p - 1] == '\n';
}

static size_t skip_spaces(const scanner *sc, size_t p, size_t limit)
{
    while (p < limit && sc->text[p] == ' ')
        p++;
    return p;
}

static bool unit_is(const numbers_entry *u, const char *form)
{
    size_t len = strlen(form); /* of a literal: folded by the compiler */
    return u && u->len == len && memcmp(u->form, form, len) == 0;
}

/* The unit or measure word right after P (a space allowed), or NULL;
 * its end in *END. After 第 only measure words count (第三方 is no unit). */
static const numbers_entry *unit_after(const scanner *sc, size_t p,
                                       size_t limit, bool measures_only,
                                       size_t *end)
{
    size_t q = skip_spaces(sc, p, limit);
    const numbers_entry *u =
        numbers_lexicon_at(sc->lex, sc->text + q, limit - q, NUMBERS_UNIT);
    if (!u || (measures_only && !u->measure))
        return NULL;
    *end = q + u->len;
    return u;
}

static void hit_init(numbers_hit *h, size_t start, size_t end,
                     const numbers_numeral *nu)
{
    memset(h, 0, sizeof *h);
    h->start = start, h->end = end;
    h->value = nu->value;
    h->magnitude = nu->magnitude;
    h->unit = "";
    h->qualifier = nu->approx;
    h->kind = KILN_KIND_AMOUNT;
}

static void set_unit(numbers_hit *h, const numbers_entry *u, size_t end)
{
    h->unit = u->unit;
    h->unit_len = strlen(u->unit);
    h->kind = u->kind;
    h->end = end;
}

static int emit(scanner *sc, const numbers_hit *h)
{
    if (h->end > sc->floor)
        sc->floor = h->end;
    return sc->sink->hit(sc->sink->ctx, h);
}

/* Qualifiers before and after H, the sign of a change, then emit.
 * Returns 0 or -1; *NEXT is where scanning goes on. */
static int finish(scanner *sc, numbers_hit *h, size_t limit, size_t *next)
{
    const numbers_lexicon *lex = sc->lex;
    size_t qs, b = h->start;
    const numbers_entry *q = numbers_lexicon_ending(
        lex, sc->text, sc->floor, b, NUMBERS_QUAL_BEFORE | NUMBERS_QUAL_BLOCK,
        &qs);
    bool prefixed = false;
    if (q && (q->classes & NUMBERS_QUAL_BEFORE) &&
        !(q->classes & NUMBERS_QUAL_BLOCK)) {
        h->qualifier = q->qualifier;
        b = qs;
        prefixed = true;
    }
    bool rate = h->kind == KILN_KIND_PERCENT ||
                h->kind == KILN_KIND_PERCENTAGE_POINT;
    bool negate = false;
    /* 增长-39.7%, -0.3%: a minus sign, unless it is a list bullet at the
     * start of a line, a hyphen in a code (COVID-19) or after a number */
    size_t m = h->start;
    while (m > sc->floor && sc->text[m - 1] == ' ')
        m--;
    if (m > sc->floor && sc->text[m - 1] == '-') {
        size_t ps;
        uint32_t before = cp_before(sc, m - 1, &ps);
        if (!at_line_start(sc, m - 1) && !is_ascii_letter(before) &&
            !is_digit(before) && before != '%') {
            negate = true;
            h->start = m - 1;
        }
    }
    if (rate && !negate) {
        /* 下降0.3%, 减少了2个百分点 */
        size_t ds, e = b, ls;
        if (cp_before(sc, e, &ls) == CP_LE && ls >= sc->floor)
            e = ls;
        if (numbers_lexicon_ending(lex, sc->text, sc->floor, e,
                                   NUMBERS_DECREASE, &ds))
            negate = true;
    }
    if (negate) {
        h->value = -h->value;
        if (h->has_max)
            h->value_max = -h->value_max;
    }
    *next = h->end;
    size_t t = skip_spaces(sc, h->end, limit);
    const numbers_entry *a =
        numbers_lexicon_at(lex, sc->text + t, limit - t, NUMBERS_QUAL_AFTER);
    if (a) {
        bool fits = a->scope == NUMBERS_SCOPE_ANY ||
                    (a->scope == NUMBERS_SCOPE_TIME &&
                     h->kind == KILN_KIND_DURATION) ||
                    (a->scope == NUMBERS_SCOPE_DATE &&
                     h->kind == KILN_KIND_YEAR_OR_DATE);
        if (fits) {
            if (!prefixed) /* a qualifier before wins: 超过5家以上 */
                h->qualifier = a->qualifier;
            *next = t + a->len;
        }
    }
    return emit(sc, h);
}

/* A plan name: 十四五 (a numeral 11-19 read up to 五), 九五 with a plan cue
 * or in quotes. Sets H and returns true. */
static bool plan_name(scanner *sc, size_t p, size_t limit,
                      const numbers_numeral *nu, numbers_hit *h)
{
    size_t e = p + nu->len, n, ps;
    double value;
    bool strong;
    if (nu->digit_seq && nu->n_cp == 2 && nu->second_digit == 5) {
        value = nu->first_digit, strong = false;
    } else if (!nu->digit_seq && !nu->arabic && !nu->has_decimal &&
               nu->value > 10 && nu->value < 20 &&
               cp_at(sc, e, limit, &n) == CP_WU) {
        value = nu->value, strong = true;
        e += n;
    } else {
        return false;
    }
    size_t n2;
    uint32_t after = cp_at(sc, e, sc->len, &n2); /* past a quote's end */
    if (n2 && (numbers_is_cjk_numeral(after) || is_digit(after)))
        return false;
    bool quoted = cp_before(sc, p, &ps) == CP_LQUOTE && after == CP_RQUOTE;
    bool cue = numbers_lexicon_at(sc->lex, sc->text + e, limit - e,
                                  NUMBERS_PLAN_CUE) != NULL;
    if (!strong && !quoted && !cue)
        return false;
    hit_init(h, p, e, nu);
    h->value = value, h->magnitude = 1;
    h->kind = KILN_KIND_YEAR_OR_DATE;
    return true;
}

static bool is_cjk_ideograph(uint32_t c)
{
    return c >= 0x4E00 && c <= 0x9FFF;
}

/* Is the ideograph at P a plain noun or verb: no numeral, no unit? */
static bool plain_ideograph(const scanner *sc, size_t p, size_t limit,
                            size_t *n)
{
    uint32_t c = cp_at(sc, p, limit, n);
    return *n && is_cjk_ideograph(c) && !numbers_is_cjk_numeral(c) &&
           !numbers_lexicon_at(sc->lex, sc->text + p, limit - p,
                               NUMBERS_UNIT);
}

/* 一江两岸, 三高四新, 一老一小: numeral, word, numeral, word is a name
 * (value: the first numeral). Sets H and returns true. */
static bool paired_name(scanner *sc, size_t p, size_t limit,
                        const numbers_numeral *nu, numbers_hit *h)
{
    if (nu->arabic || nu->n_cp != 1 || nu->digit_seq)
        return false;
    size_t q = p + nu->len, n1, n2, n3, n4;
    if (!plain_ideograph(sc, q, limit, &n1))
        return false;
    uint32_t c2 = cp_at(sc, q + n1, limit, &n2);
    if (!n2 || !numbers_is_cjk_numeral(c2) ||
        !plain_ideograph(sc, q + n1 + n2, limit, &n3))
        return false;
    uint32_t c4 = cp_at(sc, q + n1 + n2 + n3, limit, &n4);
    if (n4 && (numbers_is_cjk_numeral(c4) || is_digit(c4)))
        return false;
    if (n1 == n3 && memcmp(sc->text + q, sc->text + q + n1 + n2, n1) == 0)
        return false; /* 一步一步: a repetition, no name */
    hit_init(h, p, q + n1 + n2 + n3, nu);
    h->kind = KILN_KIND_SLOGAN;
    h->qualifier = "";
    return true;
}

/* After 月: a day (1月31日) joins the month's mention. */
static size_t day_after_month(const scanner *sc, size_t p, size_t limit)
{
    numbers_numeral day;
    size_t n = numbers_parse_numeral(sc->text + p, limit - p, NULL, &day);
    if (!n || day.overflow || day.has_decimal || day.value < 1 ||
        day.value > 31)
        return p;
    size_t n2;
    uint32_t c = cp_at(sc, p + n, limit, &n2);
    return c == CP_RI || c == CP_HAO ? p + n + n2 : p;
}

/* Kind of a figure with unit U: years and months by their value. */
static void refine_kind(numbers_hit *h, const numbers_entry *u,
                        const numbers_numeral *nu)
{
    if (unit_is(u, "年") && h->kind == KILN_KIND_DURATION &&
        ((nu->arabic && !nu->has_decimal && nu->n_digits == 4 &&
          !*nu->approx && nu->magnitude == 1 && !nu->leading_zero) ||
         (nu->digit_seq && nu->n_cp >= 3)))
        h->kind = KILN_KIND_YEAR_OR_DATE;
    if (unit_is(u, "月") && h->kind == KILN_KIND_YEAR_OR_DATE &&
        (nu->has_decimal || nu->value < 1 || nu->value > 12 || *nu->approx))
        h->kind = KILN_KIND_DURATION;
}

static bool is_range_sep(uint32_t c)
{
    return c == '-' || c == '~' || c == 0xFF5E /* ～ */ ||
           c == 0x301C /* 〜 */ || c == 0x2014 /* — */ ||
           c == 0x2013 /* – */ || c == 0xFF0D /* － */ || c == CP_ZHI_TO ||
           c == CP_DAO;
}

/* 6%-7%, 6-7%, 3至5年, 3至5万元: extend H (first numeral NU, unit U or
 * NULL) to a range when one follows. Returns the (new) unit. */
static const numbers_entry *range_after(scanner *sc, size_t limit,
                                        numbers_hit *h,
                                        const numbers_numeral *nu,
                                        const numbers_entry *u)
{
    size_t n, q = skip_spaces(sc, h->end, limit);
    uint32_t sep = cp_at(sc, q, limit, &n);
    if (!n || !is_range_sep(sep))
        return u;
    q = skip_spaces(sc, q + n, limit);
    size_t n2;
    uint32_t c = cp_at(sc, q, limit, &n2);
    if (!n2 || (nu->arabic ? !is_digit(c) : !numbers_is_cjk_numeral(c)))
        return u;
    numbers_numeral hi;
    size_t len = numbers_parse_numeral(sc->text + q, limit - q, sc->lex, &hi);
    if (!len || hi.overflow || hi.digit_seq || hi.arabic != nu->arabic)
        return u;
    size_t uend = q + len;
    const numbers_entry *u2 = unit_after(sc, q + len, limit, false, &uend);
    if (u && u2 != u)
        return u;
    double lo = h->value;
    if (!nu->has_magnitude && hi.has_magnitude)
        lo *= hi.magnitude; /* 3至5万 */
    if (lo > hi.value)
        return u;
    h->value = lo;
    h->value_max = hi.value, h->has_max = true;
    if (hi.magnitude > h->magnitude)
        h->magnitude = hi.magnitude;
    if (!*h->qualifier)
        h->qualifier = hi.approx;
    h->end = uend;
    if (u2 && !u) {
        h->unit = u2->unit, h->unit_len = strlen(u2->unit);
        h->kind = u2->kind;
    }
    return u2 ? u2 : u;
}

/* 1980、1981年, 4.2和0.7个百分点: a bare number in a list takes the unit
 * of the next one. Returns that unit or NULL. */
static const numbers_entry *shared_unit(scanner *sc, size_t limit,
                                        numbers_hit *h,
                                        const numbers_numeral *nu)
{
    size_t n, q = h->end;
    uint32_t sep = cp_at(sc, q, limit, &n);
    if (!n || !(sep == CP_DUN || sep == 0x548C /* 和 */ ||
                sep == 0x53CA /* 及 */ || sep == 0x4E0E /* 与 */ ||
                sep == 0x6216 /* 或 */))
        return NULL;
    q += n;
    size_t n2;
    uint32_t c = cp_at(sc, q, limit, &n2);
    if (!n2 || (nu->arabic ? !is_digit(c) : !numbers_is_cjk_numeral(c)))
        return NULL;
    numbers_numeral next;
    size_t len = numbers_parse_numeral(sc->text + q, limit - q, sc->lex, &next);
    if (!len || next.overflow || next.arabic != nu->arabic ||
        next.has_magnitude != nu->has_magnitude)
        return NULL;
    size_t uend;
    const numbers_entry *u = unit_after(sc, q + len, limit, false, &uend);
    if (!u)
        return NULL;
    h->unit = u->unit, h->unit_len = strlen(u->unit);
    h->kind = u->kind;
    return u;
}

/* 1/3, 三分之一: a fraction (value a/b). Extends H and returns true. */
static bool fraction_after(scanner *sc, size_t limit, numbers_hit *h,
                           const numbers_numeral *nu)
{
    size_t n, n2, q = h->end;
    uint32_t c = cp_at(sc, q, limit, &n);
    if (nu->arabic && c == '/' && !nu->has_decimal) {
        q += n;
    } else if (!nu->arabic && c == CP_FEN &&
               cp_at(sc, q + n, limit, &n2) == CP_ZHI) {
        q += n + n2;
    } else {
        return false;
    }
    numbers_numeral num;
    size_t len = numbers_parse_numeral(sc->text + q, limit - q, NULL, &num);
    if (!len || num.overflow || num.digit_seq || num.arabic != nu->arabic)
        return false;
    double a = nu->arabic ? h->value : num.value;   /* numerator */
    double b = nu->arabic ? num.value : h->value;   /* denominator */
    if (b <= 0 || b > 100 || a > b)
        return false; /* 2021/2022 is no fraction */
    h->value = a / b;
    h->end = q + len;
    h->magnitude = 1;
    return true;
}

/* 一个千亿, 四个百亿, 若干十亿: a count of things at a scale; the value is
 * the scale. Returns true and fills H when a scale follows at P. */
static bool scale_after(scanner *sc, size_t start, size_t p, size_t limit,
                        numbers_hit *h)
{
    size_t n;
    uint32_t c = cp_at(sc, p, limit, &n);
    if (!n || !numbers_is_cjk_numeral(c))
        return false;
    numbers_numeral sc_nu;
    size_t len = numbers_parse_numeral(sc->text + p, limit - p, sc->lex, &sc_nu);
    /* the scale starts with 十/百/千 and carries 万 or 亿 */
    if (!len || sc_nu.overflow || !sc_nu.has_magnitude || sc_nu.arabic ||
        (c != 0x5341 && c != 0x767E && c != 0x5343))
        return false;
    hit_init(h, start, p + len, &sc_nu);
    size_t uend;
    const numbers_entry *u = unit_after(sc, p + len, limit, false, &uend);
    if (u && u->kind == KILN_KIND_AMOUNT)
        set_unit(h, u, uend);
    return true;
}

/* A mention at P that starts with a numeral. Returns 0 or -1 (sink);
 * *NEXT is where scanning goes on. */
static int number_at(scanner *sc, size_t p, size_t limit, size_t *next)
{
    numbers_numeral nu;
    size_t len = numbers_parse_numeral(sc->text + p, limit - p, sc->lex, &nu);
    size_t n;
    if (!len) {
        cp_at(sc, p, limit, &n);
        *next = p + (n ? n : 1);
        return 0;
    }
    size_t e = p + len, ps;
    *next = e;
    if (nu.overflow)
        return sc->sink->overflow(sc->sink->ctx, p, e);
    numbers_hit h;
    hit_init(&h, p, e, &nu);
    uint32_t prev = cp_before(sc, p, &ps);
    size_t n_next;
    uint32_t after = cp_at(sc, e, limit, &n_next);

    /* codes: S333, G60, PM2.5, COVID-19 are names, not quantities */
    if (nu.arabic && !nu.chinese) {
        size_t ps2;
        bool code = is_ascii_letter(prev) ||
                    (prev == '-' && is_ascii_letter(cp_before(sc, ps, &ps2)));
        if (code) {
            h.kind = KILN_KIND_SLOGAN, h.qualifier = "";
            return emit(sc, &h);
        }
    }
    if (paired_name(sc, p, limit, &nu, &h))
        return emit(sc, &h);
    if (plan_name(sc, p, limit, &nu, &h)) {
        *next = h.end;
        return emit(sc, &h);
    }
    size_t uend = e;
    const numbers_entry *u = unit_after(sc, e, limit, false, &uend);
    bool cjk_only = nu.chinese && !nu.arabic;
    bool lone = cjk_only && nu.n_cp == 1;
    if (lone && nu.has_magnitude)
        return 0; /* 万 or 亿 alone (万众, 亿元 after a lost digit) */

    if (nu.digit_seq) {
        /* 三五年, 七八个: two neighbouring digits are a rough range */
        bool pair = nu.n_cp == 2 && (nu.second_digit == nu.first_digit + 1 ||
                                     (nu.first_digit == 1 &&
                                      nu.second_digit == 2));
        if (pair && u) {
            set_unit(&h, u, uend);
            h.value = nu.first_digit;
            h.value_max = nu.second_digit, h.has_max = true;
            h.qualifier = "";
            return finish(sc, &h, limit, next);
        }
        if (nu.n_cp >= 3 && unit_is(u, "年")) {
            set_unit(&h, u, uend);
            h.kind = KILN_KIND_YEAR_OR_DATE;
            return finish(sc, &h, limit, next);
        }
        return 0; /* 一二三: an enumeration, no figure */
    }

    if (u) {
        /* 一个千亿, 四个百亿 */
        if (cjk_only && unit_is(u, "个") && scale_after(sc, p, uend, limit, &h)) {
            *next = h.end;
            return emit(sc, &h);
        }
        /* lone 一 with a count word is an article (一个, 一批, 一项) */
        if (lone && nu.value == 1 && u->kind != KILN_KIND_DURATION &&
            u->kind != KILN_KIND_ORDINAL && u->kind != KILN_KIND_YEAR_OR_DATE)
            return 0;
        set_unit(&h, u, uend);
        refine_kind(&h, u, &nu);
        if (u->measure && u->kind_di == KILN_KIND_ORDINAL &&
            h.kind == KILN_KIND_AMOUNT) {
            /* 十一届三中全会: a measure word before a numeral is ordinal */
            uint32_t c = cp_at(sc, uend, limit, &n);
            if (n && numbers_is_cjk_numeral(c))
                h.kind = KILN_KIND_ORDINAL;
        }
        u = range_after(sc, limit, &h, &nu, u);
        if (unit_is(u, "月") && h.kind == KILN_KIND_YEAR_OR_DATE && !h.has_max)
            h.end = day_after_month(sc, h.end, limit);
        return finish(sc, &h, limit, next);
    }

    /* no unit */
    u = range_after(sc, limit, &h, &nu, NULL);
    if (u) {
        refine_kind(&h, u, &nu);
        return finish(sc, &h, limit, next);
    }
    if (fraction_after(sc, limit, &h, &nu))
        return finish(sc, &h, limit, next);
    u = shared_unit(sc, limit, &h, &nu);
    if (u) {
        refine_kind(&h, u, &nu);
        return finish(sc, &h, limit, next);
    }
    /* section labels: 【亮点一】, (一), 一、 and 1. at a line start */
    bool label =
        (after == CP_RBRACKET && !numbers_is_cjk_numeral(prev)) ||
        ((prev == '(' || prev == CP_LPAREN_W) &&
         (after == ')' || after == CP_RPAREN_W)) ||
        (at_line_start(sc, p) &&
         (after == CP_DUN || (nu.arabic && after == '.')));
    if (label && !nu.has_decimal && nu.magnitude == 1 && !*nu.approx) {
        h.kind = KILN_KIND_ORDINAL;
        *next = h.end;
        return emit(sc, &h);
    }
    if (nu.arabic && is_ascii_letter(after) && !nu.has_magnitude) {
        h.kind = KILN_KIND_SLOGAN; /* 5G: a name */
        return emit(sc, &h);
    }
    if (nu.arabic)
        return finish(sc, &h, limit, next); /* a bare figure */
    if (nu.has_magnitude && nu.n_cp >= 2)
        return finish(sc, &h, limit, next); /* 千亿, 百万: a scale */
    return 0;
}

/* 第 + numeral (+ measure word): ordinals and ranks. */
static int ordinal_at(scanner *sc, size_t p, size_t n, size_t limit,
                      size_t *next)
{
    numbers_numeral nu;
    size_t q = p + n;
    size_t len = numbers_parse_numeral(sc->text + q, limit - q, sc->lex, &nu);
    *next = p + n;
    if (!len || nu.digit_seq || nu.has_decimal)
        return 0;
    *next = q + len;
    if (nu.overflow)
        return sc->sink->overflow(sc->sink->ctx, q, q + len);
    numbers_hit h;
    hit_init(&h, p, q + len, &nu);
    h.kind = KILN_KIND_ORDINAL;
    size_t uend;
    const numbers_entry *u = unit_after(sc, q + len, limit, true, &uend);
    if (u) {
        h.unit = u->unit, h.unit_len = strlen(u->unit);
        h.kind = u->kind_di;
        h.end = uend;
    }
    return finish(sc, &h, limit, next);
}

/* 百分之八点五, 千分之三: a fraction written out. */
static int fraction_at(scanner *sc, size_t p, size_t limit, double per,
                       size_t *next)
{
    size_t n1, n2, n3;
    cp_at(sc, p, limit, &n1);
    cp_at(sc, p + n1, limit, &n2);
    cp_at(sc, p + n1 + n2, limit, &n3);
    size_t q = p + n1 + n2 + n3;
    numbers_numeral nu;
    size_t len = numbers_parse_numeral(sc->text + q, limit - q, sc->lex, &nu);
    *next = q;
    if (!len || nu.digit_seq)
        return 0;
    *next = q + len;
    if (nu.overflow)
        return sc->sink->overflow(sc->sink->ctx, q, q + len);
    numbers_hit h;
    hit_init(&h, p, q + len, &nu);
    h.unit = per == 100 ? "%" : per == 1000 ? "‰" : "‱";
    h.unit_len = strlen(h.unit);
    h.kind = KILN_KIND_PERCENT;
    h.magnitude = 1;
    return finish(sc, &h, limit, next);
}

/* 翻两番: the number of doublings. */
static int doubling_at(scanner *sc, size_t p, size_t n, size_t limit,
                       size_t *next)
{
    numbers_numeral nu;
    size_t q = p + n, n2;
    size_t len = numbers_parse_numeral(sc->text + q, limit - q, NULL, &nu);
    *next = p + n;
    if (!len || nu.overflow || nu.digit_seq ||
        cp_at(sc, q + len, limit, &n2) != CP_FAN_TIMES)
        return 0;
    numbers_hit h;
    hit_init(&h, p, q + len + n2, &nu);
    h.unit = "番", h.unit_len = strlen("番");
    *next = h.end;
    return finish(sc, &h, limit, next);
}

/* Value of the first numeral in [p, end), skipping idioms; false if none. */
static bool first_numeral(const scanner *sc, size_t p, size_t end,
                          double *value)
{
    while (p < end) {
        size_t n;
        uint32_t c = cp_at(sc, p, end, &n);
        if (!n)
            return false;
        if (numbers_lexicon_trigger(sc->lex, c)) {
            const numbers_entry *e = numbers_lexicon_at(
                sc->lex, sc->text + p, end - p, NUMBERS_IDIOM);
            if (e) {
                p += e->len;
                continue;
            }
        }
        if (is_digit(c) || numbers_is_cjk_numeral(c)) {
            numbers_numeral nu;
            if (numbers_parse_numeral(sc->text + p, end - p, NULL, &nu) &&
                !nu.overflow) {
                *value = nu.digit_seq ? nu.first_digit : nu.value;
                return true;
            }
            if (c == CP_ZERO || c == CP_LING) {
                *value = 0; /* “破零” */
                return true;
            }
        }
        p += n;
    }
    return false;
}

typedef struct collect {
    numbers_hit hits[QUOTE_MAX_CP + 2];
    size_t n;
    bool overflow;
} collect;

static int collect_hit(void *ctx, const numbers_hit *h)
{
    collect *c = ctx;
    if (c->n < sizeof c->hits / sizeof *c->hits)
        c->hits[c->n] = *h;
    c->n++;
    return 0;
}

static int collect_overflow(void *ctx, size_t start, size_t end)
{
    (void)start, (void)end;
    ((collect *)ctx)->overflow = true;
    return 0;
}

static int scan_range(scanner *sc, size_t from, size_t limit);

/* “...”: a short quoted phrase with a numeral is a slogan, unless it is
 * one whole figure. Returns 0 or -1; *NEXT is where scanning goes on. */
static int quote_at(scanner *sc, size_t p, size_t n, size_t limit,
                    size_t *next)
{
    size_t cs = p + n, q = cs, ce = 0, n2;
    *next = cs;
    /* a quote longer than QUOTE_MAX_CP is scanned as ordinary text, so
     * its end is looked for no farther than that */
    for (unsigned k = 0; k <= QUOTE_MAX_CP && q < limit; k++) {
        uint32_t c = cp_at(sc, q, limit, &n2);
        if (!n2 || c == '\n' || c == CP_LQUOTE)
            return 0;
        if (c == CP_RQUOTE) {
            ce = q;
            break;
        }
        q += n2;
    }
    if (!ce || ce == cs)
        return 0;
    double value;
    if (!first_numeral(sc, cs, ce, &value)) {
        *next = ce;
        return 0;
    }
    collect col = {.n = 0};
    numbers_sink inner_sink = {collect_hit, collect_overflow, &col};
    scanner inner = {sc->lex, sc->text, sc->len, &inner_sink, cs};
    scan_range(&inner, cs, ce);
    *next = ce;
    if (col.overflow)
        return sc->sink->overflow(sc->sink->ctx, cs, ce);
    if (col.n == 1 && col.hits[0].start == cs && col.hits[0].end == ce &&
        (col.hits[0].unit_len || col.hits[0].magnitude > 1 ||
         col.hits[0].kind != KILN_KIND_AMOUNT))
        return emit(sc, &col.hits[0]); /* “一个千亿”, “十四五” */
    numbers_hit h;
    memset(&h, 0, sizeof h);
    h.start = cs, h.end = ce;
    h.value = value, h.magnitude = 1;
    h.unit = "", h.qualifier = "";
    h.kind = KILN_KIND_SLOGAN;
    return emit(sc, &h);
}

/* Slogans, idioms and count words of the lexicon starting at P. Returns 1
 * when it consumed something (*NEXT set), 0 if not, -1 on sink error. */
static int lexicon_word_at(scanner *sc, size_t p, size_t limit, size_t *next)
{
    const numbers_entry *e = numbers_lexicon_at(
        sc->lex, sc->text + p, limit - p,
        NUMBERS_SLOGAN | NUMBERS_IDIOM | NUMBERS_COUNT_WORD);
    if (!e)
        return 0;
    *next = p + e->len;
    if (e->classes & NUMBERS_SLOGAN) {
        numbers_hit h;
        memset(&h, 0, sizeof h);
        h.start = p, h.end = p + e->len;
        h.magnitude = 1, h.unit = "", h.qualifier = "";
        h.kind = KILN_KIND_SLOGAN;
        if (e->has_value)
            h.value = e->value;
        else if (!first_numeral(sc, p, p + e->len, &h.value))
            return 1;
        return emit(sc, &h) < 0 ? -1 : 1;
    }
    if (e->classes & NUMBERS_COUNT_WORD) {
        numbers_hit h;
        if (!scale_after(sc, p, p + e->len, limit, &h))
            return 0; /* 若干 alone: let the scan go on */
        *next = h.end;
        return emit(sc, &h) < 0 ? -1 : 1;
    }
    return 1; /* an idiom: no mention inside */
}

/* Does the trigger CP, whose character ends at P, begin a pair that some
 * slogan, idiom or count word begins with? */
static bool trigger_pair_at(const unsigned char *t, size_t p, size_t limit,
                            uint32_t cp, const numbers_skip_maps *maps)
{
    uint32_t next;
    if (!numbers_decode((const char *)t + p, limit - p, &next))
        return false;
    uint32_t bit = numbers_pair_bit(cp, next);
    return (maps->trigger_pairs[bit >> 3] >> (bit & 7)) & 1;
}

/* The 8 bytes at T as a little-endian number, on any machine (compilers
 * turn this into one load where that is the native order). */
static uint64_t load_le64(const unsigned char *t)
{
    return (uint64_t)t[0] | (uint64_t)t[1] << 8 | (uint64_t)t[2] << 16 |
           (uint64_t)t[3] << 24 | (uint64_t)t[4] << 32 |
           (uint64_t)t[5] << 40 | (uint64_t)t[6] << 48 |
           (uint64_t)t[7] << 56;
}

/* Is the character of 3 bytes at the low end of X (little-endian) marked
 * in MAP? (see numbers_skip_maps for the layout) */
static uint64_t skip_bit(const uint64_t *map, uint64_t x)
{
    return map[x & 0x3F0Fu] >> (x >> 16 & 0x3Fu) & 1;
}

/* Where the next character of interest may start at or after P: a digit,
 * a 3-byte character marked interesting (a trigger only where a word can
 * begin), or any other non-ASCII character (for the caller to decode).
 * Most of a report is skipped here: two Chinese characters per step, one
 * load and one table word each, no decoding (text is valid UTF-8, so a
 * lead byte E0-EF has two continuation bytes after it). */
static size_t skip_plain(const unsigned char *t, size_t p, size_t limit,
                         const numbers_skip_maps *maps)
{
    const uint64_t *interesting = maps->interesting;
    size_t end3 = limit > 2 ? limit - 2 : 0; /* a 3-byte character fits */
    size_t end8 = limit > 7 ? limit - 7 : 0; /* 8 bytes can be loaded */
    while (p < end3) {
        /* two plain Chinese characters per step: lead bytes at 0 and 3 */
        while (p < end8) {
            uint64_t x = load_le64(t + p);
            if ((x & 0xF00000F0u) != 0xE00000E0u ||
                skip_bit(interesting, x) | skip_bit(interesting, x >> 24)) {
                /* the first one may still be plain */
                if ((x & 0xF0u) == 0xE0u && !skip_bit(interesting, x))
                    p += 3;
                break;
            }
            p += 6;
        }
        if (p >= end3)
            break;
        unsigned c = t[p];
        if (c - 0xE0u < 0x10u) {
            uint32_t block = (c & 0x0Fu) | (t[p + 1] & 0x3Fu) << 8;
            unsigned bit = t[p + 2] & 0x3Fu;
            if ((interesting[block] >> bit) & 1) {
                uint32_t cp = (c & 0x0Fu) << 12 |
                              (uint32_t)(t[p + 1] & 0x3Fu) << 6 | bit;
                if (!((maps->trigger_only[block] >> bit) & 1) ||
                    trigger_pair_at(t, p + 3, limit, cp, maps))
                    return p;
            }
            p += 3;
        } else if (c < 0x80 && !is_digit(c)) {
            p++;
        } else {
            return p;
        }
    }
    while (p < limit && t[p] < 0x80 && !is_digit(t[p]))
        p++;
    return p;
}

static int scan_range(scanner *sc, size_t from, size_t limit)
{
    const char *t = sc->text;
    numbers_skip_maps maps;
    numbers_lexicon_skip_maps(sc->lex, &maps);
    size_t p = from;
    for (;;) {
        p = skip_plain((const unsigned char *)t, p, limit, &maps);
        if (p >= limit)
            break;
        unsigned char c = (unsigned char)t[p];
        size_t next = p + 1;
        if (c < 0x80) { /* a digit */
            if (number_at(sc, p, limit, &next) < 0)
                return -1;
            p = next > p ? next : p + 1;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xE0 && c < 0xF0 && p + 2 < limit &&
            ((unsigned char)t[p + 1] & 0xC0) == 0x80 &&
            ((unsigned char)t[p + 2] & 0xC0) == 0x80) {
            /* as in skip_plain (text is valid UTF-8) */
            cp = ((uint32_t)(c & 0x0F) << 12) |
                 ((uint32_t)(t[p + 1] & 0x3F) << 6) | (uint32_t)(t[p + 2] & 0x3F);
            n = 3; /* skip_plain found it interesting */
        } else {
            cp = cp_at(sc, p, limit, &n);
            if (!n) {
                p++;
                continue;
            }
            if (!numbers_lexicon_interesting(sc->lex, cp)) {
                p += n;
                continue;
            }
        }
        next = p + n;
        int rc = 0;
        if (numbers_lexicon_trigger(sc->lex, cp)) {
            rc = lexicon_word_at(sc, p, limit, &next);
            if (rc < 0)
                return -1;
            if (rc > 0) {
                p = next;
                continue;
            }
            next = p + n;
        }
        if (cp == CP_LQUOTE) {
            rc = quote_at(sc, p, n, limit, &next);
        } else if (cp == CP_DI) {
            rc = ordinal_at(sc, p, n, limit, &next);
        } else if (cp == CP_FAN) {
            rc = doubling_at(sc, p, n, limit, &next);
        } else if (numbers_is_cjk_numeral(cp) || cp == CP_SHU || cp == CP_JI) {
            size_t n2, n3;
            bool fraction = (cp == 0x767E || cp == 0x5343 || cp == 0x4E07) &&
                            cp_at(sc, p + n, limit, &n2) == CP_FEN &&
                            cp_at(sc, p + n + n2, limit, &n3) == CP_ZHI;
            if (fraction)
                rc = fraction_at(sc, p, limit,
                                 cp == 0x767E ? 100 : cp == 0x5343 ? 1000 : 1e4,
                                 &next);
            else
                rc = number_at(sc, p, limit, &next);
        }
        if (rc < 0)
            return -1;
        p = next > p ? next : p + n;
    }
    return 0;
}

int numbers_scan(const numbers_lexicon *lex, const char *text, size_t len,
                 const numbers_sink *sink)
{
    scanner sc = {lex, text, len, sink, 0};
    return scan_range(&sc, 0, len);
}
