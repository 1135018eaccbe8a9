"""Start and stop real triplestores on loopback for tests: an Oxigraph server and Virtuoso.

Both run as child processes on free ports in temporary directories and are stopped by PID.
"""
from __future__ import annotations

import configparser
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            if httpx.get(url, timeout=1.0, trust_env=False).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"no answer from {url} within {seconds} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def oxigraph_binary() -> str:
    exe = Path(sys.executable).parent / "oxigraph"
    return str(exe) if exe.exists() else (shutil.which("oxigraph") or "oxigraph")


@contextmanager
def oxigraph_server(tmp: Path) -> Iterator[str]:
    """Yields the store SPEC of a fresh Oxigraph server."""
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp / "oxigraph"),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_http(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc)
        yield f"sparql+http://127.0.0.1:{port}/query"
    finally:
        stop(proc)


@contextmanager
def virtuoso_server(tmp: Path) -> Iterator[str]:
    """Yields the store SPEC of a fresh Virtuoso with its own database in ``tmp``."""
    exe = shutil.which("virtuoso-t")
    if not exe or not VIRTUOSO_INI.exists():
        raise RuntimeError("Virtuoso is not installed (Debian: virtuoso-opensource); "
                           "run scripts/install-system-deps.sh")
    db = tmp / "virtuoso"
    db.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = configparser.RawConfigParser(strict=False)
    ini.optionxform = str  # type: ignore[assignment,method-assign]
    ini.read(VIRTUOSO_INI)
    for section in ("Database", "TempDatabase"):
        for key in list(ini[section]):
            if key.endswith("File"):
                ini[section][key] = str(db / Path(ini[section][key]).name)
    params = ini["Parameters"]
    params["ServerPort"] = f"127.0.0.1:{sql_port}"
    params["DisableUnixSocket"] = "1"
    params["DirsAllowed"] = params.get("DirsAllowed", ".") + f", {db}"
    ini["HTTPServer"]["ServerPort"] = f"127.0.0.1:{http_port}"
    ini["SPARQL"]["ResultSetMaxRows"] = "1000000"
    ini["SPARQL"]["MaxQueryExecutionTime"] = "0"
    path = db / "virtuoso.ini"
    with path.open("w") as f:
        ini.write(f)
    proc = subprocess.Popen([exe, "-f", "-c", str(path)], cwd=db, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ})
    try:
        wait_http(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", proc, seconds=60)
        yield (f"sparql+http://127.0.0.1:{http_port}/sparql?update=/sparql-auth&store=/sparql-graph-crud-auth"
               "&graph-param=graph-uri&user=dba&password=dba&auth=digest")
    finally:
        stop(proc)
