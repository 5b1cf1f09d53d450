"""A running world: one scenario's sites, each on its own loopback port, sharing one SimClock."""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from typing import Any, Self

from .board import Board
from .clock import SimClock
from .complaints import Complaints
from .content import PortalModel, build_portal
from .httpbase import SimServer
from .manifest import build_manifest
from .messages import Message, board_messages
from .portal import Portal
from .scenarios import get_scenario, resolve_params

SITE_ORDER = ("portal", "board", "complaints")


def _models(
    scenario_name: str, params: dict[str, Any] | None
) -> tuple[Any, dict[str, Any], PortalModel, list[Message], str]:
    scenario = get_scenario(scenario_name)
    resolved = resolve_params(scenario, params)
    model = build_portal(scenario, resolved)
    rows, source = board_messages(scenario.name, resolved, scenario.county.name)
    return scenario, resolved, model, rows, source


class World:
    """Start with :func:`serve_scenario`; ``urls`` maps site name → ``http://127.0.0.1:PORT/``."""

    def __init__(
        self, scenario: str, params: dict[str, Any] | None = None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.scenario, self.params, self.portal_model, self.board_rows, self.board_source = _models(scenario, params)
        self.name = self.scenario.name
        self.host = host
        self.clock = SimClock(self.params["today"])
        self.stop_event = threading.Event()
        self.servers: dict[str, SimServer] = {}
        self._threads: list[threading.Thread] = []
        # Bind every port before building the apps: pages link across sites by absolute URL.
        for i, site in enumerate(SITE_ORDER):
            self.servers[site] = SimServer(host, port + i if port else 0, app=None)  # type: ignore[arg-type]
        # A bound socket that never listens: connecting to it is refused ("a port where nothing listens").
        self._dead = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._dead.bind((host, port + len(SITE_ORDER) if port else 0))
        self.urls: dict[str, str] = {s: f"http://{host}:{srv.server_address[1]}/" for s, srv in self.servers.items()}
        self.dead_url = f"http://{host}:{self._dead.getsockname()[1]}/"
        self.apps = {"portal": Portal(self), "board": Board(self), "complaints": Complaints(self)}
        for site, srv in self.servers.items():
            srv.app = self.apps[site]
        self._closed = False

    @property
    def all_urls(self) -> dict[str, str]:
        return {**self.urls, "dead": self.dead_url}

    def start(self) -> World:
        for site, srv in self.servers.items():
            t = threading.Thread(
                target=srv.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"samplesite-{self.name}-{site}",
                daemon=True,
            )
            t.start()
            self._threads.append(t)
        return self

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.stop_event.set()  # wakes handlers sleeping in a simulated delay or hang
        # shutdown() waits up to one poll interval per server: stop them in parallel.
        stoppers = [threading.Thread(target=srv.shutdown) for srv in self.servers.values()]
        for t in stoppers:
            t.start()
        for t in stoppers:
            t.join()
        for srv in self.servers.values():
            srv.server_close()
        self._dead.close()
        for t in self._threads:
            t.join(timeout=5)

    def stats(self) -> dict[str, Any]:
        return {site: app.stats() for site, app in self.apps.items()}

    def manifest(self) -> dict[str, Any]:
        return build_manifest(
            self.name, self.params, self.all_urls, self.portal_model, self.board_rows, self.board_source, world=self
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def serve_scenario(
    scenario: str, params: dict[str, Any] | None = None, host: str = "127.0.0.1", port: int = 0
) -> Iterator[World]:
    """Serve every site of ``scenario`` on loopback (ephemeral ports unless ``port`` is given:
    then portal = port, board = port+1, complaints = port+2, refused port = port+3)."""
    world = World(scenario, params, host, port).start()
    try:
        yield world
    finally:
        world.close()


def default_urls(port: int = 8000, host: str = "127.0.0.1") -> dict[str, str]:
    names = (*SITE_ORDER, "dead")
    return {n: f"http://{host}:{port + i}/" for i, n in enumerate(names)}


def manifest_for(
    scenario: str, base_urls: dict[str, str] | None = None, params: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The ground truth without serving.  Without ``base_urls`` the URLs are those
    ``serve_forever(scenario, port=8000)`` would use."""
    urls = default_urls()
    if base_urls:
        urls.update({k: v if v.endswith("/") else v + "/" for k, v in base_urls.items()})
    sc, resolved, model, rows, source = _models(scenario, params)
    return build_manifest(sc.name, resolved, urls, model, rows, source)


def serve_forever(
    scenario: str,
    port: int = 0,
    params: dict[str, Any] | None = None,
    host: str = "127.0.0.1",
    manifest_path: str | None = None,
) -> None:
    """Serve until Ctrl-C (or SIGTERM), printing the site URLs; shuts down cleanly."""
    stop = threading.Event()
    with serve_scenario(scenario, params, host, port) as world:
        print(f"sample sites — scenario {world.name} ({world.scenario.description})")
        print(f"clock: {world.clock.now().isoformat()}  (POST /_sim/clock to move it)")
        for site, url in world.urls.items():
            print(f"  {site:<11} {url}")
        if manifest_path:
            with open(manifest_path, "w", encoding="utf-8") as fh:
                json.dump(world.manifest(), fh, ensure_ascii=False, indent=2)
            print(f"manifest written to {manifest_path}")
        print("Ctrl-C to stop.", flush=True)
        old = None
        if threading.current_thread() is threading.main_thread():
            old = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            if old is not None:
                signal.signal(signal.SIGTERM, old)
    print("stopped.", file=sys.stderr)
