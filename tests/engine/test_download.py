"""Dataset downloads against a local HTTP server on 127.0.0.1 (never the internet).

The server serves an ``mnist.npz`` and four Fashion-MNIST-named IDX files made from the
shared MNIST test split; the tests pass their sizes and sha256 values in.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import io
import os
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from engine.data import DataError, DownloadError, load_dataset, sources
from engine.data import download as dl
from engine.data.download import RemoteFile, download_dataset
from engine.data.idx import read_idx
from engine.i18n.message import english

ROOT = Path(__file__).resolve().parents[2]


class Mirror(http.server.ThreadingHTTPServer):
    """Serves ``files[name] = bytes``; ``mode[name]`` breaks a file on purpose."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files: dict[str, bytes] = {}
        self.mode: dict[str, str] = {}
        self.requests: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/base/"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Mirror

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        name = self.path.removeprefix("/base/")
        self.server.requests.append(name)
        data = self.server.files.get(name)
        if data is None:
            self.send_error(404)
            return
        mode = self.server.mode.get(name, "ok")
        if mode == "corrupt":  # same size, one byte changed
            data = data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]
        self.send_response(200)
        if mode != "cut":  # "cut": no Content-Length, connection closed half-way
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if mode in ("short", "cut"):  # fewer bytes than the file has, then close
            self.wfile.write(data[: len(data) // 2])
            self.close_connection = True
            return
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def mirror() -> Iterator[Mirror]:
    server = Mirror()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(autouse=True)
def _no_proxy_no_data_dir(monkeypatch):
    monkeypatch.setenv("no_proxy", "*")  # urllib would send 127.0.0.1 through a configured proxy
    monkeypatch.delenv("SUANLI_DATA_DIR", raising=False)
    monkeypatch.delenv("SUANLI_MIRROR", raising=False)


@pytest.fixture(scope="module")
def t10k(mnist_dir) -> tuple[np.ndarray, np.ndarray]:
    return (
        read_idx(mnist_dir / "t10k-images-idx3-ubyte.gz"),
        read_idx(mnist_dir / "t10k-labels-idx1-ubyte.gz"),
    )


def spec(name: str, data: bytes) -> RemoteFile:
    return RemoteFile(name, len(data), hashlib.sha256(data).hexdigest())


@pytest.fixture(scope="module")
def npz_bytes(t10k) -> bytes:
    """An mnist.npz from the t10k split: 1,200 train and 300 test images (about 1.2 MB)."""
    x, y = t10k
    buf = io.BytesIO()
    np.savez(buf, x_train=x[:1200], y_train=y[:1200], x_test=x[1200:1500], y_test=y[1200:1500])
    return buf.getvalue()


def idx_gz(arr: np.ndarray) -> bytes:
    header = struct.pack(">HBB", 0, 0x08, arr.ndim) + struct.pack(f">{arr.ndim}I", *arr.shape)
    return gzip.compress(header + arr.astype(np.uint8).tobytes(), mtime=0)


@pytest.fixture(scope="module")
def fashion_files(t10k) -> dict[str, bytes]:
    x, y = t10k
    return {
        "train-labels-idx1-ubyte.gz": idx_gz(y[:500]),
        "train-images-idx3-ubyte.gz": idx_gz(x[:500]),
        "t10k-labels-idx1-ubyte.gz": idx_gz(y[500:600]),
        "t10k-images-idx3-ubyte.gz": idx_gz(x[500:600]),
    }


@pytest.fixture
def serve_mnist(mirror, npz_bytes, monkeypatch) -> RemoteFile:
    """The mirror serves the test npz, and the engine expects its checksum for ``mnist``."""
    mirror.files["mnist.npz"] = npz_bytes
    remote = spec("mnist.npz", npz_bytes)
    monkeypatch.setitem(dl.REMOTE, "mnist", (remote,))
    return remote


def listing(directory: Path) -> list[str]:
    return sorted(os.listdir(directory)) if directory.exists() else []


def test_good_download_is_cached_verified_and_loads(mirror, serve_mnist, npz_bytes):
    seen: list[tuple[int, int]] = []
    result = download_dataset("mnist", mirror=mirror.url, progress=lambda d, t: seen.append((d, t)))
    cache = dl.cache_dir("mnist")
    assert result.directory == cache and result.downloaded == ["mnist.npz"]
    assert listing(cache) == ["mnist.npz"]  # no part file left over
    assert (cache / "mnist.npz").read_bytes() == npz_bytes
    assert seen[0] == (0, len(npz_bytes)) and seen[-1] == (len(npz_bytes), len(npz_bytes))
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:], strict=False))
    d = load_dataset("mnist")  # found in the cache, no download needed
    assert str(cache) in str(d.source) and d.sizes == {"train": 1080, "dev": 120, "test": 300}
    again = download_dataset("mnist", mirror=mirror.url)
    assert again.downloaded == [] and again.cached == ["mnist.npz"]
    assert mirror.requests == ["mnist.npz"]


def test_load_dataset_downloads_when_asked(mirror, serve_mnist, monkeypatch, npz_bytes):
    # download=False: nothing fetched; the split shipped with the app stands in
    assert "shipped with Suanli" in english(load_dataset("mnist").source)
    assert mirror.requests == []
    monkeypatch.setenv("SUANLI_MIRROR", mirror.url)
    seen: list[tuple[int, int]] = []
    d = load_dataset(
        "mnist", download=True, progress=lambda done, total: seen.append((done, total))
    )
    assert d.sizes["test"] == 300 and seen[-1] == (len(npz_bytes), len(npz_bytes))
    assert any("downloaded it to" in n for n in d.notes)
    d2 = load_dataset("mnist", download=True)
    assert d2.notes == [] and mirror.requests == ["mnist.npz"]


def test_a_damaged_cached_file_is_fetched_again(mirror, serve_mnist, npz_bytes):
    cache = dl.cache_dir("mnist")
    cache.mkdir(parents=True)
    (cache / "mnist.npz").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DataError):
        load_dataset("mnist")
    d = load_dataset("mnist", download=True, mirror=mirror.url)
    assert d.sizes["test"] == 300 and (cache / "mnist.npz").read_bytes() == npz_bytes


def test_corrupt_download_is_rejected_by_checksum_and_not_kept(mirror, serve_mnist):
    mirror.mode["mnist.npz"] = "corrupt"
    with pytest.raises(DownloadError) as err:
        download_dataset("mnist", mirror=mirror.url)
    assert err.value.kind == "checksum"
    msg = str(err.value)
    assert "sha256" in msg and serve_mnist.sha256 in msg and "not kept" in msg and "\n" not in msg
    assert listing(dl.cache_dir("mnist")) == []


@pytest.mark.parametrize("mode", ["short", "cut"])
def test_interrupted_download_leaves_no_half_file(mirror, serve_mnist, mode):
    mirror.mode["mnist.npz"] = mode
    with pytest.raises(DownloadError) as err:
        download_dataset("mnist", mirror=mirror.url)
    assert err.value.kind == "interrupted"
    assert f"of {serve_mnist.size:,} bytes" in str(err.value)
    assert listing(dl.cache_dir("mnist")) == []


def test_cancelling_from_progress_leaves_no_half_file(mirror, serve_mnist):
    def progress(done: int, total: int) -> None:
        if done > 100_000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        download_dataset("mnist", mirror=mirror.url, progress=progress)
    assert listing(dl.cache_dir("mnist")) == []


def test_wrong_size_on_the_server_is_refused_before_downloading(mirror, serve_mnist, monkeypatch):
    monkeypatch.setitem(dl.REMOTE, "mnist", (RemoteFile("mnist.npz", 11_490_434, "0" * 64),))
    with pytest.raises(DownloadError, match="offers 1,") as err:
        download_dataset("mnist", mirror=mirror.url)
    assert err.value.kind == "checksum" and listing(dl.cache_dir("mnist")) == []


def test_http_error_names_the_url(mirror, serve_mnist):
    del mirror.files["mnist.npz"]
    with pytest.raises(DownloadError, match="HTTP 404") as err:
        download_dataset("mnist", mirror=mirror.url)
    assert err.value.path == mirror.url + "mnist.npz" and err.value.kind == "http"


@pytest.fixture
def refused_url() -> Iterator[str]:
    """A port on 127.0.0.1 that refuses connections (bound, never listening)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    sock.close()


def test_offline_gives_a_clear_message_naming_the_manual_alternative(refused_url):
    with pytest.raises(DownloadError) as err:
        load_dataset("mnist", download=True, mirror=refused_url)
    msg = str(err.value)
    assert err.value.kind == "offline" and "\n" not in msg
    assert msg.startswith(f"cannot reach {refused_url[7:-1]} (")
    assert "offline" in msg and f"{refused_url}mnist.npz" in msg
    assert str(dl.cache_dir("mnist")) in msg and "--data-dir" in msg
    assert listing(dl.cache_dir("mnist")) == []


def test_fashion_mnist_four_files_then_loads(mirror, fashion_files, monkeypatch):
    mirror.files.update(fashion_files)
    monkeypatch.setitem(
        dl.REMOTE, "fashion-mnist", tuple(spec(n, b) for n, b in fashion_files.items())
    )
    monkeypatch.setattr(sources, "_SYSTEM_DIRS", {})  # ignore an installed Debian package
    mirror.mode["t10k-labels-idx1-ubyte.gz"] = "corrupt"
    with pytest.raises(DownloadError, match="t10k-labels"):
        load_dataset("fashion-mnist", download=True, mirror=mirror.url)
    cache = dl.cache_dir("fashion-mnist")
    assert listing(cache) == ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]
    del mirror.mode["t10k-labels-idx1-ubyte.gz"]
    mirror.requests.clear()
    d = load_dataset("fashion-mnist", download=True, mirror=mirror.url)
    assert mirror.requests == ["t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"]
    assert d.class_names[0] == "T-shirt/top" and d.sizes == {"train": 450, "dev": 50, "test": 100}
    assert len(listing(cache)) == 4


def test_system_fashion_mnist_is_used_before_downloading(
    tmp_path, fashion_files, monkeypatch, refused_url
):
    system = tmp_path / "usr-share-datasets-fashion-mnist"  # Debian's file names
    system.mkdir()
    for name, data in fashion_files.items():
        (system / name).write_bytes(data)
    monkeypatch.setattr(sources, "_SYSTEM_DIRS", {"fashion-mnist": (system,)})
    d = load_dataset("fashion-mnist", download=True, mirror=refused_url)
    assert str(system) in str(d.source) and d.sizes["test"] == 100


def test_stale_part_files_are_cleaned_up(mirror, serve_mnist):
    cache = dl.cache_dir("mnist")
    cache.mkdir(parents=True)
    stale, fresh = cache / ".mnist.npz.old.part", cache / ".mnist.npz.live.part"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, (1_000_000_000, 1_000_000_000))  # long ago: a dead download's leftover
    download_dataset("mnist", mirror=mirror.url)
    assert listing(cache) == [fresh.name, "mnist.npz"]  # a recent one may still be writing


def test_cli_download_ok_and_already_cached(mirror, serve_mnist, capsys):
    from engine.cli.main import main

    assert main(["download", "mnist", "--mirror", mirror.url]) == 0
    out = capsys.readouterr().out
    assert "downloaded mnist.npz" in out and "sha256 verified" in out
    assert main(["download", "mnist", "--mirror", mirror.url]) == 0
    assert "already in" in capsys.readouterr().out


def test_cli_checksum_error_exits_2_with_one_line(mirror, serve_mnist, capsys):
    from engine.cli.main import main

    mirror.mode["mnist.npz"] = "corrupt"
    assert main(["download", "mnist", "--mirror", mirror.url]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("error: ") and "sha256" in err[-1]


def test_cli_offline_exits_2_with_one_line_and_no_traceback(refused_url, tmp_path):
    env = {
        **os.environ,
        "SUANLI_HOME": str(tmp_path),
        "SUANLI_MIRROR": refused_url,
        "no_proxy": "*",
    }
    p = subprocess.run(
        [sys.executable, "-m", "engine", "download", "fashion-mnist"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr
    last = p.stderr.strip().splitlines()[-1]
    assert last.startswith("error: cannot reach") and "t10k-images-idx3-ubyte.gz" in last


def test_download_bar_draws_on_a_terminal():
    from engine.cli.data import DownloadBar

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    bar = DownloadBar(stream)
    bar(0, 2_000_000)
    bar(2_000_000, 2_000_000)
    bar.close()
    text = stream.getvalue()
    assert "100%" in text and "2.0/2.0 MB" in text and text.endswith("\n")
    quiet = io.StringIO()
    DownloadBar(quiet)(1, 2)
    assert quiet.getvalue() == ""
