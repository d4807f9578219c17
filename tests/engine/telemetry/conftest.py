"""Fixtures: the real nvidia-ml-py over a stand-in C library (``fake_libnvml``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fake_libnvml import FakeGpu, FakeLibNvml, h200s, install

from engine.telemetry import nvml


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def libnvml(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., FakeLibNvml]]:
    """``libnvml(gpus, **FakeLibNvml kwargs)``: pynvml's ``nvmlLib`` is the fake from now on."""

    def make(gpus: list[FakeGpu] | None = None, **kwargs: Any) -> FakeLibNvml:
        lib = install(monkeypatch, FakeLibNvml(gpus if gpus is not None else h200s(1), **kwargs))
        nvml.shutdown()
        return lib

    nvml.shutdown()
    yield make
    nvml.shutdown()
