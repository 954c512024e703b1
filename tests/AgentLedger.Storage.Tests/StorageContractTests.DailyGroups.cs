using System.Globalization;
using AgentLedger.Core.Analytics;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    private static readonly AnalyticsGroupBy[] DailyGroupings =
        [AnalyticsGroupBy.Workspace, AnalyticsGroupBy.Team, AnalyticsGroupBy.Surface, AnalyticsGroupBy.Client, AnalyticsGroupBy.Model, AnalyticsGroupBy.Agent];

    [Fact]
    public async Task ReadDailyGroupsAsync_EveryDimensionAfterRetriesAndTeams_EqualsThePerUserRollup()
    {
        await using var storage = await DailyGroupStorageAsync();
        var (from, to) = DailyGroupWindow();

        foreach (var groupBy in DailyGroupings)
        {
            foreach (var filter in new[] { AnalyticsFilter.None, FilterOn(groupBy) })
            {
                var scope = new AnalyticsScope("ws-a", filter, AnalyticsActivity.Any);
                var slow = DescribeGroups(await storage.Analytics.ReadCellsAsync(scope, from, to, null, null, Ct), groupBy, null);
                var fast = await storage.Analytics.ReadDailyGroupsAsync(scope, groupBy, from, to, Ct);

                Assert.NotEmpty(slow);
                Assert.Equal(slow, DescribeGroups(fast.Cells, groupBy, fast.ActiveUsers));
            }
        }
    }

    [Fact]
    public async Task ReadDailyGroupsAsync_UserOnTwoClientsOfOneSurfaceInOneDayAndARetriedBatch_CountsTheUserOnce()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var day = new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero);
        List<ActivityRecord> Batch(string id, ClientId client, int hour) =>
        [
            new RecordBuilder("ws-a", day.AddHours(hour), id + "-1").Kind(RecordKind.UserPrompt).By(email: "dual@example.com").Client(client).Model("gpt-5-codex").Build(),
            new RecordBuilder("ws-a", day.AddHours(hour), id + "-2").Kind(RecordKind.UserPrompt).By(email: "solo@example.com").Client(client).Model("gpt-5").Build(),
        ];
        await storage.Writer.AppendAsync(Batch("a", ClientId.CodexCli, 3), Ct);
        await storage.Writer.AppendAsync(Batch("a", ClientId.CodexCli, 3), Ct); // the same batch, retried
        await storage.Writer.AppendAsync(Batch("b", ClientId.ClaudeCodeCli, 20), Ct);
        var (from, to) = (day.ToUnixTimeSeconds(), day.AddDays(1).ToUnixTimeSeconds());
        var scope = new AnalyticsScope("ws-a", AnalyticsFilter.None, AnalyticsActivity.Any);

        var surfaces = await storage.Analytics.ReadDailyGroupsAsync(scope, AnalyticsGroupBy.Surface, from, to, Ct);
        var clients = await storage.Analytics.ReadDailyGroupsAsync(scope, AnalyticsGroupBy.Client, from, to, Ct);
        var models = await storage.Analytics.ReadDailyGroupsAsync(scope, AnalyticsGroupBy.Model, from, to, Ct);

        Assert.Equal(2, surfaces.ActiveUsers[(from, "cli")]);
        Assert.Equal(2, clients.ActiveUsers[(from, "CODEX_CLI")]);
        Assert.Equal(2, clients.ActiveUsers[(from, "CLAUDE_CODE_CLI")]);
        Assert.Equal((1, 1), (models.ActiveUsers[(from, "gpt-5-codex")], models.ActiveUsers[(from, "gpt-5")]));
        Assert.Equal(4, surfaces.Cells.Sum(c => c.Measures.Records));
        Assert.Equal(2, await storage.Analytics.CountActiveUsersAsync(scope, from, to, Ct));
    }

    [Fact]
    public async Task CountActiveUsersAsync_WholeDaysWithAFilterOnOneDimension_MatchesTheRecords()
    {
        await using var storage = await DailyGroupStorageAsync();
        var stored = await ReadAllAsync(storage, "ws-a");
        var (from, to) = DailyGroupWindow();
        foreach (var groupBy in DailyGroupings)
        {
            var filter = FilterOn(groupBy);
            foreach (var (start, end) in new[] { (from, to), (from + 86_400, from + 2 * 86_400), (from + 86_400, to) })
            {
                var values = DailyGroupRollup.FilterValues(filter, DailyGroupRollup.DimensionOf(groupBy)!);
                var expected = stored
                    .Where(r => r.UserId is not null && r.OccurredAt.ToUnixTimeSeconds() >= start && r.OccurredAt.ToUnixTimeSeconds() < end)
                    .Where(r => values.Count == 0 || values.Contains(KeyOf(r, groupBy)))
                    .Select(r => r.UserId).Distinct().Count();

                var counted = await storage.Analytics.CountActiveUsersAsync(new AnalyticsScope("ws-a", filter, AnalyticsActivity.Any), start, end, Ct);

                Assert.Equal(expected, counted);
            }
        }
    }

    [Fact]
    public async Task Migrate_StoreWrittenBefore0012_BackfillsWhatTheWriterMaintains()
    {
        await using var storage = await DailyGroupStorageAsync();
        var (from, to) = DailyGroupWindow();
        var maintained = await DescribeAllDailyGroupsAsync(storage, from, to);

        // The store as a build before migration 0012 left it: no user-free rollups, the migration not applied.
        await storage.ExecuteSqlAsync("DROP TABLE active_user_day_counts", Ct);
        await storage.ExecuteSqlAsync("DROP TABLE active_user_days", Ct);
        await storage.ExecuteSqlAsync("DROP TABLE usage_daily_totals", Ct);
        await storage.ExecuteSqlAsync("DELETE FROM schema_migrations WHERE version = 12", Ct);
        Assert.Equal(1, await storage.MigrateAsync(Ct));
        var backfilled = await DescribeAllDailyGroupsAsync(storage, from, to);
        // and the writer goes on from the backfilled state
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 150, seed: 64, Start, TimeSpan.FromDays(3)), Ct);
        var scope = new AnalyticsScope("ws-a", AnalyticsFilter.None, AnalyticsActivity.Any);
        var fast = await storage.Analytics.ReadDailyGroupsAsync(scope, AnalyticsGroupBy.Surface, from, to, Ct);

        Assert.Equal(maintained, backfilled);
        Assert.Equal(
            DescribeGroups(await storage.Analytics.ReadCellsAsync(scope, from, to, null, null, Ct), AnalyticsGroupBy.Surface, null),
            DescribeGroups(fast.Cells, AnalyticsGroupBy.Surface, fast.ActiveUsers));
    }

    /// <summary>
    /// ws-a with sample activity in several commits (one retried whole), two users in teams, and records in ws-b that
    /// must not leak into ws-a.
    /// </summary>
    private async Task<ITestStorage> DailyGroupStorageAsync()
    {
        var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        await storage.Directory.UpsertUsersAsync("ws-a",
            [new DirectoryUserUpdate("ada@example.com", null, "platform"), new DirectoryUserUpdate("ken@example.com", null, "security")], Ct);
        var sample = SampleActivity.Generate("ws-a", 700, seed: 61, Start, TimeSpan.FromDays(3));
        await storage.Writer.AppendAsync(sample[..300], Ct);
        await storage.Writer.AppendAsync(sample[200..500], Ct); // overlaps the first commit: its repeats are duplicates
        await storage.Writer.AppendAsync(sample[..300], Ct); // the first commit retried whole
        await storage.Writer.AppendAsync(sample[500..], Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-b", 200, seed: 62, Start, TimeSpan.FromDays(3)), Ct);
        return storage;
    }

    private static (long From, long To) DailyGroupWindow()
    {
        var day = Start.ToUnixTimeSeconds() / 86_400 * 86_400;
        return (day - 86_400, day + 5 * 86_400);
    }

    private static AnalyticsFilter FilterOn(AnalyticsGroupBy groupBy) => groupBy switch
    {
        AnalyticsGroupBy.Team => new AnalyticsFilter { Teams = ["platform", ""] },
        AnalyticsGroupBy.Surface => new AnalyticsFilter { Surfaces = ["cli", "cloud"] },
        AnalyticsGroupBy.Client => new AnalyticsFilter { Clients = ["CODEX_CLI"] },
        AnalyticsGroupBy.Model => new AnalyticsFilter { Models = ["gpt-5-codex", ""] },
        AnalyticsGroupBy.Agent => new AnalyticsFilter { Agents = ["claude_code"] },
        _ => AnalyticsFilter.None,
    };

    private async Task<List<string>> DescribeAllDailyGroupsAsync(ITestStorage storage, long from, long to)
    {
        var all = new List<string>();
        foreach (var groupBy in DailyGroupings)
        {
            var scope = new AnalyticsScope("ws-a", FilterOn(groupBy), AnalyticsActivity.Any);
            var groups = await storage.Analytics.ReadDailyGroupsAsync(scope, groupBy, from, to, Ct);
            all.AddRange(DescribeGroups(groups.Cells, groupBy, groups.ActiveUsers).Select(line => $"{groupBy} {line}"));
            all.Add($"{groupBy} distinct={await storage.Analytics.CountActiveUsersAsync(scope, from, to, Ct)}");
        }

        return all;
    }

    /// <summary>Series rows per (UTC day, group), as the page reader builds them, with every counter and breakdown.</summary>
    private static List<string> DescribeGroups(
        IReadOnlyList<AnalyticsCell> cells, AnalyticsGroupBy groupBy, IReadOnlyDictionary<(long, string), int>? counted)
    {
        var rows = new SortedDictionary<(long Day, string Key), AnalyticsSeriesRow>(
            Comparer<(long Day, string Key)>.Create((a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : string.CompareOrdinal(a.Key, b.Key)));
        foreach (var cell in cells)
        {
            var key = (cell.HourStart, AnalyticsGroupKeys.Of(cell, groupBy));
            if (!rows.TryGetValue(key, out var row))
            {
                row = new AnalyticsSeriesRow(key.HourStart, key.HourStart + 86_400, key.Item2);
                rows.Add(key, row);
            }

            row.Add(cell);
        }

        static string Measures(UsageMeasures m) => string.Join(",", UsageMeasures.Columns.Select(c => c.Get(m).ToString(CultureInfo.InvariantCulture)));
        return rows.Values.Where(r => r.Totals.Records > 0).Select(r =>
        {
            r.NormalizeMoney();
            if (counted is not null)
            {
                r.UseActiveUserCount(counted.GetValueOrDefault((r.BucketStart, r.GroupKey)));
            }

            return $"{r.BucketStart} '{r.GroupKey}' users={r.ActiveUsers} totals={Measures(r.Totals)} "
                   + $"clients={string.Join(";", r.ByClient.Select(p => $"{p.Key}:{Measures(p.Value)}"))} "
                   + $"models={string.Join(";", r.ByModel.Select(p => $"{p.Key}:{Measures(p.Value)}"))}";
        }).ToList();
    }
}
