"""`python -m accessibility_analyzer` is the same as the `a11y` command."""

from accessibility_analyzer.cli import main

raise SystemExit(main())
