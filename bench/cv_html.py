#!/usr/bin/env python3
"""k-fold cross-validation of the HTML extractor's thresholds on the HTML sets.

For each set (wcxb HTML, extraction HTML) the pages are split into k folds (fixed seed,
over pages). Every configuration of a grid over the [clean] html_* thresholds is run once
over the whole set with the build's newsflowctl, the way bench/score_all.sh runs it (first
article of each page, scored with ../shared/tools/score_extraction.py's metric). Then:

  off  the rule switched off (the figures before it)
  dev  the build's defaults (deploy/newsflow.toml), scored on each fold
  cv   for each fold, the grid point with the best F1 on the other k-1 folds, scored on it
       (ties go to the point that changes fewest defaults)

first for all thresholds at once (the grid's product), then for each threshold alone (the
others at their defaults), with the values each fold picked. "mean" is the mean of the
per-fold F1s; "all" scores every page at once (for cv: each page with its own fold's pick).
Figures only; no pass/fail.

usage: bench/cv_html.py [--build DIR] [--shared DIR] [--folds K] [--seed N]
                        [--sets wcxb,extraction] [--grid KEY=V1,V2,... ...]
"""
import argparse
import importlib.util
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The rule switched off, and the grid searched for each fold (the defaults join it).
OFF = {"html_section_climb_levels": 0}
DEFAULT_GRID = {
    "html_section_min_body_chars": [100, 200, 400, 800],
    "html_section_max_link_density": [0.15, 0.25, 0.35],
    "html_section_max_share": [0.4, 0.6, 0.8, 1.0],
    "html_section_climb_levels": [3, 6, 10, 16],
}
SETS = {"wcxb": "data/wcxb", "extraction": "data/extraction"}


def load_scorer(shared):
    path = os.path.join(shared, "tools", "score_extraction.py")
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def first_bodies(jsonl):
    """First article of each page: id -> body (as score_all.sh's first_bodies)."""
    out = {}
    for line in jsonl.splitlines():
        if not line.strip():
            continue
        ev = json.loads(line)
        doc = os.path.basename(ev["page_url"]).split(".")[0]
        out.setdefault(doc, ev["body"])
    return out


def run_ctl(ctl, config, pages):
    """newsflowctl process over `pages` with `config` ({key: value} for [clean], or None)."""
    cmd = [ctl, "process"]
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        if config is not None:
            f.write("[clean]\n")
            for k, v in config.items():
                f.write(f"{k} = {v}\n")
            cmd += ["--config", f.name]
    try:
        res = subprocess.run(cmd + [pages], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, check=True)
    finally:
        os.unlink(f.name)
    return first_bodies(res.stdout)


def per_doc(scorer, truth, bodies, memo):
    """id -> (tp, fp, fn) shares, as score_extraction.py computes them. Grid points often
    give a page the same body: `memo` keeps each (id, body)'s figures."""
    rows = {}
    for k, g in truth.items():
        body = bodies.get(k, "") or ""
        if (k, body) not in memo:
            memo[(k, body)] = scorer.tp_fp_fn(g.get("articleBody", ""), body)
        rows[k] = memo[(k, body)]
    return rows


def f1_of(scorer, rows):
    """score_extraction.py's F1 over an iterable of (tp, fp, fn)."""
    rows = list(rows)
    ps = [scorer.prec(*r) for r in rows if r[0] + r[1] > 0]
    rs = [scorer.rec(*r) for r in rows if r[0] + r[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def make_folds(ids, k, seed):
    ids = sorted(ids)
    random.Random(seed).shuffle(ids)
    return [sorted(ids[i::k]) for i in range(k)]


def load_defaults(grid):
    """The grid keys' defaults, as deploy/newsflow.toml documents them."""
    with open(os.path.join(ROOT, "deploy", "newsflow.toml"), "rb") as f:
        clean = tomllib.load(f)["clean"]
    missing = [k for k in grid if k not in clean]
    if missing:
        sys.exit(f"deploy/newsflow.toml [clean] lacks {', '.join(missing)}")
    return {k: clean[k] for k in grid}


def grid_points(grid):
    keys = sorted(grid)
    return [dict(zip(keys, vals)) for vals in itertools.product(*(grid[k] for k in keys))]


def changed(point, defaults):
    return sum(point[k] != defaults[k] for k in point)


def key_of(config):
    return json.dumps(config, sort_keys=True)


def score_grid(args, scorer, truth, pages, points):
    """key_of(config) -> per-doc rows, for every grid point plus "dev" (no config) and "off"."""
    configs = {"dev": None, "off": OFF}
    configs.update({key_of(p): p for p in points})
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {name: pool.submit(run_ctl, args.ctl, cfg, pages)
                   for name, cfg in configs.items()}
        memo = {}
        return {name: per_doc(scorer, truth, f.result(), memo) for name, f in futures.items()}


def cross_validate(scorer, rows, folds, points, defaults):
    """For each fold: (picked config, held-out rows of the pick)."""
    picks = []
    for i, held in enumerate(folds):
        train = [d for j, fold in enumerate(folds) if j != i for d in fold]
        best = max(points, key=lambda p: (round(f1_of(scorer, (rows[key_of(p)][d] for d in train)),
                                                9), -changed(p, defaults)))
        picks.append((best, {d: rows[key_of(best)][d] for d in held}))
    return picks


def short(config, keys):
    return " ".join(f"{config[k]}" for k in keys)


def fold_f1(scorer, rows, held):
    return f1_of(scorer, (rows[d] for d in held))


def report_joint(scorer, rows, folds, picks, grid):
    varied = [k for k in sorted(grid) if len(grid[k]) > 1]
    names = ", ".join(k.replace("html_section_", "") for k in varied)
    print(f"fold  docs  off     dev     cv      picked ({names})")
    sums = {"off": 0.0, "dev": 0.0, "cv": 0.0}
    for i, (held, (pick, cv_rows)) in enumerate(zip(folds, picks)):
        f = {"off": fold_f1(scorer, rows["off"], held), "dev": fold_f1(scorer, rows["dev"], held),
             "cv": f1_of(scorer, cv_rows.values())}
        for k in sums:
            sums[k] += f[k]
        print(f"{i + 1:<4}  {len(held):<4}  {f['off']:.4f}  {f['dev']:.4f}  {f['cv']:.4f}  "
              f"{short(pick, varied)}")
    k = len(folds)
    print(f"mean        {sums['off'] / k:.4f}  {sums['dev'] / k:.4f}  {sums['cv'] / k:.4f}")
    print(f"all         {f1_of(scorer, rows['off'].values()):.4f}  "
          f"{f1_of(scorer, rows['dev'].values()):.4f}  {pooled_f1(scorer, picks):.4f}")


def pooled_f1(scorer, picks):
    pooled = {}
    for _, cv_rows in picks:
        pooled.update(cv_rows)
    return f1_of(scorer, pooled.values())


def report_each(scorer, rows, folds, points, grid, defaults):
    """Each threshold alone, the others at their defaults: dev vs cv (per-fold means)."""
    k = len(folds)
    dev = sum(fold_f1(scorer, rows["dev"], held) for held in folds) / k
    print(f"{'threshold':<30} {'default':<8} {'picked per fold':<26} dev     cv")
    for key in sorted(grid):
        line = [p for p in points if all(p[o] == defaults[o] for o in p if o != key)]
        picks = cross_validate(scorer, rows, folds, line, defaults)
        cv = sum(f1_of(scorer, cv_rows.values()) for _, cv_rows in picks) / k
        picked = " ".join(str(p[key]) for p, _ in picks)
        print(f"{key:<30} {defaults[key]!s:<8} {picked:<26} {dev:.4f}  {cv:.4f}")


def report(name, scorer, rows, folds, points, grid, defaults):
    print(f"== {name}: {sum(map(len, folds))} pages, {len(folds)} folds; all thresholds at once")
    report_joint(scorer, rows, folds, cross_validate(scorer, rows, folds, points, defaults), grid)
    print(f"-- {name}: each threshold alone")
    report_each(scorer, rows, folds, points, grid, defaults)


def parse_grid(specs):
    grid = {k: list(v) for k, v in DEFAULT_GRID.items()}
    for spec in specs or []:
        key, _, values = spec.partition("=")
        if not values:
            sys.exit(f"--grid {spec}: expected KEY=V1,V2,...")
        grid[key] = [float(v) if "." in v else int(v) for v in values.split(",")]
    return grid


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--shared", default=os.environ.get("NEWSFLOW_SHARED_DIR",
                                                       os.path.join(ROOT, "..", "shared")))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--sets", default="wcxb,extraction")
    ap.add_argument("--grid", action="append", help="KEY=V1,V2,... (replaces that key's values)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    args.ctl = os.path.join(args.build, "bin", "newsflowctl")
    scorer = load_scorer(args.shared)
    grid = parse_grid(args.grid)
    defaults = load_defaults(grid)
    for k, v in defaults.items():
        if v not in grid[k]:
            grid[k] = sorted(grid[k] + [v])
    points = grid_points(grid)
    print(f"grid: {len(points)} points; " +
          "; ".join(f"{k}={','.join(map(str, v))}" for k, v in sorted(grid.items())))
    for name in args.sets.split(","):
        data = os.path.join(args.shared, SETS[name])
        truth = scorer.load(os.path.join(data, "ground-truth.json"))
        rows = score_grid(args, scorer, truth, os.path.join(data, "html"), points)
        folds = make_folds(truth.keys(), args.folds, args.seed)
        report(name, scorer, rows, folds, points, grid, defaults)


if __name__ == "__main__":
    main()
