"""The HTML report's inline stylesheet.

Every text colour pair meets WCAG 1.4.6 (7:1), not only 1.4.3 (4.5:1), so the report passes
whichever contrast rules the engine runs. Measured (WCAG relative luminance):

========================  ==========  ======
text                      background  ratio
========================  ==========  ======
``#1b1b1b`` body text     ``#ffffff``  17.2
``#4a4a4a`` muted text    ``#ffffff``   8.9
``#1e3a8a`` links         ``#ffffff``  10.4
``#1e3a8a`` links         ``#f3f4f6``   9.5
``#1b1b1b`` code          ``#f3f4f6``  15.7
``#ffffff`` header text   ``#12263f``  15.3
``#c9dcff`` header links  ``#12263f``  11.0
``#7a1010`` error text    ``#fdecea``   9.6
``#5c3c00`` review text   ``#fff7e6``   9.4
========================  ==========  ======

Colour is never the only carrier of meaning: outcome and impact are always written out; the
coloured left borders only repeat them. Focus is drawn with a 3 px outline (3:1 or more
against every background) and never removed. Long snippets wrap instead of scrolling
sideways, and tables tighten on narrow screens (1.4.10 Reflow; checked at 320 CSS px).
"""

from __future__ import annotations

STYLESHEET = """
*, *::before, *::after { box-sizing: border-box; }
html { color: #1b1b1b; background-color: #ffffff; }
body {
  margin: 0; color: #1b1b1b; background-color: #ffffff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 1rem; line-height: 1.5;
}
a { color: #1e3a8a; text-decoration: underline; }
a:focus, a:focus-visible { outline: 3px solid #1e3a8a; outline-offset: 2px; }
.site-header { color: #ffffff; background-color: #12263f; padding: 0.75rem 1.5rem; }
.site-header a { color: #c9dcff; }
.site-header a:focus, .site-header a:focus-visible { outline: 3px solid #c9dcff; }
.site-header p { margin: 0.25rem 0; }
.skip-link { display: inline-block; padding: 0.25rem 0; }
main, footer { display: block; max-width: 72rem; margin: 0 auto; padding: 0 1.5rem; }
nav ul { padding-left: 1.25rem; margin: 0.25rem 0; }
h1 { font-size: 2rem; margin: 1.5rem 0 0.5rem; }
h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid #1b1b1b; }
h3 { font-size: 1.25rem; margin: 1.75rem 0 0.5rem; overflow-wrap: anywhere; }
h4 { font-size: 1.0625rem; margin: 0 0 0.5rem; }
.muted { color: #4a4a4a; background-color: #ffffff; }
table { border-collapse: collapse; margin: 0 0 1.5rem; max-width: 100%; }
caption { text-align: left; font-weight: 700; padding: 0 0 0.25rem; }
th, td { border: 1px solid #4a4a4a; padding: 0.25rem 0.75rem; text-align: left; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.meta dt { font-weight: 700; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
ol.findings { list-style: none; padding: 0; }
ol.findings > li { margin: 0 0 1rem; }
.finding {
  color: #1b1b1b; background-color: #ffffff;
  border: 1px solid #4a4a4a; border-left: 0.5rem solid #7a1010; padding: 0.75rem 1rem;
}
.finding.review { border-left-color: #5c3c00; }
.page-error { color: #7a1010; background-color: #fdecea; padding: 0.5rem 1rem; }
.review-note { color: #5c3c00; background-color: #fff7e6; padding: 0.25rem 0.5rem; }
pre {
  color: #1b1b1b; background-color: #f3f4f6; padding: 0.75rem; margin: 0.5rem 0 0;
  white-space: pre-wrap; overflow-wrap: anywhere;
}
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
footer { padding-top: 1rem; padding-bottom: 2rem; }
@media (max-width: 40rem) {
  main, footer, .site-header { padding-left: 0.75rem; padding-right: 0.75rem; }
  th, td { padding: 0.25rem 0.375rem; font-size: 0.875rem; overflow-wrap: anywhere; }
}
@media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto; } }
"""
