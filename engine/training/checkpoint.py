"""Run folders under ``$SUANLI_HOME/runs/<run_id>``: run.json and per-epoch checkpoints."""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from engine.i18n import _
from engine.paths import suanli_home
from engine.tf_runtime import tf as _tf

KEEP = 2  # checkpoints kept per run (the latest and the one before)


def new_run_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(3)


def runs_root() -> Path:
    return suanli_home() / "runs"


class RunFolder:
    def __init__(self, run_id: str, root: Path | None = None) -> None:
        if not run_id or "/" in run_id or "\\" in run_id or run_id.startswith("."):
            raise ValueError(_("bad run id {run}").format(run=repr(run_id)))
        self.run_id = run_id
        self.path = (root or runs_root()) / run_id
        self.ckpt_dir = self.path / "checkpoints"

    def exists(self) -> bool:
        return (self.path / "run.json").is_file()

    def write_meta(self, meta: dict[str, Any]) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.path / f".run.json.tmp{os.getpid()}"
        tmp.write_text(json.dumps(meta, indent=1, default=float), encoding="utf-8")
        os.replace(tmp, self.path / "run.json")

    def read_meta(self) -> dict[str, Any]:
        return json.loads((self.path / "run.json").read_text(encoding="utf-8"))

    def save(self, model, optimizer, epoch: int) -> Path:
        """Write model + optimizer (TF checkpoint format) and the host RNG states for ``epoch``."""
        tf = _tf()
        self.ckpt_dir.mkdir(parents=True, exist_ok=True)
        prefix = tf.train.Checkpoint(model=model, optimizer=optimizer).write(
            str(self.ckpt_dir / f"epoch-{epoch:04d}")
        )
        np_state = np.random.get_state()
        rng = {
            "python": repr(random.getstate()),
            "numpy": [np_state[0], np_state[1].tolist(), *np_state[2:]],
        }
        (self.ckpt_dir / f"epoch-{epoch:04d}.rng.json").write_text(json.dumps(rng))
        for old in self.epochs()[:-KEEP]:
            for f in self.ckpt_dir.glob(f"epoch-{old:04d}*"):
                f.unlink()
        return Path(prefix)

    def epochs(self) -> list[int]:
        if not self.ckpt_dir.is_dir():
            return []
        return sorted(int(p.name[6:10]) for p in self.ckpt_dir.glob("epoch-*.index"))

    def restore(self, model, optimizer, epoch: int) -> None:
        tf = _tf()
        prefix = str(self.ckpt_dir / f"epoch-{epoch:04d}")
        tf.train.Checkpoint(model=model, optimizer=optimizer).read(prefix).assert_consumed()
        rng_file = self.ckpt_dir / f"epoch-{epoch:04d}.rng.json"
        if rng_file.is_file():
            import ast

            rng = json.loads(rng_file.read_text())
            random.setstate(ast.literal_eval(rng["python"]))
            kind, keys, *rest = rng["numpy"]
            np.random.set_state((kind, np.array(keys, dtype=np.uint32), *rest))

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.ckpt_dir.glob("*") if f.is_file())

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def remove_run_folder(uid: str) -> bool:
    """Delete the run's checkpoint folder ($SUANLI_HOME/runs/<run id>) if there is one."""
    try:
        folder = RunFolder(uid)
        if not folder.path.is_dir():
            return False
        folder.remove()
        return True
    except (ValueError, OSError):
        return False
