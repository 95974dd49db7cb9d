"""Many articles at once: the live batch, its input and output files, and the Batch API."""
