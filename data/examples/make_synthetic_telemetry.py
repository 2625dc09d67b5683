#!/usr/bin/env python3
"""SYNTHETIC example telemetry for `climaterisk calibrate` -- not measured data.

No real BMS/DCIM telemetry is public for the bundled sites, so this script writes a small
synthetic file, synthetic_telemetry.csv, from a stated PUE curve plus noise. Its only purpose is
to exercise and demonstrate the calibration; numbers learned from it say nothing about the
real sites.

Columns: site_id, timestamp (ISO 8601, +08:00), outdoor_temp_c, it_kw, facility_kw.
One reading per hour of 2025 (8,760 per site) for two bundled sites.

Outdoor temperature: the site's monthly normals from data/climate/site_climate.csv,
interpolated to the day (mid-month anchors), plus a daily cycle (amplitude 5 C, peak 15:00)
and an AR(1) weather anomaly (phi = 0.97 per hour, stationary s.d. 3 C).
IT load share L: 1 + 0.08 sin(daily, peak 14:00) + N(0, 0.05); it_kw = L x the site's IT load
(data/sites.csv, it_load_mw x 1000 kW).
PUE (the stated curves; load effect: fixed overheads spread over less IT load):
  ksc-beijing-yizhuang  PUE = 1.22 + 0.018 * 3 * softplus((T - 12) / 3) + 0.06 * (1/L - 1) + N(0, 0.008)
  ks-ulanqab            PUE = 1.12 + 0.011 * 2 * softplus((T - 17) / 2) + 0.04 * (1/L - 1) + N(0, 0.006)
facility_kw = PUE x it_kw, both rounded to 0.1 kW; temperature rounded to 0.1 C.

Run from the repository root:  python3 data/examples/make_synthetic_telemetry.py
(numpy; fixed seed 20251205, so the file is reproduced byte for byte with the same numpy.)
"""
import csv
import datetime as dt
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "data", "examples", "synthetic_telemetry.csv")

SITES = {
    # site_id: (base PUE, beta, width, knee, load coefficient, noise s.d.)
    "ksc-beijing-yizhuang": (1.22, 0.018, 3.0, 12.0, 0.06, 0.008),
    "ks-ulanqab": (1.12, 0.011, 2.0, 17.0, 0.04, 0.006),
}


def softplus(x):
    return np.logaddexp(0.0, x)


def read_csv(path):
    with open(os.path.join(ROOT, path), newline="", encoding="utf-8") as f:
        return {row["site_id"]: row for row in csv.DictReader(f)}


def main():
    rng = np.random.default_rng(20251205)
    climate = read_csv("data/climate/site_climate.csv")
    sites = read_csv("data/sites.csv")
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    hours = 8760
    day = np.arange(hours) / 24.0
    hour = np.arange(hours) % 24
    mid = np.array([15.5, 45, 74.5, 105, 135.5, 166, 196.5, 227.5, 258, 288.5, 319, 349.5])
    rows = []
    for site_id, (base, beta, width, knee, load_coef, noise) in SITES.items():
        normals = np.array([float(climate[site_id][f"t_{m}_c"]) for m in months])
        seasonal = np.interp(day, np.concatenate([mid - 365, mid, mid + 365]), np.tile(normals, 3))
        anomaly = np.empty(hours)
        a = 0.0
        shocks = rng.normal(0.0, 3.0 * np.sqrt(1 - 0.97 ** 2), hours)
        for h in range(hours):
            a = 0.97 * a + shocks[h]
            anomaly[h] = a
        temp = seasonal + 5.0 * np.sin(2 * np.pi * (hour - 9) / 24) + anomaly
        share = 1 + 0.08 * np.sin(2 * np.pi * (hour - 8) / 24) + rng.normal(0.0, 0.05, hours)
        pue = base + beta * width * softplus((temp - knee) / width) + load_coef * (1 / share - 1) + rng.normal(0.0, noise, hours)
        it_kw = np.round(float(sites[site_id]["it_load_mw"]) * 1000 * share, 1)
        facility_kw = np.round(it_kw * pue, 1)
        temp = np.round(temp, 1)
        for h in range(hours):
            stamp = (start + dt.timedelta(hours=h)).isoformat(timespec="minutes")
            rows.append((site_id, stamp, f"{temp[h]:.1f}", f"{it_kw[h]:.1f}", f"{facility_kw[h]:.1f}"))
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        f.write("site_id,timestamp,outdoor_temp_c,it_kw,facility_kw\n")
        for r in rows:
            f.write(",".join(r) + "\n")
    print(f"wrote {OUT}: {len(rows)} rows (SYNTHETIC)")


if __name__ == "__main__":
    main()
