"""The routes' shared dependencies: ``RuntimeDep`` hands a route the app's ``Runtime``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from copilot.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    """The app's one ``Runtime`` (set on ``app.state`` when the app is built)."""
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
