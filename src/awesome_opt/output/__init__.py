"""The one output layer: results and problems as text, JSON, GitHub annotations, job summaries and a
progress bar. Only the edges use it (the command line and the MkDocs plugin); the library returns
data and raises its own errors."""
