"""A small pool of worker processes that run queries and can be killed.

pyoxigraph has no timeout and no way to cancel a running query: a thread that calls into the
engine runs until the engine returns (one abandoned query held a core and ~140 MB; 42 of them took
the server to 6.1 GB). So ``/sparql`` sends each query to a worker process forked from the server:
the worker shares the store's memory copy-on-write (no copy, no start-up cost), parses, runs and
serialises the query, and sends the finished body back. A query past its time limit is answered
503 and its worker is killed (SIGKILL): its CPU and memory are back at once, and a new worker is
forked on the next request. A query that crashes its worker (a parser stack overflow) costs only
that worker.

The pool has ``size`` workers (default: the machine's cores); at most ``max_waiting`` requests
wait for one, and a request that finds the queue full gets 503 with Retry-After.

Each worker drops its network: it moves into a new network namespace (Linux ``unshare``), where
only an unconfigured loopback exists, so a query cannot make the server send a request anywhere
even if it slipped past :mod:`plangraf.api.guard`. Where namespaces are not permitted the worker
runs without that wall (``Sandbox.network_isolated`` says which; the server logs a warning).

Workers are forked from the server process; after a write to the store (SPARQL Update) the pool is
refreshed: idle workers are killed and new ones forked from the updated store.
"""
from __future__ import annotations

import asyncio
import contextlib
import ctypes
import errno
import logging
import os
import pickle
import select
import signal
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from plangraf.graph.results import QueryError

log = logging.getLogger("plangraf.api")
_HEADER = struct.Struct("!Q")
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


@dataclass
class Reply:
    """An HTTP answer made in a worker: status, media type, body, extra headers."""
    status: int
    media: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Busy(QueryError):
    """Every worker is busy and the queue is full."""

    def __init__(self, message: str) -> None:
        super().__init__(message, 503)


def _send(sock: socket.socket, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_HEADER.pack(len(data)) + data)


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(min(n - len(buf), 1 << 20))
        if not chunk:
            raise EOFError("the worker closed its socket")
        buf += chunk
    return bytes(buf)


def _recv(sock: socket.socket) -> Any:
    (n,) = _HEADER.unpack(_recv_exact(sock, _HEADER.size))
    return pickle.loads(_recv_exact(sock, n))


def _areply(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> asyncio.Future[Any]:
    """A future for the next message on ``sock``, read on the event loop as it arrives (a big
    answer comes in many pieces; the socket is non-blocking meanwhile)."""
    fut: asyncio.Future[Any] = loop.create_future()
    fd = sock.fileno()
    buf = bytearray()
    need: list[int] = []
    sock.setblocking(False)

    def readable() -> None:
        if fut.done():
            return
        try:
            while True:
                chunk = sock.recv(1 << 20)
                if not chunk:
                    raise EOFError("the worker closed its socket")
                buf.extend(chunk)
                if not need and len(buf) >= _HEADER.size:
                    need.append(_HEADER.size + _HEADER.unpack_from(buf)[0])
                if need and len(buf) >= need[0]:
                    fut.set_result(pickle.loads(bytes(buf[_HEADER.size:need[0]])))
                    return
        except BlockingIOError:
            return  # the rest is still coming
        except (EOFError, OSError) as exc:
            fut.set_exception(exc)

    loop.add_reader(fd, readable)
    fut.add_done_callback(lambda _: loop.remove_reader(fd))
    return fut


def drop_network() -> bool:
    """Move this (single-threaded) process into an empty network namespace; True when it worked."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return True
    return False


IN_WORKER = False  # True in a forked query worker


def _worker_main(sock: socket.socket, run: Callable[[Any], Reply], ppid: int, isolate: bool) -> int:
    global IN_WORKER
    IN_WORKER = True
    isolated = drop_network() if isolate else False
    _send(sock, {"pid": os.getpid(), "network_isolated": isolated})
    while True:
        ready, _, _ = select.select([sock], [], [], 1.0)
        if not ready:
            if os.getppid() != ppid:  # the server is gone
                return 0
            continue
        try:
            job = _recv(sock)
        except (EOFError, OSError):
            return 0
        try:
            reply = run(job)
        except QueryError as exc:
            reply = Reply(exc.status, "text/plain; charset=utf-8", (str(exc) + "\n").encode())
        except Exception as exc:  # noqa: BLE001 -- a bug must not kill the worker silently: report it
            reply = Reply(500, "text/plain; charset=utf-8", f"query failed: {exc!r}\n".encode())
        _send(sock, reply)


@dataclass
class _Worker:
    pid: int
    sock: socket.socket
    generation: int


class Sandbox:
    """``call(job, timeout)`` runs ``run(job)`` in a worker process (see the module docstring).
    ``run`` is called in the forked child, so it sees the server's objects as they were at fork."""

    def __init__(self, run: Callable[[Any], Reply], size: int | None = None, max_waiting: int = 16,
                 isolate_network: bool = True) -> None:
        self.run = run
        self.size = max(1, size or os.cpu_count() or 1)
        self.max_waiting = max_waiting
        self.isolate_network = isolate_network
        self.network_isolated: bool | None = None  # known once a worker has started
        self.generation = 0
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._all: dict[int, _Worker] = {}
        self._waiting = 0
        self._closed = False

    # -- processes ------------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent, child = socket.socketpair()
        ppid = os.getpid()
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the caller's stack
            code = 1
            try:
                keep = child.fileno()
                os.closerange(3, keep)  # the server's listening socket, other workers' sockets, …
                os.closerange(keep + 1, 1 << 16)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                code = _worker_main(child, self.run, ppid, self.isolate_network)
            finally:
                os._exit(code)
        child.close()
        worker = _Worker(pid, parent, self.generation)
        try:
            hello = _recv(parent)
        except (EOFError, OSError) as exc:
            self._kill(worker)
            raise QueryError(f"a query worker failed to start: {exc}", 500) from exc
        if self.network_isolated is None:
            self.network_isolated = bool(hello.get("network_isolated"))
            if self.isolate_network and not self.network_isolated:
                log.warning("query workers could not drop their network (no unshare permission): "
                            "only the SPARQL guard keeps queries from making requests")
        self._all[pid] = worker
        return worker

    def _kill(self, worker: _Worker) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(worker.pid, 0)
        worker.sock.close()
        self._all.pop(worker.pid, None)

    def pids(self) -> list[int]:
        """The live workers' process ids."""
        with self._cond:
            return list(self._all)

    # -- the pool -------------------------------------------------------------------------------
    def _acquire(self, wait: float) -> _Worker:
        with self._cond:
            if self._closed:
                raise QueryError("the server is shutting down", 503)
            if not self._idle and len(self._all) >= self.size and self._waiting >= self.max_waiting:
                raise Busy(f"all {self.size} query workers are busy and {self._waiting} requests are "
                           "waiting; try again shortly")
            self._waiting += 1
            try:
                ok = self._cond.wait_for(lambda: self._idle or len(self._all) < self.size or self._closed,
                                         timeout=wait)
                if self._closed:
                    raise QueryError("the server is shutting down", 503)
                if not ok:
                    raise Busy(f"no query worker became free within {wait:g} s; try again shortly")
                if self._idle:
                    return self._idle.pop()
                return self._spawn()
            finally:
                self._waiting -= 1

    def _release(self, worker: _Worker | None) -> None:
        with self._cond:
            if worker is not None:
                if worker.generation == self.generation and not self._closed:
                    self._idle.append(worker)
                else:
                    self._kill(worker)
            self._cond.notify()

    def _acquire_now(self) -> _Worker | None:
        """An idle worker, or a new one while the pool is not full; None without waiting."""
        with self._cond:
            if self._closed:
                raise QueryError("the server is shutting down", 503)
            if self._idle:
                return self._idle.pop()
            if len(self._all) < self.size and not self._waiting:
                return self._spawn()
            return None

    async def acall(self, job: Any, timeout: float) -> Reply:
        """``call`` for the event loop: with a worker free, talk to it on the loop (no thread);
        otherwise wait for one in a thread."""
        worker = self._acquire_now()
        if worker is None:
            from fastapi.concurrency import run_in_threadpool
            return await run_in_threadpool(self.call, job, timeout)
        loop = asyncio.get_running_loop()
        sock = worker.sock
        try:
            # The job is small: a blocking send does not wait. The reply is read as it arrives,
            # the time limit is a timer on the loop.
            sock.setblocking(True)
            _send(sock, job)
            reply: Reply = await asyncio.wait_for(_areply(loop, sock), timeout)
        except TimeoutError:
            self._discard(worker)
            worker = None
            raise QueryError(f"the query ran past the time limit of {timeout:g} s and was stopped", 503) from None
        except (EOFError, OSError) as exc:
            self._discard(worker)
            worker = None
            raise QueryError("the query crashed the process running it (the server is fine)", 500) from exc
        except BaseException:  # cancelled (the client went away): the worker's state is unknown
            self._discard(worker)
            worker = None
            raise
        finally:
            self._release(worker)
        return reply

    def _discard(self, worker: _Worker) -> None:
        with self._cond:
            self._kill(worker)

    def call(self, job: Any, timeout: float, wait: float | None = None) -> Reply:
        """Run ``job`` in a worker; blocking (call it from a thread). Raises QueryError 503 when the
        query ran past ``timeout`` seconds (its worker is killed) or no worker is free within
        ``wait`` seconds (default: ``timeout``)."""
        worker: Any = self._acquire(timeout if wait is None else wait)   # None once killed
        try:
            worker.sock.setblocking(True)
            _send(worker.sock, job)
            ready, _, _ = select.select([worker.sock], [], [], timeout)
            if not ready:
                with self._cond:
                    self._kill(worker)
                worker = None
                raise QueryError(f"the query ran past the time limit of {timeout:g} s and was stopped", 503)
            reply: Reply = _recv(worker.sock)
        except (EOFError, OSError) as exc:
            if worker is not None:
                with self._cond:
                    self._kill(worker)
                worker = None
            if isinstance(exc, OSError) and exc.errno not in (None, errno.EPIPE, errno.ECONNRESET):
                raise
            raise QueryError("the query crashed the process running it (the server is fine)", 500) from exc
        finally:
            self._release(worker)
        return reply

    def refresh(self) -> None:
        """The store changed: kill idle workers now and busy ones when they finish; new workers
        are forked (from the changed store) on demand."""
        with self._cond:
            self.generation += 1
            for worker in self._idle:
                self._kill(worker)
            self._idle.clear()
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            for worker in list(self._all.values()):
                self._kill(worker)
            self._idle.clear()
            self._cond.notify_all()
