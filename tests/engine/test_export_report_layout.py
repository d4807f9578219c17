"""The run report as a reader meets it: honest curve labels, times with their zone, a
benchmark run shown as a suite, a compact confusion view for many classes, every label in
zh_CN, and (where headless Chromium is installed) no sideways scroll at 600 px and no
heading left alone at the bottom of a printed page."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from engine.cards.card import SubScore, make_card
from engine.config import FIELDS
from engine.hashing import json_sha256
from engine.i18n import set_language
from engine.reports import run_report
from engine.reports.confusion import FULL_MATRIX_MAX, top_confusions
from engine.reports.report_labels import CONFIG_LABELS, when
from engine.reports.run_charts import measured_rates
from engine.store.store import Store
from engine.store.writer import StoreWriter, record_card


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "suanli.db") as s:
        yield s


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("en")


def a_run(store: Store, n_classes: int = 3, epochs: int = 2) -> int:
    w = StoreWriter(store, environment={})
    config = {"dataset": "folder", "model": "seed-cnn", "epochs": epochs, "batch_size": 8}
    w.on_run_begin({"config": config})
    step = 0
    for epoch in range(1, epochs + 1):
        for _ in range(3):
            step += 1
            w.on_batch_end(
                step, {"loss": 1.0, "accuracy": 0.5, "epoch": epoch, "samples_per_s": 50.0}
            )
        w.on_epoch_end(epoch, {"epoch": epoch, "train_loss": 1.0, "samples_per_s": 80.0})
    names = [f"class {i}" for i in range(n_classes)]
    matrix = [[0] * n_classes for _ in range(n_classes)]
    for i in range(n_classes):
        matrix[i][i] = 5
        matrix[i][(i + 1) % n_classes] = 1 + (i == 7) * 40  # class 7 -> 8: the top confusion
    report = {
        name: {"precision": 0.8, "recall": 0.8, "f1-score": 0.8, "support": 6} for name in names
    }
    report["accuracy"] = 0.8
    report["macro avg"] = {"precision": 0.8, "recall": 0.8, "f1-score": 0.8, "support": 6}
    w.on_run_end(
        {
            "status": "finished",
            "config": config,
            "steps": step,
            "test": {"accuracy": 0.8, "loss": 0.5, "report": report, "confusion_matrix": matrix},
        }
    )
    return w.run_id


def a_bench(store: Store) -> int:
    card = make_card(
        suite_version="1",
        config={"batch_size": 32},
        dataset_sha256="ab" * 32,
        environment={
            "facts": {"cpu_model": "Test CPU"},
            "sha256": json_sha256({"cpu_model": "Test CPU"}),
        },
        sub_scores=[
            SubScore(
                "train_samples_per_s", 2500.0, "samples/s", True, (2400.0, 2600.0), (2400.0, 2600.0)
            )
        ],
        suanli_score=1234.5,
        reference_profile="ref",
        extra={"device": "CPU", "suite_seconds": 12.5},
        created_utc="2026-01-02T03:04:05Z",
    )
    return record_card(card.to_dict(), store=store)


def text_of(html: str) -> str:
    body = html.split("<body>", 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_the_throughput_curves_are_the_measured_rate_and_the_running_average(store, english):
    rec = store.get_run(a_run(store))
    html = run_report.run_report_html(rec)
    throughput = re.search(r'<svg[^>]*aria-label="Training throughput".*?</svg>', html, re.S)
    labels = re.findall(r">([^<>]+)</text>", throughput.group(0))
    assert {"per batch", "epoch so far (running average)", "whole epoch"} <= set(labels)
    # "per batch": samples between two stored batches of one epoch / the seconds between
    rec.config["batch_size"] = 8
    rec.batches = {"step": [1, 2, 3, 4], "epoch": [1, 1, 2, 2], "elapsed_s": [0.1, 0.2, 0.5, 0.7]}
    xs, ys = measured_rates(rec)
    assert xs == [2, 4] and ys == pytest.approx([80.0, 40.0])


def test_times_carry_their_zone(store, english):
    rec = store.get_run(a_run(store))
    html = run_report.run_report_html(rec)
    assert when(rec.summary.started_at) in html
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC[+-]\d\d:\d\d", text_of(html))
    assert re.fullmatch(r"2026-01-01 \d\d:\d\d:00 UTC[+-]\d\d:\d\d", when(1767225600.0) or "")


def test_a_benchmark_run_is_reported_as_a_suite(store, english):
    html = run_report.run_report_html(store.get_run(a_bench(store)))
    text = text_of(html)
    assert "benchmark suite on CPU; finished" in text
    assert "on ?" not in text and "epochs 0/" not in text and "samples seen" not in text
    assert "train_samples_per_s 2,500.0 2,400.0 – 2,600.0 samples/s higher 2" in text


def test_many_classes_get_the_top_confusions_not_the_matrix(store, english):
    n = 200
    html = run_report.run_report_html(store.get_run(a_run(store, n_classes=n)))
    assert len(html) < 200_000 and 'class="matrix"' not in html
    text = text_of(html)
    assert f"{n} classes: the full matrix is left out" in text
    assert "class 7 class 8 41 0.8913" in text  # 41 of class 7's 46 images
    small = run_report.run_report_html(store.get_run(a_run(store, n_classes=FULL_MATRIX_MAX)))
    assert 'class="matrix"' in small


def test_top_confusions_are_the_largest_off_diagonal_cells():
    matrix = [[9, 1, 0], [4, 5, 1], [0, 3, 7]]
    assert top_confusions(matrix, k=2) == [(1, 0, 4, 0.4), (2, 1, 3, 0.3)]


def test_every_config_field_has_a_label():
    assert set(CONFIG_LABELS) == {spec.name for spec in FIELDS}


def test_in_chinese_the_labels_are_chinese(store):
    run_id, bench_id = a_run(store), a_bench(store)
    set_language("zh_CN")
    try:
        html = run_report.run_report_html(store.get_run(run_id))
        bench = run_report.run_report_html(store.get_run(bench_id))
    finally:
        set_language("en")
    text = text_of(html)
    for word in ("批大小", "已完成", "本轮至今（累计平均）", "宏平均", "训练开始"):
        assert word in text, word
    assert "基准测试套件" in text_of(bench)
    # what stays English: data (names, keys shown beside their label, values), units, names
    keep = {"class", "folder", "seed", "cnn", "batch", "size", "dataset", "epochs", "model"}
    keep |= {"UTC", "Suanli", "ID", "W", "s", "F"}  # F1 分数
    text = re.sub(r"\b[0-9a-f]{32,64}\b", " ", text)  # the run's uid, hashes
    text = re.sub(r"\d[\d.,]*e[+-]?\d+", " ", text)  # numbers like 5.2e+07
    words = set(re.findall(r"[A-Za-z]+", re.sub(r"\d", " ", text)))
    assert words - keep == set()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not CHROMIUM or not shutil.which("pdftotext"), reason="no headless Chromium")
def test_in_chromium_it_reflows_to_600_px_and_prints_no_orphaned_heading(store, english, tmp_path):
    html = run_report.run_report_html(store.get_run(a_run(store, n_classes=10, epochs=30)))
    # the page's own CSP forbids scripts: a copy without it measures the layout
    probe = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html).replace(
        "</body>",
        "<script>document.title = document.documentElement.scrollWidth + ' ' + "
        "document.documentElement.clientWidth</script></body>",
    )
    (tmp_path / "probe.html").write_text(probe, encoding="utf-8")
    (tmp_path / "r.html").write_text(html, encoding="utf-8")
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
    dom = subprocess.run(
        [*args, "--window-size=600,900", "--dump-dom", (tmp_path / "probe.html").as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    scroll, client = map(int, re.search(r"<title>(\d+) (\d+)</title>", dom).groups())
    assert scroll <= client
    pdf = tmp_path / "r.pdf"
    subprocess.run(
        [*args, f"--print-to-pdf={pdf}", (tmp_path / "r.html").as_uri()],
        capture_output=True,
        timeout=120,
    )
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60
    ).stdout.split("\f")
    headings = set(re.findall(r"<h[23]>([^<]+)</h[23]>", html))
    assert len([p for p in pages if p.strip()]) >= 2
    for page in pages[:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines and lines[-1] not in headings, lines[-3:]


def test_a_benchmark_run_keeps_and_reports_its_telemetry(tmp_path, monkeypatch, english):
    from engine import jobs
    from engine.reports.tensorboard import scalar_series

    monkeypatch.setenv("SUANLI_HOME", str(tmp_path))
    with Store(tmp_path / "x.db") as other:  # the card of a_bench, made without a store
        card = other.get_run(a_bench(other)).card

    def run_suite(callbacks, control, **_):
        for i in range(5):
            callbacks.on_device_sample(
                {"timestamp": 1.0e9 + i, "host": {"cpu_percent": 10.0 * i}, "gpus": []}
            )
        return card

    assert jobs.bench(run_suite=run_suite) is card
    with Store() as store:
        (summary,) = store.list_runs()
        rec = store.get_run(summary.id)
    assert [s["host"]["cpu_percent"] for s in rec.samples] == [0.0, 10.0, 20.0, 30.0, 40.0]
    html = run_report.run_report_html(rec)
    assert "<h2>Device telemetry</h2>" in html and "benchmark suite on CPU" in text_of(html)
    assert len(scalar_series(rec)["telemetry"]["host/cpu_percent"]) == 5
