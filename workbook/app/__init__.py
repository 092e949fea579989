"""Running the guided notebooks: JupyterLab and Voilà command lines, private and offline.

``voila/`` holds the workbook's own Voilà template (Voilà's lab template without its CDN
links); ``workbook.paths.voila_template_root()`` says where it is.
"""

from __future__ import annotations

from .launch import APP_NOTEBOOKS, START_NOTEBOOK, lab_argv, notebooks_dir, voila_argv, voila_env

__all__ = ["APP_NOTEBOOKS", "START_NOTEBOOK", "lab_argv", "notebooks_dir", "voila_argv", "voila_env"]
