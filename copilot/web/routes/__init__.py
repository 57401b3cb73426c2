"""The app's routers: health, JSON API, content management, HTML pages."""
