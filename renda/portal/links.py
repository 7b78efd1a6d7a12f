"""Entries of the public portal's home page; domain apps register theirs in AppConfig.ready."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PortalLink:
    title: str
    text: str
    url_name: str
    order: int = 50


LINKS: list[PortalLink] = []


def register(title: str, text: str, url_name: str, order: int = 50) -> None:
    link = PortalLink(title, text, url_name, order)
    if link not in LINKS:
        LINKS.append(link)
