"""Engine processes end when the process owning their pool ends, whatever killed it.

A pool child blocks on a pipe whose other end every sibling holds too, so when the owner is
killed it never sees end-of-file and would wait (and hold its memory) for ever. Two guards,
installed by :func:`die_with_owner` as the pool's initializer:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the child the moment its
  parent (the fork server, which itself exits when the owner does) goes away;
* everywhere, a daemon thread that checks every second whether the owner is still alive and
  ends the child if not (covers a fork server that lingers, and systems without prctl).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from pathlib import Path

_PR_SET_PDEATHSIG = 1
_CHECK_SECONDS = 1.0


def _kill_me_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent exits; whether that worked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def owner_alive(owner_pid: int) -> bool:
    """Whether the process ``owner_pid`` still exists (and is not a zombie)."""
    try:
        os.kill(owner_pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, but another user's: the pid was reused
        return False
    try:
        state = Path(f"/proc/{owner_pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no procfs: kill(0) said it exists
    return state not in {b"Z", b"X"}


def _watch(owner_pid: int) -> None:
    while owner_alive(owner_pid):
        time.sleep(_CHECK_SECONDS)
    os._exit(1)  # no clean-up to run: the owner that wanted the results is gone


def die_with_owner(owner_pid: int) -> None:
    """Pool initializer: end this child when ``owner_pid`` (the pool's owner) ends."""
    parent = os.getppid()
    _kill_me_with_parent()
    if os.getppid() != parent or not owner_alive(owner_pid):  # it died before prctl took hold
        os._exit(1)
    threading.Thread(target=_watch, args=(owner_pid,), name="owner-watch", daemon=True).start()


__all__ = ["die_with_owner", "owner_alive"]
