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

    def __init__(self, config: Path, log: Path) -> None:
        self.port = _free_port()
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log = log.open("w", encoding="utf-8")
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(config), "-a", f"127.0.0.1:{self.port}"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=ENV, cwd=config.parent,
                                     text=True, bufsize=1)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
            self.log.write(line)
        self.lines.put((time.perf_counter(), ""))

    def wait_for(self, needle: str, timeout: float) -> tuple[float, str]:
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


class _GlossaryEdit:
    """Edits one entry in the middle of a glossary: appends to its short definition, saving atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = path.read_text(encoding="utf-8")
        headings = [m.start() for m in re.finditer(r"^## ", self.original, re.MULTILINE)]
        if not headings:
            raise SystemExit(f"{path} has no entries to edit")
        self.start = headings[len(headings) // 2]
        self.blocks = self.original[self.start:].split("\n\n")
        # The short definition is the first paragraph after the heading (and the Also: line).
        self.index = 2 if self.blocks[1].startswith("Also:") else 1

    def save(self, number: int | None) -> None:
        """Save revision ``number`` (None: the original) in one rename, so the watcher sees one change."""
        text = self.original
        if number is not None:
            changed = list(self.blocks)
            changed[self.index] = changed[self.index].rstrip(".") + f", as revised ({number})."
            text = self.original[: self.start] + "\n\n".join(changed)
        temp = self.path.with_name(f".{self.path.name}.tmp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, self.path)


def _rebuild(server: _Server, edit: _GlossaryEdit, number: int, timeout: float) -> Rebuild:
    """Save one edit and wait until the server has rebuilt and says so."""
    time.sleep(1.5)  # longer than the polling interval (0.5 s) plus the build delay (0.1 s)
    server.drain()
    cpu0 = _cpu_of(server.proc.pid)
    saved = time.perf_counter()
    edit.save(number)
    detected, _ = server.wait_for("Detected file changes", timeout)
    _, built = server.wait_for("Documentation built in", timeout)
    done, _ = server.wait_for("Reloading browsers", timeout)
    m = _BUILT.search(built)
    return Rebuild(done - saved, done - detected, float(m.group(1)) if m else float("nan"), _cpu_of(server.proc.pid) - cpu0)


def serve_rebuilds(configs: dict[str, Path], edits: int, out: Path, timeout: float) -> dict[str, list[Rebuild]]:
    """Serve every site at once, then ``edits`` rounds of: edit one glossary entry of each in turn, time its rebuild.

    Alternating the sites round by round spreads any drift in the machine's load over both.
    """
    glossaries = {name: _GlossaryEdit(config.parent / "docs" / "glossary.md") for name, config in configs.items()}
    servers: dict[str, _Server] = {}
    results: dict[str, list[Rebuild]] = {name: [] for name in configs}
    try:
        for name, config in configs.items():  # one at a time, so the first builds do not compete
            servers[name] = _Server(config, out / f"serve-{name}.log")
            servers[name].wait_for("Serving on", timeout)
        for number in range(1, edits + 1):
            for name in configs:
                r = _rebuild(servers[name], glossaries[name], number, timeout)
                results[name].append(r)
                print(f"  edit {number}/{edits} {name}: saved->done {r.edit_to_done:.2f} s, detected->done {r.detect_to_done:.2f} s, "
                      f"built in {r.built_in:.2f} s, cpu {r.cpu:.2f} s", file=sys.stderr, flush=True)
    finally:
        for server in servers.values():
            server.stop()
        for edit in glossaries.values():
            edit.save(None)
    return results
