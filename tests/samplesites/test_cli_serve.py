"""`sample-sites serve`: its help explains the controllable clock; a port clash names the port (issue 15)."""

from __future__ import annotations

import socket
import subprocess
import sys


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "inspector.cli", *args], capture_output=True, text=True, timeout=60)


def test_help_explains_the_controllable_clock():
    out = _cli("sample-sites", "serve", "--help").stdout
    assert "/_sim/clock" in out and "advance_days" in out and "does not tick by itself" in out
    assert "--as-of" in out and "stale_news_policy=0" in out


def test_a_port_clash_names_the_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = _cli("sample-sites", "serve", "--port", str(port - 1))
    assert out.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in out.stderr and "Errno" not in out.stderr


def test_unknown_parameter_is_one_line():
    out = _cli("sample-sites", "serve", "--param", "stale_hom=1")
    assert out.returncode == 2 and "unknown scenario parameter 'stale_hom'" in out.stderr
