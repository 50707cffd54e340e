/* frame.c — the page around the articles: head, inline style, footer.
 *
 * Everything the page needs is inline (no fonts, scripts or images from the
 * network): the report must open offline, from a mail attachment, years
 * later. Tooltips are CSS-only (:hover and :focus on tabindex=0 elements),
 * so the page works without JavaScript.
 */
#include "html.h"

static const char style_sheet[] =
    ":root{--ink:#1f2328;--muted:#59636e;--line:#d0d7de;--paper:#fff;"
    "--soft:#f6f8fa;--target:#c2410c;--achieved:#15803d;--warn:#b45309;"
    "--bar:#2563eb;--bar-bg:#dbeafe}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;color:var(--ink);background:var(--paper);line-height:1.7;"
    "font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\",\"PingFang SC\","
    "\"Microsoft YaHei\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\","
    "sans-serif}\n"
    "header.page,main{max-width:62rem;margin:0 auto;padding:0 1rem}\n"
    "header.page{padding-top:1rem;border-bottom:1px solid var(--line)}\n"
    "h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.3rem}"
    "h3{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid var(--line)}"
    "h4{font-size:1rem;margin:0}\n"
    ".sub{color:var(--muted);margin:.2rem 0 1rem;overflow-wrap:anywhere}\n"
    "article.doc{margin-bottom:3rem}\n"
    ".counts{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}"
    ".counts li{background:var(--soft);border:1px solid var(--line);"
    "border-radius:4px;padding:.1rem .6rem}\n"
    /* targets */
    ".scale-note{color:var(--muted);font-size:.9rem}\n"
    ".targets{display:grid;grid-template-columns:repeat(auto-fill,"
    "minmax(22rem,1fr));gap:1rem}\n"
    ".target{border:1px solid var(--line);border-radius:6px;padding:.7rem .8rem;"
    "break-inside:avoid;page-break-inside:avoid}\n"
    ".t-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem}"
    ".t-head h4{flex:1 1 auto}\n"
    ".progress{font-weight:700;font-size:1.15rem;color:var(--bar)}\n"
    ".commit{font-size:.8rem;border-radius:3px;padding:0 .4rem;"
    "border:1px solid currentColor}"
    ".commit.hard{color:#b91c1c}.commit.soft{color:#7c3aed}"
    ".commit.none{color:var(--muted)}\n"
    "svg.bar{display:block;width:100%;height:26px;margin:.4rem 0}"
    "svg.bar .track{fill:var(--soft)}svg.bar .goal{fill:var(--bar-bg)}"
    "svg.bar .done{fill:var(--bar)}"
    "svg.bar .base{stroke:var(--ink);stroke-width:2}"
    "svg.bar .aim{stroke:var(--target);stroke-width:2;stroke-dasharray:3 2}\n"
    ".axis{display:flex;justify-content:space-between;color:var(--muted);"
    "font-size:.75rem;margin-top:-.3rem}\n"
    "dl.facts{display:flex;flex-wrap:wrap;gap:.1rem 1.1rem;margin:.3rem 0}"
    "dl.facts div{display:flex;align-items:baseline;gap:.35rem;min-width:0}"
    "dl.facts dt{font-size:.75rem;color:var(--muted)}"
    "dl.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}\n"
    "blockquote.src{margin:.4rem 0 0;padding:.2rem .6rem;border-left:3px "
    "solid var(--line);color:var(--muted);font-size:.9rem}"
    "blockquote.src mark{background:#fef3c7;color:var(--ink)}\n"
    ".t-diag,.doc-diags li{color:var(--warn)}\n"
    /* the text */
    ".legend{display:flex;flex-wrap:wrap;gap:.4rem;padding:0;list-style:none;"
    "font-size:.85rem}.legend mark{background:transparent;color:inherit}\n"
    ".text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.02rem}\n"
    "mark.m{position:relative;color:inherit;border-radius:2px;padding:0 1px;"
    "cursor:help;background:#e5e7eb}\n"
    ".k-amount{background:#fde68a!important}"
    ".k-percent{background:#bfdbfe!important}"
    ".k-percentage_point{background:#c7d2fe!important}"
    ".k-rank{background:#e9d5ff!important}"
    ".k-ordinal{background:#e5e7eb!important}"
    ".k-duration{background:#bbf7d0!important}"
    ".k-year_or_date{background:#f1f5f9!important}"
    ".k-slogan{background:#fbcfe8!important}\n"
    ".r-target{box-shadow:inset 0 -3px 0 var(--target);font-weight:700}"
    ".r-achieved{box-shadow:inset 0 -3px 0 var(--achieved)}\n"
    "mark.m:focus{outline:2px solid var(--bar);outline-offset:1px}\n"
    "mark.m:hover::after,mark.m:focus::after{content:attr(data-tip);"
    "position:absolute;left:0;top:100%;z-index:5;width:max-content;"
    "max-width:min(22rem,80vw);white-space:pre-line;background:#111827;"
    "color:#fff;font-weight:400;font-size:.8rem;line-height:1.5;"
    "padding:.35rem .55rem;border-radius:4px;box-shadow:0 2px 6px #0004}\n"
    ".diag{text-decoration:underline wavy var(--warn)}"
    ".badge{color:var(--warn);font-size:.75rem;white-space:normal;"
    "margin:0 .2rem}\n"
    /* tables */
    ".table-wrap{overflow-x:auto}\n"
    "table{border-collapse:collapse;width:100%;font-size:.88rem}"
    "th,td{border-bottom:1px solid var(--line);padding:.2rem .4rem;"
    "text-align:left;vertical-align:top}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}"
    "tbody th{background:var(--soft)}\n"
    "a{color:var(--bar)}\n"
    "footer.page{max-width:62rem;margin:2rem auto;padding:0 1rem;"
    "color:var(--muted);font-size:.8rem}\n"
    "@media (max-width:40rem){.targets{grid-template-columns:1fr}"
    "h1{font-size:1.25rem}.text{font-size:1rem}}\n"
    "@media print{body{font-size:10.5pt;line-height:1.55}"
    "header.page,main{max-width:none;padding:0}"
    "mark.m::after{display:none!important}"
    "mark.m,.k-amount,.k-percent,.k-percentage_point,.k-rank,.k-ordinal,"
    ".k-duration,.k-year_or_date,.k-slogan{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}"
    "a{color:inherit;text-decoration:none}"
    ".target,tr{break-inside:avoid}h3{break-after:avoid}"
    "article.doc+article.doc{break-before:page}footer.page{display:none}}\n";

int html_page_open(kiln_buf *b, const char *title, const char *subtitle)
{
    if (kiln_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
                         "<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, "
                         "initial-scale=1\">\n"
                         "<meta name=\"generator\" content=\"kiln html\">\n"
                         "<title>") < 0 ||
        html_escape_str(b, title) < 0 ||
        kiln_buf_puts(b, "</title>\n<style>\n") < 0 ||
        kiln_buf_puts(b, style_sheet) < 0 ||
        kiln_buf_puts(b, "</style>\n</head>\n<body>\n<header class=\"page\">"
                         "<h1>") < 0 ||
        html_escape_str(b, title) < 0 || kiln_buf_puts(b, "</h1>") < 0)
        return -1;
    if (subtitle && *subtitle &&
        (kiln_buf_puts(b, "<p class=\"sub\">") < 0 ||
         html_escape_str(b, subtitle) < 0 || kiln_buf_puts(b, "</p>") < 0))
        return -1;
    return kiln_buf_puts(b, "</header>\n<main>\n");
}

int html_page_close(kiln_buf *b)
{
    return kiln_buf_puts(b, "</main>\n<footer class=\"page\">Made by kiln. "
                            "Hover or focus a highlighted figure for its "
                            "value, base unit, role and indicator.</footer>\n"
                            "</body>\n</html>\n");
}
