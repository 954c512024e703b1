using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task AuditLog_AppendsInTwoWorkspaces_EachGetsGapFreeSeqAndReadsBackAsStored()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var sent = new List<AuditEvent>();
        for (var i = 0; i < 7; i++)
        {
            sent.Add(await storage.AuditLog.AppendAsync(NewAuditEvent(i % 2 == 0 ? "ws-a" : "ws-b", i), Ct));
        }

        Assert.Equal([1L, 1, 2, 2, 3, 3, 4], sent.Select(e => e.Seq));
        var readA = await storage.AuditLog.ReadAfterSeqAsync("ws-a", 0, 100, Ct);
        Assert.Equal(sent.Where(e => e.WorkspaceId == "ws-a").Select(Comparable), readA.Select(Comparable));
        Assert.Equal(sent.Where(e => e.WorkspaceId == "ws-b").Skip(1).Select(Comparable),
            (await storage.AuditLog.ReadAfterSeqAsync("ws-b", 1, 100, Ct)).Select(Comparable));
        Assert.Equal(4, await storage.AuditLog.LastSeqAsync("ws-a", Ct));
        Assert.Equal(0, await storage.AuditLog.LastSeqAsync("ws-none", Ct));
    }

    [Fact]
    public async Task AuditLog_ConcurrentAppendsFromTwoInstances_ReaderPagingOnSeqNeverSkipsOne()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await using var second = await storage.OpenInstanceAsync(Ct);
        const int writers = 4, perWriter = 40;
        var seen = new ConcurrentBag<string>();
        using var done = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var after = 0L;
            while (true)
            {
                var finished = done.IsCancellationRequested;
                var page = await second.AuditLog.ReadAfterSeqAsync("ws-a", after, 7, Ct);
                foreach (var e in page)
                {
                    // a reader that stores its cursor must see seqs without holes, or it would skip an event for good
                    Assert.Equal(after + 1, e.Seq);
                    after = e.Seq;
                    seen.Add(e.EventId);
                }

                if (finished && page.Count == 0)
                {
                    return;
                }

                if (page.Count == 0)
                {
                    await Task.Delay(5);
                }
            }
        });

        var appended = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var log = w % 2 == 0 ? storage.AuditLog : second.AuditLog;
            var ids = new List<string>();
            for (var i = 0; i < perWriter; i++)
            {
                ids.Add((await log.AppendAsync(NewAuditEvent("ws-a", (w * 1000) + i), Ct)).EventId);
            }

            return ids;
        })));
        await done.CancelAsync();
        await reader;

        Assert.Equal(writers * perWriter, await storage.AuditLog.LastSeqAsync("ws-a", Ct));
        Assert.Equal(appended.SelectMany(x => x).Order(), seen.Order());
    }

    private AuditEvent NewAuditEvent(string workspaceId, int i) => new()
    {
        WorkspaceId = workspaceId,
        EventId = RecordIds.NewId(Time.GetUtcNow()),
        OccurredAt = Start.AddSeconds(i).AddMilliseconds(123),
        Action = i % 3 == 0 ? AuditActions.ReadRecords : AuditActions.CreateApiKey,
        Result = (AuditResult)(i % 3),
        Privilege = i % 2 == 0 ? "compliance.read" : null,
        Actor = i % 2 == 0 ? AuditActor.ApiKey("0123456789abcdef", "auditor key") : AuditActor.LocalOperator("root"),
        ClientIp = i % 2 == 0 ? "10.0.0." + i : null,
        UserAgent = i % 2 == 0 ? "curl/8.5" : null,
        ActionData = i % 4 == 3 ? null : new JsonObject { ["record_count"] = i, ["filter"] = new JsonObject { ["text"] = "naïve “quote” " + i } },
    };

    private static string Comparable(AuditEvent e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        AuditLogFormatter.WriteLine(buffer, e);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
