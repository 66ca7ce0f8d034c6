#!/usr/bin/env python3
"""Reference values for Barbell's tuning (Sources/BarbellLearning/Tuning) from optuna 3.6.1.

    pip install optuna==3.6.1 numpy
    python3 Tests/Fixtures/tuning/tpe.py > Tests/Fixtures/tuning/tpe.json

For fixed trial histories it records what optuna's default TPESampler builds: the split of
finished trials into below/above (optuna.samplers._tpe.sampler._split_trials with
default_gamma) and the log densities of the below and above Parzen estimators
(_ParzenEstimator with the default parameters) at fixed points. For fixed learning curves it
records which trials optuna's MedianPruner and SuccessiveHalvingPruner prune, and at which
step, when an objective reports every step and asks should_prune after each report.
"""
import json
import math

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import _split_trials, default_gamma, default_weights
from optuna.trial import TrialState, create_trial

assert optuna.__version__ == "3.6.1", optuna.__version__
optuna.logging.set_verbosity(optuna.logging.ERROR)

PARAMS = _ParzenEstimatorParameters(
    consider_prior=True, prior_weight=1.0, consider_magic_clip=True, consider_endpoints=False,
    weights=default_weights, multivariate=False, categorical_distance_func={},
)


def describe(dist):
    if isinstance(dist, FloatDistribution):
        return {"float": [dist.low, dist.high], "log": dist.log}
    if isinstance(dist, IntDistribution):
        return {"int": [dist.low, dist.high], "log": dist.log}
    return {"categorical": list(dist.choices)}


def internal(dist, value):
    return float(dist.to_internal_repr(value))


def tpe_case(name, direction, dist, rng, n_complete, n_pruned, n_running, n_failed, points):
    draw = {
        FloatDistribution: lambda: (math.exp(rng.uniform(math.log(dist.low), math.log(dist.high)))
                                    if dist.log else rng.uniform(dist.low, dist.high)),
        IntDistribution: lambda: int(rng.integers(dist.low, dist.high + 1)),
        CategoricalDistribution: lambda: dist.choices[int(rng.integers(len(dist.choices)))],
    }[type(dist)]
    states = ([TrialState.COMPLETE] * n_complete + [TrialState.PRUNED] * n_pruned
              + [TrialState.RUNNING] * n_running + [TrialState.FAIL] * n_failed)
    rng.shuffle(states)
    trials, records = [], []
    for number, state in enumerate(states):
        value = draw()
        objective = float(rng.normal())
        intermediate = {}
        if state == TrialState.PRUNED:
            last = int(rng.integers(0, 4))
            intermediate = {s: float(rng.normal()) for s in range(last + 1)}
        trial = create_trial(
            params={"x": value}, distributions={"x": dist},
            value=objective if state == TrialState.COMPLETE else None,
            state=state, intermediate_values=intermediate,
        )
        trial.number = number
        records.append({
            "number": number, "state": {TrialState.COMPLETE: "complete", TrialState.PRUNED: "pruned",
                                         TrialState.RUNNING: "running", TrialState.FAIL: "failed"}[state],
            "value": objective if state == TrialState.COMPLETE else None,
            "parameter": value, "intermediate": {str(k): v for k, v in intermediate.items()},
        })
        trials.append(trial)
    study = optuna.create_study(direction=direction)
    considered = [t for t in trials if t.state in (TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING)]
    n = sum(t.state != TrialState.RUNNING for t in considered)
    below, above = _split_trials(study, considered, default_gamma(n), False)
    space = {"x": dist}

    def estimator(group):
        observations = {"x": np.asarray([internal(dist, t.params["x"]) for t in group])}
        return _ParzenEstimator(observations, space, PARAMS)

    xs = np.asarray(points, dtype=float)
    return {
        "name": name, "direction": direction, "space": describe(dist), "trials": records,
        "below": [t.number for t in below], "above": [t.number for t in above],
        "points": list(map(float, xs)),
        "logPDFBelow": list(map(float, estimator(below).log_pdf({"x": xs}))),
        "logPDFAbove": list(map(float, estimator(above).log_pdf({"x": xs}))),
    }


def curves(rng, trials, steps):
    # Noisy decreasing curves with different levels, some ending early.
    result = []
    for _ in range(trials):
        level, slope = rng.normal(), rng.uniform(0.05, 0.3)
        length = steps if rng.uniform() < 0.8 else int(rng.integers(1, steps))
        result.append([float(level - slope * math.log1p(s) + 0.1 * rng.normal()) for s in range(length)])
    return result


def pruner_case(name, direction, pruner, config, rng, trials=30, steps=12):
    learning = curves(rng, trials, steps)
    study = optuna.create_study(direction=direction, pruner=pruner, sampler=optuna.samplers.RandomSampler(seed=0))

    def objective(trial):
        trial.suggest_float("unused", 0, 1)
        curve = learning[trial.number]
        for step, value in enumerate(curve):
            trial.report(value, step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return curve[-1]

    study.optimize(objective, n_trials=trials)
    outcomes = []
    for t in study.trials:
        outcomes.append({"number": t.number, "state": "pruned" if t.state == TrialState.PRUNED else "complete",
                         "lastStep": t.last_step})
    return {"name": name, "direction": direction, "pruner": config, "curves": learning, "outcomes": outcomes}


def main():
    rng = np.random.default_rng(20240611)
    tpe = [
        tpe_case("float", "minimize", FloatDistribution(-2.0, 3.0), rng, 14, 0, 0, 0, np.linspace(-2, 3, 11)),
        tpe_case("float-log-max", "maximize", FloatDistribution(1e-3, 10.0, log=True), rng, 9, 3, 2, 1,
                 np.geomspace(1e-3, 10, 9)),
        tpe_case("int", "minimize", IntDistribution(2, 9), rng, 12, 2, 1, 0, range(2, 10)),
        tpe_case("int-log", "maximize", IntDistribution(1, 64, log=True), rng, 15, 0, 0, 2, [1, 2, 3, 5, 8, 13, 21, 34, 55, 64]),
        tpe_case("categorical", "minimize", CategoricalDistribution([0, 0.1, 1, "x"]), rng, 11, 2, 0, 1, range(4)),
        tpe_case("many-float-ramp", "maximize", FloatDistribution(0.0, 1.0), rng, 60, 8, 3, 2, np.linspace(0, 1, 13)),
        tpe_case("few", "minimize", FloatDistribution(0.0, 1.0), rng, 1, 0, 0, 0, np.linspace(0, 1, 5)),
    ]
    pruners = [
        pruner_case("median", "minimize", optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=1),
                    {"type": "median", "startupTrials": 3, "warmupSteps": 1}, rng),
        pruner_case("median-interval-max", "maximize",
                    optuna.pruners.MedianPruner(n_startup_trials=2, n_warmup_steps=2, interval_steps=3, n_min_trials=2),
                    {"type": "median", "startupTrials": 2, "warmupSteps": 2, "intervalSteps": 3, "minTrials": 2}, rng),
        pruner_case("asha", "minimize", optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=2),
                    {"type": "successive-halving", "minResource": 1, "reductionFactor": 2}, rng),
        pruner_case("asha-rate-max", "maximize",
                    optuna.pruners.SuccessiveHalvingPruner(min_resource=2, reduction_factor=3, min_early_stopping_rate=1),
                    {"type": "successive-halving", "minResource": 2, "reductionFactor": 3, "minEarlyStoppingRate": 1}, rng),
    ]
    print(json.dumps({"library": "optuna 3.6.1", "tpe": tpe, "pruners": pruners}, indent=1))


if __name__ == "__main__":
    main()
