"""The review lane: the offline change review against the real terraform plan (stored corpus)."""
