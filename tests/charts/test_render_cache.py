"""The offline chart bundle is kept on disk: made once, read back only when whole and current."""

from __future__ import annotations

import json
import os
import stat
import sys

import altair as alt
import pytest

from workbook import charts, paths
from workbook.charts import render

FAKE = "/* vega bundle stand-in */ export default {render() {}};\n" * 2000


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache folder of its own, JupyterChart as if no bundle had been loaded, and a counted
    stand-in for vl-convert's build."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setattr(alt.JupyterChart, "_esm", alt.JupyterChart._esm)
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False)
    builds: list[str] = []

    def build() -> str:
        builds.append(FAKE)
        return FAKE

    monkeypatch.setattr(render, "_build_offline_bundle", build)
    return builds


def bundle_file():
    return paths.chart_bundle_path(render._bundle_key(render._bundle_versions()))


def fresh_kernel(monkeypatch):
    """What a new kernel sees: JupyterChart has no bundle yet."""
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False)
    monkeypatch.setattr(alt.JupyterChart, "_esm", "not yet")


def test_the_second_kernel_reads_the_bundle_instead_of_building_it(cache, monkeypatch):
    assert charts.enable_offline_rendering() == "jupyter"
    assert alt.JupyterChart._esm == FAKE and len(cache) == 1
    assert bundle_file().is_file()
    fresh_kernel(monkeypatch)
    charts.enable_offline_rendering()
    assert alt.JupyterChart._esm == FAKE
    assert alt.JupyterChart._is_offline is True
    assert len(cache) == 1  # not built again
    charts.enable_offline_rendering()  # the same kernel asks again: nothing read or built
    assert len(cache) == 1


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[-10] = ord("X") if data[-10] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))


def _no_header(path):
    path.write_bytes(path.read_bytes().split(b"\n", 1)[1])


def _bad_json(path):
    path.write_bytes(render.BUNDLE_HEADER.encode() + b"{not json\n" + FAKE.encode())


def _empty(path):
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [_truncate, _flip_a_byte, _no_header, _bad_json, _empty])
def test_a_damaged_cache_file_is_made_again(cache, damage):
    assert render.offline_bundle() == FAKE
    path = bundle_file()
    damage(path)
    assert render.offline_bundle() == FAKE
    assert len(cache) == 2
    assert render.offline_bundle() == FAKE  # the file was replaced by a whole one
    assert len(cache) == 2


def test_the_header_records_length_and_digest_of_the_bundle(cache):
    render.offline_bundle()
    first, body = bundle_file().read_bytes().split(b"\n", 1)
    header = json.loads(first[len(render.BUNDLE_HEADER) :])
    assert body == FAKE.encode()
    assert header["length"] == len(body)
    assert header["versions"] == render._bundle_versions()


def test_another_version_makes_a_new_bundle(cache, monkeypatch):
    render.offline_bundle()
    old = bundle_file()
    real = render._bundle_versions

    def upgraded() -> dict[str, str]:
        return {**real(), "vl-convert": "99.0.0"}

    monkeypatch.setattr(render, "_bundle_versions", upgraded)
    new = bundle_file()
    assert new != old
    assert render.offline_bundle() == FAKE
    assert len(cache) == 2
    assert new.is_file()
    # a file for other versions put in this key's place is not taken either
    new.write_bytes(old.read_bytes())
    render.offline_bundle()
    assert len(cache) == 3


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_file_is_private_in_a_private_folder(cache):
    render.offline_bundle()
    path = bundle_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_file_others_could_write_is_not_used(cache):
    render.offline_bundle()
    os.chmod(bundle_file(), 0o666)
    render.offline_bundle()
    assert len(cache) == 2
    assert stat.S_IMODE(bundle_file().stat().st_mode) == 0o600


def test_charts_render_when_the_cache_folder_cannot_be_made(cache, monkeypatch, tmp_path, frames):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    assert charts.enable_offline_rendering() == "jupyter"
    assert alt.JupyterChart._esm == FAKE and len(cache) == 1
    widget = alt.JupyterChart(charts.dashboard(frames))
    assert widget.get_state()["_esm"] == FAKE
    widget.close()
    fresh_kernel(monkeypatch)
    charts.enable_offline_rendering()  # still nothing on disk: made again, still no error
    assert alt.JupyterChart._esm == FAKE and len(cache) == 2


def test_charts_render_when_the_cache_file_cannot_be_written(cache, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr("workbook.files.atomic_write_bytes", refuse)
    assert render.offline_bundle() == FAKE
    assert not bundle_file().exists()


def test_the_real_bundle_is_kept_and_read_back_without_vl_convert(tmp_path, monkeypatch):
    """With Altair's own build: the file holds exactly the bundle JupyterChart sends, and a
    later kernel loads it without asking vl-convert for a bundle."""
    import vl_convert as vlc

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setattr(alt.JupyterChart, "_esm", alt.JupyterChart._esm)
    fresh_kernel(monkeypatch)
    charts.enable_offline_rendering()
    made = alt.JupyterChart._esm
    assert isinstance(made, str) and len(made) > 100_000
    assert bundle_file().read_bytes().split(b"\n", 1)[1] == made.encode("utf-8")

    def no_bundling(*args, **kwargs):
        raise AssertionError("the bundle was made again")

    monkeypatch.setattr(vlc, "javascript_bundle", no_bundling)
    fresh_kernel(monkeypatch)
    charts.enable_offline_rendering()
    assert alt.JupyterChart._esm == made
