"""scratch_nn.data: datasets, samplers and the DataLoader, as torch.utils.data.

    dataset.py     Dataset, TensorDataset, Subset, ConcatDataset
    split.py       random_split
    sampler.py     Sampler, SequentialSampler, RandomSampler, SubsetRandomSampler, BatchSampler
    collate.py     default_collate (a list of samples -> one batch), default_convert
    dataloader.py  DataLoader (with a one-fancy-index fast path for TensorDatasets)
"""

from .collate import default_collate, default_convert
from .dataloader import DataLoader
from .dataset import ConcatDataset, Dataset, Subset, TensorDataset
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler, SubsetRandomSampler
from .split import random_split

__all__ = ["BatchSampler", "ConcatDataset", "DataLoader", "Dataset", "RandomSampler", "Sampler",
           "SequentialSampler", "Subset", "SubsetRandomSampler", "TensorDataset", "default_collate",
           "default_convert", "random_split"]
