"""What a user of the embedded model gets: eval scores per prompt on the seeds and the corpus.

Run: ``python -m bench.embedded_eval [--prompt ID ...] [--record]``. Replays the recordings
of the embedded model (SmolLM2-135M): ``cassettes/<prompt>/`` for the seeds and
``cassettes/corpus/<prompt>/`` for the development corpus, and prints per prompt the means
``summarizer eval`` prints (event F1, event types, locations, dates, casualties, overall)
with the articles that failed outright, for the seeds, the corpus's dev split and its
sealed test split apart. Test appears only as aggregates (``seeds/corpus/README.md``).

``--record`` re-records the corpus's cassettes from the live embedded model first (about
15 s per article and prompt on 2 cores; the seeds' are ``make record``'s).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from bench.corpus import CORPUS, SEEDS, articles
from summarizer.evaluation.cassettes import CASSETTES_DIR
from summarizer.evaluation.comparison import field_means
from summarizer.evaluation.run import PromptRun, run_eval

PROMPTS = ("event-summary-select", "event-summary-incidents")
CORPUS_CASSETTES = CASSETTES_DIR / "corpus"
COLUMNS = ("event_f1", "event_types", "locations", "dates", "casualties", "overall")


def measure(
    prompt_ids: Sequence[str], split: str, *, record: bool = False, limit: int | None = None
) -> list[PromptRun]:
    """Each prompt's run over one split's articles (the first ``limit`` by id), replayed or
    recorded live."""
    ids = [a.id for a in articles([split]) if a.split == split][:limit]
    if split == "seeds":
        return run_eval(prompt_ids, seeds_dir=SEEDS, seed_ids=ids).prompts
    return run_eval(
        prompt_ids,
        record=record,
        seeds_dir=CORPUS,
        seed_ids=ids,
        cassettes_dir=CORPUS_CASSETTES,
        progress=print if record else None,
    ).prompts


def row(run: PromptRun, split: str) -> str:
    means = field_means(run.seed_scores().values())
    cells = [f"{means[c]:.2f}" if means.get(c) is not None else "  - " for c in COLUMNS]
    failed = sum(r.status == "failed" for r in run.results)
    unmeasured = len(run.unmeasured)
    counts = f"{len(run.results) - failed - unmeasured}/{len(run.results)}"
    return (
        f"{run.prompt_id:<26} {split:<6} "
        + "  ".join(f"{c:>6}" for c in cells)
        + (f"  {counts:>6}  {failed:>6}  {unmeasured:>6}")
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt", action="append", help="a prompt id (repeatable)")
    parser.add_argument("--record", action="store_true", help="re-record the corpus first")
    args = parser.parse_args(argv)
    prompts = tuple(args.prompt or PROMPTS)
    if args.record:
        for split in ("dev", "test"):
            measure(prompts, split, record=True)
    header = f"{'prompt':<26} {'split':<6} " + "  ".join(f"{c[:6]:>6}" for c in COLUMNS)
    print(header + "  scored  failed  unmeas")
    for split in ("seeds", "dev", "test"):
        for run in measure(prompts, split):
            print(row(run, split))


if __name__ == "__main__":
    main()
