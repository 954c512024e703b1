using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.Tests;

public sealed partial class PostgreSqlStorageTests
{
    [Fact]
    public async Task AppendAsync_FourInstancesInterleavingAndRetryingEachOthersBatches_StoreOnceWithSeqGapFreeInCommitOrder()
    {
        await using var storage = await CreatePostgreSqlAsync(Time);
        foreach (var id in new[] { "ws-a", "ws-b" })
        {
            await storage.Workspaces.EnsureWorkspaceAsync(id, id, Ct);
        }

        var instances = Enumerable.Range(0, 4).Select(_ => storage.OpenInstance()).ToList();
        var a = SampleActivity.Generate("ws-a", 700, seed: 20, Start);
        var b = SampleActivity.Generate("ws-b", 400, seed: 21, Start);
        var batches = Batches([.. a.Zip(b.Concat(b)).SelectMany(p => new[] { p.First, p.Second })], seed: 22);
        var random = new Random(23);
        // every batch goes to one instance; a third of them is also retried through another (a load balancer's retry)
        var plans = instances.Select(_ => new List<List<ActivityRecord>>()).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            plans[i % plans.Count].Add(batches[i]);
            if (random.Next(3) == 0)
            {
                plans[(i + 1 + random.Next(plans.Count - 1)) % plans.Count].Add(batches[i]);
            }
        }

        using var writersDone = new CancellationTokenSource();
        var followers = new[] { FollowAsync(storage, "ws-a", writersDone.Token), FollowAsync(storage, "ws-b", writersDone.Token) };
        await Task.WhenAll(instances.Select((instance, n) => Task.Run(async () =>
        {
            foreach (var batch in plans[n])
            {
                await instance.Writer.AppendAsync(batch, Ct);
            }
        }, Ct)));
        await writersDone.CancelAsync();
        var seen = await Task.WhenAll(followers);

        var storedA = await ReadAllAsync(storage, "ws-a");
        var storedB = await ReadAllAsync(storage, "ws-b");
        Assert.Equal(a.Select(r => r.EventId).Order(), storedA.Select(r => r.EventId).Order());
        Assert.Equal(b.Select(r => r.EventId).Order(), storedB.Select(r => r.EventId).Order());
        AssertSeqIsOneToN(storedA);
        AssertSeqIsOneToN(storedB);
        Assert.Equal([700L, 400L], seen);
        ExpectedRollups.AssertEqual(ExpectedRollups.From(storedA),
            ExpectedRollups.Of(await storage.Rollups.ReadHourlyAsync("ws-a", Start.AddDays(-1), Start.AddDays(3), Ct)));
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task MigrateAsync_TwoInstancesAtOnceOnAnEmptyDatabase_ApplyEachMigrationOnce()
    {
        var connectionString = await server.CreateDatabaseAsync(Ct);
        await using var first = PostgreSqlTestStorage.Attach(server, connectionString, Time, ownsDatabase: true);
        await using var second = PostgreSqlTestStorage.Attach(server, connectionString, Time, ownsDatabase: false);

        var applied = await Task.WhenAll(Task.Run(() => first.MigrateAsync(Ct), Ct), Task.Run(() => second.MigrateAsync(Ct), Ct));

        Assert.Equal(AgentLedger.Storage.PostgreSql.PostgreSqlMigrator.Available().Count, applied.Sum());
        Assert.Empty(await second.PendingMigrationsAsync(Ct));
    }

    [Fact]
    public async Task TryAcquireAsync_HolderSessionDies_LeaseIsFreeAtOnce()
    {
        await using var storage = await CreatePostgreSqlAsync(Time);
        await using var other = storage.OpenInstance();
        var held = await storage.Leases.TryAcquireAsync("compliance.seal", Ct);
        Assert.NotNull(held);
        Assert.Null(await other.Leases.TryAcquireAsync("compliance.seal", Ct));

        // what a crashed instance looks like to the server: its session ends
        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted", admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync(Ct));
        }

        var taken = await WaitForAsync(() => other.Leases.TryAcquireAsync("compliance.seal", Ct));
        Assert.NotNull(taken);
        await taken.DisposeAsync();
        await held.DisposeAsync(); // its connection is gone; releasing must not throw
    }

    /// <summary>
    /// Follows a workspace's feed while writers run, as the compliance feed does: every page must continue exactly at
    /// the last seq seen plus one. A seq that became visible before a lower one would be skipped, and fail here.
    /// </summary>
    private static async Task<long> FollowAsync(PostgreSqlTestStorage storage, string workspaceId, CancellationToken writersDone)
    {
        var last = 0L;
        while (true)
        {
            var finished = writersDone.IsCancellationRequested;
            var page = await storage.Reader.ReadAfterSeqAsync(workspaceId, last, 250, Ct);
            foreach (var record in page)
            {
                Assert.True(record.Seq == last + 1, $"{workspaceId}: seq {record.Seq} became visible while {last + 1} was not");
                last = record.Seq;
            }

            if (page.Count == 0)
            {
                if (finished)
                {
                    return last;
                }

                await Task.Delay(5, Ct);
            }
        }
    }

    private static List<List<ActivityRecord>> Batches(List<ActivityRecord> records, int seed)
    {
        var random = new Random(seed);
        var batches = new List<List<ActivityRecord>>();
        for (var i = 0; i < records.Count;)
        {
            var size = random.Next(3) == 0 ? random.Next(32, 120) : random.Next(1, 12);
            batches.Add(records.Skip(i).Take(size).ToList());
            i += size;
        }

        return batches;
    }

    private static async Task<T?> WaitForAsync<T>(Func<Task<T?>> attempt)
        where T : class
    {
        for (var i = 0; i < 50; i++)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            await Task.Delay(100, Ct);
        }

        return null;
    }
}
