"""The analyst's side of the report (``notebooks/explore.ipynb``): drill from an indicator to its messages.

Citizen text is included only when the configuration opts in (``[privacy] show_text``),
and then redacted (:func:`roi.report.privacy.redact`); official replies are the
administration's own words and are shown as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from roi import empathy, speed, transparency
from roi.config import Config, load_config
from roi.indicators import Indicators
from roi.indicators import indicators as compute_indicators
from roi.load import Loaded, load
from roi.periods import parse_period, period_labels
from roi.report import privacy
from roi.report.document import export_files, find_config, find_path

__all__ = ["Exploration", "open_data"]


@dataclass
class Exploration:
    """Messages of one period, its indicators and the ways down to the evidence."""

    config: Config
    period: str
    freq: str
    loaded: Loaded
    messages: pd.DataFrame
    indicators: Indicators
    show_text: bool

    def _in_period(self, frame: pd.DataFrame, column: str = "created_at") -> pd.DataFrame:
        labels = period_labels(frame[column], self.freq, self.config.timezone)
        return frame[(labels == self.period).to_numpy()]

    def contributions(self, family: str | None = None) -> pd.DataFrame:
        """The index decomposition of the period (one row per account, channel and indicator)."""
        c = self.indicators.contributions
        c = c[c["period"] == self.period]
        return c if family is None else c[c["family"] == family]

    def _with_text(self, frame: pd.DataFrame) -> pd.DataFrame:
        texts = self.messages.set_index(["channel", "account", "message_id"])["text"]
        if not self.show_text:
            return frame
        keys = pd.MultiIndex.from_frame(frame[["channel", "account", "message_id"]].astype({"channel": str}))
        texts.index = texts.index.set_levels(texts.index.levels[0].astype(str), level=0)
        out = frame.copy()
        out["text"] = [privacy.redact(t) if isinstance(t, str) else "" for t in texts.reindex(keys).to_numpy()]
        return out

    def inbound(self, *, answered: bool | None = None) -> pd.DataFrame:
        """The inbound messages of the period with their answer or censoring (:func:`roi.speed.detail`)."""
        d = speed.detail(self.messages, self.config, freq=self.freq)
        d = d[d["period"] == self.period]
        if answered is not None:
            d = d[d["answered"] == answered]
        d = d.drop(columns=[c for c in ("author_id",) if c in d and not self.show_text])
        return self._with_text(d.reset_index(drop=True))

    def empathy_evidence(self) -> pd.DataFrame:
        """Every empathy marker found in the period's official replies (:func:`roi.empathy.evidence`)."""
        ev = empathy.evidence(self._in_period(self.messages), self.config)
        return ev.reset_index(drop=True)

    def transparency_evidence(self) -> pd.DataFrame:
        """Every transparency marker and link in the period's official messages (:func:`roi.transparency.evidence`)."""
        return transparency.evidence(self._in_period(self.messages), self.config).reset_index(drop=True)


def open_data(*, config: str | Path, period: str, inputs: list[str] | None = None,
              accounts: list[str] | None = None) -> Exploration:
    """Load the exports and compute the indicators by account, channel and period."""
    config_path = find_config(config)
    cfg = load_config(config_path)
    label, freq = parse_period(period)
    loaded = load([find_path(p) for p in inputs] if inputs else export_files(config_path), cfg)
    messages = loaded.messages
    if accounts:
        messages = messages[messages["account"].isin(accounts)].reset_index(drop=True)
    result = compute_indicators(messages, cfg, by=("account", "channel", "period"), surveys=loaded.surveys, freq=freq)
    return Exploration(config=cfg, period=label, freq=freq, loaded=loaded, messages=messages, indicators=result,
                       show_text=privacy.show_text(cfg))
