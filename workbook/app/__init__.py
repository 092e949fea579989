"""Running the guided notebooks: JupyterLab and Voilà command lines, private and offline.

``launch`` builds the command lines and environments; ``server`` is the Voilà that
``workbook app`` runs (a token, local Host names only, a cap on kernels). ``voila/`` holds
the workbook's own Voilà template (Voilà's lab template without its CDN
links); ``workbook.paths.voila_template_root()`` says where it is.
"""

from __future__ import annotations

from .launch import (
    APP_NOTEBOOKS,
    START_NOTEBOOK,
    lab_argv,
    lab_env,
    notebooks_dir,
    prepare_kernel_dir,
    voila_argv,
    voila_env,
)

__all__ = [
    "APP_NOTEBOOKS",
    "START_NOTEBOOK",
    "lab_argv",
    "lab_env",
    "notebooks_dir",
    "prepare_kernel_dir",
    "voila_argv",
    "voila_env",
]
