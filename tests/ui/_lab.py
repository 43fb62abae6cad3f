"""A JupyterLab server for the real-browser test, started and stopped by process id.

:class:`Lab` starts ``jupyter lab`` on 127.0.0.1, a free port and a random token, in its own
process group, with its own settings, workspaces, runtime and config folders (no news
pop-up, no autosave, every notebook cell kept in the DOM), and stops it, with the kernels it
started, by their process ids. Used by ``run_ui_test.py``.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

#: JupyterLab user settings for the run: no news pop-up, no autosave, every cell rendered.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none", "scrollPastEnd": False},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}


class SetupError(RuntimeError):
    """The test could not start (missing browser, server not answering...)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_env(home: Path) -> dict:
    settings = home / "settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env = dict(os.environ)
    env.update({
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
    })
    env.pop("DISCOURSE_STATIC_REVIEW", None)        # the live review widget is under test
    return env


class Lab:
    """A JupyterLab server this test starts and stops (by its process id)."""

    def __init__(self, root: Path, home: Path, python: Path):
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        jupyter = python.parent / "jupyter"
        self.cmd = [str(jupyter), "lab", "--no-browser", f"--ServerApp.token={self.token}",
                    "--ServerApp.ip=127.0.0.1", f"--port={self.port}",
                    "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}",
                    "--LabApp.news_url=", "--LabApp.check_for_updates_class="
                    "jupyterlab.NeverCheckForUpdate", "--ServerApp.open_browser=False"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            self.cmd.append("--allow-root")
        self.env = lab_env(home)
        self.log_path = home / "jupyterlab.log"
        self.proc: subprocess.Popen | None = None
        self._stopped = False
        self.children: dict[int, bytes] = {}

    def start(self, timeout: float = 90) -> None:
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.cmd, env=self.env, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SetupError(f"JupyterLab exited with status {self.proc.returncode}:\n"
                                 + self.log_tail())
            try:
                self.api("GET", "/api/status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        raise SetupError(f"JupyterLab did not answer on {self.base} within {timeout:.0f} s:\n"
                         + self.log_tail())

    def api(self, method: str, path: str):
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def url(self, path: str) -> str:
        return f"{self.base}/lab/tree/{path}?reset&token={self.token}"

    def log_tail(self, n: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def _descendants(self) -> dict[int, bytes]:
        """Process ids (and command lines) of the server's children (its kernels)."""
        if self.proc is None or not Path("/proc").is_dir():
            return {}
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                parents[int(stat.parent.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
        found, frontier = set(), {self.proc.pid}
        while frontier:
            kids = {pid for pid, ppid in parents.items() if ppid in frontier} - found
            found |= kids
            frontier = kids
        return {pid: _cmdline(pid) for pid in found}

    def stop(self) -> None:
        """Stop the server and the kernels it started; only processes this test started."""
        if self.proc is None or self._stopped:
            return
        self._stopped = True
        self.children.update(self._descendants())
        if self.proc.poll() is None:
            try:
                for kernel in self.api("GET", "/api/kernels") or []:
                    self.api("DELETE", f"/api/kernels/{kernel['id']}")
            except Exception:  # noqa: BLE001 - the server may already be going down
                pass
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)   # its own process group
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        # Kernels run in their own session: stop those still alive, by process id, if the
        # id still runs the same command (not a reused id).
        for pid, cmdline in sorted(self.children.items()):
            if cmdline and _cmdline(pid) == cmdline:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        self._log.close()


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""
