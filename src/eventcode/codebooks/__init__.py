"""Codebooks for conflict-event coding: ACLED, CAMEO (event and actor codes) and PLOVER.

Every table is a data file under ``eventcode/codebooks/data`` (TSV, plus
``provenance.json``), read once on first use and cached, so per-row checks are dict
look-ups. Unknown values raise :class:`UnknownCodeError` (a :class:`LookupError`) with
the nearest valid values as ``suggestions``. ``PROVENANCE.md`` in the data directory and
:func:`codebook_provenance` say where each table comes from.

Examples:
    >>> cameo_event("194").label
    'Fight with artillery and tanks'
    >>> [e.code for e in cameo_parent_chain("1951")]
    ['1951', '195', '19']
    >>> acled_interaction(8, 1).code
    18
    >>> [p.meaning for p in parse_cameo_actor("RUSGOVMIL").parts]
    ['Russia', 'Government', 'Military']

"""

from ._acled import (
    AcledActorType,
    AcledEventType,
    AcledInteraction,
    AcledPrecision,
    AcledSubEventType,
    acled_actor_type,
    acled_actor_types,
    acled_civilian_targeting_values,
    acled_disorder_types,
    acled_disorder_types_for,
    acled_event_type,
    acled_event_types,
    acled_geo_precision,
    acled_interaction,
    acled_source_scale_parts,
    acled_source_scales,
    acled_sub_event_type,
    acled_sub_event_types,
    acled_time_precision,
    acled_valid_interactions,
    is_acled_civilian_targeting,
    is_acled_disorder_type,
    is_acled_source_scale,
    parse_acled_interaction,
)
from ._acled_geo import (
    AcledCountry,
    AcledRegion,
    acled_countries,
    acled_country,
    acled_country_by_alpha3,
    acled_country_by_iso,
    acled_region,
    acled_regions,
)
from ._acled_history import AcledRename, acled_renamed, acled_renames
from ._cameo import (
    QUAD_CLASS_MAPPING,
    CameoEventCode,
    cameo_children,
    cameo_event,
    cameo_event_codes,
    cameo_parent_chain,
    cameo_quad_class_name,
    is_cameo_event_code,
)
from ._cameo_actors import (
    ACTOR_TABLES,
    CameoActorCode,
    CameoActorPart,
    CameoActorTableEntry,
    cameo_actor_table,
    parse_cameo_actor,
)
from ._errors import UnknownCodeError
from ._explain import EXPLAIN_SCHEMES, Explanation, explain
from ._plover import (
    CrosswalkEntry,
    CrosswalkProblem,
    PloverEventType,
    plover_contexts,
    plover_crosswalk,
    plover_event_type,
    plover_event_types,
    plover_for_cameo,
    unresolved_crosswalk_entries,
)
from ._provenance import TableProvenance, UpstreamSource, codebook_provenance, codebook_tables

__all__ = [
    "ACTOR_TABLES",
    "EXPLAIN_SCHEMES",
    "QUAD_CLASS_MAPPING",
    "AcledActorType",
    "AcledCountry",
    "AcledEventType",
    "AcledInteraction",
    "AcledPrecision",
    "AcledRegion",
    "AcledRename",
    "AcledSubEventType",
    "CameoActorCode",
    "CameoActorPart",
    "CameoActorTableEntry",
    "CameoEventCode",
    "CrosswalkEntry",
    "CrosswalkProblem",
    "Explanation",
    "PloverEventType",
    "TableProvenance",
    "UnknownCodeError",
    "UpstreamSource",
    "acled_actor_type",
    "acled_actor_types",
    "acled_civilian_targeting_values",
    "acled_countries",
    "acled_country",
    "acled_country_by_alpha3",
    "acled_country_by_iso",
    "acled_disorder_types",
    "acled_disorder_types_for",
    "acled_event_type",
    "acled_event_types",
    "acled_geo_precision",
    "acled_interaction",
    "acled_region",
    "acled_regions",
    "acled_renamed",
    "acled_renames",
    "acled_source_scale_parts",
    "acled_source_scales",
    "acled_sub_event_type",
    "acled_sub_event_types",
    "acled_time_precision",
    "acled_valid_interactions",
    "cameo_actor_table",
    "cameo_children",
    "cameo_event",
    "cameo_event_codes",
    "cameo_parent_chain",
    "cameo_quad_class_name",
    "codebook_provenance",
    "codebook_tables",
    "explain",
    "is_acled_civilian_targeting",
    "is_acled_disorder_type",
    "is_acled_source_scale",
    "is_cameo_event_code",
    "parse_acled_interaction",
    "parse_cameo_actor",
    "plover_contexts",
    "plover_crosswalk",
    "plover_event_type",
    "plover_event_types",
    "plover_for_cameo",
    "unresolved_crosswalk_entries",
]
