"""Resume never destroys history: a damaged checkpoint falls back to the one before, a run
with no loadable checkpoint is refused (exit 2) with run.json and the store untouched,
a full disk while checkpointing is said as such, and a run being trained by another
process cannot be resumed (the one live-run guard, shared with the window)."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine import jobs
from engine.cli.main import main
from engine.config import RunConfig
from engine.control import RunControl
from engine.errors import RunFailed
from engine.events import Callback
from engine.store.store import Store
from engine.training import checkpoint as ckpt_mod
from engine.training.checkpoint import CheckpointError, RunFolder
from engine.training.live_run import RunBusy, RunLock, live_run
from engine.training.run import resume

ROOT = Path(__file__).resolve().parents[2]
SMALL = RunConfig(dataset="synthetic", epochs=5, batch_size=64, limit=512, seed=5)


class _StopAfter(Callback):
    def __init__(self, epoch, control):
        self.epoch, self.control = epoch, control

    def on_epoch_end(self, epoch, logs):
        if epoch == self.epoch:
            self.control.stop()


def stopped_run(epochs_done: int = 3):
    """A recorded run stopped after ``epochs_done`` epochs (jobs.train, as the CLI runs it)."""
    control = RunControl()
    result = jobs.train(SMALL, [_StopAfter(epochs_done, control)], control)
    assert result.status == "stopped" and len(result.epochs) == epochs_done
    return result.run_id


def damage(folder: RunFolder, epoch: int) -> None:
    data = next(folder.ckpt_dir.glob(f"epoch-{epoch:04d}.data-*"))
    data.write_bytes(data.read_bytes()[:20])  # truncated: "Read less bytes than requested"


def stored(uid: str):
    with Store() as store:
        return store.get_run(store.find_run(uid), series=False)


def test_a_damaged_latest_checkpoint_falls_back_to_the_one_before():
    uid = stopped_run(3)
    folder = RunFolder(uid)
    assert folder.epochs() == [2, 3]
    damage(folder, 3)
    logs = []

    class Logs(Callback):
        def on_log(self, level, text):
            logs.append((level, text))

    result = jobs.resume(uid, [Logs()])
    assert result.status == "finished" and result.run_id == uid
    assert [e["epoch"] for e in result.epochs] == [1, 2, 3, 4, 5]
    assert any(lv == "warning" and "epoch 3" in t and "cannot be loaded" in t for lv, t in logs)
    with Store() as store:
        assert len(store.list_runs()) == 1  # no stray run
        assert store.get_summary(store.find_run(uid)).status == "finished"


def test_no_loadable_checkpoint_refuses_and_keeps_the_history(capsys):
    uid = stopped_run(3)
    folder = RunFolder(uid)
    before = (folder.path / "run.json").read_bytes()
    stored_before = stored(uid)
    for epoch in folder.epochs():
        damage(folder, epoch)
    with pytest.raises(CheckpointError, match="no checkpoint .* can be loaded"):
        resume(uid)
    assert main(["resume", uid]) == 2
    err = capsys.readouterr().err
    assert "cannot be resumed" in err and "Traceback" not in err
    assert (folder.path / "run.json").read_bytes() == before  # epochs still 3, not []
    assert len(json.loads(before)["epochs"]) == 3
    after = stored(uid)
    assert after.summary.status == stored_before.summary.status == "stopped"
    assert len(after.epochs) == 3
    with Store() as store:
        assert len(store.list_runs()) == 1  # no "failed" run under a random id


@pytest.mark.parametrize(
    "damage_meta",
    [b"{not json", b"\xff\xfe", b"[]", b'{"config": {"epochs": "many"}}'],
)
def test_a_damaged_run_json_is_a_one_line_refusal(capsys, damage_meta):
    uid = stopped_run(1)
    (RunFolder(uid).path / "run.json").write_bytes(damage_meta)
    assert main(["resume", uid]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "run.json" in err, err
    assert (RunFolder(uid).path / "run.json").read_bytes() == damage_meta


def test_a_damaged_rng_state_counts_as_a_damaged_checkpoint():
    uid = stopped_run(2)
    folder = RunFolder(uid)
    (folder.ckpt_dir / "epoch-0002.rng.json").write_text("{broken")
    result = resume(uid)
    assert result.status == "finished" and [e["epoch"] for e in result.epochs][:2] == [1, 2]


@pytest.mark.parametrize("ref", ["..", "a/b", "", "   ", "run:0", str(2**63), "x" * 65])
def test_resume_refuses_what_cannot_be_a_run_in_one_line(capsys, ref):
    assert main(["resume", ref]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err


def test_resume_takes_the_number_and_run_n_as_runs_does(capsys):
    uid = stopped_run(1)
    with Store() as store:
        number = store.find_run(uid)
    folder = RunFolder(uid)
    folder_meta = json.loads((folder.path / "run.json").read_text())
    folder_meta["status"] = "finished"  # so resume stops right after finding the run
    (folder.path / "run.json").write_text(json.dumps(folder_meta))
    for ref in (str(number), f"run:{number}", uid):
        assert main(["resume", ref]) == 2
        assert "already finished" in capsys.readouterr().err
    assert main(["resume", "999"]) == 2
    assert "no run with id 999" in capsys.readouterr().err


def test_disk_full_while_checkpointing_is_not_out_of_memory(monkeypatch):
    real_save = RunFolder.save

    def save(self, model, optimizer, epoch):
        if epoch == 2:
            (self.ckpt_dir / f"epoch-{epoch:04d}_temp").mkdir(parents=True)  # TF's half-write
            try:
                raise OSError(errno.ENOSPC, "No space left on device")
            except OSError:
                self._remove_epoch(epoch)
                raise ckpt_mod.DiskFullError(self.ckpt_dir) from None
        return real_save(self, model, optimizer, epoch)

    monkeypatch.setattr(RunFolder, "save", save)
    with pytest.raises(RunFailed) as info:
        jobs.train(SMALL)
    text = str(info.value)
    assert "disk is full" in text and "free" in text and "memory" not in text
    uid = next(p.name for p in ckpt_mod.runs_root().iterdir())
    folder = RunFolder(uid)
    assert folder.epochs() == [1]
    assert not list(folder.ckpt_dir.glob("*_temp*"))
    assert "disk is full" in json.dumps(folder.read_meta()["error"])
    assert "disk is full" in json.dumps(stored(uid).summary.error)


def test_a_real_checkpoint_save_that_fails_leaves_no_part_of_the_epoch(monkeypatch):
    """The real RunFolder.save: the RNG state write fails with ENOSPC after TensorFlow wrote
    the checkpoint; every file of that epoch is removed and the error names the disk."""
    from engine.files import output

    uid = stopped_run(1)
    folder = RunFolder(uid)
    real = output.tempfile.mkstemp

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    import keras

    from engine.models import build

    model = build("seed-cnn", num_classes=10)
    optimizer = keras.optimizers.Adam()
    monkeypatch.setattr(output.tempfile, "mkstemp", full)
    with pytest.raises(ckpt_mod.DiskFullError, match="free"):
        folder.save(model, optimizer, 7)
    monkeypatch.setattr(output.tempfile, "mkstemp", real)
    assert not list(folder.ckpt_dir.glob("epoch-0007*")) and folder.epochs() == [1]


def test_a_run_being_trained_elsewhere_cannot_be_resumed(capsys):
    uid = stopped_run(1)
    folder = RunFolder(uid)
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from engine.training.live_run import RunLock\n"
        f"lock = RunLock(Path({str(folder.path)!r}), 'x').acquire()\n"
        "print('locked', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert live_run(folder.path, folder.read_meta())
        with pytest.raises(RunBusy, match="another process"):
            resume(uid)
        assert main(["resume", uid]) == 2
        assert "another process" in capsys.readouterr().err
        assert uid not in [r.run_id for r in jobs.resumable_runs()]  # the window's list
        assert main(["runs", "delete", uid]) == 2  # nor deleted under its trainer
        assert "another process" in capsys.readouterr().err
        assert folder.exists()
    finally:
        holder.communicate("\n", timeout=30)
    assert not live_run(folder.path, folder.read_meta())  # released when the process ends
    assert uid in [r.run_id for r in jobs.resumable_runs()]
    with RunLock(folder.path, uid):  # and this process may take it
        pass


def test_stopped_before_a_saved_epoch_does_not_offer_a_resume():
    control = RunControl()
    logs = []

    class Stop(Callback):
        def on_batch_end(self, step, logs_):
            control.stop()

        def on_log(self, level, text):
            logs.append(text)

    result = jobs.train(SMALL, [Stop()], control)
    assert result.status == "stopped" and result.epochs == []
    assert not any("resume with" in t for t in logs)
    assert any("before a complete epoch was saved" in t for t in logs)


def test_a_save_killed_half_way_leaves_no_temp_folder_after_the_next_save():
    import keras

    from engine.models import build

    uid = stopped_run(1)
    folder = RunFolder(uid)
    stale = folder.ckpt_dir / "epoch-0002_temp"
    stale.mkdir()
    (stale / "part-00000-of-00001.data-00000-of-00001").write_bytes(b"half")
    folder.save(build("seed-cnn", num_classes=10), keras.optimizers.Adam(), 2)
    assert not stale.exists() and folder.epochs() == [1, 2]
