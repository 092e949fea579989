"""phonenumbers and python-stdnum load only when text is searched: ``import workbook``, the
command line and ``import workbook.privacy`` never pay for them."""

from __future__ import annotations

import json
import subprocess
import sys

import workbook as wb


def _loaded(code: str, child_env) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"import json, sys; {code}; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        check=True,
        env=child_env,
    )
    return set(json.loads(out.stdout))


def test_importing_does_not_load_the_libraries(child_env):
    loaded = _loaded("import workbook, workbook.cli, workbook.privacy", child_env)
    assert "phonenumbers" not in loaded and "stdnum" not in loaded
    assert "workbook.privacy" not in _loaded("import workbook, workbook.cli", child_env)


def test_searching_loads_them(child_env):
    loaded = _loaded("import workbook as wb; wb.find_identifiers('call 07700 900123, NHS 943 476 5919')", child_env)
    assert {"phonenumbers", "stdnum.gb.nhs"} <= loaded


def test_the_public_names_are_the_privacy_functions():
    from workbook import privacy

    assert wb.find_identifiers is privacy.find_identifiers
    assert wb.redact is privacy.redact and wb.redaction is privacy.redaction
