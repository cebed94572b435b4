"""``rembug bench generate`` builds synthetic data; ``rembug bench run`` runs the benchmarks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.bench.generate import SCALES, generate


class Command(BaseCommand):
    help = (
        "Benchmarks: 'generate' synthetic data at a city, province or national-slice scale; "
        "'run' the benchmarks in bench/ and write their figures to bench/results/."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        gen = sub.add_parser("generate", help="Fill the configured database with synthetic data.")
        gen.add_argument("--scale", choices=sorted(SCALES), default="city")
        gen.add_argument("--seed", type=int, default=1)
        gen.add_argument(
            "--reports", type=int, default=None, help="Reports per government (default: scale's)."
        )
        gen.add_argument(
            "--forum-inputs", type=int, default=None, help="Forum inputs per government."
        )
        gen.add_argument(
            "--slug-prefix", default="", help="Prefix of the governments' slugs (e.g. 'bench-')."
        )
        run = sub.add_parser("run", help="Run benchmarks (all when no NAME is given).")
        run.add_argument("names", nargs="*", metavar="NAME")
        run.add_argument("--list", action="store_true", help="List the benchmarks and stop.")
        run.add_argument(
            "--full",
            action="store_true",
            help="The sizes of docs/performance.md, not the quick ones.",
        )
        run.add_argument("--results", default="", help="Folder of the JSON results.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "generate":
            self._generate(**options)
        else:
            from rembug.bench.runner import run_cli

            code = run_cli(
                names=options["names"],
                list_only=options["list"],
                full=options["full"],
                results=options["results"],
                stdout=self.stdout,  # type: ignore[arg-type]
            )
            if code:
                raise CommandError("some benchmarks failed / sebagian tolok ukur gagal")

    def _generate(
        self,
        *,
        scale: str,
        seed: int,
        reports: int | None,
        forum_inputs: int | None,
        slug_prefix: str,
        **_options: Any,
    ) -> None:
        try:
            summary = generate(
                scale=scale,
                seed=seed,
                reports=reports,
                forum_inputs=forum_inputs,
                slug_prefix=slug_prefix,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        for label, count in sorted(summary.rows.items()):
            self.stdout.write(f"  {label:<34} {count:>12,}")
        self.stdout.write(
            f"{len(summary.governments)} governments, {summary.total_rows:,} rows in "
            f"{summary.seconds:.1f} s = {summary.rows_per_second:,.0f} rows/s"
        )
        for slug in summary.governments:
            self.stdout.write(f"  /{slug}/")
