"""Checks on single values shared by forms, services and the import: ID-card numbers (GB 11643-1999)."""

from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def id_birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except (ValueError, IndexError):
        return None


def id_gender(number: str) -> str:
    """ "M" or "F" from the 17th digit (odd: male)."""
    return "M" if int(number[16]) % 2 else "F"


def id_card_problem(number: str) -> str:
    """ "" for a valid 18-digit resident ID number, else the reason in Chinese."""
    if len(number) != 18:
        return "身份证号应为18位"
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return "身份证号只能由数字和末位X组成"
    if id_birth_date(number) is None:
        return "身份证号中的出生日期无效"
    if id_check_digit(number[:17]) != number[17]:
        return "身份证号校验位错误"
    return ""
