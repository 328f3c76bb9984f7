"""Everything arXiv: the feed, the API client, comparison, the offline snapshot, the link plug-in, the run.

The API's address, its published rule and the snapshot's file name live here, so the command line
can name them in its help without loading the client.
"""

DEFAULT_API = "https://export.arxiv.org/api/query"
API_ENV = "AWESOME_OPT_ARXIV_API"
DEFAULT_DELAY = 3.0  # seconds between requests: arXiv's published rule
SNAPSHOT_FILE = "arxiv-snapshot.jsonl"
