"""Meetings of every body: agendas, documents, notice, sign-in, quorum, votes through renda.voting, minutes."""
