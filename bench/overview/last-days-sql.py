#!/usr/bin/env python3
# bench/overview/last-days-sql.py DB [RUNS] [END-DAY]: read-only; docs/perf/analytics-overview.md (migration 0013).
# END-DAY (YYYY-MM-DD, exclusive; default tomorrow UTC) is the windows' end: a store whose records run into tomorrow
# needs a later end for the new statement to apply.
"""The SQL behind active_user_counts?days=1,7,30 (workspace scope), before and after migration 0013, on one store."""
import calendar, sqlite3, statistics, sys, time
db, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 50
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
to = calendar.timegm(time.strptime(sys.argv[3], '%Y-%m-%d')) if len(sys.argv) > 3 else (int(time.time()) // 86400 + 1) * 86400
where = "workspace_id='bench' AND dimension='workspace' AND value=''"
def old(days):
    return con.execute(f"SELECT count(DISTINCT user_id) FROM active_user_days WHERE {where} AND day_start >= ? AND day_start < ?", (to - days * 86400, to)).fetchone()[0]
def new(days):
    latest = con.execute(f"SELECT last_day FROM active_user_last_days WHERE {where} ORDER BY last_day DESC LIMIT 1").fetchone()
    assert latest is None or latest[0] < to
    return con.execute(f"SELECT count(*) FROM active_user_last_days WHERE {where} AND last_day >= ?", (to - days * 86400,)).fetchone()[0]
print(f"sqlite {sqlite3.sqlite_version}, {runs} runs each, window end {time.strftime('%Y-%m-%d', time.gmtime(to))}")
for days in (1, 7, 30):
    res = {}
    for name, f in (("old", old), ("new", new)):
        f(days)
        t = []
        for _ in range(runs):
            s = time.perf_counter(); answer = f(days); t.append((time.perf_counter() - s) * 1000)
        res[name] = (answer, statistics.median(t), max(t))
    (oa, om, ox), (na, nm, nx) = res["old"], res["new"]
    print(f"{days:>2} days: count(DISTINCT) over active_user_days {oa} users, median {om:.3f} ms (max {ox:.3f}); "
          f"last days {na} users, median {nm:.3f} ms (max {nx:.3f}); ratio {om / nm:.0f}x; same answer: {oa == na}")
