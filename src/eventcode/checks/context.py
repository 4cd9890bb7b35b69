"""What checks may look up while records stream past: the parties and documents seen so far.

Datasets list documents, actors and claimants before events (eventcode writes them so), so an
event's checks can see every party it names. In a JSON Lines stream that names a party only
after an event, the checks that need that party skip it; reference checks still resolve it.
"""

from __future__ import annotations

from eventcode.io.limits import DEFAULT_MAX_PAIR_FINDINGS
from eventcode.model import Actor, Claimant, Document
from eventcode.model.items import Record
from eventcode.rules.policy import Policy, policy

__all__ = ["Context"]


class Context:
    """The documents, actors and claimants seen so far in a stream, by id, and the policy."""

    def __init__(
        self,
        rules: Policy | str | None = None,
        *,
        max_pair_findings: int = DEFAULT_MAX_PAIR_FINDINGS,
    ) -> None:
        """Start with no party seen, under policy ``rules`` (a name, a Policy or the default)."""
        self.policy: Policy = policy(rules)
        #: At most this many R001 (and R002) findings an event; the rest are summarised.
        self.max_pair_findings = max_pair_findings
        self.actors: dict[str, Actor] = {}
        self.claimants: dict[str, Claimant] = {}
        self.documents: dict[str, Document] = {}

    def add(self, record: Record) -> None:
        """Remember a party or document (the first of an id wins, as for references)."""
        if isinstance(record, Actor):
            self.actors.setdefault(record.id, record)
        elif isinstance(record, Claimant):
            self.claimants.setdefault(record.id, record)
        elif isinstance(record, Document):
            self.documents.setdefault(record.id, record)

    def side_of(self, claimant_id: str) -> str | None:
        """Return the actor id a claimant speaks for (None: unknown claimant or no side)."""
        claimant = self.claimants.get(claimant_id)
        return None if claimant is None else claimant.speaks_for
