"""The web app: side panel, JSON/streaming API, content management, health and docs."""

from copilot.web.app import create_app

__all__ = ["create_app"]
