using System.Text;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Records;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    private const string DlpToken = "ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs";
    private const string DlpAwsKey = "AKIAIOSFODNN7EXAMPLE";
    private static readonly DlpHasher DlpTestHasher = new(Encoding.UTF8.GetBytes("storage contract key, thirty-two characters"));

    /// <summary>Records as ingest hands them to storage: through the real DLP filter with the default policy.</summary>
    private static ActivityRecord[] Filtered(params ActivityRecord[] records) =>
        [.. new DlpIngestFilter(new DlpPolicy(Options.Create(new DlpOptions())), new DlpHasherSource(DlpTestHasher), NullLogger<DlpIngestFilter>.Instance)
            .Apply(records, DlpTestHasher)];

    [Fact]
    public async Task AppendAsync_RecordsWithFindings_StoresEveryFindingWithItsRecordOnce()
    {
        await using var storage = await StorageWithWorkspacesAsync("acme", "other");
        var records = Filtered(
            new RecordBuilder("acme", Start).Kind(RecordKind.UserPrompt).By(email: "kim@example.com").Session("s1")
                .Content($"키{DlpToken} and mail lee@example.org", null).Build(),
            new RecordBuilder("acme", Start.AddMinutes(5)).Kind(RecordKind.UserPrompt).Session("s1").Content("nothing here", null).Build(),
            new RecordBuilder("acme", Start.AddHours(2)).Kind(RecordKind.ToolResult).Session("s2").Tool("shell", $"aws {DlpAwsKey}", null).Build(),
            new RecordBuilder("other", Start).Kind(RecordKind.UserPrompt).Content(DlpToken, null).Build());

        await storage.Writer.AppendAsync(records, Ct);
        // A retried batch stores nothing twice, findings included.
        await storage.Writer.AppendAsync(records, Ct);

        var stored = await ReadAllAsync(storage, "acme");
        var findings = await storage.DlpFindings.ReadAsync("acme", DlpFindingFilter.None, 0, int.MaxValue, 100, Ct);
        Assert.Equal(
            [(1L, 0, "github-token", "secret", "redact", "prompt_text"), (1L, 1, "email", "pii", "flag", "prompt_text"),
                (3L, 0, "aws-access-key-id", "secret", "redact", "tool_input")],
            findings.Select(f => (f.Seq, f.Ordinal, f.Rule, f.Category, f.Action, f.Field)));
        var first = findings[0];
        Assert.Equal((stored[0].Id, Start, stored[0].UserId, "s1", "codex"), (first.RecordId, first.OccurredAt, first.UserId, first.SessionId, first.Agent));
        Assert.NotNull(first.UserId);
        Assert.Equal((1, "[REDACTED:github-token]".Length, 1, DlpToken.Length, DlpTestHasher.Hash(DlpToken)),
            (first.Start, first.Length, first.OriginalStart, first.OriginalLength, first.Hash));
        Assert.Equal("[REDACTED:github-token]", stored[0].PromptText!.Substring(first.Start, first.Length));
        Assert.Equal(StoredDlpFinding.Of(stored[0]), findings.Where(f => f.Seq == 1));
        Assert.Single(await storage.DlpFindings.ReadAsync("other", DlpFindingFilter.None, 0, int.MaxValue, 100, Ct));
    }

    [Fact]
    public async Task PurgeMetadata_DeletesTheFindingsOfPurgedRecords_KeepsTheRest()
    {
        await using var storage = await StorageWithWorkspacesAsync("acme");
        var records = Enumerable.Range(0, 4).Select(i =>
            new RecordBuilder("acme", Start.AddDays(i * 10)).Kind(RecordKind.UserPrompt).By(email: "kim@example.com")
                .Content($"{DlpToken} x{i}", null).Build()).ToArray();
        await storage.Writer.AppendAsync(Filtered(records), Ct);

        // Metadata older than the third record goes: the first two records and their findings with them.
        var result = await storage.Retention.PurgeMetadataAsync("acme", Start.AddDays(15), Time.GetUtcNow(), Ct);
        var findings = await storage.DlpFindings.ReadAsync("acme", DlpFindingFilter.None, 0, int.MaxValue, 100, Ct);

        Assert.Equal(2L, result.Records);
        Assert.Equal([3L, 4L], findings.Select(f => f.Seq));
    }

    [Fact]
    public async Task DlpFindings_FiltersAndCursor_ReturnEachMatchOnceInSeqOrder()
    {
        await using var storage = await StorageWithWorkspacesAsync("acme");
        var records = Enumerable.Range(0, 6).Select(i =>
            new RecordBuilder("acme", Start.AddHours(i)).Kind(RecordKind.UserPrompt).By(email: i % 2 == 0 ? "kim@example.com" : "lee@example.com")
                .Session("s" + (i % 3)).Content($"{DlpToken} {DlpAwsKey} x{i}@example.org", null).Build()).ToArray();
        await storage.Writer.AppendAsync(Filtered(records), Ct);

        var all = await storage.DlpFindings.ReadAsync("acme", DlpFindingFilter.None, 0, int.MaxValue, 1000, Ct);
        Assert.Equal(18, all.Count);
        var paged = new List<StoredDlpFinding>();
        var (afterSeq, afterOrdinal) = (0L, int.MaxValue);
        while (true)
        {
            var page = await storage.DlpFindings.ReadAsync("acme", DlpFindingFilter.None, afterSeq, afterOrdinal, 4, Ct);
            paged.AddRange(page);
            if (page.Count < 4)
            {
                break;
            }

            (afterSeq, afterOrdinal) = (page[^1].Seq, page[^1].Ordinal);
        }

        Assert.Equal(all, paged);
        Assert.Equal(all.OrderBy(f => f.Seq).ThenBy(f => f.Ordinal), all);

        var filters = new[]
        {
            new DlpFindingFilter { Rules = ["github-token"] },
            new DlpFindingFilter { Categories = ["pii"] },
            new DlpFindingFilter { Actions = ["redact"], StartTime = Start.AddHours(2), EndTime = Start.AddHours(4) },
            new DlpFindingFilter { UserIds = [all[0].UserId!] },
            new DlpFindingFilter { SessionIds = ["s1"], Rules = ["email", "aws-access-key-id"] },
            new DlpFindingFilter { Hashes = [DlpTestHasher.Hash(DlpAwsKey)] },
        };
        foreach (var filter in filters)
        {
            var expected = all.Where(filter.Matches).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await storage.DlpFindings.ReadAsync("acme", filter, 0, int.MaxValue, 1000, Ct));
        }

        Assert.Equal(6, all.Count(new DlpFindingFilter { Hashes = [DlpTestHasher.Hash(DlpAwsKey)] }.Matches));
        var forRecords = await storage.DlpFindings.ReadForRecordsAsync("acme", [2, 5], Ct);
        Assert.Equal(all.Where(f => f.Seq is 2 or 5), forRecords);
    }

    [Fact]
    public async Task DlpFindingHours_CountFindingsPerHourRuleAndAction()
    {
        await using var storage = await StorageWithWorkspacesAsync("acme");
        await storage.Writer.AppendAsync(Filtered(
            new RecordBuilder("acme", Start.AddMinutes(10)).Content($"{DlpToken} a@example.org", null).Build(),
            new RecordBuilder("acme", Start.AddMinutes(50)).Content($"{DlpToken} {DlpToken}", null).Build()), Ct);
        await storage.Writer.AppendAsync(Filtered(
            new RecordBuilder("acme", Start.AddHours(3)).Content(DlpAwsKey, null).Build(),
            new RecordBuilder("acme", Start.AddMinutes(30)).Content(DlpToken, null).Build()), Ct);

        var from = Start.ToUnixTimeSeconds();
        var counts = await storage.DlpFindings.ReadHourlyCountsAsync("acme", DlpFindingFilter.None, from, from + 86_400, Ct);

        Assert.Equal(
            [
                new DlpFindingCount(from, "email", "pii", "flag", 1), new DlpFindingCount(from, "github-token", "secret", "redact", 4),
                new DlpFindingCount(from + 3 * 3600, "aws-access-key-id", "secret", "redact", 1),
            ],
            counts);
        Assert.Equal(from + 3 * 3600,
            await storage.DlpFindings.FirstFindingHourAsync("acme", new DlpFindingFilter { Rules = ["aws-access-key-id"] }, from, from + 86_400, Ct));
        Assert.Null(await storage.DlpFindings.FirstFindingHourAsync("acme", new DlpFindingFilter { Categories = ["pii"] }, from + 3600, from + 86_400, Ct));
        Assert.Equal([new DlpFindingCount(from, "email", "pii", "flag", 1)],
            await storage.DlpFindings.ReadHourlyCountsAsync("acme", new DlpFindingFilter { Actions = ["flag"] }, from, from + 86_400, Ct));
    }

    [Fact]
    public async Task ComplianceRead_DlpConditions_SelectRecordsWithOneFindingMeetingAll()
    {
        await using var storage = await StorageWithWorkspacesAsync("acme");
        await storage.Writer.AppendAsync(Filtered(
            new RecordBuilder("acme", Start).Content($"{DlpToken}", null).Build(),
            new RecordBuilder("acme", Start.AddMinutes(1)).Content("kim@example.com", null).Build(),
            new RecordBuilder("acme", Start.AddMinutes(2)).Content("clean", null).Build(),
            new RecordBuilder("acme", Start.AddMinutes(3)).Content($"{DlpAwsKey} lee@example.com", null).Build()), Ct);
        var all = await ReadAllAsync(storage, "acme");

        foreach (var filter in new[]
                 {
                     new RecordFilter { DlpRules = ["github-token"] },
                     new RecordFilter { DlpCategories = ["secret", "pii"] },
                     new RecordFilter { DlpActions = ["flag"] },
                     new RecordFilter { DlpCategories = ["pii"], DlpActions = ["redact"] },
                     new RecordFilter { DlpRules = ["aws-access-key-id"], StartTime = Start.AddMinutes(3) },
                 })
        {
            var expected = all.Where(r => filter.Matches(r, _ => null)).Select(r => r.Seq).ToList();
            var actual = await storage.ComplianceReader.ReadAsync("acme", filter, 0, long.MaxValue, 100, Ct);
            Assert.Equal(expected, actual.Select(r => r.Seq));
        }

        Assert.Equal([1L, 2, 4], all.Where(r => new RecordFilter { DlpCategories = ["secret", "pii"] }.Matches(r, _ => null)).Select(r => r.Seq));
        Assert.DoesNotContain(all, r => new RecordFilter { DlpCategories = ["pii"], DlpActions = ["redact"] }.Matches(r, _ => null));
    }

    [Fact]
    public async Task DlpKeys_GetOrCreate_KeepsTheFirstKeyForEveryLaterCallerAndInstance()
    {
        await using var storage = await StorageWithWorkspacesAsync();
        byte[] first = [1, 2, 3, 4];

        var stored = await storage.DlpKeys.GetOrCreateHashKeyAsync(first, Ct);
        var again = await storage.DlpKeys.GetOrCreateHashKeyAsync([9, 9, 9], Ct);
        await using var other = await storage.OpenInstanceAsync(Ct);
        var fromOther = await other.DlpKeys.GetOrCreateHashKeyAsync([7, 7], Ct);

        Assert.Equal(first, stored);
        Assert.Equal(first, again);
        Assert.Equal(first, fromOther);
    }
}
