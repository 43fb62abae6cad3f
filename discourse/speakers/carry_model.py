"""The carry model: does a statement with no cue go on with the last speaker?

A logistic regression over the features of :mod:`discourse.speakers.carry_features`,
learned from the hand labels of the real readouts' development part and validated by
leaving whole outlets out (``benchmarks/train_carry_model.py``). Its weights are a plain,
reviewed data file, ``discourse/resources/carry_model.yml`` (feature -> weight, the
intercept, the threshold, the digest and date of the training table); :func:`read_carry_model`
reads and checks it, :meth:`CarryModel.probability` applies it in pure Python (no
scikit-learn at run time), :func:`format_carry_model` writes the file's text. The
hand-written rule, :func:`rules_carry`, stays the default decision
(``DocumentAttributor.carry_model = RULES``): across outlets the model did not beat it.

Examples
--------
>>> model = read_carry_model()
>>> 0.0 < model.probability([0.0] * len(model.features)) < 1.0
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..errors import ModelFileError
from ..lang.base import YAML_LOADER
from .carry_features import FEATURES, Context
from .findings import Finding

__all__ = ["CarryModel", "RULES", "read_carry_model", "parse_carry_model",
           "format_carry_model", "rules_carry", "default_model_path"]

#: ``DocumentAttributor.carry_model`` value that decides by the hand-written rule.
RULES = "rules"
_FIELDS = ("features", "intercept", "threshold", "training")


@dataclass(frozen=True)
class CarryModel:
    """A logistic regression: P(carried) = 1 / (1 + exp(-(intercept + sum(w * x))))."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float = 0.5
    training: tuple = ()            # (key, value) pairs: digest, date, statements, ...

    def probability(self, x) -> float:
        """P(the statement goes on with the last speaker) for features ``x``
        (:func:`~discourse.speakers.carry_features.carry_features`' order).

        Examples
        --------
        >>> CarryModel(("a", "b"), (2.0, -1.0), 0.0).probability([1.0, 0.0]) > 0.88
        True
        """
        z = self.intercept
        for w, v in zip(self.weights, x):
            if v:
                z += w * v
        if z < -60:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


def default_model_path() -> Path:
    """The shipped weights file, ``discourse/resources/carry_model.yml``."""
    return Path(str(resources.files("discourse") / "resources" / "carry_model.yml"))


def _number(value, where: str, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(
            value):
        raise ModelFileError(f"{where}: {field} is {value!r}; it must be a finite number")
    return float(value)


def parse_carry_model(data, where: str) -> CarryModel:
    """The model of a weights file's parsed content (``where`` names the file in errors).

    Examples
    --------
    >>> parse_carry_model({"features": {"x": 1}}, "w.yml")
    Traceback (most recent call last):
    ...
    discourse.errors.ModelFileError: w.yml: features has unknown feature(s) x; valid: ...
    """
    if not isinstance(data, dict) or not isinstance(data.get("features"), dict):
        raise ModelFileError(f"{where}: expected a mapping with 'features' (feature -> "
                             f"weight), 'intercept', 'threshold'; got {type(data).__name__}")
    unknown = sorted(set(data) - set(_FIELDS) - {"model", "target", "cross_validation"})
    if unknown:
        raise ModelFileError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}; "
                             f"valid: {', '.join(_FIELDS)}, model, target, cross_validation")
    weights = data["features"]
    bad = [str(k) for k in weights if k not in FEATURES]
    if bad:
        raise ModelFileError(f"{where}: features has unknown feature(s) {', '.join(bad)}; "
                             f"valid: {', '.join(FEATURES)}")
    missing = [k for k in FEATURES if k not in weights]
    if missing:
        raise ModelFileError(f"{where}: features lacks {', '.join(missing)}; every feature "
                             f"needs a weight (0 to leave it out)")
    threshold = _number(data.get("threshold", 0.5), where, "threshold")
    if not 0.0 < threshold < 1.0:
        raise ModelFileError(f"{where}: threshold is {threshold!r}; it must be between 0 "
                             f"and 1 (a probability)")
    training = data.get("training") or {}
    if not isinstance(training, dict):
        raise ModelFileError(f"{where}: training is {training!r}; expected a mapping")
    return CarryModel(FEATURES, tuple(_number(weights[k], where, f"features.{k}")
                                      for k in FEATURES),
                      _number(data.get("intercept"), where, "intercept"), threshold,
                      tuple((str(k), v) for k, v in training.items()))


@lru_cache(maxsize=8)
def _read(path: str) -> CarryModel:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as err:
        raise ModelFileError(f"{path}: cannot read the carry model's weights ({err}); "
                             f"retrain it with benchmarks/train_carry_model.py") from None
    try:
        data = yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        raise ModelFileError(f"{path}: not valid YAML ({err})") from None
    return parse_carry_model(data, path)


def read_carry_model(path: str | Path | None = None) -> CarryModel:
    """The carry model of a weights file (None: the shipped one), checked.

    Raises :class:`~discourse.errors.ModelFileError` naming the file, the field and the
    valid values when the file cannot be used.

    Examples
    --------
    >>> read_carry_model().features[:2]
    ('prev_speaker', 'prev_narrator')
    """
    return _read(str(default_model_path() if path is None else path))


def format_carry_model(model: CarryModel, header: str = "", extra: str = "") -> str:
    """The text of a weights file for ``model`` (weights rounded to 4 decimals, fixed order:
    the same model gives the same bytes). ``header``: comment lines; ``extra``: more YAML
    (the cross-validation figures).

    Examples
    --------
    >>> print(format_carry_model(CarryModel(("a",), (1.23456,), -0.5)).splitlines()[3])
      a: 1.2346
    """
    lines = [f"# {h}".rstrip() for h in header.splitlines()]
    lines += ["model: logistic regression", "target: carried", "features:"]
    lines += [f"  {k}: {w:.4f}" for k, w in zip(model.features, model.weights)]
    lines += [f"intercept: {model.intercept:.4f}", f"threshold: {model.threshold:.4f}",
              "training:"]
    lines += [f"  {k}: {_scalar(v)}" for k, v in model.training]
    return "\n".join(lines) + "\n" + extra


def _scalar(value) -> str:
    """A YAML scalar on one line ("2026-12-07" quoted, as YAML would read a date)."""
    return yaml.safe_dump(value, default_flow_style=True).strip().removesuffix("...").strip()


def rules_carry(f: Finding, ctx: Context, has_last: bool) -> bool:
    """The hand-written rule (tuned on the development outlets), the default decision:
    True if the statement goes on with the last speaker.

    Examples
    --------
    >>> rules_carry(Finding(None), Context("speaker", "CN", False, False, False, 0, 1, .5),
    ...             True)
    True
    """
    return has_last and (
        ctx.in_quote
        or (ctx.prev_kind == "speaker" and not ctx.names_last
            and (not f.background or (f.stance and not ctx.new_par))
            and (not ctx.new_par or f.speech))
        or (ctx.prev_kind == "narrator" and f.speech and not ctx.names_last
            and not f.background and ctx.new_par and ctx.distance <= 3))
