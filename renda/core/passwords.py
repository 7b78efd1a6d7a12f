import re

from django.core.exceptions import ValidationError

CLASSES = {
    "小写字母": re.compile(r"[a-z]"),
    "大写字母": re.compile(r"[A-Z]"),
    "数字": re.compile(r"[0-9]"),
    "符号": re.compile(r"[^a-zA-Z0-9]"),
}


class CharacterClassValidator:
    """A password mixes at least `min_classes` of: lower case, upper case, digits, symbols (等保 2.0)."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        found = sum(1 for pattern in CLASSES.values() if pattern.search(password))
        if found < self.min_classes:
            raise ValidationError(
                f"密码至少要包含以下四类字符中的 {self.min_classes} 类：小写字母、大写字母、数字、符号。",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return f"至少包含小写字母、大写字母、数字、符号中的 {self.min_classes} 类。"
