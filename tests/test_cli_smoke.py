"""The `a11y` command starts and lists its sub-commands."""

from accessibility_analyzer.cli import build_parser


def test_every_subcommand_is_registered() -> None:
    """Each documented sub-command has a parser."""
    parser = build_parser()
    help_text = parser.format_help()
    for command in ("serve", "worker", "check", "rules", "db"):
        assert command in help_text
