"""Options of the ACLED writer, and the style an ACLED file is written in."""

from __future__ import annotations

from attrs import field, frozen

from eventcode.acled.values import CodeStyle, DateStyle
from eventcode.rules.policy import DEFAULT_POLICY

__all__ = ["DEFAULT_ID_START", "AcledOptions", "AcledStyle"]

#: The first number given to events that have no ``event_id_cnty`` (``UKR900000000``).
#: ACLED's own numbers are far below it (six digits per country in 2024), so appended rows do not
#: collide with ACLED's ids; :attr:`AcledOptions.id_start` moves the range.
DEFAULT_ID_START = 900_000_000


@frozen(kw_only=True)
class AcledStyle:
    """How codes and dates are written; read from an ACLED file so a conversion keeps it.

    The default is numeric codes and ACLED's export dates (``16 February 2024``): numeric actor
    types and interactions are what most of ACLED's archive and the tools built on it use, they
    do not change when ACLED renames a label, and the interaction is checkable arithmetic
    (10 x the lower type + the higher). ACLED's exports since mid-2024 use text labels: pass
    ``CodeStyle.TEXT`` to match them.
    """

    codes: CodeStyle = CodeStyle.NUMERIC
    dates: DateStyle = DateStyle.EXPORT


@frozen(kw_only=True)
class AcledOptions:
    """What the ACLED writer does beyond the data.

    - ``codes``, ``dates``: the style (``None``: the input file's style when converting an ACLED
      file, else :class:`AcledStyle`'s defaults);
    - ``extra_columns``: write the extra columns events carry (``population_best``), after the 31;
    - ``id_start``: the first number of generated ``event_id_cnty`` values (see
      :data:`DEFAULT_ID_START`);
    - ``timestamp``: Unix seconds for events whose data gives none (never the clock: ``None``
      leaves the cell blank);
    - ``policy``: the fatality policy (``eventcode.rules``) that derives ``fatalities``: the
      default policy, as for ``eventcode derive`` and ``validate``;
    - ``modernise``: write ACLED's current name for an earlier one kept from an older file
      (region ``Southern Asia`` becomes ``South Asia``; ``convert --modernise``);
    - ``legacy_columns``: write the legacy layout's own columns (``data_id``,
      ``event_id_no_cnty``, ``iso3``) kept from a pre-2023 file, after the 31
      (``convert --keep-extra``); left out by default, as the current layout dropped them;
    - ``hxl``: write a row of HXL hashtags under the header, as the Humanitarian Data Exchange
      ships ACLED files (``convert --hxl``; :data:`~eventcode.acled.layouts.HXL_TAGS`);
    - ``neutralise_formulas``: prefix text cells that begin with ``=``, ``+``, ``-``, ``@``, tab
      or carriage return with ``'`` so that spreadsheets show them rather than run them. Numeric
      columns (negative longitudes, ``-0``) are never touched. Use it for files people open in
      Excel or LibreOffice; leave it off for files programs read, since the prefix is data then.
    """

    codes: CodeStyle | None = None
    dates: DateStyle | None = None
    extra_columns: bool = True
    id_start: int = field(default=DEFAULT_ID_START)
    timestamp: int | None = None
    policy: str = DEFAULT_POLICY
    neutralise_formulas: bool = False
    modernise: bool = False
    legacy_columns: bool = False
    hxl: bool = False

    @id_start.validator
    def _check_id_start(self, _attribute: object, value: int) -> None:
        if value < 0:
            raise ValueError("id_start must not be negative")

    def style(self, found: AcledStyle | None = None) -> AcledStyle:
        """Return the style to write: these options over ``found`` (an input's) over defaults."""
        base = found or AcledStyle()
        return AcledStyle(codes=self.codes or base.codes, dates=self.dates or base.dates)
