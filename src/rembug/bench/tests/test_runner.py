"""The runner starts each benchmark in its own process, prints its figures and writes JSON."""

from __future__ import annotations

import json
from io import StringIO
from types import SimpleNamespace

from rembug.bench import runner


def _sqlite(monkeypatch, tmp_path):
    """The runner reads the configured database: make it SQLite, whatever the tests run on."""
    configured = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x")}
    monkeypatch.setattr(runner, "settings", SimpleNamespace(DATABASES={"default": configured}))


def test_it_runs_a_benchmark_and_writes_its_figures(tmp_path, monkeypatch):
    _sqlite(monkeypatch, tmp_path)
    (tmp_path / "tiny.py").write_text(
        "import json, os\n"
        "print('working')\n"
        "print('FIGURE ' + json.dumps({'name': 'tiny.rate', 'value': 42.5, 'unit': 'rows/s',"
        " 'goal': '≥ 40', 'met': True, 'db': os.environ['DATABASE_URL'][:9]}))\n"
        "print('FIGURE ' + json.dumps({'name': 'tiny.ratio', 'value': 2.0, 'unit': '×',"
        " 'goal': '≤ 1.5', 'met': False}))\n"
    )
    tiny = runner.Benchmark("tiny", "tiny.py", ("--quick",), (), runner._figures_json)
    monkeypatch.setenv("REMBUG_BENCH_DIR", str(tmp_path))
    monkeypatch.setattr(runner, "BENCHMARKS", (tiny,))
    out = StringIO()
    code = runner.run_cli(names=[], list_only=False, full=False, results=str(tmp_path), stdout=out)
    assert code == 0
    text = out.getvalue()
    assert "tiny.rate" in text and "met" in text
    assert "tiny.ratio" in text and "NOT MET" in text
    (result,) = tmp_path.glob("*.json")
    data = json.loads(result.read_text())
    figures = data["benchmarks"]["tiny"]["figures"]
    assert [f["value"] for f in figures] == [42.5, 2.0]
    assert figures[0]["extra"]["db"] == "sqlite://"  # a throw-away database of its own
    assert data["machine"]["cores"] >= 1


def test_a_failing_benchmark_is_reported_and_the_run_fails(tmp_path, monkeypatch):
    _sqlite(monkeypatch, tmp_path)
    (tmp_path / "broken.py").write_text("raise SystemExit('no database')\n")
    broken = runner.Benchmark("broken", "broken.py", (), (), runner._figures_json)
    monkeypatch.setenv("REMBUG_BENCH_DIR", str(tmp_path))
    monkeypatch.setattr(runner, "BENCHMARKS", (broken,))
    out = StringIO()
    assert runner.run_cli(names=[], list_only=False, full=False, results=str(tmp_path), stdout=out)
    assert "broken: FAILED" in out.getvalue() and "no database" in out.getvalue()


def test_unknown_names_are_refused_and_the_list_names_every_script():
    out = StringIO()
    assert runner.run_cli(names=["nope"], list_only=False, full=False, results="", stdout=out)
    out = StringIO()
    runner.run_cli(names=[], list_only=True, full=False, results="", stdout=out)
    for benchmark in runner.BENCHMARKS:
        assert (runner.bench_dir() / benchmark.script).exists()
        assert benchmark.name in out.getvalue()


def test_the_wrapped_scripts_figures_are_read_from_their_output():
    duplicates = next(b for b in runner.BENCHMARKS if b.name == "triage-duplicates")
    output = (
        "indexed 20,000 reports in 28.5 s (702/s)\n"
        "index lookup on 20,000 reports: mean 1.30 ms, p50 0.9 ms, p95 2.1 ms, max 9.0 ms\n"
        "recall vs brute force (Jaccard >= 0.5): 486/499 = 0.974\n"
    )
    parsed = {name: (value, met) for name, value, _u, _g, met in duplicates.parse(output)}
    assert parsed["triage.duplicate_lookup_mean"] == (1.3, True)
    assert parsed["triage.duplicate_recall"] == (0.974, True)
    assert parsed["triage.duplicate_index_rate"] == (702.0, None)
