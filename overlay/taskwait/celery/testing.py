"""Real components for tests and benchmarks: a throwaway redis-server, Celery worker and beat subprocesses."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import redis

from ..status import PROVIDERS

__all__ = ["MISSING_REDIS", "Worker", "fleet", "redis_server", "worker_env"]

MISSING_REDIS = (
    "redis-server is not installed: `make test` installs it (Debian package redis-server, as root), "
    "or install it yourself (apt-get install redis-server)"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def redis_server() -> Iterator[str]:
    """A redis-server of its own on a free loopback port, without persistence; yields its URL, stops it after."""
    exe = shutil.which("redis-server")
    if exe is None:
        raise RuntimeError(MISSING_REDIS)
    port, folder = _free_port(), tempfile.mkdtemp(prefix="taskwait-redis-")
    command = [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {port}") from None
                time.sleep(0.02)
        client.close()
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def worker_env(broker_url: str, emulator: Any, settings: dict[str, Any], include: str = "") -> dict[str, str]:
    """The environment of a `taskwait.celery.worker` polling `emulator`: broker, settings, each key and base URL."""
    env = {"TASKWAIT_BROKER_URL": broker_url, "TASKWAIT_CELERY_SETTINGS": json.dumps(settings),
           "TASKWAIT_CELERY_INCLUDE": include}  # fmt: skip
    for provider in PROVIDERS:
        env[f"{provider.upper()}_API_KEY"] = emulator.api_key
        env[f"TASKWAIT_{provider.upper()}_BASE_URL"] = emulator.base_url(provider)
    return env


class Worker:
    """`celery -A taskwait.celery.worker worker|beat` as a subprocess with its own environment and log file."""

    def __init__(self, env: dict[str, str], name: str, *, beat: bool = False, concurrency: int = 8,
                 folder: str | None = None) -> None:  # fmt: skip
        self.folder = Path(folder or tempfile.mkdtemp(prefix="taskwait-celery-"))
        self.log = self.folder / f"{name}.log"
        if beat:
            args = ["beat", "-s", str(self.folder / f"{name}-schedule"), "--loglevel=INFO"]
        else:
            args = ["worker", "--pool=threads", f"--concurrency={concurrency}", "-n", f"{name}@%h", "--loglevel=INFO",
                    "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
        command = [sys.executable, "-m", "celery", "-A", "taskwait.celery.worker", *args]
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
        self.beat = beat

    def wait_ready(self, timeout: float = 30.0) -> Worker:
        marker = b"beat: Starting" if self.beat else b"ready."
        deadline = time.monotonic() + timeout
        while marker not in self.log.read_bytes():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"celery did not start:\n{self.log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.05)
        return self

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, its unacknowledged messages stay with the broker."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def fleet(env: dict[str, str], name: str, *, workers: int, concurrency: int = 8) -> Iterator[list[Worker]]:
    """`workers` workers and the beat sweeper, each ready; stopped, and their logs removed, after."""
    with tempfile.TemporaryDirectory(prefix="taskwait-celery-") as folder:
        procs: list[Worker] = []
        try:
            procs.extend(Worker(env, f"{name}{i}", concurrency=concurrency, folder=folder) for i in range(workers))
            procs.append(Worker(env, f"{name}-beat", beat=True, folder=folder))
            for proc in procs:
                proc.wait_ready()
            yield procs
        finally:
            for proc in procs:
                proc.stop()
