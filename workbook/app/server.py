"""Voilà locked as JupyterLab is: a token per launch, local Host names only, a cap on kernels.

``workbook app`` runs ``python -m workbook.app.server [Voilà options] NOTEBOOK``. Voilà 0.5
on its own serves with no token (``Voila.token`` unset means none) and with
``allow_remote_access=True`` hard-coded, so any local process, or a web page using DNS
rebinding, could read and drive the forms; every page load also starts a kernel, with no
limit. Here, Voilà's own application is used with these changes:

* **Token.** Unless one is given (``--Voila.token=…``, never empty), a new random token
  (``secrets.token_urlsafe``) is made at each launch; the URL printed and the page the
  browser opens carry it. Voilà's handlers then refuse a request without it (the page
  redirects to the login form; the kernel API and websocket answer 403), and a page opened
  with the token sets a login cookie for the rest.
* **Host and Origin.** Every request, websockets and static files included, is refused with
  403 unless its ``Host`` is ``localhost``, ``127.0.0.1`` or ``[::1]`` (any port), and unless
  its ``Origin``, when it has one, is one of those too. Jupyter's own Host check is switched
  back on as well, and its websocket check still refuses an Origin other than the Host.
* **Kernels.** At most ``CappedKernelManager.max_kernels`` kernels at once (a page load past
  that gets a 503 saying so), and a kernel no page is connected to is shut down after
  ``IDLE_KERNEL_SECONDS`` of quiet. Voilà itself shuts a page's kernel down when the page
  is closed (a beacon on ``beforeunload``); the culling catches the pages that never say so.
  On Linux the kernels listen on Unix sockets in Voilà's private (0700) connection folder
  instead of TCP ports on 127.0.0.1 (``use_ipc``).

Nothing here reads or logs journal text: the refusals name the Host or Origin only.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
import tempfile
import threading
import uuid
import webbrowser
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit
from urllib.request import pathname2url

import tornado.web
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from tornado.log import app_log
from traitlets import Integer, default
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
MAX_KERNELS = 8
IDLE_KERNEL_SECONDS = 120
CULL_INTERVAL_SECONDS = 30

_HOST = re.compile(r"^(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<name>[^\[\]/@:\s]+))(?::\d{1,5})?$")


def host_name(host: str | None) -> str | None:
    """The name in a ``Host`` header, lower case, without port or brackets; None if malformed.

    ``127.0.0.1:8866`` -> ``127.0.0.1``; ``[::1]:8866`` -> ``::1``; ``LocalHost`` -> ``localhost``.
    """
    match = _HOST.match(host or "")
    if match is None:
        return None
    return (match.group("ipv6") or match.group("name")).lower()


def is_local_host(host: str | None) -> bool:
    """Whether a ``Host`` header names this computer: localhost, 127.0.0.1 or [::1], any port."""
    return host_name(host) in LOCAL_HOSTS


def is_local_origin(origin: str) -> bool:
    """Whether an ``Origin`` header is a page of this computer (http or https, a local Host)."""
    try:
        parts = urlsplit(origin.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and not parts.path.strip("/") and is_local_host(parts.netloc)


def refusal(host: str | None, origin: str | None) -> str | None:
    """Why a request with this ``Host`` and ``Origin`` is refused, or None if it may go on."""
    if not is_local_host(host):
        return "Refused: the workbook app answers only to localhost, 127.0.0.1 or [::1] in the Host header."
    if origin is not None and not is_local_origin(origin):
        return "Refused: the workbook app answers only to pages of this computer (the Origin header is another)."
    return None


def use_ipc(connection_dir: str) -> bool:
    """Whether kernels can talk over Unix sockets in ``connection_dir``: on Linux, when the
    longest socket path (``kernel-<uuid>-ipc-5``) fits the 108-byte limit with room to spare."""
    longest = os.path.join(connection_dir, f"kernel-{uuid.UUID(int=0)}-ipc-5")
    return sys.platform.startswith("linux") and len(os.fsencode(longest)) < 100


class RefusedHandler(tornado.web.RequestHandler):
    """Answers 403 with one line of plain text, for any method (websocket upgrades included)."""

    def initialize(self, reason: str) -> None:
        self.reason = reason

    def prepare(self) -> None:
        app_log.warning("%s (Host %r, Origin %r)", self.reason, self.request.host, self.request.headers.get("Origin"))
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(self.reason + "\n")


class LocalOnlyApplication(tornado.web.Application):
    """Tornado's application, refusing any request whose Host or Origin is not local."""

    def find_handler(self, request: Any, **kwargs: Any) -> Any:
        reason = refusal(request.headers.get("Host"), request.headers.get("Origin"))
        if reason is not None:
            return self.get_handler_delegate(request, RefusedHandler, {"reason": reason})
        return super().find_handler(request, **kwargs)


class CappedKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager with a cap on running kernels and idle culling switched on."""

    max_kernels = Integer(MAX_KERNELS, config=True, help="How many kernels may run at once (one per open page).")

    @default("cull_idle_timeout")
    def _default_cull_idle_timeout(self) -> int:
        return IDLE_KERNEL_SECONDS

    @default("cull_interval")
    def _default_cull_interval(self) -> int:
        return CULL_INTERVAL_SECONDS

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._starting: set[str] = set()

    async def start_kernel(self, *args: Any, kernel_id: str | None = None, **kwargs: Any) -> str:
        if kernel_id is not None and kernel_id in self:
            return await super().start_kernel(*args, kernel_id=kernel_id, **kwargs)
        running = set(self.list_kernel_ids()) | self._starting
        if len(running) >= self.max_kernels:
            message = (
                f"Too many pages open ({self.max_kernels}, the most the app allows): close one and reload this page"
            )
            raise tornado.web.HTTPError(503, message, reason=message)  # Voilà's error page shows the reason
        kernel_id = kernel_id or str(uuid.uuid4())
        self._starting.add(kernel_id)
        try:
            return await super().start_kernel(*args, kernel_id=kernel_id, **kwargs)
        finally:
            self._starting.discard(kernel_id)


class PageHandler(TornadoVoilaHandler):
    """Voilà's page, which also sets the ``_xsrf`` cookie: the page sends it back in the
    beacon that shuts its kernel down when it is closed. Without the cookie Jupyter refuses
    that POST (403), and the kernel waited for the idle culling."""

    async def prepare(self) -> None:
        await super().prepare()
        self.xsrf_token  # noqa: B018 (reading it sets the cookie)


class WorkbookVoila(Voila):
    """Voilà with a per-launch token, local Host and Origin only, and capped, culled kernels."""

    description = "Voilà for the Reflective Workbook: token, local Host names only, a cap on kernels."
    _open_file: str | None = None

    def init_settings(self) -> dict:
        generated = not self.token
        if generated:
            self.token = secrets.token_urlsafe(32)
        configuration = self.voila_configuration
        if not issubclass(configuration.multi_kernel_manager_class, CappedKernelManager):
            configuration.multi_kernel_manager_class = CappedKernelManager
        settings = super().init_settings()
        self.identity_provider.token_generated = generated  # the printed URL carries the whole token
        settings.update(allow_remote_access=False, local_hostnames=["localhost"])
        return settings

    def start(self) -> None:
        # Voilà's start(), with LocalOnlyApplication instead of tornado.web.Application.
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        self.log.info("Storing connection files in %s.", self.connection_dir)
        if use_ipc(self.connection_dir) and "transport" not in self.config.KernelManager:
            # Kernels on Unix sockets in the 0700 connection folder, not on TCP ports any
            # local user can reach (ipykernel warns at each start about TCP without encryption).
            self.config.KernelManager.transport = "ipc"
        settings = self.init_settings()
        self.app = LocalOnlyApplication(**settings)
        self.app.settings.update(self.tornado_settings)
        self.app.settings.update(allow_remote_access=False)  # tornado_settings may not undo it
        self.app.add_handlers(".*$", self.init_handlers())
        self.listen()

    def init_handlers(self) -> list:
        return [
            (rule[0], PageHandler, *rule[2:]) if rule[1] is TornadoVoilaHandler else rule
            for rule in super().init_handlers()
        ]

    @property
    def token_url(self) -> str:
        """The address to open: the server's own, with the token."""
        return url_path_join(self.connection_url, self.base_url) + "?" + urlencode({"token": self.token})

    def launch_browser(self) -> None:
        # As Voilà's, but the page opened carries the token (in a private file, not on a
        # command line other users can see).
        try:
            browser = webbrowser.get(self.browser or None)
        except webbrowser.Error as exc:
            self.log.warning("No web browser found: %s.", exc)
            return
        fd, self._open_file = tempfile.mkstemp(prefix="workbook-app-", suffix=".html")
        template = self.app.settings["voila_jinja2_env"].get_template("browser-open.html")
        from voila.utils import create_include_assets_functions

        with open(fd, "w", encoding="utf-8") as handle:
            handle.write(
                template.render(
                    open_url=self.token_url,
                    base_url=self.connection_url,
                    theme=self.voila_configuration.theme,
                    **create_include_assets_functions(self.voila_configuration.template, self.connection_url),
                )
            )
        target = urljoin("file:", pathname2url(self._open_file))
        threading.Thread(target=lambda: browser.open(target, new=self.webbrowser_open_new), daemon=True).start()

    def stop(self) -> None:
        if self._open_file:
            try:
                os.unlink(self._open_file)
            except OSError:
                pass
        super().stop()


main = WorkbookVoila.launch_instance

if __name__ == "__main__":
    main()
