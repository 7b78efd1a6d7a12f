"""Navigation, home-page and portal entries (registered from AppConfig.ready)."""


def register() -> None:
    from . import demo  # noqa: F401  (registers the demo step)
