"""Everything GitHub: the API client, the link plug-in, the committed figures and the repository run.

The API's address lives here, so the command line can name it in its help without loading the client.
"""

DEFAULT_API = "https://api.github.com"
API_ENV = "AWESOME_OPT_GITHUB_API"
