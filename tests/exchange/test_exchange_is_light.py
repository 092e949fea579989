"""The exchange package loads no heavy library: the command line imports it directly."""

from __future__ import annotations


def test_no_pandas_needed(child_env):
    import subprocess
    import sys

    code = (
        "import sys, workbook.exchange, workbook.journal.doctor; assert 'pandas' not in sys.modules, 'pandas imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=child_env)
