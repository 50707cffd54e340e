/* json_fields.c — strict JSON object reader keeping only id and text. */
#include "json_fields.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "kiln/utf8.h"
#include "utf8_fast.h"

typedef const unsigned char *cursor;

/* Deeper nesting is left to jansson (its own limit is 2048). */
#define MAX_DEPTH 200
/* Integers of up to 18 digits fit a long long: no overflow to check. */
#define MAX_INT_DIGITS 18
/* A real below 10^300 cannot overflow a double. */
#define MAX_REAL_INT_DIGITS 300

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static cursor skip_ws(cursor p, cursor end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* Nonzero when some byte of W is zero (exact as a yes/no answer). */
static uint64_t has_zero(uint64_t w)
{
    return (w - ONES) & ~w & HIGHS;
}

/* The first byte at or after P that is not plain string content: a quote,
 * a backslash, a control character, or the start of invalid UTF-8 (or
 * END). Eight ASCII bytes at a time; three-byte sequences (CJK) tight. */
static cursor plain_end(cursor p, cursor end)
{
    for (;;) {
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            uint64_t stop = (w & HIGHS) | ((w - 0x20 * ONES) & ~w & HIGHS) |
                            has_zero(w ^ (0x22 * ONES)) |
                            has_zero(w ^ (0x5C * ONES));
            if (stop)
                break;
            p += 8;
        }
        for (;;) {
            if (p == end)
                return p;
            unsigned c = *p;
            if (c < 0x80) {
                if (c == '"' || c == '\\' || c < 0x20)
                    return p;
                p++;
                break; /* back to the word loop */
            }
            if (end - p >= 4 && kiln_utf8_is_plain3(p)) {
                p = kiln_utf8_skip_plain3(p + 3, end);
                continue;
            }
            uint32_t cp;
            size_t n = kiln_utf8_decode((const char *)p, (size_t)(end - p), &cp);
            if (n == 0)
                return p;
            p += n;
        }
    }
}

static int hex_value(unsigned c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    c |= 0x20;
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    return -1;
}

/* Four hex digits at P (P + 4 <= END checked by the caller). */
static long hex4(cursor p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(p[i]);
        if (h < 0)
            return -1;
        v = v << 4 | h;
    }
    return v;
}

/* A string whose opening quote is before P. With OUT, its decoded bytes go
 * there (*LEN_OUT of them). Returns the byte after the closing quote, or
 * NULL when it is not a valid JSON string. */
static cursor read_string(cursor p, cursor end, char *out, size_t *len_out)
{
    size_t n = 0;
    for (;;) {
        cursor q = plain_end(p, end);
        if (q == end)
            return NULL;
        if (out && q > p)
            memcpy(out + n, p, (size_t)(q - p));
        n += (size_t)(q - p);
        if (*q == '"') {
            *len_out = n;
            return q + 1;
        }
        if (*q != '\\' || end - q < 2)
            return NULL; /* control character or invalid UTF-8 */
        char ch;
        switch (q[1]) {
        case '"': ch = '"'; break;
        case '\\': ch = '\\'; break;
        case '/': ch = '/'; break;
        case 'b': ch = '\b'; break;
        case 'f': ch = '\f'; break;
        case 'n': ch = '\n'; break;
        case 'r': ch = '\r'; break;
        case 't': ch = '\t'; break;
        case 'u': {
            if (end - q < 6)
                return NULL;
            long cp = hex4(q + 2);
            if (cp < 0)
                return NULL;
            q += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) { /* needs its low half */
                if (end - q < 6 || q[0] != '\\' || q[1] != 'u')
                    return NULL;
                long lo = hex4(q + 2);
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return NULL;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                q += 6;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return NULL;
            }
            char buf[4];
            size_t k = kiln_utf8_encode((uint32_t)cp, buf);
            if (out)
                memcpy(out + n, buf, k);
            n += k;
            p = q;
            continue;
        }
        default:
            return NULL;
        }
        if (out)
            out[n] = ch;
        n++;
        p = q + 2;
    }
}

/* An object key: a string without escapes (keys with one, rare, go to
 * jansson, which also refuses an escaped NUL in a key). */
static cursor read_key(cursor p, cursor end, cursor *key, size_t *key_len)
{
    cursor q = plain_end(p, end);
    if (q == end || *q != '"')
        return NULL;
    *key = p;
    *key_len = (size_t)(q - p);
    return q + 1;
}

static bool is_digit(unsigned c)
{
    return c >= '0' && c <= '9';
}

/* A number at P; *IS_INT tells an integer jansson keeps as one. */
static cursor read_number(cursor p, cursor end, bool *is_int)
{
    if (p < end && *p == '-')
        p++;
    cursor digits = p;
    if (p == end)
        return NULL;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (p < end && is_digit(*p))
            p++;
    else
        return NULL;
    size_t n_int = (size_t)(p - digits);
    *is_int = true;
    if (p < end && *p == '.') {
        p++;
        if (p == end || !is_digit(*p))
            return NULL;
        while (p < end && is_digit(*p))
            p++;
        *is_int = false;
    }
    if (p < end && (*p == 'e' || *p == 'E'))
        return NULL; /* exponents: jansson checks the overflow */
    if (n_int > (*is_int ? MAX_INT_DIGITS : MAX_REAL_INT_DIGITS))
        return NULL;
    return p;
}

static cursor read_literal(cursor p, cursor end, const char *word, size_t n)
{
    if ((size_t)(end - p) < n || memcmp(p, word, n) != 0)
        return NULL;
    return p + n;
}

static cursor skip_value(cursor p, cursor end, int depth);

/* The members of an object or the items of an array, after its opening
 * bracket. */
static cursor skip_container(cursor p, cursor end, int depth, bool object)
{
    unsigned close = object ? '}' : ']';
    p = skip_ws(p, end);
    if (p < end && *p == close)
        return p + 1;
    for (;;) {
        if (object) {
            cursor key;
            size_t key_len;
            if (p == end || *p != '"' ||
                !(p = read_key(p + 1, end, &key, &key_len)))
                return NULL;
            p = skip_ws(p, end);
            if (p == end || *p != ':')
                return NULL;
            p++;
        }
        if (!(p = skip_value(p, end, depth)))
            return NULL;
        p = skip_ws(p, end);
        if (p == end)
            return NULL;
        if (*p == close)
            return p + 1;
        if (*p != ',')
            return NULL;
        p = skip_ws(p + 1, end);
    }
}

/* Check one value at P (after optional whitespace) without keeping it. */
static cursor skip_value(cursor p, cursor end, int depth)
{
    p = skip_ws(p, end);
    if (p == end)
        return NULL;
    size_t n;
    bool is_int;
    switch (*p) {
    case '"': return read_string(p + 1, end, NULL, &n);
    case '{':
    case '[':
        if (depth >= MAX_DEPTH)
            return NULL;
        return skip_container(p + 1, end, depth + 1, *p == '{');
    case 't': return read_literal(p, end, "true", 4);
    case 'f': return read_literal(p, end, "false", 5);
    case 'n': return read_literal(p, end, "null", 4);
    default: return read_number(p, end, &is_int);
    }
}

static bool key_is(cursor key, size_t len, const char *name, size_t name_len)
{
    return len == name_len && memcmp(key, name, len) == 0;
}

/* A member value of the top-level object; the id and text are kept. */
static cursor read_member(cursor p, cursor end, bool is_id, bool is_text,
                          char *text, kiln_json_fields *out)
{
    p = skip_ws(p, end);
    if (p == end)
        return NULL;
    cursor start = p;
    if (*p == '"') {
        size_t n;
        if (!(p = read_string(p + 1, end, is_text ? text : NULL, &n)))
            return NULL;
        if (is_text) {
            out->text_kind = KILN_JSON_STRING;
            out->text_len = n;
        }
        if (is_id) {
            out->id_kind = KILN_JSON_STRING;
            out->id_raw = (const char *)start + 1;
            out->id_raw_len = (size_t)(p - start) - 2;
        }
        return p;
    }
    if (!(p = skip_value(p, end, 0)))
        return NULL;
    if (is_text)
        out->text_kind = KILN_JSON_OTHER;
    if (is_id) {
        bool is_int = false;
        if (*start == '-' || is_digit(*start))
            read_number(start, end, &is_int);
        out->id_kind = is_int ? KILN_JSON_INTEGER : KILN_JSON_OTHER;
        if (is_int) {
            cursor d = start + (*start == '-');
            long long v = 0;
            for (; d < p; d++)
                v = v * 10 + (*d - '0');
            out->id_int = *start == '-' ? -v : v;
        }
    }
    return p;
}

int kiln_json_fields_read(const char *line, size_t len, const char *id_key,
                          const char *text_key, char *text,
                          kiln_json_fields *out)
{
    memset(out, 0, sizeof *out);
    cursor p = (cursor)line, end = p + len;
    size_t id_len = strlen(id_key), text_len = strlen(text_key);
    p = skip_ws(p, end);
    if (p == end || *p != '{')
        return -1;
    p = skip_ws(p + 1, end);
    if (p < end && *p == '}') {
        p++;
    } else {
        for (;;) {
            cursor key;
            size_t key_len;
            if (p == end || *p != '"' ||
                !(p = read_key(p + 1, end, &key, &key_len)))
                return -1;
            p = skip_ws(p, end);
            if (p == end || *p != ':')
                return -1;
            p = read_member(p + 1, end, key_is(key, key_len, id_key, id_len),
                            key_is(key, key_len, text_key, text_len), text,
                            out);
            if (!p)
                return -1;
            p = skip_ws(p, end);
            if (p == end)
                return -1;
            if (*p == '}') {
                p++;
                break;
            }
            if (*p != ',')
                return -1;
            p = skip_ws(p + 1, end);
        }
    }
    return skip_ws(p, end) == end ? 0 : -1;
}

size_t kiln_json_unescape(const char *raw, size_t len, char *out)
{
    size_t n = 0;
    cursor end = (cursor)raw + len;
    /* RAW was checked by read_string: every escape is complete. */
    cursor p = (cursor)raw;
    while (p < end) {
        cursor bs = memchr(p, '\\', (size_t)(end - p));
        cursor stop = bs ? bs : end;
        memcpy(out + n, p, (size_t)(stop - p));
        n += (size_t)(stop - p);
        if (!bs)
            break;
        unsigned c = bs[1];
        p = bs + 2;
        switch (c) {
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'n': out[n++] = '\n'; break;
        case 'r': out[n++] = '\r'; break;
        case 't': out[n++] = '\t'; break;
        case 'u': {
            long cp = hex4(bs + 2);
            p = bs + 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(p + 2) - 0xDC00);
                p += 6;
            }
            n += kiln_utf8_encode((uint32_t)cp, out + n);
            break;
        }
        default: out[n++] = (char)c; break; /* " \ / */
        }
    }
    out[n] = '\0';
    return n;
}
