"""Host telemetry from psutil: this machine's real CPU, RAM and process figures."""

from __future__ import annotations

import os
import threading

from engine.telemetry import host


def test_cpu_model_is_a_readable_name():
    model = host.cpu_model()
    assert isinstance(model, str) and model.strip() == model and model


def test_first_read_has_no_cpu_percentages_because_it_has_nothing_to_compare_with():
    sample = host.HostReader().read()
    assert sample.cpu_percent is None
    assert sample.cpu_percent_per_core is None
    assert sample.process_cpu_percent is None


def test_second_read_reports_overall_and_per_core_load_in_percent():
    reader = host.HostReader()
    reader.read()
    sum(i * i for i in range(200_000))  # some work between the two reads
    sample = reader.read()
    assert 0.0 <= sample.cpu_percent <= 100.0
    assert len(sample.cpu_percent_per_core) == host.logical_cores() == sample.logical_cores
    assert all(0.0 <= p <= 100.0 for p in sample.cpu_percent_per_core)
    assert sample.process_cpu_percent >= 0.0


def test_memory_and_process_figures_are_plain_numbers_in_bytes():
    sample = host.HostReader().read()
    assert 0 < sample.ram_used_bytes <= sample.ram_total_bytes == host.ram_total_bytes()
    assert 0 < sample.ram_used_percent <= 100
    assert sample.process_rss_bytes > 1_000_000
    assert sample.process_threads >= threading.active_count()  # OS threads include Python's
    assert sample.cpu_model == host.cpu_model()


def test_another_process_can_be_watched():
    sample = host.HostReader(pid=os.getppid()).read()
    assert sample.process_rss_bytes > 0


def test_a_sample_is_frozen_and_turns_into_plain_data():
    sample = host.HostReader().read()
    try:
        sample.cpu_percent = 1.0  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("HostSample must be frozen")
    data = sample.to_dict()
    assert data["ram_total_bytes"] == sample.ram_total_bytes
    assert set(data) >= {"cpu_percent", "cpu_percent_per_core", "cpu_freq_mhz", "process_rss_bytes"}
