"""``python -m summarizer``: the same CLI as the ``summarizer`` command."""

from summarizer.cli import main

main()
