"""Datasets: IDX and npz readers, local sources, downloads, image folders, a synthetic set."""

from engine.data.download import DownloadError, download_dataset
from engine.data.errors import DataError
from engine.data.folder import SkippedFile
from engine.data.sources import Dataset, load_dataset

__all__ = [
    "DataError",
    "Dataset",
    "DownloadError",
    "SkippedFile",
    "download_dataset",
    "load_dataset",
]
