"""Run folders under ``$SUANLI_HOME/runs/<run_id>``: run.json and per-epoch checkpoints."""

from __future__ import annotations

import json
import random
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from engine.data.errors import DataError
from engine.files.disk import DiskFullError, is_disk_full
from engine.files.json_text import json_dumps
from engine.files.output import write_text
from engine.i18n import _
from engine.i18n.program import program_name
from engine.paths import suanli_home
from engine.store.run_ref import RUN_UID
from engine.tf_runtime import tf as _tf

KEEP = 2  # checkpoints kept per run (the latest and the one before)


class CheckpointError(DataError):
    """A run's metadata or checkpoint cannot be used to resume it (the message says which
    file and why). Nothing on disk was changed."""


def new_run_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(3)


def runs_root() -> Path:
    return suanli_home() / "runs"


class RunFolder:
    def __init__(self, run_id: str, root: Path | None = None) -> None:
        if not isinstance(run_id, str) or not RUN_UID.match(run_id):
            raise CheckpointError(
                None,
                _(
                    "{text} is not a run id: give the number or the run id shown by "
                    "`{prog} runs list`"
                ).format(text=repr(run_id), prog=program_name()),
            )
        self.run_id = run_id
        self.path = (root or runs_root()) / run_id
        self.ckpt_dir = self.path / "checkpoints"

    def exists(self) -> bool:
        return (self.path / "run.json").is_file()

    def write_meta(self, meta: dict[str, Any]) -> None:
        """Write run.json safely (engine.files: temp file, fsync, rename; a full disk is a
        DiskFullError and leaves the old run.json as it was)."""
        self.path.mkdir(parents=True, exist_ok=True)
        text = json_dumps(meta, indent=1, default=float)
        write_text(self.path / "run.json", text, checked=False)

    def read_meta(self) -> dict[str, Any]:
        """run.json as a dict; a :class:`CheckpointError` (one line) when it cannot be read
        or is not a JSON object."""
        path = self.path / "run.json"
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CheckpointError(
                path,
                _("cannot be read ({reason}); the run cannot be resumed").format(
                    reason=getattr(exc, "strerror", None) or str(exc).splitlines()[0][:120]
                ),
            ) from None
        if not isinstance(meta, dict):
            raise CheckpointError(
                path, _("is not a run's metadata (no config); the run cannot be resumed")
            )
        if not isinstance(meta.get("epochs", []), list):
            meta["epochs"] = []
        return meta

    def save(self, model, optimizer, epoch: int) -> Path:
        """Write model + optimizer (TF checkpoint format) and the host RNG states for ``epoch``.

        A failed save leaves no part of this epoch's checkpoint behind (the kept older ones
        stay); a full disk is a :class:`DiskFullError` naming the free space."""
        tf = _tf()
        for stale in self.ckpt_dir.glob("epoch-*_temp*"):  # a save killed half-way
            shutil.rmtree(stale, ignore_errors=True)
        try:
            self.ckpt_dir.mkdir(parents=True, exist_ok=True)
            prefix = tf.train.Checkpoint(model=model, optimizer=optimizer).write(
                str(self.ckpt_dir / f"epoch-{epoch:04d}")
            )
            np_state = np.random.get_state()
            rng = {
                "python": repr(random.getstate()),
                "numpy": [np_state[0], np_state[1].tolist(), *np_state[2:]],
            }
            write_text(self._rng_file(epoch), json.dumps(rng), checked=False)
        except Exception as exc:
            self._remove_epoch(epoch)
            if is_disk_full(exc):
                raise DiskFullError(self.ckpt_dir) from None
            raise
        for old in self.epochs()[:-KEEP]:
            self._remove_epoch(old)
        return Path(prefix)

    def _rng_file(self, epoch: int) -> Path:
        return self.ckpt_dir / f"epoch-{epoch:04d}.rng.json"

    def _remove_epoch(self, epoch: int) -> None:
        """Every file of ``epoch``'s checkpoint, and TensorFlow's half-written temp folder."""
        for f in self.ckpt_dir.glob(f"epoch-{epoch:04d}*"):
            try:
                if f.is_dir() and not f.is_symlink():
                    shutil.rmtree(f, ignore_errors=True)
                else:
                    f.unlink()
            except OSError:
                pass

    def epochs(self) -> list[int]:
        if not self.ckpt_dir.is_dir():
            return []
        found = []
        for p in self.ckpt_dir.glob("epoch-*.index"):
            digits = p.name[6:10]
            if digits.isdigit() and p.name == f"epoch-{digits}.index":
                found.append(int(digits))
        return sorted(found)

    def restore(self, model, optimizer, epoch: int) -> None:
        """Load ``epoch``'s checkpoint into ``model`` and ``optimizer`` and set the host RNG
        states; any problem (a damaged file, a missing variable) raises."""
        import ast

        tf = _tf()
        rng_file = self._rng_file(epoch)
        rng = None
        if rng_file.is_file():  # checked first: a damaged one means a damaged checkpoint
            rng = json.loads(rng_file.read_text(encoding="utf-8"))
            python_state = ast.literal_eval(rng["python"])
            kind, keys, *rest = rng["numpy"]
            numpy_state = (kind, np.array(keys, dtype=np.uint32), *rest)
        prefix = str(self.ckpt_dir / f"epoch-{epoch:04d}")
        tf.train.Checkpoint(model=model, optimizer=optimizer).read(prefix).assert_consumed()
        if rng is not None:
            random.setstate(python_state)
            np.random.set_state(numpy_state)

    def restore_latest(self, model, optimizer, warn=None) -> int:
        """Restore the newest checkpoint that loads, newest first (the one before is kept
        for this); returns its epoch. ``warn(text)`` hears of each damaged one skipped.
        :class:`CheckpointError` when none loads: nothing has been changed on disk."""
        problems = []
        for epoch in reversed(self.epochs()):
            try:
                self.restore(model, optimizer, epoch)
            except Exception as exc:  # a damaged file: TensorFlow, JSON, literal_eval errors
                reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:160]
                problems.append(reason)
                if warn is not None:
                    warn(
                        _(
                            "the checkpoint of epoch {epoch} of run {run} cannot be loaded "
                            "({reason}); trying the one before"
                        ).format(epoch=epoch, run=self.run_id, reason=reason)
                    )
                continue
            return epoch
        raise CheckpointError(
            self.ckpt_dir,
            _(
                "no checkpoint of run {run} can be loaded ({reason}); its history is kept, "
                "but it cannot be resumed"
            ).format(run=self.run_id, reason=problems[-1] if problems else _("none saved")),
        )

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.ckpt_dir.glob("*") if f.is_file())

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def remove_run_folder(uid: str) -> bool | None:
    """Delete the run's checkpoint folder ($SUANLI_HOME/runs/<run id>): True when it was
    removed, False when there was none, None when it is there but could not be removed."""
    try:
        folder = RunFolder(uid)
    except ValueError:
        return False
    if not folder.path.is_dir():
        return False
    folder.remove()
    return None if folder.path.exists() else True
