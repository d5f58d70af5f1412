"""Rebuilds under `mkdocs serve`: save a file, time until the server has rebuilt and reloads the browsers."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from edits import KINDS, edits_for
from paths import ENV

# --------------------------------------------------------------------------- mkdocs serve rebuilds


@dataclass
class Rebuild:
    edit_to_done: float  # seconds from saving the file to "Reloading browsers"
    detect_to_done: float  # from "Detected file changes" to "Reloading browsers"
    built_in: float  # what MkDocs reports: "Documentation built in X seconds"
    cpu: float  # CPU seconds of the serve process between the edit and the end of the rebuild


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Server:
    """A ``mkdocs serve`` subprocess whose log lines arrive, timestamped, on a queue."""

    def __init__(self, config: Path, log: Path, dirty: bool = False) -> None:
        self.port = _free_port()
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log = log.open("w", encoding="utf-8")
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--strict", *(["--dirty"] if dirty else []), "-f", str(config),
               "-a", f"127.0.0.1:{self.port}"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=ENV, cwd=config.parent,
                                     text=True, bufsize=1)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
            self.log.write(line)
            self.log.flush()
        self.lines.put((time.perf_counter(), ""))

    def wait_for(self, needle: str, timeout: float, seen: list[str] | None = None) -> tuple[float, str]:
        """The first line with ``needle`` (and its time); the lines before it are added to ``seen``."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                stamp, line = self.lines.get(timeout=max(0.01, deadline - time.perf_counter()))
            except queue.Empty:
                raise SystemExit(f"mkdocs serve: no '{needle}' within {timeout:.0f} s (log: {self.log.name})") from None
            if not line and self.proc.poll() is not None:
                raise SystemExit(f"mkdocs serve exited (log: {self.log.name})")
            if "ERROR" in line:
                raise SystemExit(f"mkdocs serve: {line} (log: {self.log.name})")
            if needle in line:
                return stamp, line
            if seen is not None:
                seen.append(line)

    def drain(self) -> None:
        """Forget lines already logged (e.g. of a rebuild triggered twice by one save); wait out a rebuild in progress."""
        pending = False
        while True:
            try:
                _, line = self.lines.get_nowait()
            except queue.Empty:
                break
            pending = (pending or "Detected file changes" in line) and "Reloading browsers" not in line
        if pending:
            self.wait_for("Reloading browsers", 3600)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(timeout=5)
        self.log.close()


_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def _rebuild(server: _Server, edit, number: int, timeout: float) -> Rebuild:
    """Save one edit and wait until the server has rebuilt and says so."""
    time.sleep(1.5)  # longer than the polling interval (0.5 s) plus the build delay (0.1 s)
    server.drain()
    cpu0 = _cpu_of(server.proc.pid)
    saved = time.perf_counter()
    edit.save(number)
    detected, _ = server.wait_for("Detected file changes", timeout)
    # MkDocs logs a message only once per process (its DuplicateFilter): "Documentation built in 0.22
    # seconds" may not come again, so the rebuild ends at "Reloading browsers", the time taken if logged.
    lines: list[str] = []
    done, _ = server.wait_for("Reloading browsers", timeout, lines)
    m = next((found for line in lines if (found := _BUILT.search(line))), None)
    return Rebuild(done - saved, done - detected, float(m.group(1)) if m else float("nan"), _cpu_of(server.proc.pid) - cpu0)


def serve_rebuilds(configs: dict[str, Path], edits: int, out: Path, timeout: float,
                   kinds: tuple[str, ...] = KINDS) -> dict[str, dict[str, list[Rebuild]]]:
    """Serve every site at once, then for each kind of edit ``edits`` rounds of: save it in each site in turn, time its rebuild.

    Site ``a`` (the generator's) is served as ``make serve`` does, with ``--dirty`` (the incremental
    preview); ``b`` (plain MkDocs) as plain ``mkdocs serve``, which rebuilds everything. Alternating
    the sites round by round spreads any drift in the machine's load over both.
    """
    seeds = sorted(p.name for p in (configs["a"].parent / "seeds").iterdir() if p.is_dir())
    slug = seeds[len(seeds) // 2]  # an essay in the middle: not in the navigation of a large site
    made = {name: edits_for(name, config.parent, slug) for name, config in configs.items()}
    servers: dict[str, _Server] = {}
    results: dict[str, dict[str, list[Rebuild]]] = {kind: {name: [] for name in configs} for kind in kinds}
    try:
        for name, config in configs.items():  # one at a time, so the first builds do not compete
            servers[name] = _Server(config, out / f"serve-{name}.log", dirty=name == "a")
            servers[name].wait_for("Serving on", timeout)
        for kind in kinds:
            for number in range(1, edits + 1):
                for name in configs:
                    r = _rebuild(servers[name], made[name][kind], number, timeout)
                    results[kind][name].append(r)
                    print(f"  {kind}, edit {number}/{edits} {name}: saved->done {r.edit_to_done:.2f} s, "
                          f"detected->done {r.detect_to_done:.2f} s, built in {r.built_in:.2f} s, cpu {r.cpu:.2f} s",
                          file=sys.stderr, flush=True)
    finally:
        for server in servers.values():
            server.stop()
        for site in made.values():
            for edit in site.values():
                edit.save(None)
    return results
