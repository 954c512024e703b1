using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task SiemDestinations_CreateFindUpdateDelete_RoundTripWithinTheWorkspace()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var webhook = NewSiemDestination("ws-a", "0001", SiemDestinationKind.Webhook);
        var syslog = NewSiemDestination("ws-a", "0002", SiemDestinationKind.Syslog) with { Enabled = false };
        var other = NewSiemDestination("ws-b", "0003", SiemDestinationKind.SplunkHec);
        await storage.Siem.CreateAsync(webhook, 0, Ct);
        await storage.Siem.CreateAsync(syslog, 0, Ct);
        await storage.Siem.CreateAsync(other, 0, Ct);

        var found = await storage.Siem.FindAsync("ws-a", webhook.Id, Ct);
        AssertSameDestination(webhook, found);
        Assert.Equal("s3cret-s3cret-s3cret", found!.Secrets.WebhookSecret);
        Assert.Null(await storage.Siem.FindAsync("ws-b", webhook.Id, Ct));
        Assert.Equal([webhook.Id, syslog.Id], (await storage.Siem.ListAsync("ws-a", Ct)).Select(d => d.Id));
        Assert.Equal([webhook.Id, other.Id], (await storage.Siem.ListEnabledAsync(Ct)).Select(d => d.Id));

        var changed = syslog with { Enabled = true, Name = "renamed", ContentLevel = SiemContentLevel.Full, UpdatedAt = Start.AddHours(1) };
        Assert.True(await storage.Siem.UpdateAsync(changed, Ct));
        AssertSameDestination(changed, await storage.Siem.FindAsync("ws-a", syslog.Id, Ct));
        Assert.False(await storage.Siem.UpdateAsync(changed with { WorkspaceId = "ws-b" }, Ct));

        Assert.True(await storage.Siem.DeleteAsync("ws-a", webhook.Id, Ct));
        Assert.False(await storage.Siem.DeleteAsync("ws-a", webhook.Id, Ct));
        Assert.Null(await storage.Siem.FindAsync("ws-a", webhook.Id, Ct));
        Assert.Null(await storage.Siem.GetStateAsync("ws-a", webhook.Id, Ct));
    }

    [Fact]
    public async Task SiemCheckpoint_CommitFromTheReadValue_MovesForwardCountsAndSetsAside()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var d = NewSiemDestination("ws-a", "0001", SiemDestinationKind.Webhook);
        await storage.Siem.CreateAsync(d, startAfterSeq: 5, Ct);
        Assert.Equal(new SiemDeliveryState { CheckpointSeq = 5, AttemptedSeq = 5 }, await storage.Siem.GetStateAsync("ws-a", d.Id, Ct));

        await storage.Siem.BeginAttemptAsync("ws-a", d.Id, 12, Ct);
        await storage.Siem.BeginAttemptAsync("ws-a", d.Id, 9, Ct);
        await storage.Siem.RecordFailureAsync("ws-a", d.Id, "HTTP 503 from receiver", Start, Ct);
        await storage.Siem.RecordFailureAsync("ws-a", d.Id, "connection refused", Start.AddSeconds(2), Ct);
        var failing = await storage.Siem.GetStateAsync("ws-a", d.Id, Ct);
        Assert.Equal((5L, 12L, 2, "connection refused", Start.AddSeconds(2)),
            (failing!.CheckpointSeq, failing.AttemptedSeq, failing.ConsecutiveFailures, failing.LastError, failing.LastErrorAt!.Value));

        var poison = new SiemSetAsideItem(8, Start.AddSeconds(3), "HTTP 400: field too large");
        Assert.True(await storage.Siem.CommitAsync("ws-a", d.Id, new SiemCommit(5, 12, 6, 4, [poison], Start.AddSeconds(3)), Ct));
        // a second deliverer still holding the old checkpoint cannot move it
        Assert.False(await storage.Siem.CommitAsync("ws-a", d.Id, new SiemCommit(5, 20, 8, 0, [], Start.AddSeconds(4)), Ct));
        Assert.True(await storage.Siem.CommitAsync("ws-a", d.Id, new SiemCommit(12, 20, 8, 0, [], Start.AddSeconds(5)), Ct));

        Assert.Equal(
            new SiemDeliveryState
            {
                CheckpointSeq = 20, AttemptedSeq = 20, DeliveredCount = 14, RedeliveredCount = 4, SetAsideCount = 1,
                LastSuccessAt = Start.AddSeconds(5), LastErrorAt = Start.AddSeconds(2), LastError = null, ConsecutiveFailures = 0,
            },
            await storage.Siem.GetStateAsync("ws-a", d.Id, Ct));
        Assert.Equal([poison], await storage.Siem.ListSetAsideAsync("ws-a", d.Id, 0, 10, Ct));
        Assert.Empty(await storage.Siem.ListSetAsideAsync("ws-a", d.Id, 8, 10, Ct));
    }

    [Fact]
    public async Task SiemSetAside_ListedInSeqOrderByPagesAndDeletedWithTheDestination()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var d = NewSiemDestination("ws-a", "0001", SiemDestinationKind.SplunkHec);
        await storage.Siem.CreateAsync(d, 0, Ct);
        var items = new[] { 30L, 4, 17 }.Select(s => new SiemSetAsideItem(s, Start, $"rejected {s}")).ToList();
        Assert.True(await storage.Siem.CommitAsync("ws-a", d.Id, new SiemCommit(0, 40, 37, 0, items, Start), Ct));

        Assert.Equal([4L, 17], (await storage.Siem.ListSetAsideAsync("ws-a", d.Id, 0, 2, Ct)).Select(i => i.Seq));
        Assert.Equal([30L], (await storage.Siem.ListSetAsideAsync("ws-a", d.Id, 17, 2, Ct)).Select(i => i.Seq));
        Assert.True(await storage.Siem.DeleteAsync("ws-a", d.Id, Ct));
        await storage.Siem.CreateAsync(d, 0, Ct);
        Assert.Empty(await storage.Siem.ListSetAsideAsync("ws-a", d.Id, 0, 10, Ct));
    }

    private static SiemDestination NewSiemDestination(string workspaceId, string suffix, SiemDestinationKind kind) => new()
    {
        WorkspaceId = workspaceId,
        Id = "0193a5b0c0de7000800000000000" + suffix,
        Name = "dest " + suffix,
        Kind = kind,
        Format = kind == SiemDestinationKind.Syslog ? SiemPayloadFormat.Cef : SiemPayloadFormat.Ocsf,
        ContentLevel = SiemContentLevel.Hashed,
        Filter = new SiemFilter
        {
            Records = new RecordFilter { Kinds = [RecordKind.UserPrompt], Agents = [Agent.Codex], UserEmails = ["ana@example.com"] },
            DlpFindingsOnly = true,
        },
        Endpoint = new SiemEndpoint
        {
            Url = kind == SiemDestinationKind.Syslog ? null : new Uri("https://siem.example.com:8088/"),
            Host = kind == SiemDestinationKind.Syslog ? "syslog.example.com" : null,
            Port = kind == SiemDestinationKind.Syslog ? 6514 : null,
            Index = "agents",
            IndexerAck = true,
            MaxBatchRecords = 250,
        },
        Secrets = new SiemSecrets { WebhookSecret = "s3cret-s3cret-s3cret", HecToken = "12345678-1234-1234-1234-1234567890AB" },
        CreatedAt = Start,
        UpdatedAt = Start,
    };

    private static void AssertSameDestination(SiemDestination expected, SiemDestination? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Secrets = SiemSecrets.None, Filter = SiemFilter.Everything },
            actual with { Secrets = SiemSecrets.None, Filter = SiemFilter.Everything });
        Assert.Equal(expected.Filter.ToJson().ToJsonString(), actual.Filter.ToJson().ToJsonString());
        Assert.Equal(expected.Secrets.ToJson().ToJsonString(), actual.Secrets.ToJson().ToJsonString());
    }
}
