"""On a real NVIDIA machine: check the sampler, the device map and energy against nvidia-smi.

    python bench/gpu_device_check.py [--seconds 10] [--out check.json]

Needs nvidia-ml-py, nvidia-smi and PyTorch with CUDA (TensorFlow is not needed: the
device map is fed PyTorch's view of the GPUs, which numbers them as CUDA does, as
TensorFlow would). Steps, each printed as ok / FAIL with the figures:

1. NVML vs nvidia-smi: each GPU's UUID, PCI bus id, name and memory used (NVML's v2
   figure, which leaves driver-reserved memory out as nvidia-smi does);
2. the device map: CUDA device i (PyTorch) matched by PCI bus id to the NVML GPU whose
   UUID PyTorch reports for it;
3. under a matmul load on cuda:0 for ``--seconds``: the EnergyMeter's joules for that GPU
   vs. nvidia-smi's power.draw integrated over the same window (sampled every 100 ms),
   and the idle GPUs left out; the telemetry sampler's rate at 4 Hz and the loaded GPU's
   utilisation; and how often NVML's energy counter steps (the issue suspects every
   20-100 ms on newer GPUs: the meter's minimum window assumes <= 100 ms).

It has not yet run on a GPU (no device machine was lent when it was written).
Exit status 0 when every check is ok, 1 otherwise, 2 without a GPU.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.scoring.energy import EnergyMeter  # noqa: E402
from engine.telemetry import TelemetrySampler, nvml  # noqa: E402
from engine.telemetry.device_map import device_map, normalise_pci  # noqa: E402

SMI_FIELDS = "index,uuid,pci.bus_id,name,memory.used,memory.total,power.draw"
results: list[dict] = []


def check(name: str, ok: bool, **figures) -> None:
    results.append({"check": name, "ok": bool(ok), **figures})
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {figures}")


def smi() -> list[dict]:
    out = subprocess.run(
        ["nvidia-smi", f"--query-gpu={SMI_FIELDS}", "--format=csv,noheader,nounits"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    keys = SMI_FIELDS.split(",")
    return [
        dict(zip(keys, (v.strip() for v in line.split(",")), strict=True))
        for line in out.splitlines()
        if line.strip()
    ]


def smi_power_samples(index: int, stop: threading.Event, into: list) -> None:
    proc = subprocess.Popen(
        [
            "nvidia-smi",
            "-i",
            str(index),
            "--query-gpu=power.draw",
            "--format=csv,noheader,nounits",
            "-lms",
            "100",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        try:
            into.append((time.monotonic(), float(line.strip())))
        except ValueError:
            pass
        if stop.is_set():
            break
    proc.terminate()
    proc.wait(5)


def torch_gpus(torch) -> list[dict]:
    out = []
    for i in range(torch.cuda.device_count()):
        p = torch.cuda.get_device_properties(i)
        bus = getattr(p, "pci_bus_id", None)
        dom = getattr(p, "pci_domain_id", 0)
        dev = getattr(p, "pci_device_id", 0)
        pci = None if bus is None else f"{dom:04x}:{bus:02x}:{dev:02x}.0"
        out.append(
            {
                "name": f"/physical_device:GPU:{i}",
                "pci_bus_id": pci,
                "uuid": str(getattr(p, "uuid", "")),
            }
        )
    return out


def counter_steps(torch, a, index: int, seconds: float = 2.0) -> float | None:
    """Median time between changes of NVML's energy counter, read in a tight loop while
    cuda:0 works (torch launches asynchronously; the GPU stays busy)."""
    changes, last = [], None
    t_end = time.monotonic() + seconds
    while time.monotonic() < t_end:
        a @ a  # queue work; no sync, so the loop keeps reading
        value = nvml.read_energy_j([index])[index]
        now = time.monotonic()
        if value is not None and value != last:
            changes.append(now)
            last = value
    torch.cuda.synchronize()
    gaps = [b - a_ for a_, b in zip(changes, changes[1:], strict=False)]
    return sorted(gaps)[len(gaps) // 2] if gaps else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    if not nvml.available():
        print(f"no GPU: {nvml.notice()}")
        return 2
    import torch

    # 1. NVML vs nvidia-smi
    ours = {g["index"]: g for g in nvml.gpu_static_info()}
    samples = {g.index: g for g in nvml.read_gpus(include_pcie=False)}
    for row in smi():
        i = int(row["index"])
        g, s = ours.get(i, {}), samples.get(i)
        used_smi = float(row["memory.used"])
        used_ours = (
            None if s is None or s.memory_used_bytes is None else s.memory_used_bytes / 2**20
        )
        check(
            f"NVML GPU {i} is nvidia-smi's",
            g.get("uuid") == row["uuid"]
            and normalise_pci(g.get("pci_bus_id")) == normalise_pci(row["pci.bus_id"])
            and used_ours is not None
            and abs(used_ours - used_smi) <= max(64.0, 0.02 * used_smi),
            uuid=row["uuid"],
            pci=row["pci.bus_id"],
            memory_used_mib_smi=used_smi,
            memory_used_mib_ours=used_ours,
            power_kind=g.get("power_kind"),
        )
    # 2. the device map
    tgpus = torch_gpus(torch)
    links = device_map(tgpus, list(ours.values()))
    for link, t in zip(links, tgpus, strict=True):
        nv = ours.get(link.nvml_index, {})
        check(
            f"cuda:{link.tf_index} -> NVML {link.nvml_index}",
            link.nvml_index is not None
            and (not t["uuid"] or t["uuid"].lower() in str(nv.get("uuid")).lower()),
            how=link.how,
            torch_uuid=t["uuid"],
            nvml_uuid=nv.get("uuid"),
        )
    # 3. energy and the sampler under load on cuda:0
    meter = EnergyMeter.for_tf_devices(["/device:GPU:0"], tf_gpus=tgpus)
    nvml0 = meter.devices[0] if meter.devices else 0
    power: list = []
    stop = threading.Event()
    reader = threading.Thread(target=smi_power_samples, args=(nvml0, stop, power), daemon=True)
    reader.start()
    time.sleep(1.0)
    a = torch.randn(8192, 8192, device="cuda:0")
    sampler = TelemetrySampler(rate_hz=4.0).start()
    meter.start()
    t0 = time.monotonic()
    while time.monotonic() - t0 < args.seconds:
        (a @ a).sum().item()
    meter.stop()
    t1 = time.monotonic()
    sampler.stop()
    time.sleep(0.5)
    stop.set()
    reader.join(10)
    pts = [(t, p) for t, p in power if t0 <= t <= t1]
    smi_j = sum((b[0] - a_[0]) * (a_[1] + b[1]) / 2 for a_, b in zip(pts, pts[1:], strict=False))
    reading = meter.total()
    ratio = None if not smi_j or reading.joules is None else reading.joules / smi_j
    check(
        "energy of cuda:0 vs nvidia-smi power.draw integrated",
        ratio is not None and 0.9 <= ratio <= 1.1 and reading.devices == (nvml0,),
        joules=reading.joules,
        method=reading.method,
        smi_joules=smi_j,
        ratio=ratio,
        devices=list(reading.devices),
    )
    steps = counter_steps(torch, a, nvml0)
    check(
        "energy counter steps at most every 100 ms under load",
        steps is not None and steps <= 0.1,
        median_step_s=steps,
    )
    rate = sampler.samples_taken / (t1 - t0)
    last = sampler.latest
    util = None if last is None else {g.index: g.utilization_gpu_percent for g in last.gpus}
    check(
        "sampler holds 4 Hz and sees the load",
        rate >= 3.6 and util is not None and (util.get(nvml0) or 0) >= 50,
        samples_per_s=rate,
        gpus=len(ours),
        utilization=util,
    )
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
