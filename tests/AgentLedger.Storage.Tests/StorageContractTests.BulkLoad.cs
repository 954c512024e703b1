using AgentLedger.Core.Analytics;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Integrity;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

/// <summary>
/// The bulk loader (what data generators and the scale benchmarks fill stores with) stores exactly what the writer
/// stores for the same events: records and seqs, users, threads, hourly and daily rollups, DLP findings, review
/// engagement, and a hash chain that verifies; and the indexes it drops during the load are back afterwards.
/// </summary>
public abstract partial class StorageContractTests
{
    [Fact]
    public async Task BulkLoad_SameEventsAsTheWriter_SameRecordsRollupsFindingsAndAVerifyingChain()
    {
        var records = Filtered(
        [
            .. SampleActivity.Generate("acme", 300, 11, Start),
            .. Enumerable.Range(0, 12).Select(i => new RecordBuilder("acme", Start.AddMinutes(37 * i)).Kind(RecordKind.UserPrompt)
                .By(email: $"dev{i % 3}@example.com").Session($"dlp-{i % 4}").Content($"key {DlpToken} mail lee{i}@example.org", null).Build()),
        ]);
        await using var written = await StorageWithWorkspacesAsync("acme");
        var writtenCount = 0;
        foreach (var batch in records.Chunk(7))
        {
            writtenCount += (await written.Writer.AppendAsync(batch, Ct)).Count(o => o.Stored);
        }

        await using var loaded = await StorageWithWorkspacesAsync("acme");
        var progress = new List<long>();
        var loadedCount = await loaded.BulkLoader.LoadAsync(records.Chunk(50), new ListProgress(progress), Ct);
        // a second load of the same events stores nothing twice, as the writer would not
        var again = await loaded.BulkLoader.LoadAsync([records[..40]], null, Ct);

        Assert.Equal((writtenCount, 0L), (loadedCount, again));
        Assert.Equal(records.Chunk(50).Count(), progress.Count);
        Assert.Equal(loadedCount, progress[^1]);
        var (writtenRecords, loadedRecords) = (await ReadAllAsync(written, "acme"), await ReadAllAsync(loaded, "acme"));
        var (writtenUsers, loadedUsers) = (Canonical(writtenRecords), Canonical(loadedRecords));
        Assert.Equal(
            writtenRecords.Select(r => (AsSent(r), r.Seq, writtenUsers(r.UserId), r.Team)),
            loadedRecords.Select(r => (AsSent(r), r.Seq, loadedUsers(r.UserId), r.Team)));

        var (from, to) = (Start.AddDays(-2), Start.AddDays(3));
        Assert.Equal(
            (await written.Rollups.ReadHourlyAsync("acme", from, to, Ct)).Select(r => Row(r, writtenUsers)).Order(StringComparer.Ordinal),
            (await loaded.Rollups.ReadHourlyAsync("acme", from, to, Ct)).Select(r => Row(r, loadedUsers)).Order(StringComparer.Ordinal));
        // whole UTC days: answered from the daily rollup
        var scope = new AnalyticsScope("acme", AnalyticsFilter.None, AnalyticsActivity.Any);
        var days = (new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero).ToUnixTimeSeconds(), new DateTimeOffset(to.UtcDateTime.Date, TimeSpan.Zero).ToUnixTimeSeconds());
        var writtenCells = (await written.Analytics.ReadCellsAsync(scope, days.Item1, days.Item2, null, null, Ct)).Select(c => Cell(c, writtenUsers)).Order(StringComparer.Ordinal).ToList();
        var loadedCells = (await loaded.Analytics.ReadCellsAsync(scope, days.Item1, days.Item2, null, null, Ct)).Select(c => Cell(c, loadedUsers)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(writtenCells);
        Assert.Equal(writtenCells, loadedCells);
        // and the user-free daily rollups (no user ids in them: compared as they are)
        foreach (var groupBy in DailyGroupings)
        {
            var (writtenGroups, loadedGroups) = (await written.Analytics.ReadDailyGroupsAsync(scope, groupBy, days.Item1, days.Item2, Ct),
                await loaded.Analytics.ReadDailyGroupsAsync(scope, groupBy, days.Item1, days.Item2, Ct));
            Assert.Equal(DescribeGroups(writtenGroups.Cells, groupBy, writtenGroups.ActiveUsers), DescribeGroups(loadedGroups.Cells, groupBy, loadedGroups.ActiveUsers));
        }

        // and the distinct active users of whole days (the users' last days and the membership rows, which the PostgreSQL
        // loader rebuilds from the daily rollup at the end rather than per commit), for the workspace and each one value
        (long, long)[] windows = [(days.Item1, days.Item2), (days.Item2 - 86_400, days.Item2), (days.Item1, days.Item1 + 86_400)];
        foreach (var (_, filter) in OneValueScopes(writtenRecords))
        {
            var valueScope = new AnalyticsScope("acme", filter, AnalyticsActivity.Any);
            Assert.Equal(
                await written.Analytics.CountActiveUsersAsync(valueScope, windows, useUserFreeRollups: true, Ct),
                await loaded.Analytics.CountActiveUsersAsync(valueScope, windows, useUserFreeRollups: true, Ct));
        }

        var reviewScope = scope with { Activity = AnalyticsActivity.CodeReview };
        Assert.Equal(
            (await written.Analytics.ReadCellsAsync(reviewScope, days.Item1, days.Item2, null, null, Ct)).Select(c => Cell(c, writtenUsers)).Order(StringComparer.Ordinal),
            (await loaded.Analytics.ReadCellsAsync(reviewScope, days.Item1, days.Item2, null, null, Ct)).Select(c => Cell(c, loadedUsers)).Order(StringComparer.Ordinal));

        var writtenFindings = await written.DlpFindings.ReadAsync("acme", DlpFindingFilter.None, 0, int.MaxValue, 1_000, Ct);
        var loadedFindings = await loaded.DlpFindings.ReadAsync("acme", DlpFindingFilter.None, 0, int.MaxValue, 1_000, Ct);
        Assert.Equal(24, writtenFindings.Count);
        Assert.Equal(writtenFindings.Select(f => f with { UserId = writtenUsers(f.UserId) }), loadedFindings.Select(f => f with { UserId = loadedUsers(f.UserId) }));

        var verification = await new RecordChainVerifier(loaded.Chain).VerifyAsync("acme", Ct);
        Assert.True(verification!.Valid, string.Join("; ", verification.Problems));
        Assert.Equal(loadedCount, verification.RecordsChecked);
        // the secondary indexes dropped for the load exist again (dropping a missing one fails)
        await loaded.ExecuteSqlAsync("DROP INDEX ix_records_user", Ct);
        await loaded.ExecuteSqlAsync("DROP INDEX ix_dlp_findings_rule", Ct);
    }

    /// <summary>User ids are random per store: each becomes the position of its first appearance in seq order.</summary>
    private static Func<string?, string?> Canonical(IEnumerable<ActivityRecord> records)
    {
        var order = new Dictionary<string, string>();
        foreach (var id in records.Select(r => r.UserId).OfType<string>())
        {
            order.TryAdd(id, "user" + order.Count);
        }

        return id => id is null ? null : id.Length == 0 ? "" : order[id];
    }

    private static string Figures(UsageMeasures measures) => string.Join(",", UsageMeasures.Columns.Select(c => c.Get(measures)));

    private static string Row(UsageRollupRow row, Func<string?, string?> user) =>
        $"{row.Key with { UserId = user(row.Key.UserId)! }} {Figures(row.Measures)}";

    private static string Cell(AnalyticsCell cell, Func<string?, string?> user) =>
        $"{cell with { UserId = user(cell.UserId)!, Measures = new UsageMeasures(), Engagement = null }} {Figures(cell.Measures)} {Engagement(cell.Engagement)}";

    private static string Engagement(ReviewEngagement? e) =>
        e is null ? "-" : $"{e.Comments},{e.Engaged},{e.Reacted},{e.Upvoted},{e.Downvoted},{e.ReactedOther},{e.Replied}";

    private sealed class ListProgress(List<long> values) : IProgress<long>
    {
        public void Report(long value) => values.Add(value);
    }
}
