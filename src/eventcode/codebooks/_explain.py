"""Explain a code from any codebook: ``cameo:194``, ``cameo-actor:RUSGOVMIL``, ``acled:...``."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from . import _acled, _acled_geo, _cameo, _cameo_actors, _plover
from ._errors import UnknownCodeError, nearest
from ._provenance import codebook_provenance

__all__ = ["EXPLAIN_SCHEMES", "Explanation", "explain"]

EXPLAIN_SCHEMES = ("cameo", "cameo-actor", "acled", "plover")
"""The query prefixes :func:`explain` understands."""

Fields = tuple[tuple[str, str], ...]


@attrs.frozen
class Explanation:
    """The structured answer to an :func:`explain` query.

    Attributes:
        query: the query as given.
        kind: what was found, e.g. ``"cameo event code"``, ``"acled sub-event type"``.
        title: a one-line headline.
        fields: ordered (name, value) pairs.
        provenance: one line per table consulted (title, version, source).

    """

    query: str
    kind: str
    title: str
    fields: Fields
    provenance: tuple[str, ...]

    def render(self) -> str:
        """Return a plain-text rendering for terminals."""
        width = max((len(name) for name, _ in self.fields), default=0)
        lines = [f"{self.title}  [{self.kind}]"]
        lines += [f"  {name.ljust(width)}  {value}" for name, value in self.fields]
        lines += [f"  source: {line}" for line in self.provenance]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


def _prov(*tables: str) -> tuple[str, ...]:
    return tuple(codebook_provenance(t).line() for t in tables)


def _opt(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def _explain_cameo(query: str, code: str) -> Explanation:
    event = _cameo.cameo_event(code)
    chain = " > ".join(f"{e.code} {e.label}" for e in reversed(_cameo.cameo_parent_chain(code)))
    crosswalk = _plover.plover_for_cameo(code)
    plover = "; ".join(
        f"{e.plover_event}"
        + (f" mode={e.mode}" if e.mode else "")
        + (f" context={','.join(e.contexts)}" if e.contexts else "")
        for e in crosswalk
    )
    fields: Fields = (
        ("code", event.code),
        ("label", event.label),
        ("gdelt label", _opt(event.gdelt_label)),
        ("hierarchy", chain),
        ("level", str(event.level)),
        (
            "quad class",
            f"{event.quad_class} {event.quad_class_name} (mapping: {_cameo.QUAD_CLASS_MAPPING})",
        ),
        ("goldstein", _opt(event.goldstein) if event.goldstein is not None else "none in GDELT"),
        ("listed in", ", ".join(event.sources)),
        ("children", ", ".join(_cameo.cameo_children(code)) or "-"),
        ("plover 2021", plover or "-"),
        ("note", _opt(event.note)),
    )
    return Explanation(
        query,
        "cameo event code",
        f"CAMEO {event.code} {event.label}",
        fields,
        _prov("cameo_event_codes.tsv", "cameo_plover_crosswalk_2021.tsv"),
    )


def _explain_actor(query: str, code: str) -> Explanation:
    parsed = _cameo_actors.parse_cameo_actor(code)
    fields: list[tuple[str, str]] = []
    for part in parsed.parts:
        if part.entry is None:
            fields.append((part.text, f"INVALID: {part.problem}"))
            continue
        text = f"{part.entry.meaning} ({part.entry.table}: {part.entry.kind})"
        if part.alternatives:
            text += "; also " + ", ".join(f"{a.table}: {a.meaning}" for a in part.alternatives)
        fields.append((part.text, text))
    fields.append(("valid", "yes" if parsed.is_valid else "no: " + "; ".join(parsed.problems)))
    tables = {p.entry.table for p in parsed.parts if p.entry is not None}
    files = [_cameo_actors.TABLE_FILES[t] for t in _cameo_actors.ACTOR_TABLES if t in tables]
    title = " / ".join(p.meaning or "?" for p in parsed.parts) or "(empty)"
    return Explanation(
        query, "cameo actor code", f"CAMEO actor {code}: {title}", tuple(fields), _prov(*files)
    )


def _explain_plover(query: str, name: str) -> Explanation:
    event = _plover.plover_event_type(name.upper())
    crosswalk = _plover.plover_crosswalk()
    cameo = sorted({e.cameo_code for e in crosswalk if e.plover_event == event.name})
    fields: Fields = (
        ("quad class", f"{event.quad_class} {event.quad_category}"),
        ("requires recipient", "yes" if event.requires_recipient else "no"),
        ("modes", ", ".join(event.modes) or "-"),
        ("cameo roots", event.cameo_roots),
        ("cameo codes (2021)", ", ".join(cameo) or "-"),
        ("note", _opt(event.note)),
    )
    return Explanation(
        query,
        "plover event type",
        f"PLOVER {event.name}",
        fields,
        _prov("plover_event_types.tsv", "cameo_plover_crosswalk_2021.tsv"),
    )


def _acled_candidates(value: str) -> list[Callable[[], Explanation]]:
    query = f"acled:{value}"

    def sub() -> Explanation:
        s = _acled.acled_sub_event_type(value)
        return Explanation(
            query,
            "acled sub-event type",
            s.name,
            (("event type", s.event_type), ("disorder type", s.disorder_type)),
            _prov("acled_sub_event_types.tsv"),
        )

    def event() -> Explanation:
        e = _acled.acled_event_type(value)
        return Explanation(
            query,
            "acled event type",
            e.name,
            (
                ("sub-event types", "; ".join(e.sub_event_types)),
                ("disorder types", " | ".join(e.disorder_types)),
            ),
            _prov("acled_sub_event_types.tsv"),
        )

    def disorder() -> Explanation:
        if not _acled.is_acled_disorder_type(value):
            raise UnknownCodeError(value, "acled_disorder_types")
        subs = [
            s
            for s in _acled.acled_sub_event_types()
            if _acled.acled_sub_event_type(s).disorder_type == value
        ]
        return Explanation(
            query,
            "acled disorder type",
            value,
            (
                ("components", " + ".join(value.split(_acled.DISORDER_SEPARATOR))),
                ("sub-event types", "; ".join(subs)),
            ),
            _prov("acled_disorder_types.tsv"),
        )

    def actor() -> Explanation:
        t = _acled.acled_actor_type(value)
        return Explanation(
            query,
            "acled actor type",
            f"{t.code} {t.label}",
            (
                ("code", str(t.code)),
                ("label", t.label),
                ("one-actor interaction", str(_acled.acled_interaction(t.code).code)),
            ),
            _prov("acled_actor_types.tsv"),
        )

    def interaction() -> Explanation:
        i = _acled.parse_acled_interaction(value)
        return Explanation(
            query,
            "acled interaction",
            f"{i.code} {i.label}",
            (
                ("code", str(i.code)),
                ("label", i.label),
                ("actor types", ", ".join(_acled.acled_actor_type(k).label for k in i.actor_types)),
                ("note", _opt(i.note)),
            ),
            _prov("acled_interactions.tsv"),
        )

    def region() -> Explanation:
        r = _acled_geo.acled_region(value)
        members = [c.name for c in _acled_geo.acled_countries() if c.region == r.name]
        return Explanation(
            query,
            "acled region",
            r.name,
            (("code", str(r.code)), ("countries (mostly unverified)", str(len(members)))),
            _prov("acled_regions.tsv"),
        )

    def country() -> Explanation:
        c = _acled_geo.acled_country(value)
        return Explanation(
            query,
            "acled country",
            c.name,
            (
                ("iso", _opt(c.iso)),
                ("alpha-3", _opt(c.alpha3)),
                ("region", c.region + ("" if c.region_verified else " (unverified)")),
                ("iso name", _opt(c.iso_name)),
                ("name basis", c.name_basis),
                ("note", _opt(c.note)),
            ),
            _prov("acled_countries.tsv"),
        )

    def scale() -> Explanation:
        parts = _acled.acled_source_scale_parts(value)
        return Explanation(
            query,
            "acled source scale",
            value,
            (("parts", " + ".join(parts)),),
            _prov("acled_source_scales.tsv"),
        )

    if value.strip().isdigit():
        return [actor, interaction, region]
    return [sub, event, disorder, actor, interaction, region, country, scale]


def _explain_acled(query: str, value: str) -> Explanation:
    suggestions: list[str] = []
    for candidate in _acled_candidates(value):
        try:
            return candidate()
        except UnknownCodeError as error:
            suggestions += [s for s in error.suggestions if s not in suggestions]
    raise UnknownCodeError(value, "acled", suggestions[:5])


def explain(query: str) -> Explanation:
    """Explain a code, e.g. ``cameo:194``, ``cameo-actor:RUSGOVMIL``, ``plover:ASSAULT``.

    ``acled:<value>`` accepts a sub-event type, event type, disorder type, actor-type code
    or label, interaction (numeric or text), region, country or source scale.
    ``str(explain(q))`` is a plain-text rendering including the provenance line(s).

    Raises:
        UnknownCodeError: unknown prefix (table ``"explain"``) or unknown value.

    """
    scheme, sep, value = query.partition(":")
    scheme = scheme.strip().lower()
    if not sep or scheme not in EXPLAIN_SCHEMES:
        expected = ", ".join(f"{s}:" for s in EXPLAIN_SCHEMES)
        suggestions = [f"{s}:" for s in nearest(scheme, EXPLAIN_SCHEMES)]
        raise UnknownCodeError(query, "explain", suggestions, detail=f"expected one of {expected}")
    value = value.strip()
    if scheme == "cameo":
        return _explain_cameo(query, value)
    if scheme == "cameo-actor":
        return _explain_actor(query, value)
    if scheme == "plover":
        return _explain_plover(query, value)
    return _explain_acled(query, value)
