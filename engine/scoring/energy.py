"""Energy a run's devices used while it worked: an :class:`EnergyMeter` started and stopped
around each measured window (a training epoch's steps, a benchmark's timed loop).

Only the GPUs the run uses count (TensorFlow's ``GPU:N`` matched to NVML by
``engine.telemetry.device_map``); a CPU run has no GPU energy ("not available: the run
used the CPU"). Each window is measured with NVML's energy counter (mJ) of those GPUs;
where a GPU has no counter, power is integrated instead, read at the window's two edges
and ``poll_hz`` times a second in between (trapezoids), and the reading says which power
NVML reports (instantaneous or its 1-second average). A measurement that cannot be
trusted is ``None`` with the reason: windows too short for the method's resolution, a
GPU lost during it, a MIG board (its counter covers other users' slices), a counter that
went backwards.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.i18n import N_, _
from engine.i18n.message import Message, shown
from engine.telemetry import nvml
from engine.telemetry.device_map import device_map, nvml_indices, tf_gpu_details
from engine.telemetry.snapshot import POWER_1S_AVERAGE, POWER_INSTANT

COUNTER = N_("NVML energy counter")
POWER = N_("power integrated over telemetry samples")
#: The counter may step only every 20-100 ms on newer GPUs: windows shorter than this
#: would carry more than ~10 % quantisation error.
COUNTER_RESOLUTION_S = 0.1
MIN_WINDOW_S = {COUNTER: 1.0, POWER_INSTANT: 1.0, POWER_1S_AVERAGE: 12.0, None: 2.0}

USED_CPU = N_("not available: the run used the CPU")
NO_NVML = N_("not available: {reason}")
UNMATCHED = N_(
    "not available: TensorFlow's GPU cannot be matched to an NVML GPU "
    "(no PCI bus id; set CUDA_DEVICE_ORDER=PCI_BUS_ID)"
)
LOST = N_("not available: GPU {index} was lost during the measurement")
MIG = N_(
    "not available: NVML GPU {index} is MIG-partitioned; its energy counter and power "
    "cover the whole board, other users' slices included"
)
NO_READING = N_("not available: NVML gives neither an energy counter nor power for GPU {index}")
BACKWARDS = N_("not available: the energy counter of GPU {index} went backwards")
TOO_SHORT = N_(
    "not available: the measured windows average {seconds} s, under the {minimum} s "
    "that {method} needs"
)
NOTHING = N_("not available: nothing was measured")
EARLIER = N_("not available: an earlier session of this run has no energy measurement")


@dataclass(frozen=True)
class EnergyReading:
    """Joules over the measured windows, or None and ``reason`` (a Message) saying why."""

    joules: float | None
    method: str | None = None  # COUNTER or POWER (English; translated where shown)
    reason: Message | None = None
    seconds: float = 0.0  # measured time, windows summed
    windows: int = 0
    devices: tuple[int, ...] = ()  # NVML indices
    power_kind: str | None = None  # for POWER: what NVML's power figure is

    def to_dict(self) -> dict[str, Any]:
        return {
            "joules": self.joules,
            "method": self.method,
            "reason": None if self.reason is None else self.reason.to_dict(),
            "seconds": self.seconds,
            "windows": self.windows,
            "devices": list(self.devices),
            "power_kind": self.power_kind,
        }


@dataclass
class _Tally:
    joules: float = 0.0
    seconds: float = 0.0
    windows: int = 0
    method: str | None = None
    power_kind: str | None = None
    reason: Message | None = None

    def add(self, joules: float | None, seconds: float, how: tuple, reason: Message | None):
        self.windows += 1
        self.seconds += seconds
        if self.reason is None and reason is not None:
            self.reason = reason
        if joules is not None:
            self.joules += joules
            self.method = self.method or how[0]
            self.power_kind = self.power_kind or how[1]

    def reading(self, devices: tuple[int, ...]) -> EnergyReading:
        base = {"seconds": self.seconds, "windows": self.windows, "devices": devices}
        if self.reason is not None:
            return EnergyReading(None, reason=self.reason, **base)
        if not self.windows:
            return EnergyReading(None, reason=Message(NOTHING), **base)
        minimum = MIN_WINDOW_S[self.method if self.method == COUNTER else self.power_kind]
        average = self.seconds / self.windows
        if average < minimum:
            method = Message(self.method or COUNTER)  # said in the reader's language too
            values = {"seconds": f"{average:.2f}", "minimum": f"{minimum:g}", "method": method}
            return EnergyReading(None, reason=Message(TOO_SHORT, values), **base)
        return EnergyReading(self.joules, method=self.method, power_kind=self.power_kind, **base)


@dataclass
class _Window:
    t0: float
    counters: dict[int, float | None]
    power: list[tuple[float, dict[int, float | None]]] = field(default_factory=list)


class EnergyMeter:
    """Energy of the GPUs ``devices`` (NVML indices) over the windows between ``start()``
    and ``stop()``. ``devices=()`` or ``None`` measures nothing: ``reason`` says why.

    ``lap()`` gives the windows since the previous lap (an epoch), ``total()`` all of them.
    Not thread-safe: one thread starts and stops it.
    """

    def __init__(
        self,
        devices: Sequence[int] | None,
        *,
        reason: Message | None = None,
        clock: Callable[[], float] = time.monotonic,
        poll_hz: float = 10.0,
    ) -> None:
        self.devices = tuple(devices or ())
        self._reason = reason
        if not self.devices and reason is None:
            self._reason = Message(USED_CPU)
        self._clock = clock
        self._poll_hz = poll_hz
        self._window: _Window | None = None
        self._lap = _Tally()
        self._total = _Tally()
        self._poller: threading.Thread | None = None
        self._poll_stop = threading.Event()

    @classmethod
    def for_tf_devices(
        cls,
        names: Sequence[str],
        *,
        tf_gpus: Sequence[Mapping[str, Any]] | None = None,
        env: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> EnergyMeter:
        """A meter for the GPUs behind TensorFlow device names (a run's placement)."""
        if not any("GPU" in n.upper().rsplit("/", 1)[-1] for n in names):
            return cls((), reason=Message(USED_CPU), **kwargs)
        if not nvml.available():
            return cls((), reason=Message(NO_NVML, {"reason": nvml.notice()}), **kwargs)
        try:
            tf_side = tf_gpu_details() if tf_gpus is None else tf_gpus
        except Exception:
            tf_side = []
        indices = nvml_indices(names, device_map(tf_side, nvml.gpu_static_info(), env))
        if not indices:
            return cls((), reason=Message(UNMATCHED), **kwargs)
        return cls(indices, **kwargs)

    # ------------------------------------------------------------------ windows
    @property
    def active(self) -> bool:
        return bool(self.devices) and self._reason is None

    def start(self) -> None:
        if not self.active or self._window is not None:
            return
        counters = nvml.read_energy_j(self.devices)
        self._window = _Window(self._clock(), counters)
        if any(v is None for v in counters.values()):
            self._window.power.append((self._window.t0, nvml.read_power_w(self.devices)))
            if self._poll_hz > 0:
                self._start_poller()

    def poll_once(self) -> None:
        """Read power now (the poller thread does this ``poll_hz`` times a second)."""
        w = self._window
        if w is not None and w.power:
            w.power.append((self._clock(), nvml.read_power_w(self.devices)))

    def stop(self) -> None:
        w, self._window = self._window, None
        if w is None:
            return
        self._stop_poller()
        t1 = self._clock()
        counters = nvml.read_energy_j(self.devices)
        if w.power:
            w.power.append((t1, nvml.read_power_w(self.devices)))
        joules, how, reason = self._window_energy(w, counters)
        for tally in (self._lap, self._total):
            tally.add(joules, t1 - w.t0, how, reason)

    def lap(self) -> EnergyReading:
        """The windows since the previous lap; the next lap starts now."""
        if not self.active:
            return EnergyReading(None, reason=self._reason)
        reading, self._lap = self._lap.reading(self.devices), _Tally()
        return reading

    def total(self) -> EnergyReading:
        if not self.active:
            return EnergyReading(None, reason=self._reason)
        return self._total.reading(self.devices)

    def measure(self, fn: Callable[[], Any]) -> tuple[Any, EnergyReading]:
        """Run ``fn`` in one window; its result and that window's reading."""
        self.lap()
        self.start()
        try:
            out = fn()
        finally:
            self.stop()
        return out, self.lap()

    def close(self) -> None:
        self._window = None
        self._stop_poller()

    # ------------------------------------------------------------------ internals
    def _window_energy(self, w: _Window, counters: dict[int, float | None]) -> tuple:
        lost = nvml.lost_gpus()
        info = {g["index"]: g for g in nvml.gpu_static_info()}
        for i in self.devices:
            if i in lost:
                return None, (None, None), Message(LOST, {"index": i})
            if (info.get(i) or {}).get("mig_enabled"):
                return None, (None, None), Message(MIG, {"index": i})
        if not w.power:
            joules = 0.0
            for i in self.devices:
                e0, e1 = w.counters[i], counters[i]
                if e0 is None or e1 is None:
                    return None, (None, None), Message(NO_READING, {"index": i})
                if e1 < e0:
                    return None, (None, None), Message(BACKWARDS, {"index": i})
                joules += e1 - e0
            return joules, (COUNTER, None), None
        kinds = nvml.power_kinds()
        joules = 0.0
        for i in self.devices:
            pts = [(t, p[i]) for t, p in w.power if p.get(i) is not None]
            if len(pts) < 2 or pts[0][0] > w.power[0][0] or pts[-1][0] < w.power[-1][0]:
                return None, (None, None), Message(NO_READING, {"index": i})
            joules += sum(
                (b[0] - a[0]) * (a[1] + b[1]) / 2 for a, b in zip(pts, pts[1:], strict=False)
            )
        kind_set = {kinds.get(i) for i in self.devices}
        kind = POWER_1S_AVERAGE if POWER_1S_AVERAGE in kind_set else kind_set.pop()
        return joules, (POWER, kind), None

    def _start_poller(self) -> None:
        self._poll_stop = threading.Event()
        period = 1.0 / self._poll_hz

        def run(stop: threading.Event) -> None:
            while not stop.wait(period):
                self.poll_once()

        self._poller = threading.Thread(
            target=run, args=(self._poll_stop,), name="suanli-energy", daemon=True
        )
        self._poller.start()

    def _stop_poller(self) -> None:
        self._poll_stop.set()
        if self._poller is not None:
            self._poller.join(timeout=2.0)
            self._poller = None


def run_energy(earlier: Sequence[float | None], this_session: EnergyReading) -> EnergyReading:
    """A run's energy: the epochs of earlier sessions (``earlier``, from the run's stored
    epochs) plus this session's windows; None and why when either is missing."""
    if this_session.joules is None:
        return this_session
    if any(e is None for e in earlier):
        return EnergyReading(None, reason=Message(EARLIER), devices=this_session.devices)
    return EnergyReading(
        float(sum(earlier)) + this_session.joules,  # type: ignore[arg-type]
        method=this_session.method,
        seconds=this_session.seconds,
        windows=this_session.windows,
        devices=this_session.devices,
        power_kind=this_session.power_kind,
    )


def energy_text(stored: Mapping[str, Any]) -> str:
    """One line about a run's stored energy (``EnergyReading.to_dict()``), for the CLI."""
    if stored.get("joules") is None:
        return _("GPU energy: {reason}").format(reason=shown(stored.get("reason")) or "?")
    gpus = ", ".join(str(i) for i in stored.get("devices") or [])
    method = stored.get("method") or COUNTER  # a marked text (COUNTER or POWER), in English
    return _("GPU energy over the training steps: {joules} J on NVML GPU {gpus} ({method})").format(
        joules=f"{stored['joules']:,.1f}", gpus=gpus, method=_(method)
    )
