"""The browser tests' server: renda.settings with the voters' per-address allowances raised.

Every browser test and the API fuzzer reach this server from 127.0.0.1. Schemathesis' examples of
POST /api/v1/contact/messages alone spend that one address's 10 submissions an hour, so a voter's journey run
after the fuzzer (same session, same server) would be refused "提交过于频繁"; a county's voters come from many
addresses. The limits themselves are tested in tests/contact against the real defaults.
"""

from renda.settings import *  # noqa: F403

CONTACT_LIMIT_SUBMIT_IP = (1000, 3600)
CONTACT_LIMIT_TRACK_IP = (1000, 600)
