"""Signals other apps listen to (crossapp contract). Sent after commit.

reception_served(sender=ReceptionDay, reception=<ReceptionDay>, mandates=[Mandate, …], on=<date>):
the duties app records a reception duty for each deputy who served.
"""

from django.dispatch import Signal

reception_served = Signal()
