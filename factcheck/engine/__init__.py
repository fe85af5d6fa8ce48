"""The engine, bottom to top: language data (``language``, ``wordnet``, ``relations``), text
(``text``), the knowledge base's concepts (``lexicon``), reading a statement (``pieces``,
``clauses``, ``analysis``), retrieval (``index``), judging (``matching``, ``verdict``), and the
front door (``checker`` with its on-disk ``cache``). See docs/architecture.md."""
