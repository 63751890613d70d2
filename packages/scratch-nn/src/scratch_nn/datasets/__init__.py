"""scratch_nn.datasets: readers for published dataset formats, returning NumPy arrays.

    download.py   data_dir() ($SCRATCH_DATA_DIR or the user cache dir), download_file (atomic, sha256)
"""

from .download import DATA_DIR_VARIABLE, DownloadError, data_dir, download_file, sha256_of_file

__all__ = ["DATA_DIR_VARIABLE", "DownloadError", "data_dir", "download_file", "sha256_of_file"]
