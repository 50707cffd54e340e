/* numeral.c — one numeral (Arabic, Chinese or mixed) into a double.
 *
 * Chinese numerals are read the usual way: digits multiply the positional
 * character after them (十 百 千) into a section below 万; 万 closes the
 * section into the 万-level part, 亿 multiplies everything since the last
 * 亿 (so 一万亿 = 1e12 and 三亿五千万 = 3.5e8). An Arabic number may stand
 * where a digit stands (1.5万, 3万4000, 25万6千). Integers beyond 2^53 are
 * flagged, never silently rounded.
 */
#include "numbers.h"

#include <string.h>

#include "kiln/utf8.h"

#define EXACT_LIMIT 9007199254740992.0 /* 2^53 */

/* The Chinese numeral characters, in a table indexed by CP % NUMERAL_SLOTS
 * (no two of them share a slot: -Woverride-init, part of -Wextra, would
 * flag a clash), so that telling one from any other character costs one
 * probe instead of a chain of comparisons. */
#define NUMERAL_SLOTS NUMBERS_NUMERAL_SLOTS

typedef struct numeral_char {
    uint32_t cp;
    bool numeral;      /* false in an empty slot */
    int8_t digit;      /* 0-9, or -1 for a positional */
    double positional; /* 10, 100, 1000, 1e4, 1e8, or 0 for a digit */
} numeral_char;

#define DIGIT(c, d) [(c) % NUMERAL_SLOTS] = {(c), true, (d), 0}
#define POSITIONAL(c, v) [(c) % NUMERAL_SLOTS] = {(c), true, -1, (v)}

static const numeral_char numeral_table[NUMERAL_SLOTS] = {
    DIGIT(0x3007, 0), DIGIT(0x96F6, 0),                   /* 〇 零 */
    DIGIT(0x4E00, 1), DIGIT(0x58F9, 1), DIGIT(0x5F0C, 1), /* 一 壹 弌 */
    DIGIT(0x4E8C, 2), DIGIT(0x4E24, 2), DIGIT(0x8D30, 2),
    DIGIT(0x8CB3, 2), DIGIT(0x5169, 2),                   /* 二 两 贰 貳 兩 */
    DIGIT(0x4E09, 3), DIGIT(0x53C1, 3), DIGIT(0x53C3, 3), /* 三 叁 參 */
    DIGIT(0x56DB, 4), DIGIT(0x8086, 4),                   /* 四 肆 */
    DIGIT(0x4E94, 5), DIGIT(0x4F0D, 5),                   /* 五 伍 */
    DIGIT(0x516D, 6), DIGIT(0x9646, 6), DIGIT(0x9678, 6), /* 六 陆 陸 */
    DIGIT(0x4E03, 7), DIGIT(0x67D2, 7),                   /* 七 柒 */
    DIGIT(0x516B, 8), DIGIT(0x634C, 8),                   /* 八 捌 */
    DIGIT(0x4E5D, 9), DIGIT(0x7396, 9),                   /* 九 玖 */
    POSITIONAL(0x5341, 10), POSITIONAL(0x62FE, 10),       /* 十 拾 */
    POSITIONAL(0x767E, 100), POSITIONAL(0x4F70, 100),     /* 百 佰 */
    POSITIONAL(0x5343, 1000), POSITIONAL(0x4EDF, 1000),   /* 千 仟 */
    POSITIONAL(0x4E07, 1e4), POSITIONAL(0x842C, 1e4),     /* 万 萬 */
    POSITIONAL(0x4EBF, 1e8), POSITIONAL(0x5104, 1e8),     /* 亿 億 */
};

static const numeral_char *numeral_char_of(uint32_t cp)
{
    const numeral_char *c = &numeral_table[cp % NUMERAL_SLOTS];
    return c->numeral && c->cp == cp ? c : NULL;
}

/* Value of a Chinese digit, or -1. */
static int cjk_digit(uint32_t cp)
{
    const numeral_char *c = numeral_char_of(cp);
    return c ? c->digit : -1;
}

/* Value of a positional character, or 0. */
static double cjk_positional(uint32_t cp)
{
    const numeral_char *c = numeral_char_of(cp);
    return c ? c->positional : 0;
}

bool numbers_is_cjk_numeral(uint32_t cp)
{
    return numeral_char_of(cp) != NULL;
}

uint32_t numbers_cjk_numeral_slot(size_t slot)
{
    return slot < NUMERAL_SLOTS && numeral_table[slot].numeral
               ? numeral_table[slot].cp
               : 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline uint32_t peek(const char *s, size_t len, size_t p, size_t *n)
{
    uint32_t cp = 0;
    *n = p < len ? numbers_decode(s + p, len - p, &cp) : 0;
    return *n ? cp : 0;
}

static const double pow10_table[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* An Arabic number at S+P: digits, optional ",ddd" groups (only after a
 * first group of 1-3 digits, each group exactly 3 digits), optional
 * ".digits". Exact when all its digits fit 2^53 (one correctly rounded
 * division). Returns the end offset. */
static size_t read_arabic(const char *s, size_t len, size_t p,
                          numbers_numeral *out, double *value,
                          unsigned *frac_digits)
{
    uint64_t mant = 0, ipart = 0;
    bool mant_exact = true;
    unsigned ndig = 0, nfrac = 0;
    size_t q = p;
    out->leading_zero = s[q] == '0' && q + 1 < len && is_digit(s[q + 1]);
    unsigned group = 0; /* digits in the current comma group */
    bool grouped = false;
    for (;;) {
        while (q < len && is_digit(s[q])) {
            unsigned d = (unsigned)(s[q] - '0');
            if (ipart > (UINT64_C(9007199254740992) - d) / 10)
                out->overflow = true;
            else
                ipart = ipart * 10 + d;
            if (mant > (UINT64_C(9007199254740992) - d) / 10)
                mant_exact = false;
            else
                mant = mant * 10 + d;
            ndig++, group++, q++;
        }
        /* A thousands group: ",ddd" not followed by a further digit, after
         * a first group of 1-3 digits (2020,2021 and 1,2,3 are lists). */
        bool first_ok = grouped ? group == 3 : group <= 3;
        if (first_ok && q + 3 < len && s[q] == ',' && is_digit(s[q + 1]) &&
            is_digit(s[q + 2]) && is_digit(s[q + 3]) &&
            (q + 4 >= len || !is_digit(s[q + 4]))) {
            q++;
            group = 0, grouped = true;
            continue;
        }
        break;
    }
    out->n_digits = ndig;
    if (q + 1 < len && s[q] == '.' && is_digit(s[q + 1])) {
        q++;
        while (q < len && is_digit(s[q])) {
            unsigned d = (unsigned)(s[q] - '0');
            if (mant > (UINT64_C(9007199254740992) - d) / 10)
                mant_exact = false;
            else if (mant_exact)
                mant = mant * 10 + d, nfrac++;
            q++;
        }
        out->has_decimal = true;
    }
    *frac_digits = 0;
    if (mant_exact && nfrac < sizeof pow10_table / sizeof *pow10_table) {
        *value = (double)mant / pow10_table[nfrac];
        *frac_digits = nfrac;
    } else {
        *value = (double)ipart; /* too many digits: keep the integer part */
    }
    return q;
}

/* 1.39万亿 is 139 x 10^10 exactly, but 1.39 x 10^12 in doubles is
 * 1389999999999.9998: snap a decimal times a magnitude to the nearest
 * multiple of its last digit's place (one exact product or one correctly
 * rounded division). */
static double snap_decimal(double value, double magnitude, unsigned frac)
{
    if (frac == 0 || frac >= sizeof pow10_table / sizeof *pow10_table ||
        magnitude <= 1 || value <= 0 || value > EXACT_LIMIT)
        return value;
    double step = magnitude / pow10_table[frac];
    double steps = value / step;
    if (steps > EXACT_LIMIT)
        return value;
    double whole = (double)(uint64_t)(steps + 0.5);
    return step >= 1 ? whole * step : whole / (pow10_table[frac] / magnitude);
}

enum token { TOK_NONE, TOK_ARABIC, TOK_DIGIT, TOK_ZERO, TOK_POS, TOK_DEC,
             TOK_APPROX };

size_t numbers_parse_numeral(const char *s, size_t len,
                             const numbers_lexicon *lex,
                             numbers_numeral *out)
{
    memset(out, 0, sizeof *out);
    out->approx = "";
    out->magnitude = 1;
    double high = 0, mid = 0, section = 0, number = 0;
    bool have_number = false, elide = false;
    double last_unit = 0, trailing_mag = 1;
    uint64_t seq = 0;
    unsigned seq_count = 0, arabic_frac = 0;
    double arabic_value = 0; /* the Arabic part: 1.39 of 1.39万亿 */
    enum token last = TOK_NONE;
    size_t p = 0, end = 0;

    while (p < len) {
        if (is_digit(s[p])) {
            if (last != TOK_NONE && !(last == TOK_POS && out->arabic))
                break;
            double v = 0;
            size_t q = read_arabic(s, len, p, out, &v, &arabic_frac);
            arabic_value = v;
            number = v, have_number = true, elide = false;
            out->arabic = true;
            last = TOK_ARABIC;
            p = end = q;
            trailing_mag = 1;
            continue;
        }
        size_t n;
        uint32_t cp = peek(s, len, p, &n);
        if (!n)
            break;
        const numeral_char *nc = numeral_char_of(cp);
        int d = nc ? nc->digit : -1;
        double u = nc ? nc->positional : 0;
        if (d >= 0) {
            if (out->arabic)
                break;
            if (last == TOK_DIGIT || out->digit_seq) {
                /* a digit right after a digit: read one by one (二〇二一),
                 * unless a positional came before (十四五 stops at 五) */
                if (section > 0 || mid > 0 || high > 0 || last_unit > 0)
                    break;
                if (!out->digit_seq) {
                    out->digit_seq = true;
                    seq = (uint64_t)number, seq_count = 1;
                    out->first_digit = (uint32_t)number;
                }
                if (seq > UINT64_C(900719925474099))
                    out->overflow = true;
                else
                    seq = seq * 10 + (uint64_t)d;
                if (++seq_count == 2)
                    out->second_digit = (uint32_t)d;
                out->chinese = true;
                p = end = p + n;
                continue;
            }
            if (d == 0) {
                if (last != TOK_POS) /* 零 starts no numeral */
                    break;
                last = TOK_ZERO, elide = false;
                p = end = p + n;
                continue;
            }
            if (last == TOK_DEC || last == TOK_APPROX || last == TOK_ARABIC)
                break;
            elide = last == TOK_POS && last_unit >= 100;
            number = d, have_number = true;
            out->chinese = true;
            last = TOK_DIGIT;
            p = end = p + n;
            continue;
        }
        if (u > 0) {
            if (out->digit_seq)
                break;
            /* 千米, 百分点, 百分之: the character begins a unit or a
             * fraction, not a positional */
            size_t n2;
            uint32_t next = peek(s, len, p + n, &n2);
            if (u < 1e8 && next == 0x5206 /* 分 */) {
                size_t n3;
                if (peek(s, len, p + n + n2, &n3) == 0x4E4B /* 之 */)
                    break;
            }
            if (lex) {
                const numbers_entry *e =
                    numbers_lexicon_at(lex, s + p, len - p, NUMBERS_UNIT);
                if (e && e->len > n)
                    break;
            }
            if (last == TOK_APPROX && u < 1e4)
                break;
            if (u < 1e4) {
                if (last == TOK_POS && last_unit < 1e4)
                    break; /* 百千: no numeral */
                double k = have_number ? number : 1;
                section += k * u;
                trailing_mag = 1;
            } else if (u == 1e4) {
                bool bare = last == TOK_NONE;
                mid = (mid + section + (have_number ? number : bare ? 1 : 0)) * u;
                section = 0;
                trailing_mag = last == TOK_POS && last_unit >= 1e4
                                   ? trailing_mag * u : u;
                out->has_magnitude = true;
            } else {
                double base = high + mid + section + (have_number ? number : 0);
                if (base == 0)
                    base = 1;
                high = base * u;
                mid = section = 0;
                trailing_mag = last == TOK_POS && last_unit >= 1e4
                                   ? trailing_mag * u : u;
                out->has_magnitude = true;
            }
            number = 0, have_number = false, elide = false;
            last_unit = u;
            last = TOK_POS;
            out->chinese = true;
            p = end = p + n;
            continue;
        }
        if (cp == 0x70B9 /* 点 */ && last == TOK_DIGIT && !out->digit_seq) {
            /* 三点五, 三点半: decimals read digit by digit */
            size_t q = p + n, n2;
            double scale = 0.1, frac = 0;
            bool any = false;
            for (;;) {
                uint32_t c2 = peek(s, len, q, &n2);
                int d2 = n2 ? cjk_digit(c2) : -1;
                if (d2 < 0) {
                    if (!any && c2 == 0x534A /* 半 */)
                        frac = 0.5, any = true, q += n2;
                    break;
                }
                frac += d2 * scale, scale /= 10, any = true;
                q += n2;
            }
            if (!any)
                break;
            number += frac;
            out->has_decimal = true;
            elide = false;
            last = TOK_DEC;
            p = end = q;
            continue;
        }
        if (cp == 0x51E0 /* 几 */ || cp == 0x6570 /* 数 */) {
            size_t n2;
            uint32_t next = peek(s, len, p + n, &n2);
            if (last == TOK_NONE && n2 && cjk_positional(next) > 0) {
                number = 1, have_number = true; /* 几十, 数百 */
                out->approx = cp == 0x51E0 ? "几" : "数";
                out->chinese = true;
                last = TOK_DIGIT;
                p = end = p + n;
                continue;
            }
            if (cp == 0x51E0 && last == TOK_POS && last_unit < 1e4 &&
                !*out->approx) {
                out->approx = "几"; /* 十几, 二十几 */
                last = TOK_APPROX;
                p = end = p + n;
                continue;
            }
            break;
        }
        if ((cp == 0x4F59 /* 余 */ || cp == 0x591A /* 多 */) &&
            (last == TOK_ARABIC || last == TOK_POS || last == TOK_DEC) &&
            !*out->approx) {
            out->approx = cp == 0x4F59 ? "余" : "多";
            last = TOK_APPROX;
            p = end = p + n;
            continue;
        }
        if (s[p] == ' ' && (last == TOK_ARABIC || last == TOK_DEC)) {
            /* "230.5 亿元": a stray space before a magnitude */
            size_t q = p;
            while (q < len && s[q] == ' ')
                q++;
            size_t n2;
            double u2 = cjk_positional(peek(s, len, q, &n2));
            if (u2 >= 1e4) {
                p = q;
                continue;
            }
        }
        break;
    }
    if (end == 0)
        return 0;
    out->len = end;
    for (size_t i = 0; i < end; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            out->n_cp++;
    if (out->digit_seq) {
        out->value = (double)seq;
        return end;
    }
    if (elide && last == TOK_DIGIT)
        number *= last_unit / 10; /* 三万五 = 35000, 一百五 = 150 */
    out->value = high + mid + section + number;
    if (last == TOK_POS || (last == TOK_APPROX && trailing_mag > 1))
        out->magnitude = trailing_mag;
    double scaled = arabic_value * out->magnitude;
    double off = out->value > scaled ? out->value - scaled : scaled - out->value;
    if (out->arabic && arabic_frac && out->magnitude > 1 &&
        off <= scaled * 1e-12) /* 1.39万亿, not 3.5万4000 */
        out->value = snap_decimal(out->value, out->magnitude, arabic_frac);
    if (out->chinese && out->value > EXACT_LIMIT)
        out->overflow = true;
    return end;
}
