"""The editor's text: Textual's ``TextArea``, with the height of its wrapped text counted once
per change rather than once per line drawn.

Textual's ``WrappedDocument.height`` adds up every line's wrapping each time it is asked, and
the text area asks for it for every line it draws: drawing 40 lines of a 2,000-line script
added up 80,000 numbers a keystroke, most of a keystroke's time (``bench/bench_editor.py``).
Here the sum is kept until the wrapping changes (``wrap`` and ``wrap_range``, the only ways it
does), through the public ``wrapped_document`` the text area builds.
"""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import WrappedDocument


class CountedWrap(WrappedDocument):
    """A wrapped document whose height is counted once per change of its wrapping."""

    _height: int | None = None

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Wrap the whole text again (its height is counted afresh when next asked)."""
        self._height = None
        super().wrap(width, tab_width)

    def wrap_range(self, *args: object, **kwargs: object) -> None:
        """Wrap the lines an edit touched (its height is counted afresh when next asked)."""
        self._height = None
        super().wrap_range(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def height(self) -> int:
        """The height of the wrapped text, in lines."""
        if self._height is None:
            self._height = super().height
        return self._height


class ScriptArea(TextArea):
    """A text area whose wrapped text is a ``CountedWrap``."""

    @property
    def wrapped_document(self) -> WrappedDocument:
        """The wrapped view of the text (the text area sets it as it opens a document)."""
        return self._counted

    @wrapped_document.setter
    def wrapped_document(self, wrapped: WrappedDocument) -> None:
        if not isinstance(wrapped, CountedWrap):
            wrapped = CountedWrap(wrapped.document, tab_width=self.indent_width)
        self._counted = wrapped
