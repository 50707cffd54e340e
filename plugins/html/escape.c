/* escape.c — HTML escaping and numbers worded for a person. */
#include "html.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int html_escape(kiln_buf *b, const char *s, size_t len)
{
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = NULL;
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            /* Control characters are parse errors in HTML; a space keeps
             * the text's shape. */
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
                rep = " ";
        }
        if (!rep)
            continue;
        if (kiln_buf_append(b, s + from, i - from) < 0 ||
            kiln_buf_puts(b, rep) < 0)
            return -1;
        from = i + 1;
    }
    return kiln_buf_append(b, s + from, len - from);
}

int html_escape_str(kiln_buf *b, const char *s)
{
    return s ? html_escape(b, s, strlen(s)) : 0;
}

void html_word_number(char out[32], double value, int digits)
{
    if (!isfinite(value)) {
        snprintf(out, 32, "–");
        return;
    }
    snprintf(out, 32, "%.*f", digits, value);
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

/* Units that are ratios take no magnitude character. */
static bool unit_is_ratio(const char *unit)
{
    return strcmp(unit, "%") == 0 || strcmp(unit, "‰") == 0 ||
           strstr(unit, "百分点") != NULL;
}

void html_word_amount(char out[64], double value, const char *unit)
{
    char num[32];
    const char *mag = "";
    if (!unit)
        unit = "";
    double a = fabs(value);
    if (!unit_is_ratio(unit) && a >= 1e8) {
        value /= 1e8;
        mag = "亿";
    } else if (!unit_is_ratio(unit) && a >= 1e4) {
        value /= 1e4;
        mag = "万";
    }
    html_word_number(num, value, fabs(value) >= 100 ? 1 : 2);
    /* A unit too long to fit whole is left out rather than cut inside a
     * UTF-8 sequence. */
    if (strlen(unit) > 28)
        unit = "";
    snprintf(out, 64, "%s%s%s", num, mag, unit);
}
