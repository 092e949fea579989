"""`workbook app` serves Voilà locked as JupyterLab is (F1): a real server on a free port.

The server is started with the command ``workbook app`` builds (``voila_argv`` and
``voila_env``) on a one-cell notebook in a temporary folder, with Jupyter and IPython folders
of its own. What an attacker on this computer, or a web page using DNS rebinding, would try
is refused: a request without the token, a foreign Host header, a websocket to a kernel from
a foreign Origin, and more kernels than the cap.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import websocket

from workbook.app.launch import prepare_kernel_dir, voila_argv, voila_env
from workbook.app.server import use_ipc

pytestmark = pytest.mark.slow

START_TIMEOUT = 90  # s: Voilà imports jupyter_server and more; a busy 2-core machine is slow
MAX_KERNELS = 2

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# A page"]},
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": ["shown = 6 * 7"]},
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


@dataclass
class Voila:
    base: str
    port: int
    token: str
    log: Path
    opened: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def voila(tmp_path_factory) -> Iterator[Voila]:
    home = tmp_path_factory.mktemp("voila-locked")
    (home / "notebooks").mkdir()
    (home / "notebooks" / "page.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    ipython = prepare_kernel_dir(home / "ipython")
    port = _free_port()
    env = voila_env(
        {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_DATA_DIR": str(home / "data"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "WORKBOOK_JOURNAL": str(home / "journal.db"),
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        },
        ipython,
    )
    opened = home / "opened.html"  # the "browser": a copy of the page Voilà asks it to open
    browser = f"sh -c 'cat \"${{0#file://}}\" > {opened}' %s"
    extra = (
        f"--Voila.browser={browser}",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--CappedKernelManager.max_kernels={MAX_KERNELS}",
    )
    argv = voila_argv(home / "notebooks", "page.ipynb", extra)
    log = home / "voila.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(argv, env=env, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        pattern = re.compile(rf"http://127\.0\.0\.1:{port}/\?token=(\S+)")
        while (match := pattern.search(log.read_text(errors="replace"))) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Voilà did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield Voila(f"http://127.0.0.1:{port}", port, match.group(1), log, opened)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def opened(voila) -> httpx.Response:
    """The page opened with the token and a local Host (it starts one kernel of the two allowed)."""
    response = httpx.get(f"{voila.base}/?token={voila.token}", headers={"Host": f"127.0.0.1:{voila.port}"}, timeout=120)
    assert response.status_code == 200, response.text[:500]
    return response


@pytest.fixture(scope="module")
def page_html(opened) -> str:
    return opened.text


@pytest.fixture(scope="module")
def page(opened) -> tuple[str, str]:
    """The page opened with the token: (the kernel id it names, the login cookie it set)."""
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]{36})"', opened.text).group(1)
    cookie = "; ".join(f"{name}={value}" for name, value in opened.cookies.items())
    assert cookie, "opening the page with the token sets no login cookie"
    return kernel_id, cookie


def _refused(response: httpx.Response) -> bool:
    if response.status_code == 403:
        return True
    return response.status_code in (301, 302) and "/login" in response.headers.get("location", "")


def test_the_printed_url_carries_a_new_random_token(voila):
    assert len(voila.token) >= 40
    assert re.fullmatch(r"[A-Za-z0-9_-]+", voila.token)  # secrets.token_urlsafe
    assert "--Voila.token" not in " ".join(voila_argv(Path("/x"), None)), "a token on a command line is public"


def test_the_page_the_browser_opens_carries_the_token(voila):
    deadline = time.monotonic() + 30
    while not (voila.opened.exists() and voila.opened.stat().st_size):
        assert time.monotonic() < deadline, "Voilà opened no browser page"
        time.sleep(0.2)
    assert f"http://127.0.0.1:{voila.port}/?token={voila.token}" in voila.opened.read_text()


def test_a_request_without_the_token_gets_no_page_and_no_kernel(voila):
    response = httpx.get(f"{voila.base}/", timeout=30)
    assert _refused(response), response.status_code
    assert "kernelId" not in response.text
    wrong = httpx.get(f"{voila.base}/?token={voila.token[:-2]}xx", timeout=30)
    assert _refused(wrong) and "kernelId" not in wrong.text


def test_the_kernel_api_needs_the_token(voila, page):
    kernel_id, _cookie = page
    assert httpx.get(f"{voila.base}/api/kernels/{kernel_id}", timeout=30).status_code == 403
    with_token = httpx.get(f"{voila.base}/api/kernels/{kernel_id}?token={voila.token}", timeout=30)
    assert with_token.status_code == 200


def test_the_page_opened_with_the_token_is_served_without_its_code(page_html):
    assert "A page" in page_html
    assert "6 * 7" not in page_html


def test_local_host_names_are_answered(voila):
    for host in ("127.0.0.1", f"127.0.0.1:{voila.port}", f"localhost:{voila.port}", f"[::1]:{voila.port}"):
        response = httpx.get(f"{voila.base}/voila/static/voila.js", headers={"Host": host}, timeout=30)
        assert response.status_code != 403, host


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "rebind.evil.example", "127.0.0.1.evil.example:{port}", "0x7f.1"]
)
def test_a_foreign_host_is_refused_even_with_the_token(voila, host):
    host = host.format(port=voila.port)
    response = httpx.get(f"{voila.base}/?token={voila.token}", headers={"Host": host}, timeout=30)
    assert response.status_code == 403
    assert "kernelId" not in response.text
    static = httpx.get(f"{voila.base}/voila/static/voila.js", headers={"Host": host}, timeout=30)
    assert static.status_code == 403


def _websocket(voila, kernel_id: str, **options):
    url = f"ws://127.0.0.1:{voila.port}/api/kernels/{kernel_id}/channels"
    return websocket.create_connection(url, timeout=30, **options)


def _status(exc: BaseException) -> int | None:
    return getattr(exc, "status_code", None)


def test_a_websocket_from_the_page_itself_is_accepted(voila, page):
    kernel_id, cookie = page
    ws = _websocket(voila, kernel_id, cookie=cookie, origin=voila.base)
    ws.close()


@pytest.mark.parametrize(
    "origin, host",
    [
        ("http://evil.example", None),  # a page elsewhere
        ("http://rebind.evil.example:{port}", "rebind.evil.example:{port}"),  # DNS rebinding
        ("http://localhost:{port}", None),  # another local name: Jupyter's own Origin == Host check
        ("null", None),  # a sandboxed frame or a file
    ],
)
def test_a_websocket_from_a_foreign_origin_is_refused(voila, page, origin, host):
    kernel_id, cookie = page
    options = {"cookie": cookie, "origin": origin.format(port=voila.port)}
    if host:
        options["host"] = host.format(port=voila.port)
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        _websocket(voila, kernel_id, **options).close()
    assert _status(refused.value) == 403


def test_a_websocket_without_the_login_is_refused(voila, page):
    kernel_id, _cookie = page
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        _websocket(voila, kernel_id, origin=voila.base).close()
    assert _status(refused.value) == 403


def test_closing_a_page_shuts_its_kernel_down(voila, page):
    """What the page's beforeunload beacon sends: a POST with the _xsrf cookie's value."""
    with httpx.Client(base_url=voila.base, timeout=120) as client:
        opened = client.get(f"/?token={voila.token}")
        assert opened.status_code == 200
        kernel_id = re.search(r'"kernelId": "([0-9a-f-]{36})"', opened.text).group(1)
        xsrf = client.cookies.get("_xsrf")
        assert xsrf, "the page sets no _xsrf cookie, so its beacon is refused"
        assert client.post(f"/voila/api/shutdown/{kernel_id}", data={"_xsrf": xsrf}).status_code == 204
        assert client.get(f"/api/kernels/{kernel_id}").status_code == 404
        assert client.post(f"/voila/api/shutdown/{page[0]}", data={"_xsrf": ""}).status_code == 403


def test_page_loads_cannot_start_kernels_without_limit(voila, page):
    """The page fixture holds one kernel of the two allowed: one more page, then a clear 503."""
    statuses = []
    for _ in range(MAX_KERNELS):
        response = httpx.get(f"{voila.base}/?token={voila.token}", timeout=120)
        statuses.append(response.status_code)
    assert statuses == [200] * (MAX_KERNELS - 1) + [503]
    assert "close one and reload" in response.text
    assert "kernelId" not in response.text
    assert "Culling kernels with idle durations > 120 seconds" in voila.log_text()


def test_kernels_talk_over_private_sockets_not_tcp(voila, page):
    if not sys.platform.startswith("linux"):
        pytest.skip("Unix sockets for kernels are used on Linux only")
    assert "running over TCP without encryption" not in voila.log_text()


def test_ipc_is_used_only_when_the_socket_path_fits():
    assert use_ipc("/tmp/voila_abcdefgh") is sys.platform.startswith("linux")
    assert not use_ipc("/" + "x" * 80)
