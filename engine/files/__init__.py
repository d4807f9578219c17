"""Files the tools write: one safe way to write an output file (:mod:`engine.files.output`)
and the diagnosis of a full disk (:mod:`engine.files.disk`)."""
