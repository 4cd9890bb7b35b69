"""Codes checked against the codebooks: CAMEO event and actor codes, ACLED's taxonomy, names."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from eventcode import codebooks
from eventcode.checks.context import Context
from eventcode.checks.registry import declare
from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_key
from eventcode.model import AcledClass, Actor, Document, Event, EventActor, Place

__all__ = [
    "CODEBOOKS",
    "acled_event_type_problem",
    "actor_codebook_findings",
    "civilian_targeting_findings",
    "document_codebook_findings",
    "event_codebook_findings",
    "interaction_findings",
    "region_country_findings",
]

#: The codes this check may emit (see :mod:`eventcode.checks.registry`).
CODEBOOKS = declare(
    "codebooks",
    (
        "C001", "C002", "C003", "C010", "C011", "C012", "C013",
        "C014", "C020", "C021", "C022", "C023", "C024", "C025",
    ),
    "CAMEO and ACLED codes, interactions, countries, regions, actor types",
)

_STATE_FORCES, _EXTERNAL_FORCES = 1, 8


def _suggest(error: codebooks.UnknownCodeError) -> str:
    return f"; did you mean {', '.join(error.suggestions)}?" if error.suggestions else ""


def cameo_event_findings(code: str, path: str) -> list[Finding]:
    """Report a CAMEO event code that does not exist, or that lost its leading zero."""
    if codebooks.is_cameo_event_code(code):
        return []
    if codebooks.is_cameo_event_code("0" + code):
        return [
            make_finding(
                "C002",
                f"CAMEO code {code!r} lost its leading zero: did you mean '0{code}'?",
                path=path,
            )
        ]
    try:
        codebooks.cameo_event(code)
    except codebooks.UnknownCodeError as error:
        return [
            make_finding("C001", f"{code!r} is not a CAMEO event code{_suggest(error)}", path=path)
        ]
    return []


def cameo_actor_findings(code: str, path: str) -> Iterator[Finding]:
    """Report a CAMEO actor code with parts that are in no actor table."""
    parsed = codebooks.parse_cameo_actor(code)
    if not parsed.is_valid:
        problems = "; ".join(parsed.problems)
        yield make_finding("C003", f"CAMEO actor code {code!r}: {problems}", path=path)


def country_findings(alpha3: str, path: str) -> list[Finding]:
    """Warn about a country code ACLED's table does not know."""
    try:
        codebooks.acled_country_by_alpha3(alpha3)
    except codebooks.UnknownCodeError as error:
        return [
            make_finding(
                "C021",
                f"country {alpha3!r} is not in ACLED's country table{_suggest(error)}",
                path=path,
            )
        ]
    return []


def acled_event_type_problem(value: str) -> str | None:
    """Say why ``value`` is not an ACLED event type (``None`` when it is one).

    A sub-event type written as the event type is named as such, with its event type; any other
    value gets the nearest event types (``Explosion/Remote violence``: did you mean
    ``Explosions/Remote violence``?).
    """
    try:
        codebooks.acled_event_type(value)
    except codebooks.UnknownCodeError as error:
        subs = {name.casefold(): name for name in codebooks.acled_sub_event_types()}
        sub = subs.get(value.strip().casefold())
        if sub is not None:
            parent = codebooks.acled_sub_event_type(sub).event_type
            return (
                f"{value!r} is not an ACLED event type but a sub-event type of {parent!r} "
                f"(event_type {parent!r}, sub_event_type {sub!r})"
            )
        if error.suggestions:
            near = ", ".join(map(repr, error.suggestions))
            return f"{value!r} is not an ACLED event type; did you mean {near}?"
        known = ", ".join(map(repr, codebooks.acled_event_types()))
        return f"{value!r} is not an ACLED event type (ACLED's six: {known})"
    return None


def acled_class_findings(acled: AcledClass, path: str) -> list[Finding]:
    """Report an ACLED classification that the taxonomy does not allow."""
    found: list[Finding] = []
    problem = acled_event_type_problem(acled.event_type)
    if problem is not None:
        found.append(make_finding("C010", problem, path=join_key(path, "event_type")))
    try:
        sub = codebooks.acled_sub_event_type(acled.sub_event_type)
    except codebooks.UnknownCodeError as error:
        found.append(
            make_finding(
                "C010",
                f"{acled.sub_event_type!r} is not an ACLED sub-event type{_suggest(error)}",
                path=join_key(path, "sub_event_type"),
            )
        )
        return found
    if sub.event_type != acled.event_type:
        found.append(
            make_finding(
                "C011",
                f"sub-event type {sub.name!r} belongs to {sub.event_type!r}, "
                f"not {acled.event_type!r}",
                path=join_key(path, "sub_event_type"),
            )
        )
    if acled.disorder_type != sub.disorder_type:
        found.append(
            make_finding(
                "C012",
                f"{sub.name!r} has disorder type {sub.disorder_type!r}, "
                f"not {acled.disorder_type!r}",
                path=join_key(path, "disorder_type"),
            )
        )
    return found


def civilian_targeting_findings(
    event_type: str, civilian_targeting: bool, path: str
) -> list[Finding]:
    """Report civilian targeting on a Battles event (ACLED never sets it there)."""
    if civilian_targeting and event_type == "Battles":
        return [
            make_finding("C013", "civilian targeting is never set on a Battles event", path=path)
        ]
    return []


def _actor_type_findings(
    role: EventActor, path: str, name: str, actors: Mapping[str, Actor], place: Place | None
) -> list[Finding]:
    """Report state forces acting abroad in ``role``, the event's member ``name`` at ``path``."""
    actor = actors.get(role.actor)
    if actor is None or place is None or actor.country is None or place.country is None:
        return []
    inter = role.inter if role.inter is not None else actor.inter
    if inter == _STATE_FORCES and actor.country != place.country:
        return [
            make_finding(
                "C022",
                f"{actor.name!r} ({actor.country}) acts in {place.country} as state forces (1); "
                f"a state's forces abroad are external forces ({_EXTERNAL_FORCES})",
                path=join_key(join_key(path, name), "inter"),
                related=(actor.id,),
            )
        ]
    return []


def event_codebook_findings(event: Event, path: str, context: Context) -> list[Finding]:
    """Report every codebook problem of an event."""
    actors = context.actors
    found: list[Finding] = []
    if event.cameo is not None:
        found.extend(cameo_event_findings(event.cameo, join_key(path, "cameo")))
    if event.acled is not None:
        found.extend(acled_class_findings(event.acled, join_key(path, "acled")))
        found.extend(
            civilian_targeting_findings(
                event.acled.event_type,
                event.civilian_targeting,
                join_key(path, "civilian_targeting"),
            )
        )
    if event.place is not None and event.place.country is not None:
        found.extend(
            country_findings(event.place.country, join_key(join_key(path, "place"), "country"))
        )
    # ACLED actor types matter only where ACLED codes the event; CAMEO statements carry none.
    if event.acled is not None:
        for name, role in (("actor1", event.actor1), ("actor2", event.actor2)):
            if role is not None:
                found.extend(_actor_type_findings(role, path, name, actors, event.place))
    if not found:  # the common case
        return found
    event_id = event.id
    return [f.at(event=event_id) for f in found]


def actor_codebook_findings(actor: Actor, path: str) -> Iterator[Finding]:
    """Report an actor's CAMEO code and country that the codebooks do not know."""
    if actor.cameo is not None:
        yield from cameo_actor_findings(actor.cameo, join_key(path, "cameo"))
    if actor.country is not None:
        yield from country_findings(actor.country, join_key(path, "country"))


def document_codebook_findings(document: Document, path: str) -> Iterator[Finding]:
    """Warn about a source scale ACLED does not use."""
    scale = document.source_scale
    if scale is not None and not codebooks.is_acled_source_scale(scale):
        yield make_finding(
            "C020",
            f"source scale {scale!r} is not one of ACLED's",
            path=join_key(path, "source_scale"),
        )


def interaction_findings(
    inter1: int | str, inter2: int | str | None, interaction: int | str, path: str
) -> Iterator[Finding]:
    """Report an ACLED interaction that does not follow from the two actor types.

    Types and interaction may be numeric or ACLED's text labels; ``inter2`` is ``None`` (or 0,
    or blank) when the event has one actor.
    """
    one_actor = inter2 in (None, 0, "", "0")
    try:
        stated = codebooks.parse_acled_interaction(interaction)
    except codebooks.UnknownCodeError as error:
        yield make_finding(
            "C014", f"{interaction!r} is not an ACLED interaction{_suggest(error)}", path=path
        )
        return
    try:
        expected = codebooks.acled_interaction(inter1, None if one_actor else inter2)
    except codebooks.UnknownCodeError:
        return  # an actor type outside 1-8 is reported on the type itself
    if stated.code != expected.code:
        types = f"{inter1}" if one_actor else f"{inter1} and {inter2}"
        yield make_finding(
            "C014",
            f"interaction {interaction!r} does not follow from actor types {types}: "
            f"expected {expected.code} ({expected.label})",
            path=path,
        )


def region_country_findings(
    region: str | None, country: str | None, iso: int | None, path: str
) -> Iterator[Finding]:
    """Check ACLED region and country names, and the ISO numeric code against the country."""
    known_country: codebooks.AcledCountry | None = None
    region_known = False
    if region:
        try:
            codebooks.acled_region(region)
            region_known = True
        except codebooks.UnknownCodeError as error:
            yield make_finding(
                "C023",
                f"region {region!r} is not one of ACLED's{_suggest(error)}",
                path=join_key(path, "region"),
            )
    if country:
        try:
            known_country = codebooks.acled_country(country)
        except codebooks.UnknownCodeError as error:
            yield make_finding(
                "C023",
                f"country {country!r} is not in ACLED's country table{_suggest(error)}",
                path=join_key(path, "country"),
            )
    if (
        known_country is not None
        and region_known
        and known_country.region_verified  # regions are confirmed for few countries yet
        and known_country.region not in (None, "", region)
    ):
        yield make_finding(
            "C023",
            f"{known_country.name} is in ACLED's region {known_country.region!r}, not {region!r}",
            path=join_key(path, "region"),
        )
    if known_country is not None and iso is not None:
        try:
            by_code = codebooks.acled_country_by_iso(iso)
        except codebooks.UnknownCodeError:
            if known_country.iso is not None:  # a code of no country is not this one's
                yield make_finding(
                    "C024",
                    f"ISO code {iso} is no country's in ACLED's table; {known_country.name} "
                    f"is {known_country.iso}",
                    path=join_key(path, "iso"),
                )
            return
        if by_code.name != known_country.name:
            yield make_finding(
                "C024",
                f"ISO code {iso} is {by_code.name}, but the country is {known_country.name} "
                f"({known_country.iso})",
                path=join_key(path, "iso"),
            )
