"""Datasets: IDX and npz readers, local sources, and a synthetic set."""

from engine.data.errors import DataError
from engine.data.sources import Dataset, load_dataset

__all__ = ["DataError", "Dataset", "load_dataset"]
