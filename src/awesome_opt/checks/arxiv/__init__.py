"""Everything arXiv: the feed, the API client, comparison, the offline snapshot, the link plug-in, the run."""
