"""Refusals: a business rule said no (house-style.md "Errors")."""


class Refused(Exception):
    """`code` is a stable English slug; `message` is the Chinese text shown to the user."""

    status = 409

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = str(message)

    def __str__(self) -> str:
        return self.message


class NotPermitted(Refused):
    """Role or data scope does not allow the action. Not found and not yours look the same to callers."""

    status = 403
