"""Voters' messages: the home page's contact figures for staff in raw SQL (renda/contact/selectors.py `waiting`).

The 20 k / 200 k / 2 M messages generator is still to come (docs/performance.md "Not yet"); until then the
counts run over an empty table, and the page must still show what they count.
"""

from __future__ import annotations

from django.utils import timezone

from benchmarks.bare import scope_prefix
from benchmarks.registry import raw_count
from renda.core.roles import Role

_MIRRORS = "renda.contact.selectors.waiting"


@raw_count("待受理或分办的选民留言", {Role.STAFF, Role.LEADER, Role.STATION_KEEPER}, mirrors=_MIRRORS)
def open_messages(cursor, user) -> int:
    cursor.execute("SELECT COUNT(*) FROM contact_message m JOIN core_body b ON b.id = m.body_id "
                   "WHERE b.path LIKE %s AND m.status IN ('received', 'accepted')", [scope_prefix(cursor, user.body_id)])
    return cursor.fetchone()[0]


@raw_count("超期的选民留言", {Role.STAFF, Role.LEADER, Role.STATION_KEEPER}, mirrors=_MIRRORS)
def overdue_messages(cursor, user) -> int:
    today = timezone.localdate()
    cursor.execute(
        "SELECT COUNT(*) FROM contact_message m JOIN core_body b ON b.id = m.body_id WHERE b.path LIKE %s AND ("
        "(m.status = 'received' AND m.accept_due < %s) OR (m.status = 'accepted' AND m.forward_due < %s) "
        "OR (m.status IN ('forwarded', 'reopened') AND m.reply_due < %s))",
        [scope_prefix(cursor, user.body_id), today, today, today])
    return cursor.fetchone()[0]
