"""How a long build tells how far it got: a bar on a terminal, plain lines in CI and logs."""

from __future__ import annotations

import os
import shutil
import sys
import time


def _eta(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


def interactive(stream=None) -> bool:
    """A person watching a terminal; CI systems set CI=true even when they fake a terminal."""
    stream = stream or sys.stderr  # looked up on each call: callers and tests may replace it
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class Progress:
    """Counts finished sites out of total; failures are always printed in full."""

    def __init__(self, total: int, bar: bool | None = None, out=None, err=None, desc: str = "Сборка"):
        self.total, self.done = total, 0
        self.out, self.err = out or sys.stdout, err or sys.stderr
        self.start = time.monotonic()
        self.bar = None
        if total and (interactive(err) if bar is None else bar):
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked after this
            # A terminal that does not tell its size (0×0) would hide the bar: assume 80×24.
            size = shutil.get_terminal_size(fallback=(0, 0))
            known = size.columns > 0 and size.lines > 0
            self.bar = tqdm(total=total, desc=desc, file=err, dynamic_ncols=known,
                            ncols=None if known else 80, nrows=None if known else 24,
                            bar_format="{desc}: {n}/{total} |{bar}| прошло {elapsed}, осталось ≈ {remaining}")

    def site(self, where: str, pages: int, problems: list[str], reused: int | None = None) -> None:
        """reused: pages that did not change since the site's last build (None: not known)."""
        self.done += 1
        lines = [f"✗ {where}: не опубликован", *(f"    {p}" for p in problems)] if problems else []
        if self.bar is not None:
            for line in lines:
                self.bar.write(line, file=self.err)
            self.bar.update(1)
            return
        if problems:
            print("\n".join(lines), file=self.err)
            return
        changed = f", из них изменилось {pages - reused}" if reused else ""
        print(f"✓ {where}: {pages} стр.{changed}{self._tail()}", file=self.out, flush=True)

    def checked(self, where: str, problems: int) -> None:
        """A site verified (nastavnik verify): its problems are told after the last one, in order."""
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            return
        verdict = f"✗ {where}: проблем {problems}" if problems else f"✓ {where}: проверен"
        print(verdict + self._tail(), file=self.out, flush=True)

    def reach(self, done: int, what: str) -> None:
        """done of total counted so far (schools read, in batches): «what: done из total»."""
        if done <= self.done:
            return
        step, self.done = done - self.done, done
        if self.bar is not None:
            self.bar.update(step)
            return
        print(f"… {what}: {done} из {self.total}{self._tail()}", file=self.out, flush=True)

    def _tail(self) -> str:
        if self.total <= 1:
            return ""
        elapsed = time.monotonic() - self.start
        return f" [{self.done}/{self.total}, осталось ≈ {_eta(elapsed / self.done * (self.total - self.done))}]"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
