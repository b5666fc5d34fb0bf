#!/usr/bin/env python3
"""scikit-learn's reference figures for filling missing cells and one-hot encoding (data.missing,
data.categorical; issue 31).

On the shipped data/penguins.csv (Palmer penguins, CC0: text columns and missing cells), the target
species (every row has one, so every row is kept; rows without a target would be left out first, as
Descent leaves them out). Then, for each
case, every feature column gets its own SimpleImputer (the strategy of the case; category columns
under mean or median are filled with the constant 'missing', as Descent fills them) and category
columns a OneHotEncoder, fitted on all remaining rows (Descent with data.validation-fraction = 0
fits on all rows too). The features are put in Descent's order: each column's value or one-hot
block in column order, then the missing indicators (SimpleImputer's add_indicator).

Recorded per case: the feature names, each column's fill and categories, the rows that miss a cell
and the first five rows, and every feature's mean over all rows. The test (plugins/csv:
EncodingAgainstScikitLearnTest) reads the recorded output; it needs no Python.

  pip install scikit-learn pandas   # or Debian: python3-sklearn python3-pandas
  python3 bench/peers/tables.py > bench/peers/tables.json
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder

ROOT = Path(__file__).resolve().parent.parent.parent
TARGET = "species"

CASES = {
    "mean": {"missing": "mean", "indicator": True, "categorical": []},
    "median": {"missing": "median", "indicator": False, "categorical": []},
    "most-frequent": {"missing": "most_frequent", "indicator": True, "categorical": ["year"]},
    "constant": {"missing": "constant", "indicator": False, "categorical": []},
}


def case(table, missing, indicator, categorical):
    features = [c for c in table.columns if c != TARGET]
    blocks, names, indicators, indicator_names = [], [], [], []
    fills, categories = {}, {}
    for column in features:
        is_category = table[column].dtype == object or column in categorical
        values = table[[column]].astype(object if is_category else float)
        if is_category:
            values = values.astype(object).where(values.notna(), np.nan)
            if column in categorical:   # codes: categories named by the number as written
                values = values.map(lambda v: v if v is np.nan else str(int(v)))
        strategy = missing
        if is_category and strategy in ("mean", "median"):
            strategy = "constant"
        fill_value = ("missing" if is_category else 0) if strategy == "constant" else None
        imputer = SimpleImputer(strategy=strategy, fill_value=fill_value, add_indicator=indicator,
                                missing_values=np.nan)
        filled = imputer.fit_transform(values)
        fills[column] = imputer.statistics_[0] if is_category else float(imputer.statistics_[0])
        value = filled[:, :1]
        if filled.shape[1] > 1:
            indicators.append(filled[:, 1:2].astype(float))
            indicator_names.append(column + " (missing)")
        if is_category:
            encoder = OneHotEncoder(handle_unknown="error", sparse_output=False)
            blocks.append(encoder.fit_transform(value.astype(str)))
            categories[column] = [str(c) for c in encoder.categories_[0]]
            names += [column + "=" + str(c) for c in encoder.categories_[0]]
        else:
            blocks.append(value.astype(float))
            names.append(column)
    matrix = np.hstack(blocks + indicators)
    missing_rows = [int(i) for i in np.where(table[features].isna().any(axis=1))[0]]
    shown = sorted(set(range(5)) | set(missing_rows))
    return {
        "features": names + indicator_names,
        "fills": fills,
        "categories": categories,
        "rows": {str(i): [float(v) for v in matrix[i]] for i in shown},
        "means": [float(v) for v in matrix.mean(axis=0)],
    }


def main():
    table = pd.read_csv(ROOT / "data" / "penguins.csv", keep_default_na=True)
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]):
            table[column] = table[column].astype(object).where(table[column].notna(), np.nan)
    table = table[table[TARGET].notna()].reset_index(drop=True)
    cases = {}
    for name, options in CASES.items():
        cases[name] = dict(options, **case(table, options["missing"], options["indicator"], options["categorical"]))
    print(json.dumps({"sklearn": sklearn.__version__, "pandas": pd.__version__, "rows": len(table),
                      "cases": cases}, indent=1))


if __name__ == "__main__":
    main()
