"""Naive Bayes (sklearn.naive_bayes): classes from Bayes' rule with features independent given it.

GaussianNB for real-valued features, MultinomialNB for counts, BernoulliNB for binary features;
all share predict / predict_proba / predict_log_proba from a joint log-likelihood (`_base`).
"""

from ._bernoulli import BernoulliNB
from ._gaussian import GaussianNB
from ._multinomial import MultinomialNB

__all__ = ["BernoulliNB", "GaussianNB", "MultinomialNB"]
