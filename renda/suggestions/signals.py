"""Signals other apps listen to (docs/architecture.md, "How the apps talk to each other"). Sent after commit.

`suggestion_accepted`: a suggestion or motion was accepted (registered) — kwargs `suggestion`, `mandates`
(the lead and every confirmed co-signer) and `on` (the date). The duties app records a duty for each mandate.
"""

from django.dispatch import Signal

suggestion_accepted = Signal()
