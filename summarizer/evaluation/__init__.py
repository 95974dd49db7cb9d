"""Prompt regression: seeds through the pipeline, scored against gold; cassettes; the prompt lock."""
