"""Read the .dta files with pandas.read_stata and compare them with the CSV."""
import os
import sys

import pandas as pd

d = sys.argv[1]


def check(stem):
    csv = pd.read_csv(os.path.join(d, stem + ".csv"), keep_default_na=False, na_values=[""], dtype=str)
    dta = pd.read_stata(os.path.join(d, stem + ".dta"), convert_categoricals=False)
    assert list(csv.columns) == list(dta.columns), (stem, list(csv.columns)[:8], list(dta.columns)[:8])
    assert len(csv) == len(dta), (stem, len(csv), len(dta))
    for col in csv.columns:
        a, b = csv[col], dta[col]
        if pd.api.types.is_numeric_dtype(b):
            av = pd.to_numeric(a)
            assert ((av == b) | (av.isna() & b.isna())).all(), (stem, col)
        else:
            assert (a.fillna("") == b.fillna("")).all(), (stem, col)
    print(f"pandas: {stem}.dta matches {stem}.csv ({len(dta)} rows, {dta.shape[1]} columns)")
    return dta


p = check("panel")
with pd.io.stata.StataReader(os.path.join(d, "panel.dta")) as r:
    labels = r.value_labels()
    varlabels = r.variable_labels()
assert labels["strength"] == {0: "none", 1: "soft", 2: "mixed", 3: "hard"}, labels
assert "customs duties" in varlabels["customs_duties_e_transmissions"].lower()
row = p[(p.iso3_i == "KOR") & (p.iso3_j == "USA") & (p.year == 2012)]
assert len(row) == 1 and row.iloc[0].agreements == "C_KOR_USA"
check("big")
check("long")
check("wide")
