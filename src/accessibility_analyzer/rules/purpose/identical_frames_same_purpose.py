"""identical-frames-same-purpose: frames with the same name show equivalent content."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import FRAMES_SAME_PURPOSE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.site import resolve_page_url
from accessibility_analyzer.rules._reasons import listing
from accessibility_analyzer.rules.purpose._purpose import matching_name

SAME_PURPOSE = Diagnostic.passed("Frames with this name show the same content")
DIFFERENT_PURPOSE = Diagnostic.failed(
    "Frames with the same accessible name must show content with the same purpose",
    fix_hint='Give each frame a title naming its own content ("Contributors to project A").',
)
_MEMO = "rules.purpose.identical_frames"
_MAX_NAME = 60


def _groups(page: Page) -> dict[str, list[Element]]:
    """Matching name -> the exposed iframes with it, for names two or more iframes share."""
    memo: dict[int, dict[str, list[Element]]] = page.memo_table(_MEMO)
    found = memo.get(page.root.order)
    if found is None:
        by_name: dict[str, list[Element]] = {}
        for frame in page.by_tag("iframe"):
            if frame.is_html and is_included_in_accessibility_tree(page, frame):
                name = matching_name(page, frame)
                if name:
                    by_name.setdefault(name, []).append(frame)
        found = {name: frames for name, frames in by_name.items() if len(frames) > 1}
        memo[page.root.order] = found
    return found


def _source(frame: Element) -> str:
    """What the frame shows: its ``srcdoc`` (which wins) or its ``src`` as written."""
    if frame.has("srcdoc"):
        return "srcdoc:" + (frame.get("srcdoc") or "")
    return (frame.get("src") or "about:blank").strip()


def _same_files(page: Page, sources: set[str]) -> bool:
    """Whether every source is a file of the upload and they all hold the same bytes."""
    contents = set()
    for source in sources:
        if source.startswith("srcdoc:") or "?" in source:
            return False  # a query may change what the server returns
        path = resolve_page_url(page, source)
        data = page.site.read(path) if path is not None else None
        if data is None:
            return False
        contents.add(data)
    return len(contents) == 1


class IdenticalFramesSamePurpose(Rule):
    """Frames with the same accessible name must serve an equivalent purpose.

    ## What it checks
    For every set of two or more `<iframe>` elements in the accessibility tree whose
    accessible names match (ignoring case and extra whitespace), the first is the target.
    It passes when they all have the same `src` (or `srcdoc`), or when their sources are
    files of the upload with the same bytes. Otherwise the question `frames-same-purpose`
    decides; without an answer, `cantTell`.

    ## Why it matters
    Screen-reader users move between frames by name: two frames named "List of
    contributors" that show different lists cannot be told apart (WCAG 4.1.2 Name, Role,
    Value).

    ## Fails
        <iframe title="Contributors" src="team-a.html"></iframe>
        <iframe title="Contributors" src="team-b.html"></iframe>  (per the oracle)

    ## Passes
        <iframe title="Contributors" src="team.html"></iframe>
        <iframe title="Contributors" src="team.html"></iframe>

    ## Limitations
    Frame documents are compared byte for byte only: equivalent pages that differ in
    markup are for the oracle. Frames a script puts into a shadow root are not seen.
    """

    meta = RuleMeta(
        id="identical-frames-same-purpose",
        name="Frames with the same name serve the same purpose",
        wcag=("4.1.2",),
        act_rules=("4b1c6c",),
        impact=Impact.SERIOUS,
        tags=("cat.name-role-value", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The first iframe of each set of exposed iframes with matching names."""
        firsts = [frames[0] for frames in _groups(page).values()]
        yield from sorted(firsts, key=lambda element: element.order)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """One source, or identical files, pass; otherwise the oracle decides."""
        frames = _groups(page)[matching_name(page, target)]
        sources = {_source(frame) for frame in frames}
        shown = f'{len(frames)} frames named "{matching_name(page, target)[:_MAX_NAME]}"'
        if len(sources) == 1:
            return Verdict(SAME_PURPOSE, f"{shown} show {sources.pop()[:_MAX_NAME]}")
        if _same_files(page, sources):
            return Verdict(SAME_PURPOSE, f"{shown} show files with the same content")
        verdict = self.ask(
            oracle, FRAMES_SAME_PURPOSE, page, target, yes=SAME_PURPOSE, no=DIFFERENT_PURPOSE
        )
        if verdict.question is None:
            return verdict
        return verdict.with_reason(f"{shown} show {listing(sorted(sources))}")
