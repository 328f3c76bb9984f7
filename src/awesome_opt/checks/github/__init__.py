"""Everything GitHub: the API client, the link plug-in, the committed figures and the repository run."""
