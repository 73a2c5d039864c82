"""A small progress bar on stderr: redrawn in place on a terminal, a line per tenth otherwise."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int, unit: str, *, enabled: bool = True, stream=None):
        self.label, self.total, self.unit = label, max(total, 1), unit
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.enabled and self.stream.isatty()
        self.done = 0
        self.started = time.perf_counter()
        self._last_tenth = -1

    def advance(self, steps: int = 1, note: str = "") -> None:
        self.done = min(self.done + steps, self.total)
        if not self.enabled:
            return
        fraction = self.done / self.total
        elapsed = time.perf_counter() - self.started
        text = f"{self.label} {self.done}/{self.total} {self.unit} {elapsed:6.1f}s {note}".rstrip()
        if self.tty:
            filled = int(fraction * 30)
            self.stream.write(
                f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] "
                f"{self.done}/{self.total} {self.unit} {elapsed:6.1f}s {note}\033[K"
            )
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()
        elif int(fraction * 10) > self._last_tenth:
            self._last_tenth = int(fraction * 10)
            print(text, file=self.stream, flush=True)
