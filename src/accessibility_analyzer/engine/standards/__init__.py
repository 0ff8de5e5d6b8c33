"""Standards data the engine reads: WAI-ARIA tables, HTML-AAM mappings, autofill tokens,
WCAG 2.2 success criteria. Pure data; each module cites its source and version."""
