"""FastAPI dependencies: the store and the settings, both replaceable in tests."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from plangraf.api.settings import Settings
from plangraf.graph.store import Store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
