"""The part of the browsers' default style sheet (HTML § 15, "Rendering") the rules read.

Mostly ``display`` (what generates no box), plus the heading sizes and weights the
large-text tests need, and the focus ring that ``outline: none`` removes. The browsers'
sheet is in the HTML namespace; ``:-a11y-html`` (ours) says so where it matters
(``<svg hidden>`` is not hidden by it).
"""

USER_AGENT_CSS = """
area, base, basefont, datalist, head, link, meta, noembed, noframes, param, rp, script,
style, template, title { display: none; }
noscript { display: none !important; }
[hidden]:not([hidden="until-found" i]):not(embed):-a11y-html { display: none; }
[hidden="until-found" i]:-a11y-html { content-visibility: hidden; }
input[type="hidden" i] { display: none; }
dialog:not([open]) { display: none; }
details:not([open]) > :not(summary:first-of-type) { display: none; }
html, body, address, blockquote, center, dialog, div, figure, figcaption, footer, form,
header, hr, legend, listing, main, p, plaintext, pre, search, xmp, article, aside, h1, h2,
h3, h4, h5, h6, hgroup, nav, section, dir, dd, dl, dt, menu, ol, ul, fieldset, details,
summary, optgroup, option { display: block; }
li { display: list-item; }
table { display: table; }
caption { display: table-caption; }
colgroup { display: table-column-group; }
col { display: table-column; }
thead { display: table-header-group; }
tbody { display: table-row-group; }
tfoot { display: table-footer-group; }
tr { display: table-row; }
td, th { display: table-cell; }
button, input, select, textarea, meter, progress, marquee { display: inline-block; }
button, select, input[type="button" i], input[type="submit" i], input[type="reset" i],
input[type="image" i], input[type="checkbox" i], input[type="radio" i] { box-sizing: border-box; }
ruby { display: ruby; }
rt { display: ruby-text; }
h1 { font-size: 2em; font-weight: bold; }
h2 { font-size: 1.5em; font-weight: bold; }
h3 { font-size: 1.17em; font-weight: bold; }
h4 { font-size: 1em; font-weight: bold; }
h5 { font-size: 0.83em; font-weight: bold; }
h6 { font-size: 0.67em; font-weight: bold; }
b, strong, th { font-weight: bolder; }
small, sub, sup { font-size: smaller; }
big { font-size: larger; }
i, em, cite, var, dfn, address { font-style: italic; }
a[href], area[href] { color: #0000ee; text-decoration: underline; cursor: pointer; }
u, ins { text-decoration: underline; }
s, strike, del { text-decoration: line-through; }
pre, xmp, listing, plaintext, textarea { white-space: pre; }
:focus-visible { outline: auto 1px; }
button { color: buttontext; background-color: buttonface; }
textarea { color: fieldtext; background-color: field; }
mark { color: marktext; background-color: mark; }
"""
