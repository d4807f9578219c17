"""The compression lab's progress tracker: a plain engine callback, no Qt."""

from __future__ import annotations

from engine.compress.progress import LabProgress


def test_the_tracker_follows_the_stages_and_counts_epochs_and_variants_alike():
    rows: list[dict] = []
    p = LabProgress(rows.append, variants=2)
    assert p.fraction() == 0.0 and p.stage_number() == 0
    p.on_run_begin({"stages": [["baseline", 2], ["prune", 1]], "epochs": 3})
    p.on_epoch_begin(1, {"stage": "baseline", "steps": 4})
    p.on_batch_end(1, {"epoch_step": 2, "epoch_steps": 4})
    assert p.stage_number() == 1 and p.stage_epoch() == (1, 2)
    assert p.fraction() == 0.5 / 5  # half an epoch of 3 epochs + 2 variants
    p.on_epoch_end(1, {})
    p.on_epoch_begin(2, {"stage": "baseline", "steps": 4})
    p.on_epoch_end(2, {})
    assert not p.training  # the stage's last epoch: measuring follows
    p.on_variant({"variant": "keras"})
    assert rows == [{"variant": "keras"}] and p.fraction() == 3 / 5
    p.on_epoch_begin(3, {"stage": "prune", "steps": 4})
    assert p.stage_number() == 2 and p.stage_epoch() == (1, 1)
