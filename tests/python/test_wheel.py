"""The product as a user installs it: the wheel, in a fresh virtual environment without extras, run from an
empty folder. generate, load, dbt build, evaluate and lookml must all work."""

from __future__ import annotations

import shutil
import sys
import venv

from .harness import ROOT, check, run, workspace


def test_the_wheel_works_from_an_empty_folder(tmp_path):
    # Built from a copy, so the build leaves nothing behind in the checkout.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "data", "target", "logs", "build"))
    wheels = tmp_path / "wheels"
    check(run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, source], timeout=600))
    (wheel,) = wheels.glob("customer360-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    check(run([bin_dir / "pip", "install", "--quiet", wheel], timeout=900))

    # Nothing of the checkout is importable from the new environment: the package and its seeds are the wheel's.
    where = check(
        run(
            [bin_dir / "python", "-c", "import generator, pathlib; print(pathlib.Path(generator.__file__))"],
            cwd=tmp_path,
        )
    )
    assert str(env_dir) in where.stdout, where.stdout

    empty = tmp_path / "empty"
    empty.mkdir()
    ws = workspace(tmp_path / "profile")  # a private profiles.yml and DuckDB file, outside the checkout
    env = {**ws.env, "PATH": f"{bin_dir}:/usr/bin:/bin"}

    def c360(*args: object):
        return check(run([bin_dir / "c360", *args], env, cwd=empty))

    c360(
        "generate", "--customers", "200", "--start", "2024-01-01", "--end", "2024-12-31", "--out", "landing", "--quiet"
    )
    assert (empty / "truth" / "persons").is_dir()
    c360("load", "--target", "duckdb", "--project-dir", ROOT, "--landing", "landing", "--quiet")
    target = tmp_path / "target"
    check(
        run(
            [
                bin_dir / "dbt",
                "build",
                "--project-dir",
                ROOT,
                "--target",
                "duckdb",
                "--target-path",
                target,
                "--log-path",
                tmp_path / "logs",
            ],
            env,
            cwd=ROOT,
            timeout=900,
        )
    )
    scores = c360("evaluate", "--project-dir", ROOT, "--truth", "truth")
    assert "entity resolution over" in scores.stdout and "recurring detection over" in scores.stdout
    c360("lookml", "--project-dir", ROOT, "--manifest", target / "manifest.json", "--out", "lookml", "--quiet")
    assert len(list((empty / "lookml" / "views").glob("*.view.lkml"))) >= 9
    assert sorted(p.name for p in empty.iterdir()) == ["landing", "lookml", "truth"]
