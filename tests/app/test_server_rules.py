"""The rules ``workbook.app.server`` applies to every request, and its kernel manager's limits."""

from __future__ import annotations

import asyncio

import pytest
import tornado.web

from workbook.app.server import (
    IDLE_KERNEL_SECONDS,
    CappedKernelManager,
    host_name,
    is_local_host,
    is_local_origin,
    refusal,
)


@pytest.mark.parametrize(
    "host, name",
    [
        ("127.0.0.1:8866", "127.0.0.1"),
        ("127.0.0.1", "127.0.0.1"),
        ("LocalHost:1", "localhost"),
        ("[::1]:8866", "::1"),
        ("[::1]", "::1"),
        ("evil.example:8866", "evil.example"),
        ("", None),
        ("a@127.0.0.1", None),
        ("127.0.0.1:8866/x", None),
        ("[::1", None),
        (None, None),
    ],
)
def test_host_name(host, name):
    assert host_name(host) == name


@pytest.mark.parametrize("host", ["localhost", "localhost:8866", "127.0.0.1:1", "[::1]:65535"])
def test_local_hosts_are_answered(host):
    assert is_local_host(host)
    assert refusal(host, None) is None
    assert refusal(host, "http://127.0.0.1:8866") is None


@pytest.mark.parametrize(
    "host",
    ["evil.example:8866", "localhost.evil.example", "127.0.0.1.nip.io:8866", "127.0.0.2:8866", "0:8866", "", None],
)
def test_other_hosts_are_refused(host):
    assert not is_local_host(host)
    assert "Host" in refusal(host, None)


@pytest.mark.parametrize(
    "origin, local",
    [
        ("http://127.0.0.1:8866", True),
        ("http://localhost:8866", True),
        ("https://[::1]:8866", True),
        ("http://evil.example", False),
        ("http://127.0.0.1.evil.example:8866", False),
        ("null", False),
        ("file://", False),
        ("http://127.0.0.1:8866/path", False),
        ("", False),
    ],
)
def test_origins(origin, local):
    assert is_local_origin(origin) is local
    assert (refusal("127.0.0.1:8866", origin) is None) is local


def test_refusals_name_only_headers():
    assert refusal("evil.example", None).startswith("Refused:")
    assert "Origin" in refusal("127.0.0.1", "http://evil.example")


def test_the_kernel_manager_culls_idle_unconnected_kernels():
    manager = CappedKernelManager()
    assert manager.cull_idle_timeout == IDLE_KERNEL_SECONDS > 0
    assert manager.cull_interval > 0
    assert manager.cull_connected is False  # a page still open keeps its kernel
    assert manager.max_kernels >= 2


def test_the_kernel_manager_refuses_a_kernel_past_the_cap():
    manager = CappedKernelManager(max_kernels=0)
    with pytest.raises(tornado.web.HTTPError) as refused:
        asyncio.run(manager.start_kernel(kernel_name="python3"))
    assert refused.value.status_code == 503
    assert "close one and reload" in refused.value.reason
