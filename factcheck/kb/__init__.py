"""The knowledge base: its model and loading (``knowledge``), and the curator's tools on top of the
engine — validation with excerpts checked against the documents (``curation``) and the coverage
map of the documents' sentences (``coverage``)."""
